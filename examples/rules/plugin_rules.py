"""An example Python plugin: a rule kind plus a ready-made rule using it.

Load it with ``checker audit seeds --plugin examples/rules/plugin_rules.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.model import Finding, Severity
from checker.registry import rule_kinds
from checker.rules.base import AuditContext, RuleKind

ATTRIBUTION = re.compile(r"\b(according to|said|says|reported|estimated|estimates|told|data from|figures from)\b", re.I)


@rule_kinds.register("unsourced-big-money")
class UnsourcedBigMoney(RuleKind):
    """A large money figure stated with no source in its sentence.

    What it checks:
        Every currency assertion of at least ``min_value`` whose sentence names
        no source ("according to", "said", "reported", ...).

    Why it matters:
        Deal values and budgets are the figures most often inflated in
        rewrites; an unsourced one cannot be traced back.

    Example pack entry:
        id: DESK-100
        kind: unsourced-big-money
        min_value: 1000000000
    """

    kind = "unsourced-big-money"
    default_severity = Severity.INFO
    default_message = "{text} is stated without a source"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"min_value": {"type": "number", "minimum": 0, "description": "Smallest amount checked."}},
    }

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        floor = self.options.get("min_value", 1e9)
        for a in ctx.assertions:
            amount = a.value if a.value is not None else a.high
            if a.unit_class != "currency" or amount is None or amount < floor:
                continue
            if ATTRIBUTION.search(a.sentence):
                continue
            yield self.finding(self.format(text=a.text), doc=ctx.docs.get(a.doc_id), start=a.start, end=a.end,
                               evidence=a.text, key=str(a.start))


RULES = [
    {
        "id": "DESK-100",
        "kind": "unsourced-big-money",
        "severity": "info",
        "message": "{text} is stated without a source",
        "min_value": 1_000_000_000,
    }
]
