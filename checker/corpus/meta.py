"""What a page says about itself: byline, publication date, outlet, title, language, kind.

Every guess keeps its evidence (offsets and the quoted text) as a ``MetaSource``
so a reader of the report can check it. Dates count as *publication* dates only
where pages print them: behind a "Published" label, or on a dateline/byline line
in the page head. A date inside running text ("On 20 October 2025, ...") is an
event, never the publication date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from checker.corpus.dates import DateMatch, find_dates
from checker.corpus.furniture import READING_TIME
from checker.corpus.lines import Line, header_lines, is_headline_like, is_prose, tail_lines
from checker.model import Excluded, MetaSource

# ---------------------------------------------------------------------- names

_CAP = r"[A-ZÀ-ÞĀ-Ž][\w'’.-]*"
_PARTICLE = r"(?:de|da|del|della|di|do|dos|das|van|von|der|den|ter|bin|binti|bte|al|el|la|le|ibn|abu)"
_TITLE = r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame|Rev|Hon|Datuk|Dato'?|Tan Sri|Dra|Sr|Sra)\.?"
NAME = rf"(?:{_TITLE}\s+)?{_CAP}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_CAP}){{0,4}}"
# Several authors join with "and"; a comma usually introduces the outlet ("Jane Doe, Reuters").
_NAMES = rf"{NAME}(?:\s+(?:and|&|y|et|und|e)\s+{NAME}){{0,3}}"

BYLINE_LINE = re.compile(
    rf"^\W*(?i:by|written by|words by|story by|reporting by|text by|author\s*:|authors\s*:|"
    rf"autor(?:a|es)?\s*:|escrito por|por|par|von)\s+(?:(?i:the)\s+)?(?P<name>{_NAMES})"
    rf"\s*(?:$|[|,;•·–—-]|\s+(?i:on|el|le|am|il|em|published|updated|publicado|publié)\b)"
)
# "<disclosure>Jane DoeRevisado porJohn Roe": the writer is the name glued
# right before the reviewer marker.
_REVIEW = re.compile(
    r"(?:Revisado por|Reviewed by|Edited by|Fact-checked by|Fact checked by|Revisto por|Revu par|"
    r"Relu par|Geprüft von|Redigiert von|Rivisto da|Editado por)",
)
_GLUED_NAME = re.compile(
    rf"(?:{_TITLE}\s+)?[A-ZÀ-Þ][a-zà-ÿ'’-]+(?:\s+(?:{_PARTICLE}\s+)?[A-ZÀ-Þ][a-zà-ÿ'’-]+){{0,3}}\s*$"
)
VIEWS_EXPRESSED = re.compile(
    r"(?:views|opinions)\s+expressed\b[^.\n]{0,80}?\b(?:are|is|remain)\s+(?:entirely\s+|solely\s+|purely\s+|"
    r"strictly\s+|wholly\s+)?(?:those|the views|the opinions?)\s+of\s+(?:the\s+author,?\s+)?"
    rf"(?P<name>{NAME})?"
    r"|(?:las\s+)?opiniones\s+expresadas|(?:les\s+)?opinions\s+exprimées|opiniões\s+expressas|"
    r"(?:views|opinions)\s+expressed\b",
)
_NOT_A_NAME = {"The", "This", "These", "That", "Those", "Our", "His", "Her", "Their", "Its", "A", "An"}

# ---------------------------------------------------------------------- dates

# The label must open the line or follow a separator ("By X | Published: ..."):
# "The study, published on 3 March 2024, found ..." is about another document.
_PUBLISHED_LABEL = re.compile(
    r"(?:^|[|•·—–]\s*|\s[-–]\s*)\W*(?:published|first published|publication date|date published|posted|"
    r"publicado|publicada|"
    r"fecha de publicación|publié|publiée|publié le|date de publication|veröffentlicht|"
    r"erschienen|pubblicato|pubblicata|yayınlanma tarihi|yayınlandı|yayın tarihi)"
    r"(?:\s+(?:on|el|le|am|il|em|at))?\s*[:：\-–]?\s*$",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"\b(?:updated|last updated|modified|actualizado|actualizada|mis à jour|aktualisiert|atualizado|aggiornato|"
    r"güncellendi|güncelleme)\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<!\d)\d{1,2}(?:[:.h]\d{2})(?::\d{2})?\s*(?:[ap]\.?\s?m\.?|uhr|h)?(?![\w])|"
    r"(?<!\w)\d{1,2}\s*[ap]\.?m\.?(?!\w)",
    re.IGNORECASE,
)
_TZ = re.compile(r"(?<![A-Za-z])(?:[A-Z]{2,4}|GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?(?![a-z])")
_LABEL_WORDS = re.compile(
    r"\b(?:published|updated|last updated|modified|posted|publicado|actualizado|publié|mis à jour|"
    r"veröffentlicht|aktualisiert|atualizado|pubblicato|aggiornato|on|el|le|am|um|at|a las|à)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W\d_]{2,}")

# ---------------------------------------------------------------------- outlet, kind

COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?"
    r"(?P<outlet>[A-Z][\w&.'’ -]{0,60}?)\s*(?:[.,|;]|\ball rights reserved\b|$)",
    re.IGNORECASE | re.MULTILINE,
)
_OPINION_LABEL = re.compile(
    r"^\W*(?:opinion|opinión|opinião|opinione|commentary|comment|op-ed|editorial|column|analysis and opinion|"
    r"tribune|meinung|kommentar|gastbeitrag|görüş|köşe yazısı)\W*$|"
    r"^\W*(?:opinion|commentary|op-ed|opinión|opinião|tribune|meinung|kommentar)\s*[:|–—-]\s*\S",
    re.IGNORECASE,
)
_OPINION_SELF = re.compile(
    r"\b(?:this|the following|in this|my)\s+(?:commentary|column|op-ed|opinion piece|opinion article|"
    r"editorial|essay)\b|\b(?:esta|este)\s+(?:columna|artículo de opinión|tribuna)\b|"
    r"\bcette\s+(?:tribune|chronique)\b|\bdieser\s+(?:kommentar|gastbeitrag)\b",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------- language

_STOPWORD_TEXT = {
    "en": "the and of to in is that for with as was on are by this from be have it its which",
    "es": "el la de que y en los las del por un una para con se su al es lo como más",
    "fr": "le la les de des et en un une du est que qui pour dans au sur par pas avec ce",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch",
    "pt": "o a os as de que e do da em um uma para com não dos das no na por mais",
    "it": "il lo la gli le di che e un una per con non del della nel sono è anche",
    "tr": "ve bir bu da de için ile olarak olan gibi daha çok en ama ne değil",
}
_STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _STOPWORD_TEXT.items()}
_TOKEN = re.compile(r"[^\W\d_]+")


@dataclass
class TextMeta:
    """Fields read from the text, each with its ``MetaSource``; plus dateline spans."""

    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, MetaSource] = field(default_factory=dict)
    datelines: list[Excluded] = field(default_factory=list)

    def set(self, name: str, value: str, start: int | None, end: int | None, evidence: str) -> None:
        if name in self.values:
            return
        self.values[name] = value
        self.sources[name] = MetaSource(name, "text", start, end, evidence)


_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang, words in _STOPWORDS.items() if w in words) for ws in _STOPWORDS.values() for w in ws
}


def guess_language(text: str, limit: int = 20_000) -> tuple[str | None, int]:
    """Language by stopword hits; ``(None, 0)`` when the evidence is too thin."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for tok, n in Counter(_TOKEN.findall(text[:limit].lower())).items():
        for lang in _LANGUAGES_OF.get(tok, ()):
            counts[lang] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, hits), (_, second) = ranked[0], ranked[1]
    if hits < 3 or hits < 1.3 * second:
        return None, hits
    return best, hits


def _clean_name(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name).strip(" .,;:-–—|")
    if not name or name.split()[0] in _NOT_A_NAME:
        return None
    return name


def _residual_words(line: Line, dates: list[DateMatch]) -> int:
    """Words left on a line once its dates, times, time zones and labels are gone."""
    chars = list(line.text)
    for d in dates:
        for k in range(d.start - line.start, d.end - line.start):
            chars[k] = " "
    rest = "".join(chars)
    rest = READING_TIME.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _TZ.sub(" ", rest)
    rest = _LABEL_WORDS.sub(" ", rest)
    return len(_WORDS.findall(rest))


def _labelled_date(text: str, line: Line, dates: list[DateMatch]) -> DateMatch | None:
    for d in dates:
        prefix = text[line.start : d.start]
        if line.words <= 25 and _PUBLISHED_LABEL.search(prefix):
            return d
    return None


def read_text_metadata(text: str, lines: list[Line], furniture: list[Excluded]) -> TextMeta:
    """Apply every text rule; first rule to fire wins a field."""
    from checker.corpus.furniture import excluded_lines

    meta = TextMeta()
    skip = excluded_lines(lines, furniture)
    head = header_lines(lines, skip)
    tail = tail_lines(lines, skip)
    head_ids = {ln.index for ln in head}

    # -- publication date: a labelled date anywhere, else a dateline in the head.
    for line in lines:
        if line.blank or line.words > 25:
            continue
        dates = find_dates(text, line.start, line.end)
        labelled = _labelled_date(text, line, dates) if dates else None
        if labelled:
            meta.set("published", labelled.iso, labelled.start, labelled.end, text[line.span[0] : line.span[1]])
            if line.words <= 20:
                meta.datelines.append(Excluded(*line.span, "dateline"))
            break
    for line in head:
        dates = find_dates(text, line.start, line.end)
        if not dates:
            continue
        byline = BYLINE_LINE.match(line.stripped)
        if _residual_words(line, dates) <= 3 or (byline and line.words <= 20):
            meta.datelines.append(Excluded(*line.span, "dateline"))
            if _UPDATED.search(line.text) and not _labelled_date(text, line, dates):
                continue  # an update stamp is not the publication date
            d = dates[0]
            meta.set("published", d.iso, d.start, d.end, d.text)

    # -- byline
    def by_rule(candidates: list[Line]) -> bool:
        for line in candidates:
            if line.words > 20:
                continue
            m = BYLINE_LINE.match(line.stripped)
            if m:
                name = _clean_name(m.group("name"))
                if name:
                    off = line.span[0] + m.start("name")
                    meta.set("byline", name, off, off + len(m.group("name").rstrip()), line.stripped)
                    return True
        return False

    def review_rule(candidates: list[Line]) -> bool:
        for line in candidates:
            if line.words > 25:
                continue
            rm = _REVIEW.search(line.text)
            if not rm:
                continue
            before = line.text[: rm.start()]
            nm = _GLUED_NAME.search(before)
            if nm:
                raw = re.sub(r"^(?:By|Por|Par|Von)\s+", "", nm.group(0).strip())
                name = _clean_name(raw)
                if name:
                    off = line.start + before.rfind(raw)
                    meta.set("byline", name, off, off + len(raw), line.stripped)
                    return True
        return False

    if not by_rule(head) and not review_rule(head):
        for m in VIEWS_EXPRESSED.finditer(text):
            raw = m.groupdict().get("name")
            name = _clean_name(raw) if raw else None
            if name:
                meta.set("byline", name, m.start("name"), m.start("name") + len(raw or ""), m.group(0))
                break
        else:
            by_rule(tail) or review_rule(tail)

    # -- kind
    opinion = VIEWS_EXPRESSED.search(text)
    if opinion:
        meta.set("kind", "opinion", opinion.start(), opinion.end(), opinion.group(0))
    else:
        for line in head:
            om = _OPINION_SELF.search(line.text)
            if _OPINION_LABEL.match(line.stripped):
                meta.set("kind", "opinion", *line.span, line.stripped)
                break
            if om:
                meta.set("kind", "opinion", line.start + om.start(), line.start + om.end(), om.group(0))
                break

    # -- outlet from a copyright line (short lines only: a sentence about copyright is not one)
    for line in lines:
        if line.blank or line.words > 15:
            continue
        cm = COPYRIGHT.search(line.text)
        if cm and _WORDS.search(cm.group("outlet")):
            outlet = cm.group("outlet").strip(" .,-")
            at = line.start + cm.start("outlet")
            meta.set("outlet", outlet, at, at + len(outlet), line.stripped)
            break

    # -- title: the longest headline-shaped line before the article starts
    candidates = []
    for line in head:
        if is_prose(line):
            break
        s = line.stripped
        if (
            line.index in skip
            or any(e.start <= line.span[0] < e.end for e in meta.datelines)
            or BYLINE_LINE.match(s)
            or _REVIEW.search(s)
            or s.endswith(":")
            or line.words < 3
            or not is_headline_like(line)
        ):
            continue
        candidates.append(line)
    if candidates:
        best = max(candidates, key=lambda ln: (len(ln.stripped), -ln.index))
        meta.set("title", best.stripped, *best.span, best.stripped)

    # -- language of the article body (furniture and head ignored where possible)
    body = "\n".join(ln.text for ln in lines if ln.index not in skip and ln.index not in head_ids) or text
    lang, hits = guess_language(body)
    if lang:
        meta.set("language", lang, None, None, f"{hits} {lang} stopwords")
    return meta
