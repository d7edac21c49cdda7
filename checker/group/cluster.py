"""Clustering: greedy average-link agglomeration over pair scores, best pair first."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Any

from checker.group.keys import (
    PEOPLE,
    SHARE_BLOCKS,
    Keyed,
    content_words,
    keyed,
    magnitude,
    one_statement,
    same_figure,
    same_number,
    written,
)
from checker.group.notes import attribution_notes, syndication, syndication_note, updated_figure
from checker.group.similarity import (
    context_weights,
    keys_differ,
    measures_clash,
    similarity,
    subject_evidence,
    word_weight,
)
from checker.group.stories import DEFAULT_STORY_LINK, stories
from checker.model import Assertion, Group, Qualifier, SynonymSet, Why

DEFAULT_THRESHOLD = 62.0
RARE_WORDS = 4  # a word around this many figures (or a fifth of the block) still pairs them as candidates
# a merged cluster's mean cross similarity (over the pairs scored; in SHARE_BLOCKS over all), as a share of the
# threshold
AVERAGE_LINK = 0.8
WORDS_SHOWN = 4  # words around a member and its closest peer that the explanation lists


@dataclass
class _Cluster:
    items: list[Keyed] = field(default_factory=list)
    adopted: set[str] = field(default_factory=set)  # members joined by ``_adopt_orphans``, not by a link

    @property
    def docs(self) -> set[str]:
        return {k.a.doc_id for k in self.items}


def group(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet] = (),
    options: Mapping[str, Any] | None = None,
    published: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Group]:
    """Cross-source groups of assertions about the same subject + measure.

    ``published`` (document id -> ISO date) lets a group say when its
    disagreement follows publication dates (an updated figure); ``copies``
    (document id -> the original it syndicates) lets it count independent sources;
    ``texts`` (document id -> text) lets a figure take its section's place.
    """
    opts = dict(options or {})
    threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
    min_sources = int(opts.get("min_sources", 2))
    by_block: dict[str, list[Keyed]] = defaultdict(list)
    for k in keyed_in_stories(assertions, synonyms, opts, texts, published):
        by_block[k.block].append(k)

    groups: list[Group] = []
    for block in sorted(by_block):
        items = by_block[block]
        scores: dict[tuple[str, str], float] = {}
        signatures: dict[tuple[Any, ...], int] = {}
        sig = [signatures.setdefault(k.signature, len(signatures)) for k in items]
        known: dict[tuple[int, int], float] = {}
        weights = context_weights(items)
        for i, j in _candidates(items, weights):
            x, y = items[i], items[j]
            if x.a.doc_id == y.a.doc_id and not one_statement(x.a, y.a):
                continue
            s = known.get((sig[i], sig[j]))
            if s is None:
                s = similarity(x, y, weights)
                known[sig[i], sig[j]] = known[sig[j], sig[i]] = s
            if s > 0:
                scores[_pair(x.a.id, y.a.id)] = s
        clusters = _agglomerate(items, scores, threshold)
        for c in clusters:
            if len(c.docs) >= min_sources:
                groups.append(_make_group(c, scores, published, copies or {}))
    groups.sort(key=lambda g: g.id)
    return _dedupe_ids(groups)


def keyed_in_stories(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet],
    options: Mapping[str, Any],
    texts: Mapping[str, str] | None = None,
    published: Mapping[str, str | None] | None = None,
) -> list[Keyed]:
    """``keyed``, each mention told the story its document tells (``stories``; the pack's ``stories`` link)."""
    story = stories(texts or {}, float(options.get("stories", DEFAULT_STORY_LINK)))
    out = keyed(assertions, synonyms, options, texts, published)
    for k in out:
        k.story = story.get(k.a.doc_id)
    return out


def _candidates(items: Sequence[Keyed], weights: Mapping[str, float]) -> list[tuple[int, int]]:
    """Pairs that share a measure token, a number (as written; a range by its ends) or a rare word around
    the figure (similarity is 0 otherwise): an inverted index. ``weights``: the block's ``context_weights``."""
    index: dict[str, list[int]] = defaultdict(list)
    holders: dict[str, list[int]] = defaultdict(list)  # holder-only mentions by subject word
    rare = max(RARE_WORDS, len(items) // 5)
    heavy = word_weight(len(items), rare)
    for i, k in enumerate(items):
        for word in k.near:
            if weights.get(word, 0.0) >= heavy:
                index[f"~{word}"].append(i)
        for token in set(k.measure):
            index[token].append(i)
        if k.specific or k.written_digits >= 2:  # the same figure or number is evidence without a shared word
            number = written(k.a)
            index[f"={number}" if number is not None else f"={k.a.low}|{k.a.high}"].append(i)
        if k.entity:
            for word in k.subject_words:
                index[f"@{word}"].append(i)
                if k.holder_only:
                    holders[f"@{word}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, posting in index.items():
        if key.startswith("@"):  # a named holder pairs only where one side is measured by it alone
            pairs.update((min(i, j), max(i, j)) for i in holders.get(key, ()) for j in posting if i != j)
        else:
            pairs.update(combinations(posting, 2))
    return sorted(pairs)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _agglomerate(items: list[Keyed], scores: dict[tuple[str, str], float], threshold: float) -> list[_Cluster]:
    """Best pair first; two clusters merge only if every cross pair is compatible.

    A verdict of "incompatible" is remembered until either cluster grows, so a
    pair of big clusters linked by many member pairs is checked once, not once
    per link (the check is quadratic in cluster sizes).
    """
    owner: dict[str, _Cluster] = {k.a.id: _Cluster([k]) for k in items}
    refused: set[tuple[int, int, int, int]] = set()
    links = [(pair, s) for pair, s in scores.items() if s >= threshold]
    for (i, j), _s in sorted(links, key=lambda kv: (-kv[1], kv[0])):
        ci, cj = owner[i], owner[j]
        if ci is cj:
            continue
        state = (id(ci), len(ci.items), id(cj), len(cj.items))
        if state in refused:
            continue
        if not _compatible(ci, cj, scores, threshold):
            refused.add(state)
            continue
        ci.items.extend(cj.items)
        for k in cj.items:
            owner[k.a.id] = ci
    _join_twins(items, owner, scores, threshold)
    _merge_restatements(owner, scores, threshold)
    _adopt_orphans(items, owner, scores)
    clusters = list({id(c): c for c in owner.values()}.values())
    clusters += [loose for c in clusters for loose in _loose_outliers(c, scores)]
    return [c for c in clusters if c.items]


def _join_twins(
    items: Sequence[Keyed], owner: dict[str, _Cluster], scores: Mapping[tuple[str, str], float], threshold: float
) -> None:
    """A document that states one figure twice ("a $32 billion deal" ... "paying $32 billion") states one fact:
    a restatement left in another cluster (its twin took the place its document had there) moves to its twin's,
    where it could have joined. Best pair first had linked it to a look-alike figure ("the $23 billion offer")
    by its sparser wording."""
    by_doc: dict[str, list[Keyed]] = defaultdict(list)
    for k in items:
        by_doc[k.a.doc_id].append(k)
    for k in sorted(items, key=lambda k: k.a.id):
        here = owner[k.a.id]
        twins = [t for t in by_doc[k.a.doc_id] if t is not k and owner[t.a.id] is not here
                 and same_figure(t.a, k.a) and written(t.a) == written(k.a)]
        for t in twins:
            there = owner[t.a.id]
            rest = [o for o in there.items if o is not t]  # it must fit the others, not just its twin
            if len(there.docs) < 2 or not _fits(k, rest, scores, threshold):
                continue
            if _agreeing(k, rest) <= _agreeing(k, [o for o in here.items if o is not k]):
                continue  # and it goes where its figure is stated, not where a headline's twin strayed
            here.items.remove(k)
            there.items.append(k)
            owner[k.a.id] = there
            break


def _consensus(c: _Cluster) -> float | None:
    """The number most of a cluster's members state (two at least), or None."""
    counts = Counter(n for k in c.items if (n := written(k.a)) is not None)
    if not counts:
        return None
    n, seen = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    return n if seen >= 2 and 2 * seen > len(c.items) else None


def _measure_words(items: Sequence[Keyed]) -> frozenset[str]:
    """Every measure word of a set of mentions."""
    return frozenset().union(*(k.measure_set for k in items))


def _measured_alike(xs: Sequence[Keyed], ys: Sequence[Keyed]) -> bool:
    """Some measure word of one set of mentions is one of the other's."""
    return bool(_measure_words(xs) & _measure_words(ys))


def _merge_restatements(owner: dict[str, _Cluster], scores: Mapping[tuple[str, str], float], threshold: float) -> None:
    """Two clusters that mostly restate one number, linked over the threshold and sharing a measure word, kept
    apart only by members stating something else (a look-alike the greedy pass let in: a first-day high beside
    an offer price whose document's offer price sits in the other cluster), are one fact: they merge, and the
    look-alikes that clash with it leave for clusters of their own."""
    clusters = sorted({id(c): c for c in owner.values()}.values(), key=lambda c: min(k.a.id for k in c.items))
    by_number: dict[float, list[_Cluster]] = defaultdict(list)
    for c in clusters:
        if len(c.docs) >= 2 and (n := _consensus(c)) is not None:
            by_number[n].append(c)
    for n, same in sorted(by_number.items()):
        merged: list[_Cluster] = []
        for c in same:
            for m in merged:
                core = [k for k in m.items if written(k.a) == n]
                mine = [k for k in c.items if written(k.a) == n]
                if any(_kept_apart(x, y) for x in core for y in mine) or not _measured_alike(core, mine) \
                        or max(scores.get(_pair(x.a.id, y.a.id), 0.0) for x in core for y in mine) < threshold:
                    continue
                rest = [k for k in m.items + c.items if written(k.a) != n]
                m.items = core + mine
                for k in mine:
                    owner[k.a.id] = m
                for k in sorted(rest, key=lambda k: k.a.id):
                    if any(_kept_apart(k, o) for o in m.items):
                        owner[k.a.id] = _Cluster([k])
                    else:
                        m.items.append(k)
                        owner[k.a.id] = m
                c.items = []
                break
            else:
                merged.append(c)


ADOPTED = "same-number"  # the ``Why.rule`` of a member joined as the same number restated


def _hedge_side(a: Assertion) -> str:
    """Which side of its number a figure lies: a strict bound ("more than 80", "nearly 80") excludes the number
    itself, so it never restates a flat "80"."""
    return a.qualifier.value if a.qualifier in (Qualifier.GT, Qualifier.LT, Qualifier.NEARLY) else "at"


def _adopt_orphans(items: Sequence[Keyed], owner: dict[str, _Cluster], scores: Mapping[tuple[str, str], float]) -> None:
    """A figure no link joined to anything (its sentence words its measure in words no other does) goes where
    another source states the same number, hedged to the same side, with nothing keeping them apart (no hard
    key, no other named holder, no other table measure) and their sentences share a word rare in the block.
    The same number restated is what outlets copy; it seldom turns a group's verdict, and shows one more
    source saying it. The closest such mention (its link score, then the rare words shared) decides where."""
    words = {k.a.id: _sentence_words(k) for k in items}
    df = Counter(w for ws in words.values() for w in ws)
    rare = max(RARE_WORDS, len(items) // 5)
    ordered = sorted(items, key=lambda k: k.a.id)
    by_number: dict[float, list[Keyed]] = defaultdict(list)
    for k in ordered:
        if (n := written(k.a)) is not None:
            by_number[n].append(k)
    for k in ordered:
        if len(owner[k.a.id].items) != 1 or (n := written(k.a)) is None:
            continue
        best: tuple[float, int] = (0.0, 0)
        target: _Cluster | None = None
        for o in by_number[n]:
            c = owner[o.a.id]
            if c is owner[k.a.id] or k.a.doc_id in c.docs or _hedge_side(o.a) != _hedge_side(k.a):
                continue
            if subject_evidence(k, o) < 0 or measures_clash(k, o) or any(_kept_apart(k, m) for m in c.items):
                continue
            shared = sum(1 for w in words[k.a.id] & words[o.a.id] if df[w] <= rare)
            score = scores.get(_pair(k.a.id, o.a.id), 0.0)
            if (score, shared) > best:
                best, target = (score, shared), c
        if target is not None:
            owner[k.a.id].items.remove(k)
            target.items.append(k)
            target.adopted.add(k.a.id)
            owner[k.a.id] = target


def _sentence_words(k: Keyed) -> frozenset[str]:
    """The content words of a mention's sentence but its own figure ("three days" shares no word with "three
    days"): wider than ``Keyed.near``, which stops at the next figure, since a restated fact's sentence keeps
    its nouns wherever the figures fall."""
    sentence, at = k.a.sentence or "", k.a.start - k.a.sentence_start
    return content_words(f"{sentence[:at]} {sentence[at + k.a.end - k.a.start:]}")


OUTLIER_LINK = 95.0  # a lone other number linked below this to the rest of its cluster ...
OUTLIER_GAP = 0.2  # ... and this far (relative) from theirs is a look-alike, not a contradiction
OUTLIER_WORDED = 0.05  # nor one this far from theirs whose measure names what none of theirs does


def _loose_outliers(c: _Cluster, scores: Mapping[tuple[str, str], float]) -> list[_Cluster]:
    """Members stating each a number no other member states, fewer than those that share theirs: look-alike
    figures the greedy pass let in, not sources contradicting the others, where one is only loosely linked to
    the rest and far from their numbers, or its measure names what none of theirs does ("operating profit fell
    40%" beside three "net income fell 37%") and it is more than a rounding away. Each leaves ``c`` for a
    cluster of its own. Not among counts of people, where an older report's lower toll is the updated figure
    the group must show."""
    if len(c.items) < 3 or c.items[0].block == PEOPLE:
        return []
    odd = [k for k in c.items if not any(same_number(k.a, o.a) for o in c.items if o is not k)]
    if not odd or 2 * len(odd) >= len(c.items):
        return []
    odd_ids = {k.a.id for k in odd}
    rest = [o for o in c.items if o.a.id not in odd_ids]
    theirs = _measure_words(rest)
    loose = []
    for k in odd:
        link = max(scores.get(_pair(k.a.id, o.a.id), 0.0) for o in rest)
        mine = magnitude(k.a)
        near = min((abs(mine - t) / max(mine, t) for o in rest if (t := magnitude(o.a))), default=0.0) if mine else 0.0
        if (near >= OUTLIER_GAP and link < OUTLIER_LINK) or (near >= OUTLIER_WORDED and k.measure_set - theirs):
            loose.append(k)
    gone = {k.a.id for k in loose}
    c.items = [k for k in c.items if k.a.id not in gone]
    return [_Cluster([k]) for k in loose]


def _agreeing(k: Keyed, others: Sequence[Keyed]) -> float:
    """The share of ``others`` stating ``k``'s number."""
    return sum(same_number(k.a, o.a) for o in others) / len(others) if others else 0.0


def _fits(k: Keyed, others: Sequence[Keyed], scores: Mapping[tuple[str, str], float], threshold: float) -> bool:
    """Could ``k`` have joined ``others``: a link over the threshold, no hard key, no other figure of its
    document."""
    if max((scores.get(_pair(k.a.id, o.a.id), 0.0) for o in others), default=0.0) < threshold:
        return False
    return not any(_kept_apart(k, o) for o in others)


def _kept_apart(x: Keyed, y: Keyed) -> bool:
    """Never in one group: two figures of one document (unless one statement) or a hard key between them."""
    return (x.a.doc_id == y.a.doc_id and not one_statement(x.a, y.a)) or keys_differ(x, y) is not None


def _compatible(ci: _Cluster, cj: _Cluster, scores: dict[tuple[str, str], float], threshold: float) -> bool:
    """No cannot-link pair, and the clusters are alike on average (not just at their closest pair)."""
    total = 0.0
    n = pairs = 0
    for x in ci.items:
        for y in cj.items:
            if _kept_apart(x, y):
                return False
            s = scores.get(_pair(x.a.id, y.a.id))
            pairs += 1
            if s is not None:
                total += s
                n += 1
    # a pair that never scored (no shared word or number) says nothing against a merge, except among percentages,
    # where two holders' shares share no word and must not be chained together by a third
    shares = ci.items[0].block in SHARE_BLOCKS
    d = pairs if shares else n
    return d == 0 or total / d >= AVERAGE_LINK * threshold


def _make_group(
    c: _Cluster,
    scores: dict[tuple[str, str], float],
    published: Mapping[str, str | None] | None = None,
    copies: Mapping[str, str] | None = None,
) -> Group:
    items = sorted(c.items, key=lambda k: (k.a.doc_id, k.a.start))
    subjects = Counter(k.a.subject for k in items if k.a.subject)
    measures = Counter(k.a.measure for k in items if k.a.measure)
    subject_keys = Counter(k.subject for k in items if k.subject)
    measure_keys = Counter(t for k in items for t in k.measure)
    places = Counter(k.place for k in items if k.place)
    units = Counter(k.a.unit for k in items)
    unit = max(units, key=lambda u: (units[u], u or "")) if units else None  # the most stated; the verdict converts
    times = sorted({k.a.time for k in items if k.a.time})
    subject_key = subject_keys.most_common(1)[0][0] if subject_keys else ""
    core = sorted(t for t, n in measure_keys.items() if n * 2 >= len(items)) or sorted(measure_keys)[:3]
    key_parts = [subject_key, " ".join(core), unit or "", times[0] if len(times) == 1 else ""]
    if places:  # only when a place keeps groups apart, so older ids stay stable
        key_parts.append(places.most_common(1)[0][0])
    key = "|".join(key_parts)
    why = tuple(_why(k, items, scores, unit, k.a.id in c.adopted) for k in items)
    notes = {n for k in items for n in k.a.notes}
    notes.update(attribution_notes(items))
    updated = updated_figure(items, published)
    if updated:
        notes.add(updated)
    copied, independent = syndication(sorted(c.docs), copies or {})
    if copied:
        notes.add(syndication_note(copied, independent, len(c.docs)))
    return Group(
        id="G" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10],
        key=key,
        subject=subjects.most_common(1)[0][0] if subjects else None,
        measure=max(measures, key=lambda m: (measures[m], -len(m), m)) if measures else None,
        unit=unit,
        members=tuple(k.a.id for k in items),
        why=why,
        time=times[0] if len(times) == 1 else None,
        notes=tuple(sorted(notes)),
        copies=copied,
        independent=independent,
    )


def _why(
    k: Keyed, items: Sequence[Keyed], scores: Mapping[tuple[str, str], float], unit: str | None, adopted: bool = False
) -> Why:
    best: tuple[float, Keyed | None] = (0.0, None)
    for o in items:
        if o is k:
            continue
        s = scores.get(_pair(k.a.id, o.a.id), 0.0)
        if s > best[0] or (s == best[0] and best[1] is not None and o.a.id < best[1].a.id):
            best = (s, o)
    shared = sorted(set(k.measure) & set(best[1].measure)) if best[1] else []
    parts = [f"unit {unit}" if not k.via else f"count of {k.counted} ({k.via})"]
    if k.subject:
        parts.append(f"subject '{k.subject}'")
    if k.place:
        parts.append(f"place '{k.place}'")
    if k.period:
        parts.append(f"period {k.period}")
    if k.basis:
        parts.append(f"change {k.basis}")
    if k.role:
        parts.append(f"{'new' if k.role == 'after' else 'old'} level of a change")
    if shared:
        parts.append(f"measure shares '{' '.join(shared)}'")
    around = sorted(k.near & best[1].near)[:WORDS_SHOWN] if best[1] is not None else []
    if around:
        parts.append(f"words around both '{' '.join(around)}'")
    if k.a.attribution:
        parts.append(f"attributed to {k.a.attribution}")
    if adopted:
        parts.append("no link joined it: the same number restated, its sentence sharing a rare word")
    if best[1] is not None:
        parts.append(f"closest to {best[1].a.doc_id} '{best[1].a.text}'")
    rule = ",".join(sorted(k.rules | ({ADOPTED} if adopted else set()))) or None
    return Why(k.a.id, "; ".join(parts), best[0] or None, rule)


def _dedupe_ids(groups: list[Group]) -> list[Group]:
    seen: Counter[str] = Counter()
    out = []
    for g in groups:
        seen[g.id] += 1
        out.append(g if seen[g.id] == 1 else replace(g, id=f"{g.id}-{seen[g.id]}"))
    return out
