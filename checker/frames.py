"""pandas views of an ``Audit``: one row per object, stable column names.

The columns are a contract documented in the README ("Use from Python"); the
CSV renderer writes these same frames. Rows are sorted so frames of the same
audit compare equal.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from checker.model import Audit, Group

ASSERTION_COLUMNS = (
    "id", "doc_id", "line", "column", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
    "unit_class", "subject", "measure", "time", "group_id", "verdict", "sentence",
)  # fmt: skip
GROUP_COLUMNS = (
    "id", "subject", "measure", "unit", "verdict", "agreement", "members", "sources", "decided_by", "values",
    "reason",
)  # fmt: skip
DOCUMENT_COLUMNS = (
    "id", "path", "title", "outlet", "byline", "published", "url", "language", "kind", "ai_generated",
    "ai_flags", "credibility", "insufficient_evidence",
)  # fmt: skip
FINDING_COLUMNS = ("id", "rule", "severity", "doc_id", "line", "column", "group_id", "message", "suppressed")


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def _membership(audit: Audit) -> dict[str, Group]:
    out: dict[str, Group] = {}
    for g in sorted(audit.groups, key=lambda g: g.id):
        for m in g.members:
            out.setdefault(m, g)
    return out


def assertions_frame(audit: Audit) -> pd.DataFrame:
    group_of = _membership(audit)
    rows = []
    for a in sorted(audit.assertions, key=lambda a: (a.doc_id, a.start, a.id)):
        g = group_of.get(a.id)
        rows.append(
            {
                "id": a.id, "doc_id": a.doc_id, "line": a.line, "column": a.column, "start": a.start, "end": a.end,
                "text": a.text, "value": a.value, "low": a.low, "high": a.high, "qualifier": a.qualifier.value,
                "unit": a.unit, "unit_class": a.unit_class, "subject": a.subject, "measure": a.measure,
                "time": a.time, "group_id": g.id if g else None, "verdict": g.verdict.value if g else None,
                "sentence": a.sentence,
            }
        )
    return _frame(rows, ASSERTION_COLUMNS)


def groups_frame(audit: Audit) -> pd.DataFrame:
    by_id = {a.id: a for a in audit.assertions}
    rows = []
    for g in sorted(audit.groups, key=lambda g: g.id):
        members = [by_id[m] for m in g.members if m in by_id]
        rows.append(
            {
                "id": g.id, "subject": g.subject, "measure": g.measure, "unit": g.unit, "verdict": g.verdict.value,
                "agreement": g.agreement, "members": len(g.members), "sources": len({a.doc_id for a in members}),
                "decided_by": " ".join(g.decided_by) if g.decided_by else None,
                "values": "; ".join(f"'{a.text}' ({a.doc_id})" for a in members), "reason": g.reason,
            }
        )
    return _frame(rows, GROUP_COLUMNS)


def documents_frame(audit: Audit) -> pd.DataFrame:
    profiles = {p.doc_id: p for p in audit.profiles}
    rows = []
    for d in sorted(audit.documents, key=lambda d: d.id):
        p = profiles.get(d.id)
        m = d.meta
        rows.append(
            {
                "id": d.id, "path": d.path, "title": m.title, "outlet": m.outlet, "byline": m.byline,
                "published": m.published, "url": m.url, "language": m.language, "kind": m.kind,
                "ai_generated": bool(p and p.ai_generated), "ai_flags": len(p.ai_flags) if p else 0,
                "credibility": p.credibility.score if p else None,
                "insufficient_evidence": p.credibility.insufficient_evidence if p else None,
            }
        )
    return _frame(rows, DOCUMENT_COLUMNS)


def findings_frame(audit: Audit) -> pd.DataFrame:
    rows = [
        {
            "id": f.id, "rule": f.rule, "severity": f.severity.value, "doc_id": f.doc_id, "line": f.line,
            "column": f.column, "group_id": f.group_id, "message": f.message, "suppressed": f.suppressed,
        }
        for f in sorted(audit.findings, key=lambda f: (f.doc_id or "", f.line or 0, f.column or 0, f.rule, f.id))
    ]
    return _frame(rows, FINDING_COLUMNS)
