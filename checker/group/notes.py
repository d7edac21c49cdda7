"""What a group says about itself: attribution, updated figures, and why each member is in."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise

from checker.group.keys import Keyed, magnitude
from checker.model import Assertion, Group


def attribution_notes(items: Sequence[Keyed]) -> set[str]:
    """Who the sources say the figure comes from, when they say it."""
    said = sorted({k.a.attribution for k in items if k.a.attribution and k.a.attribution[:1].isupper()})
    return {f"attributed to: {'; '.join(said)}"} if said else set()


def syndication(docs: Sequence[str], copies: Mapping[str, str]) -> tuple[tuple[tuple[str, str], ...], int]:
    """The (copy, original) pairs among a group's sources, and how many independent sources it has."""
    family = {d: copies.get(d, d) for d in docs}
    sizes = Counter(family.values())
    copied = tuple((d, family[d]) for d in docs if family[d] != d and sizes[family[d]] > 1)
    return copied, len(sizes)


def syndication_note(copied: Sequence[tuple[str, str]], independent: int, sources: int) -> str:
    pairs = "; ".join(f"{c} repeats {o}" for c, o in copied)
    return f"syndicated: {pairs} ({independent} independent of {sources} sources)"


def updated_figure(items: Sequence[Keyed], published: Mapping[str, str | None] | None) -> str | None:
    """A note when the figures differ and, sorted by publication date, never go down (older reports lower)."""
    if not published:
        return None
    dated = []
    for k in items:
        day = published.get(k.a.doc_id)
        figure = magnitude(k.a) if k.a.value is None else abs(k.a.value)
        if day and figure is not None:
            dated.append((str(day), figure, k))
    figures = [f for _, f, _ in dated]
    if len({d for d, _, _ in dated}) < 2 or not figures or max(figures) <= min(figures) * 1.02:
        return None  # one date, or figures that (nearly) agree: nothing was updated
    dated.sort(key=lambda d: (d[0], d[1]))
    days: dict[str, list[float]] = defaultdict(list)
    for d, f, _ in dated:
        days[d].append(f)
    ordered = sorted(days)
    for d1, d2 in pairwise(ordered):
        if max(days[d1]) > min(days[d2]):
            return None
    first, last = dated[0], dated[-1]
    return (f"updated figure: the values rise with publication date ({first[0]}: {first[2].a.text} -> "
            f"{last[0]}: {last[2].a.text}); later reports carry the newer count")


def explain(g: Group, assertions: Sequence[Assertion] | Mapping[str, Assertion]) -> str:
    """Why each member is in the group: its keys, its best score and the rules that joined it (the pack's synonym
    rules, or ``same-number`` for a figure joined as the same number restated)."""
    by_id = assertions if isinstance(assertions, Mapping) else {a.id: a for a in assertions}
    lines = [f"group {g.id}: {g.subject or ''} {g.measure or ''} [{g.unit or '-'}] key {g.key!r}".replace("  ", " ")]
    if g.verdict is not None and g.decided_by:
        lines.append(f"  verdict {g.verdict.value}, decided by {g.decided_by[0]} vs {g.decided_by[1]}: {g.reason}")
    for w in g.why:
        a = by_id.get(w.assertion_id)
        head = f"{a.doc_id} {a.text!r}" if a else w.assertion_id
        score = f"score {w.score:g}" if w.score is not None else "no score"
        rule = f"; rules {w.rule}" if w.rule else ""
        lines.append(f"  - {head}: {score}; {w.reason}{rule}")
    lines.extend(f"  note: {n}" for n in g.notes)
    return "\n".join(lines)


