"""Grouping keys: what each mention is about, read from its extraction and its clause.

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

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from checker.extract.units import base_factor, conversion_factor, fixed_base, time_unit
from checker.model import Assertion, Qualifier, SynonymSet
from checker.text import AGE, BUSINESS_NOUNS, CALENDAR_WORDS, DATELINE, MONTHS, fold, singular

WORD_RE = re.compile(r"[a-z][a-z0-9.'’-]*(?:&[a-z][a-z0-9.'’-]*)*")  # "s&p", "at&t": one name, not two letters
LED_BY = re.compile(r"(?:[\w.'’]+\s?[-‑]\s?(?:led|backed|owned|run|controlled)|^\s*(?:led|backed))\b", re.I)
NAME_ARTICLE = re.compile(r"\b(?:Die|Der|Das)\s+(?=[A-ZÄÖÜ])")  # "Die Linke", "Der Spiegel"
POSSESSIVE = re.compile(r"['’]s?$")  # "world's" is "world", not the plural "world'"
SCALE_WORDS = frozenset(["thousand", "million", "billion", "trillion", "bn", "mn", "mln", "tn", "lakh", "crore"])
YEAR_RE = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
PROJECTION_RE = re.compile(r"\b(by|through|until|till|to|before|within|over the next|in the next)\b", re.I)
CONVERTED = 0.01  # a stated conversion is rounded: within 1% it is the same figure
WINDOW = 6  # words either side of the figure, inside its clause, read for keys
# up to two words right after a count's noun, stopping at a preposition or a punctuation mark
FOLLOWING_NOUN = re.compile(r"(?:\s+(?!(?:on|in|of|for|with|at|by|from|to|as|than|and|or|but|after|before|over|"
                            r"under|since|during|into|per|while|who|which|that)\b)[\w'’-]+){1,2}", re.I)
BARE_COUNT = 100  # a bare number this large, right after a count, continues it (smaller ones are ranks, ages, ...)
# a price per share: never earnings per share
STOCK = "stock"  # the pack's canonical word for shares
SHARE_PRICE = frozenset(("price", "closing", "opening", "close", "open", "value", "valuation", STOCK, "offer"))
DATE_WORDS = CALENDAR_WORDS - {"march", "may"}  # "a record September quarter": a date, no measure ("the march" is one)
STALE_YEARS = 2  # a figure dated this many years before its report is a past one ("the 2011 quake killed ...")
ANAPHORA_CHARS = 400  # a figure without measure words refers back at most this far (about two sentences)

# words that, between two figures, lead into the second one ("$760 million up 56%", "$5 billion versus $4 billion")
DEFAULT_BRIDGES = ("up", "down", "rising", "rose", "falling", "fell", "increasing", "decreasing", "compared",
                   "versus", "vs", "vs.", "against", "or", "than", "representing", "making", "marking", "from",
                   "to", "after", "before", "beating", "topping", "missing", "exceeding", "ahead", "below", "above")
CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s|\b(?:and|while|but|whereas|whilst)\b", re.I)
TRAIL_BREAK = re.compile(r"[,;:()—–]|\s-\s")  # a clause mark, "and" none (``Context.trail``)
PART_OF = re.compile(r"\s*(?:including|among them|of which|of whom|or)\s*", re.I)
OF_NOUN = re.compile(r"\s*of\s+(?:the\s+|its\s+|their\s+)?[a-z]+\s*", re.I)  # "of homes" before "and businesses"
PLACE_RE = re.compile(
    r"\b(?i:in|across|throughout|on|inside)\s+(?:the\s+)?(?:(?!(?:from|of|to|for|with|by|at)\b)[a-z]+\s+)?"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*)*)"
)
# a capital, or a brand's lower-case first letter before one ("iPad", "eBay")
_CAP = r"(?:[A-Z]|[a-z][A-Z])"
_NAME = rf"{_CAP}[\w.'’-]*(?:\s+{_CAP}[\w.'’-]*)*"
# a list of places read as a total: "Jamaica, Haiti and Cuba"; stricter than NAME_LIST_RE on purpose (no "the"),
# since "the United States and Switzerland" are the two sides of a deal, not a total
PLACE_LIST_RE = re.compile(rf"\b{_NAME}(?:,\s*{_NAME})*,?\s+and\s+{_NAME}")
# a list item naming its place right before its figure: "...: North Carolina (73), South Carolina (36)",
# "South Carolina, 29 deaths; Georgia, 25", "North Carolina has reported 46 deaths, South Carolina 27"
LIST_ITEM_RE = re.compile(rf"(?:^|[,;:]\s*)(?:and\s+)?(?P<name>{_NAME})\s*[(,]?\s*$")
# the names "respectively" pairs with figures: "the Tories and the Greens"
NAME_LIST_RE = re.compile(rf"\b(?:the\s+)?{_NAME}(?:,\s*(?:the\s+)?{_NAME})*,?\s+and\s+(?:the\s+)?{_NAME}")
PERIOD_RE = re.compile(
    r"\b(?:(?P<ord>first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)"
    r"|(?P<q>Q[1-4])|(?P<h>H[12]))\b",
    re.I,
)
# an election's two rounds: "in the first round", "the presidential run-off", "on this second round"
ROUND_RE = re.compile(r"\b(?:(?P<first>first[\s-](?:round|ballot))|run-?offs?|second[\s-]round|ballotage)\b", re.I)
ORDINAL = {"first": "1", "second": "2", "third": "3", "fourth": "4"}
_MONTH = "(" + "|".join(m.capitalize() for m in MONTHS) + ")"
# a month the figure belongs to ("June's reading", "the May total", "for July"), not the date it was reported
MONTH_PERIOD_RE = re.compile(
    rf"\b{_MONTH}['’]s\b|\b(?:the|for)\s+{_MONTH}\b(?!\s+\d)"
    rf"|\b{_MONTH}\s+(?:figures?|totals?|readings?|data|numbers?|reports?|payrolls|estimates?|gains?|count)\b")
PLACE_LABELS = frozenset({"GPE", "LOC"})
# names that are no place; not PERSON, which the small model gives unfamiliar towns ("Paiporta", "Kunar")
THING_LABELS = frozenset({"ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART"})
# scales named after people ("6.8 on the Richter scale") are no places either
DEFAULT_NOT_PLACES = tuple(sorted({*CALENDAR_WORDS, "richter", "mercalli", "celsius", "fahrenheit"}))
DEFAULT_PERSON_UNITS = ("people", "person", "persons", "individual", "individuals", "other", "others", "resident",
                        "residents", "inhabitant", "inhabitants", "civilian", "civilians", "victim", "victims",
                        "child", "children", "kid", "kids", "girl", "girls", "boy", "boys", "adult", "adults",
                        "student", "students", "camper", "campers", "participant", "participants", "fan", "fans",
                        "attendee", "attendees", "villager", "villagers")
# role nouns stay their own count: "230 passengers" of "242 people on board" (crew too) are a part, not the whole
# regions: a figure placed in one, like one placed in a list of places, is a total over several countries
DEFAULT_REGIONS = ("caribbean", "europe", "asia", "africa", "americas", "latin america", "middle east", "pacific",
                   "southeast asia", "south asia", "east asia", "central asia", "central america", "south america",
                   "north america", "west africa", "east africa", "southern africa", "gulf", "balkans", "baltics",
                   "scandinavia", "mediterranean", "asia-pacific", "asean")
DECLINE = "decline"  # the word a fall in a holder's share is measured by (a rise is GROWTH)
GROWTH = "growth"  # the pack's canonical word for a rise in percent (a change right after a level measures it)
DEFAULT_COUNT_MEASURES = ("deaths", "injured", "missing", "evacuated", "sheltered", "displaced", "arrested", "vote",
                          "identified")
# what befell people, one fate each: the dead are never the missing nor the injured, however alike the sentences
# ("the toll rose to 100, with 79 people still missing")
DEFAULT_EXCLUSIVE = ("deaths", "injured", "missing", "arrested")
# what befell whatever is counted, so it decides the count's block whatever the noun: "3 million customers",
# "3.2 million homes and businesses", "3 million households" and "3 million" left without power are one count
DEFAULT_FATES = ("without power",)
# nouns that count people in a role: they share one block with the other counts of people (deaths, the
# evacuated, "242 people on board"), their noun a measure word, so that "241 people" and "241 confirmed
# fatalities" are compared at all, while "230 passengers" stays a part of "242 on board" by its measure
DEFAULT_PERSON_ROLES = ("passenger", "crew", "worker", "member", "employee", "staff", "machinist",
                        "soldier", "troop", "migrant", "refugee", "patient", "voter", "tourist", "pilgrim",
                        "miner", "firefighter", "officer", "doctor", "nurse", "teacher", "survivor", "casualty",
                        "hostage", "prisoner", "detainee", "evacuee", "counselor", "counsellor", "rescuer", "pupil",
                        "national", "woman", "women", "man", "men", "female", "male")
PEOPLE = "#people"  # the block of every count of people
SHARE_BLOCKS = ("%", "pp")  # the blocks of shares and their moves, where two holders' figures sit side by side
DEFAULT_MARKERS: dict[str, tuple[str, ...]] = {
    "consensus": ("analysts expected", "analysts were expecting", "analysts had expected", "analysts expect",
                  "analysts' expectations", "analyst expectations", "expectations of", "market expectations",
                  "consensus", "estimates of", "anticipate", "anticipated", "analysts polled"),
    "increment": ("additional", "further", "another"),
}
WALL_STREET = re.compile(r"\bwall street\b", re.I)
EXPECTING = re.compile(r"\b(?:expect\w*|estimat\w*|forecast\w*|predict\w*|project\w*|consensus)\b", re.I)
DEFAULT_CHANGE_VERBS = ("cut", "cuts", "reduce", "reduced", "reduces", "lower", "lowered", "lowers", "slash",
                        "slashed", "slashes", "drop", "dropped", "drops", "fall", "fell", "falls", "plummet",
                        "plummeted", "raise", "raised", "raises", "increase", "increased", "increases", "rise",
                        "rose", "risen", "rises", "hike", "hiked", "climb", "climbed", "jump", "jumped", "down",
                        "cutting", "reducing", "lowering", "slashing", "dropping", "falling", "plummeting", "raising",
                        "increasing", "rising", "hiking", "climbing", "jumping")
DEFAULT_BASES: dict[str, tuple[str, ...]] = {
    "yoy": ("year-over-year", "year over year", "year-on-year", "year on year", "annually", "from a year earlier",
            "from a year ago", "yoy", "y/y", "compared with a year earlier", "from the same period last year"),
    "sequential": ("sequentially", "sequential", "quarter-over-quarter", "quarter over quarter", "quarter-on-quarter",
                   "from the previous quarter", "from the prior quarter", "qoq", "q/q", "month-over-month",
                   "month-on-month"),
    # a share price move is measured against a session's open or close: after hours is not pre-market
    "after-hours": ("after-hours", "after hours", "extended trading", "late trading", "post-market", "postmarket",
                    "after the bell"),
    "pre-market": ("pre-market", "premarket", "before the bell", "early trading"),
}
# "the $85.1 billion expected on average by analysts": words right after a figure that make it an estimate
EXPECTED_AFTER = re.compile(
    r"\s*(?:expected|forecast|estimated|projected)\s+(?:on average\s+)?by\b|\s*expected on average", re.I
)
PRIOR = "prior"  # the period of a year-ago figure
PRIOR_RE = re.compile(
    r"\b(?:same period last year|a year earlier|year[- ]ago|a year ago|the (?:previous|prior) year|a year before)\b",
    re.I,
)



ENTITY_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "PERSON", "FAC"})
# NER tells a party or a group apart as ORG or NORP, a country as GPE or LOC, at random: one kind each
LABEL_FAMILY = {"NORP": "ORG", "LOC": "GPE"}


def _named(a: Assertion) -> bool:
    """Is the subject a named entity? NER says so when it can; else every word is capitalised."""
    if a.subject_label:
        return a.subject_label in ENTITY_LABELS
    words = (a.subject or "").split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


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
    basis: str | None = None  # what a change is measured against: "yoy" | "sequential" (pack word lists)
    role: str | None = None  # "before" | "after" in a sentence that states a change
    kind: str | None = None  # "consensus" | "increment" | None (a reported level)
    via: str | None = None  # how the block was reached ("unit 'lives' -> deaths")
    total: bool = False  # the place is a region or a list of places: a total over several, not one of them
    label: str | None = None  # the subject's kind of name (NER, one label per family: ORG for NORP too); None unknown
    near: frozenset[str] = frozenset()  # content words right around the figure (names above all)
    named: frozenset[str] = frozenset()  # its measure words that are the pack's table measures
    counted: str | None = None  # what a count counts ("deaths"; its block is all counts of people)
    names: frozenset[str] = frozenset()  # names of its subject and measure that the corpus lists beside others
    kin: frozenset[int] = frozenset()  # the lists those names stand in ("Mac and iPad"): see Reader.siblings
    fates: frozenset[str] = frozenset()  # its measure words that are exclusive fates (Reader.exclusive)
    stale: bool = False  # dated STALE_YEARS or more before its document was published
    parties: frozenset[str] = frozenset()  # the other side of a deal its subject is party to (Reader.deals)
    story: str | None = None  # the story its document tells, where the corpus has several (``stories``)
    reading: str | None = None  # "peak" | "latest" of a running count (Reader.reading); None said plainly
    full_names: frozenset[str] = frozenset()  # the full names of people (Reader.full_names) holding its holder's words

    @cached_property
    def measure_set(self) -> frozenset[str]:
        return frozenset(self.measure)

    @cached_property
    def digits(self) -> int:
        return figure_digits(self.a)

    @cached_property
    def written_digits(self) -> int:
        return figure_digits(self.a, round_last=True)

    @cached_property
    def per(self) -> str | None:
        """The period its amount (money, tonnes) is counted per (``per_time``), read once: hard keys compare it
        pair by pair."""
        return per_time(self.a)

    @cached_property
    def spread(self) -> bool:
        """A total spread over a span ("$17 billion over five years"): never a rate a year."""
        return _after(self.a, SPREAD_OVER) is not None

    @cached_property
    def subject_words(self) -> frozenset[str]:
        return frozenset((self.subject or "").split())

    @cached_property
    def holder_only(self) -> bool:
        """Measured only by its named holder ("the Greens at 13.5%"): its share of whatever the text is about."""
        return _holder_only(self)

    @cached_property
    def specific(self) -> bool:
        """Specific enough that the same figure stated twice is one fact: three significant digits
        ("73.6%"), or two in a measured unit ("44 million tonnes", "$92 billion", "17 km"), where
        coincidences are rarer than among percentages and counts."""
        return self.digits >= 3 or (self.digits >= 2 and self.a.unit_class in ("currency", "physical"))

    @cached_property
    def measure_text(self) -> str:
        return " ".join(sorted(self.measure))

    @cached_property
    def signature(self) -> tuple[Any, ...]:
        """Everything ``similarity`` reads: two mentions with equal signatures score alike against
        any third (wire copies and repeated passages share theirs, so a score is computed once)."""
        a = self.a
        return (self.block, self.subject, self.entity, self.label, self.time, self.place, self.total, self.period,
                self.basis, self.role, self.kind, self.measure_set, self.measure_text, self.digits, a.unit,
                a.value, a.low, a.high, a.change, self.near, self.named, self.names, self.kin, self.stale,
                self.full_names)  # fmt: skip


def _holder_only(k: Keyed) -> bool:
    """Read fresh while ``keyed`` still rewrites a mention's measure and subject (the cached properties of
    ``Keyed`` are for after it)."""
    return k.entity and bool(k.subject) and set(k.measure) <= set((k.subject or "").split())


class Normaliser:
    """Turns subject and measure phrases into comparable keys, recording synonym rules used."""

    def __init__(self, synonyms: Sequence[SynonymSet], stopwords: Iterable[str]) -> None:
        words = [w.lower() for w in stopwords]
        self.stop = {form for w in words if " " not in w for form in (w, singular(w))}  # tokens are singular
        self.single: dict[str, tuple[str, str]] = {}
        # a stop phrase ("making up") is dropped whole, before its words can match a synonym ("up" -> growth)
        self.multi: list[tuple[tuple[str, ...], str, str]] = [
            (tuple(singular(p) for p in w.split()), "", "") for w in words if " " in w
        ]
        # a one-word term matches as written first: "shares" names a stock, though "share" is a stopword
        self.exact: dict[str, tuple[str, str]] = {}
        for s in synonyms:
            for term in s.terms:
                words = tuple(singular(w) for w in term.split())
                if len(words) == 1:
                    self.exact.setdefault(term.lower(), (s.canonical, s.rule))
                    if words[0] not in self.stop:
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
        raw = plain_words(phrase)
        words = [singular(w) for w in raw]
        out: list[str] = []
        rules: set[str] = set()
        i = 0
        while i < len(words):
            for seq, canon, rule in self.by_first.get(words[i], ()):
                if tuple(words[i : i + len(seq)]) == seq:
                    if canon:
                        out.append(canon)
                        rules.add(rule)
                    i += len(seq)
                    break
            else:
                w = words[i]
                hit = self.exact.get(raw[i]) or self.single.get(w)
                if hit:
                    canon, rule = hit
                    out.append(canon)
                    rules.add(rule)
                elif w not in self.stop and len(w) > 1:
                    out.append(w)
                i += 1
        result = tuple(dict.fromkeys(out)), frozenset(rules)
        self._cache[phrase] = result
        return result

    def subject(self, phrase: str | None) -> tuple[str | None, frozenset[str]]:
        if phrase:
            phrase = LED_BY.sub(" ", phrase)  # "the BJP-led NDA" is the NDA
        toks, rules = self.tokens(phrase)
        return (" ".join(toks) or None), rules


def plain_words(phrase: str) -> list[str]:
    """Lower-case words as written, possessives and scale words off, hyphenated words split; a German article
    opening a name dropped ("Die Linke" is no count of the dead)."""
    phrase = NAME_ARTICLE.sub("", phrase)
    raw = [POSSESSIVE.sub("", w).strip(".'’-") for w in WORD_RE.findall(fold(phrase).lower().replace("‑", "-"))]
    return [w for part in raw if singular(part) not in SCALE_WORDS for w in part.split("-") if w]


def magnitude(a: Assertion) -> float | None:
    """The figure's size in its block's common unit ("26 feet" and "eight meters" are close); for a bound,
    the number written ("over 67 per cent" is 67, not the 100 a share is capped at)."""
    for v in (written(a), a.high, a.low):
        if v:
            return abs(v) * base_factor(a.unit)
    return None


def block_key(a: Assertion) -> str | None:
    """The unit a mention is compared under.

    A per-share figure is compared with its currency; a physical quantity with
    every unit of its dimension ("185 mph" with "298 km/h"), the verdict
    converting them with Pint.
    """
    if a.unit is None:
        return None
    fixed = fixed_base(a.unit)  # basis points as percentage points, cents as dollars: the verdict converts
    unit = fixed[0] if fixed else a.unit
    per = per_time(a)
    if per_share(a) or (a.unit_class == "currency" and per):
        return unit.rsplit("/", 1)[0]  # "£36bn a year" and "£36bn" in one block; two periods never join
    if a.unit_class == "physical" and a.dimension:
        # "100 million tons a year" and "100 million tons", as money ("km/h" is a speed: its dimension has no "/h")
        return a.dimension.removesuffix(f"/{per}") if per else a.dimension
    return unit


def per_share(a: Assertion) -> bool:
    """Counted per share ("$55 per share", "39 cents a share"): a price or earnings, in its currency's block."""
    return bool(a.unit and a.unit.endswith("/share"))


def per_time(a: Assertion) -> str | None:
    """The period an amount of money is counted per ("£12.21 per hour" -> "h", "$3.4 billion a year" ->
    "year"), or None."""
    if not a.unit or "/" not in a.unit:
        return None
    per = a.unit.rsplit("/", 1)[1]
    return per if time_unit(per) else None


def same_figure(x: Assertion, y: Assertion) -> bool:
    """The same stated figure; in two units, the same once converted ("185 mph (298 km/h)")."""
    if _comparable_as_written(x, y):
        return (x.value, x.low, x.high) == (y.value, y.low, y.high)
    return _converted_equal(x.value, x.unit, y.value, y.unit)


def same_number(x: Assertion, y: Assertion) -> bool:
    """The same number as written, whatever the hedge around it ("approximately $55 billion", "$55bn")."""
    if x.qualifier is Qualifier.RANGE and y.qualifier is Qualifier.RANGE:  # "between $30bn and $50bn": both ends
        return _equal(x.low, x, y.low, y) and _equal(x.high, x, y.high, y)
    return _equal(written(x), x, written(y), y)


def _equal(wx: float | None, x: Assertion, wy: float | None, y: Assertion) -> bool:
    """Two numbers of two figures equal, compared as written where their units allow, else converted."""
    if wx is None or wy is None:
        return False
    if _comparable_as_written(x, y):
        return wx == wy
    return _converted_equal(wx, x.unit, wy, y.unit)


def _comparable_as_written(x: Assertion, y: Assertion) -> bool:
    """One unit, a bare number, two counts (which grouping has blocked together: "317 people" and
    "317 fatalities"), or one currency, a period said or not ("£12.21 an hour" / "to £12.21")."""
    if x.unit == y.unit or x.unit is None or y.unit is None or x.unit_class == y.unit_class == "count":
        return True
    return bool(per_time(x) or per_time(y)) and block_key(x) == block_key(y)


def _converted_equal(xv: float | None, xu: str, yv: float | None, yu: str) -> bool:
    factor = conversion_factor(xu, yu)
    if factor is None or xv is None or yv is None:
        return False
    return abs(xv * factor - yv) <= CONVERTED * max(abs(yv), 1e-9)


def written(a: Assertion) -> float | None:
    """The number as written: a bound's end ("a maximum of 15%" -> 15), else the value; None for a range."""
    if a.qualifier is Qualifier.RANGE:
        return None
    if a.value is not None:
        return a.value
    if a.qualifier in (Qualifier.LE, Qualifier.LT, Qualifier.UPTO, Qualifier.NEARLY):
        return a.high
    return a.low


ROUNDED = 0.02  # one document's two statements of one figure differ at most this much (rounding)


def _rounded(a: Assertion) -> bool:
    """A statement that may round: hedged ("nearly", "about"), a range, or a headline's figure."""
    return a.qualifier is not Qualifier.EXACT or is_headline(a.sentence or "")


def one_statement(x: Assertion, y: Assertion) -> bool:
    """Two mentions one document may make of one figure: the same figure, the same number hedged
    differently ("cut to 15%" in the headline, "down to a maximum of 15%" in the body), or rounded
    differently ("nearly 70%", "69%"; "69-70%")."""
    if same_figure(x, y):
        return True
    if x.unit != y.unit:
        return False
    if not any(_rounded(a) for a in (x, y)):
        return False  # two plain figures in one body ("62% growth", "61% of revenue") are two facts
    nx, ny = written(x), written(y)
    if nx is not None and ny is not None:  # "nearly 70%" in the summary, "69%" in the table: rounded apart
        return abs(nx - ny) <= ROUNDED * max(abs(nx), abs(ny))
    if (nx is None) == (ny is None):
        return False
    ranged, n = (x, ny) if nx is None else (y, nx)  # "69-70%" and "69%": the figure inside the range
    return ranged.low is not None and ranged.high is not None and ranged.low <= n <= ranged.high


DIGITS_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def figure_digits(a: Assertion, round_last: bool = False) -> int:
    """Significant digits as written, a round last digit (0, 5) not counted unless ``round_last``:
    73.6 -> 3, 1.30 -> 3, 760 -> 2, 15 -> 1 (2 with ``round_last``), 20 -> 1, 2 -> 1.

    Two outlets stating the same specific figure ("$51.2 billion", "73.6%") are
    strong evidence of one fact; the same round figure ("15%", "$200 billion") is not.
    """
    if a.qualifier is Qualifier.RANGE and a.low is not None and a.high is not None and a.low != a.high:
        # "between $25 and $28": two numbers that both coincide are as specific as their digits together
        return sum(_digits(m.group(), round_last) for m in DIGITS_RE.finditer(a.text))
    m = DIGITS_RE.search(a.text)
    if not m:
        return 0
    return _digits(m.group(), round_last)


def _digits(number: str, round_last: bool) -> int:
    raw = number.replace(",", "")
    digits = raw.replace(".", "").lstrip("0")
    if "." not in raw:
        digits = digits.rstrip("0")
    if digits[-1:] in ("0", "5") and not round_last:
        digits = digits[:-1]
    return len(digits)


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
    """The words around a figure inside its clause, and the sentence before the clause.

    ``own_before``/``own_after`` stop at the neighbouring figures of the clause:
    in "brought in $760 million, up 56% year-over-year" the words after 56%
    describe 56%, not $760 million, so measure words are read from these.
    """

    before: str
    after: str
    preceding: str  # the sentence up to the clause (places named there still apply)
    sentence: str
    own_before: str = ""
    own_after: str = ""
    next_figure: bool = False  # another figure follows in the clause (own_after stops at it)
    lead: str = ""  # the whole sentence up to the figure (a list of places may span clause breaks)
    first: bool = True  # no other figure before it in the sentence
    trail: str = ""  # the words after it up to the next figure or clause mark, "and" no break

    @property
    def window(self) -> str:
        b = self.own_before.split()[-WINDOW:]
        f = self.own_after.split()[:WINDOW]
        return " ".join(b) + " | " + " ".join(f)


def _span_in(a: Assertion, s: str) -> tuple[int, int] | None:
    i, j = a.start - a.sentence_start, a.end - a.sentence_start
    if 0 <= i <= j <= len(s) and s[i:j] == a.text:
        return i, j
    k = s.find(a.text)
    return (k, k + len(a.text)) if k >= 0 else None


def context(
    a: Assertion, siblings: Sequence[Assertion] = (), bridges: Iterable[str] = DEFAULT_BRIDGES
) -> Context:
    """``siblings``: the other figures of the sentence (their spans bound the own window); ``bridges``: words
    that, right after a figure and before the next, lead into the next one."""
    s = a.sentence or ""
    span = _span_in(a, s)
    if span is None:
        return Context("", "", "", s)
    i, j = span
    before, after = s[:i], s[j:]
    cuts = list(CLAUSE_BREAK.finditer(before))
    clause_before = before[cuts[-1].end() :] if cuts else before
    whole_lo = None  # "people still don't have power, including 70 percent of ...": the part is measured as the whole
    if cuts and PART_OF.fullmatch(clause_before):
        whole_lo = cuts[-2].end() if len(cuts) > 1 else 0
    preceding = before[: cuts[-1].start()] if cuts else ""
    cut = CLAUSE_BREAK.search(after)
    if cut and cut.group().lower() == "and" and OF_NOUN.fullmatch(after[: cut.start()]):
        cut = CLAUSE_BREAK.search(after, cut.end())  # "77% of homes and businesses in Jamaica": one noun phrase
    clause_after = after[: cut.start()] if cut else after
    lo, hi = len(before) - len(clause_before), j + len(clause_after)
    own_lo, own_hi = (lo if whole_lo is None else whole_lo), hi
    first = True
    next_start = len(s)
    for o in siblings:
        other = _span_in(o, s) if o is not a else None
        if other is None or (other[0] < j and i < other[1]):
            continue  # itself, or a span overlapping it (a change and its levels)
        if other[1] <= i:
            own_lo, first = max(own_lo, other[1]), False
        elif other[0] >= j:
            own_hi = min(own_hi, other[0])
            next_start = min(next_start, other[0])
    own_after = _plain(s[j:own_hi])
    if own_hi < hi and own_after.split()[:1] and own_after.split()[0].lower() in bridges:
        own_after = ""  # "$760 million up 56%": "up" describes 56%; "39% tariffs on goods to 15%" keeps "tariffs"
    elif own_hi < hi:
        own_after = _leading_out(own_after)
    trail = TRAIL_BREAK.split(s[j:next_start], maxsplit=1)[0]
    return Context(_plain(clause_before), _plain(clause_after), preceding, s, _plain(s[own_lo:i]), own_after,
                   own_hi < hi, before, first, trail)


# "<noun> of $Y": the words before "of" describe the figure that follows
INTRODUCERS = ("of", "at", "totaling", "totalling", "worth")
# where, between two figures, the second one's phrase begins ("EPS of $1.30 on revenue of $57 billion")
LINKS = ("on", "with", "and", "plus", "as", "while", "for", "against", "versus", "vs", "vs.")


def _leading_out(between: str) -> str:
    """The words between a figure and the next that still describe the first: those before the link
    word that starts the next figure's "<noun> of" phrase ("$1.30 on revenue of $57 billion" -> "")."""
    words = between.split()
    if not words or words[-1].lower() not in INTRODUCERS:
        return between
    for i in range(len(words) - 2, -1, -1):
        if words[i].lower() in LINKS:
            return " ".join(words[:i])
    # no link word: a noun glued to the figure before a preposition is still its own ("a 26% premium from
    # Discover's closing price of")
    glued, nxt = words[0], words[1].lower() if len(words) > 2 else ""
    if glued.isalpha() and glued.lower() not in SMALL_WORDS and nxt in PREPOSITIONS:
        return glued
    return ""


PREPOSITIONS = frozenset(("from", "over", "above", "below", "to", "on", "against", "versus", "vs"))
SMALL_WORDS = frozenset(("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
                        "the", "to", "vs", "with"))


@functools.lru_cache(maxsize=4096)
def is_headline(sentence: str) -> bool:
    """Title case: four or more words past the first, every one but small words capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", sentence)[1:] if w.lower() not in SMALL_WORDS]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def _plain(text: str) -> str:
    return text.replace("(", " ").replace(")", " ")


PERSON_NAMED = 2  # full names NER calls a person that make one of their words a person's name, never a place


class Reader:
    """Reads the grouping keys of one mention with the pack's word lists."""

    def __init__(self, norm: Normaliser, opts: Mapping[str, Any]) -> None:
        self.norm = norm
        self.not_places = {w.lower() for w in opts.get("not_places", DEFAULT_NOT_PLACES)}
        self.person_units = {w.lower() for w in opts.get("person_units", DEFAULT_PERSON_UNITS)}
        self.count_measures = set(opts.get("count_measures", DEFAULT_COUNT_MEASURES))
        self.exclusive = frozenset(opts.get("exclusive", DEFAULT_EXCLUSIVE))
        self.fates = frozenset(opts.get("fates", DEFAULT_FATES))
        roles = {w.lower() for w in opts.get("person_roles", DEFAULT_PERSON_ROLES)}
        self.people = self.count_measures | roles | {singular(w) for w in self.person_units | roles}
        markers = {**DEFAULT_MARKERS, **dict(opts.get("markers", {}))}
        self.markers = {k: _alternation(v) for k, v in markers.items() if v}
        verbs = opts.get("change_verbs", DEFAULT_CHANGE_VERBS)
        bases = {**DEFAULT_BASES, **dict(opts.get("bases", {}))}
        self.bases = {k: _alternation(v) for k, v in bases.items() if v}
        self.bridges = frozenset(w.lower() for w in opts.get("bridges", DEFAULT_BRIDGES))
        self.known_places: set[str] = set()  # names the corpus itself places (see learn)
        self.things: set[str] = set()  # names NER mostly calls organisations, products, laws (see learn)
        self.unplaced: set[str] = set()  # names NER calls a place at most half the time ("Komeito": PERSON, once GPE)
        self.persons: set[str] = set()  # one word of names NER calls a person ("Prabowo" of "Prabowo Subianto")
        self.person_words: set[str] = set()  # every word of the full names NER calls people twice or more (not only
        # the one-word names ``persons`` holds): no place, wherever it follows "in"
        self.full_names: dict[str, frozenset[str]] = {}  # the longest names NER calls people (none part of
        # another) -> their words
        self._full_names_of: dict[str, frozenset[str]] = {}  # holder -> the full names holding its words
        self.deals: dict[str, set[str]] = defaultdict(set)  # buyer <-> target, as the corpus says (see learn)
        self.tables: set[str] = set()  # the pack's table measures (synonym canonicals), set by keyed
        self.aliases: dict[str, str] = {}  # long name -> the acronym the corpus gives it (see learn)
        self.aliases_unspaced: dict[str, str] = {}  # the same, by the long name written without spaces
        self.siblings: dict[str, set[int]] = defaultdict(set)  # name -> the lists it stands in (see learn)
        self.listed: list[frozenset[str]] = []  # the lists of names themselves, in a stable order
        self.by_word: dict[str, set[str]] = defaultdict(set)  # a listed name by its first word
        self.regions = {norm.subject(w)[0] for w in opts.get("regions", DEFAULT_REGIONS)} - {None}
        self.change = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b", re.I)

    # -- place
    def _place_name(self, name: str) -> str | None:
        words = [w for w in name.split() if POSSESSIVE.sub("", w.lower().strip(".,'’")) not in self.not_places
                 and not any(c.isdigit() for c in w)]
        if not words or (len(words) == 1 and len(words[0].strip(".")) < 2):
            return None
        key, _ = self.norm.subject(" ".join(words))
        return key

    def _places(self, text: str, headline: bool = False) -> list[tuple[int, str]]:
        """Places named after in/across/...; in a headline, where every word is capitalised
        ("Slashes Swiss Tariffs in New Trump Trade Deal"), only names the corpus places elsewhere."""
        out = []
        for m in PLACE_RE.finditer(text):
            key = self._place_name(m.group("name"))
            if key in self.things and key not in self.known_places:
                continue  # "invested in Figma", "a rise in the National Living Wage": no place
            if key and set(key.split()) <= self.person_words:
                continue  # "in which Trzaskowski won", "confidence in Musk": a person the corpus names in full
            if key and (not headline or key in self.known_places):
                out.append((m.start("name"), key))
        return sorted(out)

    def place(self, a: Assertion, ctx: Context) -> str | None:
        """Nearest place named in the figure's clause; else a place-like subject; else one earlier in the sentence."""
        title = is_headline(ctx.sentence)
        item = LIST_ITEM_RE.search(ctx.lead)
        if item and (key := self._place_name(item.group("name"))) in self.known_places:
            return key  # a list of places, each with its figure: the name right before it
        near = [(len(ctx.before) - pos, key) for pos, key in self._places(ctx.before, title)]
        near += [(pos, key) for pos, key in self._places(ctx.after, title)]
        if near:
            return min(near)[1]
        key = self.subject_place(a)
        if key:
            return key
        filed = DATELINE.match(ctx.sentence)  # where the story was filed places none of its figures
        skip = filed.end() if filed else 0
        listed = self._place_list(ctx.lead[skip:])
        if listed:  # "tore through Jamaica, Haiti and Cuba, leaving at least 33 people dead": all of them
            return listed
        earlier = self._places(ctx.preceding[skip:], title)
        if not earlier:
            return None
        if PLACE_RE.match(ctx.sentence.lstrip()):  # "In Haiti, at least 25 people have died"
            return earlier[0][1]
        first = ctx.before.split()[:1]
        if first and (first[0].lower() in ("with", "where") or first[0].lower().endswith("ing")):
            return earlier[-1][1]  # "..., with 19 deaths" / "..., killing 30" / "Haiti, where ...": that place
        return None

    def subject_place(self, a: Assertion) -> str | None:
        """The subject as a place: NER says so, or it names a place the corpus or the pack knows
        ("the Dominican Republic confirmed one death", where NER saw no entity)."""
        if not a.subject:
            return None
        key = self._place_name(a.subject)
        if key and self._company(key, self.things):
            return None  # "San Francisco-based Reddit": the company, wherever it is based
        if not key or key in self.known_places:  # what the corpus mostly calls a place ("Paiporta", once a PERSON)
            return key
        return key if a.subject_label in PLACE_LABELS and key not in self.things | self.unplaced else None

    @staticmethod
    def _company(key: str, companies: set[str]) -> bool:
        """The name is a company's, or ends in one ("social media reddit")."""
        words = key.split()
        return any(" ".join(words[i:]) in companies for i in range(len(words)))

    def respective(self, sentence: Sequence[Assertion]) -> dict[str, tuple[str, bool]]:
        """"ahead of AfD and SPD, with 151 and 121 seats respectively": the n-th figure is the n-th name's.
        Assertion id -> (name key, is a place); the list nearest the figures, before them or after."""
        s = (sentence[0].sentence or "") if sentence else ""
        end = RESPECTIVELY.search(s)
        if end is None:
            return {}
        at = sentence[0].sentence_start
        figures = sorted((a for a in sentence if a.end - at <= end.start()), key=lambda a: a.start)
        lists = list(NAME_LIST_RE.finditer(s, 0, end.start()))
        if not lists:
            return {}
        names = lists[-1]
        keys = [self._place_name(n) for n in _split_names(names.group())]
        # the figures between the names and "respectively", else those it opens ("who respectively received 25%
        # and 16%"), else those before the names
        figures = next((f for f in ([a for a in figures if a.start - at >= names.end()],
                                    self._listed_after(sentence, end.end()),
                                    [a for a in figures if a.end - at <= names.start()]) if len(f) == len(keys)), [])
        if not figures or len(keys) < 2 or not all(keys):
            return {}
        return {a.id: (self.alias(k), k in self.known_places) for a, k in zip(figures, keys, strict=True)}

    @staticmethod
    def _listed_after(sentence: Sequence[Assertion], pos: int) -> list[Assertion]:
        """The figures listed right after ``pos`` ("who respectively received 25% and 16%"): the first after
        it, and each joined to the one before by a comma or "and"."""
        at = sentence[0].sentence_start
        s = sentence[0].sentence or ""
        later = sorted((a for a in sentence if a.start - at >= pos), key=lambda a: a.start)
        listed = later[:1]
        for a in later[1:]:
            if not LISTED_GAP.fullmatch(s[listed[-1].end - at:a.start - at]):
                break
            listed.append(a)
        return listed

    def holder(self, ctx: Context, share: bool = False) -> tuple[str, bool] | None:
        """A name right before the figure, joined by at/with/on or a colon: the figure's holder, and whether
        it is a place ("Myanmar: 38,000 tons" places the figure). A name opening the sentence counts only
        before a colon ("AfD: 20.8%"); "Revenue at ..." is no name. A ``share`` also takes the name its
        bracket follows ("EFF (9.5%)"), where a sum in brackets after a name is paid for it ("Wissa (£55m)")."""
        lead = ctx.lead.rstrip()[-HOLDER_CHARS:]  # a name of a few words, not a headline
        m = HOLDER_RE.search(lead)
        if m:
            name = m.group(2) or m.group(1)
            opens = ctx.lead.lstrip().startswith(m.group(1))
            if opens and m.group("link") != ":" and not m.group(2):
                return None
            if VENUE_BEFORE.search(lead, 0, m.start()):
                return None  # "a place in the Bundestag with 8.7%": where the holder got, not the holder
        else:  # "holds 208 seats, the AfD 152"; "208 seats for the CDU, 152 for the AfD"
            m = (LIST_HOLDER_RE.search(lead) or (not ctx.first and GAPPED_HOLDER_RE.search(lead))
                 or POSSESSIVE_HOLDER_RE.search(lead)
                 or (share and BRACKET_HOLDER_RE.search(lead)) or FOR_HOLDER_RE.match(ctx.own_after))
            if not m:
                return None
            name = m.group(1)
        key = self._place_name(name)
        return (self.alias(key), key in self.known_places) if key else None

    def alias(self, key: str) -> str:
        """The acronym the corpus gives a long name, also under a descriptive word before it ("the
        populist Sahra Wagenknecht Alliance" is "BSW" where the corpus wrote "Sahra Wagenknecht Alliance (BSW)")."""
        if key in self.aliases:
            return self.aliases[key]
        if (short := self.aliases_unspaced.get(key.replace(" ", ""))) is not None:
            return short  # "ExxonMobil" where the corpus wrote "Exxon Mobil (XOM)"
        words = key.split()
        for i in range(1, len(words) - 1):
            short = self.aliases.get(" ".join(words[i:]))
            if short:
                return short
        return key

    def full_names_of(self, key: str) -> frozenset[str]:
        """The full names the corpus gives people that hold every word of ``key`` ("lula" and "da silva" are
        both in "luiz inacio lula da silva")."""
        if key not in self._full_names_of:  # asked once per mention, answered once per holder
            words = set(key.split())
            self._full_names_of[key] = frozenset(n for n, held in self.full_names.items() if words <= held)
        return self._full_names_of[key]

    def learn(self, assertions: Iterable[Assertion], texts: Mapping[str, str] | None = None) -> None:
        """What the corpus says about names, in one pass over its sentences: the places it names (NER's
        GPE/LOC subjects, names after in/across/throughout) and the long names it abbreviates in brackets
        ("Social Democratic Party of Germany (SPD)"; anywhere in ``texts``, since the sentence that introduces a
        party rarely states a figure).

        A list of capitalised names ("Gaming and AI PC") is a list of places only
        when its names are places elsewhere in the corpus ("Jamaica, Haiti and Cuba").
        """
        seen: set[str] = set()
        for _, text in sorted((texts or {}).items()):
            for line in text.splitlines():
                self._learn_aliases(line)
        corporate: set[str] = set()
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        person_words: Counter[str] = Counter()  # words of the full names NER calls people ("Prabowo Subianto")
        full: set[str] = set()
        read: set[tuple[str, int]] = set()
        for a in assertions:
            # each sentence once; NER reads a title-case headline's every word as a name
            if (a.doc_id, a.sentence_start) not in read and not is_headline(a.sentence):
                read.add((a.doc_id, a.sentence_start))
                for name, label in a.entities:
                    key = self._place_name(name)
                    if key:
                        labels[key][label] += 1
                    if label == "PERSON" and key and " " in key:
                        person_words.update(key.split())
                        full.add(key)
        self.person_words = {w for w, n in person_words.items() if n >= PERSON_NAMED}
        words = {n: frozenset(n.split()) for n in full}
        self.full_names = {n: w for n, w in sorted(words.items()) if not any(w < o for o in words.values())}
        for key, count in labels.items():
            place = sum(count[label] for label in PLACE_LABELS)
            thing = sum(count[label] for label in THING_LABELS)
            # a person's one name, however often NER calls it a place ("Prabowo won in 36 provinces": GPE)
            if key in self.person_words:
                self.persons.add(key)
            if 2 * place <= count.total() or key in self.persons:
                self.unplaced.add(key)
            if place > thing and key not in self.unplaced:
                self.known_places.add(key)
            elif thing > place:
                self.things.add(key)
        for a in assertions:
            if a.subject and a.subject_label in PLACE_LABELS:
                key = self._place_name(a.subject)
                if key and key not in self.things | self.unplaced:  # "Milei": a GPE twice, an ORG six times
                    self.known_places.add(key)
            if not a.sentence or a.sentence in seen:
                continue
            seen.add(a.sentence)
            if not texts:  # else every line was read for acronyms already
                self._learn_aliases(a.sentence)
            self._learn_owners(a.sentence)
            self._learn_deals(a.sentence)
            if not is_headline(a.sentence):
                self.known_places.update(key for _, key in self._places(a.sentence))
                self._learn_siblings(a.sentence)
                corporate.update(k for rx in (CORPORATE_RE, DESCRIBED_RE) for m in rx.finditer(a.sentence)
                                 if (k := self._place_name(m.group(1))))
        # "Nvidia Corp.", "social media company Reddit": a name the corpus gives a company suffix or calls a
        # company is a company, however often NER calls it a GPE
        self.things |= corporate
        self.known_places = {p for p in self.known_places if not self._company(p, corporate)}
        self.aliases_unspaced = {long.replace(" ", ""): short for long, short in self.aliases.items()}
        self._index_siblings()

    def _learn_aliases(self, text: str) -> None:
        """"Nationalist Movement Party (MHP)": the bracketed acronym names the long name."""
        for m in ALIAS_RE.finditer(text):
            if DATELINE_RE.match(text, m.end()) and DATELINE_LEAD.fullmatch(text, 0, m.start()):
                continue  # "SEOUL, South Korea (AP) —": the wire that filed the story, not the place's name
            long, short = self.norm.subject(m.group(1))[0], self.norm.subject(m.group(2))[0]
            if long and short and long != short:
                self.aliases.setdefault(long, short)

    def _learn_owners(self, sentence: str) -> None:
        """"Google parent Alphabet": outlets name one buyer by its brand or by its owner, so the brand is read
        as the owner's name ("parent" and "owner" are pack stopwords, so "Google parent" is "google" too)."""
        found = [(m.group(1), m.group(2)) for m in OWNER_RE.finditer(sentence)]
        found += [(m.group(2), m.group(1)) for m in OWNER_OF_RE.finditer(sentence)]
        for brand, owner in found:
            key, name = self.norm.subject(brand)[0], self.norm.subject(owner)[0]
            if not (key and name) or key == name or key in self.known_places:
                continue
            for variant in (key, f"{key} {name}"):
                self.aliases.setdefault(variant, name)

    def _learn_deals(self, sentence: str) -> None:
        """"Alphabet agreed to buy Wiz", "Exxon Mobil's $59.5 billion deal for Pioneer": the buyer and the target
        both hold the deal's figures (its price, its value), whichever one a sentence names."""
        for m in DEAL_RE.finditer(sentence):
            buyer, target = (self.alias(k) if k else None for k in map(self._place_name, m.group(1, 2)))
            if buyer and target and buyer != target:
                self.deals[buyer].add(target)
                self.deals[target].add(buyer)

    def _learn_siblings(self, sentence: str) -> None:
        """Names listed together ("Mac and iPad sales", "iPhone, iPad and Mac") are parts side by side: a
        figure of one is never a figure of another, whether the name is its holder or a measure word.
        Places are left to the place key, table measures ("Revenue and Profit") are no names."""
        for m in NAME_LIST_RE.finditer(sentence):
            keys = {k for k in (self._place_name(n) for n in _split_names(m.group())) if k}
            self.listed.append(frozenset(keys))

    def _index_siblings(self) -> None:
        """Keep the lists of two names or more once places and table measures are known."""
        lists = [frozenset(k for k in keys if k not in self.known_places and k not in self.tables)
                 for keys in self.listed]
        # "Musk and Twitter might be required to pay": a deal's two sides, not parts side by side
        self.listed = sorted({keys for keys in lists if len(keys) >= 2
                              and not any(self.deals.get(k, set()) & keys for k in keys)}, key=sorted)
        for i, keys in enumerate(self.listed):
            for key in keys:
                self.siblings[key].add(i)
                self.by_word[key.split()[0]].add(key)

    def names_in(self, words: Iterable[str]) -> tuple[frozenset[str], frozenset[int]]:
        """The listed names among a mention's subject and measure words, and the lists they stand in."""
        have = set(words)
        found = frozenset(n for w in have for n in self.by_word.get(w, ()) if set(n.split()) <= have)
        return found, frozenset(i for n in found for i in self.siblings[n])

    def _place_list(self, text: str) -> str | None:
        """The last list of two or more capitalised names ("Jamaica, Haiti and Cuba") before the figure, as one key."""
        found = None
        for m in PLACE_LIST_RE.finditer(text):
            names = [self._place_name(n) for n in _split_names(m.group())]
            keys = sorted({n for n in names if n and n in self.known_places})
            if len(keys) >= 2:
                found = " + ".join(keys)
        return found

    # -- period, role, kind
    def period(self, a: Assertion, ctx: Context) -> str | None:
        for text in (f"{ctx.before} {ctx.after}", a.measure or ""):
            m = PERIOD_RE.search(text)
            if m:
                if m.group("q") or m.group("h"):
                    return (m.group("q") or m.group("h")).lower()
                return ("q" if m.group("unit").lower() == "quarter" else "h") + ORDINAL[m.group("ord").lower()]
        rounds = [(len(ctx.before) - m.end(), m) for m in ROUND_RE.finditer(ctx.before)]
        rounds += [(m.start(), m) for m in ROUND_RE.finditer(ctx.after)]
        rounds = rounds or [(len(ctx.preceding) - m.end(), m) for m in ROUND_RE.finditer(ctx.preceding)]
        if rounds:  # "36.7% in the first round", "In the run-off, ... 55.7%": two votes, the nearest named
            return "round 1" if min(rounds, key=lambda r: r[0])[1].group("first") else "round 2"
        months = {m.lower() for g in MONTH_PERIOD_RE.findall(f"{ctx.own_before} | {ctx.own_after}") for m in g if m}
        if len(months) == 1:  # "June's reading was revised down to 14,000": June's figure, not May's
            return months.pop()
        # "EPS of $2.87, up from $2.12 a year ago": the year-ago words describe the figure they sit by, or
        # open the sentence before its first figure ("A year earlier, it earned $2.12")
        own = f"{ctx.own_before} | {ctx.own_after}"
        if a.change:
            return None  # "up 56% from a year earlier": the year-ago words are the change's base, not its period
        return PRIOR if PRIOR_RE.search(own) or (ctx.first and PRIOR_RE.search(ctx.preceding)) else None

    def basis(self, ctx: Context) -> str | None:
        """'up 30% annually' vs 'down 1% sequentially': a change's comparison base, read in the figure's own words."""
        text = f"{ctx.own_before} | {ctx.own_after}"
        for name, rx in self.bases.items():
            if rx.search(text):
                return name
        return None

    def kind(self, a: Assertion, ctx: Context) -> str | None:
        """"consensus" (analysts' expectations), "increment" ("a further 5%"), "poll" (an exit poll's or a
        survey's figure, never the count's), else None."""
        # a marker after the figure but before the next one ("$51.2 billion versus estimates of $49.3 billion")
        # introduces the next figure, not this one
        before, after = ctx.before.split()[-8:], ([] if ctx.next_figure else ctx.after.split()[:3])
        text = f"{' '.join(before)} {a.unit_surface or ''} | {' '.join(after)}"
        for k, rx in self.markers.items():
            if rx.search(text):
                return k
        if EXPECTED_AFTER.match(ctx.own_after):
            return "consensus"  # "the $85.1 billion expected on average by analysts"
        if WALL_STREET.search(text) and EXPECTING.search(text):
            return "consensus"  # "Wall Street expected $62 billion"; not "fell 17% on Wall Street"
        if POLL_RE.search(ctx.sentence):
            return "poll"  # "leading by 50.3 percent to 49.7 percent, according to an exit poll"
        return None

    @staticmethod
    def reading(ctx: Context) -> str | None:
        """"peak" ("at its peak, 4 million were without power") or "latest" ("2.4 million still without power",
        "as of Friday"): a running count's highest reading and its latest are two figures; one said plainly
        ("lost power") may be either."""
        if PEAK_RE.search(ctx.before) or PEAK_RE.search(ctx.trail) or PEAK_OPENS.match(ctx.lead):
            return "peak"
        if LATEST_RE.search(ctx.before) or LATEST_RE.search(ctx.trail):  # ``before`` stops at the clause
            return "latest"
        return None

    # -- counts
    def count_block(self, a: Assertion, tokens: Sequence[str], ctx: Context) -> tuple[str | None, str | None]:
        """A count's block: the unit's canonical measure, or the clause's for 'people' and bare numbers."""
        surface = (a.unit_surface or a.unit or "").lower().strip()
        # read on past "and": "3 million homes and businesses remained without electricity"
        trail, _ = self.norm.tokens(ctx.trail)
        fate = next((t for t in (*tokens, *trail[:WINDOW]) if t in self.fates), None)
        if fate is not None and not (surface and self._person(a, surface)):
            return f"#{fate}", f"'{fate}' befalls what it counts"
        if surface:
            unit_toks, _ = self.norm.tokens(surface)
            head = unit_toks[-1] if unit_toks else singular(surface.split()[-1])
            if head in self.count_measures:
                return f"#{head}", f"unit '{surface}' -> {head}"
            if not self._person(a, surface):
                # the noun right after, not one a preposition brings in ("121 seats on 24% of the vote")
                words = FOLLOWING_NOUN.match(ctx.after)
                nxt = [t for t in self.norm.tokens(words.group(0) if words else "")[0] if t in self.count_measures]
                if nxt:  # "three storm-related deaths"
                    return f"#{nxt[0]}", f"'{surface}' followed by '{nxt[0]}'"
                return f"#{head}", None
        if not surface and POPULATION.search(ctx.before):
            return PEOPLE, "a bare number a place is 'home to'"  # "home to some 27,000", "population 33,300"
        after, _ = self.norm.tokens(ctx.after)
        before, _ = self.norm.tokens(ctx.before)
        for where, toks in (("after", after[:WINDOW]), ("before", before[-WINDOW:]), ("measure", tokens)):
            for t in toks:
                if t in self.count_measures:
                    noun = f"'{surface}'" if surface else "a bare number"
                    return f"#{t}", f"{noun} with '{t}' {where} it"
        if not surface:  # "payrolls rose by 73,000": a bare number counts the table measure around it
            for where, toks in (("measure", tokens), ("after", after[:WINDOW]), ("before", before[-WINDOW:])):
                for t in toks:
                    if t in self.tables and t not in (GROWTH, DECLINE):  # a gain is a change, not a count
                        return f"#{t}", f"a bare number with '{t}' {where} it"
            return None, None
        last = surface.split()[-1]
        if self._person(a, surface):  # "750 girls", "750 campers", "10.6 million Poles"
            if LOSS_OF.search(ctx.before):
                return "#deaths", f"'the loss of' {surface}"
            pair = PERSON_PAIR.match(ctx.sentence, a.end - a.sentence_start) if a.sentence else None
            verb = [t for t in self.norm.tokens(pair.group(1))[0] if t in self.count_measures] if pair else []
            if verb:  # "27 campers and counselors died": the verb after the pair of nouns
                return f"#{verb[0]}", f"'{surface} and ...' with '{verb[0]}' after it"
            if a.dimension == "people" and last not in self.person_units and singular(last) not in self.person_units:
                return f"#{singular(last)}", f"'{surface}' counts people"  # "53 Britons" are some of the people
            return "#people", f"'{surface}' counts people"
        return f"#{singular(last)}", None

    def _person(self, a: Assertion, surface: str) -> bool:
        """A count of people: a person noun, or people by nationality (extraction gives those the
        dimension 'people')."""
        last = surface.split()[-1]
        return last in self.person_units or singular(last) in self.person_units or a.dimension == "people"


_PEAK = r"\bat\s+(?:its|their|the)\s+(?:peak|height)\b"
PEAK_RE = re.compile(_PEAK, re.I)
PEAK_OPENS = re.compile(rf"\s*{_PEAK}[^,]*,", re.I)  # "At its peak, ...": a phrase opening the sentence
LATEST_RE = re.compile(r"\b(?:still|remained|remain|remains|remaining|as of)\b", re.I)
# a figure from a poll or survey (the whole sentence reports it), not from the count
POLL_RE = re.compile(  # lower-case "survey": the US Geological Survey is an agency, not a poll
    r"\b(?:[Ee]xit[- ]polls?|[Oo]pinion polls?|[Pp]olls?\s+(?:show|showed|shows|suggest|suggested|suggests|put|puts|"
    r"gave|gives|had|has)|[Ll]atest polls?|[Pp]olling (?:data|average|firm|by)|surveys?\s+(?:show|showed|shows|found|"
    r"finds|suggest|suggests|suggested))\b")
PERSON_PAIR = re.compile(r"\s+(?:and|or)\s+[a-z]+\s+((?:have\s+|had\s+|were\s+|are\s+)?\w+)")
POPULATION = re.compile(r"\b(?:home to|population(?:\s+of)?|inhabited by|populated by)[\s:,]*$", re.I)
LOSS_OF = re.compile(r"\bloss(?:es)?['’\"]*\s+of\s*$", re.I)  # "grieving the loss of 27 campers": deaths


def _split_names(listed: str) -> list[str]:
    """"Jamaica, Haiti and Cuba" -> its names; "the Tories and the Greens" -> "Tories", "Greens"."""
    return [re.sub(r"^the\s+", "", n) for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed)]


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w'])(?:" + alts + r")(?![\w])", re.I)


OLD_LEVEL_REACH = 60  # characters from an old level to the "to" figure it changed to


def role_of(a: Assertion, ctx: Context, reader: Reader, siblings: Sequence[Assertion]) -> str | None:
    """'after' for the new level of a change ("to 15%"), 'before' for the old one ("from 39%")."""
    words = [w.lower() for w in ctx.before.split()[-2:]]
    paired = any(s is not a and s.unit == a.unit and _leads_to(s) for s in siblings)
    if words in (["up", "from"], ["down", "from"]) or (words[-1:] == ["from"] and paired):
        return "before"  # "hit 23.7%, up from 17%"; "improved to 24% from 17%"
    if not reader.change.search(ctx.sentence):
        return None
    if words[-1:] == ["to"] or words == ["down", "to"] or words[-1:] == ["new"]:
        return "after"
    if words[-1:] == ["from"]:
        return "before"
    if any(s is not a and s.unit == a.unit and _leads_to(s) and 0 < s.start - a.end <= OLD_LEVEL_REACH
           for s in siblings):
        return "before"  # "tariffs at 39% were cut to 15%"; not "$94.9 billion, ... a rise in iPhone sales to $46.2bn"
    return None


def _leads_to(a: Assertion) -> bool:
    s = a.sentence or ""
    i = a.start - a.sentence_start
    lead = s[max(0, i - 12) : i].lower().split() if 0 <= i <= len(s) else []
    return bool(lead) and lead[-1] in ("to", "new")


def _compared_with(k: Keyed, earlier: Sequence[Keyed]) -> None:
    """An expectation takes the measure of the figure it is compared with.

    In "revenue of $57.0 billion, ahead of the $54.88 billion analysts were
    expecting" the estimate's own words name the estimators, not the measure:
    it measures what the nearest reported figure of its unit before it
    measures, in the same period.
    """
    reported = [o for o in earlier if o.block == k.block and o.kind is None and o.a.end <= k.a.start]
    if reported:
        _describe_by(k, reported[-1], o_measure_only=True)


def _describe_by(k: Keyed, o: Keyed, o_measure_only: bool = False) -> None:
    """``k`` is described by the words of ``o``: its measure (instead of, or added to, its own), and
    its period, basis and holder where ``k`` names none."""
    k.measure = o.measure if o_measure_only else tuple(dict.fromkeys((*k.measure, *o.measure)))
    k.rules = k.rules | o.rules
    k.period = k.period or o.period
    k.basis = k.basis or o.basis
    if not k.entity and o.subject:
        k.subject, k.entity, k.label = o.subject, o.entity, o.label


# "the Greens at 13.5%", "Bsw with 4.7 percent", "AfD: 20.8%": a name right before the figure holds it
NAME_WORD = rf"(?:{_CAP}[\w/.'’&-]*|\d+(?=/))"
HOLDER_RE = re.compile(rf"(?:^|(?<=\s))({NAME_WORD}(?:\s+(?:of\s+|for\s+)?{NAME_WORD})*)(?:\s+\(([A-Z][\w/-]*)\))?"
                       r"\s*(?P<link>,?\s*(?:at|with|on)|:)(?:\s+(?:just|only))?\s*$")  # hedges are in the figure
HOLDER_CHARS = 80
# "Alphabet agreed to buy Wiz", "Exxon Mobil's $59.5 billion deal for Pioneer", "Musk's takeover of Twitter"
_DEAL_NAME = rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
DEAL_RE = re.compile(rf"{_DEAL_NAME}(?:['’]s)?\s+(?:\S+\s+){{0,6}}?"
                     r"(?:(?:agreed|agrees|plans|offered|offers|moved)\s+to\s+)?"
                     r"(?:acquire[sd]?|acquiring|buys?|buying|bought|(?:deal|offer|bid|takeover|acquisition|purchase|"
                     r"buyout|merger)\s+(?:for|of|with|to\s+buy))\s+(?:the\s+)?" + _DEAL_NAME)
# measure words of a deal's own figures ("trade" is the pack's word for "deal")
DEAL_WORDS = frozenset({"trade", "offer", "bid", "acquisition", "takeover", "buyout", "merger", "purchase", "price"})
VENUE_BEFORE = re.compile(r"\b(?:in|into|inside|enter|enters|entered|entering)\s+(?:the\s+)?$", re.I)
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
LISTED_GAP = re.compile(r"\s*(?:,|,?\s+and)\s+", re.I)  # between two figures of one list
# a name may hold lower-case particles: "the Democratic Party for the People 28", "Nippon Ishin no Kai 38"
NAME_PARTICLE = r"(?:(?:of|for|the|no|de|del|da|la|von|van|der)\s+){1,3}"
_LISTED_NAME = rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?({NAME_WORD}(?:\s+(?:{NAME_PARTICLE})?{NAME_WORD}){{0,3}})"
LIST_HOLDER_RE = re.compile(rf"{_LISTED_NAME}\s*$")
# the verb said once for two holders: "Massa had 36.4% and Milei, 30.1%" (after another figure only)
GAPPED_HOLDER_RE = re.compile(rf"{_LISTED_NAME}\s*,\s*$")
# a rival's figure set against another's: "against Massa's 44.3%", "compared with Labour's 33.7%"
POSSESSIVE_HOLDER_RE = re.compile(rf"\b(?:against|versus|vs\.?|to|with|than|over)\s+(?:the\s+)?"
                                  rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})['’]s\s*$")
# a share in brackets after its holder: "followed by the MK party (14.58 percent) and EFF (9.52 percent)"
BRACKET_HOLDER_RE = re.compile(rf"(?:^|\s)({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})(?:\s+party)?\s*\(\s*$")
FOR_HOLDER_RE = re.compile(rf"\s*(?:(?:cast|won|going|given)\s+)?(?:for|to)\s+(?:the\s+)?"
                           rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})")
# "Nvidia Corp.", "Alphabet Inc": a company's name before its legal suffix
CORPORATE_RE = re.compile(rf"\b({NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}?),?\s+"
                          r"(?:Corp(?:oration)?|Inc|Ltd|LLC|[Pp][Ll][Cc]|Holdings|AG|SA|NV|GmbH|Co)\b")
# "social media company Reddit", "San Francisco-based Reddit", "chipmaker Arm": a name a business noun describes
DESCRIBED_RE = re.compile(rf"(?:\b(?:{'|'.join(BUSINESS_NOUNS)})|-based)\s+"
                          rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")
# "Google parent Alphabet", "Facebook owner Meta Platforms", "Alphabet, the parent company of Google": one
# company under its brand's name and its owner's
_OWNER = r"(?:parent|owner)(?:\s+company)?"
OWNER_RE = re.compile(rf"\b({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}?)(?:['’]s)?\s+{_OWNER},?\s+"
                      rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")
OWNER_OF_RE = re.compile(rf"\b({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}),?\s+(?:the\s+)?{_OWNER}\s+of\s+"
                         rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")
# "Alternative for Germany (AfD)": the bracketed acronym names the same holder
ALIAS_RE = re.compile(rf"({NAME_WORD}(?:\s+(?:of\s+|for\s+|the\s+|and\s+)?{NAME_WORD}){{1,6}})"
                      r"\s+\(([A-Z][A-Za-z/]{1,8})\)")

# a dateline opens its line ("SEOUL, South Korea (AP) — The ...", "NEW YORK (Reuters) -"); a results list's dash
# leads to a figure ("Justice and Development Party (AKP) - 268 seats")
DATELINE_RE = re.compile(r"\s*[—–-](?!\s*\d)")
DATELINE_LEAD = re.compile(r"\s*(?:[A-Z][A-Z.'’ -]*,\s*)?")

# "16.4 per cent (2021: 25.7 per cent)": the year before the colon is the bracketed figure's, not the sentence's
BRACKET_YEAR = re.compile(r"\(\s*(?:in\s+)?(1[89]\d\d|2[01]\d\d)\s*:\s*(?=[^)]*\d)")


# "In the 2021 election, turnout was 76.4%": an opening phrase dates the sentence's first figure
OPENING_TIME = re.compile(r"\s*(?:in|during|for|by|at the end of|as of)\s+(?:the\s+)?[^,]{0,40}$", re.I)


NEAR_WORDS = 8  # words either side of a figure that its context evidence reads
# spaCy's English stop words, and the reporting verbs every story uses
FUNCTION_WORDS = frozenset(STOP_WORDS) | {"said", "says", "say", "according", "reported", "cent", "percent"}


def near_words(ctx: Context, skip: frozenset[str] = FUNCTION_WORDS) -> frozenset[str]:
    """The content words right around a figure, stopping at its neighbouring figures: in "Wissa from
    Brentford for £50m" they name what the figure is about even where no measure word does."""
    before = ctx.own_before.split()[-NEAR_WORDS:]
    after = ctx.own_after.split()[:NEAR_WORDS]
    return content_words(" ".join(before + after), skip)


def content_tokens(text: str, skip: frozenset[str] = FUNCTION_WORDS) -> list[str]:
    """A text's words that say something, in order: singular, no function word, no figure, three letters or
    more."""
    words = (singular(w) for w in plain_words(text))
    return [w for w in words if len(w) > 2 and w not in skip and not any(c.isdigit() for c in w)]


def content_words(text: str, skip: frozenset[str] = FUNCTION_WORDS) -> frozenset[str]:
    """``content_tokens`` as a set."""
    return frozenset(content_tokens(text, skip))


# "a 1960 tsunami", "the 2018 Camp Fire": a year opening the holder's name dates the event it names
SUBJECT_YEAR = re.compile(r"^(?:(?:a|an|the)\s+)?((?:19|20)\d\d)\s+[a-z]", re.I)


def _own_year(a: Assertion, time: str | None) -> str | None:
    """The bracket's year for the bracketed figure; for the others, the time read, unless its years
    are only those of such brackets."""
    if "(" not in (a.sentence or ""):
        return time
    at = a.start - a.sentence_start
    bracketed = {m.end(): m.group(1) for m in BRACKET_YEAR.finditer(a.sentence or "")}
    if at in bracketed:
        return bracketed[at]
    if time and bracketed and set(YEAR_RE.findall(time)) <= set(bracketed.values()):
        return None
    return time


def _share_in_brackets(k: Keyed, earlier: Sequence[Keyed]) -> None:
    """A bare percentage in brackets right after a level is that level's share: "mined 270,000 tons
    (69%) of the world's copper" measures mining, though "(69%)" names nothing itself."""
    o, gap = _level_before(k, earlier)
    after = (k.a.sentence or "")[k.a.end - k.a.sentence_start :]
    if o is not None and gap.strip() == "(" and after.lstrip().startswith(")"):
        _describe_by(k, o)
        k.time = k.time or o.time


def _level_before(k: Keyed, earlier: Sequence[Keyed], any_unit: bool = False) -> tuple[Keyed | None, str]:
    """The nearest figure before ``k`` in its sentence (of another unit, unless ``any_unit``), and the
    text between them."""
    levels = [o for o in earlier if (any_unit or o.block != k.block) and o.a.end <= k.a.start]
    if not levels:
        return None, ""
    o, at = levels[-1], k.a.sentence_start
    return o, (k.a.sentence or "")[o.a.end - at : k.a.start - at]


# the level compared with, in brackets after the comparison: "a rise on the previous election (76.6% in 2021)"
COMPARED_IN_BRACKETS = re.compile(
    r"\b(?:increase|rise|gain|jump|drop|fall|decline|decrease|higher|lower)\s+(?:on|over|from|than|compared\s+"
    r"(?:with|to))\s+(?:the\s+|its\s+|their\s+)?[\w\s-]{0,40}\(\s*$", re.I)
UP_FROM = re.compile(r"\b(?:up|down)\s+from\s*$", re.I)


def _old_level(k: Keyed, earlier: Sequence[Keyed]) -> None:
    """"rose to 24%, up from 17%": "up" marks the change, it is not what 17% measures; the old level
    measures what the new level before it measures."""
    k.measure = tuple(t for t in k.measure if t != GROWTH)
    new = [o for o in earlier if o.block == k.block and o.role == "after"]
    if not k.measure and new:
        _describe_by(k, new[-1], o_measure_only=True)


CHANGE_GAP = 40  # characters between a level and the change that qualifies it ("$760 million (up 56%")


def _change_of(k: Keyed, earlier: Sequence[Keyed]) -> None:
    """A change right after a level measures the change of that level.

    "Networking revenue surged to $8.2 billion, up 162%": 162% is the growth of
    networking revenue, though its own words say only "up". The same holds for
    an apposition ("sequential growth of $10 billion, or 22%").
    """
    o, gap = _level_before(k, earlier)
    if o is not None and len(gap) <= CHANGE_GAP and not any(c in gap for c in ".;:"):
        _describe_by(k, o)
        return
    # "AfD: 20.8% (+10.4%)": a signed change in brackets right after a level of its own unit is that level's
    o, gap = _level_before(k, earlier, any_unit=True)
    if o is not None and gap.strip().rstrip("+").rstrip() == "(":
        _describe_by(k, o)


HEADING_RE = re.compile(r"^[ \t]*(?:\d{1,3}[.)]\s*)?(?P<name>[A-Z][^\n.!?:;,]{0,60}?)[ \t]*$", re.M)


def section_places(text: str, reader: Reader) -> list[tuple[int, str]]:
    """Where a document is cut into sections by place ("4. Australia" ... "3. Burma"): (offset, place) of
    each heading line that names only a place. One such heading is a title, not a section: two or more
    different places are needed."""
    found = []
    for m in HEADING_RE.finditer(text):
        key = reader._place_name(m.group("name"))
        if key and key in reader.known_places:
            found.append((m.start(), key))
    return found if len({k for _, k in found}) >= 2 else []


INTRO_RE = re.compile(r"^[^\n]*:[ \t]*$", re.M)  # a line ending in a colon introduces the lines under it
BLANK_RE = re.compile(r"\n[ \t]*\n")


def intro_years(text: str) -> list[tuple[int, int, str]]:
    """(start, end, year) of the lines a dated intro line introduces ("2024 production data from the USGS:"
    over "- China: 270,000 tons"), up to a blank line or the next intro line; only intros naming one year."""
    intros = list(INTRO_RE.finditer(text))
    spans = []
    for i, m in enumerate(intros):
        years = set(YEAR_RE.findall(m.group()))
        if len(years) != 1:
            continue
        blank = BLANK_RE.search(text, m.end())
        end = min(blank.start() if blank else len(text), intros[i + 1].start() if i + 1 < len(intros) else len(text))
        spans.append((m.end(), end, years.pop()))
    return spans


def keyed(
    assertions: Sequence[Assertion],
    synonyms: Sequence[SynonymSet] = (),
    options: Mapping[str, Any] | None = None,
    texts: Mapping[str, str] | None = None,
    published: Mapping[str, str | None] | None = None,
) -> list[Keyed]:
    """Every groupable mention with the keys grouping compares. ``texts`` (document id -> text) lets a
    figure take the place of the section it sits in and the year of the intro line above its list;
    ``published`` (document id -> ISO date) tells a past year's figure (``Keyed.stale``)."""
    opts = dict(options or {})
    norm = Normaliser(synonyms, opts.get("stopwords", ()))
    reader = Reader(norm, opts)
    reader.known_places.update(s.canonical for s in synonyms if s.place)
    canon = {s.canonical for s in synonyms if not s.place}  # measure words of the pack's tables
    reader.tables = canon
    reader.learn(assertions, texts)
    sections = {doc: section_places(text, reader) for doc, text in (texts or {}).items()}
    listed_years = {doc: intro_years(text) for doc, text in (texts or {}).items()}
    by_sentence: dict[tuple[str, int], list[Assertion]] = defaultdict(list)
    for a in assertions:
        by_sentence[(a.doc_id, a.sentence_start)].append(a)
    skip = FUNCTION_WORDS | norm.stop  # words around a figure that say nothing of it
    out: list[Keyed] = []
    last: dict[tuple[str, str], Keyed] = {}  # the latest mention of each document and block
    last_count: dict[str, Keyed] = {}  # the latest count of each document
    keyed_in: dict[tuple[str, int], list[Keyed]] = defaultdict(list)  # the mentions keyed so far, by sentence
    respective: dict[str, tuple[str, bool]] = {}
    for sentence in by_sentence.values():
        respective.update(reader.respective(sentence))
    for a in assertions:
        if a.change and a.qualifier is Qualifier.RANGE:
            continue  # a change "from X to Y": not a level to compare
        ctx = context(a, by_sentence[(a.doc_id, a.sentence_start)], reader.bridges)
        measure_text = (a.measure or "").replace(a.text, " ")
        mtoks, mrules = norm.tokens(measure_text)
        wtoks, wrules = norm.tokens(f"{ctx.own_before} {ctx.own_after}")
        stoks = norm.tokens(a.subject)[0] if a.subject and a.subject_label is None else ()
        own = set(mtoks) | set(stoks)
        local = tuple(t for t in wtoks if t in canon or t in own)
        if local == (GROWTH,) and a.unit != "%" and ctx.own_before.rstrip().lower().endswith(" to"):
            local = ()  # "Revenue rose 16% year over year to $102.3 billion": the level, not the growth
        if GROWTH in local and COMPARED_IN_BRACKETS.search(ctx.lead):
            local = tuple(t for t in local if t != GROWTH)  # "an increase on the last vote (76.6% in 2021)"
        measure = tuple(dict.fromkeys((*(local if local else mtoks), *stoks)))
        if AGE in mtoks:
            measure = (AGE,)  # "a 37-year-old firefighter also died": her age, whatever the sentence counts
        rules = (mrules if not local else frozenset()) | (wrules if local else frozenset())
        via = None
        block = block_key(a)
        if block == "%" and _points_of_a_rate(a, local or mtoks):
            block, via = "pp", "a change of a rate, to a rate: percentage points"
        elif block == "point" and SHARE_POINTS.search(ctx.sentence):
            block, via = "pp", "points of a share: percentage points"  # "a 20 point decline" in the vote share
        if a.unit_class == "count" or a.unit is None:
            cblock, via = reader.count_block(a, mtoks + wtoks, ctx)
            before = last_count.get(a.doc_id)
            if cblock is None and a.unit is None and (a.value or 0) >= BARE_COUNT and before is not None \
                    and a.start - before.a.end <= ANAPHORA_CHARS:
                # "The economy added 73,000 jobs. June's reading was revised down by 133,000": the count
                # the text was just giving
                cblock, via = f"#{before.counted}", f"a bare number after '{before.a.text}'"
            if cblock is None:
                continue  # a bare number with no count measure around it
            block = cblock
            measure = tuple(dict.fromkeys((block[1:], *measure)))
        if block is None:
            continue
        counted = block[1:] if block.startswith("#") else None
        if counted:  # a count: the block names the measure; keep only table words besides
            measure = tuple(t for t in measure if t == counted or t in canon) or (counted,)
            if counted in reader.people or singular(counted) in reader.people or a.dimension == "people":
                block = PEOPLE
        place = reader.place(a, ctx)
        period = reader.period(a, ctx)
        drop = set(norm.tokens(place)[0]) if place else set()
        measure = tuple(t for t in measure if t not in drop and not PERIOD_RE.fullmatch(t) and t not in ORDINAL
                        and t not in ("quarter", "fiscal", "half") and t not in DATE_WORDS)  # "September quarter"
        subject, srules = norm.subject(a.subject)
        if reader.subject_place(a):
            subject = None
        if subject and set(subject.split()) <= canon:  # "GDP was upgraded to 1.6%": a measure, not a holder
            measure, subject = tuple(dict.fromkeys((*measure, *subject.split()))), None
        named = reader.alias(subject) if subject else None
        entity = _named(a) or (named != subject)  # a name the corpus abbreviates is a name
        subject, label = named, LABEL_FAMILY.get(a.subject_label or "", a.subject_label)
        if subject in reader.persons:
            entity, label = True, "PERSON"  # "Prabowo", NER's GPE six times, is "Prabowo Subianto"
        # "the Greens at 13.5%", "Jamaica and Haiti reported 32 and 43 deaths respectively": a name by the figure
        name, is_place = respective.get(a.id) or reader.holder(ctx, a.unit == "%") or (None, False)
        if is_place and (a.id in respective or not place):
            place = name
        held = name if not is_place else None
        if held:  # "the Greens at 13.5%": the name before the figure, not the sentence's subject
            subject, entity, label = held, True, None  # the measure is its own words', else the holder's share
            measure = tuple(t for t in measure if (t in local or t == counted) and t not in stoks)
        if per_share(a) and not SHARE_PRICE & set(measure):
            # earnings per share: "earnings" is the eps, not the profit; but "an IPO price of $33 per share" and
            # "closed at $115 per share" are prices
            measure = tuple(dict.fromkeys(("eps", *(t for t in measure if t != "profit"))))
        if not measure and subject:  # "Professional Visualization brought in $760 million": the holder is the measure
            measure = tuple(t for t in subject.split() if t not in drop)
        # the sentence's only figure ("thousands of buildings" beside it dates nothing)
        alone = all(o is a or _vague(o) for o in by_sentence[(a.doc_id, a.sentence_start)])
        opening = ctx.first and OPENING_TIME.match(ctx.preceding) is not None  # "In the 2021 vote, turnout was ..."
        time = a.time if a.time and (alone or a.time in f"{ctx.before} {ctx.after}" or a.time not in ctx.sentence
                                     or (opening and a.time in ctx.preceding)) else None
        if time and ctx.next_figure and time not in f"{ctx.before} {ctx.own_after}":
            time = None  # "28.6% (+4.4% compared to 2021)": the year is the next figure's
        time = _own_year(a, time)
        if time is None and a.subject and (dated := SUBJECT_YEAR.search(a.subject)):
            time = dated.group(1)  # "since a 1960 tsunami killed 61 people": the holder is a past event
        if time is None:  # "2024 production data:" over "- Myanmar: 38,000 tons"
            time = next((y for lo, hi, y in listed_years.get(a.doc_id, ()) if lo <= a.start < hi), None)
        k = Keyed(a, subject, measure, rules | srules, block, time_key(time), entity, place, period,
                  reader.basis(ctx), role_of(a, ctx, reader, by_sentence[(a.doc_id, a.sentence_start)]),
                  None if measure == (AGE,) else reader.kind(a, ctx),  # an age is no poll's figure
                  via, label=label, near=near_words(ctx, skip), counted=counted, reading=reader.reading(ctx))
        if k.role == "after" and time and time.lower().startswith("from"):
            k.time = None  # "doubled its vote from 2021 to 19.5%": the year is the old level's
        same_sentence = keyed_in[(a.doc_id, a.sentence_start)]
        if k.role == "before" and GROWTH in k.measure and UP_FROM.search(ctx.before):
            _old_level(k, same_sentence)
        if k.kind == "consensus":
            _compared_with(k, same_sentence)
        elif a.unit == "%" and (a.change or GROWTH in k.measure):
            _change_of(k, same_sentence)
        elif a.unit == "%":
            _share_in_brackets(k, same_sentence)
        prior = last.get((a.doc_id, block))
        if k.kind == "increment":
            _increment_of(k, prior)
        if not k.measure and prior is not None and not _holder_only(prior) and a.start - prior.a.end <= ANAPHORA_CHARS:
            # "The new 15% rate matches ...": a figure with no measure words of its own is about what the
            # text just measured in its unit (the tariff of the sentence before), where it was measured
            _describe_by(k, prior)
            k.place = k.place or prior.place
        if not k.place and sections.get(a.doc_id):  # "3. Burma / Production: 31,000 metric tons"
            k.place = next((key for at, key in reversed(sections[a.doc_id]) if at <= a.start), None)
        k.total = bool(k.place) and (" + " in k.place or k.place in reader.regions)
        if a.unit == "%" and a.change == "up" and GROWTH in canon and k.measure and GROWTH not in k.measure:
            k.measure = (*k.measure, GROWTH)  # "Revenue rose 16%" is revenue growth, as "16% revenue growth" is
        elif block == "[length]" and (word := _length_word(a)):
            k.measure = tuple(dict.fromkeys((word, *k.measure)))  # "72 km southwest of Marrakech", "8 km deep"
            if word == DISTANCE and (origin := _after(a, DISTANCE_FROM)):
                # a distance is from a place: "30 km east of Wajima" and "26 miles northeast of Anamizu" are two
                k.place = reader._place_name(origin.group(1)) or k.place
        elif a.unit == "%" and a.change == "down" and _holder_only(k):
            k.measure = (*k.measure, DECLINE)  # "SPD: 16.4% (-9.3%)": the fall of a share, not the share
        if a.unit == "%" and TURNOUT in canon and _after(a, ELECTORATE_AFTER):
            # "67.4 per cent of registered electors", "over 68% of eligible voters cast a ballot": the turnout
            k.measure = tuple(dict.fromkeys((TURNOUT, *(t for t in k.measure if t not in ELECTORATE_WORDS))))
        if a.unit == "%" and _after(a, COUNTED_AFTER):
            k.measure = (COUNTED,)  # "with 97.6% of votes tallied": how far the count has gone, no share of the vote
        elif a.unit == "%" and (done := _after(a, PARTICIPLE_AFTER)):
            # "11% contained", "62% vaccinated": the participle after a share says what it is a share of
            k.measure = tuple(dict.fromkeys((*norm.tokens(done.group(1))[0], *k.measure)))
        last[(a.doc_id, block)] = k
        if k.counted:
            last_count[a.doc_id] = k
        keyed_in[(a.doc_id, a.sentence_start)].append(k)
        out.append(k)
    places = {k.place for k in out if k.place} | {w for k in out if k.place for w in k.place.split()}
    places |= {s.canonical for s in synonyms if s.place}
    # an undated report is read as of the corpus's earliest date: a figure years older than every report is
    # a past event's, whenever the undated one appeared
    earliest = min((str(d) for d in (published or {}).values() if d), default=None)
    for k in out:  # a place is a key, never a measure word
        k.measure = tuple(w for w in k.measure if w not in places) or k.measure
        k.named = frozenset(k.measure) & canon
        k.fates = frozenset(k.measure) & reader.exclusive
        day = (published or {}).get(k.a.doc_id) or earliest
        if k.time and day and k.time[:1].isdigit():
            k.stale = int(str(day)[:4]) - int(k.time[:4]) >= STALE_YEARS
        k.names, k.kin = reader.names_in((*k.measure, *(k.subject or "").split()))
        if k.subject and k.entity:
            k.full_names = reader.full_names_of(k.subject)
        if k.subject and (DEAL_WORDS & k.measure_set or per_share(k.a)):
            # a deal's figures, its price a share among them; its other side is a company, never a place
            k.parties = frozenset(p for p in reader.deals.get(k.subject, ()) if p not in reader.known_places)
        if k.period == PRIOR and GROWTH in k.measure:
            k.period = None  # "a 12 percent increase from the previous year": the growth is now, on a year-ago base
    _year_ago_periods(out)
    return out


FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|nearly\s+|just\s+)?$", re.I)
SPREAD_OVER = re.compile(r"\s+(?:in\s+total\s+)?(?:over|across|spread over)\s+(?:the\s+(?:next|coming|past|last)\s+)?"
                         r"(?:[\w-]+\s+)?(?:years|months|decades|quarters)\b", re.I)
TO_RATE = re.compile(r"[^.;:%\d]{0,40}?\bto\s+(?:about\s+|around\s+|nearly\s+)?(\d+(?:\.\d+)?)\s?"
                     r"(?:%|per ?cent\b|percent\b)", re.I)  # "... to 15%": the rate a change leads to


# a participle said of the share, not one before a noun ("75% adjusted gross margin")
PARTICIPLE_AFTER = re.compile(r"\s+([a-z]{3,}ed)(?=\s*(?:[.,;:)]|$)|\s+(?:and|as|on|by|after)\b)")
# "97.6% of votes tallied", "92% of the ballots counted", "94 % of the poll stations scrutinized"
COUNTED_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?(?:votes?|ballots?|tables|(?:polling|poll)\s+stations|"
                           r"precincts|tally\s+sheets|ballot\s+boxes|districts|constituencies)\s+(?:counted|tallied|"
                           r"scrutini[sz]ed|processed|accounted\s+for|reporting)\b", re.I)
COUNTED = "counted"
# a sentence about shares: its bare "points" are percentage points ("Labour's vote share rose just under two points")
SHARE_POINTS = re.compile(r"%|\bper\s?cent|\bpercent|\bvote\s+share|\bshare\s+of\s+the\s+vote|\bpolls?\b", re.I)
TURNOUT = "turnout"  # the pack's canonical word for the share of the electorate that voted
ELECTORATE_AFTER = re.compile(r"\s+of\s+(?:the\s+|all\s+|those\s+)?(?:(?:eligible|registered)\s+(?:voters|electors)|"
                              r"electors|(?:the\s+)?electorate)\b", re.I)
ELECTORATE_WORDS = frozenset(("eligible", "registered", "voter", "elector", "electorate"))
DISTANCE = "distance"
DEPTH = "depth"
_CONVERTED = r"\s*(?:\([^)]{0,40}\)\s*)?"  # "(45 miles)" between a length and the words that say what it is
_COMPASS = r"(?:(?:north|south|east|west)[\s-]?)?(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?"
# "72 km (45 miles) southwest of", "some 40 miles from", "30 km away from", "about 75 km outside"
DISTANCE_AFTER = re.compile(rf"{_CONVERTED}(?:{_COMPASS}\s+of|(?:away\s+)?from|outside|off)\b", re.I)
# the place a distance is from (a name, case-sensitive): "30 km east-northeast of Wajima", "of the port city of X"
DISTANCE_FROM = re.compile(rf"(?i:{DISTANCE_AFTER.pattern})\s+(?:the\s+(?:[a-z-]+\s+){{1,3}}?of\s+)?"
                           rf"({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")
DEPTH_AFTER = re.compile(rf"{_CONVERTED}(?:deep|underground|below\s+(?:the\s+)?(?:surface|ground))\b", re.I)


def _length_word(a: Assertion) -> str | None:
    """What a length measures, read from the words after it: a distance from a place ("72 km southwest of
    Marrakech", "70 kilometres south of the city") or a depth ("8 kilometers deep"), whatever noun the
    sentence hangs it on (quake, epicentre, town)."""
    if _after(a, DISTANCE_AFTER):
        return DISTANCE
    return DEPTH if _after(a, DEPTH_AFTER) else None


def _vague(a: Assertion) -> bool:
    """An order of magnitude in words ("thousands of", "dozens of"): no figure of its own."""
    return a.value is None and not any(c.isdigit() for c in a.text)


def _after(a: Assertion, rx: re.Pattern[str]) -> re.Match[str] | None:
    """``rx`` matched right after the figure, in its sentence."""
    return rx.match(a.sentence, a.end - a.sentence_start) if a.sentence else None


def _increment_of(k: Keyed, prior: Keyed | None) -> None:
    """"1,305 people died. A further 153 were injured", "1,293 deaths in Al-Haouz, with another 452 in
    Taroudant": "further"/"another" after a figure of another measure, or naming a place the figure before
    did not, adds a second quantity, not an increment of the first; the figure is a level."""
    if prior is None:
        return
    if not set(prior.measure) & set(k.measure) or (k.place and k.place != prior.place):
        k.kind = None


def _points_of_a_rate(a: Assertion, measure: Sequence[str]) -> bool:
    """"A 1.2% increase in the levy to 15%", "will rise by 2% to 5%": a change of a rate, stated with the
    rate it leads to, is in percentage points, as the sentence means (a 1.2% relative rise of 13.8% is not
    15%)."""
    if not (a.change or GROWTH in measure or DECLINE in measure) or a.value is None:
        return False
    if FROM_BEFORE.search((a.sentence or "")[: a.start - a.sentence_start]):
        return False  # "raised from 10% to 18%": the old rate, a level
    m = _after(a, TO_RATE)
    return m is not None and a.value < float(m.group(1))


def _year_ago_periods(items: Sequence[Keyed]) -> None:
    """"Q3 2024" in a story about Q3 2025 is the year-ago figure, as "a year earlier" is: the period most
    figures of a block name, dated a year before the year most name with it."""
    by_block: dict[str, list[Keyed]] = defaultdict(list)
    for k in items:
        by_block[k.block].append(k)
    for block in by_block.values():
        periods = Counter(k.period for k in block if k.period and k.period != PRIOR)
        if not periods:
            continue
        current = periods.most_common(1)[0][0]
        years = Counter(k.time for k in block if k.period in (current, None) and k.time and k.time.isdigit())
        if not years:
            continue
        year = years.most_common(1)[0][0]
        for k in block:
            if k.period == current and k.time == str(int(year) - 1):
                k.period, k.time = PRIOR, None
