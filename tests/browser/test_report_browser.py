"""The HTML audit report in a real browser (Debian's chromium driven by Playwright).

One audit of the seed corpus plus a hostile document (script tags, an ``onerror``
image, a Jinja expression and ``javascript:`` URLs in its text and in its sidecar
metadata), rendered once and opened from a ``file://`` URL. The page must run
without console errors or CSP violations, make no request beyond its own file,
show every hostile string as inert text, draw one chart per cross-source group,
filter findings with JS and show them all without JS.

Needs ``/usr/bin/chromium`` and the ``playwright`` package (``bash .ci/browser.sh``);
skipped with a reason otherwise.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from checker.api import audit as run_audit
from checker.model import Audit
from checker.render.html import anchor, render_string
from tests.browser._chromium import CHROMIUM, launch

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing (run `bash .ci/browser.sh` as root to apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="playwright is not installed (run `bash .ci/browser.sh`)",
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOSTILE_ID = "005_hostile.txt"

SCRIPT_TEXT = "<script>window.__pwned=1</script>"
IMG_TEXT = '<img src=x onerror="window.__pwned=2">'
JINJA = "{{ 7*7 }}"
JS_URL_TEXT = "javascript:alert(document.cookie)"
TITLE_SCRIPT = "<script>window.__pwned=4</script>"
JS_URL_META = "javascript:alert(1)"

HOSTILE_TEXT = f"""Rare earth briefing {SCRIPT_TEXT}

By Mallory Example

Officials said China accounts for about 60 percent of mining output and more than 85 percent \
of refining capacity {SCRIPT_TEXT} according to the ministry (details: {JS_URL_TEXT}).

Analysts noted {IMG_TEXT} that the United States and Malaysia signed a $150 billion rare earth \
deal {JINJA} at the summit.

Readers were told to visit {JS_URL_TEXT} for roughly 70 percent of mining figures, which is \
{JINJA} percent wrong.
"""

# Appended to the copied seeds/sources.yaml: hostile sidecar metadata for the hostile file.
HOSTILE_SIDECAR = f"""
{HOSTILE_ID}:
  outlet: 'Evil <img src=x onerror="window.__pwned=3"> Outlet'
  title: '{TITLE_SCRIPT} Rare earth {JINJA} briefing'
  url: '{JS_URL_META}'
"""

# Records CSP violations; set up before the page's own script runs.
# Injected by Playwright over CDP, so the page's CSP does not apply to it.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
}, true);
"""

ROWS = "#findings-table tbody tr"


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)
    sidecar = (SEEDS / "sources.yaml").read_text(encoding="utf-8")
    (folder / "sources.yaml").write_text(sidecar.rstrip("\n") + "\n" + HOSTILE_SIDECAR, encoding="utf-8")
    (folder / HOSTILE_ID).write_text(HOSTILE_TEXT, encoding="utf-8")
    return folder


def doc_ids_of(audit: Audit, group_members: tuple[str, ...]) -> set[str]:
    docs = {a.id: a.doc_id for a in audit.assertions}
    return {docs[m] for m in group_members if m in docs}


@pytest.fixture(scope="module")
def audit(corpus: Path) -> Audit:
    result = run_audit([corpus])
    ids = {d.id for d in result.documents}
    assert HOSTILE_ID in ids, sorted(ids)
    assert len(ids) == len(list(SEEDS.glob("*.txt"))) + 1
    assert not result.errors, result.errors
    # The hostile document must take part: at least one cross-source group has a figure of it.
    assert any(
        HOSTILE_ID in docs and len(docs) >= 2 for docs in (doc_ids_of(result, g.members) for g in result.groups)
    ), "the hostile document joined no cross-source group"
    assert result.findings, "the report needs findings to test the filter"
    return result


@pytest.fixture(scope="module")
def report_url(audit: Audit, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_string(audit), encoding="utf-8", newline="\n")
    return path.as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    pw = sync_api.sync_playwright().start()
    try:
        b = launch(pw)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


@dataclass
class Session:
    """One page of the report in its own context, with everything it did recorded."""

    context: Any
    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests the route aborted
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, failure)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("() => window.__cspViolations || []")

    def problems(self) -> list[tuple[str, str]]:
        return [(t, text) for t, text in self.console if t in ("error", "warning")]


def open_report(browser: Any, url: str, *, javascript: bool = True) -> Session:
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    s = Session(context, page, url)
    page.on("console", lambda m: s.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: s.page_errors.append(str(e)))
    context.on("request", lambda r: s.requests.append(r.url))
    context.on("requestfailed", lambda r: s.failed.append((r.url, r.failure or "")))

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            s.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.add_init_script(RECORD_CSP)
    page.goto(url, wait_until="load")
    return s


@pytest.fixture(scope="module")
def js(browser: Any, report_url: str) -> Iterator[Session]:
    s = open_report(browser, report_url)
    yield s
    s.context.close()


@pytest.fixture(scope="module")
def nojs(browser: Any, report_url: str) -> Iterator[Session]:
    s = open_report(browser, report_url, javascript=False)
    yield s
    s.context.close()


# ---------------------------------------------------------------------------- tests


def test_no_console_errors_page_errors_or_csp_violations(js: Session) -> None:
    assert js.problems() == []
    assert js.page_errors == []
    assert not [text for _, text in js.console if "Content Security Policy" in text]
    assert js.csp_violations() == []


def test_no_network_requests(js: Session, nojs: Session) -> None:
    for s in (js, nojs):
        assert s.requests == [s.url], s.requests
        assert s.blocked == [] and s.failed == []


def test_route_sees_web_requests(browser: Any) -> None:
    """The guard is real: a web request from a page is caught by the route and aborted."""
    context = browser.new_context()
    seen: list[str] = []

    def route(r: Any) -> None:
        seen.append(r.request.url)
        r.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.set_content('<img src="http://127.0.0.1:9/guard.png">')  # waits for "load"
        assert seen == ["http://127.0.0.1:9/guard.png"]
    finally:
        context.close()


def test_csp_is_present(js: Session) -> None:
    csp = js.page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert csp is not None
    assert "default-src 'none'" in csp
    assert "script-src 'sha256-" in csp and "style-src 'sha256-" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_inline_style_and_script_admitted_by_their_hashes(js: Session) -> None:
    # The stylesheet applied (a blocked <style> would leave cards unstyled) ...
    radius = js.page.evaluate("() => getComputedStyle(document.querySelector('article.card')).borderTopLeftRadius")
    assert radius == "8px"
    # ... and the script ran: it reveals the filter form, hidden in the markup.
    assert js.page.is_visible("#finding-filters")


def test_csp_is_enforced(browser: Any, report_url: str) -> None:
    """Script or image the report did not ship is refused, and nothing is fetched for it."""
    s = open_report(browser, report_url)
    try:
        probe = s.page.evaluate(
            """() => {
              const sc = document.createElement("script");
              sc.textContent = "window.__probe = 1";
              document.body.appendChild(sc);
              const img = document.createElement("img");
              return new Promise((done) => {
                const settle = () => done(typeof window.__probe);
                img.onerror = settle;
                img.onload = settle;
                setTimeout(settle, 3000);
                img.src = "http://127.0.0.1:9/probe.png";
                document.body.appendChild(img);
              });
            }"""
        )
        assert probe == "undefined"
        violations = s.csp_violations()
        assert any(v.startswith("script-src") for v in violations), violations
        assert any(v.startswith("img-src") for v in violations), violations
        # Chromium reports the refused image as a request that failed with "csp"
        # before it reached the network stack: the route (the network layer) never saw it.
        assert s.requests == [s.url, "http://127.0.0.1:9/probe.png"], s.requests
        assert s.failed == [("http://127.0.0.1:9/probe.png", "csp")], s.failed
        assert s.blocked == []
    finally:
        s.context.close()


def test_hostile_document_is_inert(js: Session) -> None:
    page = js.page
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 1  # the report's own
    assert page.locator("img").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    for a in page.locator("a[href]").all():
        href = a.get_attribute("href") or ""
        assert href.startswith(("#", "http://", "https://")), href


def test_hostile_strings_shown_as_text(js: Session) -> None:
    body = js.page.inner_text("body")
    for text in (SCRIPT_TEXT, IMG_TEXT, JINJA, JS_URL_TEXT, TITLE_SCRIPT, JS_URL_META):
        assert text in body, text
    heading = js.page.inner_text(f"#{anchor('doc', HOSTILE_ID)}-h")
    assert heading == f"{TITLE_SCRIPT} Rare earth {JINJA} briefing"


def test_one_chart_per_cross_source_group(js: Session, audit: Audit) -> None:
    cross = [g for g in audit.groups if len(doc_ids_of(audit, g.members)) >= 2]
    single = [g for g in audit.groups if len(doc_ids_of(audit, g.members)) < 2]
    assert cross
    charts = js.page.locator("svg.numberline")
    assert charts.count() == len(cross)
    for g in cross:
        card = js.page.locator(f"#{anchor('group', g.id)}")
        assert card.locator("svg.numberline").count() == 1, g.id
    for g in single:
        assert js.page.locator(f"#{anchor('group', g.id)} svg.numberline").count() == 0, g.id
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 40, box


def test_findings_filter_with_js(browser: Any, report_url: str, audit: Audit) -> None:
    s = open_report(browser, report_url)
    try:
        page = s.page
        total = len(audit.findings)
        rows = page.locator(ROWS)
        assert rows.count() == total
        assert page.locator(f"{ROWS}:visible").count() == total

        counts: dict[str, int] = {}
        for f in audit.findings:
            counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
        severity = min(counts, key=lambda k: counts[k])
        page.select_option("#filter-severity", severity)
        shown = counts[severity]
        assert page.locator(f"{ROWS}:visible").count() == shown
        assert page.locator(f"{ROWS}[hidden]").count() == total - shown
        for row in page.locator(f"{ROWS}:visible").all():
            assert row.get_attribute("data-severity") == severity
        assert page.inner_text("#findings-status") == f"Showing {shown} of {total} findings"
        if len(counts) > 1:
            assert shown < total, "selecting a severity hid no row"

        rule = audit.findings[0].rule
        page.select_option("#filter-severity", "")
        page.select_option("#filter-rule", rule)
        by_rule = sum(1 for f in audit.findings if f.rule == rule)
        assert page.locator(f"{ROWS}:visible").count() == by_rule
        for row in page.locator(f"{ROWS}:visible").all():
            assert row.get_attribute("data-rule") == rule

        page.select_option("#filter-rule", "")
        assert page.locator(f"{ROWS}:visible").count() == total
        assert page.inner_text("#findings-status") == f"Showing {total} of {total} findings"
        assert s.problems() == [] and s.page_errors == [] and s.csp_violations() == []
        assert s.requests == [s.url]
    finally:
        s.context.close()


def test_findings_complete_without_js(nojs: Session, audit: Audit) -> None:
    page = nojs.page
    total = len(audit.findings)
    assert page.locator(f"{ROWS}").count() == total
    assert page.locator(f"{ROWS}:visible").count() == total
    assert page.locator(f"{ROWS}[hidden]").count() == 0
    assert page.locator("svg.numberline").count() == len(
        [g for g in audit.groups if len(doc_ids_of(audit, g.members)) >= 2]
    )
    body = page.inner_text("body")
    assert SCRIPT_TEXT in body and JINJA in body
    assert nojs.problems() == [] and nojs.page_errors == []


def test_filter_controls_hidden_without_js(nojs: Session) -> None:
    # The markup hides the form; only the script reveals it. Without JS it must stay hidden.
    assert nojs.page.get_attribute("#finding-filters", "hidden") is not None
    assert not nojs.page.is_visible("#finding-filters")
