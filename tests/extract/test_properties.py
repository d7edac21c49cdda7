"""Whatever the text, extraction never raises and every span is exactly the text it claims."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.extract import extract
from checker.model import Document, Excluded

PIECES = ["5", "85–95", "%", " percent", " per cent", "$", "US$", "RM", "€", "1,200", "16.2", " million", "bn",
          " tons", " metric tonnes", "about ", "more than ", "up to ", "≈ ", "> ", " or more", "-", "–", " to ",
          "between ", " and ", "(", ")", " km/h", "2025", "4:39 am", "1. ", "\n", ". ", "three", "a dozen",
          "half", " of ", "minus ", "/kg", " per share", "½", "×10", "e-3", "Case Study 1", "H2:", "0:00", "  "]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet="0123456789 .,-–$%aAbmk", max_size=6)),
             max_size=25).map("".join),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, cut=st.integers(min_value=0, max_value=200))
def test_never_raises_and_spans_match(nlp, quals, text, cut):
    doc = Document(id="h", text=text, excluded=(Excluded(cut, cut + 10, "furniture"),) if cut < len(text) else ())
    for a in extract([doc], quals, nlp):
        assert text[a.start:a.end] == a.text
        assert a.sentence == text[a.sentence_start:a.sentence_start + len(a.sentence)]
        assert not doc.is_excluded(a.start, a.end)
        if a.low is not None and a.high is not None:
            assert a.low <= a.high
