"""The CLI as a user (or CI job) runs it: a subprocess, exit codes, files on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "checker" / "schemas" / "audit.schema.json").read_text(encoding="utf-8"))


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("reports")
    return run("audit", "seeds", "--out", str(out), "--format", "json,html", "--fail-on", "never"), out


def test_audit_writes_reports_and_exits_zero(seed_run):
    proc, out = seed_run
    assert proc.returncode == 0, proc.stderr
    assert (out / "audit.json").exists() and (out / "audit.html").exists()
    assert "Traceback" not in proc.stderr


def test_audit_json_validates_against_the_shipped_schema(seed_run):
    _, out = seed_run
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["summary"]["documents"] == 5
    assert {d["id"] for d in data["documents"]} == {p.name for p in (ROOT / "seeds").glob("*.txt")}


def test_two_runs_give_identical_json(seed_run, tmp_path):
    _, out = seed_run
    proc = run("audit", "seeds", "--out", str(tmp_path), "--format", "json", "--fail-on", "never", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "audit.json").read_bytes() == (out / "audit.json").read_bytes()


def test_fail_on_warning_fails_on_the_seed_conflicts(tmp_path):
    proc = run("audit", "seeds", "--out", str(tmp_path), "--format", "json", "--fail-on", "warning", "-q")
    assert proc.returncode == 1, proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("audit", "seeds", "--fail-on", "sometimes"), "sometimes"),
        (("audit", "seeds", "--format", "pdf"), "unknown format 'pdf'"),
        (("audit", "seeds", "--no-such-flag"), "no-such-flag"),
        (("rules", "show", "CHK999"), "unknown rule 'CHK999'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, needle, tmp_path):
    proc = run(*args, "--out", str(tmp_path)) if args[0] == "audit" else run(*args)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0] and "Traceback" not in proc.stderr


def test_broken_rule_pack_exits_2_naming_file_and_line(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("id: X-1\nkind: pattern\nphrases:\n  - a\n - b\n", encoding="utf-8")
    proc = run("rules", "validate", str(pack))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "bad.yaml:5:" in proc.stderr and "error[E220]" in proc.stderr


def test_rules_list_json_lists_builtins():
    proc = run("rules", "list", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) >= 8 and all({"id", "kind", "severity", "pack", "summary"} <= set(r) for r in rows)


def test_rules_show_prints_the_kind_documentation():
    proc = run("rules", "show", "CHK001")
    assert proc.returncode == 0
    assert "What it checks" in proc.stdout and "Example pack entry" in proc.stdout


def test_extract_prints_the_contract(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "n1", "text": "Exports rose to more than 80 percent of output in 2024."}) + "\n"
    )
    proc = run("extract", str(corpus), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(x) for x in proc.stdout.splitlines()]
    keys = {
        "doc_id",
        "start",
        "end",
        "text",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "subject",
        "measure",
        "time",
        "sentence",
    }
    assert rows and all(keys <= set(r) for r in rows)
    pct = next(r for r in rows if r["unit"] == "%")
    assert pct["qualifier"] == "gt" and pct["low"] == 80 and pct["value"] is None
    assert not any(r["text"] == "2024" for r in rows)


def test_every_format_renders_from_one_run(tmp_path):
    proc = run(
        "audit",
        "seeds",
        "--out",
        str(tmp_path),
        "--format",
        "json,html,sarif,junit,github,md,csv,csv-groups",
        "--fail-on",
        "never",
        "--isolated",
        "-q",
    )
    assert proc.returncode == 0, proc.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {
        "audit.json",
        "audit.html",
        "audit.sarif",
        "junit.xml",
        "github.txt",
        "summary.md",
        "assertions.csv",
        "groups.csv",
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left behind


def test_sarif_of_a_real_run_validates_and_is_byte_stable(tmp_path):
    schema_path = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json not beside the repo")
    outs = []
    for name in ("a", "b"):
        proc = run(
            "audit",
            "seeds",
            "--out",
            str(tmp_path / name),
            "--format",
            "sarif",
            "--fail-on",
            "never",
            "--isolated",
            "-q",
        )
        assert proc.returncode == 0, proc.stderr
        outs.append((tmp_path / name / "audit.sarif").read_bytes())
    assert outs[0] == outs[1]
    sarif = json.loads(outs[0])
    jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8"))).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)


def test_explain_prints_why_each_member_joined(seed_run):
    _, out = seed_run
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    group = next(g for g in data["groups"] if g["verdict"] == "conflict")
    proc = run("explain", group["id"], "--audit", str(out / "audit.json"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"group {group['id']}") and "decided by" in proc.stdout
    assert proc.stdout.count("\n  - ") == len(group["members"])
    missing = run("explain", "G-none", "--audit", str(out / "audit.json"))
    assert missing.returncode == 2 and "no group 'G-none'" in missing.stderr
