"""The ``extract`` JSONL contract: one object per assertion (DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from checker.model import Assertion

CONTRACT_KEYS = (
    "doc_id",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "subject",
    "measure",
    "time",
    "sentence",
)


def assertion_record(a: Assertion) -> dict[str, Any]:
    """Contract keys first-class; the richer fields ride along for tools that want them."""
    d = asdict(a)
    d["qualifier"] = a.qualifier.value
    d["notes"] = list(a.notes)
    return d
