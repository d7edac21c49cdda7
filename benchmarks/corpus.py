"""A benchmark corpus of about N words of real news text, built from what the repository holds.

Sources (each used when present): the seed articles (``seeds/*.txt``), the NewsQuant
development sentences (``../shared/bench/newsquant-dev/corpus.jsonl``) and the grouping
benchmark's articles (``benchmarks/grouping/corpus/**/*.txt``). Articles are cut into
paragraph blocks, NewsQuant sentences into blocks of five; documents of 500–1500 words
are concatenations of blocks in a seeded shuffled order, so every document's text
differs from every other (a cold cache stays cold) and the same N gives the same bytes.

    python benchmarks/corpus.py 200000 /tmp/bench-corpus [seeds,grouping,newsquant]
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSQUANT = ROOT.parent / "shared" / "bench" / "newsquant-dev" / "corpus.jsonl"
SEED = 20251027


@dataclass(frozen=True)
class Block:
    source: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _paragraphs(text: str, source: str, min_words: int = 12) -> list[Block]:
    """Paragraphs of an article; short lines (headings, bylines) ride along with the next paragraph."""
    out: list[Block] = []
    pending: list[str] = []
    for para in (p.strip() for p in text.replace("\r\n", "\n").split("\n\n")):
        if not para:
            continue
        pending.append(para)
        if len(" ".join(pending).split()) >= min_words:
            out.append(Block(source, "\n\n".join(pending)))
            pending = []
    if pending:
        out.append(Block(source, "\n\n".join(pending)))
    return out


SOURCES = ("seeds", "grouping", "newsquant")


def blocks(root: Path = ROOT, sources: Sequence[str] = SOURCES) -> list[Block]:
    """Every distinct text block the chosen sources offer, in a fixed order. ``seeds`` are whole
    articles; ``grouping`` and ``newsquant`` were picked for their figures, so they are denser in
    numbers than ordinary news."""
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise SystemExit(f"unknown source {sorted(unknown)[0]!r} (known: {', '.join(SOURCES)})")
    found: list[Block] = []
    if "seeds" in sources:
        for path in sorted((root / "seeds").glob("*.txt")):
            found += _paragraphs(path.read_text(encoding="utf-8"), f"seeds/{path.name}")
    grouping = root / "benchmarks" / "grouping" / "corpus"
    if "grouping" in sources and grouping.is_dir():
        for path in sorted(grouping.rglob("*.txt")):
            found += _paragraphs(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    if "newsquant" in sources and NEWSQUANT.is_file():
        sentences = [json.loads(line)["text"] for line in NEWSQUANT.read_text(encoding="utf-8").splitlines() if line]
        for i in range(0, len(sentences), 5):
            found.append(Block("newsquant-dev", " ".join(sentences[i : i + 5])))
    seen: set[str] = set()
    unique = []
    for b in found:
        if b.text not in seen:
            seen.add(b.text)
            unique.append(b)
    return unique


def build(words: int, seed: int = SEED, root: Path = ROOT, sources: Sequence[str] = SOURCES) -> list[tuple[str, str]]:
    """``(doc_id, text)`` pairs totalling about ``words`` words, documents of 500–1500 words."""
    pool = blocks(root, sources)
    if not pool:
        raise SystemExit("no news text found (seeds/ and ../shared/bench are missing)")
    rng = random.Random(seed)
    order: list[Block] = []
    docs: list[tuple[str, str]] = []
    total = 0
    seen: set[str] = set()
    while total < words:
        target = min(rng.randint(500, 1500), max(words - total, 50))
        parts: list[str] = []
        n = 0
        while n < target:
            if not order:  # a fresh shuffled pass over the pool: every block before any repeats
                order = pool[:]
                rng.shuffle(order)
            b = order.pop()
            parts.append(b.text)
            n += b.words
        text = "\n\n".join(parts) + "\n"
        if text in seen:
            continue
        seen.add(text)
        docs.append((f"doc-{len(docs):04d}.txt", text))
        total += n
    return docs


def write(words: int, out: Path, seed: int = SEED, sources: Sequence[str] = SOURCES) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc_id, text in build(words, seed, sources=sources):
        p = out / doc_id
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def summary(sources: Sequence[str] = SOURCES) -> str:
    pool = blocks(sources=sources)
    by: dict[str, int] = {}
    for b in pool:
        key = b.source.split("/")[0] if not b.source.startswith("benchmarks/") else "benchmarks/grouping"
        by[key] = by.get(key, 0) + b.words
    parts = ", ".join(f"{k} {v:,}" for k, v in sorted(by.items()))
    return f"{len(pool)} distinct blocks, {sum(by.values()):,} distinct words ({parts})"


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench-corpus")
    chosen = sys.argv[3].split(",") if len(sys.argv) > 3 else SOURCES
    files = write(n, target, sources=chosen)
    print(f"{len(files)} documents, ~{n:,} words in {target}; {summary(chosen)}")
