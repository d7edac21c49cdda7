"""docs/rules.md is generated from the kinds and the default pack, and must be fresh."""

from __future__ import annotations

from pathlib import Path

from checker.registry import rule_kinds
from checker.rules import load_rules
from checker.rules.docs import reference

ROOT = Path(__file__).resolve().parents[2]


def test_rules_reference_is_fresh():
    expected = reference(load_rules(installed_plugins=False).specs)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `checker rules docs --out docs/rules.md`"


def test_every_kind_is_documented_with_its_options():
    text = reference()
    for name, kind in rule_kinds.items():
        assert f"## Kind `{name}`" in text
        for key in kind.options_schema.get("properties", {}):
            assert f"`{key}`" in text
