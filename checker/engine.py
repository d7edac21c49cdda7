"""Where extraction runs: in this process (``local``) or across a Dask cluster (``dask``).

Documents stream in from a lazy iterator and are extracted in batches, so the
parsed spaCy documents of only one batch are alive at a time. Each document is
first looked up in the extraction cache (``checker.cache``); only misses are
parsed, and the spaCy model is loaded on the first miss, never when every
document hits. With ``dask`` the misses of each batch become one task; every
worker process loads the model once, on its first task. Cache reads and writes
stay in this process, so a remote cluster needs no access to the cache folder.
Both engines return the assertions sorted by ``(doc_id, start, end)``: the same
input gives the same ``audit.json`` bytes whichever engine ran.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.cache import ExtractionCache, context_key, document_key, resolve_model
from checker.errors import ModelError, UsageError
from checker.extract import extract, load_model, model_id
from checker.extract.pipeline import split_sentences
from checker.model import Assertion, Document, QualifierEntry

if TYPE_CHECKING:
    from spacy.language import Language

ENGINES = ("local", "dask")
BATCH_DOCS = 64  # documents per local extraction batch
DASK_BATCH_DOCS = 8  # documents per Dask task: small enough to keep every worker busy


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """What a progress display is told: the stage, documents done (of ``total`` when known)
    and the sentences those documents hold."""

    stage: str  # "extract" | "group" | "rules" | "score"
    done: int
    total: int | None
    sentences: int


Progress = Callable[[ProgressEvent], None]


class ModelRef:
    """A spaCy model by name, loaded on first use. Its id (``name==version``) comes from the
    package's ``meta.json`` when possible, so a fully cached run never loads the model."""

    def __init__(self, name: str | None = None) -> None:
        resolved = resolve_model(name)
        self.name: str | None = resolved[0] if resolved else name
        self._id: str | None = resolved[1] if resolved else None
        self._nlp: Language | None = None

    @property
    def id(self) -> str:
        if self._id is None:
            self._id = model_id(self.load())
        return self._id

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def load(self) -> Language:
        if self._nlp is None:
            nlp = load_model(self.name)
            if self._id is not None and model_id(nlp) != self._id:
                raise ModelError(
                    f"model {self.name!r} describes itself as {self._id} but loads as {model_id(nlp)}; "
                    "run with --no-cache"
                )
            self._nlp = nlp
        return self._nlp


def dask_available() -> bool:
    return importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None


def check_engine(engine: str, scheduler: str | None) -> str:
    """The engine to run (``--scheduler`` alone implies ``dask``); a usage error when it cannot run."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (known: {', '.join(sorted(ENGINES))})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if engine == "dask" and not dask_available():
        raise UsageError("--engine dask needs Dask: pip install 'checker[dask]'")
    return engine


def run_extraction(
    docs: Iterable[Document],
    qualifiers: Sequence[QualifierEntry],
    model: str | ModelRef | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    *,
    cache: ExtractionCache | None = None,
    progress: Progress | None = None,
    total: int | None = None,
) -> list[Assertion]:
    """Assertions of ``docs`` (consumed lazily, in batches), sorted by ``(doc_id, start, end)``."""
    check_engine(engine, scheduler)
    ref = model if isinstance(model, ModelRef) else ModelRef(model)
    quals = tuple(qualifiers)
    context = context_key(ref.id, quals) if cache is not None else ""
    runner = _run_dask if engine == "dask" else _run_local
    out = runner(_batches(docs, DASK_BATCH_DOCS if engine == "dask" else BATCH_DOCS), quals, ref, scheduler,
                 _Lookup(cache, context), _Meter(progress, total))  # fmt: skip
    out.sort(key=lambda a: (a.doc_id, a.start, a.end))
    return out


# ----------------------------------------------------------------------------- plumbing


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Lookup:
    """Cache look-ups of one batch: hits go straight to the output, misses come back with their keys."""

    def __init__(self, cache: ExtractionCache | None, context: str) -> None:
        self.cache, self.context = cache, context

    def split(self, batch: list[Document], out: list[Assertion]) -> list[tuple[Document, str]]:
        if self.cache is None:
            return [(d, "") for d in batch]
        misses = []
        for doc in batch:
            key = document_key(doc, self.context)
            got = self.cache.get(key)
            if got is None:
                misses.append((doc, key))
            else:
                out.extend(got)
        return misses

    def store(self, misses: list[tuple[Document, str]], found: list[Assertion]) -> None:
        if self.cache is None:
            return
        by_doc: dict[str, list[Assertion]] = {d.id: [] for d, _ in misses}
        for a in found:
            by_doc[a.doc_id].append(a)
        for doc, key in misses:
            self.cache.put(key, by_doc[doc.id])


class _Meter:
    """Counts documents and sentences for the progress callback; free when there is none."""

    def __init__(self, progress: Progress | None, total: int | None) -> None:
        self.progress, self.total = progress, total
        self.done = self.sentences = 0

    def sentences_of(self, batch: Sequence[Document]) -> int:
        if self.progress is None:
            return 0
        return sum(1 for d in batch for _ in split_sentences(d.text))

    def advance(self, docs: int, sentences: int) -> None:
        self.done += docs
        self.sentences += sentences
        if self.progress is not None:
            self.progress(ProgressEvent("extract", self.done, self.total, self.sentences))


def _run_local(
    batches: Iterator[list[Document]],
    quals: tuple[QualifierEntry, ...],
    ref: ModelRef,
    scheduler: str | None,
    lookup: _Lookup,
    meter: _Meter,
) -> list[Assertion]:
    out: list[Assertion] = []
    for batch in batches:
        misses = lookup.split(batch, out)
        if misses:
            found = extract([d for d, _ in misses], quals, ref.load())
            lookup.store(misses, found)
            out.extend(found)
        meter.advance(len(batch), meter.sentences_of(batch))
    return out


# --------------------------------------------------------------------------------- dask


def _run_dask(
    batches: Iterator[list[Document]],
    quals: tuple[QualifierEntry, ...],
    ref: ModelRef,
    scheduler: str | None,
    lookup: _Lookup,
    meter: _Meter,
) -> list[Assertion]:
    from distributed import as_completed

    out: list[Assertion] = []
    with _Cluster(scheduler) as client:
        pending: dict[Any, tuple[list[tuple[Document, str]], int, int]] = {}
        for batch in batches:
            misses = lookup.split(batch, out)
            sentences = meter.sentences_of(batch)
            if not misses:
                meter.advance(len(batch), sentences)
                continue
            fut = client.submit(extract_on_worker, [d for d, _ in misses], quals, ref.name, pure=False)
            pending[fut] = (misses, len(batch), sentences)
        for fut in as_completed(list(pending)):
            misses, n, sentences = pending.pop(fut)
            found: list[Assertion] = fut.result()
            lookup.store(misses, found)
            out.extend(found)
            meter.advance(n, sentences)
    return out


class _Cluster:
    """A ``distributed.Client`` on ``scheduler``, else on a private loopback ``LocalCluster``
    (2 worker processes, 1 thread each, no dashboard); both closed on exit."""

    def __init__(self, scheduler: str | None) -> None:
        self.scheduler = scheduler
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        import logging

        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
            return self.client
        self.cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


_WORKER_MODELS: dict[str | None, Language] = {}
_WORKER_LOCK = threading.Lock()


def extract_on_worker(docs: list[Document], quals: tuple[QualifierEntry, ...], model: str | None) -> list[Assertion]:
    """A Dask task: extraction of some documents, with the worker's own copy of the model
    (loaded by its first task, then kept for the life of the worker process)."""
    with _WORKER_LOCK:
        nlp = _WORKER_MODELS.get(model)
        if nlp is None:
            nlp = _WORKER_MODELS[model] = load_model(model)
    return extract(docs, quals, nlp)
