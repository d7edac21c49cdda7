"""Page furniture: the parts of a scraped page that are not the article.

Nothing is deleted: each stretch becomes an ``Excluded(start, end, reason)``
over the original text, so offsets elsewhere stay valid and the extractor simply
never looks there. Rules are structural (a furniture header, then a run of
headline-shaped lines; a line that is only a timestamp) rather than lists of
known headlines, so they carry over to pages never seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.corpus.lines import Line, is_headline_like, is_prose
from checker.model import Excluded


def _phrases(*items: str) -> re.Pattern[str]:
    alt = "|".join(sorted(items, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{alt})\W*$", re.IGNORECASE)


# "Table of Contents" and friends: a header followed by numbered/bulleted entries.
TOC_HEADER = _phrases(
    r"table of contents",
    r"contents",
    r"in this article",
    r"on this page",
    r"jump to",
    r"índice",
    r"indice",
    r"contenido",
    r"contenidos",
    r"tabla de contenidos?",
    r"sommaire",
    r"table des matières",
    r"inhalt",
    r"inhaltsverzeichnis",
    r"sumário",
    r"sumario",
    r"índice de conteúdos",
    r"içindekiler",
)
# Lists of other stories: header, then headlines to the end of the block.
RELATED_HEADER = _phrases(
    r"related",
    r"related articles?",
    r"related stories",
    r"related news",
    r"related posts?",
    r"related coverage",
    r"related content",
    r"read more",
    r"read also",
    r"also read",
    r"see also",
    r"more stories",
    r"more news",
    r"more on this( story| topic)?",
    r"more from\b.{0,40}",
    r"recommended( for you| stories| articles| reading)?",
    r"you may also like",
    r"you might also like",
    r"most read",
    r"most popular",
    r"trending( now| stories)?",
    r"top stories",
    r"latest news",
    r"latest stories",
    r"further reading",
    r"editor'?s picks",
    r"artículos relacionados",
    r"noticias relacionadas",
    r"l[ée]a también",
    r"lee también",
    r"te puede interesar",
    r"más noticias",
    r"lo más leído",
    r"articles similaires",
    r"à lire aussi",
    r"a lire aussi",
    r"lire aussi",
    r"sur le même sujet",
    r"les plus lus",
    r"mehr zum thema",
    r"das könnte sie auch interessieren",
    r"weitere artikel",
    r"meistgelesen",
    r"auch interessant",
    r"leia também",
    r"notícias relacionadas",
    r"veja também",
    r"mais lidas",
    r"leggi anche",
    r"articoli correlati",
    r"ilgili haberler",
    r"benzer haberler",
)
# "Read more: <headline>" on one line.
INLINE_RELATED = re.compile(
    r"^\W*(?:read more|read also|also read|see also|related|more from \w+|lea también|lire aussi|"
    r"leia também|leggi anche|mehr zum thema)\s*[:|–—-]\s*\S",
    re.IGNORECASE,
)
COMMENTS_HEADER = _phrases(
    r"comments?( \(\d+\))?",
    r"\d+ comments?",
    r"comentarios?",
    r"commentaires?",
    r"kommentare?",
    r"comentários?",
    r"commenti",
    r"yorumlar",
    r"leave a (comment|reply)",
    r"add a (public )?comment.*",
    r"join the (conversation|discussion)",
    r"show comments",
    r"view comments",
    r"deja un comentario",
    r"añade un comentario.*",
)
COMMENT_WIDGET = re.compile(
    r"(?:add a (?:public )?comment|no comments yet|be the first to comment|sin comentarios|"
    r"aún no hay comentarios|a[uú]n no hay comentarios|sé el primero en comentar|"
    r"aucun commentaire|noch keine kommentare|sem comentários|nessun commento|"
    r"log in to comment|sign in to comment|sort by|newest first|oldest first)",
    re.IGNORECASE,
)
ADVERTISEMENT = _phrases(
    r"advertisements?",
    r"ad",
    r"ads",
    r"sponsored( content)?",
    r"paid content",
    r"promoted",
    r"story continues below( advertisement)?",
    r"article continues below( advertisement)?",
    r"continue reading below",
    r"scroll to continue( with content)?",
    r"publicidad",
    r"anuncio",
    r"publicité",
    r"anzeige",
    r"werbung",
    r"publicidade",
    r"pubblicità",
    r"reklam",
)
PLAYER_TIME = re.compile(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*$")
# UI chrome and footers; only ever applied to short lines.
FOOTER = re.compile(
    r"^\W*(?:newsletters?|subscribe\b|sign up\b|suscr[ií]bete|abonnez-vous|jetzt abonnieren|"
    r"assine\b|share( this)?( article| story| on \w+)?$|follow us\b|síguenos|all rights reserved|"
    r"©|\(c\)\s*\d{4}|copyright\b|close$|×$|✕$|back to top|print$|e-?mail$|facebook$|twitter$|"
    r"x$|whatsapp$|linkedin$|telegram$|reddit$|copy link$|privacy policy|terms of (use|service)|"
    r"cookie (policy|settings)|contact us$|about us$)",
    re.IGNORECASE,
)
HEADING_MARKER = re.compile(r"^\s*(?:[-*•]\s*)?(?:\d+[.)]\s*)?H[1-6]\s*:\s", re.IGNORECASE)
NUMBERED_ENTRY = re.compile(r"^\s*(?:[-*•]\s*)?\d+(?:\.\d+)*[.)]?\s+\S")
BULLET_ENTRY = re.compile(r"^\s*[-*•]\s+\S")
READING_TIME = re.compile(
    r"(?<!\d)\d{1,3}\s*(?:-|\s)?(?:min(?:ute)?s?|mins?)\.?\s+(?:de\s+|of\s+)?"
    r"(?:read(?:ing)?|lectura|leitura|lecture|lettura|okuma(?:\s+süresi)?)\b"
    r"|(?:reading time|tiempo de lectura|temps de lecture|lesezeit|tempo de leitura|tempo di lettura|"
    r"okuma süresi)\s*:?\s*\d{1,3}\s*(?:min(?:ute)?s?|minutos|minuten|minuti|dk)\b\.?",
    re.IGNORECASE,
)


def _whole(line: Line, reason: str) -> Excluded:
    start, end = line.span
    return Excluded(start, end, reason)


def _block(lines: list[Line], first: int, reason: str, accept: Iterable[str]) -> tuple[Excluded, int]:
    """Extend a furniture block from its header line ``first`` over accepted lines.

    ``accept`` names which line shapes continue the block: "toc" (numbered or
    bulleted entries), "headline" (title-sized lines), "short" (UI text of a
    comment widget). Blank lines and other furniture lines never end a block; the
    first line of another shape (article prose) does. Returns the block and the
    index of the last line in it.
    """
    kinds = set(accept)
    last = first
    for j in range(first + 1, len(lines)):
        line = lines[j]
        s = line.stripped
        if line.blank or _is_ui(line):
            if not line.blank:
                last = line.index
            continue
        if "toc" in kinds and (NUMBERED_ENTRY.match(s) or (BULLET_ENTRY.match(s) and is_headline_like(line))):
            last = line.index
            continue
        if "headline" in kinds and is_headline_like(line) and not is_prose(line):
            last = line.index
            continue
        if "short" in kinds and (COMMENT_WIDGET.search(s) or (line.words <= 12 and not is_prose(line))):
            last = line.index
            continue
        break
    return Excluded(lines[first].span[0], lines[last].span[1], reason), last


def _is_ui(line: Line) -> bool:
    s = line.stripped
    return bool(PLAYER_TIME.match(s) or ADVERTISEMENT.match(s) or (line.words <= 12 and FOOTER.match(s)))


def find_furniture(lines: list[Line]) -> list[Excluded]:
    """All furniture stretches in a document, sorted, nested ones dropped."""
    found: list[Excluded] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.stripped
        if not s:
            i += 1
            continue
        if TOC_HEADER.match(s):
            block, last = _block(lines, i, "table-of-contents", ["toc"])
            found.append(block)
            i = last + 1
            continue
        if _toc_run(lines, i) >= 3:  # numbered "H2:"/"H3:" entries with no header
            run = _toc_run(lines, i)
            found.append(Excluded(line.span[0], lines[i + run - 1].span[1], "table-of-contents"))
            i += run
            continue
        if RELATED_HEADER.match(s):
            block, last = _block(lines, i, "related-links", ["headline"])
            found.append(block)
            i = last + 1
            continue
        if COMMENTS_HEADER.match(s) or (line.words <= 12 and COMMENT_WIDGET.search(s)):
            block, last = _block(lines, i, "comments", ["short"])
            found.append(block)
            i = last + 1
            continue
        if line.words <= 30 and INLINE_RELATED.match(s):
            found.append(_whole(line, "related-links"))
        elif PLAYER_TIME.match(s):
            found.append(_whole(line, "player-timestamp"))
        elif ADVERTISEMENT.match(s):
            found.append(_whole(line, "advertisement"))
        elif line.words <= 12 and FOOTER.match(s):
            found.append(_whole(line, "footer"))
        elif HEADING_MARKER.match(s):
            found.append(_whole(line, "heading-marker"))
        else:
            for m in READING_TIME.finditer(line.text):
                found.append(Excluded(line.start + m.start(), line.start + m.end(), "reading-time"))
        i += 1
    return normalise(found)


def _toc_run(lines: list[Line], i: int) -> int:
    """Length of a run of numbered lines carrying heading markers ("- 13. H2: ...")."""
    run = 0
    for j in range(i, len(lines)):
        s = lines[j].stripped
        if NUMBERED_ENTRY.match(s) and HEADING_MARKER.match(s) and re.match(r"^\s*(?:[-*•]\s*)?\d", s):
            run += 1
        else:
            break
    return run


def normalise(spans: Iterable[Excluded]) -> list[Excluded]:
    """Sort by position and drop spans wholly inside another (kept: the outer one)."""
    ordered = sorted(spans, key=lambda e: (e.start, -e.end, e.reason))
    out: list[Excluded] = []
    for span in ordered:
        if out and out[-1].start <= span.start and span.end <= out[-1].end:
            continue
        out.append(span)
    return out


def excluded_lines(lines: list[Line], spans: Iterable[Excluded]) -> set[int]:
    """Indexes of non-blank lines wholly covered by one excluded span (one sweep, both sorted)."""
    ordered = sorted(spans, key=lambda e: (e.start, e.end))
    covered: set[int] = set()
    k = 0
    reach: Excluded | None = None  # the span reaching furthest among those started so far
    for line in lines:
        if line.blank:
            continue
        a, b = line.span
        while k < len(ordered) and ordered[k].start <= a:
            if reach is None or ordered[k].end > reach.end:
                reach = ordered[k]
            k += 1
        if reach is not None and b <= reach.end:
            covered.add(line.index)
    return covered
