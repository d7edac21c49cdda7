"""Rule-pack tables turned into the plain records stages consume.

Extraction and grouping read qualifier and synonym tables as data; they never
import the rule machinery. These builders are shared by the rule kinds that
own the tables and by tests that load a table directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from checker.model import Qualifier, QualifierEntry, SynonymSet


def default_pack_path() -> Path:
    """The shipped pack: inside the installed package, or ``rules/default`` in a checkout."""
    installed = Path(__file__).resolve().parent / "default_rules"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "rules" / "default"


def qualifier_entries(rows: Iterable[Mapping[str, Any]], rule: str = "") -> tuple[QualifierEntry, ...]:
    out: list[QualifierEntry] = []
    for row in rows:
        for phrase in row["phrases"]:
            out.append(
                QualifierEntry(
                    phrase=str(phrase).lower(),
                    qualifier=Qualifier(row["qualifier"]),
                    position=row.get("position", "before"),
                    low=row.get("low", 1.0),
                    high=row.get("high", 1.0),
                    low_inclusive=row.get("low_inclusive", True),
                    high_inclusive=row.get("high_inclusive", True),
                    rule=rule,
                )
            )
    return ordered_qualifiers(out)


def ordered_qualifiers(entries: Iterable[QualifierEntry]) -> tuple[QualifierEntry, ...]:
    """Longest phrase first, so "more than" wins over "more"; deterministic after that."""
    return tuple(sorted(entries, key=lambda e: (-len(e.phrase.split()), -len(e.phrase), e.phrase, e.position)))


def synonym_sets(rows: Iterable[Mapping[str, Any]], rule: str = "", places: bool = False) -> tuple[SynonymSet, ...]:
    out = []
    for row in rows:
        terms = tuple(str(t).lower() for t in row["terms"])
        canonical = str(row.get("canonical", terms[0])).lower()
        out.append(SynonymSet(rule=rule, terms=terms, canonical=canonical, place=places))
    return tuple(out)


def default_qualifiers() -> tuple[QualifierEntry, ...]:
    """The shipped qualifier table (tests and the spaCy component use it)."""
    data = yaml.safe_load((default_pack_path() / "qualifiers.yaml").read_text(encoding="utf-8"))
    return qualifier_entries(data["qualifiers"], rule=data["id"])
