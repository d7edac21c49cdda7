"""checker as a library: the Python API, audit.json round trip, pandas frames, notebook HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker.frames import ASSERTION_COLUMNS, DOCUMENT_COLUMNS, FINDING_COLUMNS, GROUP_COLUMNS
from checker.model import Audit, Document
from checker.serialize import dumps

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_audit() -> Audit:
    return checker.audit([ROOT / "seeds"], config=None)


def test_python_audit_equals_the_cli_audit_json(seed_audit, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "audit", "seeds", "--out", str(tmp_path), "--format", "json",
         "--fail-on", "never", "--isolated", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "audit.json").read_text(encoding="utf-8") == dumps(seed_audit)


def test_from_json_round_trips(seed_audit, tmp_path):
    path = tmp_path / "audit.json"
    path.write_text(dumps(seed_audit), encoding="utf-8")
    again = Audit.from_json(path)
    assert dumps(again) == dumps(seed_audit)
    assert [g.id for g in again.groups] == [g.id for g in seed_audit.groups]


def test_frames_have_documented_columns_and_one_row_per_object(seed_audit):
    frames = {
        "assertions": (seed_audit.assertions_frame(), ASSERTION_COLUMNS, len(seed_audit.assertions)),
        "groups": (seed_audit.groups_frame(), GROUP_COLUMNS, len(seed_audit.groups)),
        "documents": (seed_audit.documents_frame(), DOCUMENT_COLUMNS, 5),
        "findings": (seed_audit.findings_frame(), FINDING_COLUMNS, len(seed_audit.findings)),
    }
    for name, (df, columns, rows) in frames.items():
        assert tuple(df.columns) == columns, name
        assert len(df) == rows, name
    docs = seed_audit.documents_frame().set_index("id")
    assert docs.loc["003_6a56fb632549cbd9.txt", "ai_generated"]
    assert not docs.loc["002_b10798ddd2d0f36d.txt", "ai_generated"]


def test_extract_accepts_plain_text_and_documents():
    got = checker.extract("Exports rose to about 16.2 million tons in 2024.")
    assert [(a.text, a.unit, a.qualifier.value) for a in got] == [("about 16.2 million tons", "t", "approx")]
    doc = Document(id="x", text="Shares fell 3 percent on Monday.")
    assert checker.extract([doc])[0].doc_id == "x"


def test_notebook_html_is_escaped_and_offline():
    doc = Document(id="<b>evil</b>", text="<script>alert(1)</script> About 60 percent of output.\n")
    other = Document(id="b", text="Roughly 70 percent of output, officials said.\n")
    audit = checker.audit([doc, other], config=None)
    html = audit._repr_html_()
    assert "<script>alert(1)</script>" not in html and "<b>evil</b>" not in html
    assert "http://" not in html and "https://" not in html
    for g in audit.groups:
        assert g.id in g._repr_html_()


def test_api_errors_are_coded_checker_errors(tmp_path):
    from checker.errors import CheckerError, UsageError

    with pytest.raises(UsageError):
        checker.audit([42])  # type: ignore[list-item]
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: X\nkind: nope\n")
    with pytest.raises(CheckerError) as exc:
        checker.audit([ROOT / "seeds"], rules=[bad])
    assert exc.value.code == "E220"
