"""Finding and reading documents: formats, encodings, sidecars, ids and errors.

Each case is a tiny corpus written by hand, so a failure points at one rule.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from checker.corpus import iter_corpus, read_corpus, sanitise_id
from checker.model import Document, InputError
from tests.corpus.conftest import Write

ARTICLE = "The minister said exports rose by 12 percent last year, according to the ministry.\n"


def _only(docs: list[Document]) -> Document:
    assert len(docs) == 1, [d.id for d in docs]
    return docs[0]


# ----------------------------------------------------------------------- discovery


def test_folder_is_read_recursively_sorted_by_id(tmp_path: Path, write: Write) -> None:
    write("b.txt", ARTICLE)
    write("a/z.txt", ARTICLE)
    write("a/deeper/y.md", ARTICLE)
    docs, errors = read_corpus([tmp_path])
    assert errors == []
    assert [d.id for d in docs] == ["a/deeper/y.md", "a/z.txt", "b.txt"]


def test_hidden_files_and_dirs_and_sidecars_are_skipped(tmp_path: Path, write: Write) -> None:
    write("a.txt", ARTICLE)
    write(".hidden.txt", ARTICLE)
    write(".git/config.txt", ARTICLE)
    write("sources.yaml", "a.txt: {outlet: Example}\n")
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["a.txt"] and errors == []


def test_single_file_id_is_its_name_and_path_is_as_given(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("corpus/sub/one.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    doc = _only(read_corpus(["corpus/sub/one.txt"])[0])
    assert doc.id == "one.txt"
    assert doc.path == "corpus/sub/one.txt"
    folder_doc = _only(read_corpus(["corpus"])[0])
    assert folder_doc.id == "sub/one.txt" and folder_doc.path == "corpus/sub/one.txt"


def test_absolute_path_under_cwd_is_shown_relative(
    tmp_path: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("c/one.txt", ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert _only(read_corpus([tmp_path / "c"])[0]).path == "c/one.txt"


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    docs, errors = read_corpus([tmp_path / "nope"])
    assert docs == [] and len(errors) == 1 and "no such file" in errors[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_is_cut(tmp_path: Path, write: Write) -> None:
    write("a/x.txt", ARTICLE)
    try:
        os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    except OSError:
        pytest.skip("cannot create symlinks here")
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["a/x.txt"] and errors == []


def test_iter_corpus_is_lazy(tmp_path: Path, write: Write) -> None:
    """Texts are read as the caller consumes them: a file removed after the first
    document was yielded shows up as an error, proving it was not read up front."""
    write("a.txt", ARTICLE)
    write("b.txt", ARTICLE)
    it = iter_corpus([tmp_path])
    first = next(it)
    assert isinstance(first, Document) and first.id == "a.txt"
    (tmp_path / "b.txt").unlink()
    rest = list(it)
    assert len(rest) == 1 and isinstance(rest[0], InputError)


def test_unknown_extension_is_sniffed_not_guessed(tmp_path: Path, write: Write) -> None:
    write("notes.weird", ARTICLE)
    write("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["notes.weird"]
    assert len(errors) == 1 and errors[0].path.endswith("picture.txt") and "PNG" in errors[0].message


# ----------------------------------------------------------------------- errors


def test_empty_file_is_an_error_naming_the_file(tmp_path: Path, write: Write) -> None:
    write("empty.txt", "  \n\n")
    docs, errors = read_corpus([tmp_path])
    assert docs == []
    assert errors[0].path.endswith("empty.txt") and errors[0].message == "empty file"


def test_binary_file_is_an_error(tmp_path: Path, write: Write) -> None:
    write("blob.bin", b"abc\x00\x01\x02def" * 50)
    docs, errors = read_corpus([tmp_path])
    assert docs == [] and "not a text file" in errors[0].message and "\n" not in errors[0].message


def test_too_large_file_is_an_error(tmp_path: Path, write: Write) -> None:
    write("big.txt", ARTICLE * 10)
    docs, errors = read_corpus([tmp_path], max_doc_bytes=100)
    assert docs == [] and "too large" in errors[0].message


def test_undecodable_file_is_an_error(tmp_path: Path, write: Write) -> None:
    write("bad.txt", b"\xef\xbb\xbfvalid start \xff\xfe\xfd broken")
    docs, errors = read_corpus([tmp_path])
    assert docs == [] and "UTF-8" in errors[0].message


# ----------------------------------------------------------------------- encodings


def test_utf8_bom_is_stripped_and_recorded(tmp_path: Path, write: Write) -> None:
    write("bom.txt", codecs.BOM_UTF8 + ARTICLE.encode())
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.text == ARTICLE and doc.meta.encoding == "utf-8-sig"


def test_utf16_with_bom(tmp_path: Path, write: Write) -> None:
    text = "Le ministère a déclaré que les exportations ont augmenté de 12 %.\n"
    write("u16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    write("u16be.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    docs, errors = read_corpus([tmp_path])
    assert errors == []
    assert [d.text for d in docs] == [text, text]
    assert [d.meta.encoding for d in docs] == ["utf-16-le", "utf-16-be"]


def test_cp1252_text_is_detected(tmp_path: Path, write: Write) -> None:
    text = "The naïve café’s owner said “prices rose 5 %” — twice, in Zürich.\n" * 3
    write("legacy.txt", text.encode("cp1252"))
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.text == text and doc.meta.encoding == "cp1252"


def test_crlf_newlines_are_normalised(tmp_path: Path, write: Write) -> None:
    write("win.txt", b"Title line\r\nBody text here.\r\n")
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.text == "Title line\nBody text here.\n"


# ----------------------------------------------------------------------- JSONL


def test_jsonl_good_and_malformed_lines(tmp_path: Path, write: Write) -> None:
    lines = [
        json.dumps({"id": "b", "text": ARTICLE, "outlet": "Wire", "published": "2025-11-01"}),
        "{not json",
        "",
        json.dumps({"id": "a", "text": "Another article about 3 million tons.", "author": "Jane Doe"}),
        json.dumps({"id": "c"}),
        json.dumps(["not", "an", "object"]),
    ]
    write("docs.jsonl", "\n".join(lines) + "\n")
    docs, errors = read_corpus([tmp_path])
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[1].meta.outlet == "Wire" and docs[1].meta.published == "2025-11-01"
    assert docs[0].meta.byline == "Jane Doe"
    assert (docs[0].path or "").endswith("docs.jsonl")
    assert [(e.line, e.path.endswith("docs.jsonl")) for e in errors] == [(2, True), (5, True), (6, True)]
    assert "invalid JSON" in errors[0].message and "line 2" in errors[0].message
    sources = {s.field: s.origin for s in docs[1].meta.sources}
    assert sources["outlet"] == "jsonl"


def test_ndjson_extension_and_integer_ids(tmp_path: Path, write: Write) -> None:
    write("x.ndjson", json.dumps({"id": 7, "text": ARTICLE}) + "\n")
    assert _only(read_corpus([tmp_path])[0]).id == "7"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd", "_/_/etc/passwd"),
        ("/abs/path", "abs/path"),
        ("C:\\Windows\\x", "Windows/x"),
        ("a/./b//c", "a/b/c"),
        ("plain-id", "plain-id"),
        ("..", "_"),
        ("", "_"),
    ],
)
def test_ids_cannot_traverse(raw: str, safe: str) -> None:
    assert sanitise_id(raw) == safe


def test_jsonl_id_with_traversal_is_sanitised(tmp_path: Path, write: Write) -> None:
    write("d.jsonl", json.dumps({"id": "../../evil", "text": ARTICLE}) + "\n")
    doc = _only(read_corpus([tmp_path])[0])
    assert not doc.id.startswith("/") and ".." not in doc.id.split("/")


def test_duplicate_ids_keep_the_first(tmp_path: Path, write: Write) -> None:
    write("d.jsonl", "\n".join(json.dumps({"id": "same", "text": t}) for t in ("first one.", "second one.")) + "\n")
    docs, errors = read_corpus([tmp_path])
    assert _only(docs).text == "first one."
    assert len(errors) == 1 and "duplicate" in errors[0].message and errors[0].line == 2


# ----------------------------------------------------------------------- markdown


def test_markdown_front_matter_becomes_metadata_and_is_excluded(tmp_path: Path, write: Write) -> None:
    text = "---\ntitle: A Title\nauthor: Jane Doe\ndate: 2025-11-03\noutlet: The Paper\n---\n# Heading\n\n" + ARTICLE
    write("post.md", text)
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.text == text  # kept, so line numbers match the file
    assert (doc.meta.title, doc.meta.byline, doc.meta.published, doc.meta.outlet) == (
        "A Title",
        "Jane Doe",
        "2025-11-03",
        "The Paper",
    )
    assert doc.is_excluded(0, 10) and not doc.is_excluded(text.index("# Heading"), len(text))
    assert {s.field: s.origin for s in doc.meta.sources}["title"] == "front-matter"


def test_markdown_bad_front_matter_is_reported_and_doc_still_read(tmp_path: Path, write: Write) -> None:
    write("post.md", "---\ntitle: [unclosed\n---\n" + ARTICLE)
    docs, errors = read_corpus([tmp_path])
    assert len(docs) == 1 and len(errors) == 1 and errors[0].line is not None and "front matter" in errors[0].message


# ----------------------------------------------------------------------- sidecar


def test_sidecar_merges_and_wins_only_when_non_null(tmp_path: Path, write: Write) -> None:
    write("a.txt", "By Jane Doe\nPublished: 2025-11-02\n" + ARTICLE)
    write(
        "sources.yaml",
        "a.txt:\n  outlet: Example Times\n  author: null\n  url: https://www.example.com/x\n  title: The Title\n",
    )
    doc = _only(read_corpus([tmp_path])[0])
    assert doc.meta.outlet == "Example Times" and doc.meta.title == "The Title"
    assert doc.meta.byline == "Jane Doe"  # null in the sidecar: the text's byline stands
    origins = {s.field: s.origin for s in doc.meta.sources}
    assert origins == {
        "title": "sidecar",
        "outlet": "sidecar",
        "byline": "text",
        "published": "text",
        "url": "sidecar",
        "language": "text",
        "encoding": "file",
    }


def test_sidecar_applies_to_single_file_and_url_gives_outlet(tmp_path: Path, write: Write) -> None:
    path = write("a.txt", ARTICLE)
    write("sources.yaml", "a.txt: {url: 'https://www.news.example.org/story'}\n")
    doc = _only(read_corpus([path])[0])
    assert doc.meta.outlet == "news.example.org"


def test_nested_sidecar_by_relative_path(tmp_path: Path, write: Write) -> None:
    write("sub/a.txt", ARTICLE)
    write("sources.yaml", "sub/a.txt: {outlet: Nested}\n")
    assert _only(read_corpus([tmp_path])[0]).meta.outlet == "Nested"


def test_bad_sidecar_yaml_reports_line_and_docs_still_read(tmp_path: Path, write: Write) -> None:
    write("a.txt", ARTICLE)
    write("sources.yaml", "a.txt:\n  outlet: ok\n  title: [broken\n")
    docs, errors = read_corpus([tmp_path])
    assert len(docs) == 1 and docs[0].meta.outlet is None
    assert len(errors) == 1 and errors[0].path.endswith("sources.yaml") and errors[0].line is not None
    assert "invalid YAML" in errors[0].message


def test_sidecar_that_is_not_a_mapping(tmp_path: Path, write: Write) -> None:
    write("a.txt", ARTICLE)
    write("sources.yaml", "- a\n- b\n")
    docs, errors = read_corpus([tmp_path])
    assert len(docs) == 1 and "map file names" in errors[0].message


def test_same_input_same_output(tmp_path: Path, write: Write) -> None:
    for i in range(5):
        write(f"d{i}/x.txt", ARTICLE)
    write("j.jsonl", "\n".join(json.dumps({"id": f"j{i}", "text": ARTICLE}) for i in (3, 1, 2)) + "\n")
    first = read_corpus([tmp_path])
    second = read_corpus([tmp_path])
    assert first == second
    assert [d.id for d in first[0]] == sorted(d.id for d in first[0])
