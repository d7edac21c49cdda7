"""Running each rule's own ``examples:`` (``checker rules test``), like Vale and ruff fixtures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.model import Assertion, Document
from checker.rules.base import AuditContext, RuleKind

NEEDS_ASSERTIONS = frozenset({"bounds", "sum", "reference"})  # kinds whose examples must be extracted first
Extractor = Callable[[Sequence[Document]], list[Assertion]]


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    expect: str  # "fail" (must trigger) | "pass" (must not)
    text: str
    ok: bool
    findings: int


def run_examples(rules: Sequence[RuleKind], extract: Extractor | None = None) -> list[ExampleResult]:
    """Each example text is audited alone; ``extract`` supplies assertions for kinds that need them."""
    out: list[ExampleResult] = []
    for rule in rules:
        for expect in ("fail", "pass"):
            for i, text in enumerate(rule.spec.examples.get(expect, [])):
                doc = Document(id=f"{rule.id}-{expect}-{i}", text=text)
                assertions = extract([doc]) if extract is not None and rule.spec.kind in NEEDS_ASSERTIONS else []
                n = len(list(rule.check(AuditContext([doc], assertions))))
                out.append(ExampleResult(rule.id, expect, text, (n > 0) == (expect == "fail"), n))
    return out
