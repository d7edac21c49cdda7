"""``audit.sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run. ``tool.driver.rules`` comes from ``Audit.rules`` (plus a bare entry for
any rule id a finding uses that the audit does not describe), sorted by id.
Each finding is one result with ``ruleId``/``ruleIndex``, a level (error ->
error, warning -> warning, info -> note), the message as written by its rule,
a physical location (the document's path relative to ``%SRCROOT%``, 1-based
line and column in Unicode code points, the end when known) and
``partialFingerprints["checkerFindingId/v1"]`` = ``Finding.id``, which is
stable across runs. A finding tied only to a group is placed on the deciding
assertion of that group. A suppressed finding (inline marker, config or
baseline) carries a SARIF ``suppressions`` entry (``inSource`` for inline
markers, else ``external``) with the reason as justification, so dashboards
show it as dismissed. Input errors become ``toolExecutionNotifications``.

At most ``MAX_RESULTS`` results are written, unsuppressed and most severe first; when the
cap bites, ``run.properties.truncated`` is true and a notification says so.
Keys are sorted and nothing time-dependent is written: same audit, same bytes.

``locate`` is shared with the other CI renderers (GitHub, JUnit, Markdown).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from checker import __version__
from checker.model import Audit, Document, Finding, InputError, RuleInfo, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "checkerFindingId/v1"
SRCROOT = "%SRCROOT%"
MAX_RESULTS = 25_000

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_KEBAB = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")
_ABSOLUTE = re.compile(r"^(?:/|[A-Za-z]:[/\\]|\\\\)")


@dataclass(frozen=True, slots=True)
class Where:
    """Where a finding points: a path (as the user gave it) and a 1-based region."""

    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None
    snippet: str | None = None


def suppressed(f: Finding) -> str | None:
    """Why a finding does not count ("baseline", "inline: reason", "config: reason"), or None."""
    reason = getattr(f, "suppressed", None)
    return str(reason) if reason else None


def sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    return (f.doc_id or "", f.line or 0, f.column or 0, f.rule, f.id)


def severity_first(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """Findings that count before suppressed ones, most severe first, then in document order."""
    return sorted(findings, key=lambda f: (suppressed(f) is not None, -f.severity.rank, sort_key(f)))


def doc_path(doc: Document) -> str:
    return (doc.path or doc.id).replace("\\", "/")


def _region(doc: Document, start: int | None, end: int | None, line: int | None, column: int | None) -> Where:
    if (line is None or column is None) and start is not None:
        line, column = doc.line_col(start)
    end_line = end_column = None
    snippet = None
    if start is not None and end is not None and end >= start:
        end_line, end_column = doc.line_col(end)
        snippet = doc.text[start:end] or None
    return Where(doc_path(doc), line or 1, column or 1, end_line, end_column, snippet)


class Locator:
    """Finds where findings point; builds its indexes once per audit."""

    def __init__(self, audit: Audit) -> None:
        self.docs = {d.id: d for d in audit.documents}
        self.groups = {g.id: g for g in audit.groups}
        self.assertions = {a.id: a for a in audit.assertions}

    def __call__(self, finding: Finding) -> Where | None:
        """The finding's document and region; for a group-only finding, the group's deciding assertion."""
        if finding.doc_id is not None:
            doc = self.docs.get(finding.doc_id)
            if doc is None:
                return Where(finding.doc_id.replace("\\", "/"), finding.line or 1, finding.column or 1)
            return _region(doc, finding.start, finding.end, finding.line, finding.column)
        group = self.groups.get(finding.group_id) if finding.group_id is not None else None
        if group is None:
            return None
        for aid in (*reversed(group.decided_by or ()), *group.members):
            a = self.assertions.get(aid)
            if a is not None and a.doc_id in self.docs:
                return _region(self.docs[a.doc_id], a.start, a.end, a.line, a.column)
        return None


def locate(audit: Audit, finding: Finding) -> Where | None:
    """One-off ``Locator(audit)(finding)``; use a ``Locator`` for many findings."""
    return Locator(audit)(finding)


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI under ``%SRCROOT%``; an absolute one a ``file:`` URI."""
    path = path.replace("\\", "/")
    if _ABSOLUTE.match(path):
        body = quote(path.lstrip("/"), safe="/:")
        return {"uri": f"file:///{body}"}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _physical(where: Where) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": where.line, "startColumn": where.column}
    if where.end_line is not None and where.end_column is not None:
        region["endLine"] = where.end_line
        region["endColumn"] = where.end_column
    if where.snippet:
        region["snippet"] = {"text": where.snippet}
    return {"physicalLocation": {"artifactLocation": artifact_location(where.path), "region": region}}


def _rule_name(info: RuleInfo) -> str:
    return info.summary if _KEBAB.match(info.summary or "") else info.id


def rule_infos(audit: Audit) -> list[RuleInfo]:
    """``Audit.rules`` plus a bare entry for any rule a finding names but the audit does not describe."""
    known = {r.id: r for r in audit.rules}
    for f in audit.findings:
        if f.rule not in known:
            known[f.rule] = RuleInfo(id=f.rule, kind="", severity=f.severity, summary=f.rule, pack="")
    return sorted(known.values(), key=lambda r: r.id)


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    summary = info.summary or info.id
    text = info.help or summary
    out: dict[str, Any] = {
        "id": info.id,
        "name": _rule_name(info),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
    }
    props = {k: v for k, v in (("kind", info.kind), ("pack", info.pack)) if v}
    if props:
        out["properties"] = props
    return out


def _result(f: Finding, index: dict[str, int], locate_: Locator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "partialFingerprints": {FINGERPRINT: f.id},
    }
    reason = suppressed(f)
    if reason is not None:
        kind = "inSource" if reason.startswith("inline") else "external"
        out["suppressions"] = [{"kind": kind, "status": "accepted", "justification": reason}]
    where = locate_(f)
    if where is not None:
        out["locations"] = [_physical(where)]
    props: dict[str, Any] = {"checkerSeverity": f.severity.value}
    if f.doc_id:
        props["docId"] = f.doc_id
    if f.group_id:
        props["groupId"] = f.group_id
    if f.evidence:
        props["evidence"] = f.evidence
    out["properties"] = props
    return out


def _input_error(err: InputError) -> dict[str, Any]:
    region = {"startLine": err.line} if err.line else None
    loc: dict[str, Any] = {"artifactLocation": artifact_location(err.path)}
    if region:
        loc["region"] = region
    return {
        "level": "error",
        "message": {"text": err.message},
        "descriptor": {"id": err.code},
        "locations": [{"physicalLocation": loc}],
    }


def to_dict(audit: Audit) -> dict[str, Any]:
    infos = rule_infos(audit)
    index = {r.id: i for i, r in enumerate(infos)}
    locator = Locator(audit)
    total = len(audit.findings)
    kept = severity_first(audit.findings)[:MAX_RESULTS]
    kept.sort(key=sort_key)
    notifications = [_input_error(e) for e in sorted(audit.errors, key=lambda e: (e.path, e.line or 0, e.message))]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(r) for r in infos],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, locator) for f in kept],
    }
    if total > len(kept):
        note = (
            f"{total} findings; only the {len(kept)} most severe are in this file "
            "(see audit.json for all of them)"
        )
        run["properties"] = {"truncated": True, "totalResults": total, "note": note}
        notifications.insert(0, {"level": "warning", "message": {"text": note}, "descriptor": {"id": "truncated"}})
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run["invocations"] = [invocation]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def dumps(audit: Audit) -> str:
    return json.dumps(to_dict(audit), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    out.write(dumps(audit))
