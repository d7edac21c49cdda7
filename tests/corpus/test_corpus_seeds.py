"""The seed corpus against the auditor's gold file (../shared/gold/seeds.yaml).

Expectations are read from the gold file, never copied into code, and the
corpus rules contain no seed strings: these tests show that general rules
produce the auditor's answers. Furniture is checked from both sides: what the
gold calls "not assertions" is excluded, and every figure the gold groups
quote stays readable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.corpus import find_dates, read_corpus
from checker.model import Document

ROOT = Path(__file__).parents[2]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="gold file or seeds absent")


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    found, errors = read_corpus([SEEDS])
    assert errors == []
    return {d.id: d for d in found}


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def test_all_seeds_read_sorted(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    assert sorted(docs) == sorted(gold["documents"])
    assert list(docs) == sorted(docs)


@pytest.mark.parametrize("field", ["published", "byline", "outlet", "kind"])
def test_document_metadata_matches_gold(docs: dict[str, Document], gold: dict[str, Any], field: str) -> None:
    for doc_id, expected in gold["documents"].items():
        if field not in expected:
            continue
        got = getattr(docs[doc_id].meta, field)
        assert got == _iso(expected[field]), (doc_id, field, got)


def test_text_rules_alone_find_bylines_and_dates(tmp_path: Path, gold: dict[str, Any]) -> None:
    """Without the sidecar the byline/date/kind still come out of the text."""
    for path in SEEDS.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    found, _ = read_corpus([tmp_path])
    by_id = {d.id: d for d in found}
    for doc_id, expected in gold["documents"].items():
        meta = by_id[doc_id].meta
        assert meta.published == _iso(expected.get("published")), doc_id
        assert meta.byline == expected.get("byline"), doc_id
        if "kind" in expected:
            assert meta.kind == expected["kind"], doc_id


def test_dateline_language(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    for doc_id, expected in gold["documents"].items():
        if "language_of_dateline" not in expected:
            continue
        src = next(s for s in docs[doc_id].meta.sources if s.field == "published")
        assert src.evidence is not None
        assert find_dates(src.evidence)[0].language == expected["language_of_dateline"]


def test_gold_figures_are_never_excluded(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    for group in gold["groups"]:
        for mention in group["mentions"]:
            d = docs[mention["doc"]]
            start = d.text.find(mention["quote"])
            assert start >= 0, mention
            assert not d.is_excluded(start, start + len(mention["quote"])), (group["id"], mention)


def test_ai_evidence_stays_readable(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    """At least one occurrence of each AI-disclosure quote is outside furniture
    (001 repeats its quote inside the table of contents, which is excluded)."""
    for doc_id, expected in gold["ai_generated"].items():
        evidence = expected.get("evidence")
        if evidence:
            d = docs[doc_id]
            starts = [m.start() for m in re.finditer(re.escape(evidence), d.text)]
            assert starts and any(not d.is_excluded(s, s + len(evidence)) for s in starts), doc_id


def _all_excluded(d: Document, pattern: str) -> int:
    hits = list(re.finditer(pattern, d.text, re.MULTILINE))
    for m in hits:
        assert d.is_excluded(m.start(), m.end()) and all(
            d.is_excluded(i, i + 1) for i in range(m.start(), m.end()) if not d.text[i].isspace()
        ), (d.id, m.group(0))
    return len(hits)


def _doc_for(docs: dict[str, Document], gold: dict[str, Any], fragment: str) -> Document:
    """The seed whose not_assertions entry mentions ``fragment`` (ids come from the gold file)."""
    for entry in gold["not_assertions"]:
        if fragment in entry["what"] and entry["doc"] in docs:
            return docs[entry["doc"]]
    pytest.skip(f"gold has no not_assertions entry about {fragment!r}")


def test_table_of_contents_numbering_excluded(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    d = _doc_for(docs, gold, "table-of-contents")
    assert _all_excluded(d, r"^- \d+\. .*$") == 32
    assert _all_excluded(d, r"^H[23]: .*$") > 0
    assert _all_excluded(d, r"Case Study \d") >= 3


def test_dateline_and_reading_time_excluded(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    d = _doc_for(docs, gold, "dateline")
    assert _all_excluded(d, r"\d+ de \w+ de \d{4}, \d+:\d+ am ET") == 1
    assert _all_excluded(d, r"\d+ min de lectura") == 1


def test_related_articles_and_player_timestamps_excluded(docs: dict[str, Document], gold: dict[str, Any]) -> None:
    d = _doc_for(docs, gold, "Related Articles")
    assert _all_excluded(d, r"^Related Articles$") == 1
    assert _all_excluded(d, r"BYD Profit Falls 33 %") == 1
    assert _all_excluded(d, r"^0:00$") >= 1
    related = d.text.index("Related Articles")
    assert all(d.is_excluded(i, i + 1) for i in range(related, len(d.text)) if not d.text[i].isspace())
