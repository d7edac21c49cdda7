"""Properties that must hold for any text: no crash, spans inside the text, ids safe."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.corpus import build_document, sanitise_id

LINES = st.sampled_from(
    [
        "Table of Contents",
        "- 1. H2: Intro",
        "Related Articles",
        "BYD Profit Falls 33 % as Carmaker Looks Abroad",
        "0:00",
        "Advertisement",
        "Comentarios",
        "By Jane Doe | Published: 2025-12-05",
        "lunes, 27 de octubre de 2025, 4:39 am ET3 min de lectura",
        "The company said revenue rose 14 percent to $2.1 billion in the quarter, beating forecasts.",
        "© 2025 Example Herald",
        "",
        "   ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=30), st.sampled_from(["\n", "\n\n"]))
def test_any_text_gives_valid_spans(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    doc = build_document("x", text)
    assert doc.text == text
    previous = -1
    for e in doc.excluded:
        assert 0 <= e.start < e.end <= len(text) and e.reason
        assert e.start >= previous
        previous = e.start
    for src in doc.meta.sources:
        if src.start is not None:
            assert src.end is not None and 0 <= src.start <= src.end <= len(text)
    if doc.meta.published is not None:
        assert len(doc.meta.published) == 10


@given(st.text(max_size=60))
def test_sanitised_ids_never_escape(raw: str) -> None:
    safe = sanitise_id(raw)
    assert safe and not safe.startswith("/") and ".." not in safe.split("/") and "\\" not in safe
    assert not any(ord(c) < 32 for c in safe)
