"""Rule kinds, rule packs, and the ``RuleSet`` an audit runs."""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.model import AIFlag, Assertion, Document, Finding, Group, QualifierEntry, RuleInfo, Severity, SynonymSet
from checker.registry import rule_kinds
from checker.rules.base import AuditContext, RuleKind, doc_sections
from checker.rules.pack import RuleSpec, load_entries, load_packs
from checker.tables import default_pack_path, ordered_qualifiers

__all__ = ["AuditContext", "RuleKind", "RuleSet", "RuleSpec", "default_pack_path", "load_rules"]


class RuleSet:
    """The instantiated rules of an audit, in pack order."""

    def __init__(self, specs: Sequence[RuleSpec], severity: Mapping[str, str] | None = None) -> None:
        """``severity`` re-levels rules by id (``off`` disables), as config asks."""
        overrides = dict(severity or {})
        known = {s.id for s in specs}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise UsageError(f"severity override for unknown rule {unknown[0]!r} (known: {', '.join(sorted(known))})")
        self.specs = [self._override(s, overrides.get(s.id)) for s in specs]
        self.rules: list[RuleKind] = [rule_kinds.get(s.kind)(s) for s in self.specs if s.enabled]

    @staticmethod
    def _override(spec: RuleSpec, level: str | None) -> RuleSpec:
        if level is None:
            return spec
        if level == "off":
            return dataclasses.replace(spec, enabled=False)
        return dataclasses.replace(spec, severity=Severity(level))

    def spec(self, rule_id: str) -> RuleSpec | None:
        return next((s for s in self.specs if s.id == rule_id), None)

    def __iter__(self) -> Any:
        return iter(self.rules)

    def qualifiers(self) -> tuple[QualifierEntry, ...]:
        return ordered_qualifiers(e for r in self.rules for e in r.qualifier_entries())

    def synonyms(self) -> tuple[SynonymSet, ...]:
        return tuple(s for r in self.rules for s in r.synonym_sets())

    def grouping_options(self) -> Mapping[str, Any]:
        out: dict[str, Any] = {}
        for r in self.rules:
            out.update(r.grouping_options())
        return out

    def judge(self, groups: Sequence[Group], assertions: Iterable[Assertion]) -> list[Group]:
        by_id = {a.id: a for a in assertions}
        out = list(groups)
        for r in self.rules:
            judged = r.judge(out, by_id)
            if judged is not None:
                out = judged
        return out

    def ai_flags(self, doc: Document) -> tuple[AIFlag, ...]:
        flags = [f for r in self.rules for f in r.ai_flags(doc)]
        placed = [dataclasses.replace(f, line=line, column=col) for f in flags for line, col in [doc.line_col(f.start)]]
        return tuple(sorted(placed, key=lambda f: (f.start, f.end, f.rule)))

    def findings(self, ctx: AuditContext) -> list[Finding]:
        return [f for r in self.rules for f in r.check(ctx)]

    def of_kind(self, kind: str) -> list[RuleKind]:
        return [r for r in self.rules if r.spec.kind == kind]

    def fingerprint(self) -> str:
        """sha256 of every spec (options, severity, enabled) and of the source file of every rule
        kind in use, plugins' included: what a cached analysis must be invalidated by."""
        h = hashlib.sha256()
        for s in self.specs:
            h.update(json.dumps(dataclasses.asdict(s), sort_keys=True, default=str).encode() + b"\0")
        for kind in sorted({s.kind for s in self.specs}):
            source = inspect.getsourcefile(rule_kinds.get(kind))
            h.update(kind.encode() + b"\0" + (Path(source).read_bytes() if source else b"") + b"\0")
        return h.hexdigest()

    def info(self) -> tuple[RuleInfo, ...]:
        out = []
        for s in sorted(self.specs, key=lambda s: s.id):
            help_text = s.description or doc_sections(rule_kinds.get(s.kind)).split("\n\n")[0]
            summary = s.name or (s.description.split(". ")[0] if s.description else s.kind)
            out.append(
                RuleInfo(id=s.id, kind=s.kind, severity=s.severity, summary=summary, pack=s.pack, help=help_text)
            )
        return tuple(out)


def load_rules(
    extra: Sequence[str | Path] = (),
    *,
    default: bool = True,
    plugins: Sequence[str] = (),
    installed_plugins: bool = True,
    severity: Mapping[str, str] | None = None,
) -> RuleSet:
    """The default pack, extra packs, and the rules Python plugins ship, validated together."""
    from checker.plugins import load_plugins, plugin_rules

    modules = load_plugins(plugins, installed=installed_plugins)
    plugin_specs = [s for source, entries in plugin_rules(modules) for s in load_entries(entries, source, "plugin")]
    paths: list[str | Path] = [default_pack_path()] if default else []
    paths.extend(extra)
    return RuleSet(load_packs(paths, plugin_specs), severity)
