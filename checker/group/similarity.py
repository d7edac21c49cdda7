"""Similarity of two mentions: hard keys that keep them apart, then a fuzzy score of their measures."""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Hamming

from checker.group.keys import (
    COUNTED,
    DECLINE,
    GROWTH,
    PRIOR,
    SHARE_BLOCKS,
    STOCK,
    Keyed,
    magnitude,
    same_figure,
    same_number,
)
from checker.text import AGE

SUBJECT_WEIGHT = 15.0
MAGNITUDE = 2.0  # figures more than twice apart are rarely one quantity misreported (a rising toll still links:
# FAR_APART lowers the score, no key forbids it; 1.5 scored better on the read sets, but a deal's "$90 billion"
# against its "$150 billion" elsewhere is the contradiction a reader wants shown)
FAR_APART = 25.0
SHARE_MAGNITUDE = 1.4  # nor percentages this far apart: "11.6% of the vote" and "28.6% of the vote" are two holders
PLACE_PENALTY = 2.5  # one figure places itself, the other not: weak evidence, since most reports name no place
TIME_PENALTY = 5.0
STALE_PENALTY = 35.0  # a figure years older than its report, against an undated other: a past event's
NEARNESS = 10.0
SAME_FIGURE = 15.0  # the same figure with two significant digits
HOLDER_ONLY = 60.0  # a figure measured only by its holder, against the same holder's figure measured in words
SAME_VALUE = 95.0  # the same figure of two digits or more, nothing keeping the two apart (``_same_value``): near
# certain, so best pair first joins restatements before a look-alike worded the same way takes their place
SPECIFIC_FIGURE = 80.0  # the same specific figure (Keyed.specific): one fact, unless a key says otherwise
AGE_SLACK = 2  # years two reports of one person's age may differ by (a birthday, a wrong year): beyond, two people
VARIANT_LENGTH = 7  # place names this long that differ in one letter are one place spelt two ways
CONTEXT_BONUS = 10.0  # at most this much for the rare words around two figures that both share (``_overlap``)


def times_differ(x: Keyed, y: Keyed) -> bool:
    """A projection never matches a current figure; two named years must be the same year."""
    if x.time is None or y.time is None:
        return bool(x.time and x.time.startswith("by")) or bool(y.time and y.time.startswith("by"))
    return x.time != y.time


def keys_differ(x: Keyed, y: Keyed) -> str | None:
    """The first hard key that keeps two mentions apart, or None."""
    if x.story and y.story and x.story != y.story:
        return "story"
    if subjects_differ(x, y) and not _restated(x, y):
        return "subject"
    if x.kin & y.kin and not x.names & y.names:
        return "subject"  # "Mac" and "iPad", listed side by side somewhere in the corpus
    if times_differ(x, y):
        return "time"
    if x.place and y.place and x.place != y.place and not (x.total and y.total) and not _one_place(x.place, y.place):
        return "place"  # two countries; but "Jamaica, Haiti and Cuba" and "the Caribbean" are both the total
    if x.period and y.period and x.period != y.period:
        return "period"
    if None not in (xa := _year_ago(x), ya := _year_ago(y)) and xa != ya:
        return "period"  # a year-ago figure is never the current one, said with or without a quarter
    if x.basis and y.basis and x.basis != y.basis:
        return "basis"
    if x.role and y.role and x.role != y.role:
        return "role"
    if x.kind != y.kind or (x.reading and y.reading and x.reading != y.reading):
        return "kind"  # a peak and the latest reading are two figures; a plain one may be either
    if x.fates and y.fates and not x.fates & y.fates:
        return "measure"  # "100 dead" and "79 missing": two fates, however alike the sentences around them
    if (x.measure == (COUNTED,)) != (y.measure == (COUNTED,)) and x.measure and y.measure:
        return "measure"  # "with 91% of ballots counted" is how far a count has gone, never a share of the vote
    if x.measure == y.measure == (AGE,) and abs((x.a.value or 0) - (y.a.value or 0)) > AGE_SLACK:
        return "measure"  # "a five-year-old startup" and "its 41-year-old chief": two ages, two holders
    if (dx := direction(x)) and (dy := direction(y)) and dx != dy:
        return "direction"  # "added 73,000 jobs" and "eliminating 258,000 jobs" are two changes
    if x.per and y.per and x.per != y.per:
        return "rate"  # a sum a month is not a sum a year; one counted per year and one unsaid may be alike
    if (x.per and y.spread) or (y.per and x.spread):
        return "rate"  # "$3.4 billion a year" and "$17 billion over five years": a rate and a total
    return None


def direction(k: Keyed) -> str | None:
    """Which way a change goes ("up", "down"), from its verb or its measure; None for a level."""
    if k.a.change:
        return k.a.change
    if GROWTH in k.measure:
        return "up"
    return "down" if DECLINE in k.measure else None


def _one_place(a: str, b: str) -> bool:
    """"Tai Po" and "Hong Kong's Tai Po", "Los Angeles" and "Los Angeles County", "Marrakesh" and "Marrakech":
    one place named more or less fully, or spelt two ways (not a list of places, a total over several)."""
    if " + " in a or " + " in b:
        return False
    if len(a) == len(b) >= VARIANT_LENGTH and Hamming.distance(a, b) == 1:
        return True  # "Marrakesh" and "Marrakech": one letter transliterated two ways
    wa, wb = set(a.split()), set(b.split())
    return wa < wb or wb < wa


def _restated(x: Keyed, y: Keyed) -> bool:
    """The same specific figure measured in the same words: one fact restated, whatever holder each
    sentence names ("Arsenal paid a fee of £83.5 million" / "Porto received a fee of £83.5 million").
    Two places still keep it apart: one sum is often pledged to two countries."""
    return x.specific and y.specific and bool(x.measure_set & y.measure_set) and _same_value(x, y) > 0


def _year_ago(k: Keyed) -> bool | None:
    """True for a year-ago figure, False for a current one, None when it may be either (the old level of a
    change: "rose to 24% from 17%")."""
    if k.period == PRIOR:
        return True
    return None if k.role == "before" else False


def subjects_differ(x: Keyed, y: Keyed) -> bool:
    """Two different named entities of the same kind (one country vs another) are different subjects."""
    if not (x.subject and y.subject) or x.subject == y.subject:
        return False
    if not (x.entity and y.entity):
        return False
    if same_name(x.subject, y.subject) or _part_measured(x, y) or _one_person(x, y):
        return False
    if _party(x, y) or _party(y, x):
        return False  # "Alphabet's $23 billion offer" and "Wiz rejected a $23 billion offer": the deal's two sides
    if x.label and y.label:  # a person and a country can be the same side
        return x.label == y.label
    return True


NAME_FILLERS = frozenset(("of", "the", "and", "for", "on", "&"))


def abbreviates(short: str, long: str) -> bool:
    """``short`` names ``long`` by initials ("imf" / "international monetary fund"), by starts of its words run
    together ("akp" / "ak party") or by clipped words
    in order ("united states fed" / "united states federal reserves"; each clip three letters or more)."""
    sw = short.split()
    lw = [w for w in long.split() if w not in NAME_FILLERS]
    if len(sw) == 1 and len(sw[0]) >= 2 and len(lw) >= 2 and _prefixes(sw[0], lw):
        return True  # "imf", and "akp" / "ak party", "fedex" / "federal express": a start of every word, in order
    if len(sw) > len(lw):
        return False  # "lib dem" and "liberal democrats" clip every word; "united states fed" drops some
    i = 0
    for w in sw:
        while i < len(lw) and not (lw[i] == w or (len(w) >= 3 and lw[i].startswith(w))):
            i += 1
        if i == len(lw):
            return False
        i += 1
    return any(w not in lw for w in sw)  # at least one word clipped (else the subset rule decided)


def _prefixes(short: str, words: Sequence[str]) -> bool:
    """``short`` is a non-empty start of each of ``words`` in turn, run together."""
    if not words:
        return not short
    head, rest = words[0], words[1:]
    return any(short[:n] == head[:n] and _prefixes(short[n:], rest)
               for n in range(min(len(head), len(short) - len(rest)), 0, -1))


@functools.lru_cache(maxsize=8192)
def same_name(a: str, b: str) -> bool:
    """One holder named two ways: one name's words are part of the other's ("cdu" and "cdu csu alliance"), or
    ``one_name`` ("the Fed" and "the Federal Reserve", "IMF" and "International Monetary Fund")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa or one_name(a, b)


@functools.lru_cache(maxsize=8192)
def one_name(a: str, b: str) -> bool:
    """One of two names abbreviates the other, or both are one name spaced two ways ("ExxonMobil", "Exxon
    Mobil"); read once per pair of names, not per pair of mentions."""
    return a.replace(" ", "") == b.replace(" ", "") or abbreviates(a, b) or abbreviates(b, a)


def subject_evidence(x: Keyed, y: Keyed) -> float:
    """+1 for the same holder (or one naming the other's words), -1 for two different named ones, else 0.

    A descriptive subject ("the chip giant", "the company") says little either way.
    """
    if not (x.subject and y.subject):
        return 0.0
    if x.subject == y.subject or fuzz.token_set_ratio(x.subject, y.subject) >= 90:
        return 1.0
    if x.entity and y.entity and (one_name(x.subject, y.subject) or _one_person(x, y)):
        return 1.0
    if _part_measured(x, y):
        return 1.0
    return -1.0 if x.entity and y.entity else 0.0


def _one_person(x: Keyed, y: Keyed) -> bool:
    """"Lula" and "da Silva": two parts of one full name the corpus gives a person."""
    return bool(x.full_names & y.full_names)


def _party(x: Keyed, y: Keyed) -> bool:
    """``y``'s holder is the other side of a deal ``x``'s holder is party to ("pioneer" for "pioneer natural
    resources")."""
    return bool(y.subject) and any(same_name(p, y.subject) for p in x.parties)


def _part_measured(x: Keyed, y: Keyed) -> bool:
    """"iPhone: $46.2 billion" and "Apple's iPhone revenue": one's holder is a word of the other's measure,
    the part of the company the other measures."""
    xs, ys = x.subject_words, y.subject_words
    return bool(xs and ys) and (xs <= y.measure_set or ys <= x.measure_set)


def similarity(x: Keyed, y: Keyed, weights: Mapping[str, float] | None = None) -> float:
    """0-100: how alike two mentions' measures are; 0 when a hard constraint separates them.

    ``weights`` (``context_weights`` of the block) lets the words around two figures join them where
    no measure word does.
    """
    if x.block != y.block or keys_differ(x, y):
        return 0.0
    if (x.holder_only and y.a.change) or (y.holder_only and x.a.change):
        return 0.0  # "the Greens at 13.5%" is a level; "up 3.9%" is no share
    same = same_figure(x.a, y.a)
    digits = min(x.digits, y.digits) if same else 0
    specific = SPECIFIC_FIGURE if same and x.specific and y.specific and not measures_clash(x, y) else 0.0
    evidence = subject_evidence(x, y)
    value = _same_value(x, y)
    if x.measure_set & y.measure_set:
        a, b = x.measure_text, y.measure_text
        # subset match (set ratio) tempered by how much each adds (sort ratio)
        score = max(0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b), value)
    elif x.entity and y.entity and evidence > 0 and (x.holder_only or y.holder_only
                                                      or (_near(x, y) and not measures_clash(x, y))):
        score = HOLDER_ONLY  # one holder measured by its name alone ("the Greens at 13.5%" / "the Greens received
        # 13.4% of the vote"), or a figure a rounding away in its own words ("drew 36.3% support" / "won 36.43%
        # of the votes")
    elif value and (x.a.unit != "%" or min(x.written_digits, y.written_digits) >= 3
                    or (weights is not None and bool(_shared_words(x, y, weights)))):
        score = value  # two-digit percentages coincide too often to join on the number alone ("44%"), not
        # when a word around both says what they measure ("61% voting to strike" / "61% voted to strike")
    else:
        return specific or (_context_similarity(x, y, weights) if weights is not None else 0.0)
    score += SUBJECT_WEIGHT * evidence
    if digits >= 2:
        score += SAME_FIGURE
    if weights is not None and CONTEXT_BONUS:
        score += CONTEXT_BONUS * _overlap(x, y, weights)
    score = min(score, 100.0)  # the penalties below still tell apart candidates that both max out
    if bool(x.place) != bool(y.place):  # one names a place, the other none: weaker evidence
        score -= PLACE_PENALTY
    if bool(x.time) != bool(y.time):  # one dated, the other not (often the current figure)
        # much more when the dated one is years older than its report and the other states another number
        score -= STALE_PENALTY if (x.stale or y.stale) and not same_number(x.a, y.a) else TIME_PENALTY
    mx, my = magnitude(x.a), magnitude(y.a)
    if mx and my:  # between equally good candidates, prefer the nearer figure
        score -= NEARNESS * min(1.0, abs(mx - my) / max(mx, my))
    if mx and my and max(mx, my) / min(mx, my) > (SHARE_MAGNITUDE if x.block in SHARE_BLOCKS else MAGNITUDE):
        score -= FAR_APART
    return round(min(max(score, specific, 0.0), 100.0), 2)


HOLDER_NEAR = 0.03  # one holder's two figures this close (relative) are one figure rounded or misreported


def _near(x: Keyed, y: Keyed) -> bool:
    """Two figures of two digits or more within ``HOLDER_NEAR``: a rounding, where one-digit ones coincide."""
    mx, my = magnitude(x.a), magnitude(y.a)
    return min(x.digits, y.digits) >= 2 and bool(mx and my) and abs(mx - my) <= HOLDER_NEAR * max(mx, my)


def _same_value(x: Keyed, y: Keyed) -> float:
    """The same figure of two digits or more ("$55 billion", "241", "a 25% premium") in one block, nothing
    keeping the two apart: outlets restating one fact word its measure every which way, and the figure is
    what they copy. Not where their measures name two different table quantities, nor for a change and a
    level."""
    if min(x.written_digits, y.written_digits) < 2 or measures_clash(x, y) or not same_number(x.a, y.a):
        return 0.0
    return SAME_VALUE


def measures_clash(x: Keyed, y: Keyed) -> bool:
    """Evidence outside the measure words (the same number, the words around) never joins two different
    table measures, nor a change and a level. "Shares" names what is priced or counted, not which price
    ("selling shares at $51 apiece" is the offer price), so it tells no two table measures apart."""
    xn, yn = x.named - {STOCK}, y.named - {STOCK}
    return x.a.change != y.a.change or bool(xn and yn and not (xn & yn))


CONTEXT_BASE = 30.0  # a pair joined only by the words around its figures: 30 + 70 x their weighted overlap
CONTEXT_NEARNESS = 1.5  # and only figures this close (a misreport, not another quantity)
CONTEXT_WORDS = 2  # shared words it takes (one name is often the story's protagonist)


def context_weights(items: Sequence[Keyed]) -> dict[str, float]:
    """Inverse document frequency of each word around the block's figures: a name seen by two figures
    says much, a word by every figure nothing."""
    df = Counter(w for k in items for w in k.near)
    # a word around one figure only can pair nothing: it neither joins nor dilutes
    return {w: word_weight(len(items), c) for w, c in df.items() if c > 1}


def word_weight(figures: int, seen: int) -> float:
    """The weight of a word seen around ``seen`` of a block's ``figures`` figures."""
    return math.log((figures + 1) / (seen + 0.5))


def _shared_words(x: Keyed, y: Keyed, weights: Mapping[str, float]) -> list[str]:
    """The words around both figures that say something in their block (a weight above 0)."""
    return [w for w in x.near & y.near if weights.get(w, 0.0) > 0]


def _context_similarity(x: Keyed, y: Keyed, weights: Mapping[str, float]) -> float:
    """0-100 for two mentions no measure word joins (``similarity`` has checked their hard keys): the
    weighted overlap of the words around them.

    Only where neither measure names something else (two table measures that differ are two
    quantities) and the figures are close.
    """
    if not (x.near & y.near) or measures_clash(x, y):
        return 0.0
    mx, my = magnitude(x.a), magnitude(y.a)
    if not (mx and my) or max(mx, my) / min(mx, my) > CONTEXT_NEARNESS:
        return 0.0
    if len(_shared_words(x, y, weights)) < CONTEXT_WORDS:
        return 0.0
    return round(CONTEXT_BASE + (100.0 - CONTEXT_BASE) * _overlap(x, y, weights), 2)


def _overlap(x: Keyed, y: Keyed, weights: Mapping[str, float]) -> float:
    """0-1: the weighted overlap of the words around two figures."""

    def weight(words: frozenset[str]) -> float:
        return sum(weights.get(w, 0.0) for w in words)

    shared, smaller = weight(x.near & y.near), min(weight(x.near), weight(y.near))
    if smaller <= 0 or shared <= 0:
        return 0.0
    # as rapidfuzz's set ratios: how much of the sparer context the other shares, tempered by the union
    return 0.5 * shared / smaller + 0.5 * shared / weight(x.near | y.near)
