"""The rule-kind contract: one class per kind, its docstring its documentation.

A kind declares its options as JSON Schema (validated at pack load), a default
severity and message template. Kinds contribute *data* to earlier stages
(qualifier tables, synonyms, tolerances, credibility weights) and *findings*
once the audit's records exist. Docstrings follow fixed sections — What it
checks / Why it matters / Example pack entry — because ``checker rules show``
prints them verbatim.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from checker.model import (
    AIFlag,
    Assertion,
    Document,
    Finding,
    Group,
    QualifierEntry,
    Severity,
    SynonymSet,
    Tolerance,
)
from checker.rules.pack import RuleSpec

REQUIRED_SECTIONS = ("What it checks", "Why it matters", "Example pack entry")


@dataclass
class AuditContext:
    """What a rule sees when it checks: the audit's records so far."""

    documents: Sequence[Document]
    assertions: Sequence[Assertion]
    groups: Sequence[Group] = ()
    ai_flags: Mapping[str, Sequence[AIFlag]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.assertions}
        self.docs = {d.id: d for d in self.documents}


class RuleKind:
    """Base of every rule kind; subclasses register with ``@rule_kinds.register``."""

    kind: ClassVar[str] = ""
    since: ClassVar[str] = "0.1.0"
    default_severity: ClassVar[Severity] = Severity.WARNING
    default_message: ClassVar[str] = "{rule}"
    options_schema: ClassVar[dict[str, Any]] = {"type": "object", "properties": {}, "additionalProperties": False}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        doc = cls.__doc__ or ""
        missing = [s for s in REQUIRED_SECTIONS if s not in doc]
        if cls.kind and missing:
            raise TypeError(f"rule kind {cls.kind!r} docstring lacks sections: {', '.join(missing)}")

    def __init__(self, spec: RuleSpec) -> None:
        self.spec = spec
        self.options = spec.options

    # ------------------------------------------------------------ contributions
    def qualifier_entries(self) -> tuple[QualifierEntry, ...]:
        return ()

    def synonym_sets(self) -> tuple[SynonymSet, ...]:
        return ()

    def tolerances(self) -> tuple[Tolerance, ...]:
        return ()

    def grouping_options(self) -> Mapping[str, Any]:
        return {}

    def judge(self, groups: Sequence[Group], by_id: Mapping[str, Assertion]) -> list[Group] | None:
        """Verdict rules return judged groups; others return None."""
        return None

    def ai_flags(self, doc: Document) -> list[AIFlag]:
        return []

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return ()

    # ----------------------------------------------------------------- helpers
    @property
    def id(self) -> str:
        return self.spec.id

    def format(self, **fields: Any) -> str:
        return render_message(self.spec.message, rule=self.spec.id, **fields)

    def finding(
        self,
        message: str,
        *,
        doc: Document | None = None,
        start: int | None = None,
        end: int | None = None,
        group: Group | None = None,
        evidence: str | None = None,
        key: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """A finding whose id hashes what it is about, never its line number.

        A group finding is about the group's key (subject, measure, unit,
        time), not the document that happens to hold the deciding figure, so a
        refreshed corpus keeps the id while the conflict stands.
        """
        line = column = None
        if doc is not None and start is not None:
            line, column = doc.line_col(start)
        where = "" if group is not None or doc is None else doc.id
        about = "\0".join([self.spec.id, where, group.key if group else "", key, normalise_evidence(evidence or "")])
        fid = "F" + hashlib.sha1(about.encode("utf-8")).hexdigest()[:12]
        return Finding(
            id=fid,
            rule=self.spec.id,
            severity=severity or self.spec.severity,
            message=message,
            doc_id=doc.id if doc else None,
            line=line,
            column=column,
            start=start,
            end=end,
            group_id=group.id if group else None,
            evidence=evidence,
        )


def normalise_evidence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(template: str, **fields: Any) -> str:
    """Fill ``{name}`` fields; unknown names stay visible rather than failing."""
    try:
        return string.Formatter().vformat(template, (), _Fields(fields))
    except (ValueError, IndexError, AttributeError):
        return template


def doc_sections(cls: type) -> str:
    """The kind's documentation, dedented (what ``checker rules show`` prints)."""
    import inspect

    return inspect.cleandoc(cls.__doc__ or "")
