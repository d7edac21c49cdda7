"""Grouping on hand-built mentions: same figure worded differently joins; different subjects never do."""

from __future__ import annotations

from checker.group import group
from checker.rules import load_rules
from tests.helpers import assertion

RS = load_rules()


def run(*assertions):
    return group(assertions, RS.synonyms(), RS.grouping_options())


def test_synonym_measures_join_and_record_the_rule():
    a = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    b = assertion("≈ 61 %", 61, doc="B", subject="China", measure="global rare oxide production")
    (g,) = run(a, b)
    assert set(g.members) == {a.id, b.id}
    assert any(w.rule and "CHK003" in w.rule for w in g.why)
    assert all(w.reason for w in g.why)


def test_different_subjects_never_merge():
    a = assertion("25%", 25, doc="A", subject="Malaysia", measure="tariff on goods")
    b = assertion("100%", 100, doc="B", subject="China", measure="tariff on goods")
    assert run(a, b) == []


def test_different_units_never_merge():
    a = assertion("$150 billion", 150e9, unit="USD", doc="A", measure="bilateral trade")
    b = assertion("RM150 billion", 150e9, unit="MYR", doc="B", measure="bilateral trade")
    assert run(a, b) == []


def test_two_different_figures_in_one_document_stay_apart():
    a1 = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    a2 = assertion(
        "more than 80 percent",
        None,
        80,
        100,
        qualifier="gt",
        doc="A",
        subject="China",
        measure="refining capacity output",
    )
    b = assertion("61 %", 61, doc="B", subject="China", measure="mining production")
    groups = run(a1, a2, b)
    assert all(not ({a1.id, a2.id} <= set(g.members)) for g in groups)
    assert any({a1.id, b.id} <= set(g.members) for g in groups)


def test_unrelated_measures_stay_apart():
    a = assertion("$150 billion", 150e9, unit="USD", doc="A", measure="bilateral trade")
    b = assertion("$2.5 billion", 2.5e9, unit="USD", doc="B", measure="tax credits")
    assert run(a, b) == []


def test_group_ids_are_stable_and_content_derived():
    a = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    b = assertion("61 %", 61, doc="B", subject="China", measure="mining production")
    assert [g.id for g in run(a, b)] == [g.id for g in run(b, a)]
