"""Text-pattern kinds: a phrase or regex in a document raises a finding."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from checker.errors import RulePackError
from checker.model import AIFlag, Document, Finding, Severity
from checker.registry import rule_kinds
from checker.rules.base import AuditContext, RuleKind

AI_FLAG_KINDS = ("disclosure", "leaked-assistant", "template-residue")
GUARD_WINDOW = 120
_STRING = {"type": "string", "minLength": 1}
OPENING_QUOTES = "“„«‹「『"
CLOSING_QUOTES = "”»›」』"


def inside_quotation(text: str, offset: int) -> bool:
    """Whether ``offset`` falls inside a quotation opened earlier in its paragraph.

    Straight double quotes toggle; curly, guillemet and corner quotes nest. A
    "“" closes a German „…“ quotation and opens an English one. Single quotes
    are ignored: they double as apostrophes.
    """
    para = text.rfind("\n", 0, offset)
    straight = False
    stack: list[str] = []
    for ch in text[para + 1 : offset]:
        if ch == '"':
            straight = not straight
        elif ch == "“" and stack and stack[-1] == "„":
            stack.pop()
        elif ch in OPENING_QUOTES:
            stack.append(ch)
        elif ch in CLOSING_QUOTES and stack:
            stack.pop()
    return straight or bool(stack)


def _phrase_regex(phrase: str) -> str:
    """A literal phrase matched on word boundaries, tolerant of spacing and quote styles."""
    parts = []
    for ch in phrase:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in "'’‘`":
            parts.append("['’‘`]")
        elif ch in '"“”':
            parts.append('["“”]')
        else:
            parts.append(re.escape(ch))
    body = "".join(parts).replace(r"(\s+)+", r"\s+")
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return left + body + right


@rule_kinds.register("pattern")
class Pattern(RuleKind):
    """A phrase or regular expression whose presence raises a finding.

    What it checks:
        Every document's text (page furniture excluded unless
        ``include_furniture``) for ``phrases`` (literal, case-insensitive,
        whole words, any quote style) and ``patterns`` (Python regexes). A
        ``guard`` regex that matches the 120 characters before a hit cancels
        it, so reported speech ("the chatbot replied: ...") is not flagged;
        with ``skip_quoted`` a hit inside quotation marks opened earlier in its
        paragraph is dropped too (a quoted chatbot reply is news, not residue).
        A regex may name a ``hit`` group: only that part is reported.
        With ``ai_flag`` set the hit also marks the source as machine-written.

    Why it matters:
        Some problems are words, not figures: an AI-generation disclosure, a
        chatbot's leaked reply, "sources say" with no source named.

    Example pack entry:
        id: DESK-100
        kind: pattern
        severity: warning
        message: "Unattributed claim: {match}"
        phrases: [sources say, it is said that]
    """

    kind = "pattern"
    default_severity = Severity.WARNING
    default_message = "{match}"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "phrases": {"type": "array", "items": _STRING, "description": "Literal phrases."},
            "patterns": {"type": "array", "items": _STRING, "description": "Python regexes."},
            "ignore_case": {"type": "boolean", "description": "Case-insensitive matching (default true)."},
            "ai_flag": {"enum": list(AI_FLAG_KINDS), "description": "Mark matching sources as machine-written."},
            "guard": {"type": "string", "description": "Regex on the 120 characters before a hit that cancels it."},
            "skip_quoted": {"type": "boolean", "description": "Drop hits inside quotation marks (default false)."},
            "max_per_document": {
                "type": "integer",
                "minimum": 1,
                "description": "At most this many hits per document.",
            },
            "include_furniture": {"type": "boolean", "description": "Also search page furniture (default true)."},
        },
    }

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        """One compiled regex per phrase list and per pattern (each may name a ``hit`` group)."""
        sources = [_phrase_regex(p) for p in self.options.get("phrases", [])]
        sources += list(self.options.get("patterns", []))
        if not sources:
            raise RulePackError("a pattern rule needs 'phrases' or 'patterns'", self.spec.file, self.spec.line)
        flags = (re.IGNORECASE if self.options.get("ignore_case", True) else 0) | re.MULTILINE
        out = []
        for src in sources:
            try:
                out.append(re.compile(src, flags))
            except re.error as exc:
                raise RulePackError(f"bad regex in rule {self.id}: {exc}", self.spec.file, self.spec.line) from None
        return out

    @cached_property
    def guard(self) -> re.Pattern[str] | None:
        g = self.options.get("guard")
        return re.compile(g, re.IGNORECASE) if g else None

    @cached_property
    def _memo(self) -> dict[str, tuple[str, list[tuple[int, int]]]]:
        return {}

    def matches(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of hits, earliest first; overlapping hits merge into the first (memoised per document:
        AI flags and findings ask for the same matches)."""
        memo = self._memo
        hit = memo.get(doc.id)
        if hit is not None and hit[0] is doc.text:
            return list(hit[1])
        found = self._matches(doc)
        memo[doc.id] = (doc.text, found)
        return list(found)

    def _matches(self, doc: Document) -> list[tuple[int, int]]:
        furniture = self.options.get("include_furniture", True)
        quoted = self.options.get("skip_quoted", False)
        spans: list[tuple[int, int]] = []
        for rx in self.regexes:
            for m in rx.finditer(doc.text):
                start, end = m.span("hit") if "hit" in rx.groupindex and m.group("hit") is not None else m.span()
                while end > start and doc.text[end - 1].isspace():
                    end -= 1
                if end == start:
                    continue
                if not furniture and doc.is_excluded(start, end):
                    continue
                if self.guard and self.guard.search(doc.text[max(0, start - GUARD_WINDOW) : start]):
                    continue
                if quoted and inside_quotation(doc.text, start):
                    continue
                spans.append((start, end))
        spans.sort(key=lambda s: (s[0], -s[1]))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged[: self.options.get("max_per_document", 5)]

    def ai_flags(self, doc: Document) -> list[AIFlag]:
        kind = self.options.get("ai_flag")
        if not kind:
            return []
        return [AIFlag(rule=self.id, kind=kind, evidence=doc.text[s:e], start=s, end=e) for s, e in self.matches(doc)]

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for doc in ctx.documents:
            for start, end in self.matches(doc):
                hit = doc.text[start:end]
                yield self.finding(self.format(match=hit, doc=doc.id), doc=doc, start=start, end=end, evidence=hit)


@rule_kinds.register("existence")
class Existence(Pattern):
    """Vale's name for a pattern rule: listed words must not appear.

    What it checks:
        The same as ``pattern``: any of ``phrases`` or ``patterns`` in a
        document raises a finding.

    Why it matters:
        Users coming from Vale look for ``existence``; it is the same engine.

    Example pack entry:
        id: DESK-101
        kind: existence
        message: "Hedge without a source: {match}"
        phrases: [reportedly, it is understood]
    """

    kind = "existence"
