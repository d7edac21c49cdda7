"""Properties that must hold for any text: no crash, spans inside the text, ids safe."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.corpus import build_document, iter_corpus, sanitise_id
from checker.model import Document, InputError

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


# Pieces of the formats the readers parse, so random files reach deep paths
# (quoting, front matter, markup, mojibake) and not only "not UTF-8".
FRAGMENTS = st.sampled_from(
    [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>T</title></head><body>',
        "<p>The company said revenue rose 14 percent to $2.1 billion in the quarter, beating forecasts.</p>",
        "<nav><a href='/'>Home</a></nav>",
        '<meta name="author" content="Jane Doe">',
        "</body></html>",
        "<![CDATA[",
        "<?xml version='1.0' encoding='latin-1'?>",
        "id,text,author\n",
        'a,"quoted, with ""escapes""",Jane\n',
        '"unclosed\n',
        "x;y;z\n",
        '{"id": "a", "text": "Exports rose 12 percent."}\n',
        '{"text": ',
        "---\ntitle: Café\n---\n",
        "cafÃ© itâ€™s Ã¼ber â‚¬ ÃƒÂ©",
        "Related Articles\nBYD Profit Falls 33 %\n",
        "By Jane Doe | Published: 2025-12-05\n",
        "\r\n",
        "\x00",
        "\ufeff",
    ]
)
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=12).map("".join)
ENCODED = st.one_of(
    TEXTS.map(lambda t: t.encode("utf-8")),
    TEXTS.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    TEXTS.map(lambda t: t.encode("cp1252", errors="replace")),
    TEXTS.map(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le", errors="surrogatepass")),
    st.binary(max_size=300),
)
EXTENSIONS = st.sampled_from(["txt", "md", "jsonl", "csv", "html", "unknown"])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(EXTENSIONS, ENCODED), min_size=1, max_size=4))
def test_arbitrary_files_never_crash_and_spans_stay_inside(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, (ext, data) in enumerate(files):
            Path(tmp, f"f{i}.{ext}").write_bytes(data)
        ids = []
        for item in iter_corpus([tmp]):
            if isinstance(item, InputError):
                assert item.path and item.message and "\n" not in item.message
                continue
            assert isinstance(item, Document)
            ids.append(item.id)
            n = len(item.text)
            for e in item.excluded:
                assert 0 <= e.start < e.end <= n and e.reason
            for src in item.meta.sources:
                if src.start is not None:
                    assert src.end is not None and 0 <= src.start <= src.end <= n
            assert "\r" not in item.text
        assert ids == sorted(ids) and len(ids) == len(set(ids))


# Control characters other than line breaks and tabs make a file look binary: out of scope here.
CELLS = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(list('\n\r\t,;"'))),
    max_size=60,
)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=8))
def test_csv_written_by_the_csv_module_reads_back(rows: list[tuple[str, str]]) -> None:
    import csv
    import io

    from checker.corpus.repair import MOJIBAKE

    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "t.csv").write_bytes(buf.getvalue().encode("utf-8"))
        got = {d.id: d for d in iter_corpus([tmp]) if isinstance(d, Document)}
    expected_texts = []
    for _title, text in rows:
        if text.strip() and not MOJIBAKE.search(text):
            expected_texts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
    texts = [d.text for d in got.values()]
    for text in expected_texts:
        assert text in texts
