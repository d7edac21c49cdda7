"""Output files are written atomically: an interrupted write leaves the old file and no temp file."""

from __future__ import annotations

import os
import stat

import pytest

from checker.atomic import atomic_open


def test_atomic_write_replaces_and_uses_normal_permissions(tmp_path):
    target = tmp_path / "out" / "audit.json"
    with atomic_open(target) as fh:
        fh.write("new")
    assert target.read_text() == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_interrupted_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "audit.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.json"]
