"""Grouping on hand-built mentions: same figure worded differently joins; different subjects never do."""

from __future__ import annotations

from dataclasses import replace

from checker.group import Normaliser, explain, group
from checker.model import SynonymSet
from checker.rules import load_rules
from tests.helpers import assertion

RS = load_rules()


def run(*assertions):
    return group(assertions, RS.synonyms(), RS.grouping_options())


def test_synonym_measures_join_and_record_the_rule():
    a = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    b = assertion("≈ 61 %", 61, doc="B", subject="China", measure="global rare oxide production")
    (g,) = run(a, b)
    assert set(g.members) == {a.id, b.id}
    assert any(w.rule and "CHK003" in w.rule for w in g.why)
    assert all(w.reason for w in g.why)


def test_different_subjects_never_merge():
    a = assertion("25%", 25, doc="A", subject="Malaysia", measure="tariff on goods")
    b = assertion("100%", 100, doc="B", subject="China", measure="tariff on goods")
    assert run(a, b) == []


def test_different_units_never_merge():
    a = assertion("$150 billion", 150e9, unit="USD", doc="A", measure="bilateral trade")
    b = assertion("RM150 billion", 150e9, unit="MYR", doc="B", measure="bilateral trade")
    assert run(a, b) == []


def test_two_different_figures_in_one_document_stay_apart():
    a1 = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    a2 = assertion(
        "more than 80 percent",
        None,
        80,
        100,
        qualifier="gt",
        doc="A",
        subject="China",
        measure="refining capacity output",
    )
    b = assertion("61 %", 61, doc="B", subject="China", measure="mining production")
    groups = run(a1, a2, b)
    assert all(not ({a1.id, a2.id} <= set(g.members)) for g in groups)
    assert any({a1.id, b.id} <= set(g.members) for g in groups)


def test_unrelated_measures_stay_apart():
    a = assertion("$150 billion", 150e9, unit="USD", doc="A", measure="bilateral trade")
    b = assertion("$2.5 billion", 2.5e9, unit="USD", doc="B", measure="tax credits")
    assert run(a, b) == []


def test_group_ids_are_stable_and_content_derived():
    a = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    b = assertion("61 %", 61, doc="B", subject="China", measure="mining production")
    assert [g.id for g in run(a, b)] == [g.id for g in run(b, a)]


# --------------------------------------------------------------- news-copy rules


def said(text, value, sentence, *, doc="A", unit=None, unit_class="count", **kw):
    """A mention read in its sentence (offsets point at the figure)."""
    i = sentence.index(text)
    return assertion(text, value, doc=doc, unit=unit, unit_class=unit_class, sentence=sentence, start=i,
                     end=i + len(text), **kw)


def test_death_toll_wordings_block_and_join_as_one_count():
    a = said("at least 19 fatalities", None, "Jamaica has reported at least 19 fatalities.", doc="A", low=19,
             qualifier="ge", unit="fatality", unit_surface="fatalities")
    b = said("32 lives", 32, "The storm claimed 32 lives in Jamaica.", doc="B", unit="life", unit_surface="lives")
    c = said("At least 19 people", None, "At least 19 people have been killed in Jamaica.", doc="C", low=19,
             qualifier="ge", unit="people", unit_surface="people")
    (g,) = run(a, b, c)
    assert set(g.members) == {a.id, b.id, c.id}
    assert any("count of deaths" in w.reason for w in g.why)


def test_a_bare_number_takes_its_count_from_the_clause():
    a = said("45", 45, "The number of confirmed deaths in Jamaica rose to 45.", doc="A", unit_class=None,
             measure="number of confirmed deaths")
    b = said("32 lives", 32, "In Jamaica, the storm claimed 32 lives.", doc="B", unit="life", unit_surface="lives")
    (g,) = run(a, b)
    assert set(g.members) == {a.id, b.id}


def test_people_evacuated_and_customers_without_power_stay_apart():
    a = said("735,000 people", 735000, "Cuba evacuated 735,000 people.", doc="A", unit="people",
             unit_surface="people")
    b = said("735,000 individuals", 735000, "Cuba successfully evacuated 735,000 individuals.", doc="B",
             unit="individual", unit_surface="individuals")
    c = said("462,000 customers", 462000, "Some 462,000 customers were without power.", doc="C", unit="customer",
             unit_surface="customers")
    (g,) = run(a, b, c)
    assert set(g.members) == {a.id, b.id}


def test_different_places_never_merge():
    a = said("at least 30 deaths", None, "Floods caused at least 30 deaths in Haiti.", doc="A", low=30,
             qualifier="ge", unit="death", unit_surface="deaths")
    b = said("at least 19 deaths", None, "Officials confirmed at least 19 deaths in Jamaica.", doc="B", low=19,
             qualifier="ge", unit="death", unit_surface="deaths")
    c = said("at least 50 people", None, "The storm left at least 50 people dead across the Caribbean.", doc="C",
             low=50, qualifier="ge", unit="people", unit_surface="people")
    assert run(a, b, c) == []


def test_a_place_named_before_the_clause_still_applies():
    a = said("at least 25 people", None, "In Haiti, at least 25 people have died.", doc="A", low=25,
             qualifier="ge", unit="people", unit_surface="people")
    b = said("at least 30 lives", None, "The storm has claimed at least 30 lives in Haiti.", doc="B", low=30,
             qualifier="ge", unit="life", unit_surface="lives")
    c = said("at least 19 deaths", None, "The toll has risen in Jamaica, with at least 19 deaths reported.",
             doc="C", low=19, qualifier="ge", unit="death", unit_surface="deaths")
    (g,) = run(a, b, c)
    assert set(g.members) == {a.id, b.id}


def test_quarters_never_merge():
    a = said("$57.0 billion", 57e9, "Nvidia posted third-quarter revenue of $57.0 billion.", doc="A", unit="USD",
             unit_class="currency", measure="third quarter revenue")
    b = said("$65 billion", 65e9, "The company forecast $65 billion in fourth-quarter revenue.", doc="B",
             unit="USD", unit_class="currency", measure="fourth quarter revenue")
    assert run(a, b) == []


def test_old_and_new_level_of_a_change_stay_apart():
    a1 = said("39%", 39, "The US agreed to cut its 39% tariffs on Swiss goods to 15%.", doc="A", unit="%",
              unit_class="percent", measure="tariffs on Swiss goods")
    a2 = said("15%", 15, "The US agreed to cut its 39% tariffs on Swiss goods to 15%.", doc="A", unit="%",
              unit_class="percent", measure="tariffs on Swiss goods")
    i = a2.sentence.rindex("15%")
    a2 = replace(a2, id="A2", start=i, end=i + 3)
    b = said("15%", 15, "Tariffs on Swiss goods will be reduced to 15%.", doc="B", unit="%", unit_class="percent",
             measure="tariffs on Swiss goods")
    c = said("39%", 39, "The tariffs on Swiss goods rose from 39% in August.", doc="C", unit="%",
             unit_class="percent", measure="tariffs on Swiss goods")
    groups = run(a1, a2, b, c)
    assert {frozenset(g.members) for g in groups} == {frozenset({a2.id, b.id}), frozenset({a1.id, c.id})}


def test_a_consensus_figure_is_not_the_reported_one():
    a = said("$57.01 billion", 57.01e9, "Revenue was $57.01 billion.", doc="A", unit="USD", unit_class="currency",
             measure="revenue")
    b = said("$55.2 billion", 55.2e9, "Analysts anticipated revenue of $55.2 billion.", doc="B", unit="USD",
             unit_class="currency", measure="revenue")
    c = said("$57.0 billion", 57.0e9, "Revenue came in at $57.0 billion.", doc="C", unit="USD",
             unit_class="currency", measure="revenue")
    (g,) = run(a, b, c)
    assert set(g.members) == {a.id, c.id}


def test_a_per_share_figure_is_compared_with_its_currency():
    a = said("$1.30 per share", 1.3, "Nvidia earned $1.30 per share.", doc="A", unit="USD/share",
             unit_class="currency", measure="earnings")
    b = said("$1.30", 1.3, "Earnings per share came in at $1.30.", doc="B", unit="USD", unit_class="currency",
             measure="earnings per share")
    (g,) = run(a, b)
    assert set(g.members) == {a.id, b.id}


def test_updated_figure_note_when_values_rise_with_publication_date():
    a = said("eight deaths", 8, "Jamaica has reported eight deaths.", doc="A", unit="death",
             unit_surface="deaths")
    b = said("28", 28, "The death toll in Jamaica has reached 28.", doc="B", unit_class=None,
             measure="death toll in Jamaica")
    c = said("45", 45, "The number of deaths in Jamaica rose to 45.", doc="C", unit_class=None,
             measure="number of deaths")
    dates = {"A": "2025-10-30", "B": "2025-11-01", "C": "2025-11-04"}
    (g,) = group((a, b, c), RS.synonyms(), RS.grouping_options(), published=dates)
    assert any(n.startswith("updated figure") for n in g.notes)
    (g,) = group((a, b, c), RS.synonyms(), RS.grouping_options(), published={**dates, "C": "2025-10-29"})
    assert not any(n.startswith("updated figure") for n in g.notes)
    (g,) = run(a, b, c)
    assert not any(n.startswith("updated figure") for n in g.notes)


def test_attribution_is_recorded_in_the_group():
    a = said("$7.7 billion", 7.7e9, "Losses in Jamaica could reach $7.7 billion.", doc="A", unit="USD",
             unit_class="currency", measure="losses", attribution="Enki Research")
    b = said("$7.7 billion", 7.7e9, "Economic losses in Jamaica are $7.7 billion.", doc="B", unit="USD",
             unit_class="currency", measure="economic losses")
    (g,) = run(a, b)
    assert "attributed to: Enki Research" in g.notes
    assert any("attributed to Enki Research" in w.reason for w in g.why)


def test_explain_names_key_score_and_rule_for_every_member():
    a = assertion("about 60 percent", 60, doc="A", subject="China", measure="mining output")
    b = assertion("61 %", 61, doc="B", subject="China", measure="mining production")
    (g,) = run(a, b)
    text = explain(g, [a, b])
    assert g.key in text
    assert "A 'about 60 percent'" in text and "B '61 %'" in text
    assert "score" in text and "CHK003" in text


def test_plural_stopwords_match_singular_tokens():
    """Tokens are singularised before the stopword check, so a plural stopword must still stop its word."""
    norm = Normaliser([], ["officials", "authorities"])
    assert norm.tokens("officials said the authorities' estimate")[0] == ("said", "the", "estimate")


def test_lives_lost_are_deaths_but_people_who_live_somewhere_are_not():
    """"lives" folds to "life" (a synonym of deaths), not to the verb "live": "4,600 people live in the
    estate" is no death toll."""
    norm = Normaliser([SynonymSet("CHK003", ("deaths", "lives", "life"), "deaths")], [])
    assert norm.tokens("claimed lives")[0] == ("claimed", "deaths")
    assert norm.tokens("people live in the estate")[0] == ("people", "live", "in", "the", "estate")


def test_a_named_subject_and_a_longer_name_containing_it_are_one_holder():
    """"CDU" and "CDU/CSU alliance" name one side; "CDU" and "SPD" two."""
    a = assertion("28.5%", 28.5, doc="A", subject="CDU", subject_label="ORG", measure="share of the vote")
    b = assertion("28.6%", 28.6, doc="B", subject="CDU/CSU alliance", subject_label="ORG", measure="vote share")
    c = assertion("28.4%", 28.4, doc="C", subject="SPD", subject_label="ORG", measure="share of the vote")
    groups = run(a, b, c)
    assert any({a.id, b.id} <= set(g.members) for g in groups)
    assert not any({a.id, c.id} <= set(g.members) or {b.id, c.id} <= set(g.members) for g in groups)


def test_a_pair_never_scored_does_not_keep_apart_two_clusters_of_money():
    """$4.31 billion of insured payouts is the same fact as $4.31 billion of storm damage (one specific
    figure); "storm damage of $4.3 billion" joins them though it shares neither word nor figure with the
    payouts: a pair that never scored is no evidence against a merge."""
    a = assertion("$4.31 billion", 4.31e9, doc="A", unit="USD", decimals=2, scale=1e9, measure="storm damage")
    b = assertion("$4.31 billion", 4.31e9, doc="B", unit="USD", decimals=2, scale=1e9, measure="insured payouts")
    c = assertion("$4.3 billion", 4.3e9, doc="C", unit="USD", decimals=1, scale=1e9, measure="storm damage estimate")
    assert [set(g.members) for g in run(a, b, c)] == [{a.id, b.id, c.id}]


def test_one_name_of_a_person_is_no_place_however_often_ner_calls_it_one():
    """NER calls "Wibisono" a GPE wherever he stands alone; the corpus calls "Haryanto Wibisono" a person, so
    his figures hold no place, and his are a person's, kept from another candidate's."""
    from checker.group import keyed

    person = ("Haryanto Wibisono", "PERSON")
    rows = [
        assertion("Haryanto Wibisono received 20.1 million votes.", 20.1e6, doc="d1", unit=None,
                  entities=(person,)),
        assertion("Candidate Haryanto Wibisono took 41% of the vote.", 41, doc="d2", entities=(person,)),
        assertion("Wibisono won 41.2% of the vote.", 41.2, doc="d3", subject="Wibisono", subject_label="GPE",
                  entities=(("Wibisono", "GPE"),)),
        assertion("Wibisono took 41% in the count.", 41, doc="d4", subject="Wibisono", subject_label="GPE",
                  entities=(("Wibisono", "GPE"),)),
        assertion("Wibisono led with 40.9%.", 40.9, doc="d5", subject="Wibisono", subject_label="GPE",
                  entities=(("Wibisono", "GPE"),)),
    ]
    rules = load_rules([])
    keys = {k.a.doc_id: k for k in keyed(rows, rules.synonyms(), rules.grouping_options())}
    assert keys["d3"].place is None and keys["d3"].subject == "wibisono" and keys["d3"].label == "PERSON"
