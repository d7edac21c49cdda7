"""Bytes to text: binary sniffing and encoding detection.

Order matters: a BOM is proof, strict UTF-8 is near-proof (random legacy bytes
rarely form valid UTF-8), and only then is charset-normalizer asked to guess.
Text is returned with newlines normalised to ``\\n`` so offsets and line numbers
mean the same thing on every platform.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"{\\rtf", "RTF document"),
    (b"\xd0\xcf\x11\xe0", "OLE document (.doc/.xls)"),
)
_ALLOWED_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


class DecodeError(ValueError):
    """Why bytes are not a readable text document (one line, for an ``InputError``)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    how: str  # "bom" | "utf-8" | "detected"


def sniff_binary(data: bytes) -> str | None:
    """Return what the bytes look like if they are not text, else ``None``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if head:
        controls = sum(1 for b in head if b < 0x20 and b not in _ALLOWED_CONTROLS)
        if controls / len(head) > 0.05:
            return "binary data (control bytes)"
    return None


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> Decoded:
    """Decode document bytes or raise ``DecodeError`` with a one-line reason."""
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(_normalise(data[3:].decode("utf-8")), "utf-8-sig", "bom")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-8 after a UTF-8 BOM at byte {exc.start + 3}") from None
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(_normalise(data[2:].decode(name)), name, "bom")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name.upper()} after its BOM at byte {exc.start + 2}") from None
    what = sniff_binary(data)
    if what:
        raise DecodeError(f"not a text file: looks like {what}")
    try:
        return Decoded(_normalise(data.decode("utf-8")), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only legacy files pay for it

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    # charset-normalizer's ranking is noisy on short texts (it ranks cp1257 or
    # cp857 above cp1252 for plain French/English with curly quotes). Windows-1252
    # is the web's default legacy encoding (WHATWG maps latin-1 to it), so it wins
    # whenever it fits about as well as the top guess.
    for m in matches:
        if best is not None and m.encoding == "cp1252" and m.chaos <= best.chaos + 0.15:
            best = m
            break
    if best is None:
        raise DecodeError("cannot decode: not UTF-8 and no other encoding fits")
    text = str(best)
    if best.encoding != "cp1252":
        # cp1250 and cp1252 agree on most Western letters; when they give the same
        # text here, name the far more common one.
        try:
            if data.decode("cp1252") == text:
                return Decoded(_normalise(text), "cp1252", "detected")
        except UnicodeDecodeError:
            pass
    bad = sum(1 for ch in text if ord(ch) < 0x20 and ord(ch) not in _ALLOWED_CONTROLS)
    if bad or "\ufffd" in text:
        raise DecodeError(f"cannot decode cleanly (best guess {best.encoding} gives garbage)")
    return Decoded(_normalise(text), best.encoding, "detected")
