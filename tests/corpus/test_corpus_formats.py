"""HTML pages, CSV tables and mojibake repair (issue #10).

Fixtures are small hand-written files in ``tmp_path``: a news page with the
furniture real pages carry, a CSV with a bad row, text damaged the usual way.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from checker.corpus import iter_corpus, read_corpus
from checker.corpus.repair import repair_mojibake
from checker.model import Document, InputError
from tests.corpus.conftest import Write

ARTICLE = "The minister said exports rose by 12 percent last year, according to the ministry.\n"

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Port exports rise 12% as shipping recovers | The Example Herald</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-11-03T08:00:00Z">
<meta property="og:site_name" content="The Example Herald">
<link rel="canonical" href="https://www.example-herald.com/business/port-exports">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="logo">The Example Herald</div><a href="/subscribe">Subscribe for £1 a week</a></header>
<main><article>
<h1>Port exports rise 12% as shipping recovers</h1>
<p class="byline">By Jane Doe</p>
<p>The port authority said on Monday that exports rose by 12 percent last year, to 4.2 million tonnes,
according to figures published by the ministry on 20 October 2025.</p>
<p>Officials credited the recovery to new shipping routes to Asia and a weaker currency, which made
local goods cheaper abroad.</p>
<p>“We expect growth to continue into next year,” the authority’s director, Maria Lopez, told reporters.</p>
</article></main>
<aside><h2>Related stories</h2><ul><li><a href="/a">Shipping costs fall 30% in a year</a></li>
<li><a href="/b">Ministry revises growth forecast to 2.1%</a></li></ul></aside>
<footer><p>© 2025 The Example Herald. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""

# No date in the markup: the only date is an event in running text.
BARE_PAGE = """<html><head><title>Quarterly results</title></head><body>
<div class="menu"><a href="/">Home</a> | <a href="/news">News</a></div>
<div class="story"><p>On 20 October 2025, the company said revenue rose 14 percent to $2.1 billion in the
quarter, beating forecasts by analysts who had expected a smaller increase.</p>
<p>The chief executive said demand in Asia remained strong and that the outlook for next year was good.</p></div>
</body></html>
"""


def _only(docs: list[Document]) -> Document:
    assert len(docs) == 1, [d.id for d in docs]
    return docs[0]


def _origins(doc: Document) -> dict[str, str]:
    return {s.field: s.origin for s in doc.meta.sources}


# ----------------------------------------------------------------------- HTML


def test_html_main_text_without_furniture(tmp_path: Path, write: Write) -> None:
    write("page.html", NEWS_PAGE)
    doc, errors = read_corpus([tmp_path])
    assert errors == []
    text = _only(doc).text
    assert "exports rose by 12 percent last year" in text and "Maria Lopez" in text
    for furniture in ("Subscribe", "Related stories", "Shipping costs fall", "Privacy policy", "All rights reserved"):
        assert furniture not in text, furniture
    assert "<p>" not in text and "\r" not in text


def test_html_metadata_comes_from_the_page(tmp_path: Path, write: Write) -> None:
    write("page.html", NEWS_PAGE)
    doc = _only(read_corpus([tmp_path])[0])
    meta = doc.meta
    assert meta.title == "Port exports rise 12% as shipping recovers"
    assert meta.byline == "Jane Doe"
    assert meta.published == "2025-11-03"
    assert meta.outlet == "The Example Herald"
    assert meta.url == "https://www.example-herald.com/business/port-exports"
    assert meta.language == "en"
    assert meta.encoding == "utf-8"
    origins = _origins(doc)
    assert {origins[f] for f in ("title", "byline", "published", "outlet", "url")} == {"html"}


def test_html_offsets_refer_to_the_extracted_text(tmp_path: Path, write: Write) -> None:
    write("page.html", NEWS_PAGE)
    doc = _only(read_corpus([tmp_path])[0])
    at = doc.text.index("4.2 million")
    assert doc.text[at : at + 11] == "4.2 million"
    assert all(0 <= e.start < e.end <= len(doc.text) for e in doc.excluded)
    for src in doc.meta.sources:
        if src.start is not None:
            assert src.end is not None and src.end <= len(doc.text)


def test_html_date_in_running_text_is_not_the_publication_date(tmp_path: Path, write: Write) -> None:
    write("bare.htm", BARE_PAGE)
    doc = _only(read_corpus([tmp_path])[0])
    assert "revenue rose 14 percent" in doc.text and "Home" not in doc.text
    assert doc.meta.published is None
    assert doc.meta.title == "Quarterly results"


def test_sidecar_beats_html_beats_text(tmp_path: Path, write: Write) -> None:
    write("page.html", NEWS_PAGE)
    write("sources.yaml", "page.html: {outlet: Herald Sidecar, author: null}\n")
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.meta.outlet == "Herald Sidecar" and doc.meta.byline == "Jane Doe"
    origins = _origins(doc)
    assert origins["outlet"] == "sidecar" and origins["byline"] == "html"


def test_html_without_article_text_is_an_error_naming_the_file(tmp_path: Path, write: Write) -> None:
    write("empty.html", "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    write("ok.txt", ARTICLE)
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["ok.txt"]
    assert len(errors) == 1 and errors[0].path.endswith("empty.html") and "HTML" in errors[0].message


def test_html_declared_legacy_charset(tmp_path: Path, write: Write) -> None:
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Jane Doe", "José Pérez")
    page = page.replace("“", '"').replace("”", '"').replace("’", "'")
    write("legacy.html", page.encode("cp1252"))
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.meta.byline == "José Pérez" and doc.meta.encoding == "cp1252"
    assert {s.field: s.evidence for s in doc.meta.sources}["encoding"] == "declared by the page (meta charset)"


@pytest.mark.parametrize("name", ["saved.page", "download", "article.asp"])
def test_unknown_extension_that_looks_like_html_is_read_as_html(tmp_path: Path, write: Write, name: str) -> None:
    write(name, "\n  " + NEWS_PAGE.replace("<!DOCTYPE html>", "<!doctype HTML>"))
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.meta.byline == "Jane Doe" and "<html" not in doc.text and "Related stories" not in doc.text


def test_html_tags_in_a_txt_file_stay_text(tmp_path: Path, write: Write) -> None:
    write("notes.txt", "<html> is a tag. " + ARTICLE)
    assert _only(read_corpus([tmp_path])[0]).text.startswith("<html> is a tag.")


# ----------------------------------------------------------------------- CSV

CSV = (
    "id,title,author,date,outlet,url,text\n"
    "a1,Port exports,Jane Doe,2025-11-03,Herald,https://www.example.com/a,"
    '"Exports rose 12 percent, the ministry said."\n'
    ',Second story,,3 November 2025,,,"Two lines:\nrevenue rose ""sharply"" to $2.1 billion."\n'
    "a3,No text here,,,,,\n"
    'a4,"broken"quote,,,,,Some text\n'
    "a5,Last,,,,,Imports fell 3 percent.\n"
)


def test_csv_rows_become_documents_with_metadata(tmp_path: Path, write: Write) -> None:
    write("news.csv", CSV)
    docs, _errors = read_corpus([tmp_path])
    by_id = {d.id: d for d in docs}
    assert sorted(by_id) == ["a1", "a5", "news.csv:3"]
    a1 = by_id["a1"]
    assert a1.text == "Exports rose 12 percent, the ministry said."
    assert (a1.meta.title, a1.meta.byline, a1.meta.published, a1.meta.outlet, a1.meta.url) == (
        "Port exports",
        "Jane Doe",
        "2025-11-03",
        "Herald",
        "https://www.example.com/a",
    )
    assert _origins(a1)["outlet"] == "csv"
    second = by_id["news.csv:3"]  # no id: file and the line the row starts on
    assert second.text == 'Two lines:\nrevenue rose "sharply" to $2.1 billion.'
    assert second.meta.published == "2025-11-03"
    assert all(d.path and d.path.endswith("news.csv") for d in docs)


def test_csv_bad_rows_are_errors_with_lines_and_others_still_read(tmp_path: Path, write: Write) -> None:
    write("news.csv", CSV)
    docs, errors = read_corpus([tmp_path])
    assert len(docs) == 3
    assert [(e.line, e.path.endswith("news.csv")) for e in errors] == [(5, True), (6, True)]
    assert "no text" in errors[0].message and "line 5" in errors[0].message
    assert "malformed CSV" in errors[1].message and "line 6" in errors[1].message


def test_csv_unclosed_quote_names_its_line(tmp_path: Path, write: Write) -> None:
    write("t.csv", 'id,text\na,"fine"\nb,"never closed\nc,more text\n')
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert len(errors) == 1 and errors[0].line == 3 and "unclosed quote" in errors[0].message


def test_csv_text_column_option(tmp_path: Path, write: Write) -> None:
    write("t.csv", "headline,body\nA title,Exports rose 12 percent.\n")
    docs, errors = read_corpus([tmp_path])
    assert docs == [] and len(errors) == 1
    assert '"text"' in errors[0].message and "body" in errors[0].message and "--text-column" in errors[0].message
    doc = _only(read_corpus([tmp_path], text_column="body")[0])
    assert doc.text == "Exports rose 12 percent." and doc.meta.title == "A title" and doc.id == "t.csv:2"


def test_text_column_applies_to_jsonl_too(tmp_path: Path, write: Write) -> None:
    write("d.jsonl", json.dumps({"id": "x", "body": ARTICLE, "text": "not this"}) + "\n")
    assert _only(read_corpus([tmp_path], text_column="body")[0]).text == ARTICLE


def test_csv_bom_semicolons_and_header_case(tmp_path: Path, write: Write) -> None:
    write("excel.csv", codecs.BOM_UTF8 + "ID;Text;Author\r\nx1;Le ministère a déclaré 12 %.;Anne Martin\r\n".encode())
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.id == "x1" and doc.text == "Le ministère a déclaré 12 %." and doc.meta.byline == "Anne Martin"
    assert doc.meta.encoding == "utf-8-sig"


def test_tsv_and_utf16(tmp_path: Path, write: Write) -> None:
    write("a.tsv", "id\ttext\nt1\tExports, imports and more.\n")
    write("b.csv", codecs.BOM_UTF16_LE + "id,text\nu1,Zürich grew 3 %.\nu2,Genève too.\n".encode("utf-16-le"))
    docs, errors = read_corpus([tmp_path])
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [
        ("t1", "Exports, imports and more."),
        ("u1", "Zürich grew 3 %."),
        ("u2", "Genève too."),
    ]


def test_csv_large_field(tmp_path: Path, write: Write) -> None:
    big = "Exports rose 12 percent. " * 8000  # 200 kB: above the csv module's default field limit
    write("big.csv", f'id,text\nbig,"{big}"\n')
    assert _only(read_corpus([tmp_path])[0]).text == big


def test_csv_invalid_bytes_reject_only_their_row(tmp_path: Path, write: Write) -> None:
    good = "".join(f"g{i},Exports rose {i} percent in Zürich.\n" for i in range(3000)).encode()  # > 64 kB sample
    write("mixed.csv", b"id,text\n" + good + b"bad,Broken \xff\xfe text.\nlast,Fine again.\n")
    docs, errors = read_corpus([tmp_path])
    assert len(docs) == 3001 and "last" in {d.id for d in docs} and "bad" not in {d.id for d in docs}
    assert len(errors) == 1 and errors[0].line == 3002 and "not valid utf-8" in errors[0].message


def test_csv_cp1252_file(tmp_path: Path, write: Write) -> None:
    rows = "id,text\n" + "".join(f"r{i},The café’s owner said “prices rose {i} %” in Zürich.\n" for i in range(5))
    write("legacy.csv", rows.encode("cp1252"))
    docs, errors = read_corpus([tmp_path])
    assert errors == [] and len(docs) == 5
    assert docs[0].text == "The café’s owner said “prices rose 0 %” in Zürich." and docs[0].meta.encoding == "cp1252"


def test_csv_is_read_lazily(tmp_path: Path, write: Write) -> None:
    """Rows are read as the caller consumes them: the file removed after the first
    document was yielded makes the second an error, so it was not read up front."""
    path = write("t.csv", "id,text\na,First.\nb,Second.\n")
    it = iter_corpus([tmp_path])
    first = next(it)
    assert isinstance(first, Document) and first.text == "First."
    path.unlink()
    rest = list(it)
    assert len(rest) == 1 and isinstance(rest[0], InputError) and "cannot read" in rest[0].message


def test_csv_empty_and_header_only(tmp_path: Path, write: Write) -> None:
    write("empty.csv", "")
    write("header.csv", "id,text\n\n")
    docs, errors = read_corpus([tmp_path])
    assert docs == []
    assert sorted(e.message for e in errors) == ["empty file", "no rows after the header"]


# ----------------------------------------------------------------------- mojibake

CLEAN = "Le café coûte 3 € ; l’été dernier, « prix » +5 %. Zürich, Ångström, naïve — “quoted”.\n"


def test_clean_text_is_byte_identical(tmp_path: Path, write: Write) -> None:
    write("clean.txt", CLEAN)
    write("clean.md", "---\ntitle: Café\n---\n" + CLEAN)
    write("clean.jsonl", json.dumps({"id": "j", "text": CLEAN}) + "\n")
    write("clean.csv", f'id,text\nc,"{CLEAN}"\n')
    docs, errors = read_corpus([tmp_path])
    assert errors == []
    for doc in docs:
        assert doc.text.encode("utf-8") == CLEAN.encode("utf-8") or doc.text.endswith(CLEAN), doc.id
        assert "mojibake" not in (doc.meta.encoding or ""), doc.id
    assert repair_mojibake(CLEAN) is None


def test_mojibake_is_repaired_and_recorded(tmp_path: Path, write: Write) -> None:
    damaged = CLEAN.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "")
    assert "Ã©" in damaged and "â€™" in damaged
    text = "The cafÃ© owner said itâ€™s fine: prices Ã¼ber 5 â‚¬ rose 12 percent.\n"
    write("damaged.txt", text)
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.text == "The café owner said it’s fine: prices über 5 € rose 12 percent.\n"
    assert doc.meta.encoding == "utf-8 (mojibake repaired)"
    evidence = {s.field: s.evidence for s in doc.meta.sources}["encoding"]
    assert evidence and "mojibake" in evidence and "valid UTF-8" in evidence


def test_mojibake_in_jsonl_and_html(tmp_path: Path, write: Write) -> None:
    write("d.jsonl", json.dumps({"id": "m", "text": "MÃ¼nchen reported 4 % growth.", "author": "JosÃ© PÃ©rez"}) + "\n")
    write("p.html", NEWS_PAGE.replace("authority’s", "authorityâ€™s"))
    docs, errors = read_corpus([tmp_path])
    assert errors == []
    by_id = {d.id: d for d in docs}
    assert by_id["m"].text == "München reported 4 % growth." and by_id["m"].meta.byline == "José Pérez"
    assert by_id["p.html"].meta.encoding == "utf-8 (mojibake repaired)"
    assert "authority’s" in by_id["p.html"].text


def test_markdown_front_matter_offsets_follow_the_repair(tmp_path: Path, write: Write) -> None:
    text = "---\ntitle: CafÃ© prices\n---\nThe cafÃ© raised prices by 5 percent.\n"
    write("m.md", text)
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.meta.title == "Café prices" and doc.text.startswith("---\ntitle: Café prices\n---\n")
    front = next(e for e in doc.excluded if e.reason == "front-matter")
    assert doc.text[: front.end].rstrip().endswith("---") and not doc.is_excluded(front.end + 1, front.end + 5)


def test_legitimate_capital_a_tilde_is_left_alone() -> None:
    assert repair_mojibake("SÃO PAULO — Ã is a letter in Portuguese.") is None
