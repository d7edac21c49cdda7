"""The ``extract`` JSONL contract: one object per assertion (DESIGN.md)."""

from __future__ import annotations

from typing import Any

from checker.model import Assertion


def assertion_record(a: Assertion) -> dict[str, Any]:
    """Contract keys first-class; the richer fields ride along for tools that want them."""
    return a.to_record()
