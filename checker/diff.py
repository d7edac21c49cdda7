"""Story drift between two audits (``checker diff OLD.json NEW.json``).

Findings are matched by id, which hashes what a finding is about (for a
group: rule, subject, measure, unit, time scope), so a refreshed corpus shows
only the conflicts that are new, gone, or changed verdict — not every line
that moved.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Audit, Finding, Group, Severity


@dataclass(frozen=True)
class VerdictChange:
    key: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Drift:
    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]
    verdicts: tuple[VerdictChange, ...]
    groups_added: tuple[Group, ...]
    groups_removed: tuple[Group, ...]

    def failing(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        floor = Severity(fail_on).rank
        return any(f.severity.rank >= floor for f in self.new)


def _active(audit: Audit) -> dict[str, Finding]:
    return {f.id: f for f in audit.findings if f.suppressed is None}


def _label(g: Group) -> str:
    return " — ".join(x for x in (g.subject, g.measure) if x) or g.key


def drift(old: Audit, new: Audit) -> Drift:
    a, b = _active(old), _active(new)
    old_groups = {g.key: g for g in old.groups}
    new_groups = {g.key: g for g in new.groups}
    changes = tuple(
        VerdictChange(k, _label(new_groups[k]), old_groups[k].verdict.value, new_groups[k].verdict.value)
        for k in sorted(old_groups.keys() & new_groups.keys())
        if old_groups[k].verdict is not new_groups[k].verdict
    )
    return Drift(
        new=tuple(b[i] for i in sorted(b.keys() - a.keys())),
        fixed=tuple(a[i] for i in sorted(a.keys() - b.keys())),
        unchanged=tuple(b[i] for i in sorted(a.keys() & b.keys())),
        verdicts=changes,
        groups_added=tuple(new_groups[k] for k in sorted(new_groups.keys() - old_groups.keys())),
        groups_removed=tuple(old_groups[k] for k in sorted(old_groups.keys() - new_groups.keys())),
    )


def report(d: Drift) -> str:
    lines = [
        f"{len(d.new)} new, {len(d.fixed)} fixed, {len(d.unchanged)} unchanged findings; "
        f"{len(d.verdicts)} verdict changes; {len(d.groups_added)} groups added, {len(d.groups_removed)} removed"
    ]
    lines += [f"+ {f.severity.value:7} {f.rule} {f.doc_id or '-'}: {f.message}" for f in d.new]
    lines += [f"- {f.severity.value:7} {f.rule} {f.doc_id or '-'}: {f.message}" for f in d.fixed]
    lines += [f"~ {c.label}: {c.old} -> {c.new}" for c in d.verdicts]
    lines += [f"+ group {_label(g)} ({g.verdict.value})" for g in d.groups_added]
    lines += [f"- group {_label(g)} ({g.verdict.value})" for g in d.groups_removed]
    return "\n".join(lines) + "\n"
