"""Document ids: stable, posix, and safe to use later as a file name.

Ids end up in report file names and HTML anchors, so an id taken from a JSONL
line must not be able to climb out of a directory ("../../etc/passwd") or
be absolute. The string is kept recognisable: only the dangerous parts change.
"""

from __future__ import annotations

import re

_DRIVE = re.compile(r"^[A-Za-z]:(?=/|$)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def sanitise_id(raw: str) -> str:
    """Posix separators; no leading ``/`` or drive; ``..`` segments become ``_``; no control chars."""
    s = _CONTROL.sub("_", raw.replace("\\", "/")).strip()
    s = _DRIVE.sub("", s)
    parts = []
    for part in s.split("/"):
        if part in {"", "."}:
            continue
        parts.append("_" if part == ".." else part)
    return "/".join(parts) or "_"
