"""Calendar dates as pages print them, in several languages, to ISO ``YYYY-MM-DD``.

Only explicit day-month-year forms are read; "10/11/2025" is ambiguous between
conventions and is left alone rather than guessed. Each match remembers the
language its month/weekday names came from, so a Spanish dateline on an English
article can be told apart.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

# month name -> (month number, languages using that spelling)
_MONTHS: dict[str, tuple[int, tuple[str, ...]]] = {}


def _months(lang: str, names: list[str]) -> None:
    for number, group in enumerate(names, start=1):
        for name in group.split("|"):
            if not name:
                continue
            month, langs = _MONTHS.get(name, (number, ()))
            _MONTHS[name] = (month, (*langs, lang))


_months(
    "en",
    [
        "january|jan",
        "february|feb",
        "march|mar",
        "april|apr",
        "may",
        "june|jun",
        "july|jul",
        "august|aug",
        "september|sep|sept",
        "october|oct",
        "november|nov",
        "december|dec",
    ],
)
_months(
    "es",
    [
        "enero|ene",
        "febrero|feb",
        "marzo|mar",
        "abril|abr",
        "mayo|may",
        "junio|jun",
        "julio|jul",
        "agosto|ago",
        "septiembre|setiembre|sep|sept",
        "octubre|oct",
        "noviembre|nov",
        "diciembre|dic",
    ],
)
_months(
    "fr",
    [
        "janvier|janv",
        "février|fevrier|févr|fevr",
        "mars",
        "avril|avr",
        "mai",
        "juin",
        "juillet|juil",
        "août|aout",
        "septembre|sept",
        "octobre|oct",
        "novembre|nov",
        "décembre|decembre|déc|dec",
    ],
)
_months(
    "de",
    [
        "januar|jänner|jan",
        "februar|feb",
        "märz|maerz|mär",
        "april|apr",
        "mai",
        "juni|jun",
        "juli|jul",
        "august|aug",
        "september|sep|sept",
        "oktober|okt",
        "november|nov",
        "dezember|dez",
    ],
)
_months(
    "pt",
    [
        "janeiro|jan",
        "fevereiro|fev",
        "março|marco|mar",
        "abril|abr",
        "maio|mai",
        "junho|jun",
        "julho|jul",
        "agosto|ago",
        "setembro|set",
        "outubro|out",
        "novembro|nov",
        "dezembro|dez",
    ],
)
_months(
    "it",
    [
        "gennaio|gen",
        "febbraio|feb",
        "marzo|mar",
        "aprile|apr",
        "maggio|mag",
        "giugno|giu",
        "luglio|lug",
        "agosto|ago",
        "settembre|set",
        "ottobre|ott",
        "novembre|nov",
        "dicembre|dic",
    ],
)
_months(
    "tr",
    [
        "ocak",
        "şubat|subat",
        "mart",
        "nisan",
        "mayıs|mayis",
        "haziran",
        "temmuz",
        "ağustos|agustos",
        "eylül|eylul",
        "ekim",
        "kasım|kasim",
        "aralık|aralik",
    ],
)

_WEEKDAYS: dict[str, tuple[str, ...]] = {}
for _lang, _names in {
    "en": "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun",
    "es": "lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo",
    "fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "de": "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag",
    "pt": "segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira|sábado|sabado|domingo",
    "it": "lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|domenica",
    "tr": "pazartesi|salı|sali|çarşamba|carsamba|perşembe|persembe|cuma|cumartesi|pazar",
}.items():
    for _name in _names.split("|"):
        _WEEKDAYS[_name] = (*_WEEKDAYS.get(_name, ()), _lang)


def _alt(names: object) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))  # type: ignore[call-overload]


_MONTH = rf"(?:{_alt(_MONTHS)})"
_WDAY = rf"(?:{_alt(_WEEKDAYS)})"
_NOT_LETTER = r"(?![^\W\d_])"
_YEAR = r"(?:19|20)\d{2}(?!\d)"

_DATE_RE = re.compile(
    rf"(?:(?P<wd>(?<![^\W\d_]){_WDAY}){_NOT_LETTER}\.?,?\s+)?"
    rf"(?:"
    rf"(?P<d1>(?<![\w.])[0-3]?\d)(?P<suf>st|nd|rd|th|er|º|°|\.)?\s+(?P<de1>de\s+)?"
    rf"(?P<m1>(?<![^\W\d_]){_MONTH}){_NOT_LETTER}\.?,?\s+(?P<de2>(?:de|del)\s+)?(?P<y1>{_YEAR})"
    rf"|"
    rf"(?P<m2>(?<![^\W\d_]){_MONTH}){_NOT_LETTER}\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d),?\s+(?P<y2>{_YEAR})"
    rf"|"
    rf"(?P<y3>(?<![\w.-])(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<m3>[01]\d)(?P=sep)(?P<d3>[0-3]\d)(?![\d/.-]\d)"
    rf")",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(_YEAR)


@dataclass(frozen=True, slots=True)
class DateMatch:
    iso: str
    start: int
    end: int
    text: str
    language: str | None  # None for numeric (ISO) dates


def _language(month: str | None, weekday: str | None, connector: bool, german_dot: bool) -> str | None:
    if month is None:
        return None
    langs = list(_MONTHS[month.lower()][1])
    if weekday:
        narrowed = [lang for lang in langs if lang in _WEEKDAYS.get(weekday.lower(), ())]
        langs = narrowed or langs
    if connector:  # "27 de octubre de 2025"
        langs = [lang for lang in langs if lang in {"es", "pt"}] or langs
    elif german_dot:  # "27. Oktober 2025"
        langs = [lang for lang in langs if lang == "de"] or langs
    return langs[0]


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every valid calendar date in ``text[start:end]``, offsets into ``text``."""
    out: list[DateMatch] = []
    stop = len(text) if end is None else end
    if not _ANY_YEAR.search(text, start, stop):  # every date form holds a year: a cheap first look
        return out
    for m in _DATE_RE.finditer(text, start, stop):
        if m.group("y1"):
            y, mo_name, d = m.group("y1"), m.group("m1"), m.group("d1")
            month = _MONTHS[mo_name.lower()][0]
            lang = _language(mo_name, m.group("wd"), bool(m.group("de1") or m.group("de2")), m.group("suf") == ".")
        elif m.group("y2"):
            y, mo_name, d = m.group("y2"), m.group("m2"), m.group("d2")
            month = _MONTHS[mo_name.lower()][0]
            lang = _language(mo_name, m.group("wd"), False, False)
        else:
            y, d = m.group("y3"), m.group("d3")
            month = int(m.group("m3"))
            lang = None
        try:
            day = _dt.date(int(y), month, int(d))
        except ValueError:
            continue
        out.append(DateMatch(day.isoformat(), m.start(), m.end(), m.group(0), lang))
    return out


def to_iso(value: object) -> str | None:
    """Normalise a metadata value (YAML date, ISO string, "1 November 2025") to ISO."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    found = find_dates(value.strip())
    return found[0].iso if found else None
