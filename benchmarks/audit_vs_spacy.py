"""Wall time of a full audit (cold cache, then warm) against raw ``nlp.pipe`` over the same texts.

    python benchmarks/audit_vs_spacy.py                      # ~200k words, local engine
    python benchmarks/audit_vs_spacy.py --words 50000 --engine dask

The corpus comes from ``benchmarks/corpus.py`` (real news text, every document
distinct). Three audits run: cold (empty cache), warm (unchanged input: cached
extractions and analysis) and edited (one document changed: it is re-extracted
and the corpus re-analysed). The model is loaded once before anything is timed, so neither side
pays for loading it; the warm audit never needs it. All times are measured in
this one process and printed as ratios; peak RSS is ``getrusage``'s maximum so
far (this process, and Dask worker processes separately). Never run by the tests.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import SOURCES, summary, write

from checker.api import audit
from checker.corpus import read_corpus
from checker.engine import ProgressEvent
from checker.extract import load_model, model_id
from checker.model import Document, QualifierEntry
from checker.rules import load_rules


def figure_share(docs: Sequence[Document], qualifiers: Sequence[QualifierEntry]) -> float:
    """Share of the words that sit in sentences the prefilter sends to spaCy (untimed)."""
    from checker.extract import grammar
    from checker.extract import numbers as nb
    from checker.extract.pipeline import split_sentences

    quals, total, kept = tuple(qualifiers), 0, 0
    for d in docs:
        for s, e in split_sentences(d.text):
            sent = d.text[s:e]
            n = len(sent.split())
            total += n
            if nb.vague_words(sent) and grammar.find_mentions(sent, quals)[0]:
                kept += n
    return kept / total if total else 0.0


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Stages:
    """Wall-clock marks from the audit's progress events: when extraction ended, when each later stage began."""

    start: float = field(default_factory=time.perf_counter)
    marks: dict[str, float] = field(default_factory=dict)
    sentences: int = 0

    def __call__(self, event: ProgressEvent) -> None:
        now = time.perf_counter()
        if event.stage == "extract":
            self.marks["extract"] = now
            self.sentences = event.sentences
        else:
            self.marks.setdefault(event.stage, now)

    def split(self, end: float) -> str:
        ex = self.marks.get("extract", self.start) - self.start
        rest = end - self.marks.get("extract", self.start)
        group = self.marks.get("rules", end) - self.marks.get("group", end)
        return f"read+extract {ex:6.1f} s, group {group:5.1f} s, rest {rest - group:5.1f} s"


@dataclass
class Result:
    words: int
    docs: int
    sentences: int
    raw: float | None
    cold: float
    warm: float
    edited: float
    cold_split: str
    warm_split: str
    edited_split: str
    rss_audit: float
    rss_all: float
    rss_workers: float
    figure_share: float


def measure(
    words: int,
    engine: str = "local",
    model: str | None = None,
    raw: bool = True,
    sources: Sequence[str] = SOURCES,
) -> Result:
    nlp = load_model(model)
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
        corpus, cache = Path(tmp) / "corpus", Path(tmp) / "cache"
        write(words, corpus, sources=sources)
        docs, _ = read_corpus([corpus])
        n_words = sum(len(d.text.split()) for d in docs)

        runs = {}
        for name in ("cold", "warm", "edited"):
            if name == "edited":  # one document changes: it alone is re-extracted, the corpus re-analysed
                first = sorted(corpus.rglob("*.txt"))[0]
                first.write_text(first.read_text(encoding="utf-8") + "\n\nOne more line.\n", encoding="utf-8")
            stages = Stages()
            t = time.perf_counter()
            result = audit([corpus], model=model, cache_dir=cache, engine=engine, progress=stages)
            end = time.perf_counter()
            runs[name] = (end - t, stages.split(end), stages.sentences)
            assert len(result.documents) == len(docs)
        rss_audit = peak_rss_mb()

        raw_time = None
        if raw:
            texts = [d.text for d in docs]
            t = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            raw_time = time.perf_counter() - t
    return Result(
        words=n_words,
        docs=len(docs),
        sentences=runs["cold"][2],
        raw=raw_time,
        cold=runs["cold"][0],
        warm=runs["warm"][0],
        edited=runs["edited"][0],
        cold_split=runs["cold"][1],
        warm_split=runs["warm"][1],
        edited_split=runs["edited"][1],
        rss_audit=rss_audit,
        rss_all=peak_rss_mb(),
        rss_workers=peak_rss_mb(resource.RUSAGE_CHILDREN),
        figure_share=figure_share(docs, load_rules([]).qualifiers()),
    )


def report(r: Result, engine: str) -> str:
    lines = [
        f"corpus: {r.words:,} words, {r.docs} documents, {r.sentences:,} sentences; "
        f"{r.figure_share:.0%} of the words are in sentences with a candidate figure",
        f"engine: {engine}",
        f"cold audit  {r.cold:7.1f} s   ({r.cold_split})",
        f"warm audit  {r.warm:7.1f} s   ({r.warm_split})",
        f"one edited  {r.edited:7.1f} s   ({r.edited_split})",
    ]
    if r.raw is not None:
        lines.append(f"raw nlp.pipe{r.raw:7.1f} s")
        lines.append(f"cold / raw spaCy = {r.cold / r.raw:.2f}   (target <= 0.5)")
    lines.append(f"warm / cold      = {r.warm / r.cold:.3f}  (target <= 0.1)")
    lines.append(f"edited / cold    = {r.edited / r.cold:.3f}  (one document changed)")
    lines.append(f"peak RSS: {r.rss_audit:,.0f} MB after both audits, {r.rss_all:,.0f} MB after raw spaCy too"
                 + (f", {r.rss_workers:,.0f} MB largest child process" if r.rss_workers else ""))  # fmt: skip
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--model", default=None)
    ap.add_argument("--sources", default=",".join(SOURCES), help="Corpus sources (default: all of them).")
    args = ap.parse_args()
    sources = args.sources.split(",")
    print(f"source text: {summary(sources)}; model {model_id(load_model(args.model))}")
    print(report(measure(args.words, args.engine, args.model, sources=sources), args.engine))
