"""The extractor as a spaCy component, found through the spacy_factories entry point."""

from __future__ import annotations

import spacy

TEXT = "China holds more than 80 percent of refining capacity. Malaysia has about 16.2 million tons of reserves."


def test_add_pipe_sets_assertions_on_doc_and_spans():
    nlp = spacy.blank("en")  # any English pipeline; the factory comes from the entry point
    nlp.add_pipe("checker_assertions")
    doc = nlp(TEXT)
    texts = [(a["text"], a["qualifier"], a["unit"]) for a in doc._.assertions]
    assert texts == [("more than 80 percent", "gt", "%"), ("about 16.2 million tons", "approx", "t")]
    first = doc._.assertions[0]
    assert {"start", "end", "value", "low", "high", "subject", "measure", "time", "sentence"} <= set(first)
    span = doc.char_span(first["start"], first["end"], alignment_mode="expand")
    assert span._.assertion["text"] == "more than 80 percent"


def test_pipeline_with_component_saves_and_reloads(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("checker_assertions")
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert "checker_assertions" in again.pipe_names
    assert [a["text"] for a in again(TEXT)._.assertions] == ["more than 80 percent", "about 16.2 million tons"]
    assert (tmp_path / "pipe" / "checker_assertions" / "qualifiers.json").exists()
