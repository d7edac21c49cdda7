"""Small builders for hand-written records in tests."""

from __future__ import annotations

import hashlib
from typing import Any

from checker.model import Assertion, Qualifier


def assertion(
    text: str,
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    *,
    doc: str = "d1",
    qualifier: str = "exact",
    unit: str | None = "%",
    decimals: int = 0,
    scale: float | None = None,
    **kw: Any,
) -> Assertion:
    if low is None and high is None and value is not None and qualifier == "exact":
        low = high = value
    aid = "A" + hashlib.sha1(f"{doc}{text}{value}{low}{high}{kw.get('start', 0)}".encode()).hexdigest()[:12]
    fields: dict[str, Any] = {
        "id": aid,
        "doc_id": doc,
        "start": 0,
        "end": len(text),
        "text": text,
        "value": value,
        "low": low,
        "high": high,
        "qualifier": Qualifier(qualifier),
        "unit": unit,
        "sentence": text,
        "stated_decimals": decimals,
        "scale": scale,
        "unit_class": {"%": "percent", "USD": "currency", "t": "physical"}.get(unit or ""),
    }
    fields.update(kw)
    return Assertion(**fields)
