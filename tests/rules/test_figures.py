"""The sum and reference kinds on real sentences: one case that fires, one that must not."""

from __future__ import annotations

import pytest

from checker.errors import RulePackError
from checker.extract import extract, load_model
from checker.model import Document
from checker.rules import load_rules
from checker.rules.base import AuditContext
from checker.tables import default_qualifiers


@pytest.fixture(scope="module")
def audit_text():
    nlp, quals = load_model(), default_qualifiers()

    def run(rule, *texts):
        docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
        return list(rule.check(AuditContext(docs, extract(docs, quals, nlp))))

    return run


def pack(tmp_path, body: str):
    (tmp_path / "pack.yaml").write_text(body, encoding="utf-8")
    return next(r for r in load_rules([tmp_path / "pack.yaml"], default=False))


SUM = "id: T-1\nkind: sum\nunit: '%'\ntotal: 100\ntolerance: 1\n"
EXPORTS = "{c} holds {n} percent of global coffee exports."


def test_sum_fires_when_shares_exceed_the_whole(tmp_path, audit_text):
    rule = pack(tmp_path, SUM)
    text = " ".join(EXPORTS.format(c=c, n=n) for c, n in (("Brazil", 60), ("Vietnam", 30), ("Colombia", 20)))
    (f,) = audit_text(rule, text)
    assert "110" in f.message and "Brazil" in f.message


def test_sum_is_quiet_when_shares_fit(tmp_path, audit_text):
    rule = pack(tmp_path, SUM)
    text = " ".join(EXPORTS.format(c=c, n=n) for c, n in (("Brazil", 40), ("Vietnam", 30)))
    assert audit_text(rule, text) == []


def test_reference_flags_a_figure_the_table_contradicts(tmp_path, audit_text):
    (tmp_path / "ref.csv").write_text("subject,measure,value,unit,source\nBrazil,coffee exports,37,%,ICO 2024\n")
    rule = pack(tmp_path, "id: T-2\nkind: reference\ntable: ref.csv\n")
    (f,) = audit_text(rule, EXPORTS.format(c="Brazil", n=60))
    assert "ICO 2024" in f.message and "37" in f.message
    assert audit_text(rule, "Brazil holds about 37 percent of global coffee exports.") == []
    assert audit_text(rule, EXPORTS.format(c="Vietnam", n=60)) == []  # another subject: not the row


def test_reference_table_errors_are_pack_errors(tmp_path):
    rule = pack(tmp_path, "id: T-3\nkind: reference\ntable: missing.csv\n")
    with pytest.raises(RulePackError, match="cannot read reference table"):
        _ = rule.rows
    (tmp_path / "bad.csv").write_text("subject,measure,value,unit\nX,y,lots,%\n")
    rule = pack(tmp_path, "id: T-4\nkind: reference\ntable: bad.csv\n")
    with pytest.raises(RulePackError, match="numeric 'value'"):
        _ = rule.rows
