"""Session-wide test settings: the extraction cache lives in a temp folder, never the user's."""

from __future__ import annotations

import os
import tempfile

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir():
    with tempfile.TemporaryDirectory(prefix="checker-test-cache-") as folder:
        old = os.environ.get("CHECKER_CACHE_DIR")
        os.environ["CHECKER_CACHE_DIR"] = folder  # subprocess CLI runs inherit it
        try:
            yield folder
        finally:
            if old is None:
                os.environ.pop("CHECKER_CACHE_DIR", None)
            else:
                os.environ["CHECKER_CACHE_DIR"] = old
