"""The seed audit against ../shared/gold/seeds.yaml: what a careful human auditor finds.

Everything here comes out of general rules; nothing in checker/ names a seed
string (test_no_seed_strings_in_code checks that too).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checker.model import Audit, Verdict

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold/seeds.yaml not beside the repo")


@pytest.fixture(scope="module")
def gold() -> dict:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_audit() -> Audit:
    from checker.api import audit

    return audit([ROOT / "seeds"])


def mention_ids(audit: Audit, doc_id: str, quote: str) -> set[str]:
    """Assertions overlapping any occurrence of the quote in the document."""
    doc = next(d for d in audit.documents if d.id == doc_id)
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), doc.text)]
    assert spans, f"quote {quote!r} not in {doc_id}"
    return {a.id for a in audit.assertions if a.doc_id == doc_id and any(a.start < e and s < a.end for s, e in spans)}


def test_every_gold_group_comes_out_whole_with_its_verdict(seed_audit, gold):
    problems = []
    for g in gold["groups"]:
        found = [mention_ids(seed_audit, m["doc"], m["quote"]) for m in g["mentions"]]
        missing = [m["quote"] for m, ids in zip(g["mentions"], found, strict=False) if not ids]
        if missing:
            problems.append(f"{g['id']}: not extracted: {missing}")
            continue
        holders = [grp for grp in seed_audit.groups if all(ids & set(grp.members) for ids in found)]
        if not holders:
            problems.append(f"{g['id']}: mentions not in one group")
            continue
        verdict = holders[0].verdict
        expect = g["expect"]
        ok = (
            verdict is Verdict.AGREE
            if expect == "agree"
            else (verdict is Verdict.CONFLICT if expect == "conflict" else verdict is not Verdict.AGREE)
        )
        if not ok:
            problems.append(f"{g['id']}: verdict {verdict.value}, expected {expect} ({holders[0].reason})")
    assert not problems, "\n".join(problems)


def test_gold_intervals_are_extracted(seed_audit, gold):
    by_id = {a.id: a for a in seed_audit.assertions}
    for g in gold["groups"]:
        for m in g["mentions"]:
            ids = mention_ids(seed_audit, m["doc"], m["quote"])
            a = by_id[sorted(ids)[0]]
            assert a.unit == g["unit"], (m["quote"], a.unit)
            m = {**m, "low": float(m["low"]), "high": float(m["high"])}  # YAML 1.1 reads 15.39e6 as a string
            if m["low"] == m["high"] and a.qualifier.value == "approx":
                # the gold quote leaves out a hedge the text has ("estimated at", "around");
                # the file's own convention reads it as approx: the stated figure must match
                assert a.value == pytest.approx(m["low"], rel=1e-6), (m["quote"], a)
                assert a.text.endswith(m["quote"]) and len(a.text) > len(m["quote"]), (m["quote"], a.text)
                continue
            lo = a.low if a.low is not None else a.value
            hi = a.high if a.high is not None else a.value
            assert lo == pytest.approx(m["low"], rel=1e-6), (m["quote"], a)
            assert hi == pytest.approx(m["high"], rel=1e-6), (m["quote"], a)


def test_reserves_group_names_the_tons_ambiguity(seed_audit, gold):
    g = next(x for x in gold["groups"] if x["unit"] == "t")
    ids = mention_ids(seed_audit, g["mentions"][0]["doc"], g["mentions"][0]["quote"])
    grp = next(x for x in seed_audit.groups if ids & set(x.members))
    assert any("tons" in n and "ambiguous" in n for n in grp.notes)


def test_ai_generated_sources_are_flagged_with_verbatim_evidence(seed_audit, gold):
    docs = {d.id: d for d in seed_audit.documents}
    for doc_id, expect in gold["ai_generated"].items():
        prof = seed_audit.profile(doc_id)
        assert prof is not None
        assert prof.ai_generated is expect["flag"], doc_id
        if expect["flag"]:
            text = docs[doc_id].text
            for f in prof.ai_flags:
                assert text[f.start : f.end] == f.evidence
            assert any(expect["evidence"] in f.evidence or f.evidence in expect["evidence"] for f in prof.ai_flags), (
                doc_id,
                [f.evidence for f in prof.ai_flags],
            )


def test_no_page_furniture_number_enters_a_group(seed_audit):
    docs = {d.id: d for d in seed_audit.documents}
    grouped = {m for g in seed_audit.groups for m in g.members}
    for a in seed_audit.assertions:
        if a.id in grouped:
            assert not docs[a.doc_id].is_excluded(a.start, a.end), a
    # the specific furniture the gold file names
    for a in seed_audit.assertions:
        doc = docs[a.doc_id]
        line = doc.text[doc.text.rfind("\n", 0, a.start) + 1 : doc.text.find("\n", a.end)]
        assert not re.match(r"^\s*-\s*\d+\.\s", line) or a.id not in grouped, line
        assert "min de lectura" not in line, a
        assert not re.fullmatch(r"(19|20)\d\d", a.text), a
        assert not re.fullmatch(r"\d{1,2}:\d\d", a.text), a
    related = docs["003_6a56fb632549cbd9.txt"].text.find("Related Articles")
    assert not [a for a in seed_audit.assertions if a.doc_id.startswith("003") and a.start > related]


def test_document_metadata_matches_gold(seed_audit, gold):
    docs = {d.id: d for d in seed_audit.documents}
    for doc_id, expect in gold["documents"].items():
        meta = docs[doc_id].meta
        published = expect.get("published")
        assert meta.published == (str(published) if published else None), doc_id
        assert meta.byline == expect.get("byline"), doc_id
        if "outlet" in expect:
            assert meta.outlet == expect["outlet"]
        if expect.get("kind"):
            assert meta.kind == expect["kind"]


def test_no_seed_strings_in_code():
    seedish = re.compile(r"rare.?earth|malaysia|lynas|archyde|beijing post|discovery alert|albert fox", re.I)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "checker").rglob("*.py")
        if seedish.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders
