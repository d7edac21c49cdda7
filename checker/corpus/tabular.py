"""CSV/TSV corpora: one document per row, the text in one column.

The text column is ``ReadOptions.text_column`` ("text" unless the user says
otherwise); ``id``, ``title``, ``url``, ``author``, ``date``, ``outlet`` (and the
other sidecar aliases) become metadata with origin ``"csv"``. A row's id is its
``id`` cell, else ``<file>:<line>`` (the line the row starts on -- the
spreadsheet row number when no cell spans lines).

Streaming, like JSONL: ``index`` makes one pass and keeps only ids and the
position where each row starts; ``load`` seeks back to one row. The csv module
runs in strict mode so broken quoting is an error naming its line rather than
a row silently swallowing the ones after it; a bad row never stops the others.
Cells that are not valid in the file's encoding are decoded with
``surrogateescape`` so only the rows that hold them are rejected.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from checker.corpus.base import CODE, HOW, Entry, Record, Source
from checker.corpus.decode import DecodeError, decode, sniff_binary
from checker.corpus.ids import sanitise_id
from checker.corpus.repair import repair_record
from checker.corpus.sidecar import normalise_fields
from checker.model import InputError

_SAMPLE = 1 << 16
_DELIMITERS = (",", ";", "\t", "|")
_BAD_BYTES = re.compile("[\udc80-\udcff]")
_CELL_LIMIT = 2**31 - 1  # csv.field_size_limit takes a C long


@dataclass(frozen=True, slots=True)
class _Encoding:
    codec: str  # what to decode with
    label: str  # what to report ("utf-8-sig", "cp1252", ...)
    how: str  # key of ``HOW``
    skip: int  # bytes of BOM to skip
    text_mode: bool  # UTF-16: lines cannot be split on b"\n"


def _encoding(head: bytes, at_eof: bool) -> _Encoding:
    if head.startswith(codecs.BOM_UTF8):
        return _Encoding("utf-8", "utf-8-sig", "bom", 3, False)
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return _Encoding(name, name, "bom", 2, True)
    if not head.strip():
        raise DecodeError("empty file")
    what = sniff_binary(head)
    if what:
        raise DecodeError(f"not a text file: looks like {what}")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=at_eof)
        return _Encoding("utf-8", "utf-8", "utf-8", 0, False)
    except UnicodeDecodeError:
        pass
    guess = decode(head if at_eof else head[: head.rfind(b"\n") + 1] or head).encoding
    try:
        ascii_compatible = '\n,;\t|"'.encode(guess) == b'\n,;\t|"'
    except (LookupError, UnicodeError):
        ascii_compatible = False
    if not ascii_compatible:
        raise DecodeError(f"unsupported encoding for CSV: {guess}")
    return _Encoding(guess, guess, "detected", 0, False)


class _Lines:
    """The file's decoded lines from a position, remembering where the next line starts."""

    def __init__(self, raw: IO[bytes], text: IO[str] | None, enc: _Encoding) -> None:
        self.raw, self.text, self.enc = raw, text, enc
        self.pos = 0

    def seek(self, pos: int) -> None:
        (self.text or self.raw).seek(pos)
        self.pos = pos

    def __iter__(self) -> Iterator[str]:
        if self.text is not None:
            while line := self.text.readline():
                self.pos = self.text.tell()
                yield line
            return
        for line in self.raw:
            self.pos += len(line)
            yield line.decode(self.enc.codec, "surrogateescape")


@dataclass
class _Table:
    source: Source
    enc: _Encoding
    lines: _Lines
    delimiter: str
    header: list[str]
    header_line: int


def _delimiter(first_line: str, ext_default: str | None) -> str:
    if ext_default:
        return ext_default
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


@contextlib.contextmanager
def _open(source: Source, delimiter: str | None, max_doc_bytes: int) -> Iterator[_Table | InputError]:
    """The file with its encoding, delimiter and header read; positioned after the header."""
    where = source.display
    if csv.field_size_limit() < min(max_doc_bytes, _CELL_LIMIT):
        csv.field_size_limit(min(max_doc_bytes, _CELL_LIMIT))
    with contextlib.ExitStack() as stack:
        try:
            raw = stack.enter_context(source.file.open("rb"))
            head = raw.read(_SAMPLE)
            enc = _encoding(head, at_eof=len(head) < _SAMPLE)
            text = None
            if enc.text_mode:
                text = stack.enter_context(source.file.open(encoding=enc.codec, errors="surrogateescape", newline=""))
            lines = _Lines(raw, text, enc)
            lines.seek(enc.skip)
            first = next(iter(lines), "")
            sep = _delimiter(first, delimiter)
            lines.seek(enc.skip)
            reader = csv.reader(iter(lines), delimiter=sep, strict=True)
            header: list[str] = []
            while not any(h.strip() for h in header):
                header = next(reader)
        except DecodeError as exc:
            yield InputError(where, str(exc), code=CODE)
            return
        except OSError as exc:
            yield InputError(where, f"cannot read file: {exc.strerror or exc}", code=CODE)
            return
        except StopIteration:
            yield InputError(where, "empty file", code=CODE)
            return
        except csv.Error as exc:
            line = reader.line_num or 1
            yield InputError(where, f"line {line}: malformed CSV header: {exc}", line=line, code=CODE)
            return
        header = [h.replace("\ufeff", "").strip() for h in header]
        yield _Table(source, enc, lines, sep, header, reader.line_num)


def _column(header: list[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    folded = [h.casefold() for h in header]
    if folded.count(name.casefold()) == 1:
        return folded.index(name.casefold())
    return None


def _check_row(
    table: _Table, row: list[str], line: int, text_col: int, max_doc_bytes: int
) -> tuple[str, str, dict[str, str]] | InputError | None:
    """(id, text, metadata) of one row, an error naming its line, or ``None`` for a blank row."""
    where, header = table.source.display, table.header
    if not any(cell.strip() for cell in row):
        return None
    size = sum(len(cell) for cell in row)
    if size > max_doc_bytes:
        return InputError(where, f"line {line}: row too large ({size} characters)", line=line, code=CODE)
    if len(row) > len(header):
        return InputError(
            where,
            f"line {line}: {len(row)} fields but the header has {len(header)} (unquoted delimiter?)",
            line=line,
            code=CODE,
        )
    if any(_BAD_BYTES.search(cell) for cell in row):
        return InputError(where, f"line {line}: not valid {table.enc.label}", line=line, code=CODE)
    text = row[text_col] if text_col < len(row) else ""
    if not text.strip():
        name = header[text_col]
        return InputError(where, f'line {line}: no text in column "{name}"', line=line, code=CODE)
    id_col = _column(header, "id")
    raw_id = row[id_col].strip() if id_col is not None and id_col < len(row) and id_col != text_col else ""
    doc_id = sanitise_id(raw_id) if raw_id else f"{table.source.doc_id}:{line}"
    meta_cells: dict[str, str] = {}
    for i, (name, value) in enumerate(zip(header, row, strict=False)):
        if i not in {text_col, id_col} and name and value.strip():
            meta_cells.setdefault(name, value)
    return doc_id, text, normalise_fields(meta_cells)


def _rows(table: _Table, reader: Any) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
    """(start position, start line, row or error) for each record after the header."""
    while True:
        pos, line = table.lines.pos, table.header_line + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield pos, line, exc
            continue
        yield pos, line, row


def _csv_message(exc: csv.Error) -> str:
    msg = str(exc)
    if "unexpected end of data" in msg:
        return "malformed CSV: unclosed quote (the rest of the file was read into this row)"
    return f"malformed CSV: {msg}"


class CsvReader:
    """Comma- (or ``;``/tab/``|``-) separated values with a header row."""

    def __init__(self, delimiter: str | None = None) -> None:
        self.delimiter = delimiter

    def __call__(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        return self.load(entry, max_doc_bytes)

    def index(self, source: Source, max_doc_bytes: int) -> Iterator[Entry | InputError]:
        where = source.display
        with _open(source, self.delimiter, max_doc_bytes) as table:
            if isinstance(table, InputError):
                yield table
                return
            name = source.options.text_column
            text_col = _column(table.header, name)
            if text_col is None:
                found = ", ".join(h or "(blank)" for h in table.header)
                yield InputError(
                    where,
                    f'no "{name}" column (columns: {found}); name the text column with --text-column',
                    line=table.header_line,
                    code=CODE,
                )
                return
            seen = False
            reader = csv.reader(iter(table.lines), delimiter=table.delimiter, strict=True)
            try:
                for pos, line, row in _rows(table, reader):
                    if isinstance(row, csv.Error):
                        seen = True
                        yield InputError(where, f"line {line}: {_csv_message(row)}", line=line, code=CODE)
                        continue
                    got = _check_row(table, row, line, text_col, max_doc_bytes)
                    if got is None:
                        continue
                    seen = True
                    if isinstance(got, InputError):
                        yield got
                    else:
                        yield Entry(got[0], source, line, pos)
            except OSError as exc:
                yield InputError(where, f"cannot read file: {exc.strerror or exc}", code=CODE)
                return
            if not seen:
                yield InputError(where, "no rows after the header", code=CODE)

    def load(self, entry: Entry, max_doc_bytes: int) -> list[Record | InputError]:
        assert entry.offset is not None and entry.line is not None
        where = entry.source.display
        with _open(entry.source, self.delimiter, max_doc_bytes) as table:
            if isinstance(table, InputError):
                return [table]
            text_col = _column(table.header, entry.source.options.text_column)
            if text_col is None:
                return [InputError(where, "the text column disappeared while reading", code=CODE)]
            try:
                table.lines.seek(entry.offset)
                reader = csv.reader(iter(table.lines), delimiter=table.delimiter, strict=True)
                row = next(reader)
            except StopIteration:
                return [InputError(where, f"line {entry.line}: row disappeared while reading", code=CODE)]
            except csv.Error as exc:
                msg = f"line {entry.line}: {_csv_message(exc)}"
                return [InputError(where, msg, line=entry.line, code=CODE)]
            except OSError as exc:
                return [InputError(where, f"cannot read file: {exc.strerror or exc}", code=CODE)]
            got = _check_row(table, row, entry.line, text_col, max_doc_bytes)
            if got is None:
                return [InputError(where, f"line {entry.line}: row is empty now", line=entry.line, code=CODE)]
            if isinstance(got, InputError):
                return [got]
            _, text, meta = got
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            record = Record(
                entry.id,
                text,
                table.enc.label,
                meta,
                "csv",
                line=entry.line,
                encoding_how=HOW[table.enc.how],
            )
            return [repair_record(record)]
