"""``assertions.csv`` (format ``csv``) and ``groups.csv`` (format ``csv-groups``).

Comma-separated, UTF-8, ``\\n`` line endings, a header row, rows sorted; an empty
cell is a null. Written with pandas.

``assertions.csv``, one row per assertion, sorted by ``doc_id``, ``start``, ``id``:

=============  ==============================================================
id             the assertion id (as in audit.json)
doc_id         the document's id
line, column   1-based position of the figure in the document text
start, end     character offsets of the figure in the document text
text           the figure as written, e.g. "more than 80 percent"
value          the stated figure, scale applied (empty for a pure bound)
low, high      the interval, scale applied (empty = unbounded)
qualifier      exact | approx | range | gt | ge | lt | le | upto | nearly
unit           canonical unit ("%", "t", "USD", …)
unit_class     percent | currency | physical | count
subject        who or what the figure is about
measure        what is measured
time           the period the figure refers to
group_id       the group the assertion belongs to (empty: none)
verdict        that group's verdict: agree | minor-discrepancy | conflict
sentence       the sentence holding the figure
=============  ==============================================================

``groups.csv``, one row per group, sorted by ``id``:

=============  ==============================================================
id             the group id
subject        the group's subject
measure        the group's measure
unit           the group's unit
verdict        agree | minor-discrepancy | conflict
agreement      0-1, the share of member pairs that agree
members        how many assertions the group holds
sources        how many distinct documents they come from
decided_by     the ids of the deciding pair, space-separated
values         every member as ``'text' (doc_id)``, joined by ``; ``
reason         why the verdict is what it is
=============  ==============================================================

Spreadsheet formula injection: a text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe (``'=SUM(A1)``), so
Excel, LibreOffice and Google Sheets show it as text. Numbers are left as they are.
"""

from __future__ import annotations

from typing import IO, Any

import pandas as pd  # type: ignore[import-untyped, unused-ignore]

from checker.model import Audit, Group

ASSERTION_COLUMNS = (
    "id", "doc_id", "line", "column", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
    "unit_class", "subject", "measure", "time", "group_id", "verdict", "sentence",
)
GROUP_COLUMNS = (
    "id", "subject", "measure", "unit", "verdict", "agreement", "members", "sources", "decided_by", "values",
    "reason",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to a string a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    clean = [{k: neutralise(v) for k, v in row.items()} for row in rows]
    return pd.DataFrame(clean, columns=list(columns))


def _write(df: pd.DataFrame, out: IO[str]) -> None:
    out.write(df.to_csv(index=False, lineterminator="\n"))


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
        rows.append({
            "id": a.id, "doc_id": a.doc_id, "line": a.line, "column": a.column, "start": a.start, "end": a.end,
            "text": a.text, "value": a.value, "low": a.low, "high": a.high, "qualifier": a.qualifier.value,
            "unit": a.unit, "unit_class": a.unit_class, "subject": a.subject, "measure": a.measure, "time": a.time,
            "group_id": g.id if g else None, "verdict": g.verdict.value if g else None, "sentence": a.sentence,
        })
    return _frame(rows, ASSERTION_COLUMNS)


def groups_frame(audit: Audit) -> pd.DataFrame:
    by_id = {a.id: a for a in audit.assertions}
    rows = []
    for g in sorted(audit.groups, key=lambda g: g.id):
        members = [by_id[m] for m in g.members if m in by_id]
        rows.append({
            "id": g.id, "subject": g.subject, "measure": g.measure, "unit": g.unit, "verdict": g.verdict.value,
            "agreement": g.agreement, "members": len(g.members), "sources": len({a.doc_id for a in members}),
            "decided_by": " ".join(g.decided_by) if g.decided_by else None,
            "values": "; ".join(f"'{a.text}' ({a.doc_id})" for a in members), "reason": g.reason,
        })
    return _frame(rows, GROUP_COLUMNS)


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    """``assertions.csv``."""
    _write(assertions_frame(audit), out)


def render_groups(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    """``groups.csv``."""
    _write(groups_frame(audit), out)
