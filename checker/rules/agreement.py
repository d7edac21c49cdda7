"""The verdict rule: do the sources in a group agree on the figure?"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from checker.extract.units import conversion_factor
from checker.model import Assertion, Finding, Group, PairJudgement, Qualifier, Severity, Tolerance, Verdict
from checker.registry import rule_kinds
from checker.rules.base import AuditContext, RuleKind

# Qualifiers whose figure is a stated point (exact, hedged, or a stated maximum).
STATED = {Qualifier.EXACT, Qualifier.APPROX, Qualifier.UPTO, Qualifier.NEARLY}
HEDGED = {Qualifier.APPROX, Qualifier.NEARLY}
EPS = 1e-9


def stated(a: Assertion) -> float | None:
    return a.value if a.qualifier in STATED and a.value is not None else None


def precision(a: Assertion) -> float:
    """The unit of the last digit the source committed to.

    "16.2 million" -> 0.1 million. A hedged round figure ("about 60") commits
    only to its leading digits, so its trailing zeros widen the precision to 10;
    an unhedged "100%" commits to every digit.
    """
    scale = a.scale or 1.0
    value = a.value or 0.0
    decimals = a.stated_decimals if a.stated_decimals is not None else 0
    if decimals > 0:
        return scale * 10.0**-decimals
    if a.qualifier in HEDGED:
        mantissa = round(abs(value) / scale)
        zeros = 0
        while mantissa and mantissa % 10 == 0:
            mantissa //= 10
            zeros += 1
        return scale * 10.0**zeros
    return scale


def interval(a: Assertion) -> tuple[float, float]:
    lo = -math.inf if a.low is None else a.low
    hi = math.inf if a.high is None else a.high
    if a.low is None and a.high is None and a.value is not None:
        lo = hi = a.value
    return lo, hi


def _includes(a: Assertion, x: float) -> bool:
    lo, hi = interval(a)
    if x < lo - EPS or x > hi + EPS:
        return False
    if lo != hi and abs(x - lo) <= EPS and not a.low_inclusive:
        return False
    return not (lo != hi and abs(x - hi) <= EPS and not a.high_inclusive)


def overlap(a: Assertion, b: Assertion) -> bool:
    """Do the two intervals share a point (respecting open ends)?"""
    alo, ahi = interval(a)
    blo, bhi = interval(b)
    lo, hi = max(alo, blo), min(ahi, bhi)
    if lo < hi - EPS:
        return True
    if abs(lo - hi) <= EPS or lo == hi:
        return _includes(a, lo) and _includes(b, lo)
    return False


def gap(a: Assertion, b: Assertion) -> float:
    """Relative distance between two intervals (0 when they overlap)."""
    alo, ahi = interval(a)
    blo, bhi = interval(b)
    if ahi < blo:
        return (blo - ahi) / max(abs(blo), abs(ahi), EPS)
    if bhi < alo:
        return (alo - bhi) / max(abs(alo), abs(bhi), EPS)
    return 0.0


def fmt(x: float) -> str:
    for scale, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(x) >= scale:
            return f"{x / scale:g}{word}"
    return f"{x:g}"


def in_unit(a: Assertion, unit: str | None) -> Assertion:
    """The mention with its figure in ``unit`` (Pint), so "185 mph" is judged against "298 km/h"; as is otherwise."""
    if unit is None or a.unit == unit or a.unit is None:
        return a
    factor = conversion_factor(a.unit, unit)
    if factor is None:
        return a

    def conv(x: float | None) -> float | None:
        return None if x is None else x * factor

    shown = next((x for x in (a.value, a.high, a.low) if x is not None), None)
    text = a.text if shown is None else f"{a.text} (= {shown * factor:.4g} {unit})"
    out = replace(a, value=conv(a.value), low=conv(a.low), high=conv(a.high), unit=unit,
                  scale=(a.scale or 1.0) * factor, text=text)
    if a.value is not None and a.low == a.high == a.value:
        # a flat figure stands for everything that rounds to it; once converted, that rounding is all it claims
        half = precision(out) / 2
        out = replace(out, low=out.value - half, high=out.value + half, high_inclusive=False)
    return out


def judge_pair(a: Assertion, b: Assertion, tol: Tolerance) -> tuple[Verdict, str, float]:
    """Verdict, reason and severity score (relative difference) for one pair."""
    sa, sb = stated(a), stated(b)
    if sa is not None and sb is not None:
        coarse = max(precision(a), precision(b))
        diff = abs(sa - sb)
        rel = diff / max(abs(sa), abs(sb), EPS)
        close = diff <= coarse / 2 + EPS * max(1.0, coarse) or diff <= tol.absolute
        if close and overlap(a, b):
            return Verdict.AGREE, f"{fmt(sa)} and {fmt(sb)} match at a precision of {fmt(coarse)}", 0.0
        if rel < tol.minor_relative:
            return (
                Verdict.MINOR,
                f"stated figures {fmt(sa)} and {fmt(sb)} differ by {rel:.1%} "
                f"(under the {tol.minor_relative:.0%} minor band)",
                rel,
            )
        return Verdict.CONFLICT, f"stated figures {fmt(sa)} and {fmt(sb)} differ by {rel:.1%}", rel
    if overlap(a, b):
        return Verdict.AGREE, f"intervals of {a.text!r} and {b.text!r} overlap", 0.0
    g = gap(a, b)
    if g < tol.minor_relative:
        return Verdict.MINOR, f"intervals of {a.text!r} and {b.text!r} miss each other by {g:.1%}", g
    return Verdict.CONFLICT, f"intervals of {a.text!r} and {b.text!r} do not overlap (gap {g:.1%})", g


@rule_kinds.register("agreement")
class Agreement(RuleKind):
    """Tolerance and precision policy that decides each group's verdict.

    What it checks:
        Every pair of mentions from different sources in a group. Two stated
        figures agree when they match at the precision of the coarser one
        ("about 60" and "61"); they are a minor discrepancy when they differ by
        less than ``minor_relative`` (16.1 vs 16.2 million); anything larger is
        a conflict. Mentions without a stated figure (bounds, ranges) agree
        when their intervals overlap. The worst pair decides the group and is
        named in the verdict.

    Why it matters:
        A figure that differs across sources is either an update, an error or
        a fabrication; an editor needs to see it, and to see which two
        sources decide it.

    Example pack entry:
        id: DESK-001
        kind: agreement
        severity: warning
        minor_severity: info
        tolerances:
          - {unit_class: "*", minor_relative: 0.02}
          - {unit_class: currency, minor_relative: 0.01}
    """

    kind = "agreement"
    default_severity = Severity.WARNING
    default_message = "Sources disagree on {subject}: {values} ({reason})"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "minor_severity": {"enum": ["error", "warning", "info"], "description": "Severity of minor discrepancies."},
            "tolerances": {
                "type": "array",
                "description": "Per unit class (percent, currency, physical, count, or * for any).",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "unit_class": {"type": "string"},
                        "minor_relative": {"type": "number", "minimum": 0, "maximum": 1},
                        "absolute": {"type": "number", "minimum": 0},
                    },
                },
            },
        },
    }

    def tolerances(self) -> tuple[Tolerance, ...]:
        rows = self.options.get("tolerances") or [{"unit_class": "*"}]
        return tuple(
            Tolerance(
                unit_class=r.get("unit_class", "*"),
                minor_relative=r.get("minor_relative", 0.02),
                absolute=r.get("absolute", 0.0),
                rule=self.id,
            )
            for r in rows
        )

    def tolerance_for(self, unit_class: str | None) -> Tolerance:
        rows = self.tolerances()
        return next(
            (t for t in rows if t.unit_class == unit_class), next((t for t in rows if t.unit_class == "*"), Tolerance())
        )

    def judge(self, groups: Sequence[Group], by_id: Mapping[str, Assertion]) -> list[Group]:
        return [self.judge_group(g, by_id) for g in groups]

    def judge_group(self, group: Group, by_id: Mapping[str, Assertion]) -> Group:
        members = [in_unit(by_id[m], group.unit) for m in group.members]
        tol = self.tolerance_for(members[0].unit_class if members else None)
        pairs: list[tuple[int, float, PairJudgement]] = []
        for a, b in combinations(members, 2):
            if a.doc_id == b.doc_id:
                continue
            verdict, reason, score = judge_pair(a, b, tol)
            pairs.append((verdict.rank, score, PairJudgement(a.id, b.id, verdict, reason)))
        if not pairs:
            return group
        worst = max(pairs, key=lambda p: (p[0], p[1], p[2].a, p[2].b))
        # a wire copy agreeing with its original confirms nothing: agreement counts independent sources only
        docs = {m.id: m.doc_id for m in members}
        counted = [p for p in pairs if group.family(docs[p[2].a]) != group.family(docs[p[2].b])] or pairs
        agreeing = sum(1 for p in counted if p[2].verdict is Verdict.AGREE)
        judged = tuple(p[2] for p in sorted(pairs, key=lambda p: (-p[0], -p[1], p[2].a, p[2].b)))
        return replace(
            group,
            verdict=worst[2].verdict,
            agreement=round(agreeing / len(counted), 4),
            decided_by=(worst[2].a, worst[2].b),
            reason=worst[2].reason,
            pairs=judged,
        )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        minor = Severity(self.options.get("minor_severity", "info"))
        for group in ctx.groups:
            if group.verdict is Verdict.AGREE or not group.decided_by:
                continue
            a, b = (ctx.by_id[i] for i in group.decided_by)
            doc = ctx.docs.get(b.doc_id)
            values = f"{a.text!r} ({a.doc_id}) vs {b.text!r} ({b.doc_id})"
            label = " ".join(x for x in (group.subject, group.measure) if x) or group.key
            message = self.format(subject=label, values=values, reason=group.reason, verdict=group.verdict.value)
            yield self.finding(
                message,
                doc=doc,
                start=b.start,
                end=b.end,
                group=group,
                evidence=f"{a.text} vs {b.text}",
                severity=self.spec.severity if group.verdict is Verdict.CONFLICT else minor,
            )
