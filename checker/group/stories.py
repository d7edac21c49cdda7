"""Which documents tell one story: figures from two stories are never one fact.

A corpus often mixes stories (a hurricane, a jobs report, an election); "62.2%" of adults in the labour force and
"60%" of voters turning out share a unit and a word, never a story. Documents whose words are alike (tf-idf
cosine over content words, as in topic detection and tracking) are linked, and the linked documents are one
story (single link: a story's reports need only chain, each to one other). A document linked to none, or too
short to tell (a sentence or two), is in no story and kept apart from nothing, so it never loses its figures;
a corpus of one story has one story at most, and the gate does nothing.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import islice

from checker.group.keys import content_tokens

DEFAULT_STORY_LINK = 0.15  # the cosine at which two documents tell one story (tunable: grouping ``stories``)
STORY_WORDS = 15  # distinct content words a document needs to tell a story (a sentence or two says too little)
COMMON = 0.5  # a word in more than this share of the documents tells no story from another (and costs the most)


def _vectors(bags: Mapping[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit tf-idf vectors (sublinear tf); a word of one document only links nothing and is left out."""
    df = Counter(w for bag in bags.values() for w in bag)
    n = len(bags)
    out: dict[str, dict[str, float]] = {}
    for doc, bag in bags.items():
        v = {w: (1 + math.log(c)) * math.log((n + 1) / (df[w] + 0.5))
             for w, c in bag.items() if 1 < df[w] <= n * COMMON}
        norm = math.sqrt(sum(x * x for x in v.values()))
        out[doc] = {w: x / norm for w, x in v.items()} if norm else {}
    return out


def stories(texts: Mapping[str, str], link: float = DEFAULT_STORY_LINK) -> dict[str, str]:
    """Document id -> its story (the first document id of the story), for documents in a story of two or
    more; documents in none are left out. ``link`` 0 or less turns stories off (every document in one)."""
    if link <= 0:
        return {}
    bags = {doc: bag for doc in sorted(texts) if len(bag := Counter(content_tokens(texts[doc]))) >= STORY_WORDS}
    if len(bags) < 3:
        return {}
    vectors = _vectors(bags)
    docs = list(bags)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for w, x in vectors[doc].items():
            postings[w].append((i, x))
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: Counter[str] = Counter()  # how far into each word's postings the documents so far reach
    for i, doc in enumerate(docs):
        dots: dict[int, float] = defaultdict(float)
        for w, x in vectors[doc].items():
            seen[w] += 1
            for j, y in islice(postings[w], seen[w], None):  # the later documents with the word
                dots[j] += x * y
        for j, s in dots.items():
            if s >= link and (a := root(i)) != (b := root(j)):
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[str]] = defaultdict(list)
    for i, doc in enumerate(docs):
        members[root(i)].append(doc)
    return {doc: group[0] for group in members.values() if len(group) > 1 for doc in group}
