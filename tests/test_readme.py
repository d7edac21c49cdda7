"""The README stays true: its first two commands, and its Python example runs."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_ci_runs():
    first_block = re.search(r"```\n(.*?)```", README, re.S).group(1).splitlines()
    assert first_block[0] == "pip install -e . && checker audit seeds"
    assert first_block[1] == 'pip install -e ".[test]" && python -m pytest'
    assert first_block[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_example_runs():
    code = re.search(r"## Use from Python\n\n```python\n(.*?)```", README, re.S).group(1)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    text = out.getvalue()
    assert "about 16.2 million tons 16200000.0" in text and "approx" in text
    assert "China" in text  # a conflict about China's share is among the seed conflicts
