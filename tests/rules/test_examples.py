"""Every rule's own `examples:` (fail / pass texts) hold, as Vale and ruff keep fixtures beside rules."""

from __future__ import annotations

import pytest

from checker.rules import load_rules
from checker.rules.examples import NEEDS_ASSERTIONS, run_examples

# kinds whose examples need extraction are run through `checker rules test` (tests/test_plugins.py)
RULES = [r for r in load_rules() if r.spec.examples and r.spec.kind not in NEEDS_ASSERTIONS]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    results = run_examples([rule])
    assert results
    failed = [f"{r.expect}: {r.text!r} ({r.findings} findings)" for r in results if not r.ok]
    assert not failed, f"{rule.id}: " + "; ".join(failed)


def test_there_are_examples_for_every_ai_rule():
    assert {"CHK100", "CHK101", "CHK102"} <= {r.id for r in RULES}
