"""The records that flow between stages.

Every stage takes and returns these frozen dataclasses; no spaCy object,
DataFrame or YAML node crosses a stage boundary. Offsets are ``int`` character
offsets into ``Document.text``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


class Qualifier(enum.StrEnum):
    """How a figure is hedged; the vocabulary of the ``extract`` contract."""

    EXACT = "exact"
    APPROX = "approx"
    RANGE = "range"
    GT = "gt"
    GE = "ge"
    LT = "lt"
    LE = "le"
    UPTO = "upto"
    NEARLY = "nearly"


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class Verdict(enum.StrEnum):
    AGREE = "agree"
    MINOR = "minor-discrepancy"
    CONFLICT = "conflict"

    @property
    def rank(self) -> int:
        return {"agree": 0, "minor-discrepancy": 1, "conflict": 2}[self.value]


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class MetaSource:
    """Where one metadata field came from: the sidecar, or a quote in the text."""

    field: str
    origin: str  # "sidecar" | "text" | "jsonl" | "front-matter"
    start: int | None = None
    end: int | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    language: str | None = None
    kind: str | None = None  # "news", "opinion", ...
    encoding: str | None = None
    sources: tuple[MetaSource, ...] = ()


@dataclass(frozen=True, slots=True)
class Excluded:
    """A stretch of text that is page furniture, not article: never extracted."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    path: str | None = None
    meta: Metadata = field(default_factory=Metadata)
    excluded: tuple[Excluded, ...] = ()

    def is_excluded(self, start: int, end: int) -> bool:
        return any(e.start < end and start < e.end for e in self.excluded)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read; the audit goes on without it."""

    path: str
    message: str
    line: int | None = None
    code: str = "E200"


# ----------------------------------------------------------------------- rule data


@dataclass(frozen=True, slots=True)
class QualifierEntry:
    """One hedge phrase and the interval it implies around a stated figure X.

    ``low``/``high`` are factors of X (``None`` = unbounded on that side);
    ``position`` says whether the phrase comes before or after the figure.
    """

    phrase: str
    qualifier: Qualifier
    position: str = "before"  # "before" | "after"
    low: float | None = 1.0
    high: float | None = 1.0
    low_inclusive: bool = True
    high_inclusive: bool = True
    rule: str = ""


@dataclass(frozen=True, slots=True)
class SynonymSet:
    """Words that name the same measure or subject, for grouping."""

    rule: str
    terms: tuple[str, ...]
    canonical: str
    place: bool = False  # the terms name a place (a country, its adjective, its capital): a key, not a measure word


@dataclass(frozen=True, slots=True)
class Tolerance:
    """Agreement policy for one unit class (``*`` for the default)."""

    unit_class: str = "*"
    minor_relative: float = 0.02
    precision_match: bool = True
    absolute: float = 0.0
    rule: str = ""


# ---------------------------------------------------------------------- assertions


@dataclass(frozen=True, slots=True)
class Assertion:
    """One numeric statement, as the ``extract`` contract describes it."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    sentence: str
    sentence_start: int = 0
    line: int = 1
    column: int = 1
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit_surface: str | None = None
    unit_class: str | None = None  # percent | currency | physical | count | None
    dimension: str | None = None  # Pint dimensionality or currency code, for blocking
    scale: float | None = None
    stated_decimals: int | None = None  # digits after the decimal point as written (16.1 -> 1, 150 -> 0)
    subject: str | None = None
    subject_label: str | None = None  # NER label of the subject (GPE, ORG, PERSON, NORP), if any
    measure: str | None = None
    time: str | None = None
    change: str | None = None  # up | down
    attribution: str | None = None
    notes: tuple[str, ...] = ()
    # the sentence's names as NER labels them ((text, label), in order): grouping learns from them which
    # names the corpus uses as places ("in Paiporta") and which as organisations ("in Figma")
    entities: tuple[tuple[str, str], ...] = ()

    def to_record(self) -> dict[str, Any]:
        """The contract's dict form (``extract`` JSONL, ``audit.json``, cache entries, ``doc._.assertions``)."""
        return {f.name: getattr(self, f.name) for f in fields(self)} | {
            "qualifier": self.qualifier.value,
            "notes": list(self.notes),
            "entities": [list(e) for e in self.entities],
        }

    @classmethod
    def from_record(cls, d: Mapping[str, Any]) -> Assertion:
        """The inverse of ``to_record``; keys it does not know are ignored."""
        names = {f.name for f in fields(cls)}
        kept = {k: v for k, v in d.items() if k in names}
        entities = tuple((str(e[0]), str(e[1])) for e in d.get("entities", ()) or ())
        return cls(**{**kept, "qualifier": Qualifier(d["qualifier"]), "notes": tuple(d.get("notes", ())),
                      "entities": entities})


# -------------------------------------------------------------------------- groups


@dataclass(frozen=True, slots=True)
class Why:
    """Why one member joined its group."""

    assertion_id: str
    reason: str
    score: float | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class PairJudgement:
    a: str
    b: str
    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    key: str
    subject: str | None
    measure: str | None
    unit: str | None
    members: tuple[str, ...]
    why: tuple[Why, ...]
    time: str | None = None
    verdict: Verdict = Verdict.AGREE
    agreement: float = 1.0
    decided_by: tuple[str, str] | None = None
    reason: str = ""
    pairs: tuple[PairJudgement, ...] = ()
    notes: tuple[str, ...] = ()
    copies: tuple[tuple[str, str], ...] = ()  # (document, the document it copies) among the members' sources
    independent: int | None = None  # sources once syndicated copies count as their original

    def family(self, doc_id: str) -> str:
        """The original a document copies, or itself: copies are one source, not several."""
        for copy, original in self.copies:
            if copy == doc_id:
                return original
        return doc_id

    def _repr_html_(self) -> str:
        from checker.render.notebook import group_html

        return group_html(self)


# ------------------------------------------------------------------------ findings


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    rule: str
    severity: Severity
    message: str
    doc_id: str | None
    line: int | None
    column: int | None
    start: int | None = None
    end: int | None = None
    group_id: str | None = None
    evidence: str | None = None
    suppressed: str | None = None  # why it does not count: "baseline", "inline: reason", "config: reason"


# ----------------------------------------------------------------- source profiles


@dataclass(frozen=True, slots=True)
class AIFlag:
    rule: str
    kind: str  # disclosure | leaked-assistant | template-residue
    evidence: str
    start: int
    end: int
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int | None = None
    end: int | None = None
    group_id: str | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: str
    points: float
    possible: float
    evidence: tuple[Evidence, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Credibility:
    score: int
    criteria: tuple[Criterion, ...]
    insufficient_evidence: bool = False


@dataclass(frozen=True, slots=True)
class SourceProfile:
    doc_id: str
    ai_generated: bool
    ai_flags: tuple[AIFlag, ...]
    credibility: Credibility


# --------------------------------------------------------------------------- audit


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What renderers need to know of a rule (SARIF ``driver.rules``, docs)."""

    id: str
    kind: str
    severity: Severity
    summary: str
    pack: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Audit:
    documents: tuple[Document, ...]
    profiles: tuple[SourceProfile, ...]
    assertions: tuple[Assertion, ...]
    groups: tuple[Group, ...]
    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...]
    rules: tuple[RuleInfo, ...] = ()
    model: str = ""
    schema_version: str = "1.0"
    baseline_fixed: tuple[str, ...] = ()  # baseline finding ids no longer found

    def profile(self, doc_id: str) -> SourceProfile | None:
        return next((p for p in self.profiles if p.doc_id == doc_id), None)

    def assertion(self, assertion_id: str) -> Assertion | None:
        return next((a for a in self.assertions if a.id == assertion_id), None)

    # Views and loaders live downstream (serialize, frames, render); these are
    # thin doors to them so notebook users find everything on the object.
    @classmethod
    def from_json(cls, path: str | Path) -> Audit:
        """Reload a saved audit.json into the same object (documents come back without text)."""
        from checker.serialize import load

        return load(path)

    def to_json(self) -> str:
        from checker.serialize import dumps

        return dumps(self)

    def assertions_frame(self) -> Any:
        from checker.frames import assertions_frame

        return assertions_frame(self)

    def groups_frame(self) -> Any:
        from checker.frames import groups_frame

        return groups_frame(self)

    def documents_frame(self) -> Any:
        from checker.frames import documents_frame

        return documents_frame(self)

    def findings_frame(self) -> Any:
        from checker.frames import findings_frame

        return findings_frame(self)

    def _repr_html_(self) -> str:
        from checker.render.notebook import audit_html

        return audit_html(self)
