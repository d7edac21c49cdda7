"""Every rule's own `examples:` (fail / pass texts) hold, as Vale and ruff keep fixtures beside rules."""

from __future__ import annotations

import pytest

from checker.model import Document
from checker.rules import load_rules
from checker.rules.base import AuditContext

RULES = [r for r in load_rules() if r.spec.examples]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    for i, text in enumerate(rule.spec.examples.get("fail", [])):
        doc = Document(id=f"fail-{i}", text=text)
        assert list(rule.check(AuditContext([doc], []))), f"{rule.id} should fire on: {text}"
    for i, text in enumerate(rule.spec.examples.get("pass", [])):
        doc = Document(id=f"pass-{i}", text=text)
        assert not list(rule.check(AuditContext([doc], []))), f"{rule.id} should not fire on: {text}"


def test_there_are_examples_for_every_ai_rule():
    assert {"CHK100", "CHK101", "CHK102"} <= {r.id for r in RULES}
