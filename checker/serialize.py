"""``audit.json`` both ways: the machine contract (see the shipped JSON Schema).

Keys are sorted and nothing time- or run-dependent is written, so two runs on
the same input give the same bytes and a CI diff means something changed.
``from_dict`` reads it back into the same ``Audit`` (documents come back
without their text, which audit.json does not carry).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from checker import __version__
from checker.errors import UsageError
from checker.model import (
    AIFlag,
    Assertion,
    Audit,
    Credibility,
    Criterion,
    Document,
    Evidence,
    Excluded,
    Finding,
    Group,
    InputError,
    Metadata,
    MetaSource,
    PairJudgement,
    RuleInfo,
    Severity,
    SourceProfile,
    Verdict,
    Why,
)

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
        "metadata_sources": [asdict(s) for s in meta.sources],
        "excluded": [asdict(e) for e in doc.excluded],
        "ai_generated": bool(profile and profile.ai_generated),
        "ai_flags": [],
        "credibility": None,
    }
    if profile:
        out["ai_flags"] = [_flag(doc, f) for f in profile.ai_flags]
        cred = profile.credibility
        out["credibility"] = {
            "score": cred.score,
            "insufficient_evidence": cred.insufficient_evidence,
            "criteria": [asdict(c) for c in cred.criteria],
        }
    return out


def _flag(doc: Document, f: AIFlag) -> dict[str, Any]:
    d = asdict(f)
    if doc.text:
        d["line"], d["column"] = doc.line_col(f.start)
    return d


def _group(g: Group, sources: int) -> dict[str, Any]:
    # field by field, not ``asdict``: a large group holds tens of thousands of pairs
    d = {f.name: getattr(g, f.name) for f in fields(Group)}
    d["verdict"] = g.verdict.value
    d["decided_by"] = list(g.decided_by) if g.decided_by else None
    d["members"] = list(g.members)
    d["why"] = [{"assertion_id": w.assertion_id, "reason": w.reason, "score": w.score, "rule": w.rule} for w in g.why]
    d["pairs"] = [{"a": p.a, "b": p.b, "verdict": p.verdict.value, "reason": p.reason} for p in g.pairs]
    d["notes"] = list(g.notes)
    d["copies"] = [list(c) for c in g.copies]
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
        "assertions": [a.to_record() for a in audit.assertions],
        "groups": [_group(g, len({by_id[m].doc_id for m in g.members if m in by_id})) for g in audit.groups],
        "findings": [{**asdict(f), "severity": f.severity.value} for f in audit.findings],
        "errors": [asdict(e) for e in audit.errors],
        "baseline_fixed": list(audit.baseline_fixed),
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


def _fields(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def from_dict(data: dict[str, Any]) -> Audit:
    """The ``Audit`` an audit.json describes (documents without their text)."""
    if data.get("schema_version") != SCHEMA_VERSION:
        raise UsageError(
            f"unsupported audit.json schema_version {data.get('schema_version')!r} (expected {SCHEMA_VERSION})"
        )
    documents, profiles = [], []
    for d in data["documents"]:
        meta = Metadata(
            **_fields(
                Metadata,
                {
                    k: d.get(k)
                    for k in ("title", "outlet", "byline", "published", "url", "language", "kind", "encoding")
                },
            ),
            sources=tuple(MetaSource(**s) for s in d.get("metadata_sources", [])),
        )
        documents.append(
            Document(
                id=d["id"],
                text="",
                path=d.get("path"),
                meta=meta,
                excluded=tuple(Excluded(**e) for e in d.get("excluded", [])),
            )
        )
        cred = d.get("credibility")
        if cred is not None:
            criteria = tuple(
                Criterion(**{**_fields(Criterion, c), "evidence": tuple(Evidence(**e) for e in c.get("evidence", []))})
                for c in cred["criteria"]
            )
            profiles.append(
                SourceProfile(
                    doc_id=d["id"],
                    ai_generated=d["ai_generated"],
                    ai_flags=tuple(AIFlag(**_fields(AIFlag, f)) for f in d.get("ai_flags", [])),
                    credibility=Credibility(cred["score"], criteria, cred.get("insufficient_evidence", False)),
                )
            )
    assertions = tuple(Assertion.from_record(a) for a in data["assertions"])
    groups = tuple(
        Group(
            **{
                **_fields(Group, g),
                "verdict": Verdict(g["verdict"]),
                "members": tuple(g["members"]),
                "decided_by": tuple(g["decided_by"]) if g.get("decided_by") else None,
                "why": tuple(Why(**w) for w in g.get("why", [])),
                "pairs": tuple(PairJudgement(**{**p, "verdict": Verdict(p["verdict"])}) for p in g.get("pairs", [])),
                "notes": tuple(g.get("notes", [])),
                "copies": tuple(tuple(c) for c in g.get("copies", [])),
            }
        )
        for g in data["groups"]
    )
    findings = tuple(Finding(**{**_fields(Finding, f), "severity": Severity(f["severity"])}) for f in data["findings"])
    return Audit(
        documents=tuple(documents),
        profiles=tuple(profiles),
        assertions=assertions,
        groups=groups,
        findings=findings,
        errors=tuple(InputError(**_fields(InputError, e)) for e in data["errors"]),
        rules=tuple(
            RuleInfo(**{**_fields(RuleInfo, r), "severity": Severity(r["severity"])}) for r in data.get("rules", [])
        ),
        model=data.get("tool", {}).get("model", ""),
        baseline_fixed=tuple(data.get("baseline_fixed", [])),
    )


def load(path: str | Path) -> Audit:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read audit.json: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise UsageError("not an audit.json (expected an object)", str(path))
    try:
        return from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"not a valid audit.json: {type(exc).__name__}: {exc}", str(path)) from None
