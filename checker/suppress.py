"""Suppressions and baselines that can be audited.

An inline marker ``checker: ignore[RULE-ID, ...] reason`` silences those rules
on its line, or in the whole document when the marker stands on a line of its
own (inside an HTML/Markdown comment or bare). Config suppressions name rules
and a document glob. Every suppression needs a reason; one that silences
nothing is itself reported, as ruff and sqlfluff report unused ``noqa``.
A baseline is a set of finding ids; findings in it no longer count, and ids in
it that are gone are reported as fixed.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.config import Suppression
from checker.errors import UsageError
from checker.model import Document, Finding, Severity

MARKER = re.compile(r"checker:\s*ignore\[(?P<rules>[^\]\n]*)\](?P<reason>[^\n]*)", re.I)
COMMENT_TAIL = re.compile(r"\s*(?:-->|\*/)\s*$")
UNUSED_RULE = "CHK090"
NO_REASON_RULE = "CHK091"


@dataclass
class Marker:
    doc_id: str
    rules: tuple[str, ...]
    reason: str
    line: int | None  # None = the whole document
    at_line: int
    column: int
    start: int
    used: bool = False

    def covers(self, f: Finding) -> bool:
        if f.doc_id != self.doc_id or not ({f.rule, "*", "all"} & set(self.rules)):
            return False
        return self.line is None or f.line == self.line


def markers(doc: Document) -> list[Marker]:
    out = []
    for m in MARKER.finditer(doc.text):
        rules = tuple(r.strip() for r in m.group("rules").split(",") if r.strip())
        reason = COMMENT_TAIL.sub("", m.group("reason")).strip(" -:—")
        line, col = doc.line_col(m.start())
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        before = doc.text[line_start : m.start()].strip()
        own_line = before in ("", "<!--", "/*", "#", "//")
        out.append(Marker(doc.id, rules, reason, None if own_line else line, line, col, m.start()))
    return out


def _fid(*parts: str) -> str:
    return "F" + hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:12]


def apply(
    findings: Sequence[Finding],
    documents: Sequence[Document],
    config: Sequence[Suppression] = (),
    baseline: frozenset[str] = frozenset(),
    severity: Severity = Severity.INFO,
) -> tuple[list[Finding], tuple[str, ...]]:
    """Findings with ``suppressed`` set, plus findings about the suppressions themselves."""
    inline = [mk for d in documents for mk in markers(d)]
    used_config: set[int] = set()
    out: list[Finding] = []
    for f in findings:
        why = None
        for mk in inline:
            if mk.covers(f):
                mk.used = True
                why = why or f"inline: {mk.reason or 'no reason given'}"
        for i, s in enumerate(config):
            if f.doc_id is not None and fnmatch.fnmatch(f.doc_id, s.doc) and ({f.rule, "*"} & set(s.rules)):
                used_config.add(i)
                why = why or f"config: {s.reason}"
        if why is None and f.id in baseline:
            why = "baseline"
        out.append(replace(f, suppressed=why) if why else f)
    docs = {d.id: d for d in documents}
    for mk in inline:
        loc = f"line {mk.at_line}"
        if not mk.reason:
            out.append(
                Finding(
                    _fid(NO_REASON_RULE, mk.doc_id, str(mk.start)),
                    NO_REASON_RULE,
                    severity,
                    f"suppression of {', '.join(mk.rules)} at {loc} gives no reason",
                    mk.doc_id,
                    mk.at_line,
                    mk.column,
                    mk.start,
                    mk.start,
                )
            )
        if not mk.used:
            out.append(
                Finding(
                    _fid(UNUSED_RULE, mk.doc_id, ",".join(mk.rules), str(mk.line)),
                    UNUSED_RULE,
                    severity,
                    f"suppression of {', '.join(mk.rules)} at {loc} silences nothing",
                    mk.doc_id,
                    mk.at_line,
                    mk.column,
                    mk.start,
                    mk.start,
                )
            )
    for i, s in enumerate(config):
        if i not in used_config:
            out.append(
                Finding(
                    _fid(UNUSED_RULE, s.origin, ",".join(s.rules), s.doc),
                    UNUSED_RULE,
                    severity,
                    f"config suppression of {', '.join(s.rules)} for {s.doc} ({s.origin}) silences nothing",
                    None,
                    None,
                    None,
                )
            )
    del docs
    present = {f.id for f in findings}
    fixed = tuple(sorted(baseline - present))
    return out, fixed


def read_baseline(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("baseline file not found (create it with --update-baseline)", str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"unreadable baseline: {exc}", str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), dict):
        raise UsageError("not a checker baseline (expected {'findings': {id: ...}})", str(path))
    return frozenset(data["findings"])


def baseline_text(findings: Sequence[Finding]) -> str:
    rows = {
        f.id: {"rule": f.rule, "doc_id": f.doc_id, "group_id": f.group_id, "message": f.message}
        for f in findings
        if f.suppressed is None or f.suppressed == "baseline"
    }
    return json.dumps({"version": 1, "findings": rows}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
