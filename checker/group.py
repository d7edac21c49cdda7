"""Grouping: which assertions from different sources are about the same figure.

Blocking first (same unit, so "%" is never compared with "USD"), then a
similarity between two mentions' measure keys (rapidfuzz over lemma-ish
tokens after the pack's synonyms are applied), with hard constraints that
keep different things apart: a different named subject (one country vs another),
a different stated time, or — within one document — a different figure (a
source rarely states one measure two ways; two figures in one text are
usually two measures). Clustering is greedy single-pass agglomeration over
pair scores, best pair first, so the result does not depend on input order.

Beyond the extracted subject and measure, each mention is read in its clause
(the stretch of the sentence between commas, semicolons, dashes and "and"
around the figure) for the keys news copy puts there:

- count blocking: a noun unit goes through the synonym table ("fatalities",
  "lives" -> deaths); a generic one ("people", "individuals") or a bare
  number takes its measure from the clause ("30 people killed", "735,000
  people evacuated", "rose to 45" after "the number of deaths");
- place: a named place after in/across/throughout/on, a possessive
  ("Jamaica's"), or a place-like subject; two different places never join
  ("deaths in Jamaica" vs "in Haiti" vs "across the Caribbean");
- period: "third quarter"/"Q3" vs "fourth quarter"; "same period last year";
- role: in a sentence that states a change ("cut from 39% to 15%", "rose to
  45"), the figure after "to" is the new level and the other is the old one;
- kind: a consensus/expectation figure ("analysts expected", "market
  expectations of") is never the reported one; an increment ("nine
  additional deaths") is not a level.
All word lists live in the grouping and synonym tables of the rule pack.
Measure tokens come from the clause (only words of the synonym table or of the
extracted measure/subject), places never count as measure words, and between
equally good candidates the nearer figure and the mention naming the same
place win (small score adjustments, never enough to join what keys separate).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations, pairwise
from typing import Any

from rapidfuzz import fuzz

from checker.model import Assertion, Group, Qualifier, SynonymSet, Why
from checker.text import singular

DEFAULT_THRESHOLD = 62.0
WORD_RE = re.compile(r"[a-z][a-z0-9.'’-]*")
SCALE_WORDS = frozenset(["thousand", "million", "billion", "trillion", "bn", "mn", "mln", "tn", "lakh", "crore"])
YEAR_RE = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
PROJECTION_RE = re.compile(r"\b(by|through|until|till|to|before|within|over the next|in the next)\b", re.I)
SUBJECT_WEIGHT = 15.0
AVERAGE_LINK = 0.8  # a merged cluster's mean cross similarity, as a share of the threshold
MAGNITUDE = 4.0  # figures further apart than this are rarely one quantity misreported
PLACE_PENALTY = 5.0
NEARNESS = 10.0
WINDOW = 6  # words either side of the figure, inside its clause, read for keys

CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s|\b(?:and|while|but|whereas|whilst)\b", re.I)
PLACE_RE = re.compile(
    r"\b(?i:in|across|throughout|on|inside)\s+(?:the\s+)?(?:(?!(?:from|of|to|for|with|by|at)\b)[a-z]+\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*)*)"
)
PERIOD_RE = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
    r"|(?P<q>Q[1-4])|(?P<h>H[12]))\b",
    re.I,
)
ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4"}
PLACE_LABELS = frozenset({"GPE", "LOC"})
DEFAULT_NOT_PLACES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                      "february", "march", "april", "may", "june", "july", "august", "september", "october",
                      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                      "nov", "dec")
DEFAULT_PERSON_UNITS = ("people", "person", "persons", "individual", "individuals", "other", "others", "resident",
                        "residents", "inhabitant", "inhabitants", "civilian", "civilians", "victim", "victims")
DEFAULT_COUNT_MEASURES = ("deaths", "injured", "missing", "evacuated", "sheltered", "displaced", "arrested")
DEFAULT_MARKERS: dict[str, tuple[str, ...]] = {
    "consensus": ("analysts expected", "analysts were expecting", "analysts had expected", "analysts expect",
                  "analysts' expectations", "analyst expectations", "expectations of", "market expectations",
                  "consensus", "estimates of", "anticipate", "anticipated", "wall street", "analysts polled"),
    "increment": ("additional", "further", "another"),
}
DEFAULT_CHANGE_VERBS = ("cut", "cuts", "reduce", "reduced", "reduces", "lower", "lowered", "lowers", "slash",
                        "slashed", "slashes", "drop", "dropped", "drops", "fall", "fell", "falls", "plummet",
                        "plummeted", "raise", "raised", "raises", "increase", "increased", "increases", "rise",
                        "rose", "risen", "rises", "hike", "hiked", "climb", "climbed", "jump", "jumped", "down")
PRIOR_RE = re.compile(r"\b(?:same period last year|a year earlier|year[- ]ago|a year ago)\b", re.I)


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
    place: str | None = None
    period: str | None = None
    role: str | None = None  # "before" | "after" in a sentence that states a change
    kind: str | None = None  # "consensus" | "increment" | None (a reported level)
    via: str | None = None  # how the block was reached ("unit 'lives' -> deaths")

    @cached_property
    def measure_set(self) -> frozenset[str]:
        return frozenset(self.measure)

    @cached_property
    def measure_text(self) -> str:
        return " ".join(sorted(self.measure))


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
                words = tuple(singular(w) for w in term.split())
                if len(words) == 1:
                    self.single.setdefault(words[0], (s.canonical, s.rule))
                else:
                    self.multi.append((words, s.canonical, s.rule))
        self.multi.sort(key=lambda m: -len(m[0]))
        # multi-word terms by first word, longest first, so a phrase is matched without scanning every term
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
        for m in self.multi:
            self.by_first[m[0][0]].append(m)
        self._cache: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}

    def tokens(self, phrase: str | None) -> tuple[tuple[str, ...], frozenset[str]]:
        if not phrase:
            return (), frozenset()
        if phrase in self._cache:
            return self._cache[phrase]
        words = [singular(w.strip(".'’-")) for w in WORD_RE.findall(phrase.lower().replace("‑", "-"))]
        words = [w for w in words if w not in SCALE_WORDS]
        words = [w for part in words for w in part.split("-") if w]
        out: list[str] = []
        rules: set[str] = set()
        i = 0
        while i < len(words):
            for seq, canon, rule in self.by_first.get(words[i], ()):
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
        result = tuple(dict.fromkeys(out)), frozenset(rules)
        self._cache[phrase] = result
        return result

    def subject(self, phrase: str | None) -> tuple[str | None, frozenset[str]]:
        toks, rules = self.tokens(phrase)
        return (" ".join(toks) or None), rules


def block_key(a: Assertion) -> str | None:
    """The unit a mention is compared under; a per-share figure is compared with its currency."""
    if a.unit is None:
        return None
    if a.unit.endswith("/share"):
        return a.unit.rsplit("/", 1)[0]
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


@dataclass(frozen=True)
class Context:
    """The words around a figure inside its clause, and the sentence before the clause."""

    before: str
    after: str
    preceding: str  # the sentence up to the clause (places named there still apply)
    sentence: str

    @property
    def window(self) -> str:
        b = self.before.split()[-WINDOW:]
        f = self.after.split()[:WINDOW]
        return " ".join(b) + " | " + " ".join(f)


def context(a: Assertion) -> Context:
    s = a.sentence or ""
    i, j = a.start - a.sentence_start, a.end - a.sentence_start
    if not (0 <= i <= j <= len(s)) or s[i:j] != a.text:
        k = s.find(a.text)
        if k < 0:
            return Context("", "", "", s)
        i, j = k, k + len(a.text)
    before, after = s[:i], s[j:]
    cuts = list(CLAUSE_BREAK.finditer(before))
    clause_before = before[cuts[-1].end() :] if cuts else before
    preceding = before[: cuts[-1].start()] if cuts else ""
    cut = CLAUSE_BREAK.search(after)
    clause_after = after[: cut.start()] if cut else after
    return Context(clause_before.replace("(", " ").replace(")", " "), clause_after.replace("(", " ").replace(")", " "),
                   preceding, s)


class Reader:
    """Reads the grouping keys of one mention with the pack's word lists."""

    def __init__(self, norm: Normaliser, opts: Mapping[str, Any]) -> None:
        self.norm = norm
        self.not_places = {w.lower() for w in opts.get("not_places", DEFAULT_NOT_PLACES)}
        self.person_units = {w.lower() for w in opts.get("person_units", DEFAULT_PERSON_UNITS)}
        self.count_measures = set(opts.get("count_measures", DEFAULT_COUNT_MEASURES))
        markers = {**DEFAULT_MARKERS, **dict(opts.get("markers", {}))}
        self.markers = {k: _alternation(v) for k, v in markers.items() if v}
        verbs = opts.get("change_verbs", DEFAULT_CHANGE_VERBS)
        self.change = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b", re.I)

    # -- place
    def _place_name(self, name: str) -> str | None:
        words = [w for w in name.split() if w.lower().strip(".,'’") not in self.not_places
                 and not any(c.isdigit() for c in w)]
        if not words or (len(words) == 1 and len(words[0].strip(".")) < 2):
            return None
        key, _ = self.norm.subject(" ".join(words))
        return key

    def _places(self, text: str) -> list[tuple[int, str]]:
        out = []
        for m in PLACE_RE.finditer(text):
            key = self._place_name(m.group("name"))
            if key:
                out.append((m.start("name"), key))
        return sorted(out)

    def place(self, a: Assertion, ctx: Context) -> str | None:
        """Nearest place named in the figure's clause; else a place-like subject; else one earlier in the sentence."""
        near = [(len(ctx.before) - pos, key) for pos, key in self._places(ctx.before)]
        near += [(pos, key) for pos, key in self._places(ctx.after)]
        if near:
            return min(near)[1]
        if a.subject and a.subject_label in PLACE_LABELS:
            key = self._place_name(a.subject)
            if key:
                return key
        earlier = self._places(ctx.preceding)
        if not earlier:
            return None
        if PLACE_RE.match(ctx.sentence.lstrip()):  # "In Haiti, at least 25 people have died"
            return earlier[0][1]
        first = ctx.before.split()[:1]
        if first and (first[0].lower() == "with" or first[0].lower().endswith("ing")):
            return earlier[-1][1]  # "..., with 19 deaths" / "..., killing 30": the main clause's place
        return None

    # -- period, role, kind
    def period(self, a: Assertion, ctx: Context) -> str | None:
        for text in (f"{ctx.before} {ctx.after}", a.measure or ""):
            m = PERIOD_RE.search(text)
            if m:
                if m.group("q") or m.group("h"):
                    return (m.group("q") or m.group("h")).lower()
                return ("q" if m.group("unit").lower() == "quarter" else "h") + ORDINAL[m.group("ord").lower()]
        return "prior" if PRIOR_RE.search(ctx.sentence) else None

    def kind(self, a: Assertion, ctx: Context) -> str | None:
        before, after = ctx.before.split()[-8:], ctx.after.split()[:3]
        text = f"{' '.join(before)} {a.unit_surface or ''} | {' '.join(after)}"
        for k, rx in self.markers.items():
            if rx.search(text):
                return k
        return None

    # -- counts
    def count_block(self, a: Assertion, tokens: Sequence[str], ctx: Context) -> tuple[str | None, str | None]:
        """A count's block: the unit's canonical measure, or the clause's for 'people' and bare numbers."""
        surface = (a.unit_surface or a.unit or "").lower().strip()
        if surface:
            unit_toks, _ = self.norm.tokens(surface)
            head = unit_toks[-1] if unit_toks else singular(surface.split()[-1])
            if head in self.count_measures:
                return f"#{head}", f"unit '{surface}' -> {head}"
            if surface.split()[-1] not in self.person_units and singular(surface.split()[-1]) not in self.person_units:
                nxt = [t for t in self.norm.tokens(ctx.after)[0][:2] if t in self.count_measures]
                if nxt:  # "three storm-related deaths"
                    return f"#{nxt[0]}", f"'{surface}' followed by '{nxt[0]}'"
                return f"#{head}", None
        after, _ = self.norm.tokens(ctx.after)
        before, _ = self.norm.tokens(ctx.before)
        for where, toks in (("after", after[:WINDOW]), ("before", before[-WINDOW:]), ("measure", tokens)):
            for t in toks:
                if t in self.count_measures:
                    noun = f"'{surface}'" if surface else "a bare number"
                    return f"#{t}", f"{noun} with '{t}' {where} it"
        return (f"#{singular(surface.split()[-1])}" if surface else None), None


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w'])(?:" + alts + r")(?![\w])", re.I)


def role_of(a: Assertion, ctx: Context, reader: Reader, siblings: Sequence[Assertion]) -> str | None:
    """'after' for the new level of a change ("to 15%"), 'before' for the old one ("from 39%")."""
    if not reader.change.search(ctx.sentence):
        return None
    lead = ctx.before.split()[-2:]
    words = [w.lower() for w in lead]
    if words[-1:] == ["to"] or words == ["down", "to"] or words[-1:] == ["new"]:
        return "after"
    if words[-1:] == ["from"]:
        return "before"
    if any(s is not a and s.unit == a.unit and _leads_to(s) for s in siblings):
        return "before"
    return None


def _leads_to(a: Assertion) -> bool:
    s = a.sentence or ""
    i = a.start - a.sentence_start
    lead = s[max(0, i - 12) : i].lower().split() if 0 <= i <= len(s) else []
    return bool(lead) and lead[-1] in ("to", "new")


def times_differ(x: Keyed, y: Keyed) -> bool:
    """A projection never matches a current figure; two named years must be the same year."""
    if x.time is None or y.time is None:
        return bool(x.time and x.time.startswith("by")) or bool(y.time and y.time.startswith("by"))
    return x.time != y.time


def keys_differ(x: Keyed, y: Keyed) -> str | None:
    """The first hard key that keeps two mentions apart, or None."""
    if subjects_differ(x, y):
        return "subject"
    if times_differ(x, y):
        return "time"
    if x.place and y.place and x.place != y.place:
        return "place"
    if x.period and y.period and x.period != y.period:
        return "period"
    if x.role and y.role and x.role != y.role:
        return "role"
    if x.kind != y.kind:
        return "kind"
    return None


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
    if x.block != y.block or keys_differ(x, y):
        return 0.0
    if not x.measure or not y.measure:
        return 0.0
    if not x.measure_set & y.measure_set:
        return 0.0
    a, b = x.measure_text, y.measure_text
    # subset match (set ratio) tempered by how much each adds (sort ratio)
    score = 0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b)
    if x.subject and y.subject:  # the same holder is strong evidence; a different one, against
        score += SUBJECT_WEIGHT if x.subject == y.subject else -SUBJECT_WEIGHT
    if bool(x.place) != bool(y.place):  # one names a place, the other none: weaker evidence
        score -= PLACE_PENALTY
    mx, my = _magnitude(x.a), _magnitude(y.a)
    if mx and my:  # between equally good candidates, prefer the nearer figure
        score -= NEARNESS * min(1.0, abs(mx - my) / max(mx, my))
    if mx and my and max(mx, my) / min(mx, my) > MAGNITUDE:
        score -= 25
    return round(min(max(score, 0.0), 100.0), 2)


def keyed(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet] = (),
    options: Mapping[str, Any] | None = None,
) -> list[Keyed]:
    """Every groupable mention with the keys grouping compares."""
    opts = dict(options or {})
    norm = Normaliser(synonyms, opts.get("stopwords", ()))
    reader = Reader(norm, opts)
    by_sentence: dict[tuple[str, int], list[Assertion]] = defaultdict(list)
    for a in assertions:
        by_sentence[(a.doc_id, a.sentence_start)].append(a)
    out: list[Keyed] = []
    for a in assertions:
        if a.change and a.qualifier is Qualifier.RANGE:
            continue  # a change "from X to Y": not a level to compare
        ctx = context(a)
        measure_text = (a.measure or "").replace(a.text, " ")
        mtoks, mrules = norm.tokens(measure_text)
        wtoks, wrules = norm.tokens(f"{ctx.before} {ctx.after}")
        canon = {s.canonical for s in synonyms}
        stoks = norm.tokens(a.subject)[0] if a.subject and a.subject_label is None else ()
        own = set(mtoks) | set(stoks)
        local = tuple(t for t in wtoks if t in canon or t in own)
        measure = tuple(dict.fromkeys((*(local if local else mtoks), *stoks)))
        rules = (mrules if not local else frozenset()) | (wrules if local else frozenset())
        via = None
        block = block_key(a)
        if a.unit_class == "count" or a.unit is None:
            cblock, via = reader.count_block(a, mtoks + wtoks, ctx)
            if cblock is None:
                continue  # a bare number with no count measure around it
            block = cblock
            measure = tuple(dict.fromkeys((block[1:], *measure)))
        if block is None:
            continue
        if block.startswith("#"):  # a count: the block names the measure; keep only table words besides
            measure = tuple(t for t in measure if t == block[1:] or t in canon) or (block[1:],)
        place = reader.place(a, ctx)
        period = reader.period(a, ctx)
        drop = set(norm.tokens(place)[0]) if place else set()
        measure = tuple(t for t in measure if t not in drop and not PERIOD_RE.fullmatch(t)
                        and t not in ORDINAL and t not in ("quarter", "fiscal", "half"))
        subject, srules = norm.subject(a.subject)
        if a.subject_label in PLACE_LABELS:
            subject = None
        if a.unit and a.unit.endswith("/share"):
            measure = tuple(dict.fromkeys(("eps", *measure)))
        time = a.time if a.time and (a.time in f"{ctx.before} {ctx.after}" or a.time not in ctx.sentence) else None
        k = Keyed(a, subject, measure, rules | srules, block, time_key(time), _named(a), place, period,
                  role_of(a, ctx, reader, by_sentence[(a.doc_id, a.sentence_start)]), reader.kind(a, ctx), via)
        out.append(k)
    places = {k.place for k in out if k.place} | {w for k in out if k.place for w in k.place.split()}
    for k in out:  # a place is a key, never a measure word
        k.measure = tuple(w for w in k.measure if w not in places) or k.measure
    return out


def group(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet] = (),
    options: Mapping[str, Any] | None = None,
    published: Mapping[str, str | None] | None = None,
) -> list[Group]:
    """Cross-source groups of assertions about the same subject + measure.

    ``published`` (document id -> ISO date) lets a group say when its
    disagreement follows publication dates (an updated figure).
    """
    opts = dict(options or {})
    threshold = float(opts.get("threshold", DEFAULT_THRESHOLD))
    min_sources = int(opts.get("min_sources", 2))
    by_block: dict[str, list[Keyed]] = defaultdict(list)
    for k in keyed(assertions, synonyms, opts):
        by_block[k.block].append(k)

    groups: list[Group] = []
    for block in sorted(by_block):
        items = by_block[block]
        scores: dict[tuple[str, str], float] = {}
        for i, j in _candidates(items):
            x, y = items[i], items[j]
            if x.a.doc_id == y.a.doc_id and not _same_figure(x.a, y.a):
                continue
            s = similarity(x, y)
            if s > 0:
                scores[_pair(x.a.id, y.a.id)] = s
        clusters = _agglomerate(items, scores, threshold)
        for c in clusters:
            if len(c.docs) >= min_sources:
                groups.append(_make_group(c, scores, published))
    groups.sort(key=lambda g: g.id)
    return _dedupe_ids(groups)


def _candidates(items: Sequence[Keyed]) -> list[tuple[int, int]]:
    """Pairs that share a measure token (similarity is 0 otherwise): an inverted index, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(items):
        for token in set(k.measure):
            index[token].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
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
            if keys_differ(x, y):
                return False
            if x.a.doc_id != y.a.doc_id or x.a.id != y.a.id:
                total += scores.get(_pair(x.a.id, y.a.id), 0.0)
                n += 1
    return n == 0 or total / n >= AVERAGE_LINK * threshold


def _make_group(
    c: _Cluster, scores: dict[tuple[str, str], float], published: Mapping[str, str | None] | None = None
) -> Group:
    items = sorted(c.items, key=lambda k: (k.a.doc_id, k.a.start))
    subjects = Counter(k.a.subject for k in items if k.a.subject)
    measures = Counter(k.a.measure for k in items if k.a.measure)
    subject_keys = Counter(k.subject for k in items if k.subject)
    measure_keys = Counter(t for k in items for t in k.measure)
    places = Counter(k.place for k in items if k.place)
    unit = items[0].a.unit
    times = sorted({k.a.time for k in items if k.a.time})
    subject_key = subject_keys.most_common(1)[0][0] if subject_keys else ""
    core = sorted(t for t, n in measure_keys.items() if n * 2 >= len(items)) or sorted(measure_keys)[:3]
    key_parts = [subject_key, " ".join(core), unit or "", times[0] if len(times) == 1 else ""]
    if places:  # only when a place keeps groups apart, so older ids stay stable
        key_parts.append(places.most_common(1)[0][0])
    key = "|".join(key_parts)
    why = tuple(_why(k, items, scores, unit) for k in items)
    notes = {n for k in items for n in k.a.notes}
    notes.update(_attribution_notes(items))
    updated = updated_figure(items, published)
    if updated:
        notes.add(updated)
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
    )


def _why(k: Keyed, items: Sequence[Keyed], scores: Mapping[tuple[str, str], float], unit: str | None) -> Why:
    best: tuple[float, Keyed | None] = (0.0, None)
    for o in items:
        if o is k:
            continue
        s = scores.get(_pair(k.a.id, o.a.id), 0.0)
        if s > best[0] or (s == best[0] and best[1] is not None and o.a.id < best[1].a.id):
            best = (s, o)
    shared = sorted(set(k.measure) & set(best[1].measure)) if best[1] else []
    parts = [f"unit {unit}" if not k.via else f"count of {k.block[1:]} ({k.via})"]
    if k.subject:
        parts.append(f"subject '{k.subject}'")
    if k.place:
        parts.append(f"place '{k.place}'")
    if k.period:
        parts.append(f"period {k.period}")
    if k.role:
        parts.append(f"{'new' if k.role == 'after' else 'old'} level of a change")
    if shared:
        parts.append(f"measure shares '{' '.join(shared)}'")
    if k.a.attribution:
        parts.append(f"attributed to {k.a.attribution}")
    if best[1] is not None:
        parts.append(f"closest to {best[1].a.doc_id} '{best[1].a.text}'")
    rule = ",".join(sorted(k.rules)) or None
    return Why(k.a.id, "; ".join(parts), best[0] or None, rule)


def _attribution_notes(items: Sequence[Keyed]) -> set[str]:
    """Who the sources say the figure comes from, when they say it."""
    said = sorted({k.a.attribution for k in items if k.a.attribution and k.a.attribution[:1].isupper()})
    return {f"attributed to: {'; '.join(said)}"} if said else set()


def updated_figure(items: Sequence[Keyed], published: Mapping[str, str | None] | None) -> str | None:
    """A note when the figures differ and, sorted by publication date, never go down (older reports lower)."""
    if not published:
        return None
    dated = []
    for k in items:
        day = published.get(k.a.doc_id)
        figure = _magnitude(k.a) if k.a.value is None else abs(k.a.value)
        if day and figure is not None:
            dated.append((str(day), figure, k))
    figures = [f for _, f, _ in dated]
    if len({d for d, _, _ in dated}) < 2 or not figures or max(figures) <= min(figures) * 1.02:
        return None  # one date, or figures that (nearly) agree: nothing was updated
    dated.sort(key=lambda d: (d[0], d[1]))
    days: dict[str, list[float]] = defaultdict(list)
    for d, f, _ in dated:
        days[d].append(f)
    ordered = sorted(days)
    for d1, d2 in pairwise(ordered):
        if max(days[d1]) > min(days[d2]):
            return None
    first, last = dated[0], dated[-1]
    return (f"updated figure: the values rise with publication date ({first[0]}: {first[2].a.text} -> "
            f"{last[0]}: {last[2].a.text}); later reports carry the newer count")


def explain(g: Group, assertions: Sequence[Assertion] | Mapping[str, Assertion]) -> str:
    """Why each member is in the group: its keys, its best score and the synonym rule that joined it."""
    by_id = assertions if isinstance(assertions, Mapping) else {a.id: a for a in assertions}
    lines = [f"group {g.id}: {g.subject or ''} {g.measure or ''} [{g.unit or '-'}] key {g.key!r}".replace("  ", " ")]
    if g.verdict is not None and g.decided_by:
        lines.append(f"  verdict {g.verdict.value}, decided by {g.decided_by[0]} vs {g.decided_by[1]}: {g.reason}")
    for w in g.why:
        a = by_id.get(w.assertion_id)
        head = f"{a.doc_id} {a.text!r}" if a else w.assertion_id
        score = f"score {w.score:g}" if w.score is not None else "no score"
        rule = f"; synonyms {w.rule}" if w.rule else ""
        lines.append(f"  - {head}: {score}; {w.reason}{rule}")
    lines.extend(f"  note: {n}" for n in g.notes)
    return "\n".join(lines)


def _dedupe_ids(groups: list[Group]) -> list[Group]:
    from dataclasses import replace

    seen: Counter[str] = Counter()
    out = []
    for g in groups:
        seen[g.id] += 1
        out.append(g if seen[g.id] == 1 else replace(g, id=f"{g.id}-{seen[g.id]}"))
    return out
