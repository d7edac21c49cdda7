"""The HTML audit report: one self-contained page rendered from one ``Audit``.

The page loads nothing from the network: CSS and the few lines of JS that drive
the findings filter are inlined, and the Content-Security-Policy admits exactly
those two blocks by their sha256 hashes. Charts are inline SVG.

Everything a document supplies (text, metadata, quotes, even ids) is untrusted.
It reaches the page only through Jinja's autoescaping: this module hands the
templates plain strings split into pieces (before / match / after), never
``Markup`` built from document text. The only ``Markup`` objects are the
package's own stylesheet and script.

Same ``Audit``, same bytes: no timestamps, ordering is fixed, anchors derive
from ids, coordinates are rounded to one decimal.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from checker.model import (
    AIFlag,
    Assertion,
    Audit,
    Credibility,
    Document,
    Finding,
    Group,
    Qualifier,
    Severity,
    SourceProfile,
    Verdict,
    Why,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Characters of document text shown either side of an AI flag.
FLAG_CONTEXT = 80
#: Longest stretch of sentence shown either side of a highlighted figure.
SENTENCE_CONTEXT = 240


# ----------------------------------------------------------------------- environment


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: package templates, autoescape on, strict."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt_quantity
    return env


@functools.cache
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    """The CSP source expression that admits one inline block verbatim."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def stylesheet() -> Markup:
    """The report's CSS (package-owned; safe to inline)."""
    return Markup(_asset("report.css"))


def script() -> Markup:
    """The report's JS (package-owned; safe to inline)."""
    return Markup(_asset("report.js"))


def content_security_policy() -> str:
    return (
        "default-src 'none'; "
        f"style-src {csp_hash(_asset('report.css'))}; "
        f"script-src {csp_hash(_asset('report.js'))}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


# ------------------------------------------------------------------------- public API


def render(audit: Audit, out: IO[str], **_: Any) -> None:
    """Write the report for ``audit`` to ``out`` as one self-contained HTML page."""
    out.write(render_string(audit))


def render_string(audit: Audit) -> str:
    view = build_view(audit)
    template = environment().get_template("report.html.j2")
    return template.render(
        r=view,
        css=stylesheet(),
        js=script(),
        csp=content_security_policy(),
    )


def group_card_html(audit: Audit, group_id: str) -> Markup:
    """One group card (for a notebook ``_repr_html_``); needs :func:`stylesheet`."""
    view = build_view(audit)
    g = next(g for g in view.all_groups if g.group.id == group_id)
    html = environment().get_template("_group_card.html.j2").render(g=g)
    return Markup(html)


def source_card_html(audit: Audit, doc_id: str) -> Markup:
    """One source card (for a notebook ``_repr_html_``); needs :func:`stylesheet`."""
    view = build_view(audit)
    s = next(s for s in view.sources if s.doc.id == doc_id)
    html = environment().get_template("_source_card.html.j2").render(s=s)
    return Markup(html)


def write(audit: Audit, path: str | Path) -> None:
    """Convenience: render to a file (UTF-8, ``\\n`` line ends)."""
    buf = io.StringIO()
    render(audit, buf)
    Path(path).write_text(buf.getvalue(), encoding="utf-8", newline="\n")


# ---------------------------------------------------------------------------- anchors

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def anchor(prefix: str, ident: str) -> str:
    """A stable, valid, collision-resistant fragment id derived from ``ident``."""
    slug = _UNSAFE.sub("-", ident).strip("-")[:48]
    if slug != ident:
        slug = f"{slug}-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:8]}".lstrip("-")
    return f"{prefix}-{slug}"


# ------------------------------------------------------------------------- formatting

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e4, "K"))
_WS = re.compile(r"\s+")


def _divisor(magnitude: float) -> tuple[float, str]:
    for div, suffix in _SUFFIXES:
        if magnitude >= div:
            return (1e3 if suffix == "K" else div), suffix
    return 1.0, ""


def _trim(x: float, sig: int = 6) -> str:
    text = f"{x:.{sig}g}"
    if "e" in text:
        return text
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_number(x: float | None) -> str:
    """Compact, human-readable: 16.1M, 150B, 57.95, 1,234."""
    if x is None:
        return "—"
    if math.isinf(x):
        return "+∞" if x > 0 else "−∞"
    if math.isnan(x):
        return "NaN"
    div, suffix = _divisor(abs(x))
    if suffix:
        return _trim(x / div) + suffix
    if abs(x) >= 1000 and float(x).is_integer():
        return f"{int(x):,}"
    return _trim(x)


def fmt_quantity(x: float | None, unit: str | None = None) -> str:
    text = fmt_number(x)
    if x is None or not unit:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def fmt_interval(a: Assertion) -> str:
    """Interval notation: ``[85%, 95%]``, ``(80%, 100%]``, ``[15.39M, 17.01M] t``, ``(5, +∞)``."""
    left = "[" if a.low is not None and a.low_inclusive else "("
    right = "]" if a.high is not None and a.high_inclusive else ")"
    pct = "%" if a.unit == "%" else ""
    lo = "−∞" if a.low is None else fmt_number(a.low) + pct
    hi = "+∞" if a.high is None else fmt_number(a.high) + pct
    text = f"{left}{lo}, {hi}{right}"
    return f"{text} {a.unit}" if a.unit and not pct else text


QUALIFIER_LABELS = {
    Qualifier.EXACT: "exact",
    Qualifier.APPROX: "approximate",
    Qualifier.RANGE: "range",
    Qualifier.GT: "more than",
    Qualifier.GE: "at least",
    Qualifier.LT: "less than",
    Qualifier.LE: "at most",
    Qualifier.UPTO: "up to",
    Qualifier.NEARLY: "nearly",
}

HEDGED = frozenset({Qualifier.APPROX, Qualifier.NEARLY})


@dataclass(frozen=True)
class VerdictStyle:
    key: str  # css class
    label: str
    icon: str
    description: str


VERDICTS = {
    Verdict.CONFLICT: VerdictStyle("conflict", "Conflict", "✕", "stated figures disagree beyond tolerance"),
    Verdict.MINOR: VerdictStyle("minor", "Minor discrepancy", "!", "stated figures differ slightly"),
    Verdict.AGREE: VerdictStyle("agree", "Agree", "✓", "intervals and stated figures match"),
}

SEVERITY_ICONS = {Severity.ERROR: "✕", Severity.WARNING: "!", Severity.INFO: "i"}


# ------------------------------------------------------------------------ highlighting


@dataclass(frozen=True)
class Highlight:
    """A quote inside its context, as three plain (unescaped) strings."""

    before: str
    match: str
    after: str
    found: bool = True
    clipped_before: bool = False
    clipped_after: bool = False


def _squash(text: str) -> str:
    return _WS.sub(" ", text)


def highlight(context: str, offset: int | None, quote: str, width: int) -> Highlight:
    """Split ``context`` around ``quote`` (expected at ``offset``), clipping to ``width``."""
    pos = -1
    if offset is not None and offset >= 0 and context[offset : offset + len(quote)] == quote:
        pos = offset
    elif quote:
        pos = context.find(quote)
    if pos < 0 or not quote:
        return Highlight(_squash(context), quote, "", found=False)
    end = pos + len(quote)
    start_ctx = max(0, pos - width)
    end_ctx = min(len(context), end + width)
    return Highlight(
        before=_squash(context[start_ctx:pos]).lstrip() if start_ctx else _squash(context[:pos]),
        match=quote,
        after=_squash(context[end:end_ctx]).rstrip() if end_ctx < len(context) else _squash(context[end:]),
        clipped_before=start_ctx > 0,
        clipped_after=end_ctx < len(context),
    )


def assertion_highlight(a: Assertion) -> Highlight:
    return highlight(a.sentence, a.start - a.sentence_start, a.text, SENTENCE_CONTEXT)


def flag_highlight(doc: Document, flag: AIFlag) -> Highlight:
    text = doc.text
    if 0 <= flag.start <= flag.end <= len(text) and flag.end > flag.start:
        lo = max(0, flag.start - FLAG_CONTEXT)
        hi = min(len(text), flag.end + FLAG_CONTEXT)
        return Highlight(
            before=_squash(text[lo : flag.start]),
            match=_squash(text[flag.start : flag.end]),
            after=_squash(text[flag.end : hi]),
            clipped_before=lo > 0,
            clipped_after=hi < len(text),
        )
    return highlight(text, None, flag.evidence, FLAG_CONTEXT) if flag.evidence else Highlight("", "", "", found=False)


def is_web_url(url: str | None) -> bool:
    """True for a plain http(s) URL that is safe to make clickable."""
    if not url or any(c.isspace() or ord(c) < 32 or c in "<>\"'`\\" for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# -------------------------------------------------------------------------- the chart

CHART_WIDTH = 880
LABEL_X = 8
PLOT_X0 = 236.0
PLOT_X1 = CHART_WIDTH - 28.0
ROW_H = 34
TOP = 10
AXIS_GAP = 8
BOTTOM = 34


def nice_step(span: float, target: int = 5) -> float:
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * mag * (1 + 1e-9):
            return m * mag
    return 10 * mag


@dataclass(frozen=True)
class Tick:
    x: str
    label: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    sublabel: str
    title: str
    y: str  # row centre
    band_y: str
    text_y: str
    subtext_y: str
    deciding: bool
    hedged: bool
    bar: tuple[str, str, str, str] | None  # x, y, width, height (solid bar)
    whisker: tuple[str, str] | None  # x1, x2 (thin line at y)
    caps: tuple[str, ...]  # path d strings for bracket / parenthesis ends
    arrows: tuple[str, ...]  # polygon points for unbounded ends
    dot: str | None  # cx of the stated figure


@dataclass(frozen=True)
class Chart:
    id: str
    width: int
    height: int
    rows: tuple[ChartRow, ...]
    ticks: tuple[Tick, ...]
    axis_y: str
    tick_y2: str
    tick_label_y: str
    band_h: str
    plot_x0: str
    plot_x1: str
    plot_top: str
    title: str
    aria_label: str
    unit_caption: str


def _f(x: float) -> str:
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


def tick_labels(ticks: Sequence[float], step: float, unit: str | None) -> list[str]:
    biggest = max((abs(t) for t in ticks), default=0.0)
    div, suffix = _divisor(biggest)
    scaled = step / div
    decimals = max(0, -math.floor(math.log10(scaled) + 1e-9)) if scaled > 0 else 0
    decimals = min(decimals, 6)
    labels = []
    for t in ticks:
        text = f"{t / div:.{decimals}f}"
        if text.startswith("-") and float(text) == 0:
            text = text[1:]
        labels.append(text + suffix + ("%" if unit == "%" else ""))
    return labels


def _domain(members: Sequence[Assertion]) -> tuple[float, float, float, list[float]]:
    values = [v for a in members for v in (a.low, a.high, a.value) if v is not None and math.isfinite(v)]
    if not values:
        values = [0.0, 1.0]
    lo, hi = min(values), max(values)
    span = hi - lo
    pad = span * 0.08 if span > 0 else (abs(lo) * 0.05 or 1.0)
    left, right = lo - pad, hi + pad
    room = (right - left) * 0.12
    if any(a.low is None for a in members):
        left -= room
    if any(a.high is None for a in members):
        right += room
    step = nice_step(right - left)
    d_lo = math.floor(left / step + 1e-9) * step
    d_hi = math.ceil(right / step - 1e-9) * step
    if lo >= 0 and d_lo < 0:
        d_lo = 0.0
    if hi <= 100 and d_hi > 100 and members and members[0].unit == "%" and hi > 50:
        d_hi = max(100.0, hi)
    count = round((d_hi - d_lo) / step)
    ticks = [d_lo + i * step for i in range(count + 1)]
    ticks = [t for t in ticks if d_lo - 1e-9 * step <= t <= d_hi + 1e-9 * step]
    return d_lo, d_hi, step, ticks


def _cap(x: float, y: float, side: str, closed: bool) -> str:
    h = 7.0
    if closed:  # square bracket
        d = 4.0 if side == "left" else -4.0
        return f"M{_f(x + d)} {_f(y - h)}H{_f(x)}V{_f(y + h)}H{_f(x + d)}"
    d = 5.0 if side == "left" else -5.0  # parenthesis
    return f"M{_f(x + d)} {_f(y - h)}Q{_f(x - d)} {_f(y)} {_f(x + d)} {_f(y + h)}"


def _arrow(x: float, y: float, side: str) -> str:
    if side == "left":
        return f"{_f(x)},{_f(y)} {_f(x + 9)},{_f(y - 5.5)} {_f(x + 9)},{_f(y + 5.5)}"
    return f"{_f(x)},{_f(y)} {_f(x - 9)},{_f(y - 5.5)} {_f(x - 9)},{_f(y + 5.5)}"


def _clip(text: str, n: int) -> str:
    text = _squash(text).strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def build_chart(
    chart_id: str,
    title: str,
    unit: str | None,
    members: Sequence[MemberView],
) -> Chart:
    assertions = [m.a for m in members]
    d_lo, d_hi, step, ticks = _domain(assertions)
    width = PLOT_X1 - PLOT_X0

    def x(v: float) -> float:
        if d_hi == d_lo:
            return PLOT_X0 + width / 2
        return PLOT_X0 + (min(max(v, d_lo), d_hi) - d_lo) / (d_hi - d_lo) * width

    rows: list[ChartRow] = []
    for i, m in enumerate(members):
        a = m.a
        cy = TOP + i * ROW_H + ROW_H / 2
        caps: list[str] = []
        arrows: list[str] = []
        bar = whisker = None
        point = a.low is not None and a.high is not None and a.low == a.high
        if not point and (a.low is not None or a.high is not None):
            lx = PLOT_X0 if a.low is None else x(a.low)
            rx = PLOT_X1 if a.high is None else x(a.high)
            hedged = a.qualifier in HEDGED
            if hedged:
                whisker = (_f(lx), _f(rx))
            else:
                bar = (_f(lx), _f(cy - 5), _f(max(rx - lx, 1.0)), "10.0")
            if a.low is None:
                arrows.append(_arrow(PLOT_X0 - 4, cy, "left"))
            else:
                caps.append(_cap(lx, cy, "left", a.low_inclusive))
            if a.high is None:
                arrows.append(_arrow(PLOT_X1 + 4, cy, "right"))
            else:
                caps.append(_cap(rx, cy, "right", a.high_inclusive))
        dot_v = a.value if a.value is not None else (a.low if point else None)
        dot = _f(x(dot_v)) if dot_v is not None and math.isfinite(dot_v) else None
        stated = f"stated {fmt_quantity(a.value, a.unit)}" if a.value is not None else "no stated figure"
        rows.append(
            ChartRow(
                label=_clip(m.doc.name, 28),
                sublabel=_clip(m.doc.id, 36) if m.doc.name != m.doc.id else "",
                title=f"{m.doc.name} — “{_squash(a.text)}”: {fmt_interval(a)}, {stated}",
                y=_f(cy),
                band_y=_f(cy - ROW_H / 2 + 1),
                text_y=_f(cy - 2 if m.doc.name != m.doc.id else cy + 4),
                subtext_y=_f(cy + 11),
                deciding=m.deciding,
                hedged=a.qualifier in HEDGED,
                bar=bar,
                whisker=whisker,
                caps=tuple(caps),
                arrows=tuple(arrows),
                dot=dot,
            )
        )
    plot_bottom = TOP + len(members) * ROW_H + AXIS_GAP
    labels = tick_labels(ticks, step, unit)
    summary = "; ".join(
        f"{m.doc.name}: {fmt_interval(m.a)}"
        + (f", stated {fmt_quantity(m.a.value, m.a.unit)}" if m.a.value is not None else "")
        for m in members
    )
    unit_caption = "" if not unit or unit == "%" else f"unit: {unit}"
    return Chart(
        id=chart_id,
        width=CHART_WIDTH,
        height=int(plot_bottom + BOTTOM),
        rows=tuple(rows),
        ticks=tuple(Tick(_f(x(t)), lab) for t, lab in zip(ticks, labels, strict=True)),
        axis_y=_f(plot_bottom),
        tick_y2=_f(plot_bottom + 5),
        tick_label_y=_f(plot_bottom + 19),
        band_h=_f(ROW_H - 2),
        plot_x0=_f(PLOT_X0),
        plot_x1=_f(PLOT_X1),
        plot_top=_f(TOP),
        title=f"Number line: {title}",
        aria_label=f"Number line of {len(members)} figures for {title}. {summary}.",
        unit_caption=unit_caption,
    )


# -------------------------------------------------------------------------- view model


@dataclass(frozen=True)
class DocRef:
    id: str
    name: str  # outlet, else title, else id
    anchor: str
    known: bool = True


@dataclass(frozen=True)
class MemberView:
    a: Assertion
    anchor: str
    doc: DocRef
    hl: Highlight
    interval: str
    qualifier: str
    stated: str
    why: tuple[Why, ...]
    deciding: bool


@dataclass(frozen=True)
class PairView:
    a: MemberView | None
    b: MemberView | None
    a_id: str
    b_id: str
    verdict: VerdictStyle
    reason: str


@dataclass(frozen=True)
class FindingView:
    f: Finding
    anchor: str
    doc: DocRef | None
    group_anchor: str | None
    severity: str
    icon: str
    rule_summary: str
    location: str


@dataclass(frozen=True)
class GroupView:
    group: Group
    anchor: str
    title: str
    subject: str
    measure: str
    unit: str
    verdict: VerdictStyle
    cross_source: bool
    doc_count: int
    members: tuple[MemberView, ...]
    deciding: tuple[MemberView, ...]
    missing: tuple[str, ...]
    pairs: tuple[PairView, ...]
    findings: tuple[FindingView, ...]
    chart: Chart | None
    agreement: str


@dataclass(frozen=True)
class MetaRow:
    label: str
    value: str
    origin: str
    evidence: str
    link: bool


@dataclass(frozen=True)
class FlagView:
    flag: AIFlag
    hl: Highlight


@dataclass(frozen=True)
class EvidenceView:
    text: str
    group_anchor: str | None
    group_title: str


@dataclass(frozen=True)
class CriterionView:
    id: str
    name: str
    points: str
    possible: str
    evidence: tuple[EvidenceView, ...]
    note: str


@dataclass(frozen=True)
class SourceView:
    doc: Document
    ref: DocRef
    heading: str
    meta: tuple[MetaRow, ...]
    profile: SourceProfile | None
    ai_generated: bool
    flags: tuple[FlagView, ...]
    credibility: Credibility | None
    criteria: tuple[CriterionView, ...]
    assertion_count: int
    groups: tuple[GroupView, ...]
    findings: tuple[tuple[str, int], ...]  # (severity, count)
    excluded: int


@dataclass(frozen=True)
class Stat:
    label: str
    value: int
    key: str
    href: str


@dataclass(frozen=True)
class ReportView:
    stats: tuple[Stat, ...]
    all_groups: tuple[GroupView, ...]
    cross_groups: tuple[GroupView, ...]
    single_groups: tuple[GroupView, ...]
    sources: tuple[SourceView, ...]
    findings: tuple[FindingView, ...]
    severities: tuple[str, ...]
    rules: tuple[tuple[str, str], ...]  # (rule id, summary)
    errors: tuple[object, ...]
    model: str
    schema_version: str
    verdicts: tuple[VerdictStyle, ...]


def _sorted_groups(groups: Iterable[Group]) -> list[Group]:
    return sorted(groups, key=lambda g: (-g.verdict.rank, -len(g.members), g.id))


def _doc_ref(doc: Document | None, doc_id: str) -> DocRef:
    if doc is None:
        return DocRef(doc_id, doc_id, anchor("doc", doc_id), known=False)
    name = doc.meta.outlet or doc.meta.title or doc.id
    return DocRef(doc.id, name, anchor("doc", doc.id))


def _group_title(g: Group) -> str:
    parts = [p for p in (g.subject, g.measure) if p]
    title = " — ".join(parts) if parts else g.key or g.id
    if g.time:
        title += f" ({g.time})"
    return title


def _fmt_points(x: float) -> str:
    return _trim(x, 4)


def build_view(audit: Audit) -> ReportView:
    assertions = {a.id: a for a in audit.assertions}
    profiles = {p.doc_id: p for p in reversed(audit.profiles)}  # first profile wins, like Audit.profile
    per_doc_assertions = Counter(a.doc_id for a in audit.assertions)
    per_doc_severity = Counter((f.doc_id, f.severity) for f in audit.findings)
    rule_info = {r.id: r for r in audit.rules}
    refs = {d.id: _doc_ref(d, d.id) for d in audit.documents}

    def ref(doc_id: str) -> DocRef:
        return refs.get(doc_id) or _doc_ref(None, doc_id)

    findings_sorted = sorted(
        audit.findings,
        key=lambda f: (f.doc_id or "", f.line or 0, f.column or 0, f.rule, f.id),
    )
    group_ids = {g.id for g in audit.groups}
    finding_views = tuple(
        FindingView(
            f=f,
            anchor=anchor("finding", f.id),
            doc=ref(f.doc_id) if f.doc_id else None,
            group_anchor=anchor("group", f.group_id) if f.group_id in group_ids else None,
            severity=f.severity.value,
            icon=SEVERITY_ICONS[f.severity],
            rule_summary=rule_info[f.rule].summary if f.rule in rule_info else "",
            location=("" if f.line is None else f"{f.line}:{f.column}" if f.column is not None else str(f.line)),
        )
        for f in findings_sorted
    )

    findings_by_group: dict[str, tuple[FindingView, ...]] = {}
    for fv in finding_views:
        if fv.f.group_id is not None:
            findings_by_group[fv.f.group_id] = (*findings_by_group.get(fv.f.group_id, ()), fv)

    group_views: list[GroupView] = []
    for g in _sorted_groups(audit.groups):
        whys: dict[str, list[Why]] = {}
        for w in g.why:
            whys.setdefault(w.assertion_id, []).append(w)
        deciding_ids = set(g.decided_by or ())
        members: list[MemberView] = []
        missing: list[str] = []
        for aid in g.members:
            a = assertions.get(aid)
            if a is None:
                missing.append(aid)
                continue
            members.append(
                MemberView(
                    a=a,
                    anchor=anchor("m", f"{g.id}/{a.id}"),
                    doc=ref(a.doc_id),
                    hl=assertion_highlight(a),
                    interval=fmt_interval(a),
                    qualifier=QUALIFIER_LABELS.get(a.qualifier, str(a.qualifier.value)),
                    stated=fmt_quantity(a.value, a.unit) if a.value is not None else "—",
                    why=tuple(whys.get(aid, ())),
                    deciding=aid in deciding_ids,
                )
            )
        by_id = {m.a.id: m for m in members}
        deciding = tuple(by_id[i] for i in (g.decided_by or ()) if i in by_id)
        doc_count = len({m.a.doc_id for m in members})
        cross = doc_count >= 2
        title = _group_title(g)
        ganchor = anchor("group", g.id)
        pairs = tuple(
            PairView(
                a=by_id.get(p.a),
                b=by_id.get(p.b),
                a_id=p.a,
                b_id=p.b,
                verdict=VERDICTS[p.verdict],
                reason=p.reason,
            )
            for p in sorted(g.pairs, key=lambda p: (-p.verdict.rank, p.a, p.b))
        )
        group_views.append(
            GroupView(
                group=g,
                anchor=ganchor,
                title=title,
                subject=g.subject or "",
                measure=g.measure or "",
                unit=g.unit or "",
                verdict=VERDICTS[g.verdict],
                cross_source=cross,
                doc_count=doc_count,
                members=tuple(members),
                deciding=deciding,
                missing=tuple(missing),
                pairs=pairs,
                findings=findings_by_group.get(g.id, ()),
                chart=build_chart(f"chart-{ganchor}", title, g.unit, members) if cross and members else None,
                agreement=f"{g.agreement:.2f}",
            )
        )

    groups_by_id = {gv.group.id: gv for gv in group_views}
    groups_by_doc: dict[str, tuple[GroupView, ...]] = {}
    for gv in group_views:
        for doc_id in dict.fromkeys(m.a.doc_id for m in gv.members):
            groups_by_doc[doc_id] = (*groups_by_doc.get(doc_id, ()), gv)
    sources: list[SourceView] = []
    for d in sorted(audit.documents, key=lambda d: d.id):
        profile = profiles.get(d.id)
        origins: dict[str, list[str]] = {}
        evidence: dict[str, list[str]] = {}
        for s in d.meta.sources:
            origins.setdefault(s.field, []).append(s.origin)
            if s.evidence:
                evidence.setdefault(s.field, []).append(s.evidence)
        meta_rows = []
        for field_name, label in (
            ("title", "Title"),
            ("outlet", "Outlet"),
            ("byline", "Byline"),
            ("published", "Published"),
            ("url", "URL"),
            ("kind", "Kind"),
            ("language", "Language"),
        ):
            value = getattr(d.meta, field_name)
            meta_rows.append(
                MetaRow(
                    label=label,
                    value=value or "",
                    origin=", ".join(dict.fromkeys(origins.get(field_name, ()))),
                    evidence=" · ".join(evidence.get(field_name, ())),
                    link=field_name == "url" and is_web_url(value),
                )
            )
        if d.path:
            meta_rows.append(MetaRow("Path", d.path, "", "", False))
        criteria: list[CriterionView] = []
        if profile is not None:
            for c in profile.credibility.criteria:
                criteria.append(
                    CriterionView(
                        id=c.id,
                        name=c.name,
                        points=_fmt_points(c.points),
                        possible=_fmt_points(c.possible),
                        evidence=tuple(
                            EvidenceView(
                                text=e.text,
                                group_anchor=anchor("group", e.group_id) if e.group_id in groups_by_id else None,
                                group_title=groups_by_id[e.group_id].title if e.group_id in groups_by_id else "",
                            )
                            for e in c.evidence
                        ),
                        note=c.note,
                    )
                )
        doc_groups = groups_by_doc.get(d.id, ())
        sources.append(
            SourceView(
                doc=d,
                ref=refs[d.id],
                heading=d.meta.title or d.meta.outlet or d.id,
                meta=tuple(meta_rows),
                profile=profile,
                ai_generated=bool(profile and profile.ai_generated),
                flags=tuple(FlagView(fl, flag_highlight(d, fl)) for fl in profile.ai_flags) if profile else (),
                credibility=profile.credibility if profile else None,
                criteria=tuple(criteria),
                assertion_count=per_doc_assertions[d.id],
                groups=doc_groups,
                findings=tuple(
                    (s.value, per_doc_severity[d.id, s])
                    for s in sorted(Severity, key=lambda s: -s.rank)
                    if per_doc_severity[d.id, s]
                ),
                excluded=len(d.excluded),
            )
        )

    verdict_counts = Counter(g.verdict for g in audit.groups)
    cross_groups = tuple(gv for gv in group_views if gv.cross_source)
    severity_counts = Counter(f.severity for f in audit.findings)
    stats = (
        Stat("Documents", len(audit.documents), "neutral", "#sources"),
        Stat("Assertions", len(audit.assertions), "neutral", "#groups"),
        Stat("Cross-source groups", len(cross_groups), "neutral", "#groups"),
        Stat("Conflicts", verdict_counts[Verdict.CONFLICT], "conflict", "#groups"),
        Stat("Minor discrepancies", verdict_counts[Verdict.MINOR], "minor", "#groups"),
        Stat("Agreeing groups", verdict_counts[Verdict.AGREE], "agree", "#groups"),
        Stat(
            "AI-flagged sources",
            sum(1 for p in audit.profiles if p.ai_generated),
            "ai",
            "#sources",
        ),
        Stat("Findings: errors", severity_counts[Severity.ERROR], "error", "#findings"),
        Stat("Findings: warnings", severity_counts[Severity.WARNING], "warning", "#findings"),
        Stat("Findings: info", severity_counts[Severity.INFO], "info", "#findings"),
        Stat("Input errors", len(audit.errors), "error" if audit.errors else "neutral", "#errors"),
    )
    present = {f.severity for f in audit.findings}
    return ReportView(
        stats=stats,
        all_groups=tuple(group_views),
        cross_groups=cross_groups,
        single_groups=tuple(gv for gv in group_views if not gv.cross_source),
        sources=tuple(sources),
        findings=finding_views,
        severities=tuple(s.value for s in sorted(present, key=lambda s: -s.rank)),
        rules=tuple(
            (rid, rule_info[rid].summary if rid in rule_info else "")
            for rid in sorted({f.rule for f in audit.findings})
        ),
        errors=tuple(sorted(audit.errors, key=lambda e: (e.path, e.line or 0, e.code, e.message))),
        model=audit.model,
        schema_version=audit.schema_version,
        verdicts=tuple(VERDICTS[v] for v in sorted(Verdict, key=lambda v: -v.rank)),
    )
