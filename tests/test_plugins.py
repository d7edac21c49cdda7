"""User rules end to end: the example pack and a Python plugin, from YAML/--plugin to findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import UsageError
from checker.plugins import load_plugin
from checker.registry import rule_kinds
from checker.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "rules"
PLUGIN = EXAMPLES / "plugin_rules.py"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_plugin_registers_its_kind_and_ships_a_rule():
    rs = load_rules(plugins=[str(PLUGIN)])
    assert "unsourced-big-money" in rule_kinds
    spec = rs.spec("DESK-100")
    assert spec is not None and spec.pack == "plugin"
    info = {r.id: r for r in rs.info()}
    assert info["DESK-100"].kind == "unsourced-big-money" and info["DESK-100"].help


def test_example_pack_rules_test_passes():
    proc = cli("rules", "test", str(EXAMPLES), "--plugin", str(PLUGIN))
    assert proc.returncode == 0, proc.stderr
    assert " 0 failed" in proc.stderr


def test_example_pack_adds_findings_to_the_seed_audit(tmp_path):
    proc = cli(
        "audit",
        "seeds",
        "--rules",
        str(EXAMPLES),
        "--plugin",
        str(PLUGIN),
        "--out",
        str(tmp_path),
        "--format",
        "json",
        "--fail-on",
        "never",
        "--isolated",
        "-q",
    )
    assert proc.returncode == 0, proc.stderr
    rules = {f["rule"] for f in json.loads((tmp_path / "audit.json").read_text())["findings"]}
    assert {"DESK-001", "DESK-010", "DESK-020", "DESK-100"} <= rules


def test_bad_plugins_are_one_line_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="plugin file not found"):
        load_plugin(str(tmp_path / "missing.py"))
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('boom')\n")
    with pytest.raises(UsageError, match="RuntimeError: boom"):
        load_plugin(str(broken))
    proc = cli("rules", "list", "--plugin", "no_such_module_xyz")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
