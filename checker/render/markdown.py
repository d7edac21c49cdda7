"""``summary.md``: a Markdown summary for ``$GITHUB_STEP_SUMMARY`` (or a PR comment).

Sections, in order:

1. a headline: documents, assertions, groups by verdict, AI-generated sources, findings
   by severity (and how many are suppressed), baseline findings gone, input errors, and
   whether the run fails at ``--fail-on``;
2. *Groups that disagree*: verdict, subject and measure, each member's figure with its
   document, and the reason (conflicts first);
3. *AI-generated sources*: one row per flag, with its rule, kind, line and evidence quote,
   and the source's credibility score;
4. *Findings* that count (suppressed ones are only counted in the headline): severity,
   rule, ``path:line:col`` and message, most severe first, at most
   ``MAX_FINDINGS`` rows and then "… and N more";
5. *Input errors*, when any.

The other tables stop at ``MAX_ROWS`` rows ("… and N more"): GitHub truncates a
step summary over 1 MiB.

Document text is untrusted, so every cell goes through ``cell()``: HTML special
characters become entities (no raw HTML reaches the rendered summary), Markdown
punctuation that could open code spans, links, emphasis, maths or break the table
(`` ` ``, ``[``, ``]``, ``*``, ``_``, ``~``, ``$``, ``|``, ``\\``) is backslash-escaped, and
line breaks become spaces. Block syntax (``#``, ``>``, lists) cannot start inside a cell.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import IO, Any

from checker.model import Audit, Finding, Group, Severity, Verdict
from checker.render.sarif import Locator, severity_first, suppressed

MAX_FINDINGS = 50
MAX_ROWS = 100  # groups, AI flags and input errors: GitHub caps a step summary at 1 MiB
MAX_CELL = 300
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_SPACE = re.compile(r"[\r\n\t\f\v\u2028\u2029]+")


def cell(text: object, limit: int = MAX_CELL) -> str:
    """Text made safe for one Markdown table cell (or inline text)."""
    s = _SPACE.sub(" ", str(text)).strip()
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: tuple[str, ...], rows: list[list[str]], limit: int | None = None) -> list[str]:
    limit = MAX_ROWS if limit is None else limit
    out = [_row(*header), _row(*("---" for _ in header)), *(_row(*r) for r in rows[:limit])]
    if len(rows) > limit:
        out += ["", f"… and {len(rows) - limit} more (see audit.json)."]
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _failing(audit: Audit, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    floor = Severity(fail_on).rank
    return sum(1 for f in _active(audit) if f.severity.rank >= floor)


def _active(audit: Audit) -> list[Finding]:
    """The findings that count: not suppressed inline, by config or by the baseline."""
    return [f for f in audit.findings if suppressed(f) is None]


def _headline(audit: Audit, fail_on: str) -> list[str]:
    verdicts = Counter(g.verdict for g in audit.groups)
    active = _active(audit)
    sev = Counter(f.severity for f in active)
    quiet = len(audit.findings) - len(active)
    fixed = len(getattr(audit, "baseline_fixed", ()) or ())
    ai = sum(1 for p in audit.profiles if p.ai_generated)
    failing = _failing(audit, fail_on)
    status = (
        f"**Fails** at `--fail-on {fail_on}`: {_plural(failing, 'finding')} at or above {fail_on}."
        if failing
        else f"**Passes** at `--fail-on {fail_on}`."
    )
    return [
        "## checker audit",
        "",
        status,
        "",
        f"- **{len(audit.documents)}** documents, **{len(audit.assertions)}** assertions",
        f"- **{len(audit.groups)}** groups: {verdicts[Verdict.CONFLICT]} conflict, "
        f"{verdicts[Verdict.MINOR]} minor discrepancy, {verdicts[Verdict.AGREE]} agree",
        f"- **{ai}** AI-generated {'source' if ai == 1 else 'sources'}",
        f"- **{len(active)}** findings: {sev[Severity.ERROR]} error, {sev[Severity.WARNING]} warning, "
        f"{sev[Severity.INFO]} info" + (f" ({quiet} more suppressed)" if quiet else ""),
        *([f"- **{fixed}** baseline {'finding' if fixed == 1 else 'findings'} no longer found"] if fixed else []),
        f"- **{len(audit.errors)}** input {'error' if len(audit.errors) == 1 else 'errors'}",
    ]


def _values(audit_ids: dict[str, Any], g: Group) -> str:
    parts = []
    for m in g.members:
        a = audit_ids.get(m)
        if a is not None:
            parts.append(f"“{cell(a.text, 80)}” ({cell(a.doc_id, 80)})")
    return "; ".join(parts)


def _groups(audit: Audit) -> list[str]:
    bad = sorted((g for g in audit.groups if g.verdict is not Verdict.AGREE), key=lambda g: (-g.verdict.rank, g.id))
    if not bad:
        return []
    by_id = {a.id: a for a in audit.assertions}
    rows = []
    for g in bad:
        label = " ".join(x for x in (g.subject, g.measure) if x) or g.key
        unit = f" ({cell(g.unit, 20)})" if g.unit else ""
        rows.append([f"**{g.verdict.value}**", f"{cell(g.id, 40)}: {cell(label)}{unit}", _values(by_id, g),
                     cell(g.reason)])
    return ["", "### Groups that disagree", "", *_table(("Verdict", "Subject and measure", "Values", "Reason"), rows)]


def _ai(audit: Audit) -> list[str]:
    docs = {d.id: d for d in audit.documents}
    rows = []
    for p in sorted((p for p in audit.profiles if p.ai_generated), key=lambda p: p.doc_id):
        doc = docs.get(p.doc_id)
        score = f"{p.credibility.score}/100"
        if p.credibility.insufficient_evidence:
            score += " (insufficient evidence)"
        flags = p.ai_flags or ()
        if not flags:
            rows.append([cell(p.doc_id), score, "", "", ""])
        for f in flags:
            line = str(doc.line_col(f.start)[0]) if doc is not None else ""
            flag = f"{cell(f.rule, 40)} {cell(f.kind, 40)}"
            rows.append([cell(p.doc_id), score, flag, line, f"“{cell(f.evidence)}”"])
    if not rows:
        return []
    return ["", "### AI-generated sources", "",
            *_table(("Source", "Credibility", "Flag", "Line", "Evidence"), rows)]


def _findings(audit: Audit) -> list[str]:
    ordered = severity_first(_active(audit))
    if not ordered:
        return []
    locator = Locator(audit)
    rows = []
    for f in ordered[:MAX_FINDINGS]:
        where = locator(f)
        place = f"{where.path}:{where.line}:{where.column}" if where else (f.doc_id or f"group {f.group_id}")
        rows.append([f.severity.value, cell(f.rule, 40), cell(place, 120), cell(f.message)])
    out = ["", "### Findings", "", *_table(("Severity", "Rule", "Where", "Message"), rows, len(rows))]
    if len(ordered) > MAX_FINDINGS:
        out += ["", f"… and {len(ordered) - MAX_FINDINGS} more (see audit.json or audit.sarif)."]
    return out


def _errors(audit: Audit) -> list[str]:
    if not audit.errors:
        return []
    rows = []
    for e in sorted(audit.errors, key=lambda e: (e.path, e.line or 0, e.message)):
        where = f"{e.path}:{e.line}" if e.line else e.path
        rows.append([cell(e.code, 20), cell(where, 160), cell(e.message)])
    return ["", "### Input errors", "", *_table(("Code", "Where", "Message"), rows)]


def dumps(audit: Audit, fail_on: str = "error") -> str:
    lines = [*_headline(audit, fail_on), *_groups(audit), *_ai(audit), *_findings(audit), *_errors(audit)]
    return "\n".join(lines) + "\n"


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    out.write(dumps(audit, fail_on))
