"""Source profiles: AI-generation flags and the credibility rubric, with evidence.

Every point is earned by something an editor can check: a quote with its
offset, a metadata field and where it came from, or the groups a source was
judged in. Weights come from the pack's ``credibility`` rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from checker.model import (
    AIFlag,
    Assertion,
    Credibility,
    Criterion,
    Document,
    Evidence,
    Group,
    SourceProfile,
    Verdict,
)

GENERIC_BYLINE = re.compile(
    r"\b(staff|editor(?:s|ial)?|admin(?:istrator)?|team|desk|newsroom|contributor|guest|anonymous|agency|bot)\b", re.I
)
ATTRIBUTION = re.compile(
    r"\baccording to (?:an? |the )?(?P<a>(?:[A-Z][\w&.’'-]*\s?){1,6})"
    r"|(?P<b>(?:[A-Z][\w&.’'-]+\s){1,5})(?:said|says|reported|reports|estimated|estimates|noted|told|announced|stated)\b"
    r"|\b(?:as|was) (?:reported|noted|stated|outlined|highlighted) (?:in|by) (?:an? |the )?(?P<c>(?:[A-Z][\w&.’'-]*\s?){1,5})"
)
LEAKED_KINDS = {"leaked-assistant", "template-residue"}
DEFAULT_CRITERIA: tuple[Mapping[str, Any], ...] = (
    {"signal": "byline", "points": 15},
    {"signal": "published", "points": 10},
    {"signal": "outlet", "points": 10},
    {"signal": "attribution", "points": 15},
    {"signal": "not-ai-generated", "points": 15},
    {"signal": "no-leaked-text", "points": 10},
    {"signal": "internal-consistency", "points": 10},
    {"signal": "agreement-record", "points": 15},
)
NAMES = {
    "byline": "Names a plausible author",
    "published": "States a publication date",
    "outlet": "Outlet is identified",
    "attribution": "Attributes claims to named sources",
    "not-ai-generated": "Not machine-generated",
    "no-leaked-text": "No leaked assistant or template text",
    "internal-consistency": "States each figure one way",
    "agreement-record": "Figures agree with peer sources",
}


def _meta_evidence(doc: Document, field: str, value: str) -> tuple[Evidence, ...]:
    for s in doc.meta.sources:
        if s.field == field and s.start is not None:
            return (Evidence(text=s.evidence or value, start=s.start, end=s.end),)
        if s.field == field:
            return (Evidence(text=f"{value} (from {s.origin})"),)
    return (Evidence(text=value),)


def _byline(doc: Document, w: float) -> tuple[float, tuple[Evidence, ...], str]:
    by = doc.meta.byline
    if not by:
        return 0.0, (), "no byline found"
    ev = _meta_evidence(doc, "byline", by)
    if GENERIC_BYLINE.search(by) or (doc.meta.outlet and doc.meta.outlet.lower() in by.lower()):
        return w / 2, ev, f"byline '{by}' names no person"
    return w, ev, ""


def _attribution(doc: Document, assertions: Sequence[Assertion], w: float) -> tuple[float, tuple[Evidence, ...], str]:
    names: dict[str, Evidence] = {}
    for m in ATTRIBUTION.finditer(doc.text):
        if doc.is_excluded(m.start(), m.end()):
            continue
        who = next(g for g in (m.group("a"), m.group("b"), m.group("c")) if g).strip()
        if len(who) < 3 or who.lower() in {"the", "this", "it", "he", "she", "they"}:
            continue
        names.setdefault(who.lower(), Evidence(text=m.group(0).strip(), start=m.start(), end=m.end()))
    for a in assertions:
        if a.attribution:
            names.setdefault(a.attribution.lower(), Evidence(text=a.attribution, start=a.start, end=a.end))
    ev = tuple(sorted(names.values(), key=lambda e: e.start or 0))[:5]
    n = len(names)
    note = f"{n} named source(s)" if n else "no claim is attributed to a named source"
    return w * min(1.0, n / 3), ev, note


def _agreement(
    doc: Document, groups: Sequence[Group], by_id: Mapping[str, Assertion], w: float
) -> tuple[float, float, tuple[Evidence, ...], str]:
    got = 0.0
    total = 0
    outlier = 0
    ev: list[Evidence] = []
    for g in groups:
        mine = {m for m in g.members if by_id[m].doc_id == doc.id}
        if not mine:
            continue
        pairs = [p for p in g.pairs if p.a in mine or p.b in mine]
        if not pairs:
            continue
        share = sum(1.0 if p.verdict is Verdict.AGREE else 0.5 if p.verdict is Verdict.MINOR else 0.0 for p in pairs)
        got += share / len(pairs)
        total += 1
        if g.verdict is Verdict.CONFLICT and all(p.verdict is Verdict.CONFLICT for p in pairs) and len(pairs) > 1:
            outlier += 1
        ev.append(Evidence(text=f"{g.verdict.value}: {g.subject or ''} {g.measure or ''}".strip(), group_id=g.id))
    if not total:
        return 0.0, 0.0, (), "no figure shared with another source"
    note = f"agrees with peers in {got:.1f} of {total} group(s)"
    if outlier:
        note += f"; the outlier in {outlier} conflict(s)"
    return w * got / total, w, tuple(ev), note


def profile(
    doc: Document,
    flags: Sequence[AIFlag],
    assertions: Sequence[Assertion],
    groups: Sequence[Group],
    by_id: Mapping[str, Assertion],
    criteria: Sequence[Mapping[str, Any]] = DEFAULT_CRITERIA,
) -> SourceProfile:
    ai_kinds = {f.kind for f in flags}
    rows: list[Criterion] = []
    insufficient = False
    for c in criteria:
        signal, w = c["signal"], float(c["points"])
        name = c.get("name") or NAMES[signal]
        possible = w
        ev: tuple[Evidence, ...] = ()
        note = ""
        if signal == "byline":
            pts, ev, note = _byline(doc, w)
        elif signal == "published":
            pts = w if doc.meta.published else 0.0
            ev = _meta_evidence(doc, "published", doc.meta.published) if doc.meta.published else ()
            note = "" if pts else "no publication date found"
        elif signal == "outlet":
            pts = w if doc.meta.outlet else 0.0
            ev = _meta_evidence(doc, "outlet", doc.meta.outlet) if doc.meta.outlet else ()
            note = "" if pts else "outlet unknown"
        elif signal == "attribution":
            pts, ev, note = _attribution(doc, assertions, w)
        elif signal == "not-ai-generated":
            hits = [f for f in flags if f.kind != "template-residue"]
            pts = 0.0 if hits else w
            ev = tuple(Evidence(text=f.evidence, start=f.start, end=f.end) for f in hits[:3])
            note = "machine-generated: " + ", ".join(sorted({f.kind for f in hits})) if hits else ""
        elif signal == "no-leaked-text":
            hits = [f for f in flags if f.kind in LEAKED_KINDS]
            pts = 0.0 if hits else w
            ev = tuple(Evidence(text=f.evidence, start=f.start, end=f.end) for f in hits[:3])
            note = f"{len(hits)} leaked or template passage(s)" if hits else ""
        elif signal == "internal-consistency":
            pts = w
            note = "no group holds two different figures from this source"
        elif signal == "agreement-record":
            pts, possible, ev, note = _agreement(doc, groups, by_id, w)
            insufficient = possible == 0
        else:  # validated by the pack schema; kept for plugins' signals
            pts, note = 0.0, f"unknown signal {signal!r}"
        rows.append(Criterion(id=f"{signal}", name=name, points=round(pts, 2), possible=possible, evidence=ev, note=note))
    earned = sum(r.points for r in rows)
    possible_total = sum(r.possible for r in rows)
    score = round(100 * earned / possible_total) if possible_total else 0
    return SourceProfile(
        doc_id=doc.id,
        ai_generated=bool(ai_kinds - {"template-residue"}) or len([f for f in flags if f.kind == "template-residue"]) >= 2,
        ai_flags=tuple(flags),
        credibility=Credibility(score=score, criteria=tuple(rows), insufficient_evidence=insufficient),
    )


def profiles(
    documents: Sequence[Document],
    flags: Mapping[str, Sequence[AIFlag]],
    assertions: Sequence[Assertion],
    groups: Sequence[Group],
    criteria: Sequence[Mapping[str, Any]] = DEFAULT_CRITERIA,
) -> list[SourceProfile]:
    by_id = {a.id: a for a in assertions}
    per_doc: dict[str, list[Assertion]] = defaultdict(list)
    for a in assertions:
        per_doc[a.doc_id].append(a)
    return [
        profile(d, flags.get(d.id, ()), per_doc.get(d.id, []), groups, by_id, criteria) for d in documents
    ]
