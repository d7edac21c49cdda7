"""The pass over documents: ids, offsets, ordering, the prefilter, exclusions, model loading."""

from __future__ import annotations

import hashlib
import re

import pytest

from checker.errors import ModelError
from checker.extract import extract, load_model, model_id
from checker.extract.pipeline import split_sentences
from checker.model import Document

NUMBERISH = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
                       r"millions?|billions?|half|third|quarter)\b", re.I)


def test_ids_spans_and_positions(nlp, quals):
    text = "Intro line.\nSales rose 5% in May and costs fell 2%."
    (a, b) = extract([Document(id="doc-1", text=text)], quals, nlp)
    for x in (a, b):
        assert text[x.start:x.end] == x.text
        assert x.id == "A" + hashlib.sha1(f"doc-1\0{x.start}\0{x.end}".encode()).hexdigest()[:12]
        assert x.sentence == text[x.sentence_start:x.sentence_start + len(x.sentence)]
    assert (a.line, a.column) == (2, text.index("5%") - text.index("\n"))


def test_sorted_by_document_then_offset(nlp, quals):
    docs = [Document(id="b", text="It fell 2% and 3%."), Document(id="a", text="It rose 7%.")]
    got = [(x.doc_id, x.start) for x in extract(docs, quals, nlp)]
    assert got == sorted(got) and got[0][0] == "a"


def test_same_input_same_output(nlp, quals):
    doc = Document(id="d", text="About 60 percent agree; more than 80 percent of capacity; $150 billion in trade.")
    assert extract([doc], quals, nlp) == extract([doc], quals, nlp)


class Recorder:
    """Wraps a pipeline and records what reaches the (expensive) parser."""

    def __init__(self, nlp):
        self.nlp, self.seen = nlp, []

    def pipe(self, texts, batch_size=64):
        texts = list(texts)
        self.seen.extend(texts)
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_only_sentences_with_figures_are_parsed(nlp, quals):
    rec = Recorder(nlp)
    text = ("No figures here at all. Nor in this one, really.\n"
            "The company grew 12% last year. Everyone was pleased with the result.\n"
            "Two dozen people came. The end.")
    got = extract([Document(id="d", text=text)], quals, rec)  # type: ignore[arg-type]
    assert [a.text for a in got] == ["12%", "Two dozen people"]
    assert rec.seen and all(NUMBERISH.search(s) for s in rec.seen)
    assert not any("No figures" in s or "Everyone" in s for s in rec.seen)


def test_nothing_to_parse_needs_no_model(quals):
    assert extract([Document(id="d", text="No figures here.")], quals, nlp=None) == []


def test_sentence_splitting_keeps_abbreviations_and_list_numbers():
    text = "The U.S. economy grew 2%. Mr. Smith agreed.\n1. Table a plan. It costs $5."
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == ["The U.S. economy grew 2%.", "Mr. Smith agreed.", "1. Table a plan.", "It costs $5."]


def test_model_loading_is_cached_and_named(nlp):
    assert load_model() is nlp
    assert re.fullmatch(r"[\w.-]+==[\w.]+", model_id(nlp))


def test_unknown_model_is_a_model_error():
    with pytest.raises(ModelError) as err:
        load_model("no_such_model_pkg")
    assert "\n" not in str(err.value)


def test_a_broken_parse_reading_keeps_the_figure_and_logs_why(ext, monkeypatch, caplog):
    import logging

    from checker.extract import attach

    def broken(*_args: object) -> bool:
        raise ValueError("odd parse")

    monkeypatch.setattr(attach, "_refine_one", broken)
    with caplog.at_level(logging.DEBUG, logger="checker.extract.attach"):
        found = ext("Sales rose 12% in the quarter.")
    assert [a.text for a in found] == ["12%"]
    assert any("12%" in r.getMessage() and r.exc_info for r in caplog.records)
