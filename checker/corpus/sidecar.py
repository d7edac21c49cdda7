"""``sources.yaml`` sidecars: metadata known from outside the text (outlet, url, title, author).

A sidecar maps file names (or paths relative to its folder) to a mapping of
fields. A broken sidecar is reported once, with its line, and the documents
beside it are still read — without that metadata.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.corpus.dates import to_iso
from checker.model import InputError

SIDECAR_NAMES = ("sources.yaml", "sources.yml")

# sidecar / JSONL / front-matter key -> Metadata field
FIELD_ALIASES: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "source": "outlet",
    "site": "outlet",
    "author": "byline",
    "authors": "byline",
    "byline": "byline",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "pubdate": "published",
    "url": "url",
    "link": "url",
    "language": "language",
    "lang": "language",
    "kind": "kind",
    "type": "kind",
}


def normalise_fields(raw: Mapping[Any, object]) -> dict[str, str]:
    """Map free-form keys to ``Metadata`` fields; drop nulls, unknown keys and bad dates.

    The first key that fills a field wins, so ``author`` and ``byline`` together
    do not fight.
    """
    out: dict[str, str] = {}
    for key, value in raw.items():
        name = FIELD_ALIASES.get(str(key).strip().lower())
        if name is None or value is None or name in out:
            continue
        if name == "published":
            iso = to_iso(value)
            if iso:
                out[name] = iso
            continue
        if isinstance(value, (list, tuple)):
            text = ", ".join(str(v).strip() for v in value if v is not None and str(v).strip())
        else:
            text = str(value).strip()
        if text:
            out[name] = text
    return out


@dataclass(frozen=True, slots=True)
class Sidecar:
    folder: Path
    display: str
    entries: dict[str, dict[str, str]]

    def lookup(self, file: Path) -> dict[str, str] | None:
        """Entry for ``file``: by path relative to the sidecar's folder, else by bare name."""
        try:
            rel = file.relative_to(self.folder).as_posix()
        except ValueError:
            rel = file.name
        return self.entries.get(rel) or self.entries.get(file.name)


def load_sidecar(path: Path, display: str) -> tuple[Sidecar, InputError | None]:
    """Parse one sidecar. Never raises for bad content: returns an empty sidecar and the error."""
    empty = Sidecar(path.parent, display, {})
    try:
        raw_text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return empty, InputError(display, f"cannot read sidecar: {exc}", code="E210")
    try:
        data = yaml.safe_load(raw_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return empty, InputError(display, f"invalid YAML in sidecar: {problem}", line=line, code="E210")
    if data is None:
        return empty, None
    if not isinstance(data, dict):
        return empty, InputError(
            display, f"sidecar must map file names to fields, got {type(data).__name__}", code="E210"
        )
    entries: dict[str, dict[str, str]] = {}
    bad: list[str] = []
    for key, value in data.items():
        if value is None:
            continue
        if not isinstance(value, dict):
            bad.append(str(key))
            continue
        entries[str(key).replace("\\", "/").removeprefix("./")] = normalise_fields(value)
    err = None
    if bad:
        err = InputError(display, f"sidecar entries must be mappings: {', '.join(sorted(bad))}", code="E210")
    return Sidecar(path.parent, display, entries), err
