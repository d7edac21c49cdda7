"""A hostile corpus end to end: everything readable is read, everything else is named, nothing crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert("x")</script> {{ 7*7 }} <img src=x onerror=alert(1)> About 60 percent of output.\n'


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag == "script"
        if tag == "script":
            self.scripts.append("")
        self.handlers += [k for k, _ in attrs if k.startswith("on")]

    def handle_data(self, data: str) -> None:
        if self._in:
            self.scripts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in = False


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "ok.txt").write_text("Officials said about 60 percent of output was lost.\n", encoding="utf-8")
    (root / "script.html.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Le café a coûté 3 euros, environ 40 percent de plus.\n".encode("cp1252"))
    (root / "bom.md").write_bytes("\ufeffRevenue rose 12 percent in 2024.\n".encode())
    (root / "utf16.txt").write_bytes("Roughly 70 percent of output.\n".encode("utf-16"))
    feed = [
        json.dumps({"id": "j1", "text": "Exports were worth $3 billion."}),
        "{not json",
        json.dumps({"id": "j2"}),
        json.dumps({"id": "../../escape", "text": "About 5 percent."}),
    ]
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (root / "sources.yaml").write_text("ok.txt: {outlet: [unclosed\n", encoding="utf-8")
    (root / "long.txt").write_text("word " * 400_000 + "and 12 percent.\n", encoding="utf-8")  # one 2 MB line
    (root / "huge.txt").write_text(("Lorem ipsum dolor sit amet consectetur. " * 26_000 + "\n") * 10, encoding="utf-8")
    loop = root / "loop"
    loop.mkdir()
    os.symlink(root, loop / "back")
    return root


@pytest.fixture(scope="module")
def run(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "audit", str(hostile), "--out", str(out), "--format", "json,html",
         "--fail-on", "never", "--isolated", "--max-doc-bytes", "5000000"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    return proc, json.loads((out / "audit.json").read_text(encoding="utf-8")), (out / "audit.html").read_text()


def test_exit_zero_and_no_traceback(run):
    proc, _, _ = run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for line in proc.stderr.splitlines():
        if "error[" in line:
            assert line.count(":") >= 2  # path: error[...]: message, one line each


def test_readable_documents_are_all_read(run):
    _, data, _ = run
    ids = {d["id"] for d in data["documents"]}
    assert {"ok.txt", "script.html.txt", "latin1.txt", "bom.md", "utf16.txt", "long.txt", "j1"} <= ids
    assert not any(".." in i.split("/") for i in ids)
    latin = next(d for d in data["documents"] if d["id"] == "latin1.txt")
    assert latin["encoding"]


def test_unreadable_inputs_are_named_with_file_and_line(run):
    _, data, _ = run
    errors = {(Path(e["path"]).name, e["line"]) for e in data["errors"]}
    names = {p for p, _ in errors}
    assert {"empty.txt", "binary.txt", "huge.txt", "sources.yaml"} <= names
    assert ("feed.jsonl", 2) in errors and ("feed.jsonl", 3) in errors


def test_markup_in_documents_is_inert_in_the_html(run):
    _, _, html = run
    parser = Scripts()
    parser.feed(html)
    assert len(parser.scripts) <= 1 and not any("alert" in s for s in parser.scripts)
    assert not parser.handlers
    assert "&lt;script&gt;alert(" in html and "{{ 7*7 }}" in html  # shown, never evaluated


def test_strict_turns_input_errors_into_exit_2(hostile, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "audit", str(hostile / "empty.txt"), str(hostile / "ok.txt"),
         "--out", str(tmp_path), "--format", "json", "--strict", "--isolated", "-q"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 2 and "empty.txt" in proc.stderr


def test_a_ten_megabyte_document_is_audited_under_the_default_limit(tmp_path):
    big = tmp_path / "big.txt"
    para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 40 + "\n\n"
    body = para * (10_000_000 // len(para))
    big.write_text(body + "Officials said about 60 percent of output was lost.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "audit", str(big), "--out", str(out), "--format", "json",
         "--fail-on", "never", "--isolated", "-q", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["big.txt"] and not data["errors"]
    assert [a["text"] for a in data["assertions"]] == ["about 60 percent"]
