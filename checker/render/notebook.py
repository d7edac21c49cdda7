"""Compact HTML for Jupyter (``Audit._repr_html_``, ``Group._repr_html_``), from the report's own pieces.

Everything is escaped; nothing is loaded from the network (the report's
stylesheet is inlined once, the same way the report does).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from checker.model import Audit, Group, Verdict
from checker.render.html import group_card_html, stylesheet

ORDER = {Verdict.CONFLICT: 0, Verdict.MINOR: 1, Verdict.AGREE: 2}


def audit_html(audit: Audit, max_groups: int = 5) -> str:
    """Counts, then the cards of the worst groups (as in the report)."""
    verdicts = {v: sum(1 for g in audit.groups if g.verdict is v) for v in Verdict}
    ai = sum(1 for p in audit.profiles if p.ai_generated)
    head = Markup(
        "<p><strong>checker audit</strong>: {d} documents, {a} assertions, {g} groups "
        "({c} conflict, {m} minor, {ag} agree), {ai} AI-generated sources, {f} findings, {e} input errors</p>"
    ).format(
        d=len(audit.documents), a=len(audit.assertions), g=len(audit.groups), c=verdicts[Verdict.CONFLICT],
        m=verdicts[Verdict.MINOR], ag=verdicts[Verdict.AGREE], ai=ai, f=len(audit.findings), e=len(audit.errors),
    )  # fmt: skip
    worst = sorted(audit.groups, key=lambda g: (ORDER[g.verdict], -len(g.members), g.id))[:max_groups]
    cards = Markup("").join(group_card_html(audit, g.id) for g in worst)
    more = len(audit.groups) - len(worst)
    tail = Markup("<p>… and {n} more groups (see the HTML report).</p>").format(n=more) if more > 0 else Markup("")
    return str(
        Markup('<div class="checker-audit"><style>{css}</style>{head}{cards}{tail}</div>').format(
            css=stylesheet(), head=head, cards=cards, tail=tail
        )
    )


def group_html(group: Group) -> str:
    """A group on its own: what it is about, its verdict and the deciding pair."""
    rows = [
        ("subject", group.subject), ("measure", group.measure), ("unit", group.unit), ("time", group.time),
        ("verdict", group.verdict.value), ("agreement", f"{group.agreement:.2f}"), ("reason", group.reason),
        ("decided by", " vs ".join(group.decided_by) if group.decided_by else None),
        ("members", ", ".join(group.members)),
    ]  # fmt: skip
    body = Markup("").join(
        Markup("<tr><th scope='row'>{k}</th><td>{v}</td></tr>").format(k=k, v=v if v is not None else "—")
        for k, v in rows
    )
    return str(
        Markup("<table class='checker-group'><caption>Group {id}</caption>{body}</table>").format(
            id=escape(group.id), body=body
        )
    )
