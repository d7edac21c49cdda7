"""The two levels of a change: "cut from 39% to 15%" states a before and an after.

Extraction reports such a change as one range assertion with ``change`` set
(the ``extract`` contract and the NewsQuant gold read it that way). For
grouping, a change is two different measures — the rate before the deal and
the rate after it — so the audit adds one level assertion per end, each with
its own span, figure and a note naming the change it came from. The range
itself is not grouped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from checker.model import Assertion, Document, Qualifier

NUMBER = re.compile(r"(?:US\$|[$€£¥])?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?", re.I)


def _value(token: str, scale: float) -> float | None:
    digits = re.sub(r"[^\d.]", "", token.replace(",", ""))
    try:
        return float(digits) * scale
    except ValueError:
        return None


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-6 * max(abs(x), abs(y), 1.0)


def change_levels(assertions: Iterable[Assertion], documents: Sequence[Document]) -> list[Assertion]:
    """Level assertions (before, after) for every "from X to Y" change; nothing else."""
    docs = {d.id: d for d in documents}
    out: list[Assertion] = []
    for a in assertions:
        if a.qualifier is not Qualifier.RANGE or not a.change or a.low is None or a.high is None:
            continue
        doc = docs.get(a.doc_id)
        if doc is None or doc.text[a.start : a.end] != a.text:
            continue
        numbers = list(NUMBER.finditer(a.text))
        if len(numbers) < 2:
            continue
        ends = (numbers[0], numbers[-1])
        scale = a.scale or 1.0
        values = [_value(m.group(0), scale) for m in ends]
        low, high = a.low, a.high
        # the written numbers must be the interval's two ends, in either order
        if not all(v is not None and (_close(v, low) or _close(v, high)) for v in values):
            continue
        for role, m, v in (("before", ends[0], values[0]), ("after", ends[1], values[1])):
            level = low if _close(v, low) else high  # type: ignore[arg-type]
            start, end = a.start + m.start(), a.start + m.end()
            line, column = doc.line_col(start)
            out.append(
                replace(
                    a,
                    id="A" + hashlib.sha1(f"{a.doc_id}\0{start}\0{end}\0{role}".encode()).hexdigest()[:12],
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    value=level,
                    low=level,
                    high=level,
                    qualifier=Qualifier.EXACT,
                    line=line,
                    column=column,
                    change=None,
                    notes=(*a.notes, f"level {role} the change {a.text!r}"),
                )
            )
    return out
