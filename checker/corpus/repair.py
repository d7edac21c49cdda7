"""Mojibake: UTF-8 text that was decoded as Windows-1252/Latin-1 somewhere upstream.

A scraped page often arrives as valid UTF-8 that *says* "cafÃ©" and "itâ€™s":
the bytes of "é" and "’" were read as two or three Latin-1 characters and
encoded again. Such text decodes cleanly, so the decoder cannot see the damage;
this module can. It only acts where the damage is unambiguous: the text must
contain one of the tell-tale sequences (an "Ã", "Â", "Å", "Ð/Ñ" or "â€" lead
followed by a continuation character), and ftfy must agree the text gets
better. Clean text -- even text full of "é", "’" and "€" -- never reaches ftfy
and is returned unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.corpus.base import Record, how_for

# Characters a UTF-8 continuation byte (0x80-0xBF) turns into under cp1252/latin-1.
_CONT = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Lead characters of two-byte sequences seen in Western, Central European and
# Cyrillic mojibake, and the "â€"/"â‚" opening of three-byte punctuation.
MOJIBAKE = re.compile(rf"[ÃÂÅÄ][{_CONT}]|[ÐÑ][{_CONT}]|â€[{_CONT}]|â‚¬")


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    example: str  # the first damaged sequence, for the report ("Ã©")


def _count(text: str) -> int:
    return sum(1 for _ in MOJIBAKE.finditer(text))


def repair_mojibake(text: str) -> Repaired | None:
    """The repaired text, or ``None`` when there is nothing (unambiguous) to repair."""
    first = MOJIBAKE.search(text)
    if first is None:
        return None
    from ftfy import TextFixerConfig, fix_text  # imported late: only damaged texts pay for it

    config = TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=False,  # "Ã " with a plain space may be legitimate text
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    try:
        fixed = fix_text(text, config)
    except Exception:  # ftfy on arbitrary input: a failed repair leaves the text as it was
        return None
    if fixed == text or _count(fixed) >= _count(text):
        return None
    return Repaired(fixed, first.group(0))


def repair_record(record: Record) -> Record:
    """``record`` with mojibake repaired in its text and metadata, and the repair recorded."""
    fixed = None if record.excluded else repair_mojibake(record.text)  # excluded spans pin the offsets
    meta = dict(record.meta)
    examples = [fixed.example] if fixed else []
    for key, value in record.meta.items():
        got = repair_mojibake(value)
        if got:
            meta[key] = got.text
            examples.append(got.example)
    if not examples:
        return record
    how = record.encoding_how or how_for(record.encoding)
    return replace(
        record,
        text=fixed.text if fixed else record.text,
        meta=meta,
        encoding=f"{record.encoding or 'utf-8'} (mojibake repaired)",
        encoding_how=f"{how}; mojibake repaired by ftfy (e.g. {examples[0]!r})",
    )
