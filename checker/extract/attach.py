"""What a figure is about: count nouns, subject, measure, time and attribution from the parse.

Best effort by design: every function here returns None rather than raise, because a
wrong guess about "subject" costs a grouping miss while an exception costs the document.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Token

from checker.extract import units as un
from checker.extract.grammar import CLOCK_ZONE, Mention
from checker.model import Qualifier
from checker.text import AGE, BUSINESS_NOUNS, CALENDAR_WORDS, DATELINE, MONTH_ABBREVIATIONS, singular

_log = logging.getLogger(__name__)
_NAME_ENTS = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "PERSON", "GPE", "LOC"}
_DATE_ENTS = {"DATE", "TIME"}
_NOT_COUNT_NOUNS = {"%", "percent", "per", "cent", "am", "pm", "th", "st", "nd", "rd", "s", "x", "-", "one", "other",
                    "others", "more", "less", "lot", "lots", "bit", "kind", "sort", "way", "time",
                    # "the toll reached 190 yesterday": a day said relative to the report counts nothing
                    "yesterday", "today", "tonight", "tomorrow"}
# verbs that name a source of a claim (not an actor: "announce", "expect" are actions)
_SAY = {"say", "report", "estimate", "note", "tell", "state", "claim", "predict", "forecast", "indicate", "warn",
        "observe", "highlight", "write", "cite", "argue", "confirm", "suggest", "reveal", "calculate"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "these", "those", "which", "who", "what",
             "there", "its", "their", "them", "us", "one"}
_DROP_DEPS = {"det", "predet", "punct", "cc", "relcl", "acl", "appos", "advcl", "case"}


class TokenIndex:
    """Character offset -> token, for mentions found on raw text."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.at: list[int] = [-1] * (len(doc.text) + 1)
        for t in doc:
            for c in range(t.idx, t.idx + len(t.text)):
                self.at[c] = t.i

    def tokens(self, start: int, end: int) -> list[Token]:
        ids = sorted({self.at[c] for c in range(max(0, start), min(end, len(self.at))) if self.at[c] >= 0})
        return [self.doc[i] for i in ids]

    def first_from(self, pos: int) -> Token | None:
        for c in range(pos, len(self.at)):
            if self.at[c] >= 0 and self.doc[self.at[c]].idx >= pos:
                return self.doc[self.at[c]]
        return None


# ------------------------------------------------------------------ parse filtering


def refine(mentions: Sequence[Mention], doc: Doc, text: str) -> list[Mention]:
    """Drop names and dates the text grammar let through; give bare figures their count noun."""
    idx = TokenIndex(doc)
    kept: list[tuple[Mention, bool]] = []
    for m in mentions:
        try:
            _unhedge_preposition(m, idx, text)
            keep = _refine_one(m, idx, text)
        except Exception:  # one odd parse never loses the figure; the log says where the reader broke
            _log.debug("parse filtering failed on %r; kept as read", text[m.start:m.end], exc_info=True)
            keep = True
        kept.append((m, keep))
    # "the CDU 208 seats, the AfD 152": a figure after a name, dropped as part of it ("Big 12"), or read as a
    # date by NER ("85 for the Greens"), is kept when the list gives it a count noun; a year never is
    listed = _elided_units([m for m, _ in kept], text)
    return [m for m, keep in kept if keep or (id(m) in listed and not 1000 <= (m.value or 0) <= 2100)]


_AND_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or))\s*")  # "151 and 121 seats", "3, 5 or 8 deaths"
_PART_GAP = re.compile(r"\b(?:including|among them|of whom|of them|of which)\s*$", re.I)  # "10 dead, including nine"
# "208 seats for the CDU, 152", "12 people missing and five", "121 for the Tories and the Lib Dems 72"
_LIST_END = re.compile(r"(?:,|\s(?:and|or))\s*$|^\s*(?:and|or)\s+(?:the\s+)?[A-Z]")
_NOT_LIST = re.compile(r"[\d.;:!?()]")  # another figure or a sentence break between: no list
_BRACKETED_CHANGE = re.compile(r"\s*\(\s*[-+−–]\s*[\d.,]+\s*%?\s*\)")  # "(-251)", "(+1.2%)"
_LIST_GAP = 40  # characters between a counted figure and the bare one after it in a list
# "South Carolina, 29 deaths; Georgia, 25": items holding a comma are set apart by semicolons
_SEMICOLON_ITEM = re.compile(r"\s*;\s*(?:and\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*,?\s*")


def _elided_units(mentions: Sequence[Mention], text: str) -> set[int]:
    """A bare figure in a list counts what its neighbour counts: "with 151 and 121 seats"; "208 seats for
    the CDU, 152 for the AfD"; "holds 208 seats, the AfD 152, the SPD 120"; "10 people dead, including
    nine from a collapsed tower"; "South Carolina, 29 deaths; Georgia, 25". Only count nouns carry over, only
    within one list (a comma or "and", or a semicolon before a name; no other figure, no sentence punctuation
    between).
    Returns the ids of the figures it gave a unit."""
    given: set[int] = set()
    for i, m in enumerate(mentions):
        number = m.value if m.value is not None else m.low if m.low is not None else m.high  # "over 10.2 million"
        if m.unit is not None or number is None or number != int(number):
            continue
        if m.words and re.match(r"\s+of\b", text[m.end:]):
            continue  # "one of them": a pronoun
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.unit is not None and nxt.unit.unit_class == un.COUNT \
                and _AND_GAP.fullmatch(text, m.end, nxt.start):
            m.unit = nxt.unit
            given.add(id(m))
            continue
        j = i - 1
        while j >= 0 and _BRACKETED_CHANGE.fullmatch(text, max(0, mentions[j].start - 1), mentions[j].end + 1):
            j -= 1  # "the Conservatives 121 (-251), the Lib Dems 72 (+64)": the change in brackets is no item
        prev = mentions[j] if j >= 0 else None
        if prev is None or prev.unit is None or prev.unit.unit_class != un.COUNT:
            continue
        gap = _BRACKETED_CHANGE.sub("", text[prev.end:m.start])
        listed = len(gap) <= _LIST_GAP and ("," in gap or _LIST_END.search(gap))
        if ((listed or (len(gap) <= 2 * _LIST_GAP and _PART_GAP.search(gap))) and not _NOT_LIST.search(gap)) \
                or _SEMICOLON_ITEM.fullmatch(gap):
            m.unit = prev.unit
            given.add(id(m))
    return given


_PREP_HEDGE = re.compile(r"(around|about)\s+", re.I)
# verbs that take "around" as a preposition: "structured around", "built around 3 pillars"
_AROUND_VERBS = {"build", "structure", "center", "centre", "organize", "organise", "revolve", "focus", "base",
                 "design", "frame", "wrap", "cluster", "gather", "arrange", "group", "orient", "construct", "shape",
                 "anchor", "spread", "scatter", "locate", "situate", "move", "walk", "travel", "circle", "plan",
                 "form", "rally", "tour", "drive", "fly", "sail", "pivot", "unite", "coalesce", "converge"}


def _unhedge_preposition(m: Mention, idx: TokenIndex, text: str) -> None:
    """"structured around four main goals": a preposition, not a hedge. "around"/"about" is approx only
    as an adverb of the number (advmod/quantmod) or right before an amount (%, money, physical unit)."""
    if m.qualifier is not Qualifier.APPROX or m.value is None:
        return
    w = _PREP_HEDGE.match(text, m.start)
    if w is None or w.end() > m.num_start:
        return
    toks = idx.tokens(m.start, w.end(1))
    if not toks:
        return
    hedge = toks[0]
    amount = m.unit is not None and m.unit.unit_class in (un.PERCENT, un.CURRENCY, un.PHYSICAL)
    prev = hedge.nbor(-1) if hedge.i > 0 else None
    verb_prep = hedge.lower_ == "around" and prev is not None and prev.pos_ == "VERB" \
        and prev.lemma_.lower() in _AROUND_VERBS
    adverb = hedge.dep_ in ("advmod", "quantmod", "npadvmod") and not verb_prep
    if amount or adverb:
        return
    m.start = w.end()
    m.qualifier = Qualifier.EXACT
    m.low = m.high = m.value
    m.low_inclusive = m.high_inclusive = True


def _refine_one(m: Mention, idx: TokenIndex, text: str) -> bool:
    if m.unit is not None:
        return True
    toks = idx.tokens(m.num_start, m.num_end)
    if not toks:
        return not m.words
    if any(t.ent_type_ in _NAME_ENTS for t in toks) and not m.words:
        return False
    if _apposed_age(m, toks[-1], text) or _aged_before(m, text):
        m.unit = replace(un.make_physical("year", "year", ""), note=un.AGE_NOTE)
        m.notes.append(un.AGE_NOTE)
        return True
    if any(t.ent_type_ in _DATE_ENTS for t in toks) and not m.words and not m.is_range and not _tallied(toks[-1]):
        return False
    first, last = toks[0], toks[-1]
    if first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.nbor(-1).lower_ not in CALENDAR_WORDS \
            and first.nbor(-1).idx + len(first.nbor(-1)) >= m.start - 1 and m.start == m.num_start:
        return False  # "Big 12", "iPhone 11", "FTSE 100"
    if last.i + 1 < len(idx.doc):
        nxt = idx.doc[last.i + 1]
        if nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not nxt.is_upper and nxt.ent_type_ != "NORP" \
                and not _name_before_noun(nxt) and not _of_name_before_noun(nxt):
            return False  # "575 Wilbraham Road", "11 Pro Max", "787 Dreamliner"
    noun = count_noun(m, idx, text)
    if noun is not None:
        unit, end = noun
        m.unit = unit
        m.end = m.unit_end = end
        return True
    if m.words and (part := _PART_OF_COUNTED.match(text, m.end)):
        # "Five of the deaths were in Malibu": a share of what the sentence counts, counted in its noun
        noun = singular(part.group(1).lower())
        m.unit = un.Unit(noun, un.COUNT, noun, part.group(1))
        m.end = m.unit_end = part.end()
        return True
    if m.words and _PART_FROM_PLACE.match(text, m.end) and _COUNT_BEFORE.search(text, 0, m.start):
        return True  # "11 have died, with five from the Ridge Fire and six from the Oak Fire": the toll's parts
    return not m.words  # a spelled number with no noun is a pronoun: "each one", "the other two"


_PART_OF_COUNTED = re.compile(r"\s+of\s+(?:the|those|these)\s+(deaths|dead|victims|fatalities|injured|missing|"
                              r"casualties|people|homes|houses|buildings|structures|seats|votes|workers|employees|"
                              r"jobs|passengers)\b", re.I)
_PART_FROM_PLACE = re.compile(r"\s+(?:from|in|at)\s+(?:the\s+)?[A-Z]")
_COUNT_BEFORE = re.compile(r"\d[\d,.]*\s+(?:\w+\s+){0,3}?(?:have|had|has|were|was)?\s*"
                           r"(?:died|dead|killed|deaths|injured|missing|people|victims|fatalities|"
                           r"missing person reports|reports|cases)\b", re.I)


_MAX_AGE = 120


def _age_like(m: Mention) -> bool:
    """A whole number a person's age could be."""
    return m.value is not None and m.value == int(m.value) and 0 < m.value <= _MAX_AGE and not m.is_range


def _apposed_age(m: Mention, tok: Token, text: str) -> bool:
    """"Maria Lopez, 72, died in the fire": a whole number between commas right after a name is that
    person's age (NER reads it as a date)."""
    if not _age_like(m):
        return False
    if not (text[:m.start].rstrip().endswith(",") and text[m.end:].lstrip().startswith(",")):
        return False
    return tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i


_AGED = re.compile(r"\b(?:aged|age)\s+$", re.I)


def _aged_before(m: Mention, text: str) -> bool:
    """"Prabowo, aged 72, was expected to win": a whole number "aged" leads is an age."""
    return _age_like(m) and bool(_AGED.search(text, max(0, m.start - 8), m.start))


# nouns that name a running total: what "stands at" or "is" after them is a count, whatever NER says
_TALLY_NOUNS = frozenset({"toll", "tally", "count", "total", "number"})


def _tallied(tok: Token) -> bool:
    """"The death toll stands at 53", "the toll is 53": NER reads a bare number after "at" or "is" as an
    age or a date; a tally as the clause's subject says it is the count."""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("at", "to") else tok.head
    if tok.dep_ not in ("pobj", "attr", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _TALLY_NOUNS for c in verb.children)


def _compound_of_next(tok: Token) -> bool:
    """``tok`` modifies the plural (or collective) noun right after it."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.dep_ == "compound" and nxt is not None and (nxt.tag_ == "NNS" or nxt.lower_ in _COLLECTIVE) \
        and tok.head.i == nxt.i


def _name_before_noun(tok: Token) -> bool:
    """"33,000 Boeing machinists": a name modifying the counted noun after it, not the name of a thing."""
    return _name_end(tok) is not None


def _name_end(tok: Token) -> int | None:
    """The index of the last word of the name ``tok`` starts when that name modifies the counted noun right
    after it ("Boeing machinists", "Wells Fargo employees", "1.0192 Capital One shares"), else None (not "737
    Max jets")."""
    if tok.ent_type_ not in ("ORG", "GPE"):
        return None
    if _compound_of_next(tok):
        return tok.i
    doc, j = tok.doc, tok.i
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I" and doc[j + 1].ent_type_ == tok.ent_type_:
        j += 1
    last = doc[j]
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if j == tok.i or nxt is None or not (nxt.tag_ == "NNS" or nxt.lower_ in _COLLECTIVE):
        return None
    return j if last.head.i == nxt.i and last.dep_ in ("compound", "nummod") else None


_COLLECTIVE = frozenset({"staff", "personnel", "crew", "people", "police"})  # counted, though singular in form


def count_noun(m: Mention, idx: TokenIndex, text: str) -> tuple[un.Unit, int] | None:
    """The noun a bare figure counts: "13 people", "four different bosses", "3,000 tests per day",
    "dozens of people". A head that is a unit word ("517 rushing yards") gives that unit."""
    whole = _OF_TOTAL.match(text, m.end) if m.value is not None and not m.is_range else None
    noun_from = whole.end() if whole else m.end  # "36 of 38 provinces": the part counts the whole's noun
    t = idx.first_from(noun_from)
    if t is None or t.idx - noun_from > 1:
        return None
    doc = idx.doc
    if m.is_range and m.value is None and t.lower_ == "of" and t.i + 1 < len(doc):
        t = doc[t.i + 1]  # "dozens of people"
    after = doc[t.i + 1] if t.i + 1 < len(doc) else None
    aboard = _ABOARD.match(text, t.idx)
    if aboard:  # "the 242 aboard", "over 200 on board": the people carried
        return un.Unit("people", un.COUNT, "people", aboard.group(0)), aboard.end()
    attr = [c for c in t.children if c.dep_ == "attr" and c.tag_ == "NNS"] if t.lemma_ == "be" else []
    if attr and after is not None and attr[0].left_edge.i == after.i \
            and _subject_of_be(t, idx.tokens(m.num_start, m.num_end)):
        t = after  # "230 were passengers", "10 were crew members": the figure is the subject, the noun says what
    tally = _number_of(t, idx.tokens(m.num_start, m.end))
    if tally is not None:  # "20,616 is the number of posts": the noun the number is of
        return un.Unit(singular(tally.lemma_.lower()), un.COUNT, singular(tally.lemma_.lower()), tally.text), \
            tally.idx + len(tally.text)
    if t.is_upper and t.is_alpha and 2 <= len(t.text) <= 5 and t.ent_type_ not in _NAME_ENTS and (
            after is None or after.pos_ not in ("NOUN", "PROPN")):
        return un.Unit(t.text, un.COUNT, t.text.lower(), t.text), t.idx + len(t.text)  # "0.5 WAR"
    first = t
    i = t.i
    # a count in millions or thousands is no model number: a name after it modifies the noun it counts
    large = bool(m.scale and m.scale >= 1000) or bool(re.search(r"\d,\d{3}", text[m.num_start:m.num_end]))
    glued = t.i + 1 if t.text in ("-", "‑") and t.idx == m.end else -1  # the token after "400-"
    head: Token | None = None
    mods: list[Token] = []
    for _ in range(6):
        if i >= len(doc):
            break
        tok = doc[i]
        if tok.text in ("-", "‑") and i + 1 < len(doc) and tok.idx + 1 == doc[i + 1].idx:
            i += 1
            continue
        if tok.pos_ == "NOUN" and i + 2 < len(doc) and doc[i + 1].text in ("-", "‑") \
                and tok.idx + len(tok.text) == doc[i + 1].idx == doc[i + 2].idx - 1:
            mods.append(tok)  # "three storm-related deaths": the noun is part of a modifier
            i += 2
            continue
        if _of_name_before_noun(tok):
            mods.extend(doc[tok.i:tok.head.i])  # "411 House of Commons seats"
            i = tok.head.i
            continue
        if tok.pos_ == "PROPN" and tok.ent_type_ != "NORP" and (_name_before_noun(tok) or (
                large and _compound_of_next(tok) and tok.ent_type_ in ("", "PRODUCT", "ORG"))):
            last = _name_end(tok) or tok.i
            mods.extend(doc[tok.i:last + 1])  # "33,000 Boeing machinists", "8.5 million Windows devices"
            i = last + 1
            continue
        if tok.ent_type_ == "NORP" and not tok.text.endswith("s") and i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN":
            mods.append(tok)  # "two Thai nationals", "three Korean passengers": the nationality says whose
            i += 1
            continue
        if tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ == "NORP" and tok.text.endswith("s")):
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if i == glued and tok.tag_ == "NN":
                head = tok  # "a 400-seat parliament": the figure counts the word it is glued to, of what follows
                break
            if nxt is not None and nxt.pos_ == "NOUN" and tok.dep_ == "compound":
                mods.append(tok)
                i += 1
                continue
            head = tok
            break
        if tok.pos_ == "ADJ" or tok.tag_ in ("VBN", "VBG"):
            if tok.pos_ == "ADJ" and tok.tag_ not in ("VBN", "VBG"):
                mods.append(tok)
            i += 1
            continue
        break
    if head is None or head.lower_ in _NOT_COUNT_NOUNS or head.lower_ in CALENDAR_WORDS or not head.is_alpha \
            or len(head.text) < 2:
        return None
    end = head.idx + len(head.text)
    # a unit word with modifiers in between: "517 rushing yards", "One US fluid ounce"
    for tok in [*mods, head]:
        phys = un.physical_after(text, tok.idx, attached_ok=True)
        if phys is not None and phys[1] == end:
            if un.time_unit(phys[0].canonical) and any(x.lower_ in _RELATIVE for x in mods):
                return None  # "2.1 last year"
            return phys[0], end
    lemma = singular(head.lemma_.lower() if head.pos_ == "NOUN" else head.text.lower())
    mod_text = text[mods[0].idx:head.idx].lower().strip() if mods else ""
    canon = f"{mod_text} {lemma}".strip() if mod_text else lemma
    canon = re.sub(r"\s*([-‑])\s*", r"\1", canon)
    # "10.6 million Poles", "3,000 Chileans": people by nationality, their dimension
    unit = un.Unit(canon, un.COUNT, "people" if head.ent_type_ == "NORP" else lemma, text[first.idx:end])
    rate = un.rate_after(text, end)
    if rate is not None:
        denom, surface, end = rate
        unit = un.with_rate(unit, denom, surface)
    return unit, end


def _of_name_before_noun(tok: Token) -> bool:
    """A name with "of" in it ("House of Commons", "Bank of America") modifying the noun right after it."""
    return tok.pos_ == "PROPN" and tok.dep_ in ("nmod", "compound") and tok.head.pos_ == "NOUN" \
        and tok.head.i > tok.i and tok.right_edge.i == tok.head.i - 1 and any(c.lower_ == "of" for c in tok.children)


def _subject_of_be(verb: Token, number: Sequence[Token]) -> bool:
    """The figure (its last token) is the subject of a form of "be"."""
    return verb.lemma_ == "be" and bool(number) and number[-1].dep_ == "nsubj" and number[-1].head.i == verb.i


def _number_of(verb: Token, number: Sequence[Token]) -> Token | None:
    """The plural noun in "<figure> is the number (total, count) of <noun>", the figure the verb's subject."""
    if not _subject_of_be(verb, number):
        return None
    for attr in (c for c in verb.children if c.dep_ == "attr" and c.lemma_ in ("number", "total", "count")):
        for prep in (c for c in attr.children if c.dep_ == "prep" and c.lower_ == "of"):
            noun = next((c for c in prep.children if c.dep_ == "pobj" and c.tag_ == "NNS"), None)
            if noun is not None:
                return noun
    return None


_RELATIVE = {"last", "next", "this"}
_OF_TOTAL = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?\d[\d,]*\s+(?=[a-z])")
_ABOARD = re.compile(r"(?:aboard|on[- ]?board)(?![A-Za-z])", re.I)


# ------------------------------------------------------------------ subject / measure


def _phrase(tok: Token, keep_amod: bool = True, stop: Token | None = None, skip: frozenset[int] = frozenset()) -> str:
    """A compact noun phrase: the token, its compounds/modifiers and prepositional targets."""
    words: list[Token] = []

    def walk(t: Token, top: bool) -> None:
        if t.i in skip and not top:
            return
        for c in t.lefts:
            if c.i in skip:
                continue
            mod = c.dep_ in ("compound", "nmod", "nummod", "quantmod", "poss") or (
                c.dep_ == "det" and not top and c.lower_ not in ("a", "an", "the"))  # "on all imports"
            if mod or (c.dep_ == "amod" and (keep_amod or not top)):
                if c.dep_ == "poss" and c.lower_ in _PRONOUNS:
                    continue
                if c.dep_ == "poss" and top:
                    continue
                walk(c, False)
        words.append(t)
        for c in t.rights:
            if stop is not None and c.i == stop.i:
                continue
            if c.dep_ == "case":
                words.append(c)
            elif c.dep_ in ("compound", "flat"):
                walk(c, False)
            elif c.dep_ == "prep" and c.lower_ in ("of", "on", "in", "for", "to", "from") and top:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj and pobj[0].i not in skip:
                    words.append(c)
                    walk(pobj[0], False)

    walk(tok, True)
    words.sort(key=lambda t: t.i)
    text = " ".join(w.text for w in words)
    text = re.sub(r"\s+'s\b", "'s", text).strip(" ,;:-")
    return text or tok.text


def _span_root(toks: list[Token], start: int, end: int) -> Token | None:
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else (toks[-1] if toks else None)


def _clause_verb(t: Token) -> Token | None:
    cur = t
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "amod":
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


_CLIMB = frozenset(("advcl", "xcomp", "oprd", "acomp", "conj", "ccomp", "pcomp", "prep", "pobj"))


def _subject_of(verb: Token) -> Token | None:
    cur = verb
    for _ in range(6):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            s = subj[0]
            # a run-on heading glued before a sentence parses as a 2nd nsubj: "... in the Spotlight On
            # 10 October 2025, the United States announced": the named one after the comma is the subject
            for c in subj[1:]:
                if c.i < cur.i and c.ent_type_ in _NAMED and any(
                        t.text in (",", ":", ";") for t in c.doc[s.i:c.left_edge.i]):
                    s = c
            if s.lower_ in ("which", "that", "who") and cur.dep_ == "relcl":
                return cur.head
            return s
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        if cur.dep_ == "xcomp":  # "led the Nasdaq to fall 3.1%": the object of "led" is who fell
            obj = [c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i]
            if obj and obj[0].pos_ in ("NOUN", "PROPN"):
                return obj[0]
        # "the party, which seems set to take 40% of the seats" climbs set (acomp or oprd) -> seems -> which
        if cur.dep_ in _CLIMB and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


_SUBORDINATORS = frozenset(("although", "though", "while", "whereas", "as", "after", "when", "because", "if",
                            "since", "despite"))


def _leading_clause_subject(root: Token, subj: Token | None) -> Token | None:
    """"Although the Conservatives did their best since 1988 by securing 41.3%, the Liberals took 43.7%":
    a figure in a leading subordinate clause is held by that clause's subject, not by the main clause's
    after the comma, wherever a misparse attached it."""
    if subj is None or subj.i < root.i:
        return None
    sent = root.sent
    first = sent[0]
    if first.lower_ not in _SUBORDINATORS or not any(t.text == "," for t in root.doc[root.i:subj.i]):
        return None
    inside = [t for t in root.doc[first.i:root.i] if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in _PRONOUNS]
    return inside[0] if inside else None


class Description(NamedTuple):
    subject: str | None
    measure: str | None
    attribution: str | None
    subject_label: str | None = None


def describe(m: Mention, doc: Doc, text: str, context: Doc | None = None) -> Description:
    """Subject (with its NER label), measure and attribution of a mention; Nones when the parse says
    nothing useful. ``context`` is the previous sentence, for "its"/"their" that name an earlier holder."""
    try:
        return _describe(m, TokenIndex(doc), text, context)
    except Exception:
        return Description(None, None, None)


SUBJECT_LABELS = frozenset(_NAMED | {"WORK_OF_ART", "LAW"})
_POSS_PRONOUNS = {"its", "their"}
# verbs that say nothing of what a count counts ("12 people were", "it has 800 staff", "officials said 40")
_LIGHT_VERBS = {"be", "have", "include", "say", "tell", "report", "make", "take", "get", "see", "become", "reach",
                "remain", "stand", "put", "bring", "leave", "number", "total", "count", "estimate", "confirm",
                "add", "show", "give", "go", "come", "rise", "climb", "increase", "grow", "jump", "fall", "drop"}


def _telling(verb: Token | None) -> bool:
    """A verb that says something of the figure it governs (not "be", "have", "say", "rise", ...)."""
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() not in _LIGHT_VERBS


_AREA = re.compile(r"\[length\]\s*\*\*\s*2")


def _counted_by_verb(m: Mention, root: Token, verb: Token | None) -> bool:
    """A count or an area that is its verb's subject or object: the verb says what happened to those
    counted ("265 people were killed", "injured 2,800 others"), as a noun would ("265 deaths"), or to the
    land ("40,000 acres have burned", "the fire scorched 10,600 acres")."""
    if verb is None or not _telling(verb):
        return False
    if m.unit is not None and m.unit.unit_class != un.COUNT and not _AREA.search(m.unit.dimension):
        return False  # a length "struck 50 km north of" is where, not what the verb did
    return root.head.i == verb.i and root.dep_ in ("nsubj", "nsubjpass", "dobj")


def _valued_at(m: Mention, root: Token, verb: Token | None) -> bool:
    """An amount "at" which something closed, opened, was priced or valued: the verb is what it measures,
    as "the closing price" or "a valuation" would say. Light verbs ("stood at", "came in at") say nothing."""
    if verb is None or not _telling(verb):
        return False
    if m.unit is None or m.unit.unit_class != un.CURRENCY:  # "followed by the SPD at 16%": a holder's share
        return False
    return root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.i == verb.i


# verbs that put money (or another amount) towards something: the recipient is the measure
_ALLOCATE = {"commit", "allocate", "earmark", "provide", "pledge", "invest", "spend", "devote", "dedicate",
             "channel", "budget", "assign", "grant", "award", "inject", "pour", "funnel", "contribute", "donate",
             "reserve", "promise", "offer", "approve", "announce", "unveil"}
_ALLOCATE_RE = re.compile(r"(?<![A-Za-z])(?:commit|allocate|earmark|pledge|invest|devote|dedicate|channel|"
                          r"inject|funnel|contribute|donate)(?:s|ed|ted|ing|ting)?\s+$", re.I)
_ALLOCATE_PREPS = {"to", "for", "into", "towards", "toward", "on", "in"}


def label_of(tok: Token | None) -> str | None:
    """NER label of the entity a subject token is (its head word), if it names one."""
    if tok is None:
        return None
    return tok.ent_type_ if tok.ent_type_ in SUBJECT_LABELS else None


def _holder_pronoun(*toks: Token | None) -> Token | None:
    for t in toks:
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS:
                return c
    return None


def _named_subject(doc: Doc, before: int | None) -> Token | None:
    """The most recent named-entity subject: in this sentence before ``before``; in a previous sentence
    (``before`` None) its main clause's subject first."""
    named: list[Token] = []
    for t in doc:
        if t.dep_ not in ("nsubj", "nsubjpass") or (before is not None and t.i >= before):
            continue
        n = t if label_of(t) or t.pos_ == "PROPN" else (_named_within(t) if t.pos_ == "NOUN" else None)
        if n is not None and (label_of(n) or n.pos_ == "PROPN"):
            named.append(n)
    if not named:
        return None
    if before is None:
        main = [n for n in named if n.head.dep_ == "ROOT" or n.head.head.dep_ == "ROOT"]
        return main[0] if main else named[-1]
    return named[-1]


def _allocation_target(m: Mention, idx: TokenIndex, text: str, root: Token, verb: Token | None,
                       inside: set[int]) -> Token | None:
    """"commits US$8.5 billion to joint projects", "earmarks RMB 180 billion for innovation": the
    object of to/for after an allocation verb whose object is the figure."""
    if m.unit is None or m.unit.unit_class not in (un.CURRENCY, un.PERCENT):
        return None
    by_verb = verb is not None and verb.lemma_.lower() in _ALLOCATE and any(
        a.i == verb.i for a in root.ancestors) and root.dep_ in ("dobj", "pobj", "nsubjpass", "appos", "npadvmod")
    if not (by_verb or _ALLOCATE_RE.search(text[max(0, m.start - 30):m.start])):
        return None
    owners = set(inside) | {root.i} | ({verb.i} if verb is not None else set())
    for t in idx.doc[max(t.i for t in idx.tokens(m.start, m.end)) + 1:]:
        if t.is_punct and t.text in ".;:":
            break
        if t.dep_ == "prep" and t.lower_ in _ALLOCATE_PREPS and t.head.i in owners:
            pobj = [g for g in t.children if g.dep_ == "pobj" and g.ent_type_ not in _DATE_ENTS]
            if pobj and pobj[0].i not in inside:
                return pobj[0]
    return None


_MOVE_PREPS = frozenset(("from", "to", "by"))


def _moved_by(root: Token, verb: Token) -> bool:
    """"doubled its seat count from 52 to 99", "trimmed its headcount from 1,450 to 1,210": a bare number in
    a from/to/by phrase of the verb is a level (or the step) of the verb's object."""
    cur = root
    for _ in range(4):
        if cur.i == verb.i or cur.head.i == cur.i:
            return False
        if cur.dep_ == "prep" and cur.lower_ in _MOVE_PREPS:
            return cur.head.i == verb.i or _moved_by(cur.head, verb)
        cur = cur.head
    return False


_ABSTRACT_SUFFIX = ("sion", "tion", "ance", "ence", "ity", "ness", "ure", "ing")


def _in_dateline(tok: Token) -> bool:
    sent = tok.sent
    m = DATELINE.match(sent.text)
    return m is not None and tok.idx - sent.start_char < m.end()


def _abstract(tok: Token) -> bool:
    """"This expansion", "the move": a noun that points back to an event, not a holder of things."""
    if tok.pos_ != "NOUN":
        return False
    demonstrative = any(c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those", "such")
                        for c in tok.children)
    return demonstrative or tok.lower_.endswith(_ABSTRACT_SUFFIX)


def _describe(m: Mention, idx: TokenIndex, text: str, context: Doc | None = None) -> Description:
    toks = idx.tokens(m.start, m.end)
    root = _span_root(toks, m.start, m.end)
    if root is None:
        return Description(None, None, None)
    inside = {t.i for t in toks}
    skip = frozenset(inside)
    measure_tok: Token | None = None
    measure: str | None = None
    # "85-95% of <measure>", "16.2 million tons of <measure>", "$150 billion in <measure>"
    for c in root.rights:
        if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and m.unit is not None
                                                      and m.unit.unit_class == un.CURRENCY)):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                measure_tok = pobj[0]
                measure = _phrase(pobj[0], skip=skip)
                break
    if measure is None:
        after = idx.first_from(m.end)
        if after is not None and after.lower_ == "of" and after.i + 1 < len(idx.doc) and after.head.i in inside:
            pobj = [g for g in after.children if g.dep_ == "pobj"]
            if pobj:
                measure_tok = pobj[0]
                measure = _phrase(pobj[0], skip=skip)
    head = root.head
    if measure is None and root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN"):
        # "tariffs of up to 130% on Chinese goods"
        measure_tok = head.head
        measure = _phrase(head.head, keep_amod=False, stop=head, skip=skip)
    if measure is None and root.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod") and head.i not in inside \
            and head.pos_ in ("NOUN", "PROPN") and head.i > root.i:
        # "a 100% tariff on all Chinese imports", "$150 billion deal"
        measure_tok = head
        measure = _phrase(head, keep_amod=False, skip=skip)
    if measure is None and root.dep_ == "pobj" and head.lower_ in ("to", "from") and head.head.pos_ == "NOUN":
        # "a 5.5% rise in iPhone sales to $46.2 billion", "a 12% jump in profit to $3.1 billion": the noun
        # of the change says what moved
        moved = [g for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("in", "of") and c.i < head.i
                 for g in c.children if g.dep_ == "pobj" and g.i not in inside]
        if moved:
            measure_tok = moved[0]
            measure = _phrase(moved[0], skip=skip)
    verb = _clause_verb(root)
    subj_tok = _subject_of(verb) if verb is not None else None
    subj_tok = _leading_clause_subject(root, subj_tok) or subj_tok
    if subj_tok is not None and _in_dateline(subj_tok):
        subj_tok = None  # "Wajima, Ishikawa Pref., Jan. 3 (Jiji Press)--At least 73 people ...": where it was filed
    nsubj = subj_tok
    if measure is None:
        target = _allocation_target(m, idx, text, root, verb, inside)
        if target is not None:
            measure_tok = target
            measure = _phrase(target, skip=skip)
    if measure is None and _valued_at(m, root, verb):
        measure_tok = verb  # "Figma closed at $115.50", "the IPO was priced at $33": the verb names the price
        measure = verb.lower_
    if measure is None and verb is not None:
        # not an object another figure counts: "received 269 seats (35 percent)", the share beside the count
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i not in inside
                and not any(g.dep_ == "nummod" and g.i not in inside for g in c.children)]
        if objs and ((m.unit is not None and m.unit.unit_class != un.COUNT) or _moved_by(root, verb)):
            measure_tok = objs[0]
            measure = _phrase(objs[0], skip=skip)
        elif _counted_by_verb(m, root, verb):
            measure_tok = verb  # "at least 265 people ... were killed", "the quake injured 2,800 others"
            measure = verb.lower_
        elif subj_tok is not None and subj_tok.pos_ == "NOUN" and subj_tok.i not in inside:
            measure_tok = subj_tok
            measure = _phrase(subj_tok, skip=skip)
            subj_tok = None
    subject: str | None = None
    label: str | None = None
    if measure_tok is not None:
        poss = [c for c in measure_tok.children if c.dep_ == "poss" and c.lower_ not in _PRONOUNS
                and (c.pos_ == "PROPN" or c.ent_type_ in _NAMED) and c.ent_type_ not in ("DATE", "TIME")]
        if poss:
            subject = _phrase(poss[0]).removesuffix("'s").removesuffix("’s").strip()
            label = label_of(poss[0])
    if subject is None and subj_tok is not None and subj_tok.lower_ not in _PRONOUNS and subj_tok.i not in inside:
        named = _named_within(subj_tok) if subj_tok.pos_ == "NOUN" else None
        subject = _phrase(named or subj_tok, keep_amod=True)
        subject = re.sub(r"\s*['’]s$", "", subject)
        label = label_of(named or subj_tok)
        if measure_tok is None and subj_tok.pos_ == "NOUN":
            measure = subject
            subject = None
            label = None
    # "its"/"their" name the holder: the latest named subject before it, else the previous sentence's
    pron = _holder_pronoun(measure_tok, nsubj, *(c for c in (verb.children if verb is not None else ())
                                                  if c.dep_ == "dobj"))
    if pron is not None and label is None:
        holder = _named_subject(idx.doc, pron.i)
        if holder is None and context is not None:
            holder = _named_subject(context, None)
        if holder is not None:
            subject = re.sub(r"\s*['’]s$", "", _phrase(holder, keep_amod=True))
            label = label_of(holder)
        elif subject is not None and nsubj is not None and _abstract(nsubj):
            subject = None  # "this expansion would raise its share": the noun is not the holder
    lab = _LABEL.match(text)
    if lab and lab.end() <= m.start + 2 and not text[lab.end():m.start].strip(" ≈~<>"):
        # list items "China - ≈ 61 % of ...", "U.S. export: < 5 % of ...": the label names the subject
        g = 1 if lab.group(1) else 2
        name = lab.group(g)
        owner = re.match(r"(.+?)['’]s\b", name)
        subject = (owner.group(1) if owner else name).strip()
        label = _head_label(idx, lab.start(g), lab.start(g) + len(subject))  # "U.S. export" is no GPE
    listed = _LISTED_HOLDER.search(text, 0, m.start)
    if listed and not lab:
        # "X gets 268 seats, the New Welfare Party - five seats": each item of the list names its own holder
        subject = listed.group(1).strip()
        label = _head_label(idx, listed.start(1), listed.end(1))
    subject = _clean(subject)
    if m.unit is not None and m.unit.note == un.AGE_NOTE:
        measure = AGE  # "a 61-year-old former mayor": the figure is her age, whatever the clause says
        aged = _aged(root)
        if aged is not None:
            subject, label = _clean(_phrase(aged, keep_amod=False, skip=skip)), label_of(aged)
    return Description(subject, _clean(measure), attribution(idx.doc, root), label if subject else None)


def _aged(root: Token) -> Token | None:
    """Whose age a figure is: the noun "N-year-old" describes, or the name that noun stands beside
    ("Wiz, a five-year-old startup" -> Wiz; "a 37-year-old firefighter" -> firefighter)."""
    tok = root
    for _ in range(3):
        if tok.pos_ in ("NOUN", "PROPN") and tok.i != root.i:
            break
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    else:
        return None
    if tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
        return tok.head
    return tok


_LABEL = re.compile(r"\s*(?:[-*•]\s*)?([A-Z][\w.&'’‑ -]{0,40}?)\s+[-–—:]\s+"
                    r"|\s*(?:[-*•]\s*)?([A-Z][\w.&'’‑ -]{0,40}?):\s+")


def _head_label(idx: TokenIndex, start: int, end: int) -> str | None:
    """The NER label of a written name's head word (its last word)."""
    words = [t for t in idx.tokens(start, end) if t.is_alpha]
    return label_of(words[-1]) if words else None


# an item of a run-on list after a comma or semicolon: "..., the Good Party - 43 seats"
_LISTED_HOLDER = re.compile(r"[,;]\s+(?:the\s+)?([A-Z][\w.&'’‑]*(?:\s+(?:[A-Z][\w.&'’‑]*|of|and|for))*)"
                            r"\s+[-–—]\s+$")


def _named_within(tok: Token) -> Token | None:
    """A named owner close under a common noun: "concern over China's role" -> China."""
    frontier, depth = [tok], 0
    while frontier and depth < 3:
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("poss", "pobj", "prep", "compound", "appos") and c.i > tok.i:
                    if c.dep_ == "appos" and t.lower_ not in BUSINESS_NOUNS:
                        continue  # "the stock of British chipmaker Arm Holdings": the company, named beside
                    if c.dep_ in ("poss", "compound", "appos") and (c.pos_ == "PROPN" or c.ent_type_ in _NAMED):
                        # a word of a name: the whole name ("Dutch chipmaker Nexsil Holdings" -> its head)
                        return t if c.dep_ == "compound" and t.pos_ == "PROPN" else c
                    nxt.append(c)
        frontier, depth = nxt, depth + 1
    return None


def _clean(s: str | None) -> str | None:
    if not s:
        return None
    s = re.sub(r"^(?:the|a|an|its|their|his|her|our)\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"\s+", " ", s).strip(" ,;:.-")
    return s or None


def attribution(doc: Doc, root: Token) -> str | None:
    """The named source: "according to X", "X said", "as reported in X"."""
    for t in doc:
        if t.lower_ == "according":
            for c in t.children:
                if c.lower_ == "to":
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    if pobj:
                        return _clean(_phrase(pobj[0]))
    ancestors = {a.i for a in root.ancestors}
    best: str | None = None
    for t in doc:
        if t.pos_ != "VERB" or t.lemma_.lower() not in _SAY:
            continue
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _PRONOUNS]
        agent = [g for c in t.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                 for g in c.children if g.dep_ == "pobj"]
        cand = subj[0] if subj and t.dep_ != "relcl" else (agent[0] if agent else None)
        if cand is None or cand.i == root.i:
            continue
        if cand.pos_ not in ("PROPN", "NOUN"):
            continue
        text = _clean(_phrase(cand))
        if t.i in ancestors or t.dep_ in ("ROOT", "advcl", "parataxis") or t.head.i in ancestors:
            return text
        best = best or text
    return best


# ---------------------------------------------------------------------------- time

_TIME_RE = re.compile(
    r"(?:(?:\b(?:in|by|through|thru|until|till|since|from|during|before|after|for|as of|of|between|end of|"
    r"early|mid|late)\s+)?(?:(?:Q[1-4]|H[12]|FY)\s?|(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|"
    r"July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?:\d{1,2},?\s+)?)?"
    r"\b(?:19|20)\d{2}(?:\s?[-–‑/]\s?(?:(?:19|20)\d{2}|\d{2}))?\b)"
    r"|\b(?:last|this|next|past|previous|coming)\s+(?:year|month|week|quarter|decade|fiscal year)\b",
    re.I,
)


# a capitalised word right before a bare year makes the year part of a name; months and fiscal words date it
_DATING = "|".join((*(m.capitalize() for m in MONTH_ABBREVIATIONS), "May", "Fiscal", "Financial", "Year", "FY",
                    "Q[1-4]", "H[12]"))
_NAME_BEFORE = re.compile(rf"(?<![.!?]\s)(?<!^)\b(?!(?:{_DATING}))[A-Z][\w&-]*\s+$")


_CLOCK_AFTER = re.compile(rf"\s?{CLOCK_ZONE}\b")


# a superlative, then "since" shortly before the date ("since the crash of"): the date a record reaches back to
_RECORD_SINCE = re.compile(r"\b(?:worst|biggest|largest|most|highest|lowest|best|first|sharpest|steepest|fastest|"
                           r"slowest|strongest|weakest|deadliest)\b[^.;]*\bsince\b[^.;]{0,30}$", re.I)


# "U.S.", "U.K.": an initialism's dots end no clause ("the deadliest U.S. air disaster since 2001")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}")


# a number no reader kept ("the 419 Tony Blair won in 1997") still holds the date after it; not a year
_BARE_NUMBER = re.compile(r"(?<![\w.,])(?!(?:19|20)\d{2}\b)\d[\d,.]*(?![\w%])")


# "its worst since 1997, when 228 people died": the figure of the clause the year opens is that year's
_WHEN_AFTER = re.compile(r",?\s+when\b")


def find_time(text: str, start: int, end: int, others: Sequence[tuple[int, int]] = ()) -> str | None:
    """The year or date phrase nearest the figure in its sentence ("by 2027", "in 2024").

    ``others``: the spans of the sentence's other figures. A phrase after another figure (or a bare number)
    that follows this one is that figure's ("a $32 billion deal after its $23 billion offer from last year",
    "412 seats, less than the 419 Blair won in 1997")."""
    best: tuple[int, str] | None = None
    undotted = _ABBREVIATION.sub(lambda a: a.group(0).replace(".", " "), text)  # offsets kept: read once per figure
    for m in _TIME_RE.finditer(text):
        if m.start() < end and start < m.end():
            continue
        if m.start() >= end and (any(end <= s and e <= m.start() for s, e in others)
                                 or _BARE_NUMBER.search(text, end, m.start())):
            continue
        if _NAME_BEFORE.search(text, 0, m.start()) and m.group(0)[:1].isdigit():
            continue  # "the ASEAN Summit 2025", "Vision 2030": a year inside a name dates nothing
        if _CLOCK_AFTER.match(text, m.end()):
            continue  # "(1917 GMT)", "at 2015 hrs": a clock time, not a year
        lead = undotted[:m.start()] + ("since " if m.group(0).lower().startswith("since ") else "")
        when = m.end() <= start and _WHEN_AFTER.match(text, m.end(), start)
        if _RECORD_SINCE.search(lead) and not when:
            continue  # "its worst since March 2020", "its strongest since the 1988 election": how far a record
            # reaches back, on whichever side of the figure
        phrase = m.group(0).strip()
        if re.fullmatch(r"(?:of|between)\s+.*", phrase, re.I) or (when and re.match(r"since\s", phrase, re.I)):
            phrase = phrase.split(None, 1)[1]
        dist = m.start() - end if m.start() >= end else start - m.end()
        dist += 0 if m.start() >= end else 2  # prefer the phrase after the figure on ties
        if best is None or dist < best[0]:
            best = (dist, phrase)
    return best[1] if best else None
