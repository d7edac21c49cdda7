"""Syndication: which documents repeat another one's sentences (wire copies, light rewrites).

Two outlets running the same wire story are one report, not two confirmations.
A document is a copy when enough of its sentences are near-duplicates
(rapidfuzz ratio over normalised text) of another document's; copies form
families, and each family's original is its earliest-published member (then
the smallest id), so the answer does not depend on input order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from rapidfuzz import fuzz

from checker.model import Document

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
WORDS = re.compile(r"[a-z0-9]+")
MIN_WORDS = 8  # shorter lines (headlines, bylines, datelines) are too generic to prove copying
NEAR = 90.0  # rapidfuzz ratio of two normalised sentences that makes them the same sentence
MIN_SHARED = 2  # sentences two documents must share ...
MIN_SHARE = 0.5  # ... and the share of the shorter document's sentences they must be
KEY_WORDS = 5  # sentences are compared only when they share a run of this many words
LENGTH_RATIO = 0.6  # a sentence cut to less than this share of its copy is a quote, not a copy
MAX_REPEATS = 20  # a sentence in more documents than this is boilerplate, not a copied report


def sentences(text: str) -> list[str]:
    """Normalised sentences long enough to count (lowercase words joined by single spaces)."""
    out = []
    for raw in SENTENCE_END.split(text):
        words = WORDS.findall(raw.lower())
        if len(words) >= MIN_WORDS:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _shingles(text: str) -> set[str]:
    """Every third run of KEY_WORDS words, and the last: two copies of a sentence share at least one."""
    words = text.split()
    starts = {*range(0, max(len(words) - KEY_WORDS, 0) + 1, 3), max(len(words) - KEY_WORDS, 0)}
    return {" ".join(words[i : i + KEY_WORDS]) for i in starts}


def same_sentence(x: str, y: str) -> bool:
    """Near-duplicates: the shorter one found in the longer (a dateline or an "AP reported" added) almost whole."""
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= LENGTH_RATIO * len(long) and fuzz.partial_ratio(short, long) >= NEAR


def find_copies(documents: Sequence[Document]) -> dict[str, str]:
    """Each copied document's id -> its family's original; documents that copy nobody are absent.

    Sentences are indexed by runs of words, so only sentences that could be
    near-duplicates are compared (never every pair of documents).
    """
    sents = {d.id: sentences(d.text) for d in documents}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for doc_id in sorted(sents):
        for i, text in enumerate(sents[doc_id]):
            for key in _shingles(text):
                index[key].append((doc_id, i))
    candidates: set[tuple[str, int, str, int]] = set()  # each sentence pair once, however many runs it shares
    for posting in index.values():
        if len(posting) < 2 or len({d for d, _ in posting}) > MAX_REPEATS:
            continue  # unique, or boilerplate that many documents carry ("Sign up for our newsletter ...")
        for (dx, i), (dy, j) in combinations(posting, 2):
            if dx != dy:
                candidates.add((dx, i, dy, j) if dx < dy else (dy, j, dx, i))
    matched: dict[tuple[str, str], tuple[set[int], set[int]]] = {}
    for dx, i, dy, j in sorted(candidates):
        if same_sentence(sents[dx][i], sents[dy][j]):
            mx, my = matched.setdefault((dx, dy), (set(), set()))
            mx.add(i)
            my.add(j)
    parent = {d.id: d.id for d in documents}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), (mx, my) in sorted(matched.items()):
        shared = min(len(mx), len(my))
        if shared >= MIN_SHARED and shared >= MIN_SHARE * min(len(sents[x]), len(sents[y])):
            rx, ry = root(x), root(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    published: Mapping[str, str] = {d.id: d.meta.published or "9999" for d in documents}
    families: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        families[root(d.id)].append(d.id)
    out: dict[str, str] = {}
    for members in families.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda m: (str(published[m]), m))
        out.update({m: original for m in members if m != original})
    return dict(sorted(out.items()))
