"""Subject labels, governing verbs, possessive holders, from-to changes, allocation measures,
float noise, code-like text and prepositional "around": general rules, one fixture each."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.pipeline import heading_split, split_sentences
from checker.model import Document, Qualifier


def one(ext, text: str, quote: str):
    got = [a for a in ext(text) if a.text == quote]
    assert got, [a.text for a in ext(text)]
    return got[0]


# ------------------------------------------------------------------ 1. subject_label


@pytest.mark.parametrize(("sentence", "quote", "subject", "label"), [
    ("Norway has about 16.2 million tons of copper reserves.", "about 16.2 million tons", "Norway", "GPE"),
    ("President Biden announced tariffs of up to 130% on imported steel.", "up to 130%", "President Biden",
     "PERSON"),
    ("Toyota's profit rose 5% in May.", "5%", "Toyota", "ORG"),
])
def test_subject_label_is_the_ner_label_of_the_subject(ext, sentence, quote, subject, label):
    a = one(ext, sentence, quote)
    assert (a.subject, a.subject_label) == (subject, label)


def test_common_noun_subject_has_no_label(ext):
    a = one(ext, "The partnership could unlock $150 billion in bilateral trade.", "$150 billion")
    assert a.subject == "partnership" and a.subject_label is None


def test_list_label_subject_takes_the_label_of_its_head_word(ext):
    text = "Brazil said exports rose 5% in May.\n- Brazil - ≈ 61 % of global iron ore production."
    assert one(ext, text, "≈ 61 %").subject_label == "GPE"  # NER saw the name elsewhere in the document
    a = one(ext, "- Canadian export: < 5 % of total nickel trade.", "< 5 %")
    assert a.subject == "Canadian export" and a.subject_label is None


def test_no_subject_no_label(ext):
    a = one(ext, "It rose 5% in May.", "5%")
    assert a.subject is None and a.subject_label is None


# ------------------------------------------------------------- 2. the governing verb


def test_the_nearest_subject_of_the_governing_verb_wins_over_a_glued_heading(ext):
    text = ("2. EU–India Trade Talks: Kerala’s Spice Exports in the Spotlight On 3 March 2024, "
            "the European Union announced a sweeping 40% levy on all Indian textiles.")
    a = one(ext, text, "40%")
    assert a.subject == "European Union" and a.subject_label in ("ORG", "GPE")
    assert a.measure == "levy on all Indian textiles"


def test_a_heading_glued_to_a_sentence_is_split():
    text = "Why Markets Matter to the Region Last Week, officials said 5 people died."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Why Markets Matter to the Region", "Last Week, officials said 5 people died."]


@pytest.mark.parametrize("text", [
    "In 2024, the company grew 5%.",
    "The U.S. Treasury's Scott Bessent has noted that China may delay.",
    "Apple Inc. On Monday, said revenue rose 3%.",
    "President Trump And Prime Minister Albanese Agreed To Deepen Cooperation On Minerals, And Energy Supply.",
    "Brazil Remains A Major Player In Mining, processing, And Global Supply Chains For Iron Ore.",
])
def test_ordinary_and_all_title_case_sentences_are_not_split(text):
    assert heading_split(text, 0, len(text)) is None


# --------------------------------------------------------------- 3. possessive holders


def test_its_resolves_to_the_named_subject_of_the_previous_sentence(ext):
    text = ("Under the deal, Indonesia plans to lift its nickel smelting capacity by 50–60 percent by 2030. "
            "This expansion would raise its global smelting share from 15 percent to up to 25 percent.")
    a = one(ext, text, "from 15 percent to up to 25 percent")
    assert (a.subject, a.subject_label) == ("Indonesia", "GPE")
    assert a.measure == "global smelting share"


def test_its_resolves_within_the_sentence_first(ext):
    a = one(ext, "Chile said on Monday that its copper output fell 4% in March.", "4%")
    assert a.subject == "Chile"


def test_an_unresolved_possessive_leaves_no_abstract_noun_subject(ext):
    a = one(ext, "This expansion would raise its share from 10 percent to 20 percent.",
            "from 10 percent to 20 percent")
    assert a.subject is None


def test_previous_sentence_is_parsed_only_for_possessive_pronouns(nlp, quals):
    seen: list[str] = []

    class Rec:
        def pipe(self, texts, batch_size=64):
            texts = list(texts)
            seen.extend(texts)
            return nlp.pipe(texts, batch_size=batch_size)

    text = "Peru expanded mining. Their output rose 5%. Nobody talked. Costs fell 2%."
    extract([Document(id="d", text=text)], quals, Rec())  # type: ignore[arg-type]
    assert "Peru expanded mining." in seen and "Nobody talked." not in seen


# ----------------------------------------------------------------- 4. from-to changes


@pytest.mark.parametrize(("sentence", "quote", "low", "high", "change"), [
    ("The jobless rate rose from 25% to 19% last year.", "from 25% to 19%", 19.0, 25.0, "down"),
    ("Gold fell from $1,840 to $1,795 an ounce.", "from $1,840 to $1,795 an ounce", 1795.0, 1840.0, "down"),
    ("The plan would lift its share from 10 percent to up to 20 percent.",
     "from 10 percent to up to 20 percent", 10.0, 20.0, "up"),
])
def test_a_change_from_x_to_y_is_one_range_with_a_direction(ext, sentence, quote, low, high, change):
    a = one(ext, sentence, quote)
    assert a.qualifier is Qualifier.RANGE and (a.low, a.high) == (low, high)
    assert a.change == change
    assert any(n.startswith("change from ") for n in a.notes)


@pytest.mark.parametrize(("sentence", "quote"), [
    ("Prices range from $370,000 to $5.5 million.", "from $370,000 to $5.5 million"),
    ("Guidance was cut to $84 billion, down from the $89 to $93 billion it had projected.", "$89 to $93 billion"),
])
def test_a_from_to_range_without_a_change_word_is_a_level(ext, sentence, quote):
    a = one(ext, sentence, quote)
    assert a.qualifier is Qualifier.RANGE and a.change is None
    assert not any(n.startswith("change from") for n in a.notes)


def test_a_range_of_ranges_is_no_change(ext):
    got = ext("The airline has revised its forecast from 5 to 7 per cent to 3 to 5 per cent.")
    assert all(a.change is None for a in got)


# ---------------------------------------------------------- 5. allocation verbs' measure


@pytest.mark.parametrize(("sentence", "quote", "measure"), [
    ("The accord commits US$4.2 billion to joint battery projects and training.", "US$4.2 billion",
     "joint battery projects"),
    ("- The 2023 plan earmarks RMB 90 billion for upstream exploration (drilling, surveys).", "RMB 90 billion",
     "upstream exploration"),
    ("The fund will invest $300 million in solar farms.", "$300 million", "solar farms"),
])
def test_allocation_verbs_take_the_recipient_as_measure(ext, sentence, quote, measure):
    a = one(ext, sentence, quote)
    assert a.measure == measure
    assert quote not in (a.measure or "")


# -------------------------------------------------------------------- 6. float noise


def test_values_carry_no_binary_float_noise(ext):
    a = one(ext, "Reserves are estimated at 16.1 million metric tonnes.", "estimated at 16.1 million metric tonnes")
    assert a.value == 16100000.0 and repr(a.value) == "16100000.0"
    assert repr(a.low) == "15295000.0" and repr(a.high) == "16905000.0"
    b = one(ext, "One in three voters agreed.", "One in three")
    assert repr(b.value) == "33.3333333333"


# ---------------------------------------------------------------- 7. code-like text


@pytest.mark.parametrize("text", [
    "<script>window.__pwned=1</script>",
    "Hello {{ 7*7 }} world",
    "Set x=5 and var_2 in the config {%if 3%}.",
    '<div data-count="12" width=40>',
])
def test_code_like_numbers_are_not_assertions(ext, text):
    assert ext(text) == []


def test_text_around_markup_still_counts(ext):
    assert [a.text for a in ext("<p>Sales rose 5% in May.</p>")] == ["5%"]
    assert [a.text for a in ext("The dollar bought Y=28,030 on Friday.")] == ["Y=28,030"]


# ------------------------------------------------------------- 8. "around" as preposition


@pytest.mark.parametrize(("sentence", "quote"), [
    ("The collaboration is structured around four main goals:", "four main goals"),
    ("The plan is built around 3 pillars.", "3 pillars"),
])
def test_around_as_a_preposition_is_no_hedge(ext, sentence, quote):
    a = one(ext, sentence, quote)
    assert a.qualifier is Qualifier.EXACT and a.low == a.high == a.value


@pytest.mark.parametrize(("sentence", "quote"), [
    ("The firm has around 3,000 employees.", "around 3,000 employees"),
    ("It costs around $150 billion.", "around $150 billion"),
    ("The index hovered around 5% all week.", "around 5%"),
])
def test_around_before_a_number_is_approx(ext, sentence, quote):
    assert one(ext, sentence, quote).qualifier is Qualifier.APPROX


def test_on_one_hand_is_an_idiom(ext):
    assert ext("On one hand, the plan helps; on the other, it costs.") == []
