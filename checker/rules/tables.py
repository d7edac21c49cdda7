"""Table kinds: data that earlier stages read (qualifiers, synonyms, grouping)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.model import QualifierEntry, Severity, SynonymSet
from checker.registry import rule_kinds
from checker.rules.base import RuleKind
from checker.tables import qualifier_entries, synonym_sets

_FACTOR = {"type": ["number", "null"], "minimum": 0}


@rule_kinds.register("qualifiers")
class Qualifiers(RuleKind):
    """Hedge words and the interval each implies around a stated figure.

    What it checks:
        Nothing by itself: it is the table extraction reads. "about X" becomes
        [low*X, high*X]; a bound ("more than X") is open on its side.

    Why it matters:
        Whether "about 60" and "61" agree depends on what "about" allows. The
        convention belongs to the desk, not the code.

    Example pack entry:
        id: DESK-010
        kind: qualifiers
        qualifiers:
          - {qualifier: approx, low: 0.9, high: 1.1, phrases: [ballpark]}
    """

    kind = "qualifiers"
    default_severity = Severity.INFO
    default_message = "qualifier table"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["qualifiers"],
        "properties": {
            "qualifiers": {
                "type": "array",
                "description": "Rows: qualifier, phrases, position (before|after), low/high factors of X, inclusivity.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["qualifier", "phrases"],
                    "properties": {
                        "qualifier": {"enum": ["exact", "approx", "range", "gt", "ge", "lt", "le", "upto", "nearly"]},
                        "phrases": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                        "position": {"enum": ["before", "after"]},
                        "low": _FACTOR,
                        "high": _FACTOR,
                        "low_inclusive": {"type": "boolean"},
                        "high_inclusive": {"type": "boolean"},
                    },
                },
            }
        },
    }

    def qualifier_entries(self) -> tuple[QualifierEntry, ...]:
        return qualifier_entries(self.options["qualifiers"], rule=self.id)


@rule_kinds.register("synonyms")
class Synonyms(RuleKind):
    """Words that name the same measure or subject, for grouping.

    What it checks:
        Nothing by itself: grouping maps every term of a set to its canonical
        word before fuzzy matching, and records the rule id as the reason two
        mentions joined ("refining" ~ "processing").

    Why it matters:
        Outlets word the same figure differently; without synonyms the same
        figure lands in two groups and a conflict is never seen.

    Example pack entry:
        id: DESK-020
        kind: synonyms
        sets:
          - {canonical: deaths, terms: [deaths, fatalities, death toll, lives]}

    With ``places: true`` the sets name places ("Kenyan", "Nairobi" -> kenya):
    grouping reads them as one place and never as measure words.
    """

    kind = "synonyms"
    default_severity = Severity.INFO
    default_message = "synonym table"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["sets"],
        "properties": {
            "sets": {
                "type": "array",
                "description": "Rows: terms (words or phrases), canonical (defaults to the first term).",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["terms"],
                    "properties": {
                        "terms": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2},
                        "canonical": {"type": "string"},
                    },
                },
            },
            "places": {"type": "boolean", "description": "The sets name places: keys, never measure words."},
        },
    }

    def synonym_sets(self) -> tuple[SynonymSet, ...]:
        return synonym_sets(self.options["sets"], rule=self.id, places=bool(self.options.get("places", False)))


def _words(description: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": description}


def _word_lists(description: str) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": description}


@rule_kinds.register("grouping")
class Grouping(RuleKind):
    """How alike two mentions must be to count as the same figure.

    What it checks:
        Nothing by itself: it tunes grouping. ``threshold`` is the minimum
        rapidfuzz similarity (0-100) of two measure keys; ``stopwords`` are
        words (or whole phrases) ignored when comparing measures; ``stories``
        is how alike (tf-idf cosine, 0-1) two documents' words must be to tell
        one story, figures of two stories never being compared (0 turns it
        off); the word
        lists ``not_places``, ``regions``, ``person_units``, ``person_roles``, ``count_measures``,
        ``exclusive``, ``fates``, ``change_verbs``, ``markers``, ``bases`` and ``bridges`` replace the
        built-in ones that read a mention's place, count, role, kind, change
        basis and own words.

    Why it matters:
        Too low and unrelated figures are compared (false conflicts); too high
        and the same figure worded twice is never compared.

    Example pack entry:
        id: DESK-030
        kind: grouping
        threshold: 70
    """

    kind = "grouping"
    default_severity = Severity.INFO
    default_message = "grouping policy"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "threshold": {"type": "number", "minimum": 0, "maximum": 100, "description": "Minimum measure similarity."},
            "stopwords": {"type": "array", "items": {"type": "string"}, "description": "Words ignored in measures."},
            "min_sources": {"type": "integer", "minimum": 2, "description": "Documents a group needs to be judged."},
            "stories": {"type": "number", "minimum": 0, "maximum": 1,
                        "description": "Cosine of two documents' words that makes them one story (0: off)."},
            "not_places": _words("Capitalised words never read as a place (days, months)."),
            "person_units": _words("Nouns that count people and take their measure from the clause."),
            "regions": _words("Places that, like a list of places, name a total over several (Caribbean, Europe)."),
            "count_measures": _words("Canonical measures a count is blocked on (deaths, evacuated, ...)."),
            "exclusive": _words("Canonical measures no two of which are one quantity (deaths, missing, injured)."),
            "fates": _words("Canonical measures that block a count whatever its noun (without power)."),
            "person_roles": _words("Nouns counting people in a role (passengers, workers): a count of people."),
            "change_verbs": _words("Verbs that make a sentence state a change (old and new level)."),
            "markers": _word_lists("Kinds of figure that never join a reported one (consensus, increment)."),
            "bridges": _words("Words that, between two figures, lead into the second ('$760 million up 56%')."),
            "bases": _word_lists("What a change is measured against (yoy, sequential); two bases never join."),
        },
    }

    def grouping_options(self) -> Mapping[str, Any]:
        return dict(self.options)


@rule_kinds.register("suppressions")
class Suppressions(RuleKind):
    """Findings about suppressions themselves: unused ones, and ones without a reason.

    What it checks:
        After inline markers (``checker: ignore[RULE] reason``), config
        suppressions and the baseline are applied: ``reports: unused`` flags a
        suppression that silenced nothing; ``reports: no-reason`` flags an
        inline marker that gives no reason.

    Why it matters:
        A suppression is a decision someone must be able to audit; a stale one
        hides the next real problem on that line.

    Example pack entry:
        id: DESK-090
        kind: suppressions
        severity: warning
        reports: unused
    """

    kind = "suppressions"
    default_severity = Severity.INFO
    default_message = "{message}"
    options_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["reports"],
        "properties": {"reports": {"enum": ["unused", "no-reason"], "description": "Which problem this rule reports."}},
    }
