"""Regenerate the README's picture of the report: ``python tests/browser/screenshot.py docs/report.png``.

Audits the seed corpus, renders the HTML report to a temporary file, opens it in
Debian's chromium (``bash .ci/browser.sh`` installs it and Playwright) at 1280 px
wide and saves the top of the page as a PNG. Not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from checker.api import audit  # noqa: E402
from checker.render.html import render_string  # noqa: E402
from tests.browser._chromium import launch  # noqa: E402

WIDTH = 1280
HEIGHT = 1400


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG to write, e.g. docs/report.png")
    parser.add_argument("--width", type=int, default=WIDTH)
    parser.add_argument("--height", type=int, default=HEIGHT, help="how much of the page's top to capture")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    html = render_string(audit([ROOT / "seeds"]))
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(html, encoding="utf-8", newline="\n")
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                context = browser.new_context(
                    viewport={"width": args.width, "height": args.height}, device_scale_factor=1
                )
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page = context.new_page()
                page.goto(page_file.as_uri(), wait_until="load")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=False, type="png")
            finally:
                browser.close()
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {args.width}x{args.height})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
