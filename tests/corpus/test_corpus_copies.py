"""Syndication: wire copies and light rewrites are one report, and the audit counts them once."""

from __future__ import annotations

import checker
from checker.corpus.copies import find_copies
from checker.model import Document, Metadata

WIRE = (
    "GENEVA (Reuters) - The World Health Organization said on Tuesday that 1,240 cholera cases had been "
    "recorded in the region since August. The agency warned that the outbreak could spread to three "
    "neighbouring provinces within weeks. Health workers have vaccinated about 85,000 people so far."
)
REWRITE = (
    "The World Health Organization said on Tuesday that 1,240 cholera cases had been recorded in the region "
    "since August, Reuters reported. The agency warned that the outbreak could spread to three neighbouring "
    "provinces within weeks, officials added."
)
OWN_REPORTING = (
    "Local doctors counted 1,310 cholera cases in the region since August, according to a hospital survey "
    "published on Wednesday. They said clean water remained scarce in the camps. One clinic reported that "
    "supplies of oral rehydration salts would run out by Friday."
)
QUOTES_ONE_LINE = (
    "Aid groups appealed for funds on Wednesday. The World Health Organization said on Tuesday that 1,240 "
    "cholera cases had been recorded in the region since August. Donors have pledged about $4 million, "
    "far short of the $20 million the appeal seeks for the next six months."
)


def doc(id_: str, text: str, published: str | None = None) -> Document:
    return Document(id=id_, text=text, meta=Metadata(published=published))


def test_a_rewrite_with_a_dateline_and_credit_is_a_copy_of_the_earlier_report():
    copies = find_copies([doc("b-rewrite", REWRITE, "2025-03-05"), doc("z-wire", WIRE, "2025-03-04")])
    assert copies == {"b-rewrite": "z-wire"}  # the earlier-published one is the original, whatever its id


def test_one_quoted_sentence_is_not_a_copy():
    assert find_copies([doc("a", WIRE), doc("b", QUOTES_ONE_LINE), doc("c", OWN_REPORTING)]) == {}


def test_boilerplate_many_documents_carry_is_not_copying():
    footer = " Sign up for our morning newsletter to get the day's top stories delivered to your inbox."
    stories = [f"Story number {i} is about a different topic entirely and has its own reporting here.{footer}"
               for i in range(30)]
    assert find_copies([doc(f"s{i:02d}", t) for i, t in enumerate(stories)]) == {}


def test_copies_are_one_independent_source_in_a_group():
    result = checker.audit(
        [doc("a", WIRE, "2025-03-04"), doc("b", REWRITE, "2025-03-05"), doc("c", OWN_REPORTING, "2025-03-05")],
        use_cache=False,
    )
    (g,) = [g for g in result.groups if g.unit is not None and "case" in (g.key + (g.measure or "")).lower()]
    assert g.copies == (("b", "a"),)
    assert g.independent == 2
    assert any(n.startswith("syndicated: b repeats a (2 independent of 3 sources)") for n in g.notes)
    # 1,240 (a) vs 1,240 (b) agree but are one report; both conflict with 1,310 (c): no independent agreement
    assert g.verdict.value == "conflict"
    assert g.agreement == 0.0
    record = {p.doc_id: p for p in result.profiles}["b"].credibility
    (agreement,) = [c for c in record.criteria if c.id == "agreement-record"]
    assert "0 of 1" in agreement.note
