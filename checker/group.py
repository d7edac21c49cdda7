"""Grouping: which assertions from different sources are about the same figure.

Blocking first (same unit, so "%" is never compared with "USD"), then a
similarity between two mentions' measure keys (rapidfuzz over lemma-ish
tokens after the pack's synonyms are applied), with hard constraints that
keep different things apart: a different named subject (one country vs another),
a different stated time, or — within one document — a different figure (a
source rarely states one measure two ways; two figures in one text are
usually two measures). Clustering is greedy single-pass agglomeration over
pair scores, best pair first, so the result does not depend on input order.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from rapidfuzz import fuzz

from checker.model import Assertion, Group, Qualifier, SynonymSet, Why

DEFAULT_THRESHOLD = 62.0
WORD_RE = re.compile(r"[a-z][a-z0-9.'’-]*")
SCALE_WORDS = frozenset(["thousand", "million", "billion", "trillion", "bn", "mn", "mln", "tn", "lakh", "crore"])
YEAR_RE = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
PROJECTION_RE = re.compile(r"\b(by|through|until|till|to|before|within|over the next|in the next)\b", re.I)
SUBJECT_WEIGHT = 15.0
AVERAGE_LINK = 0.8  # a merged cluster's mean cross similarity, as a share of the threshold
MAGNITUDE = 4.0  # figures further apart than this are rarely one quantity misreported


@dataclass
class Keyed:
    """An assertion with the normalised keys grouping compares."""

    a: Assertion
    subject: str | None
    measure: tuple[str, ...]
    rules: frozenset[str]
    block: str
    time: str | None = None
    entity: bool = False


@dataclass
class _Cluster:
    items: list[Keyed] = field(default_factory=list)

    @property
    def docs(self) -> set[str]:
        return {k.a.doc_id for k in self.items}


class Normaliser:
    """Turns subject and measure phrases into comparable keys, recording synonym rules used."""

    def __init__(self, synonyms: Sequence[SynonymSet], stopwords: Iterable[str]) -> None:
        self.stop = {w.lower() for w in stopwords}
        self.single: dict[str, tuple[str, str]] = {}
        self.multi: list[tuple[tuple[str, ...], str, str]] = []
        for s in synonyms:
            for term in s.terms:
                words = tuple(_stem(w) for w in term.split())
                if len(words) == 1:
                    self.single.setdefault(words[0], (s.canonical, s.rule))
                else:
                    self.multi.append((words, s.canonical, s.rule))
        self.multi.sort(key=lambda m: -len(m[0]))

    def tokens(self, phrase: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
        if not phrase:
            return (), frozenset()
        words = [_stem(w.strip(".'’-")) for w in WORD_RE.findall(phrase.lower().replace("‑", "-"))]
        words = [w for w in words if w not in SCALE_WORDS]
        words = [w for part in words for w in part.split("-") if w]
        out: list[str] = []
        rules: set[str] = set()
        i = 0
        while i < len(words):
            for seq, canon, rule in self.multi:
                if tuple(words[i : i + len(seq)]) == seq:
                    out.append(canon)
                    rules.add(rule)
                    i += len(seq)
                    break
            else:
                w = words[i]
                if w in self.single:
                    canon, rule = self.single[w]
                    out.append(canon)
                    rules.add(rule)
                elif w not in self.stop and len(w) > 1:
                    out.append(w)
                i += 1
        return tuple(dict.fromkeys(out)), frozenset(rules)

    def subject(self, phrase: str | None) -> tuple[str | None, frozenset[str]]:
        toks, rules = self.tokens(phrase)
        return (" ".join(toks) or None), rules


def _stem(word: str) -> str:
    """A light plural fold: 'reserves' -> 'reserve', 'tariffs' -> 'tariff'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def block_key(a: Assertion) -> str | None:
    if a.unit is None:
        return None
    return a.unit


def _same_figure(x: Assertion, y: Assertion) -> bool:
    return (x.value, x.low, x.high) == (y.value, y.low, y.high)


def time_key(time: str | None) -> str | None:
    """'through 2030' -> 'by 2030' (a projection); 'in 2024' -> '2024'; None when no year is named."""
    if not time:
        return None
    years = YEAR_RE.findall(time)
    if not years:
        return None
    return ("by " if PROJECTION_RE.search(time) else "") + max(years)


def times_differ(x: Keyed, y: Keyed) -> bool:
    """A projection never matches a current figure; two named years must be the same year."""
    if x.time is None or y.time is None:
        return bool(x.time and x.time.startswith("by")) or bool(y.time and y.time.startswith("by"))
    return x.time != y.time


def subjects_differ(x: Keyed, y: Keyed) -> bool:
    """Two different named entities of the same kind (one country vs another) are different subjects."""
    if not (x.subject and y.subject) or x.subject == y.subject:
        return False
    if not (x.entity and y.entity):
        return False
    if x.a.subject_label and y.a.subject_label:  # a person and a country can be the same side
        return x.a.subject_label == y.a.subject_label
    return True


ENTITY_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "PERSON", "FAC"})


def _named(a: Assertion) -> bool:
    """Is the subject a named entity? NER says so when it can; else every word is capitalised."""
    if a.subject_label:
        return a.subject_label in ENTITY_LABELS
    words = (a.subject or "").split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _magnitude(a: Assertion) -> float | None:
    for v in (a.value, a.high, a.low):
        if v:
            return abs(v)
    return None


def similarity(x: Keyed, y: Keyed) -> float:
    """0-100: how alike two mentions' measures are; 0 when a hard constraint separates them."""
    if x.block != y.block or subjects_differ(x, y) or times_differ(x, y):
        return 0.0
    if not x.measure or not y.measure:
        return 0.0
    shared = set(x.measure) & set(y.measure)
    if not shared:
        return 0.0
    a, b = " ".join(sorted(x.measure)), " ".join(sorted(y.measure))
    # subset match (set ratio) tempered by how much each adds (sort ratio)
    score = 0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b)
    if x.subject and y.subject:  # the same holder is strong evidence; a different one, against
        score += SUBJECT_WEIGHT if x.subject == y.subject else -SUBJECT_WEIGHT
    mx, my = _magnitude(x.a), _magnitude(y.a)
    if mx and my and max(mx, my) / min(mx, my) > MAGNITUDE:
        score -= 25
    return round(min(max(score, 0.0), 100.0), 2)


def group(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet] = (),
    options: Mapping[str, Any] | None = None,
) -> list[Group]:
    """Cross-source groups of assertions about the same subject + measure."""
    opts = dict(options or {})
    threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
    min_sources = int(opts.get("min_sources", 2))
    norm = Normaliser(synonyms, opts.get("stopwords", ()))

    keyed: list[Keyed] = []
    for a in assertions:
        block = block_key(a)
        if block is None or (a.change and a.qualifier is Qualifier.RANGE):
            continue  # no unit, or a change "from X to Y": not a level to compare
        measure_text = (a.measure or "").replace(a.text, " ")
        measure, mrules = norm.tokens(measure_text)
        subject, srules = norm.subject(a.subject)
        entity = _named(a)
        keyed.append(Keyed(a, subject, measure, mrules | srules, block, time_key(a.time), entity))

    by_block: dict[str, list[Keyed]] = defaultdict(list)
    for k in keyed:
        by_block[k.block].append(k)

    groups: list[Group] = []
    for block in sorted(by_block):
        items = by_block[block]
        scores: dict[tuple[str, str], float] = {}
        for x, y in combinations(items, 2):
            if x.a.doc_id == y.a.doc_id and not _same_figure(x.a, y.a):
                continue
            s = similarity(x, y)
            if s > 0:
                scores[_pair(x.a.id, y.a.id)] = s
        clusters = _agglomerate(items, scores, threshold)
        for c in clusters:
            if len(c.docs) >= min_sources:
                groups.append(_make_group(c, scores))
    groups.sort(key=lambda g: g.id)
    return _dedupe_ids(groups)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _agglomerate(items: list[Keyed], scores: dict[tuple[str, str], float], threshold: float) -> list[_Cluster]:
    """Best pair first; two clusters merge only if every cross pair is compatible."""
    owner: dict[str, _Cluster] = {k.a.id: _Cluster([k]) for k in items}
    links = [(pair, s) for pair, s in scores.items() if s >= threshold]
    for (i, j), _s in sorted(links, key=lambda kv: (-kv[1], kv[0])):
        ci, cj = owner[i], owner[j]
        if ci is cj:
            continue
        if not _compatible(ci, cj, scores, threshold):
            continue
        ci.items.extend(cj.items)
        for k in cj.items:
            owner[k.a.id] = ci
    seen: dict[int, _Cluster] = {}
    for c in owner.values():
        seen.setdefault(id(c), c)
    return list(seen.values())


def _compatible(ci: _Cluster, cj: _Cluster, scores: dict[tuple[str, str], float], threshold: float) -> bool:
    """No cannot-link pair, and the clusters are alike on average (not just at their closest pair)."""
    total = 0.0
    n = 0
    for x in ci.items:
        for y in cj.items:
            if x.a.doc_id == y.a.doc_id and not _same_figure(x.a, y.a):
                return False
            if subjects_differ(x, y) or times_differ(x, y):
                return False
            if x.a.doc_id != y.a.doc_id or x.a.id != y.a.id:
                total += scores.get(_pair(x.a.id, y.a.id), 0.0)
                n += 1
    return n == 0 or total / n >= AVERAGE_LINK * threshold


def _make_group(c: _Cluster, scores: dict[tuple[str, str], float]) -> Group:
    items = sorted(c.items, key=lambda k: (k.a.doc_id, k.a.start))
    subjects = Counter(k.a.subject for k in items if k.a.subject)
    measures = Counter(k.a.measure for k in items if k.a.measure)
    subject_keys = Counter(k.subject for k in items if k.subject)
    measure_keys = Counter(t for k in items for t in k.measure)
    unit = items[0].a.unit
    times = sorted({k.a.time for k in items if k.a.time})
    subject_key = subject_keys.most_common(1)[0][0] if subject_keys else ""
    core = sorted(t for t, n in measure_keys.items() if n * 2 >= len(items)) or sorted(measure_keys)[:3]
    key = "|".join([subject_key, " ".join(core), unit or "", times[0] if len(times) == 1 else ""])
    why: list[Why] = []
    for k in items:
        best: tuple[float, Keyed | None] = (0.0, None)
        for o in items:
            if o is k:
                continue
            s = scores.get(_pair(k.a.id, o.a.id), 0.0)
            if s > best[0] or (s == best[0] and best[1] is not None and o.a.id < best[1].a.id):
                best = (s, o)
        shared = sorted(set(k.measure) & set(best[1].measure)) if best[1] else []
        parts = [f"unit {unit}"]
        if k.subject:
            parts.append(f"subject '{k.subject}'")
        if shared:
            parts.append(f"measure shares '{' '.join(shared)}'")
        if best[1] is not None:
            parts.append(f"closest to {best[1].a.doc_id} '{best[1].a.text}'")
        rule = ",".join(sorted(k.rules)) or None
        why.append(Why(k.a.id, "; ".join(parts), best[0] or None, rule))
    notes = sorted({n for k in items for n in k.a.notes})
    return Group(
        id="G" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10],
        key=key,
        subject=subjects.most_common(1)[0][0] if subjects else None,
        measure=max(measures, key=lambda m: (measures[m], -len(m), m)) if measures else None,
        unit=unit,
        members=tuple(k.a.id for k in items),
        why=tuple(why),
        time=times[0] if len(times) == 1 else None,
        notes=tuple(notes),
    )


def _dedupe_ids(groups: list[Group]) -> list[Group]:
    from dataclasses import replace

    seen: Counter[str] = Counter()
    out = []
    for g in groups:
        seen[g.id] += 1
        out.append(g if seen[g.id] == 1 else replace(g, id=f"{g.id}-{seen[g.id]}"))
    return out
