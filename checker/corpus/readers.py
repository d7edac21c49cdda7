"""Format readers, registered by name in ``checker.registry.readers``.

A reader works in two steps so the corpus can be yielded in id order without
holding every text in memory: ``index`` lists the documents a file holds (cheap
for one-document files; one pass for JSONL, keeping only ids and byte offsets),
and ``load`` reads one of them. Plugins add formats by registering an object
with the same two methods under the file extension they handle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml

from checker.corpus.decode import DecodeError, decode
from checker.corpus.ids import sanitise_id
from checker.corpus.sidecar import normalise_fields
from checker.model import Excluded, InputError
from checker.registry import readers

CODE = "E210"  # same code as ``CorpusError``: a document that cannot be read


@dataclass(frozen=True, slots=True)
class Source:
    """One file of the corpus."""

    file: Path  # where to open it
    display: str  # the path as the user gave it (relative, posix)
    doc_id: str  # id of the file's document (one-document formats) or id prefix


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
    origin: str = "text"  # MetaSource origin of ``meta``: "front-matter" | "jsonl"
    excluded: tuple[Excluded, ...] = ()
    line: int | None = None


class Reader(Protocol):
    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]: ...

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]: ...


def _read_bytes(source: Source, max_doc_bytes: int) -> bytes | InputError:
    try:
        size = source.file.stat().st_size
        if size > max_doc_bytes:
            return InputError(source.display, f"file too large: {size} bytes (limit {max_doc_bytes})", code=CODE)
        return source.file.read_bytes()
    except OSError as exc:
        return InputError(source.display, f"cannot read file: {exc.strerror or exc}", code=CODE)


class TextReader:
    """Plain text: the whole file is one document."""

    def __call__(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        return self.load(entry, max_doc_bytes)

    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]:
        yield Entry(source.doc_id, source)

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        data = _read_bytes(entry.source, max_doc_bytes)
        if isinstance(data, InputError):
            return [data]
        try:
            decoded = decode(data)
        except DecodeError as exc:
            return [InputError(entry.source.display, str(exc), code=CODE)]
        return self.parse(entry, decoded.text, decoded.encoding)

    def parse(self, entry: Entry, text: str, encoding: str) -> list[Record | InputError]:
        return [Record(entry.id, text, encoding)]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)(?:\n|\A)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


class MarkdownReader(TextReader):
    """Markdown: YAML front matter becomes metadata.

    The front matter stays in ``Document.text`` (so line numbers match the file)
    but is marked ``Excluded(reason="front-matter")``; nothing reads numbers there.
    """

    def parse(self, entry: Entry, text: str, encoding: str) -> list[Record | InputError]:
        m = _FRONT_MATTER.match(text)
        if not m:
            return [Record(entry.id, text, encoding)]
        excluded = (Excluded(0, m.end(), "front-matter"),)
        out: list[Record | InputError] = []
        meta: dict[str, str] = {}
        try:
            data = yaml.safe_load(m.group("body")) if m.group("body").strip() else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
            problem = getattr(exc, "problem", None) or "cannot parse"
            out.append(InputError(entry.source.display, f"invalid YAML front matter: {problem}", line=line, code=CODE))
            data = None
        if isinstance(data, dict):
            meta = normalise_fields(data)
        elif data is not None:
            out.append(InputError(entry.source.display, "front matter is not a mapping; ignored", line=1, code=CODE))
        if not text[m.end() :].strip():
            return [*out, InputError(entry.source.display, "empty document (front matter only)", code=CODE)]
        out.append(Record(entry.id, text, encoding, meta, "front-matter", excluded))
        return out


class JsonlReader:
    """JSON Lines: one ``{"id", "text", ...metadata}`` object per line.

    A bad line is one ``InputError`` naming its line; the other lines still read.
    ``max_doc_bytes`` limits each line, not the file: a JSONL corpus may be large.
    """

    def __call__(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        return self.load(entry, max_doc_bytes)

    def _lines(self, source: Source) -> Iterator[tuple[int, int, bytes]]:
        with source.file.open("rb") as fh:
            offset = 0
            for lineno, raw in enumerate(fh, start=1):
                yield lineno, offset, raw
                offset += len(raw)

    def _parse(self, source: Source, lineno: int, raw: bytes, max_doc_bytes: int) -> dict[str, object] | InputError:
        where = source.display
        if len(raw) > max_doc_bytes:
            return InputError(where, f"line {lineno}: too large ({len(raw)} bytes)", line=lineno, code=CODE)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return InputError(where, f"line {lineno}: not UTF-8 (byte {exc.start + 1})", line=lineno, code=CODE)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            return InputError(
                where, f"line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})", line=lineno, code=CODE
            )
        if not isinstance(obj, dict):
            return InputError(where, f"line {lineno}: expected a JSON object", line=lineno, code=CODE)
        text = obj.get("text")
        if not isinstance(text, str):
            return InputError(where, f'line {lineno}: missing "text" string', line=lineno, code=CODE)
        if not text.strip():
            return InputError(where, f'line {lineno}: empty "text"', line=lineno, code=CODE)
        doc_id = obj.get("id")
        if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
            obj["id"] = f"{source.doc_id}:{lineno}"
        elif isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
            return InputError(where, f'line {lineno}: "id" must be a string or integer', line=lineno, code=CODE)
        return obj

    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]:
        seen = False
        try:
            for lineno, offset, raw in self._lines(source):
                if not raw.strip():
                    continue
                seen = True
                obj = self._parse(source, lineno, raw, max_doc_bytes)
                if isinstance(obj, InputError):
                    yield obj
                else:
                    yield Entry(sanitise_id(str(obj["id"])), source, lineno, offset)
        except OSError as exc:
            yield InputError(source.display, f"cannot read file: {exc.strerror or exc}", code=CODE)
            return
        if not seen:
            yield InputError(source.display, "empty file", code=CODE)

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        assert entry.offset is not None and entry.line is not None
        try:
            with entry.source.file.open("rb") as fh:
                fh.seek(entry.offset)
                raw = fh.readline()
        except OSError as exc:
            return [InputError(entry.source.display, f"cannot read file: {exc.strerror or exc}", code=CODE)]
        obj = self._parse(entry.source, entry.line, raw, max_doc_bytes)
        if isinstance(obj, InputError):
            return [obj]
        text = str(obj["text"]).replace("\r\n", "\n").replace("\r", "\n")
        rest = {k: v for k, v in obj.items() if k not in {"id", "text"}}
        return [Record(entry.id, text, "utf-8", normalise_fields(rest), "jsonl", line=entry.line)]


TEXT = TextReader()
MARKDOWN = MarkdownReader()
JSONL = JsonlReader()

for _name, _reader in (
    ("txt", TEXT),
    ("text", TEXT),
    ("md", MARKDOWN),
    ("markdown", MARKDOWN),
    ("jsonl", JSONL),
    ("ndjson", JSONL),
):
    readers.add(_name, _reader)
