"""Content-addressed caches: per-document extraction results, and whole analyses.

``extract``: an entry holds the assertions one document yields. Its key is the
sha256 of everything extraction reads: the document's id, text and excluded
spans, the model (``name==version``), the qualifier table,
``checker.__version__`` and a fingerprint of the extraction code itself (so an
edited grammar in a checkout never serves stale results under an unchanged
version number). A re-run on unchanged input therefore needs no NLP at all.

``audit``: an entry holds what the cross-document stages (grouping, rules,
scoring) made of one corpus, in ``audit.json``'s form. Its key adds to every
document's extraction key its metadata, the whole rule set (specs and the
source of every rule kind, plugins included), the suppressions and baseline,
and a fingerprint of all of ``checker``'s code. Change one document and only
that document is re-extracted, but the corpus is re-analysed: grouping is
about the whole corpus, like a linker's output.

Entries are JSON files ``<root>/<kind>-v<FORMAT>/<k[:2]>/<k>.json``. They are written
atomically; an entry that cannot be read or does not match its key is treated
as a miss and rewritten. Nothing is ever evicted: ``checker cache clear``
empties the folder.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import tempfile
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, astuple
from pathlib import Path
from typing import Any, TypeVar

import checker
from checker.model import Assertion, Document, Qualifier, QualifierEntry

FORMAT = 2
ENV_DIR = "CHECKER_CACHE_DIR"
T = TypeVar("T")
# Libraries whose behaviour extraction depends on beyond the model itself.
_LIBRARIES = ("spacy", "pint")


def default_cache_dir() -> Path:
    """``$CHECKER_CACHE_DIR``, else the user cache folder (``~/.cache/checker`` on Linux)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker", appauthor=False))


def qualifier_hash(qualifiers: Iterable[QualifierEntry]) -> str:
    """sha256 of the sorted qualifier table (order-independent)."""
    rows = sorted(json.dumps([str(v) if isinstance(v, Qualifier) else v for v in astuple(q)]) for q in qualifiers)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@functools.cache
def code_fingerprint(scope: str = "extract") -> str:
    """sha256 of the code a cache kind depends on and of library versions: ``extract`` is
    ``checker/extract/**.py`` and ``checker/model.py``; ``all`` is every module of ``checker``."""
    h = hashlib.sha256()
    pkg = Path(checker.__file__).resolve().parent
    files = pkg.rglob("*.py") if scope == "all" else [*(pkg / "extract").rglob("*.py"), pkg / "model.py"]
    for path in sorted(files):
        h.update(path.relative_to(pkg).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for lib in _LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            h.update(f"{lib}=={importlib.metadata.version(lib)}\0".encode())
    return h.hexdigest()


def context_key(model: str, qualifiers: Sequence[QualifierEntry]) -> str:
    """What every document of one run shares: model, qualifier table, checker version and code."""
    parts = [f"format={FORMAT}", f"checker={checker.__version__}", f"code={code_fingerprint()}",
             f"model={model}", f"qualifiers={qualifier_hash(qualifiers)}"]  # fmt: skip
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def document_key(doc: Document, context: str) -> str:
    """The cache key of one document's extraction under a run context (see ``context_key``)."""
    h = hashlib.sha256()
    h.update(context.encode() + b"\0")
    h.update(doc.id.encode() + b"\0")
    h.update(json.dumps([[e.start, e.end] for e in doc.excluded]).encode() + b"\0")
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def analysis_key(documents: Iterable[Document], context: str, rules: str, settings: Iterable[str] = ()) -> str:
    """The ``audit`` cache key of a corpus: each document's extraction key (under ``context``)
    and metadata, the rule set's fingerprint, run settings (suppressions, baseline) and the code."""
    h = hashlib.sha256()
    for part in (f"format={FORMAT}", f"checker={checker.__version__}", f"code={code_fingerprint('all')}",
                 f"rules={rules}", *settings):  # fmt: skip
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for doc in sorted(documents, key=lambda d: d.id):
        meta = json.dumps([doc.path, asdict(doc.meta)], sort_keys=True, ensure_ascii=False, default=str)
        h.update(document_key(doc, context).encode() + b"\0" + meta.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


class EntryStore:
    """JSON entries of one cache kind on disk, each holding its own key."""

    kind = ""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root) / f"{self.kind}-v{FORMAT}"
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def read(self, key: str) -> dict[str, Any] | None:
        """The entry's payload, or ``None`` on a miss (absent, unreadable or not this key's)."""
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("value"), dict):
                raise ValueError("entry does not match its key")
        except (OSError, ValueError):
            self.misses += 1  # absent or corrupt: a corrupt one is rewritten by the caller's write()
            return None
        return data["value"]

    def load(self, key: str, decode: Callable[[dict[str, Any]], T]) -> T | None:
        """The entry decoded, or ``None`` on a miss: an entry that does not decode is as good as absent
        (entries are files anyone may have touched), and is rewritten by the caller's write()."""
        value = self.read(key)
        if value is None:
            return None
        try:
            got = decode(value)
        except Exception:
            self.misses += 1
            return None
        self.hits += 1
        return got

    def write(self, key: str, value: dict[str, Any]) -> None:
        """Write an entry atomically (temp file beside it, then rename); a failing disk is not an error."""
        text = json.dumps({"key": key, "value": value}, ensure_ascii=False, sort_keys=True, allow_nan=False)
        target = self.path(key)
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, text)

    def clear(self) -> int:
        """Remove every entry; the number of entries removed."""
        n = sum(1 for _ in self.root.glob("*/*.json")) if self.root.is_dir() else 0
        shutil.rmtree(self.root, ignore_errors=True)
        return n

    def stats(self) -> tuple[int, int]:
        """(entries, bytes) on disk."""
        if not self.root.is_dir():
            return 0, 0
        files = list(self.root.glob("*/*.json"))
        return len(files), sum(f.stat().st_size for f in files)


class ExtractionCache(EntryStore):
    """Per-document extraction results, keyed by ``document_key``."""

    kind = "extract"

    def get(self, key: str) -> list[Assertion] | None:
        """The cached assertions, or ``None`` on a miss."""
        return self.load(key, lambda value: [Assertion.from_record(d) for d in value["assertions"]])

    def put(self, key: str, assertions: Sequence[Assertion]) -> None:
        self.write(key, {"assertions": [a.to_record() for a in assertions]})


class AnalysisCache(EntryStore):
    """Whole-corpus analyses in ``audit.json`` form, keyed by ``analysis_key`` (the caller decodes
    them with ``load``: reading an audit back belongs to ``checker.serialize``, downstream of here)."""

    kind = "audit"


def stores(root: str | Path) -> list[EntryStore]:
    """Every cache kind under one cache folder."""
    return [ExtractionCache(root), AnalysisCache(root)]


def _write_atomic(target: Path, text: str) -> None:
    """Like ``checker.atomic.atomic_open`` but without fsync: a lost entry is only a miss, and a torn
    one fails its key check, so durability is not worth a disk flush per document."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def resolve_model(name: str | None) -> tuple[str, str] | None:
    """``(package or path, "name==version")`` of the model ``load_model(name)`` would load first,
    read from its ``meta.json`` without loading it; ``None`` when that cannot be told cheaply."""
    from checker.extract import model_id
    from checker.extract.pipeline import PREFERRED_MODELS

    if name:
        cand = name
    else:
        found = [n for n in PREFERRED_MODELS if importlib.util.find_spec(n) is not None]
        if not found:
            return None
        cand = found[0]
    meta_path: Path | None = None
    if Path(cand).is_dir():
        meta_path = Path(cand) / "meta.json"
    else:
        try:
            spec = importlib.util.find_spec(cand)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.submodule_search_locations:
            meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path else None
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not meta.get("name"):
        return None
    return cand, model_id(types.SimpleNamespace(meta=meta))
