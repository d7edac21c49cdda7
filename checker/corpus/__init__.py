"""The corpus stage: find documents, read them, and say what they are.

``iter_corpus`` walks folders and files, reads each format through the
``readers`` registry, merges metadata (sidecar > front matter/JSONL > text) and
marks page furniture as ``Document.excluded``. Anything unreadable becomes an
``InputError`` in the stream; the audit goes on without it. Output is sorted by
document id whatever the file system's listing order, so runs are reproducible.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from checker.corpus import readers as _readers  # noqa: F401  (registers the built-in readers)
from checker.corpus.base import CODE, Entry, Reader, ReadOptions, Record, Source, how_for
from checker.corpus.dates import DateMatch, find_dates, to_iso
from checker.corpus.furniture import find_furniture, normalise
from checker.corpus.ids import sanitise_id
from checker.corpus.lines import split_lines
from checker.corpus.meta import TextMeta, guess_language, read_text_metadata
from checker.corpus.readers import SNIFF
from checker.corpus.sidecar import SIDECAR_NAMES, Sidecar, load_sidecar
from checker.model import Document, Excluded, InputError, Metadata, MetaSource
from checker.registry import readers

__all__ = [
    "DateMatch",
    "build_document",
    "find_dates",
    "guess_language",
    "iter_corpus",
    "read_corpus",
    "sanitise_id",
    "to_iso",
]

DEFAULT_MAX_DOC_BYTES = 20_000_000
_FIELDS = ("title", "outlet", "byline", "published", "url", "language", "kind")


# ----------------------------------------------------------------------------- discovery


@dataclass(frozen=True, slots=True)
class _Found:
    source: Source
    reader: Reader
    sidecars: tuple[Path, ...]  # sidecar files that may describe it, nearest first


def _display(path: Path) -> str:
    """The path as the user gave it, relative to the working directory when possible."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix() or "."
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _reader_for(path: Path) -> Reader:
    """By extension through the registry; unknown extensions go to the sniffing reader
    (HTML pages to the HTML reader, binary files become errors, the rest is text)."""
    ext = path.suffix[1:].lower()
    if ext and ext in readers:
        return cast(Reader, readers.get(ext))
    return SNIFF


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _sidecar_in(folder: Path) -> Path | None:
    for name in SIDECAR_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _walk(root: Path, display_root: str, options: ReadOptions) -> Iterator[_Found | InputError]:
    """Files under ``root``: sorted, hidden and sidecar files skipped, symlink loops cut."""
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d) and os.path.realpath(here / d) not in seen)
        chain: list[Path] = []
        folder = here
        while True:  # sidecars of this folder and its parents up to the root
            sc = _sidecar_in(folder)
            if sc is not None:
                chain.append(sc)
            if folder == root or folder.parent == folder:
                break
            folder = folder.parent
        for name in sorted(filenames):
            if _is_hidden(name) or name in SIDECAR_NAMES:
                continue
            file = here / name
            rel = file.relative_to(root).as_posix()
            display = rel if display_root in {"", "."} else f"{display_root}/{rel}"
            if not file.exists():
                yield InputError(display, "broken symbolic link", code=CODE)
                continue
            if not file.is_file():
                continue
            yield _Found(Source(file, display, sanitise_id(rel), options), _reader_for(file), tuple(chain))


def _discover(paths: Sequence[str | Path], options: ReadOptions) -> Iterator[_Found | InputError]:
    for given in paths:
        path = Path(given)
        display = _display(path)
        if path.is_dir():
            yield from _walk(path, display, options)
        elif path.is_file():
            if path.name in SIDECAR_NAMES:
                continue  # a shell glob over a corpus folder picks the sidecar up too
            sc = _sidecar_in(path.parent)
            source = Source(path, display, sanitise_id(path.name), options)
            yield _Found(source, _reader_for(path), (sc,) if sc else ())
        else:
            yield InputError(display, "no such file or directory", code=CODE)


# ----------------------------------------------------------------------------- documents


def _merge(
    sidecar: dict[str, str] | None,
    given: dict[str, str],
    given_origin: str,
    text_meta: TextMeta,
    encoding: str | None,
    encoding_how: str,
) -> Metadata:
    """Sidecar beats the format's own metadata beats text guesses; nulls never win."""
    values: dict[str, str] = {}
    sources: list[MetaSource] = []
    for name in _FIELDS:
        if sidecar and sidecar.get(name):
            values[name] = sidecar[name]
            sources.append(MetaSource(name, "sidecar", evidence=sidecar[name]))
        elif given.get(name):
            values[name] = given[name]
            sources.append(MetaSource(name, given_origin, evidence=given[name]))
        elif name in text_meta.values:
            values[name] = text_meta.values[name]
            sources.append(text_meta.sources[name])
    if "outlet" not in values and values.get("url"):
        host = urlsplit(values["url"]).hostname or ""
        host = host.removeprefix("www.")
        if host:
            values["outlet"] = host
            origin = next(s.origin for s in sources if s.field == "url")
            sources.append(MetaSource("outlet", origin, evidence=f"host of {values['url']}"))
    if encoding:
        sources.append(MetaSource("encoding", "file", evidence=encoding_how))
    return Metadata(
        title=values.get("title"),
        outlet=values.get("outlet"),
        byline=values.get("byline"),
        published=values.get("published"),
        url=values.get("url"),
        language=values.get("language"),
        kind=values.get("kind"),
        encoding=encoding,
        sources=tuple(sources),
    )


def build_document(
    doc_id: str,
    text: str,
    *,
    path: str | None = None,
    sidecar: dict[str, str] | None = None,
    given: dict[str, str] | None = None,
    given_origin: str = "jsonl",
    encoding: str | None = None,
    encoding_how: str = "",
    excluded: Sequence[Excluded] = (),
) -> Document:
    """Turn a text into a ``Document``: furniture, text metadata, merge. Also handy in tests."""
    lines = split_lines(text)
    furniture = normalise([*find_furniture(lines), *excluded])
    text_meta = read_text_metadata(text, lines, furniture)
    meta = _merge(sidecar, given or {}, given_origin, text_meta, encoding, encoding_how)
    return Document(
        id=doc_id,
        text=text,
        path=path,
        meta=meta,
        excluded=tuple(normalise([*furniture, *text_meta.datelines])),
    )


def _document(record: Record, entry: Entry, sidecar: dict[str, str] | None) -> Document:
    return build_document(
        record.id,
        record.text,
        path=entry.source.display,
        sidecar=sidecar,
        given=record.meta,
        given_origin=record.origin,
        encoding=record.encoding,
        encoding_how=getattr(record, "encoding_how", None) or how_for(record.encoding),
        excluded=record.excluded,
    )


def iter_corpus(
    paths: Sequence[str | Path],
    *,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    text_column: str = "text",
) -> Iterator[Document | InputError]:
    """Lazily yield documents, sorted by id, and input errors in place.

    Folders are read recursively (hidden entries and sidecars skipped, symlink
    loops cut), single files too. Formats come from the ``readers`` registry by
    extension (.txt, .md, .jsonl/.ndjson, .csv/.tsv, .html/.htm); other files are
    sniffed: HTML pages are read as HTML, other text as text, binary files are
    errors. ``text_column`` names the CSV column (and JSONL key) holding the text.
    Only ids and offsets are held before reading: texts are read one at a time,
    as the caller consumes them.
    """
    options = ReadOptions(text_column=text_column)
    sidecars: dict[Path, Sidecar] = {}
    plan: list[tuple[tuple[str, int, str, int], Entry | InputError, _Found | None]] = []

    def sidecar_for(found: _Found) -> dict[str, str] | None:
        for sc_path in found.sidecars:
            sc = sidecars.get(sc_path)
            if sc is None:
                sc, err = load_sidecar(sc_path, _display_like(found.source, sc_path))
                sidecars[sc_path] = sc
                if err is not None:
                    plan.append(((err.path, 1, err.path, err.line or 0), err, None))
            entry = sc.lookup(found.source.file)
            if entry is not None:
                return entry
        return None

    for item in _discover(paths, options):
        if isinstance(item, InputError):
            plan.append(((item.path, 1, item.path, 0), item, None))
            continue
        sidecar_for(item)  # load sidecars early so their errors are planned too
        for got in item.reader.index(item.source, max_doc_bytes):
            if isinstance(got, InputError):
                plan.append(((item.source.doc_id, 1, got.path, got.line or 0), got, item))
            else:
                plan.append(((got.id, 0, got.source.display, got.line or 0), got, item))
    plan.sort(key=lambda p: p[0])

    first_seen: dict[str, Entry] = {}
    for _key, obj, found in plan:
        if isinstance(obj, InputError):
            yield obj
            continue
        assert found is not None
        if obj.id in first_seen:
            first = first_seen[obj.id]
            yield InputError(
                obj.source.display,
                f"duplicate document id {obj.id!r} (first read from {first.source.display}); skipped",
                line=obj.line,
                code=CODE,
            )
            continue
        first_seen[obj.id] = obj
        side = sidecar_for(found)
        for rec in found.reader.load(obj, max_doc_bytes):
            yield rec if isinstance(rec, InputError) else _document(rec, obj, side)


def _display_like(source: Source, sidecar: Path) -> str:
    """Display path for a sidecar, in the same style as the document beside it."""
    try:
        rel = sidecar.relative_to(source.file.parent)
    except ValueError:
        return _display(sidecar)
    parent = Path(source.display).parent
    return (parent / rel).as_posix() if parent.as_posix() != "." else rel.as_posix()


def read_corpus(
    paths: Sequence[str | Path], *, max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES, text_column: str = "text"
) -> tuple[list[Document], list[InputError]]:
    """Eager ``iter_corpus``: documents sorted by id, and every input error."""
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in iter_corpus(paths, max_doc_bytes=max_doc_bytes, text_column=text_column):
        (errors if isinstance(item, InputError) else docs).append(item)  # type: ignore[arg-type]
    return docs, errors
