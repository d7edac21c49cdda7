"""Launching Debian's chromium through Playwright, shared by the browser test and screenshot.py.

Playwright's own browser builds are never downloaded (``playwright install`` cannot
reach its host here); ``.ci/browser.sh`` installs Debian's ``chromium`` package and
the ``playwright`` Python package instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")

LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
)


def launch(playwright: Any) -> Any:
    """A headless chromium ``Browser`` from Debian's binary."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(LAUNCH_ARGS), headless=True)
