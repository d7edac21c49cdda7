"""The figure grammar: what counts as a numeric assertion, and its interval.

Works on one sentence's text. Figures are found by ``numbers``; here they are dropped
when they are not claims (dates, times, list numbers, phone numbers, scores, years),
joined with currency, scale and unit, merged into ranges and inline conversions, and
hedged with the qualifier table (rule-pack data, never hard-coded factors).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from checker.extract import numbers as nb
from checker.extract import units as un
from checker.model import Qualifier, QualifierEntry

DASH = "-–—‑‒"


@dataclass(slots=True)
class Mention:
    """One assertion under construction (offsets into the sentence)."""

    start: int
    end: int
    value: float | None
    num_start: int
    num_end: int
    decimals: int | None
    unit: un.Unit | None = None
    scale: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    words: bool = False
    share: bool = False
    change: str | None = None
    notes: list[str] = field(default_factory=list)
    is_range: bool = False
    range_low: float | None = None
    range_high: float | None = None
    unit_end: int = 0  # where the unit (or the figure) ends, before any after-phrase
    inner: QualifierEntry | None = None  # an after-phrase written before the unit ("5+ years")
    from_to: tuple[str, str, float, float] | None = None  # "from X to Y" as written: texts, values

    def interval_point(self, entry: QualifierEntry | None) -> None:
        x = self.value
        if x is None:
            return
        if entry is None:
            self.low = self.high = x
            return
        self.qualifier = entry.qualifier
        self.low = None if entry.low is None else tidy(x * entry.low)
        self.high = None if entry.high is None else tidy(x * entry.high)
        self.low_inclusive, self.high_inclusive = entry.low_inclusive, entry.high_inclusive
        if x < 0 and self.low is not None and self.high is not None:
            self.low, self.high = self.high, self.low
            self.low_inclusive, self.high_inclusive = self.high_inclusive, self.low_inclusive
        if entry.qualifier in (Qualifier.GT, Qualifier.GE, Qualifier.LT, Qualifier.LE):
            self.value = None


def tidy(x: float) -> float:
    """16.1 * 1e6 is 16100000.000000002 in binary; keep the 12 significant digits anyone wrote."""
    return float(f"{x:.12g}")


# --------------------------------------------------------------- not-assertion spans

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_ES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
_ORD = r"(?:st|nd|rd|th)?"
# what a 24-hour clock is read against: a time zone, "hrs", "local time"
CLOCK_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|IST|JST|ET|hrs|hours local|local time)"
_BLOCK_PATTERNS = [
    # clock times and player timestamps: 4:39 am, 0:00, 10.45pm, 5 a.m.
    r"(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[aApP]\.?[mM]\b\.?)?",
    r"(?<![\d.,])\d{1,2}(?:[.:]\d{2})?\s?[aApP]\.?[mM]\.?(?![A-Za-z])",
    # a 24-hour clock read against a zone or "hrs": "(2200 GMT)", "at 1600 ET", "0430 local time"
    rf"(?<![\d.,])(?:[01]\d|2[0-3])[0-5]\d\s?{CLOCK_ZONE}\b",
    # calendar dates
    rf"\b{_MONTH}\.?\s+\d{{1,2}}{_ORD}\b(?:,?\s+(?:19|20)\d{{2}}\b)?",
    rf"(?<![\d.,])\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+(?:19|20)\d{{2}}\b)?",
    rf"\b{_MONTH}\.?,?\s+(?:19|20)\d{{2}}\b",
    rf"(?<![\d.,])\d{{1,2}}\s+de\s+{_MONTH_ES}(?:\s+de\s+\d{{4}})?",
    r"\b(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b",
    r"(?<![\d.,])\d{1,2}([/.-])\d{1,2}\1(?:19|20)?\d{2}\b(?!\s?%)",  # one separator twice: "28.5-29%" is a range
    # year spans and decades: 2022-2025, 2024-25, 1990s, '90s, FY2024, Q3
    r"\b(?:19|20)\d{2}\s?[-–—‑/]\s?(?:(?:19|20)\d{2}|\d{2})\b",
    r"\b(?:19|20)?\d0'?s\b|'\d0s\b",
    r"\b(?:FY|Q[1-4]|H[12])\s?'?\d{2,4}\b",
    # reading times
    r"\b\d+\s?(?:min|mins|minutes?)\.?\s+(?:read|de lectura|lectura|Lesezeit|de leitura|à lire|di lettura)\b",
    # list / section numbering at the start of a line or sentence, labels
    r"^\s*(?:[-*•–]\s*)?\d{1,3}[.)](?=\s|$)",
    r"(?m)^\s*[-*•–]\s*\d{1,3}[.)](?=\s)",
    r"\b(?:Case Study|Unit|Item|Rule|Room|Gate|Lot|Act|Title|Number|Option|Question|Track|Pier|Terminal|"
    r"Platform|Route|Highway|Interstate|Block|Floor|Suite|Apartment|Flat|Game|Lap|Hole|Heading|Slide|"
    r"Footnote|Note|Model|Series|Class|Type|Version|Windows|iOS|Android|Galaxy|iPhone|Pixel|Formula)\s+#?\d+[A-Za-z]?\b",
    r"(?i)\b(?:chapter|section|step|part|table|figure|fig\.|article|phase|episode|season|volume|vol\.|page|"
    r"level|stage|grade|appendix|no\.|exhibit|tier|category|round|case study)\s+#?\d+[A-Za-z]?\b",
    r"#\d+",
    # a number in a name its bracketed acronym repeats: "Democrats 66 (D66)", "the Group of 20 (G20)"
    r"\b(\d+)(?=\s*\([A-Z][A-Za-z-]*\1\))",
    r"\bH[1-6]\s?:",
    # versions, phone numbers, URLs, e-mail, handles
    r"\bv(?:ersion)?\s?\d+(?:\.\d+)+\b|(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*",
    r"(?<![\d\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[.-])\d{3,4}[\s.-]\d{3,4}(?![\d])",
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+",
    # ratios / odds written with a colon: 3:1 handled by the time pattern; slash pairs that are not fractions
    r"(?<![\d.])\d+[/⁄]\d+(?:[/⁄]\d+)+",
    # idioms: "on (the) one hand", "one of a kind"
    r"(?i)\bon\s+(?:the\s+)?one\s+hand\b|\bone\s+of\s+a\s+kind\b",
    # code and markup: template expressions, tags and script bodies, figures glued to = _ { } (x=1, var_2)
    r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}",
    r"(?is)<(script|style)\b.*?</\1\s*>",
    r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>",
    r"(?<=[_{}])[-+]?\d[\w.]*|\d[\d.]*(?=[=_{}])",
    r"(?:[a-z_\d)\]'\"]|[A-Za-z]{2})=['\"]?[-+]?\d[\w.]*",  # x=1, id="3"; not the yen sign "Y=28,030"
]
_BLOCK_RE = [re.compile(p) for p in _BLOCK_PATTERNS]

_STREET = re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|"
                     r"Dr|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Highway|Parkway)\b\.?")
_SPORT = re.compile(r"\b(?:win|won|wins|winning|beat|beats|lose|lost|loss|defeat(?:ed)?|draw|drew|score[ds]?|"
                    r"lead|led|victory|match|game|goals?|set|innings|half-time|halftime|down|up|trail(?:ed|ing)?)\b",
                    re.I)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}|2100")


def blocked_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for rx in _BLOCK_RE:
        spans.extend((m.start(), m.end()) for m in rx.finditer(text))
    return spans


def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < e and s < b for a, b in spans)


def is_year(text: str, n: nb.Num) -> bool:
    raw = text[n.start:n.end]
    return bool(not n.words and _YEAR_RE.fullmatch(raw))


# ---------------------------------------------------------------- qualifier matching


@lru_cache(maxsize=8)
def _qualifier_res(qualifiers: tuple[QualifierEntry, ...]) -> tuple[list[tuple[re.Pattern[str], QualifierEntry]],
                                                                      list[tuple[re.Pattern[str], QualifierEntry]]]:
    before, after = [], []
    for e in qualifiers:
        words = [re.escape(w) for w in e.phrase.split()]
        body = r"\s+".join(words)
        lead = r"(?<![A-Za-z0-9])" if e.phrase[:1].isalnum() else ""
        trail = r"(?![A-Za-z0-9])" if e.phrase[-1:].isalnum() else ""
        if e.position == "after" or e.phrase.startswith("or ") or e.phrase == "give or take":
            after.append((re.compile(rf"\s*{lead}{body}{trail}", re.I), e))
        if e.position != "after":
            sep = r"\s+" if e.phrase[-1:].isalnum() else r"\s*"
            before.append((re.compile(rf"{lead}{body}{sep}$", re.I), e))
    return before, after


def qualifier_before(text: str, pos: int, qualifiers: tuple[QualifierEntry, ...]) -> tuple[QualifierEntry, int] | None:
    window = text[max(0, pos - 40):pos]
    for rx, e in _qualifier_res(qualifiers)[0]:
        m = rx.search(window)
        if m:
            return e, pos - len(window) + m.start()
    return None


def qualifier_after(text: str, pos: int, qualifiers: tuple[QualifierEntry, ...],
                    inner: bool = False) -> tuple[QualifierEntry, int] | None:
    """An after-phrase ("or more", "+") at ``pos``. "plus" only between figure and unit
    (``inner``): "20 plus years" is a bound, "$5 plus tax" an addition."""
    for rx, e in _qualifier_res(qualifiers)[1]:
        m = rx.match(text, pos)
        if m:
            if e.phrase == "plus" and not inner:
                continue
            return e, m.end()
    return None


# ------------------------------------------------------------------------- atoms

_GLUED_LETTER = re.compile(r"[A-Za-z]")
_UNIT_SEP = re.compile(r"[ \u00a0\u202f]?[-‑]?")


_US_SUFFIX = re.compile(r"\s?(?:US|U\.S\.)(?![A-Za-z])")
_OF_A = re.compile(r"\s+of\s+(?:an?\s+)?(?:US\s+|U\.S\.\s+|imperial\s+)?", re.I)
_TIMES = re.compile(r"\s?(?:times|fold)(?![A-Za-z])|x(?![A-Za-z0-9])", re.I)


def _unit_at(text: str, pos: int, money: bool) -> tuple[un.Unit, int] | None:
    """The unit right after a figure: percent, currency word/code/symbol, physical unit ("5-year" too)."""
    got = un.percent_after(text, pos) or un.currency_after(text, pos)
    if got is None and text[pos:pos + 1] in ("-", "‑"):
        got = un.percent_after(text, pos + 1)  # "a 25-basis-point cut", "a 2-percentage-point lead"
        got = got if got is not None and got[0].canonical != "%" else None
    if got is not None:
        return got
    phys = un.physical_after(text, pos)
    if phys is None and text[pos:pos + 1] in ("-", "‑"):
        phys = un.physical_after(text, pos + 1, attached_ok=True)
    if phys is None:
        t = _TIMES.match(text, pos)
        if t and not money:
            return un.Unit("times", un.COUNT, "times", t.group(0).strip()), t.end()
    return phys


_WEIGHT_WORDS = re.compile(r"\b(?:weigh\w*|heav\w*|payload|thrust|cargo|loads?|lift\w*|haul\w*)\b", re.I)
# words that make "pounds" money: taxes, pay, prices, budgets
_MONEY_WORDS = re.compile(r"£|\b(?:sterling|tax\w*|budget\w*|pay\w*|paid|wages?|salar\w*|allowances?|thresholds?|"
                          r"pric\w*|costs?|fees?|fines?|fund\w*|spend\w*|borrow\w*|debts?|revenues?|profits?|"
                          r"earn\w*|income|pensions?|benefits?|grants?|loans?|bonus\w*|invest\w*|worth|"
                          r"contributions?|levy|levies|tariffs?)\b", re.I)
_MAGNITUDE_REACH = 40  # "magnitude" and its verb, read back this far from a figure (not the whole sentence)
_MAGNITUDE_BEFORE = re.compile(r"\b(magnitude)(?:\s+(?:of|was|is|measured|registered))?(?:\s+|-)$", re.I)
_RICHTER_AFTER = re.compile(r"\s+on the Richter scale\b", re.I)  # "6.0 on the Richter scale"
# "17.5020 per dollar", "151.20 to the dollar": an exchange rate, so many units of one currency per another
_PER_CURRENCY = re.compile(r"\s+(?:per|to\s+the|to\s+one|against\s+the|a)\s+(?:(?:US|U\.S\.)\s+)?"
                           r"(dollar|euro|pound|yen|yuan|franc)\b(?!\s+(?:bills?|notes?|coins?|stores?|menus?)\b)",
                           re.I)
_CURRENCY_CODES = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "franc": "CHF"}


def _atom(text: str, n: nb.Num, quals: tuple[QualifierEntry, ...]) -> Mention | None:
    """A figure with its currency, scale and unit, or None when it is not a quantity."""
    start, end = n.start, n.end
    unit: un.Unit | None = None
    cur = un.currency_before(text, n.start, text)
    magnitude = _MAGNITUDE_BEFORE.search(text, max(0, n.start - _MAGNITUDE_REACH), n.start)
    if n.glued_before and cur is None and magnitude is None:
        return None  # CO2, XC40, COVID-19, H2; but "a magnitude-6.8 quake" is a magnitude
    if cur is not None:
        unit, start = cur
    if n.points:  # "a quarter-point cut": the words are the figure and its unit
        m = Mention(start, end, n.value, n.start, n.end, None, un.Unit("pp", un.PERCENT, "pp", text[n.start:n.end]),
                    words=True)
        m.unit_end = end
        return m
    if n.share:
        m = Mention(start, end, n.value, n.start, n.end, None, un.Unit("%", un.PERCENT, "%", text[n.start:n.end]),
                    words=True, share=True)
        m.unit_end = end
        return m
    scale = None
    sc = nb.scale_after(text, end, money=cur is not None) if not n.vague else None
    if sc is not None:
        scale, end = sc
    value = tidy(n.value * (scale or 1.0))
    # "5+ years", "20 plus years": a bound written between the figure and its unit
    inner = qualifier_after(text, end, quals, inner=True)
    if unit is None:
        p = end
        if n.vague or (n.value < 1 and n.decimals is None):
            of = _OF_A.match(text, end)  # "thousands of dollars", "1/16 of a US pint"
            p = of.end() if of else end
        got = _unit_at(text, p, money=False)
        if got is None and inner is not None:
            got = _unit_at(text, inner[1], money=False)
        if got is not None and (p == end or got[0].unit_class in (un.CURRENCY, un.PHYSICAL)):
            unit, end = got
        else:
            inner = None
        if unit is not None and unit.canonical == "lb" and not _OF_A.match(text, end):
            around = (max(0, n.start - 80), min(len(text), end + 40))
            if (scale or _MONEY_WORDS.search(text, *around)) and not _WEIGHT_WORDS.search(text, *around):
                # "125 million pounds", "the threshold falls to 5,000 pounds": money, not weight
                unit = un.Unit("GBP", un.CURRENCY, "GBP", unit.surface)
        before = magnitude if unit is None else None
        if before is not None:  # "a magnitude 7.7 earthquake", "a magnitude of 6.4", "its magnitude was 6.0"
            unit, start = un.make_physical("magnitude", None, before.group(1)), before.start()
        elif unit is None and (richter := _RICHTER_AFTER.match(text, end)):
            unit, end = un.make_physical("magnitude", None, richter.group(0).strip()), richter.end()
        elif unit is None and not n.words and (per := _PER_CURRENCY.match(text, end)):
            code = f"per {_CURRENCY_CODES[per.group(1).lower()]}"
            unit, end = un.Unit(code, un.CURRENCY, code, per.group(0).strip()), per.end()
    else:
        inner = None
    if unit is not None and unit.unit_class == un.CURRENCY and unit.canonical == "USD":
        us = _US_SUFFIX.match(text, end)
        if us:
            end = us.end()
    if unit is not None and unit.unit_class in (un.CURRENCY, un.PHYSICAL):
        rate = un.rate_after(text, end, allow_noun=unit.unit_class == un.CURRENCY)
        if rate is not None and not (unit.unit_class == un.PHYSICAL and un.time_unit(unit.canonical)):
            denom, surface, end = rate
            unit = un.with_rate(unit, denom, surface)
    # "a five-year contract": a duration used as an adjective describes the noun, it is no claim; an age
    # ("a 61-year-old former mayor") is one
    if unit is not None and un.time_unit(unit.canonical) and re.match(r"[-‑]", text[n.end:n.end + 1]) \
            and re.match(r" [A-Za-z$€£]", text[end:end + 2]) and unit.note != un.AGE_NOTE:
        return None
    # a slash pair is a fraction only when it measures something: "1/16 of a pint", not "9/11"; a whole number
    # before it makes it one ("4-1/4 to 4-1/2 percent")
    if unit is None and re.search(r"\d[/⁄]\d", text[n.start:n.end]) and not _OF_A.match(text, n.end) \
            and not re.match(r"\d{1,3}[-‑ ]\d", text[n.start:n.end]):
        return None
    # letters glued to the figure that are no unit/scale: 5G, 3D, 1st, 4x4 -> not a quantity
    if end == n.end and end < len(text) and _GLUED_LETTER.match(text[end]) and not n.words:
        return None
    m = Mention(start, end, value, n.start, n.end, n.decimals, unit, scale, words=n.words)
    m.unit_end = end
    if inner is not None:
        m.inner = inner[0]
    if n.vague:
        m.is_range, m.range_low, m.range_high = True, n.vague[0], n.vague[1]
        m.value = None
        m.notes.append("order of magnitude only (vague plural)")
    if unit is not None and unit.note:
        m.notes.append(unit.note)
    return m


def _numbers(text: str) -> list[nb.Num]:
    nums = nb.scan_numerals(text)
    for w in nb.scan_number_words(text):
        if not any(n.start < w.end and w.start < n.end for n in nums):
            nums.append(w)
    # a spelled scale after digits ("16.2 million") belongs to the digits, not a new figure
    nums.sort(key=lambda n: n.start)
    return nums


# ------------------------------------------------------------------------- ranges

_RANGE_DASH = re.compile(r"\s?[-–—‑‒]\s?|\s[-–—]\s")
_RANGE_TO = re.compile(r"\s+(?:to|through|thru)\s+(?:up to\s+)?", re.I)
_RANGE_AND = re.compile(r"\s+and\s+", re.I)
_BETWEEN = re.compile(r"(?<![A-Za-z])between\s+$", re.I)
_FROM = re.compile(r"(?<![A-Za-z])from\s+(?:up to\s+)?$", re.I)
_FROM_GAP = re.compile(r"\s+[^;:()]{0,40}?\s+to\s+(?:up to\s+)?", re.I)
_OR = re.compile(r"\s+or\s+", re.I)
_BY_BEFORE = re.compile(r"(?<![A-Za-z])by\s+(?:\S+\s+)?$", re.I)


def _compatible(a: Mention, b: Mention) -> bool:
    if a.unit is None or b.unit is None:
        return True
    ca, cb = a.unit.canonical, b.unit.canonical
    if ca == cb or cb.startswith(ca + "/") or ca.startswith(cb + "/"):
        return True
    return a.unit.unit_class == b.unit.unit_class == un.PERCENT and a.unit.dimension == b.unit.dimension


def _same_unit(a: Mention, b: Mention) -> bool:
    return a.unit is not None and b.unit is not None and a.unit.canonical == b.unit.canonical


def _try_range(text: str, a: Mention, b: Mention) -> Mention | None:
    if a.is_range or b.is_range or a.share or b.share or a.value is None or b.value is None:
        return None
    gap = text[a.end:b.start]
    head = text[max(0, a.start - 20):a.start]
    kind = None
    if _RANGE_DASH.fullmatch(gap):
        kind = "dash"
    elif _RANGE_TO.fullmatch(gap):
        kind = "from" if _FROM.search(head) else "to"
    elif _RANGE_AND.fullmatch(gap) and _BETWEEN.search(head):
        kind = "between"
    elif _FROM.search(head) and _FROM_GAP.fullmatch(gap):
        kind = "from"
    elif _OR.fullmatch(gap) and a.words and b.words and a.unit is None and 0 < b.value - a.value <= 2:
        kind = "or"
    if kind is None or not _compatible(a, b):
        return None
    lo_val, hi_val = a.value, b.value
    unit = a.unit or b.unit
    # "$2–3 billion", "between 130 and 310 tons": the first figure borrows scale and unit
    if a.scale is None and b.scale is not None and a.value * b.scale <= b.value and (
            a.unit is None or b.unit is None or _same_unit(a, b)):
        lo_val = tidy(a.value * b.scale)
    if kind == "dash":
        if a.unit is None and b.unit is None and a.decimals == 0 and b.decimals == 0 and (
                a.value >= b.value or (a.value <= 20 and b.value <= 20 and _SPORT.search(text))):
            return "drop"  # type: ignore[return-value]  # a score, "2-0"
        if lo_val >= hi_val:
            return None
        if _STREET.match(text, b.end):
            return "drop"  # type: ignore[return-value]  # "16-18 Industrial Avenue"
    if kind == "to":
        if a.unit is not None and (_BY_BEFORE.search(head) or not _compatible(a, b)):
            return None
        if a.unit is not None and _direction(text, a.start) is not None:
            return None  # "rose 3% to 5%": a change and a level, not a range
    lo, hi = sorted((lo_val, hi_val))
    m = Mention(a.start, b.end, None, a.num_start, b.num_end, _coarser(a.decimals, b.decimals), unit,
                b.scale or a.scale, Qualifier.RANGE, lo, hi, words=a.words or b.words)
    m.is_range, m.range_low, m.range_high = True, lo, hi
    m.unit_end = b.unit_end
    m.notes.extend(n for n in a.notes + b.notes if n not in m.notes)
    if b.unit is not None and a.unit is not None:
        # "between $62 and $68 per share", "from $75 per barrel to $45.88": the rate is said once
        m.unit = a.unit if len(a.unit.canonical) > len(b.unit.canonical) else b.unit
    if kind in ("between", "from"):
        m.start = a.start - len(_BETWEEN.search(head).group(0) if kind == "between"  # type: ignore[union-attr]
                                 else _FROM.search(head).group(0))  # type: ignore[union-attr]
    if kind == "from" and not _NEXT_TO.match(text, b.end):  # not "from 5 to 7% to 3 to 5%"
        m.from_to = (text[a.start:a.end], text[b.start:b.end], lo_val, hi_val)
    return m


def _coarser(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


# ---------------------------------------------------------------------- change words

_UP = (r"rose|rises|rise|risen|rising|up|increased?|increases|increasing|gained?|gains|gaining|grew|grows?|growing|"
       r"jump(?:ed|s|ing)?|climb(?:ed|s|ing)?|surg(?:e|ed|es|ing)|soar(?:ed|s|ing)?|advanc(?:e|ed|es|ing)|added|adds|adding|"
       r"boost(?:ed|s)?|rall(?:ied|ies|y)|spik(?:e|ed|es)|hik(?:e|ed|es)|higher|expand(?:ed|s)?|raised?|"
       r"doubled|tripled|upgraded|widen(?:ed|s)?|accelerat(?:ed|es)")
_DOWN = (r"fell|falls?|falling|fallen|down|decreased?|decreases|decreasing|drop(?:ped|s|ping)?|declin(?:e|ed|es|ing)|"
         r"slid|slides?|sliding|slip(?:ped|s)?|plung(?:e|ed|es|ing)|plummet(?:ed|s|ing)?|tumbl(?:e|ed|es|ing)|"
         r"lost|loses?|losing|shed|sheds|shedding|cut|cuts|cutting|eliminat(?:ed|es|ing)|sank|sinks?|dipped|dips?|shr[ua]nk|shrinks?|contracted|eased|eases|"
         r"lower|reduced?|slump(?:ed|s)?|crash(?:ed|es)?|retreat(?:ed|s)?|weaken(?:ed|s)?|narrow(?:ed|s)?|"
         r"slash(?:ed|es|ing)?|halved|lowered|lowers|trimmed|pared|scaled back")
_FILLER = (r"(?:(?:by|about|nearly|almost|some|around|roughly|approximately|just|over|more than|less than|under|"
           r"only|another|a further|an additional|an extra|a|an|sharply|slightly|marginally|steeply|as much as|"
           r"up to|a whopping|an estimated)\s+)*")
_UP_RE = re.compile(rf"(?<![A-Za-z])(?:{_UP})\s+{_FILLER}$", re.I)
_DOWN_RE = re.compile(rf"(?<![A-Za-z])(?:{_DOWN})\s+{_FILLER}$", re.I)


# "climbed as high as $57.80", "fell as low as 17.9": the level a move reached ("rose as much as 9%" is its size)
_LEVEL_REACHED = re.compile(r"as\s+(?:high|low)\s+as\b", re.I)
# "to raise $748 million", "raised a further €2bn": money a company collects is a sum, not a rise
_RAISE_MONEY = re.compile(rf"(?<![A-Za-z])rais(?:e|ed|es|ing)\s+(?!by\b){_FILLER}$", re.I)


# a share of the vote a verb of winning takes: "gained 35% of all votes", "gains 12% of the ballots cast"
_OF_THE_VOTE = re.compile(r"\s+of\s+(?:the\s+|all\s+(?:the\s+)?)?(?:popular\s+|valid\s+)?(?:votes?|ballots?)\b", re.I)
_WON_SHARE = re.compile(rf"(?<![A-Za-z])(?:gain(?:ed|s|ing)?)\s+{_FILLER}$", re.I)


def _direction(text: str, pos: int, money: bool = False) -> str | None:
    window = text[max(0, pos - 60):pos]
    if _UP_RE.search(window):
        return None if money and _RAISE_MONEY.search(window) else "up"
    if _DOWN_RE.search(window):
        return "down"
    if pos > 0 and text[pos - 1] == "+":
        return "up"
    if text[pos : pos + 1] in ("-", "−") and text[max(0, pos - 1) : pos] == "(":
        return "down"  # "16.4% (-9.3%)": a signed figure in brackets after a level is its change
    return None


_AFTER_DIRECTION = re.compile(r"\s+(?:(higher|up)|(lower|down))\b(?!\s+(?:to|from)\b)", re.I)


def _direction_after(text: str, pos: int) -> str | None:
    """"ended the day 1.5% lower", "closed 3% higher": the direction said after the figure."""
    m = _AFTER_DIRECTION.match(text, pos)
    return None if m is None else ("up" if m.group(1) else "down")


_UP_DOWN_FROM = re.compile(r"(?<![A-Za-z])(?:up|down)\s+$", re.I)
_NEXT_TO = re.compile(r"\s+to\s+(?:up to\s+)?[-+]?[$€£¥\d]")
# a change is said before "from": "rose from", "raise its share from", "plummeted from", "a jump from"
_CHANGE_CUE = re.compile(
    rf"(?<![A-Za-z])(?:{_UP}|{_DOWN}|chang(?:e|ed|es|ing)|mov(?:e|ed|es|ing)|went|go(?:es|ne)?|"
    r"shift(?:ed|s|ing)?|revis(?:e|ed|es|ing)|adjust(?:ed|s|ing)?|lift(?:ed|s|ing)?|trim(?:med|s)?|"
    r"reduc(?:e|ed|es|ing|tion)|increas(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|grow|growth|"
    r"improv(?:e|ed|es|ing)|worsen(?:ed|s|ing)?|swung|swing|turn(?:ed|s)?)(?![A-Za-z])[^.;:!?()]{0,60}$",
    re.I,
)


def from_to_change(text: str, m: Mention) -> str | None:
    """"rose from 25% to 19%": a change said as a from-to range -> "up"/"down", by the figures in the
    order written (the verb decides only when they are equal); None when no change word governs it."""
    before = text[max(0, m.start - 80):m.start]
    if m.from_to is None or _UP_DOWN_FROM.search(before):
        return None  # "down from the $89 to $93 it had projected": the old level, a range
    a_text, b_text, x, y = m.from_to
    if not _CHANGE_CUE.search(before) and not x > y:
        return None  # a range is written low to high; "from 39% to 15%" can only be a fall
    m.notes.append(f"change from {a_text} to {b_text}")
    if x != y:
        return "up" if y > x else "down"
    return _direction(text, m.start)


# ---------------------------------------------------------------------- conversions

_CONV_OPEN = re.compile(
    r"\s*[(\[]\s*(?:about\s+|approx\.?\s+|approximately\s+|roughly\s+|around\s+|or\s+|c\.\s*|~\s*)?")
_CONV_CLOSE = re.compile(r"(?:[-‑][a-z]+)?\s*[)\]]")


def _is_conversion(a: Mention, b: Mention) -> bool:
    """Same physical dimension in another unit: Pint can recompute it, so it is no new claim.
    A currency in brackets is kept: without a rate table it is the only comparable form."""
    if a.unit is None or b.unit is None:
        return False
    return (a.unit.unit_class == b.unit.unit_class == un.PHYSICAL and a.unit.dimension == b.unit.dimension
            and a.unit.canonical != b.unit.canonical)


# ---------------------------------------------------------------------------- API


def find_mentions(text: str, qualifiers: Sequence[QualifierEntry]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Assertions of one sentence (before parse-based filtering) and the year spans seen."""
    quals = tuple(qualifiers)
    blocked = blocked_spans(text)
    atoms: list[Mention] = []
    years: list[tuple[int, int]] = []
    for n in _numbers(text):
        if _overlaps(n.start, n.end, blocked):
            continue
        if not n.words and _slash_neighbour(text, n):
            continue
        a = _atom(text, n, quals)
        if a is None:
            continue
        if (is_year(text, n) and a.unit is None and a.scale is None) or (
                is_year(text, n) and a.unit is not None and a.unit.unit_class == un.COUNT):
            years.append((n.start, n.end))
            continue
        if atoms and atoms[-1].end > a.start:
            continue
        atoms.append(a)
    # ranges
    merged: list[Mention] = []
    skip_next = False
    for i, a in enumerate(atoms):
        if skip_next:
            skip_next = False
            continue
        if i + 1 < len(atoms):
            r = _try_range(text, a, atoms[i + 1])
            if r == "drop":  # type: ignore[comparison-overlap]
                skip_next = True
                continue
            if r is not None:
                merged.append(r)
                skip_next = True
                continue
        merged.append(a)
    # qualifiers, change, caps
    for m in merged:
        q = qualifier_before(text, m.start, quals)
        if m.is_range:
            if q is not None and q[0].qualifier is not Qualifier.RANGE:
                m.notes.append(f"hedged range: {q[0].phrase!r}")
                m.start = q[1]
            m.qualifier, m.low, m.high = Qualifier.RANGE, m.range_low, m.range_high
        else:
            qa = qualifier_after(text, m.end, quals)
            entry = m.inner
            if q is not None:
                entry, m.start = q
            elif qa is not None and entry is None:
                entry = qa[0]
                m.end = m.unit_end = qa[1]
            m.interval_point(entry)
        if m.unit is not None and m.unit.canonical == "%" and m.high is None and re.match(r"\s+of\b", text[m.end:]):
            m.high, m.high_inclusive = 100.0, True
        m.change = from_to_change(text, m) if m.from_to else None
        money = m.unit is not None and m.unit.unit_class == un.CURRENCY
        before = None if _LEVEL_REACHED.match(text, m.start) else _direction(text, m.start, money)  # a level reached
        if before == "up" and _OF_THE_VOTE.match(text, m.end) and _WON_SHARE.search(text, 0, m.start):
            before = None  # "the alliance gained 35% of all votes": a share won, not a rise
        m.change = m.change or before or _direction_after(text, m.end)
    # inline conversions: "185 mph (298 km/h)" stays one assertion
    out: list[Mention] = []
    for m in merged:
        if out:
            prev = out[-1]
            op = _CONV_OPEN.match(text, prev.end)
            if op and op.end() == m.start and _CONV_CLOSE.match(text, m.end):
                if _is_conversion(prev, m):
                    prev.notes.append(f"inline conversion: {text[m.start:m.end]}")
                    continue
                if _local_dollar(prev, m):
                    m.unit = replace(m.unit, canonical=un.LOCAL_DOLLAR, dimension=un.LOCAL_DOLLAR)
                    m.notes.append("a bare $ beside a figure marked US$ is the outlet's own dollar")
                if prev.unit is not None and m.unit is not None and prev.unit.unit_class == m.unit.unit_class \
                        == un.CURRENCY and prev.unit.canonical != m.unit.canonical:
                    m.notes.append(f"currency conversion of {text[prev.start:prev.end]}")
        out.append(m)
    return out, years


def _local_dollar(prev: Mention, m: Mention) -> bool:
    """"$US32 billion ($50 billion)": an outlet that marks US dollars gives its own dollar in brackets."""
    return (prev.unit is not None and m.unit is not None and prev.unit.canonical == m.unit.canonical == "USD"
            and "US" in prev.unit.surface.replace(".", "") and m.unit.surface.strip() == "$")


def _slash_neighbour(text: str, n: nb.Num) -> bool:
    """Part of "24/7", "3/4/2020": slash pairs that scan_numerals did not read as a fraction."""
    if text[n.start:n.end].count("/") or "⁄" in text[n.start:n.end]:
        return False
    return bool(re.match(r"[/⁄]\d", text[n.end:n.end + 2]) or re.search(r"\d[/⁄]$", text[max(0, n.start - 2):n.start]))
