"""Saved web pages: the article's main text and the page's own metadata.

trafilatura (offline: it is handed the page, it never fetches) drops the
navigation, footers, related-link lists and comments and returns the article;
``Document.text`` is that text, so every offset refers to it. Title, author,
publication date, site name and canonical URL come from the page's markup
(meta tags, JSON-LD, ``<time>``) and are recorded with origin ``"html"``.

Dates are read from markup only (``extensive_search`` off): htmldate's text
search would take the first date in running text ("On 20 October 2025, ...")
for the publication date, which is exactly the mistake ``meta`` avoids.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field

from checker.corpus.dates import to_iso
from checker.corpus.decode import Decoded, DecodeError, decode, sniff_binary

# trafilatura logs "empty HTML tree" and friends; without a handler Python would
# print them on stderr. Applications that configure logging still receive them.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_HTML_START = re.compile(
    rb"\A(?:\s|<\?xml[^>]{0,200}>|<!--.{0,2000}?-->)*<(?:!doctype\s+html|html)(?:[\s>]|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?(?P<lang>[A-Za-z]{2,3})\b""", re.IGNORECASE)
_MIN_WORDS = 5
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def looks_like_html(data: bytes) -> bool:
    """True when the bytes open like an HTML page (``<!doctype html`` or ``<html``)."""
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = head.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return False
    return bool(_HTML_START.match(head))


def decode_html(data: bytes) -> Decoded:
    """Like ``decode``, but a ``<meta charset>`` declaration beats guessing.

    A BOM or valid UTF-8 still comes first (pages often declare the wrong charset
    after being re-saved); latin-1 and ASCII declarations mean Windows-1252, as
    browsers read them.
    """
    if not data.strip() or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    try:
        data.decode("utf-8")
        return decode(data)
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m and not sniff_binary(data):
        try:
            name = codecs.lookup(m.group("cs").decode("ascii")).name
            name = _WHATWG_ALIASES.get(name, name)
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
        else:
            return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), name, "declared")
    return decode(data)


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    meta: dict[str, str] = field(default_factory=dict)


class ExtractError(ValueError):
    """The page has no extractable article text (one line, for an ``InputError``)."""


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def extract_article(page: str) -> Extracted:
    """Main text and metadata of one page, or ``ExtractError``."""
    import trafilatura  # imported late: only HTML corpora pay for it

    try:
        doc = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception as exc:  # lxml/trafilatura on arbitrary markup: report it, never crash the audit
        raise ExtractError(f"cannot parse the HTML page ({type(exc).__name__})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        raise ExtractError("no article text found in the HTML page")
    words = len(text.split())
    if words < _MIN_WORDS:  # trafilatura's fallbacks return a menu item ("Home") for empty pages
        raise ExtractError(f"no article text found in the HTML page (only {words} words extracted)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    for attr, name in (("title", "title"), ("author", "byline"), ("sitename", "outlet"), ("url", "url")):
        value = _clean(getattr(doc, attr, None))
        if value:
            meta[name] = value.replace("; ", ", ") if name == "byline" else value
    date = to_iso(_clean(getattr(doc, "date", None)) or "")
    if date:
        meta["published"] = date
    lang = _HTML_LANG.search(page[:8192])
    if lang:
        meta["language"] = lang.group("lang").lower()
    return Extracted(text, meta)


__all__ = ["DecodeError", "ExtractError", "Extracted", "decode_html", "extract_article", "looks_like_html"]
