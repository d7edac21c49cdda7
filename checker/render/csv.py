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

from checker.frames import ASSERTION_COLUMNS, GROUP_COLUMNS, assertions_frame, groups_frame
from checker.model import Audit

__all__ = ["ASSERTION_COLUMNS", "GROUP_COLUMNS", "neutralise", "render", "render_groups"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to a string a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    return df.map(neutralise) if len(df) else df


def _write(df: pd.DataFrame, out: IO[str]) -> None:
    out.write(_safe(df).to_csv(index=False, lineterminator="\n"))


def render(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    """``assertions.csv``."""
    _write(assertions_frame(audit), out)


def render_groups(audit: Audit, out: IO[str], *, fail_on: str = "error", **_: Any) -> None:
    """``groups.csv``."""
    _write(groups_frame(audit), out)
