"""``audit.json`` (format ``json``): the contract, written by ``checker.serialize``."""

from __future__ import annotations

from typing import IO, Any

from checker.model import Audit
from checker.serialize import dumps


def render(audit: Audit, out: IO[str], **_: Any) -> None:
    out.write(dumps(audit))
