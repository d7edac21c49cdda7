"""The HTML report: self-contained, escaped, deterministic, one chart per cross-source group."""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import re
from html.parser import HTMLParser

import pytest

from checker.model import (
    AIFlag,
    Assertion,
    Audit,
    Credibility,
    Criterion,
    Document,
    Evidence,
    Finding,
    Group,
    InputError,
    Metadata,
    MetaSource,
    PairJudgement,
    Qualifier,
    RuleInfo,
    Severity,
    SourceProfile,
    Verdict,
    Why,
)
from checker.render import html as html_render

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JINJA = "{{ 7*7 }}"
TEXTAREA = "</textarea>"

TEXT_A = (
    "Rare earths in 2025\n\n"
    "Generado por agente de IA. China dominates 85–95% of global rare earth processing "
    "capacity. China mines roughly 70 percent of the world's rare earths. Malaysia holds "
    "about 16.2 million tons of deposits. The deal is worth $150 billion.\n"
)
TEXT_B = (
    "Okay, here’s a structured summary of the provided text.\n"
    "China accounts for about 60 percent of mining output. Malaysia's deposits are "
    "estimated at 16.1 million metric tonnes. The trade deal is valued at $150 billion.\n"
)
TEXT_C = (
    f"Hostile {SCRIPT} page {IMG} with {JINJA} and {TEXTAREA} inside.\n"
    f"Refining: more than 80 percent is done in China {SCRIPT}.\n"
    "The tariff is a flat 100% on imports.\n"
)


def _sentence(text: str, start: int) -> tuple[str, int]:
    dot = text.rfind(". ", 0, start)
    s = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, start) + 1)
    e = min(i for i in (text.find(". ", start), text.find(".\n", start)) if i >= 0)
    return text[s : e + 1], s


def _a(
    aid: str,
    doc: Document,
    quote: str,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: Qualifier,
    unit: str,
    **kw: object,
) -> Assertion:
    start = doc.text.index(quote)
    sentence, s_start = _sentence(doc.text, start)
    line, col = doc.line_col(start)
    return Assertion(
        id=aid,
        doc_id=doc.id,
        start=start,
        end=start + len(quote),
        text=quote,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        sentence=sentence,
        sentence_start=s_start,
        line=line,
        column=col,
        **kw,  # type: ignore[arg-type]
    )


def make_audit() -> Audit:
    doc_a = Document(
        id="000_alpha.txt",
        text=TEXT_A,
        path="seeds/000_alpha.txt",
        meta=Metadata(
            title="Rare earths in 2025",
            byline="Albert Fox",
            published="2025-10-27",
            url="javascript:alert(1)",
            sources=(MetaSource("byline", "text", 0, 10, "Albert Fox"),),
        ),
    )
    doc_b = Document(
        id="001_beta.txt",
        text=TEXT_B,
        meta=Metadata(outlet="Archyde", url="https://www.archyde.com/tag/x", kind="news"),
    )
    doc_c = Document(
        id="002_<hostile>.txt",
        text=TEXT_C,
        meta=Metadata(
            title=f"Title {SCRIPT}",
            outlet=f"Outlet {IMG}",
            byline=JINJA,
            url='https://evil.example/"><script>alert(2)</script>',
        ),
    )
    a = [
        _a(
            "a1",
            doc_a,
            "85–95%",
            None,
            85,
            95,
            Qualifier.RANGE,
            "%",
            attribution=f"Discovery Alert {SCRIPT}",
            time="2025",
        ),
        _a("a2", doc_c, "more than 80 percent", None, 80, 100, Qualifier.GT, "%", low_inclusive=False),
        _a("a3", doc_a, "roughly 70 percent", 70, 66.5, 73.5, Qualifier.APPROX, "%"),
        _a("a4", doc_b, "about 60 percent", 60, 57, 63, Qualifier.APPROX, "%"),
        _a("a5", doc_a, "about 16.2 million tons", 16.2e6, 15.39e6, 17.01e6, Qualifier.APPROX, "t"),
        _a("a6", doc_b, "16.1 million metric tonnes", 16.1e6, 16.1e6, 16.1e6, Qualifier.EXACT, "t"),
        _a("a7", doc_a, "$150 billion", 150e9, 150e9, 150e9, Qualifier.EXACT, "USD"),
        _a("a8", doc_b, "$150 billion", 150e9, 150e9, 150e9, Qualifier.EXACT, "USD"),
        _a("a9", doc_c, "100%", 100, 100, 100, Qualifier.EXACT, "%"),
    ]
    groups = (
        Group(
            id="g-processing",
            key="china|processing share|%",
            subject="China",
            measure=f"global rare earth processing capacity {SCRIPT}",
            unit="%",
            members=("a1", "a2"),
            why=(Why("a1", "seed"), Why("a2", f"subject match {IMG}", 0.91, "CHK020")),
            verdict=Verdict.AGREE,
            decided_by=("a1", "a2"),
            reason="intervals overlap on (85, 95]",
        ),
        Group(
            id="g-mining",
            key="china|mining share|%",
            subject="China",
            measure="share of global rare earth mining",
            unit="%",
            members=("a3", "a4"),
            why=(Why("a3", "seed"), Why("a4", "fuzzy subject", 0.87, "CHK020")),
            verdict=Verdict.CONFLICT,
            agreement=0.0,
            decided_by=("a3", "a4"),
            reason="stated figures 70 and 60 differ by 15%",
            pairs=(PairJudgement("a3", "a4", Verdict.CONFLICT, "70 vs 60"),),
        ),
        Group(
            id="g-reserves",
            key="malaysia|reserves|t",
            subject="Malaysia",
            measure="rare earth reserves",
            unit="t",
            members=("a5", "a6"),
            why=(Why("a5", "seed"), Why("a6", "synonym deposits=reserves", 1.0, "CHK030")),
            verdict=Verdict.MINOR,
            agreement=0.5,
            decided_by=("a5", "a6"),
            reason="16.2M vs 16.1M differ by 0.6%",
            notes=("'tons' is ambiguous (short or metric tons)",),
        ),
        Group(
            id="g-deal",
            key="us-malaysia|trade value|USD",
            subject="US–Malaysia trade deal",
            measure="value",
            unit="USD",
            members=("a7", "a8"),
            why=(Why("a7", "seed"), Why("a8", "exact key")),
        ),
        Group(
            id="g-single",
            key="tariff|%",
            subject="US tariff",
            measure="rate",
            unit="%",
            members=("a9",),
            why=(Why("a9", "seed"),),
        ),
    )
    profiles = (
        SourceProfile(
            doc_id=doc_a.id,
            ai_generated=True,
            ai_flags=(
                AIFlag(
                    "CHK100",
                    "disclosure",
                    "Generado por agente de IA",
                    TEXT_A.index("Generado"),
                    TEXT_A.index("Generado") + len("Generado por agente de IA"),
                ),
            ),
            credibility=Credibility(
                score=42,
                criteria=(
                    Criterion("byline", "Named author", 10, 10, (Evidence("Albert Fox", 0, 10),)),
                    Criterion(
                        "agreement",
                        "Agrees with peers",
                        5,
                        20,
                        (Evidence("70 percent vs 60 percent", group_id="g-mining"),),
                    ),
                ),
            ),
        ),
        SourceProfile(
            doc_id=doc_b.id,
            ai_generated=True,
            ai_flags=(AIFlag("CHK101", "leaked-assistant", "Okay, here’s", 0, len("Okay, here’s")),),
            credibility=Credibility(score=30, criteria=(), insufficient_evidence=True),
        ),
        SourceProfile(
            doc_id=doc_c.id,
            ai_generated=False,
            ai_flags=(
                AIFlag("CHK102", "template-residue", SCRIPT, TEXT_C.index(SCRIPT), TEXT_C.index(SCRIPT) + len(SCRIPT)),
            ),
            credibility=Credibility(
                score=55,
                criteria=(Criterion("x", f"Criterion {IMG}", 1.5, 3, (Evidence(JINJA),), note=TEXTAREA),),
            ),
        ),
    )
    findings = (
        Finding("f1", "CHK200", Severity.ERROR, "figures conflict: 70 vs 60", doc_a.id, 3, 40, group_id="g-mining"),
        Finding(
            "f2", "CHK201", Severity.WARNING, "minor discrepancy 16.2M vs 16.1M", doc_b.id, 2, 60, group_id="g-reserves"
        ),
        Finding("f3", "CHK100", Severity.INFO, "AI disclosure", doc_a.id, 3, 1),
        Finding("f4", f"CHK300{SCRIPT}", Severity.WARNING, f"hostile {SCRIPT} {JINJA}", doc_c.id, 1, 9, evidence=IMG),
    )
    return Audit(
        documents=(doc_c, doc_b, doc_a),  # unsorted on purpose
        profiles=profiles,
        assertions=tuple(a),
        groups=groups,
        findings=findings,
        errors=(InputError("corpus/broken.jsonl", f"bad JSON {SCRIPT}", line=7, code="E201"),),
        rules=(RuleInfo("CHK200", "agreement", Severity.ERROR, "figure-conflict", "default"),),
        model="en_core_web_sm",
    )


# ------------------------------------------------------------------------- parsing


class Tree(HTMLParser):
    """Collects elements (tag, attrs), text per element stack, and script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.svg_titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in {"meta", "br", "input", "link", "img", "line", "rect", "path", "circle", "polygon"}:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        elif self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name]


@pytest.fixture(scope="module")
def audit() -> Audit:
    return make_audit()


@pytest.fixture(scope="module")
def page(audit: Audit) -> str:
    return html_render.render_string(audit)


@pytest.fixture(scope="module")
def tree(page: str) -> Tree:
    t = Tree()
    t.feed(page)
    t.close()
    return t


# --------------------------------------------------------------------------- tests


def test_render_writes_the_same_as_render_string(audit: Audit, page: str) -> None:
    out = io.StringIO()
    html_render.render(audit, out)
    assert out.getvalue() == page
    assert page.startswith("<!DOCTYPE html>")


def test_deterministic(audit: Audit, page: str) -> None:
    again = html_render.render_string(make_audit())
    assert again == page
    # document order in the Audit does not leak into the page
    shuffled = make_audit()
    shuffled = Audit(
        documents=tuple(reversed(shuffled.documents)),
        profiles=shuffled.profiles,
        assertions=shuffled.assertions,
        groups=shuffled.groups,
        findings=tuple(reversed(shuffled.findings)),
        errors=shuffled.errors,
        rules=shuffled.rules,
        model=shuffled.model,
    )
    assert html_render.render_string(shuffled) == page


def test_only_the_report_script_and_csp_admits_it_by_hash(tree: Tree) -> None:
    scripts = tree.tags("script")
    assert len(scripts) == 1 and len(tree.scripts) == 1
    assert scripts[0].get("src") is None
    csp = [m for m in tree.tags("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(csp) == 1
    policy = csp[0]["content"] or ""
    assert "default-src 'none'" in policy
    digest = base64.b64encode(hashlib.sha256(tree.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    style_digest = base64.b64encode(hashlib.sha256(tree.styles[0].encode()).digest()).decode()
    assert f"'sha256-{style_digest}'" in policy
    assert "unsafe-eval" not in policy


def test_no_event_handlers_or_injected_elements(tree: Tree) -> None:
    for tag, attrs in tree.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, tag  # CSP hashes the stylesheet; inline styles would break
    assert tree.tags("img") == []
    assert tree.tags("iframe") == []
    assert tree.tags("textarea") == []


def test_no_network_resources(tree: Tree, page: str) -> None:
    for tag in ("link", "script", "img", "iframe", "object", "embed", "source", "use", "image"):
        for attrs in tree.tags(tag):
            for key in ("src", "href", "xlink:href", "data"):
                value = attrs.get(key) or ""
                assert not re.match(r"\s*(https?:)?//", value), (tag, key, value)
    assert "@import" not in page and "url(" not in page


def test_hostile_strings_are_text(tree: Tree, page: str) -> None:
    text = "".join(tree.text)
    for hostile in (SCRIPT, IMG, JINJA, TEXTAREA):
        assert hostile in text
    assert "49" not in text.replace("2025", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_urls_linked_only_when_http(tree: Tree, page: str) -> None:
    anchors = [a for a in tree.tags("a") if not (a.get("href") or "").startswith("#")]
    hrefs = {a["href"] for a in anchors}
    assert hrefs == {"https://www.archyde.com/tag/x"}
    for a in anchors:
        assert set((a.get("rel") or "").split()) >= {"noopener", "noreferrer", "nofollow"}
    text = "".join(tree.text)
    assert "javascript:alert(1)" in text  # shown, not linked
    assert 'https://evil.example/"><script>alert(2)</script>' in text  # markup in a URL: not linked


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c", True),
        ("HTTP://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>", False),
        ("//example.org/x", False),
        ("https:///nohost", False),
        ('https://ex.org/"onmouseover=x', False),
        ("https://ex.org/ a", False),
        (None, False),
    ],
)
def test_is_web_url(url: str | None, ok: bool) -> None:
    assert html_render.is_web_url(url) is ok


def test_one_chart_per_cross_source_group(tree: Tree, audit: Audit) -> None:
    docs = {a.id: a.doc_id for a in audit.assertions}
    cross = [g for g in audit.groups if len({docs[m] for m in g.members}) >= 2]
    svgs = tree.tags("svg")
    assert len(svgs) == len(cross) == 4
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.get("aria-label")
    titles = [t for t, _ in tree.elements if t == "title"]
    assert len(titles) >= 1 + len(cross)


def test_verdict_labels_and_order(tree: Tree, page: str) -> None:
    text = "".join(tree.text)
    for label in ("Conflict", "Minor discrepancy", "Agree"):
        assert label in text
    cards = re.findall(r'<article class="card group is-(\w+)" id="group-([\w-]+)"', page)
    assert cards == [
        ("conflict", "g-mining"),
        ("minor", "g-reserves"),
        ("agree", "g-deal"),
        ("agree", "g-processing"),
    ]  # ties: by id


def test_deciding_pair_notes_and_highlight(page: str) -> None:
    assert "<mark>roughly 70 percent</mark>" in page
    assert "<mark>about 60 percent</mark>" in page
    assert "ambiguous (short or metric tons)" in page
    assert "stated figures 70 and 60 differ by 15%" in page
    assert "Generado por agente de IA" in page
    assert "attributed to: Discovery Alert &lt;script&gt;" in page and "time: 2025" in page


def test_tick_labels_are_readable() -> None:
    assert html_render.tick_labels([15.5e6, 16e6, 16.5e6], 0.5e6, "t") == ["15.5M", "16.0M", "16.5M"]
    assert html_render.tick_labels([140e9, 150e9, 160e9], 10e9, "USD") == ["140B", "150B", "160B"]
    assert html_render.tick_labels([80, 90, 100], 10, "%") == ["80%", "90%", "100%"]
    assert html_render.fmt_number(16.1e6) == "16.1M"
    assert html_render.fmt_number(150e9) == "150B"


def test_chart_geometry_for_bounds() -> None:
    audit = make_audit()
    view = html_render.build_view(audit)
    processing = next(g for g in view.cross_groups if g.group.id == "g-processing")
    chart = processing.chart
    assert chart is not None
    closed_range, open_bound = chart.rows
    assert closed_range.bar and open_bound.bar and not open_bound.whisker
    assert open_bound.dot is None  # "more than 80" states no figure
    assert any("Q" in d for d in open_bound.caps)  # open end drawn as a parenthesis
    mining = next(g for g in view.cross_groups if g.group.id == "g-mining")
    assert mining.chart and all(r.whisker and r.dot for r in mining.chart.rows)


def test_unbounded_interval_draws_an_arrow() -> None:
    audit = make_audit()
    a2 = audit.assertion("a2")
    assert a2 is not None
    unbounded = Assertion(**{**{f: getattr(a2, f) for f in a2.__slots__}, "high": None})
    audit = Audit(
        documents=audit.documents,
        profiles=audit.profiles,
        assertions=tuple(unbounded if a.id == "a2" else a for a in audit.assertions),
        groups=audit.groups,
        findings=audit.findings,
        errors=audit.errors,
    )
    view = html_render.build_view(audit)
    processing = next(g for g in view.cross_groups if g.group.id == "g-processing")
    assert processing.chart and processing.chart.rows[1].arrows
    assert "+∞)" in html_render.render_string(audit)


def test_findings_filter_degrades(tree: Tree) -> None:
    forms = tree.tags("form")
    assert len(forms) == 1 and "hidden" in forms[0]  # shown only by the script
    rows = [a for a in tree.tags("tr") if a.get("data-severity")]
    assert len(rows) == 4
    assert all(a.get("hidden") is None for a in rows)
    ths = tree.tags("th")
    assert ths and all(th.get("scope") in ("col", "row") for th in ths)


def test_landmarks_and_headings(tree: Tree) -> None:
    tags = [t for t, _ in tree.elements]
    assert tags.count("main") == 1 and "nav" in tags and "header" in tags and "footer" in tags
    assert tags.count("h1") == 1
    headings = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))
    ids = [a["id"] for _, a in tree.elements if a.get("id")]
    assert len(ids) == len(set(ids))
    for _, attrs in tree.elements:
        href = attrs.get("href") or ""
        if href.startswith("#") and href != "#":
            assert href[1:] in ids, href


def test_input_errors_listed(page: str) -> None:
    assert "corpus/broken.jsonl:7" in page
    assert "E201" in page


def test_empty_audit_renders() -> None:
    page = html_render.render_string(Audit((), (), (), (), (), ()))
    assert "No findings." in page and "<svg" not in page


def test_partials_render_alone(audit: Audit) -> None:
    card = html_render.group_card_html(audit, "g-mining")
    assert card.count("<svg") == 1 and "Conflict" in card
    src = html_render.source_card_html(audit, "002_<hostile>.txt")
    assert SCRIPT not in src and "&lt;script&gt;" in src


def test_same_bytes_under_different_hash_seeds(page: str) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).resolve()
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('t', {str(here)!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "from checker.render.html import render_string\n"
        "sys.stdout.buffer.write(render_string(m.make_audit()).encode())\n"
    )
    root = str(here.parents[2])
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, cwd=root)
        assert out.stdout.decode() == page


def test_inconsistent_audit_degrades_gracefully() -> None:
    base = make_audit()
    a3 = base.assertion("a3")
    assert a3 is not None
    off = Assertion(**{**{f: getattr(a3, f) for f in a3.__slots__}, "id": "a-off", "sentence_start": 999})
    audit = Audit(
        documents=base.documents,
        profiles=(
            SourceProfile(
                "000_alpha.txt",
                True,
                (AIFlag("CHK100", "disclosure", "no such text", 10_000, 10_010),),
                Credibility(0, ()),
            ),
        ),
        assertions=(*base.assertions, off),
        groups=(
            Group("g-broken", "k", None, None, None, ("a-off", "a4", "a-missing"), (), decided_by=("a-off", "zz")),
        ),
        findings=(Finding("f9", "CHK999", Severity.ERROR, "about a ghost", "ghost.txt", None, None, group_id="nope"),),
        errors=(),
    )
    page = html_render.render_string(audit)
    t = Tree()
    t.feed(page)
    assert "a-missing" in page and "<mark>roughly 70 percent</mark>" in page
    ids = {a["id"] for _, a in t.elements if a.get("id")}
    internal = [a["href"] for a in t.tags("a") if (a.get("href") or "").startswith("#")]
    assert internal and all(href[1:] in ids for href in internal)
