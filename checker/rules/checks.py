"""Assertion-level kinds (bounds) and the credibility rubric table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from checker.model import Finding, Severity
from checker.registry import rule_kinds
from checker.rules.base import AuditContext, RuleKind, normalise_evidence

SIGNALS = (
    "byline",
    "published",
    "outlet",
    "attribution",
    "not-ai-generated",
    "no-leaked-text",
    "internal-consistency",
    "agreement-record",
)


@rule_kinds.register("bounds")
class Bounds(RuleKind):
    """A figure must lie in a range, and a stated range must run low to high.

    What it checks:
        Every assertion whose unit (``unit``) matches, and whose measure,
        sentence, and the text right after the figure match the optional
        regexes ``measure``, ``sentence`` and ``after``: its interval must lie
        within [``low``, ``high``]. Any stated range whose low end exceeds its
        high end is reported too.

    Why it matters:
        A share of 130 % of a market or a negative death toll is a misread or
        a typo, whatever the other sources say.

    Example pack entry:
        id: DESK-200
        kind: bounds
        message: "{text} is outside {low}-{high}"
        unit: "%"
        after: "^\\s*of\\b"
        low: 0
        high: 100
    """

    kind = "bounds"
    default_severity = Severity.WARNING
    default_message = "{text} lies outside [{low}, {high}]"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "unit": {"type": "string", "description": "Canonical unit the rule applies to, e.g. '%' or 'deaths'."},
            "measure": {"type": "string", "description": "Regex the assertion's measure must match."},
            "sentence": {"type": "string", "description": "Regex the sentence must match."},
            "after": {
                "type": "string",
                "description": "Regex the text right after the figure must match (e.g. '^\\s*of').",
            },
            "low": {"type": "number", "description": "Smallest allowed value."},
            "high": {"type": "number", "description": "Largest allowed value."},
        },
    }

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        unit = self.options.get("unit")
        measure, sentence, after = (
            re.compile(self.options[k], re.I) if self.options.get(k) else None for k in ("measure", "sentence", "after")
        )
        low = self.options.get("low", float("-inf"))
        high = self.options.get("high", float("inf"))
        for a in ctx.assertions:
            if unit is not None and a.unit != unit:
                continue
            if measure and not measure.search(a.measure or ""):
                continue
            if sentence and not sentence.search(a.sentence):
                continue
            doc = ctx.docs.get(a.doc_id)
            if after and not (doc and after.search(doc.text[a.end : a.end + 40])):
                continue
            bad_order = a.low is not None and a.high is not None and a.low > a.high
            values = [v for v in (a.value, a.low, a.high) if v is not None]
            outside = any(v < low or v > high for v in values)
            if bad_order or outside:
                yield self.finding(
                    self.format(text=a.text, low=low, high=high, doc=a.doc_id),
                    doc=doc,
                    start=a.start,
                    end=a.end,
                    evidence=a.text,
                    key=normalise_evidence(a.sentence),
                )


@rule_kinds.register("credibility")
class CredibilityRubric(RuleKind):
    """Criteria and weights of the source credibility rubric.

    What it checks:
        Nothing by itself: scoring reads the criteria. Each criterion names a
        ``signal`` the scorer measures (byline, published, outlet,
        attribution, not-ai-generated, no-leaked-text, internal-consistency,
        agreement-record) and the ``points`` it is worth; a document's score is
        the points earned over the points possible, 0-100.

    Why it matters:
        A credibility score is only useful if an editor can check every point
        of it; the weights are the desk's judgement, kept out of code.

    Example pack entry:
        id: DESK-300
        kind: credibility
        criteria:
          - {signal: byline, points: 20}
          - {signal: agreement-record, points: 30}
    """

    kind = "credibility"
    default_severity = Severity.INFO
    default_message = "{doc} scores {score}/100"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["criteria"],
        "properties": {
            "criteria": {
                "type": "array",
                "description": "Rows: signal, points, optional name.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["signal", "points"],
                    "properties": {
                        "signal": {"enum": list(SIGNALS)},
                        "points": {"type": "number", "minimum": 0},
                        "name": {"type": "string"},
                    },
                },
            },
            "low_score": {"type": "integer", "minimum": 0, "maximum": 100, "description": "Report sources below this."},
        },
    }

    def weights(self) -> list[Mapping[str, Any]]:
        return list(self.options["criteria"])
