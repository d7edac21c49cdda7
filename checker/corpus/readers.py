"""Format readers, registered by name in ``checker.registry.readers``.

A reader works in two steps so the corpus can be yielded in id order without
holding every text in memory: ``index`` lists the documents a file holds (cheap
for one-document files; one pass for JSONL and CSV, keeping only ids and
offsets), and ``load`` reads one of them. Plugins add formats by registering an
object with the same two methods under the file extension they handle.

Built in: .txt/.text, .md/.markdown (front matter), .jsonl/.ndjson, .csv/.tsv
(``tabular``), .html/.htm/.xhtml (``html``: trafilatura's main text). Files of
any other extension are sniffed: HTML pages go to the HTML reader, other text
to the text reader, binary files become errors. Every text reader repairs
unambiguous mojibake (``repair``) and says so in the encoding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from checker.corpus.base import (
    CODE,
    DEFAULT_OPTIONS,
    Entry,
    Reader,
    ReadOptions,
    Record,
    Source,
    how_for,
    read_bytes,
)
from checker.corpus.decode import Decoded, DecodeError, decode
from checker.corpus.html import ExtractError, decode_html, extract_article, looks_like_html
from checker.corpus.ids import sanitise_id
from checker.corpus.repair import repair_mojibake, repair_record
from checker.corpus.sidecar import normalise_fields
from checker.corpus.tabular import CsvReader
from checker.model import Excluded, InputError
from checker.registry import readers

__all__ = [
    "CODE",
    "DEFAULT_OPTIONS",
    "CsvReader",
    "Entry",
    "HtmlReader",
    "JsonlReader",
    "MarkdownReader",
    "ReadOptions",
    "Reader",
    "Record",
    "SniffingReader",
    "Source",
    "TextReader",
]

_read_bytes = read_bytes  # older name, kept for plugins


class TextReader:
    """Plain text: the whole file is one document."""

    def __call__(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        return self.load(entry, max_doc_bytes)

    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]:
        yield Entry(source.doc_id, source)

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        data = read_bytes(entry.source, max_doc_bytes)
        if isinstance(data, InputError):
            return [data]
        return self.load_bytes(entry, data)

    def load_bytes(self, entry: Entry, data: bytes) -> list[Record | InputError]:
        try:
            decoded = decode(data)
        except DecodeError as exc:
            return [InputError(entry.source.display, str(exc), code=CODE)]
        how = how_for(decoded.encoding, decoded.how)
        encoding, text = decoded.encoding, decoded.text
        fixed = repair_mojibake(text)  # before parsing: front-matter offsets refer to the repaired text
        if fixed is not None:
            text, encoding = fixed.text, f"{encoding} (mojibake repaired)"
            how = f"{how}; mojibake repaired by ftfy (e.g. {fixed.example!r})"
        return [
            r if isinstance(r, InputError) or r.encoding_how else _with_how(r, how)
            for r in self.parse(entry, text, encoding)
        ]

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

    The text key is ``ReadOptions.text_column`` ("text" unless the user says otherwise).
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
        key = source.options.text_column
        text = obj.get(key)
        if not isinstance(text, str):
            return InputError(where, f'line {lineno}: missing "{key}" string', line=lineno, code=CODE)
        if not text.strip():
            return InputError(where, f'line {lineno}: empty "{key}"', line=lineno, code=CODE)
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
        key = entry.source.options.text_column
        text = str(obj[key]).replace("\r\n", "\n").replace("\r", "\n")
        rest = {k: v for k, v in obj.items() if k not in {"id", key}}
        record = Record(entry.id, text, "utf-8", normalise_fields(rest), "jsonl", line=entry.line)
        return [repair_record(record)]


def _with_how(record: Record, how: str) -> Record:
    return replace(record, encoding_how=how)


class HtmlReader(TextReader):
    """Saved web pages: trafilatura's main text, and the page's metadata (origin ``"html"``)."""

    def load_bytes(self, entry: Entry, data: bytes) -> list[Record | InputError]:
        where = entry.source.display
        try:
            decoded = decode_html(data)
        except DecodeError as exc:
            return [InputError(where, str(exc), code=CODE)]
        return self.parse_page(entry, decoded)

    def parse_page(self, entry: Entry, decoded: Decoded) -> list[Record | InputError]:
        try:
            page = extract_article(decoded.text)
        except ExtractError as exc:
            return [InputError(entry.source.display, str(exc), code=CODE)]
        how = how_for(decoded.encoding, decoded.how)
        record = Record(entry.id, page.text, decoded.encoding, page.meta, "html", encoding_how=how)
        return [repair_record(record)]


class SniffingReader(TextReader):
    """Files of unknown extension: HTML pages go to the HTML reader, anything else is text."""

    def load_bytes(self, entry: Entry, data: bytes) -> list[Record | InputError]:
        if looks_like_html(data):
            return HTML.load_bytes(entry, data)
        return TEXT.load_bytes(entry, data)


TEXT = TextReader()
MARKDOWN = MarkdownReader()
JSONL = JsonlReader()
HTML = HtmlReader()
SNIFF = SniffingReader()
CSV = CsvReader()
TSV = CsvReader(delimiter="\t")

for _name, _reader in (
    ("txt", TEXT),
    ("text", TEXT),
    ("md", MARKDOWN),
    ("markdown", MARKDOWN),
    ("jsonl", JSONL),
    ("ndjson", JSONL),
    ("html", HTML),
    ("htm", HTML),
    ("xhtml", HTML),
    ("csv", CSV),
    ("tsv", TSV),
):
    readers.add(_name, _reader)
