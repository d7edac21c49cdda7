"""The types every format reader shares: where a file is, what it holds, what was read.

Kept apart from ``readers`` so format modules (``html``, ``tabular``) and the
registry of built-in readers can import them without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from checker.model import Excluded, InputError

CODE = "E210"  # same code as ``CorpusError``: a document that cannot be read


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Choices the user makes about how files are read (the same for every file)."""

    text_column: str = "text"  # CSV column (and JSONL key) holding the document text


DEFAULT_OPTIONS = ReadOptions()


@dataclass(frozen=True, slots=True)
class Source:
    """One file of the corpus."""

    file: Path  # where to open it
    display: str  # the path as the user gave it (relative, posix)
    doc_id: str  # id of the file's document (one-document formats) or id prefix
    options: ReadOptions = DEFAULT_OPTIONS


@dataclass(frozen=True, slots=True)
class Entry:
    """One document a reader found in a file, not yet read."""

    id: str
    source: Source
    line: int | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """One document as its format gives it, before the metadata and furniture rules."""

    id: str
    text: str
    encoding: str | None
    meta: dict[str, str] = field(default_factory=dict)
    origin: str = "text"  # MetaSource origin of ``meta``: "front-matter" | "jsonl" | "csv" | "html"
    excluded: tuple[Excluded, ...] = ()
    line: int | None = None
    encoding_how: str | None = None  # evidence for ``encoding``; None: derived from its name


class Reader(Protocol):
    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]: ...

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]: ...


def read_bytes(source: Source, max_doc_bytes: int) -> bytes | InputError:
    try:
        size = source.file.stat().st_size
        if size > max_doc_bytes:
            return InputError(source.display, f"file too large: {size} bytes (limit {max_doc_bytes})", code=CODE)
        return source.file.read_bytes()
    except OSError as exc:
        return InputError(source.display, f"cannot read file: {exc.strerror or exc}", code=CODE)


HOW = {
    "bom": "BOM",
    "utf-8": "valid UTF-8",
    "detected": "detected by charset-normalizer",
    "declared": "declared by the page (meta charset)",
}


def how_for(encoding: str | None, how: str | None = None) -> str:
    """Evidence for an encoding: from the decoder's ``how``, else from the encoding's name."""
    if how in HOW:
        return HOW[how]
    by_name = {"utf-8-sig": "BOM", "utf-16-le": "BOM", "utf-16-be": "BOM", "utf-8": "valid UTF-8"}
    return by_name.get(encoding or "", HOW["detected"])
