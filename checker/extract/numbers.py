"""Reading figures: numerals, number words, fractions and scale words, with character offsets.

Everything here is plain text scanning (no spaCy): it is what decides, cheaply, whether
a sentence is worth parsing at all, and it keeps exact offsets for glued forms spaCy
tokenises as one token ("RM23.50", "640bhp", "2.8bn").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
MULT = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# denominators of spelled fractions ("two-thirds", "a quarter")
FRACTION_DEN = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375,
          "⅝": 0.625, "⅞": 0.875, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8}

NUMBER_WORD_RE = re.compile(
    r"\b(?:" + "|".join(sorted(SMALL, key=len, reverse=True)) + r"|dozens?|hundreds?|thousands?|millions?|"
    r"billions?|trillions?|half|a third|a quarter|thirds|quarters)\b",
    re.I,
)
HAS_FIGURE_RE = re.compile(r"\d|[½¼¾⅓⅔⅛]")

_NUMERAL_RE = re.compile(
    r"(?<![\d.,])(?:"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+(?:\.\d+)?(?!\d|,\d)"  # "2 946, and": a comma, no decimal
    r"|\d+,\d{1,2}(?=\s?(?:%|per\s?cent\b|percent\b|(?:thousand|million|billion|trillion|bn|mn)\b))"
    r"|\d+(?:\.\d+)?"
    r"|\.\d+(?![\d.])"
    r")"
)
# a decimal comma ("$14,7 billion", "2,4%"): one or two digits after it, then a scale word or a percent sign,
# where a thousands comma would be followed by three
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_SCI_RE = re.compile(r"\s?[×x]\s?10\s?(?:\^|\*\*)?\s?([-−‒–]?\d{1,3})|[eE]([-+]?\d{1,3})(?![A-Za-z])")
_VULGAR_RE = re.compile("[" + "".join(VULGAR) + "]")
_MIXED_RE = re.compile(r"(?<![\d.,/⁄])(\d{1,3})[-‑ ]$")
_FRACTION_RE = re.compile(r"(?<![\d/⁄.,])(\d{1,3})\s?[/⁄](\d{1,4})(?![\d/⁄])")
_MINUS = "-−"


@dataclass(slots=True)
class Num:
    """A figure found in text; ``start``/``end`` are offsets into the scanned string."""

    start: int
    end: int
    value: float
    decimals: int | None
    words: bool = False
    vague: tuple[float, float] | None = None  # "dozens of", "thousands of": an order of magnitude
    share: bool = False  # a spelled fraction read as a percent share ("one in five")
    glued_before: bool = False  # a letter right before the digits ("CO2", "RM23")
    points: bool = False  # a spelled move of a rate, in percentage points ("a quarter-point cut")


def _numeral_value(s: str) -> tuple[float, int]:
    if _DECIMAL_COMMA.fullmatch(s):
        s = s.replace(",", ".")
    clean = re.sub(r"[,\u00a0\u2009\u202f ]", "", s)
    dec = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), dec


def scan_numerals(text: str) -> list[Num]:
    """Digit figures with sign, decimals, scientific notation and vulgar/slash fractions."""
    out: list[Num] = []
    taken: list[tuple[int, int]] = []
    for m in _FRACTION_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < a < b and not _dateish(text, m.start(), m.end()):
            whole = _MIXED_RE.search(text, 0, m.start())  # "4-1/4 percent", "2 3/4 inches"
            start, value = (whole.start(1), int(whole.group(1)) + a / b) if whole else (m.start(), a / b)
            out.append(Num(start, m.end(), value, None))
            taken.append((start, m.end()))
    for m in _NUMERAL_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(ts <= s < te for ts, te in taken):
            continue
        value, dec = _numeral_value(m.group(0))
        # 2½
        if e < len(text) and text[e] in VULGAR:
            value += VULGAR[text[e]]
            e += 1
            dec = None
        sci = _SCI_RE.match(text, e)
        if sci and dec is not None:
            exp = (sci.group(1) or sci.group(2)).replace("−", "-").replace("–", "-").replace("‒", "-")
            value = value * 10 ** int(exp)
            e = sci.end()
        start = s
        if s > 0 and text[s - 1] in _MINUS and _is_sign(text, s - 1):
            value, start = -value, s - 1
        else:
            lo = max(0, s - 7)
            mm = re.search(r"\bminus[\s-]$", text[lo:s], re.I)
            if mm:
                value, start = -value, lo + mm.start()
        # "CO2", "F-35", "COVID -19": digits that belong to a name
        glued = (s > 0 and text[s - 1].isalpha()) or (
            start == s and s > 1 and text[s - 1] in "-‑" and (text[s - 2].isalpha() or text[s - 2] == " "))
        out.append(Num(start, e, value, dec, glued_before=glued))
    for m in _VULGAR_RE.finditer(text):
        if not any(n.start <= m.start() < n.end for n in out):
            out.append(Num(m.start(), m.end(), VULGAR[m.group(0)], None))
    out.sort(key=lambda n: n.start)
    return out


def _is_sign(text: str, i: int) -> bool:
    """A '-' at ``i`` is a minus sign, not a hyphen or a range dash."""
    if text[i] == "−":
        return i == 0 or not text[i - 1].isdigit()
    if i == 0:
        return True
    before = text[i - 1]
    if before in "$€£¥(\t\n[=:":
        return True
    if before != " ":
        return False
    word = re.search(r"(\S+)\s$", text[max(0, i - 12):i])
    return not (word and re.fullmatch(r"[A-Z][A-Z0-9]+", word.group(1)))  # "COVID -19" is a name


def _dateish(text: str, s: int, e: int) -> bool:
    """"3/4/2020", "10/12" followed by a year or more slashes: a date, not a fraction."""
    return bool(re.match(r"[/⁄]\d", text[e:e + 2])) or bool(re.search(r"\d[/⁄]$", text[max(0, s - 2):s]))


# ------------------------------------------------------------------------ number words

_WORD_RE = re.compile(r"[A-Za-z]+")


def scan_number_words(text: str) -> list[Num]:
    """Spelled figures: "three", "twenty-five", "a dozen", "half a million", "two-thirds of",
    "dozens of", "tens of thousands of", "one in five"."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD_RE.finditer(text)]
    out: list[Num] = []
    i = 0
    while i < len(words):
        got = _word_number_at(text, words, i)
        if got is None:
            i += 1
            continue
        num, j = got
        out.append(num)
        i = j
    return out


def _gap(text: str, words: list[tuple[int, int, str]], i: int) -> str:
    return text[words[i][1]:words[i + 1][0]] if i + 1 < len(words) else ""


def _followed_by_of(text: str, end: int) -> bool:
    return bool(re.match(r"\s+of\b", text[end:end + 4]))


_RATE_FRACTION = re.compile(
    r"(?:an?\s+|one\s+)?(?P<frac>three[- ‑]quarters?|quarter|half)(?:[- ‑]|\s+(?:of\s+)?an?\s+)"
    r"(?P<pct>percentage[- ‑])?points?\b", re.I)
_RATE_FRACTION_VALUE = {"quarter": 0.25, "half": 0.5, "three-quarter": 0.75, "three-quarters": 0.75}
_RATE_WORDS = re.compile(r"\b(?:rates?|cut|cuts|hike|hikes|basis|yields?|bps)\b", re.I)


def _word_number_at(text: str, words: list[tuple[int, int, str]], i: int) -> tuple[Num, int] | None:
    s, e, w = words[i]
    n = len(words)

    def nxt(k: int) -> str:
        return words[k][2] if k < n else ""

    def gap_ok(k: int, seps: tuple[str, ...] = (" ", "-", "‑")) -> bool:
        return k + 1 < n and _gap(text, words, k) in seps

    # a rate's move in words: "a quarter-point cut", "half a percentage point", "three-quarters of a point"
    rate = _RATE_FRACTION.match(text, s)
    if rate and (rate.group("pct") or _RATE_WORDS.search(text)):
        value = _RATE_FRACTION_VALUE[rate.group("frac").lower().replace("‑", "-").replace(" ", "-")]
        k = i
        while k < n and words[k][1] <= rate.end():
            k += 1
        return Num(s, rate.end(), value, None, words=True, points=True), k
    # vague magnitudes: "dozens of", "tens of thousands of", "hundreds of millions of"
    if w in ("dozens", "tens", "hundreds", "thousands", "millions", "billions"):
        base = {"dozens": 12.0, "tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6,
                "billions": 1e9}[w]
        k = i
        if w in ("tens", "hundreds") and nxt(i + 1) == "of" and nxt(i + 2) in ("thousands", "millions", "billions"):
            base *= {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[nxt(i + 2)]
            k = i + 2
        if w == "tens" and k == i:
            return None
        if nxt(k + 1) != "of":
            return None
        end = words[k][1]
        hi = 120.0 if w == "dozens" and k == i else base * 10
        return Num(s, end, base, None, words=True, vague=(base, hi)), k + 1
    # spelled fractions of a whole: "two-thirds of", "a third of", "half of"
    if (w in SMALL or w in ("a", "one")) and gap_ok(i) and nxt(i + 1) in FRACTION_DEN:
        num = 1 if w in ("a", "an", "one") else SMALL[w]
        den = FRACTION_DEN[nxt(i + 1)]
        end = words[i + 1][1]
        if _followed_by_of(text, end) and num < den:
            return Num(s, end, 100.0 * num / den, None, words=True, share=True), i + 2
    if w == "half" and _followed_by_of(text, e) and nxt(i - 1 if i else 0) not in ("a", "and"):
        return Num(s, e, 50.0, None, words=True, share=True), i + 1
    # "one in five", "one out of three"
    if w in SMALL and 0 < SMALL[w] < 20:
        k = i + 1
        if nxt(k) == "in":
            k += 1
        elif nxt(k) == "out" and nxt(k + 1) == "of":
            k += 2
        else:
            k = -1
        if k > 0:
            if nxt(k) == "every":
                k += 1
            den = SMALL.get(nxt(k))
            if den and den > SMALL[w]:
                return Num(s, words[k][1], 100.0 * SMALL[w] / den, None, words=True, share=True), k + 1
    # "half a million"
    if w == "half" and nxt(i + 1) in ("a", "an") and nxt(i + 2) in MULT:
        return Num(s, words[i + 2][1], 0.5 * MULT[nxt(i + 2)], None, words=True), i + 3
    # "a dozen", "a hundred", "a million"
    if w in ("a", "an") and nxt(i + 1) in ("dozen", *MULT) and _gap(text, words, i) == " ":
        k = i + 1
        value = 12.0 if nxt(k) == "dozen" else MULT[nxt(k)]
        while gap_ok(k, (" ",)) and nxt(k + 1) in MULT and MULT[nxt(k + 1)] > 100:
            k += 1
            value *= MULT[nxt(k)]
        return Num(s, words[k][1], value, 0, words=True), k + 1
    if w not in SMALL:
        return None
    total, current, k = 0.0, float(SMALL[w]), i
    last_small = SMALL[w]
    while k + 1 < n:
        g = _gap(text, words, k)
        w2 = nxt(k + 1)
        tens_unit = g in ("-", "‑") and last_small >= 20 and last_small % 10 == 0  # "twenty-five"
        after_mult = g == " " and nxt(k) in MULT  # "hundred five"
        if w2 in SMALL and ((tens_unit and SMALL[w2] < 10) or (after_mult and SMALL[w2] < 100)):
            current += SMALL[w2]
            last_small = SMALL[w2]
            k += 1
        elif w2 == "and" and nxt(k) in MULT and nxt(k + 2) in SMALL and g == " ":
            current += SMALL[nxt(k + 2)]
            last_small = SMALL[nxt(k + 2)]
            k += 2
        elif w2 in MULT and g in (" ", "-", "‑"):
            if w2 == "hundred":
                current = (current or 1) * 100
            else:
                total += (current or 1) * MULT[w2]
                current = 0.0
            k += 1
        elif w2 == "dozen" and g == " ":
            current *= 12
            k += 1
        else:
            break
    return Num(s, words[k][1], total + current, 0, words=True), k + 1


def vague_words(text: str) -> bool:
    """Cheap test: does this text hold a digit or a number word at all?"""
    return bool(HAS_FIGURE_RE.search(text) or NUMBER_WORD_RE.search(text))


# ------------------------------------------------------------------------ scale words

_SCALE_RE = re.compile(
    r"(?P<sp>[ \u00a0\u202f-]?)(?P<w>thousand|million|billion|trillion|lakh|crore|hundred|"
    r"bn|mn|mln|mil|tn|trn|k|m|b)(?![A-Za-z])",
    re.I,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5, "crore": 1e7,
          "hundred": 1e2, "bn": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3,
          "m": 1e6, "b": 1e9}


def scale_after(text: str, pos: int, money: bool) -> tuple[float, int] | None:
    """A scale word after a figure ("16.2 million", "2.8bn", "$5m", "10k"), chained ("4 hundred million").

    Bare "m"/"b" mean million/billion only glued to a money figure ("$5m"): elsewhere "37m" is metres.
    """
    factor, end, found = 1.0, pos, False
    while True:
        m = _SCALE_RE.match(text, end)
        if not m:
            break
        w, sp = m.group("w").lower(), m.group("sp")
        glued_upper = sp == "" and m.group("w") in ("M", "B", "K", "bn", "mn")
        if w in ("m", "b", "mil") and not money and not glued_upper:
            break
        if w in ("k", "m", "b") and sp and not glued_upper:
            break
        if sp == "-" and w not in ("thousand", "million", "billion", "trillion", "hundred"):
            break
        if found and _SCALE[w] <= 100 and factor > 100:
            break
        factor *= _SCALE[w]
        end, found = m.end(), True
    return (factor, end) if found else None
