"""checker as a CI gate: config, severity overrides, suppressions, baselines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.config import Suppression, load_config
from checker.errors import UsageError
from checker.model import Document, Finding, Severity
from checker.rules import load_rules
from checker.suppress import NO_REASON_RULE, UNUSED_RULE, apply, markers

ROOT = Path(__file__).resolve().parents[1]


def finding(rule: str, doc: str, line: int, fid: str = "") -> Finding:
    return Finding(fid or f"F{rule}{doc}{line}", rule, Severity.WARNING, "m", doc, line, 1)


DOC = Document(
    id="a.md",
    text=(
        "Intro line.\n"
        "The toll was 19. <!-- checker: ignore[CHK001] wire copy, corrected later -->\n"
        "Another figure of 20.\n"
        "checker: ignore[CHK100] the disclosure is quoted from a press release\n"
        "checker: ignore[CHK020]\n"
    ),
)


def test_inline_markers_are_line_or_document_level():
    found = {m.rules: m for m in markers(DOC)}
    assert found[("CHK001",)].line == 2 and found[("CHK001",)].reason == "wire copy, corrected later"
    assert found[("CHK100",)].line is None  # its own line: the whole document
    assert found[("CHK020",)].reason == ""


def test_apply_marks_suppressed_findings_and_reports_unused_and_reasonless():
    fs = [finding("CHK001", "a.md", 2), finding("CHK001", "a.md", 3), finding("CHK100", "a.md", 5)]
    out, fixed = apply(fs, [DOC])
    by = {(f.rule, f.line): f for f in out}
    assert by[("CHK001", 2)].suppressed == "inline: wire copy, corrected later"
    assert by[("CHK001", 3)].suppressed is None  # another line is not covered
    assert by[("CHK100", 5)].suppressed.startswith("inline: the disclosure")
    assert any(f.rule == NO_REASON_RULE for f in out)
    unused = [f for f in out if f.rule == UNUSED_RULE]
    assert len(unused) == 1 and "CHK020" in unused[0].message
    assert fixed == ()


def test_config_suppressions_and_baseline():
    fs = [finding("CHK001", "wire/ap.txt", 4, "F1"), finding("CHK020", "b.txt", 1, "F2")]
    cfg = [
        Suppression(("CHK001",), "wire copies are checked upstream", "wire/*", "cfg"),
        Suppression(("CHK100",), "never fires", "*", "cfg2"),
    ]
    out, fixed = apply(fs, [], cfg, baseline=frozenset({"F2", "F-gone"}))
    by = {f.id: f for f in out}
    assert by["F1"].suppressed == "config: wire copies are checked upstream"
    assert by["F2"].suppressed == "baseline"
    assert fixed == ("F-gone",)
    assert any(f.rule == UNUSED_RULE and "cfg2" in f.message for f in out)


def test_config_is_found_walking_up_and_validated(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.checker]\nfail-on = "warning"\nrules = ["desk"]\n[tool.checker.severity]\nCHK020 = "off"\n'
        '[[tool.checker.suppressions]]\nrules = ["CHK001"]\ndoc = "wire/*"\nreason = "upstream"\n'
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    cfg = load_config()
    assert cfg.path == tmp_path / "pyproject.toml" and cfg.fail_on == "warning"
    assert cfg.rules == (tmp_path / "desk",) and cfg.severity == {"CHK020": "off"}
    assert cfg.suppressions[0].doc == "wire/*"
    (tmp_path / "checker.toml").write_text('fail-on = "sometimes"\n')
    with pytest.raises(UsageError, match="fail-on"):
        load_config()
    (tmp_path / "checker.toml").write_text("suppressions = [{rules = ['CHK001']}]\n")
    with pytest.raises(UsageError, match="reason"):
        load_config()


def test_severity_overrides_relevel_and_disable():
    rs = load_rules(severity={"CHK001": "error", "CHK020": "off"})
    assert rs.spec("CHK001").severity is Severity.ERROR
    assert "CHK020" not in {r.id for r in rs}
    with pytest.raises(UsageError, match="unknown rule 'NOPE'"):
        load_rules(severity={"NOPE": "info"})


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_baseline_turns_a_failing_gate_green_and_a_new_finding_red(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    args = ("audit", str(corpus), "--format", "json", "--fail-on", "warning", "--isolated", "-q")
    assert cli(*args, "--out", "r1", cwd=tmp_path).returncode == 1
    made = cli(*args, "--out", "r2", "--baseline", "base.json", "--update-baseline", cwd=tmp_path)
    assert (tmp_path / "base.json").exists(), made.stderr
    assert cli(*args, "--out", "r3", "--baseline", "base.json", cwd=tmp_path).returncode == 0
    # a new source contradicts an agreeing figure: a new group finding, red again
    (corpus / "005_new.txt").write_text(
        "Trade figures\nBy Jane Roe\nThe trade deal between the two countries is worth $90 billion, "
        "officials said on Monday.\n",
        encoding="utf-8",
    )
    red = cli(*args, "--out", "r4", "--baseline", "base.json", cwd=tmp_path)
    data = json.loads((tmp_path / "r4" / "audit.json").read_text())
    new = [f for f in data["findings"] if f["suppressed"] is None and f["severity"] in ("warning", "error")]
    assert red.returncode == 1 and new, red.stderr


def test_diff_reports_new_fixed_and_verdict_changes(tmp_path):
    from dataclasses import replace as dc_replace

    from checker.diff import drift
    from checker.model import Verdict
    from checker.serialize import dumps
    from tests.render.audit_fixture import fixed_audit

    old = fixed_audit()
    gone, *kept = old.findings
    flipped = dc_replace(old.groups[1], verdict=Verdict.CONFLICT)
    extra = dc_replace(kept[0], id="Fnew", severity=Severity.WARNING)
    new = dc_replace(old, findings=(*kept, extra), groups=(old.groups[0], flipped))
    d = drift(old, new)
    assert [f.id for f in d.fixed] == [gone.id] and [f.id for f in d.new] == ["Fnew"]
    assert [(c.old, c.new) for c in d.verdicts] == [(old.groups[1].verdict.value, "conflict")]
    assert d.failing("warning") and not d.failing("never")
    (tmp_path / "old.json").write_text(dumps(old))
    (tmp_path / "new.json").write_text(dumps(new))
    proc = cli("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), cwd=ROOT)
    assert proc.returncode == 1 and proc.stdout.startswith("1 new, 1 fixed")
    same = cli("diff", str(tmp_path / "old.json"), str(tmp_path / "old.json"), cwd=ROOT)
    assert same.returncode == 0
