"""Extraction engines: ``--engine dask`` gives the same audit.json bytes as the local engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import checker.engine as engine_mod
from benchmarks.corpus import build
from checker.cli import main
from checker.engine import check_engine
from checker.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]


def _audit(out: Path, corpus: Path, *extra: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHECKER_CACHE_DIR": str(cache)}
    args = ["audit", str(corpus), "seeds", "--out", str(out), "--format", "json", "--fail-on", "never", "-q",
            "--isolated", *extra]  # fmt: skip
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env=env)  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """About 6,000 words of news in JSONL documents beside the 5 seed files: more than one Dask task."""
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in build(6_000, seed=7):
            fh.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return path


def test_dask_engine_gives_byte_identical_audit_json(corpus, tmp_path):
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'checker[dask]'")
    local = _audit(tmp_path / "local", corpus, "--no-cache", cache=tmp_path / "unused")
    assert local.returncode == 0, local.stderr
    dask = _audit(tmp_path / "dask", corpus, "--engine", "dask", cache=tmp_path / "cache")
    assert dask.returncode == 0, dask.stderr
    want = (tmp_path / "local" / "audit.json").read_bytes()
    assert (tmp_path / "dask" / "audit.json").read_bytes() == want
    assert json.loads(want)["summary"]["documents"] > engine_mod.DASK_BATCH_DOCS
    # a warm cache filled by the Dask workers serves the local engine the same bytes
    warm = _audit(tmp_path / "warm", corpus, cache=tmp_path / "cache")
    assert warm.returncode == 0, warm.stderr
    assert (tmp_path / "warm" / "audit.json").read_bytes() == want
    assert not (tmp_path / "unused").exists()


def test_engine_dask_without_dask_is_a_one_line_usage_error(monkeypatch, capsys):
    monkeypatch.setattr(engine_mod, "dask_available", lambda: False)
    assert main(["audit", str(ROOT / "seeds"), "--engine", "dask", "--no-cache", "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "pip install 'checker[dask]'" in err


def test_scheduler_needs_the_dask_engine(capsys):
    assert main(["audit", str(ROOT / "seeds"), "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786", "-q"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_unknown_engine_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        check_engine("spark", None)
