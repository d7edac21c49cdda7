"""``audit.json``: the machine contract (see the shipped JSON Schema).

Keys are sorted and nothing time- or run-dependent is written, so two runs on
the same input give the same bytes and a CI diff means something changed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import IO, Any

from checker import __version__
from checker.model import Audit, Document, Group, SourceProfile

SCHEMA_VERSION = "1.0"


def _document(doc: Document, profile: SourceProfile | None) -> dict[str, Any]:
    meta = doc.meta
    out: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": meta.title,
        "outlet": meta.outlet,
        "byline": meta.byline,
        "published": meta.published,
        "url": meta.url,
        "language": meta.language,
        "kind": meta.kind,
        "encoding": meta.encoding,
        "chars": len(doc.text),
        "metadata_sources": [asdict(s) for s in meta.sources],
        "excluded": [asdict(e) for e in doc.excluded],
        "ai_generated": bool(profile and profile.ai_generated),
        "ai_flags": [],
        "credibility": None,
    }
    if profile:
        out["ai_flags"] = [
            {**asdict(f), "line": doc.line_col(f.start)[0], "column": doc.line_col(f.start)[1]}
            for f in profile.ai_flags
        ]
        cred = profile.credibility
        out["credibility"] = {
            "score": cred.score,
            "insufficient_evidence": cred.insufficient_evidence,
            "criteria": [asdict(c) for c in cred.criteria],
        }
    return out


def _group(g: Group, sources: int) -> dict[str, Any]:
    d = asdict(g)
    d["verdict"] = g.verdict.value
    d["decided_by"] = list(g.decided_by) if g.decided_by else None
    d["members"] = list(g.members)
    d["pairs"] = [{**asdict(p), "verdict": p.verdict.value} for p in g.pairs]
    d["notes"] = list(g.notes)
    d["sources"] = sources
    return d


def to_dict(audit: Audit) -> dict[str, Any]:
    by_id = {a.id: a for a in audit.assertions}
    verdicts = Counter(g.verdict.value for g in audit.groups)
    severities = Counter(f.severity.value for f in audit.findings)
    profiles = {p.doc_id: p for p in audit.profiles}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "checker", "version": __version__, "model": audit.model},
        "documents": [_document(d, profiles.get(d.id)) for d in audit.documents],
        "assertions": [{**asdict(a), "qualifier": a.qualifier.value, "notes": list(a.notes)} for a in audit.assertions],
        "groups": [_group(g, len({by_id[m].doc_id for m in g.members if m in by_id})) for g in audit.groups],
        "findings": [{**asdict(f), "severity": f.severity.value} for f in audit.findings],
        "errors": [asdict(e) for e in audit.errors],
        "rules": [{**asdict(r), "severity": r.severity.value} for r in audit.rules],
        "summary": {
            "documents": len(audit.documents),
            "assertions": len(audit.assertions),
            "groups": len(audit.groups),
            "groups_by_verdict": {v: verdicts.get(v, 0) for v in ("agree", "minor-discrepancy", "conflict")},
            "ai_generated": sum(1 for p in audit.profiles if p.ai_generated),
            "findings_by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
            "errors": len(audit.errors),
        },
    }


def dumps(audit: Audit) -> str:
    return json.dumps(to_dict(audit), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render(audit: Audit, out: IO[str]) -> None:
    out.write(dumps(audit))
