"""Line geometry shared by the metadata and furniture passes.

Both passes reason about whole lines (a dateline, a headline list) but must
report character offsets into the untouched ``Document.text``, so every line
carries its own ``start``/``end``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d.,:%]*", re.UNICODE)
# A sentence break inside a line: a lower-case word, end punctuation, a capital.
# "U.S. Secures" does not count (the letter before the dot is upper case).
_SENTENCE_BREAK = re.compile(r"[a-zà-ÿ]{2,}[.!?]\s+[A-ZÀ-Þ]")


@dataclass(frozen=True, slots=True)
class Line:
    index: int
    start: int  # offset of the first character
    end: int  # offset just past the last character (newline excluded)
    text: str
    words: int = 0  # word count, computed once by ``split_lines``

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def span(self) -> tuple[int, int]:
        """Offsets of the line without its leading/trailing blanks."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return self.start + lead, self.end - trail


def split_lines(text: str) -> list[Line]:
    """Split on ``\\n`` keeping offsets; the reader already normalised newlines."""
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(raw), raw, len(_WORD.findall(raw))))
        pos += len(raw) + 1
    return out


def is_prose(line: Line) -> bool:
    """A running-text line: enough words and ends like a sentence.

    Headlines, labels and list entries are short or end without a full stop;
    paragraphs of the article are neither.
    """
    s = line.stripped.rstrip("”\"’')»")
    return (line.words >= 12 and s[-1:] in {".", "!", "?", "…", ":", ";"}) or line.words >= 30


def is_headline_like(line: Line) -> bool:
    """A title-sized line without sentence structure (a list of headlines, a TOC entry)."""
    s = line.stripped
    if not s or len(s) > 250 or line.words > 30:
        return False
    if s.endswith(".") and not s.endswith("..."):
        return False
    return not _SENTENCE_BREAK.search(s)


def header_lines(lines: list[Line], skip: Iterable[int] = (), max_lines: int = 40) -> list[Line]:
    """Lines of the page head: everything before the second prose line.

    One prose line is allowed through because a standfirst often sits above the
    byline ("This commentary explores ..." / "By Dr X"). Lines in ``skip`` (already
    known furniture, e.g. a table of contents) are passed over, not counted.
    """
    skipped = set(skip)
    out: list[Line] = []
    prose = 0
    for line in lines:
        if line.index in skipped or line.blank:
            continue
        if is_prose(line):
            prose += 1
            if prose >= 2:
                break
        out.append(line)
        if len(out) >= max_lines:
            break
    return out


def tail_lines(lines: list[Line], skip: Iterable[int] = (), count: int = 5) -> list[Line]:
    """The last ``count`` non-blank, non-furniture lines (sign-offs, disclaimers)."""
    skipped = set(skip)
    body = [ln for ln in lines if not ln.blank and ln.index not in skipped]
    return body[-count:]
