"""Figure kinds that check assertions against each other or a table: ``sum`` and ``reference``."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from checker.errors import RulePackError
from checker.model import Assertion, Finding, Qualifier, Severity, Tolerance, Verdict
from checker.registry import rule_kinds
from checker.rules.agreement import judge_pair
from checker.rules.base import AuditContext, RuleKind

STATED = {Qualifier.EXACT, Qualifier.APPROX}
WORD = re.compile(r"[a-z][a-z0-9-]*")


def _key(text: str | None) -> str:
    return " ".join(sorted(set(WORD.findall((text or "").lower())) - {"of", "the", "a", "an", "in", "on", "global"}))


@rule_kinds.register("sum")
class Sum(RuleKind):
    """Parts of one measure must add up to no more than their total.

    What it checks:
        Within each document, the stated figures in ``unit`` (default "%")
        that share a measure but name different subjects — the shares of a
        market held by different countries, say — are summed; more than
        ``total`` (default 100) plus ``tolerance`` is reported. A figure whose
        subject matches ``total_subject`` is taken as the stated total instead.

    Why it matters:
        Shares that add up to 130 % mean at least one is wrong, even when no
        other source states the same figures.

    Example pack entry:
        id: DESK-210
        kind: sum
        unit: "%"
        total: 100
        tolerance: 2
    """

    kind = "sum"
    default_severity = Severity.WARNING
    default_message = "Parts of {measure} add up to {sum:g}{unit}, more than the total {total:g}{unit}: {parts}"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "unit": {"type": "string", "description": "Canonical unit of the parts (default '%')."},
            "total": {"type": "number", "description": "The whole the parts may not exceed (default 100)."},
            "tolerance": {"type": "number", "minimum": 0, "description": "Slack, in the unit (default 1)."},
            "total_subject": {"type": "string", "description": "Regex on a subject that marks a stated total."},
        },
    }

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        unit = self.options.get("unit", "%")
        tol = float(self.options.get("tolerance", 1.0))
        total_re = re.compile(self.options.get("total_subject", r"\b(total|overall|combined|all)\b"), re.I)
        buckets: dict[tuple[str, str], list[Assertion]] = defaultdict(list)
        for a in ctx.assertions:
            if a.unit == unit and a.qualifier in STATED and a.value is not None and a.subject and _key(a.measure):
                buckets[(a.doc_id, _key(a.measure))].append(a)
        for (doc_id, _measure), items in sorted(buckets.items()):
            totals = [a for a in items if total_re.search(a.subject or "")]
            parts = {(a.subject or "").lower(): a for a in items if a not in totals}
            if len(parts) < 2:
                continue
            whole = totals[0].value if totals else float(self.options.get("total", 100))
            s = sum(a.value or 0.0 for a in parts.values())
            if whole is not None and s > whole + tol:
                first = min(parts.values(), key=lambda a: a.start)
                listing = ", ".join(f"{a.subject} {a.text}" for a in sorted(parts.values(), key=lambda a: a.start))
                yield self.finding(
                    self.format(measure=first.measure, sum=s, total=whole, unit=unit, parts=listing),
                    doc=ctx.docs.get(doc_id),
                    start=first.start,
                    end=first.end,
                    evidence=listing,
                )


@rule_kinds.register("reference")
class Reference(RuleKind):
    """A figure must agree with a reference table the desk trusts.

    What it checks:
        Every assertion whose unit equals a row's unit, whose subject matches
        the row's subject (when the row names one) and whose measure is like
        the row's measure (rapidfuzz, ``threshold``) is judged against the
        row's value with the agreement convention; anything but agreement is
        reported with the row's source. ``table`` is a CSV or YAML file
        (columns subject, measure, value, unit, source), relative to the pack.

    Why it matters:
        Five outlets can agree with each other and all be wrong; an official
        statistic settles it.

    Example pack entry:
        id: DESK-220
        kind: reference
        table: reference.csv
        threshold: 70
    """

    kind = "reference"
    default_severity = Severity.WARNING
    default_message = "{text} ({doc}) disagrees with the reference {value:g} {unit} ({source}): {reason}"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["table"],
        "properties": {
            "table": {"type": "string", "description": "CSV or YAML rows: subject, measure, value, unit, source."},
            "threshold": {"type": "number", "minimum": 0, "maximum": 100, "description": "Measure similarity."},
            "minor_relative": {"type": "number", "minimum": 0, "description": "Minor band (default 0.02)."},
        },
    }

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        path = Path(self.spec.file).parent / self.options["table"]
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RulePackError(
                f"cannot read reference table {path}: {exc.strerror}", self.spec.file, self.spec.line
            ) from None
        try:
            raw = list(csv.DictReader(text.splitlines())) if path.suffix == ".csv" else yaml.safe_load(text)
        except (csv.Error, yaml.YAMLError) as exc:
            raise RulePackError(f"bad reference table {path}: {exc}", self.spec.file, self.spec.line) from None
        rows = []
        for i, r in enumerate(raw or []):
            try:
                rows.append({**r, "value": float(r["value"])})
            except (KeyError, TypeError, ValueError):
                raise RulePackError(
                    f"{path}: row {i + 1} needs a numeric 'value'", self.spec.file, self.spec.line
                ) from None
        return rows

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        threshold = float(self.options.get("threshold", 70))
        tol = Tolerance(minor_relative=float(self.options.get("minor_relative", 0.02)))
        for a in ctx.assertions:
            for row in self.rows:
                if a.unit != row.get("unit") or not a.measure:
                    continue
                subj = (row.get("subject") or "").lower()
                if subj and subj not in (a.subject or "").lower():
                    continue
                if fuzz.token_set_ratio(_key(row.get("measure")), _key(a.measure)) < threshold:
                    continue
                ref = Assertion(
                    id="reference", doc_id="reference", start=0, end=0, text=str(row["value"]), value=row["value"],
                    low=row["value"], high=row["value"], qualifier=Qualifier.EXACT, unit=a.unit, sentence="",
                    stated_decimals=_decimals(str(row["value"])),
                )  # fmt: skip
                verdict, reason, _ = judge_pair(a, ref, tol)
                if verdict is Verdict.AGREE:
                    continue
                yield self.finding(
                    self.format(text=a.text, doc=a.doc_id, value=row["value"], unit=a.unit or "",
                                source=row.get("source", "reference"), reason=reason),
                    doc=ctx.docs.get(a.doc_id), start=a.start, end=a.end, evidence=a.text,
                    key=f"{row.get('subject')}|{row.get('measure')}",
                    severity=self.spec.severity if verdict is Verdict.CONFLICT else Severity.INFO,
                )  # fmt: skip


def _decimals(text: str) -> int:
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0
