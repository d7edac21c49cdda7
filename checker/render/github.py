"""``github.txt``: GitHub Actions workflow commands, one line per finding.

Each line reads ``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message``
(``error``/``warning``/``notice`` for error/warning/info; the title is the rule id), which GitHub turns into an
annotation on the file when the text is printed in a workflow step (``cat github.txt``).
The ``file`` is the document's path as the corpus was given (for a finding tied only to a
group, the document of the group's deciding assertion); without one, the annotation is
not anchored to a file. Input errors come first, as ``::error`` lines with their code
as title.

Escaping follows GitHub's runner: in the message ``%``, ``\\r`` and ``\\n`` become
``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` also become ``%3A``, ``%2C``.
Suppressed findings are left out. Lines are in document order (``doc_id, line, column, rule, id``).
"""

from __future__ import annotations

from typing import IO, Any

from checker.model import Audit, Severity
from checker.render.sarif import Locator, sort_key, suppressed

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: object) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{' ' + parts if parts else ''}::{escape_data(message)}"


def lines(audit: Audit) -> list[str]:
    out = []
    for e in sorted(audit.errors, key=lambda e: (e.path, e.line or 0, e.message)):
        out.append(command("error", e.message, file=e.path.replace("\\", "/"), line=e.line, title=e.code))
    locator = Locator(audit)
    for f in sorted(audit.findings, key=sort_key):
        if suppressed(f) is not None:
            continue
        where = locator(f)
        props: dict[str, object] = {}
        if where is not None:
            props = {"file": where.path, "line": where.line, "endLine": where.end_line, "col": where.column}
            if where.end_line == where.line:  # GitHub takes endColumn only within one line
                props["endColumn"] = where.end_column
        props["title"] = f.rule
        out.append(command(COMMANDS[f.severity], f.message, **props))
    return out


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    for line in lines(audit):
        out.write(line + "\n")
