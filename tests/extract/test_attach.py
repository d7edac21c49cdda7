"""Subject, measure, time and attribution from the dependency parse (best effort, never a crash)."""

from __future__ import annotations

import pytest


def one(ext, sentence: str, text: str):
    got = [a for a in ext(sentence) if a.text == text]
    assert got, [a.text for a in ext(sentence)]
    return got[0]


def test_share_of_a_measure_with_the_subject_from_a_relative_clause(ext):
    a = one(ext, "Buyers avoid Canada, which dominates 85–95% of global nickel processing capacity, "
                 "according to a Reuters analysis.", "85–95%")
    assert a.subject == "Canada"
    assert a.measure == "global nickel processing capacity"
    assert a.attribution is not None and "Reuters" in a.attribution


def test_figure_of_a_measure(ext):
    a = one(ext, "Norway has about 16.2 million tons of copper reserves.", "about 16.2 million tons")
    assert a.subject == "Norway"
    assert a.measure == "copper reserves"


def test_the_target_of_a_tariff_stays_in_the_measure(ext):
    a = one(ext, "Retaliatory tariffs of up to 130% on Chinese goods were announced.", "up to 130%")
    assert a.measure is not None and "tariffs on Chinese goods" in a.measure


def test_figure_modifying_a_noun(ext):
    a = one(ext, "The government announced a sweeping 100% tariff on all imports.", "100%")
    assert a.measure == "tariff on all imports"


def test_money_in_a_measure(ext):
    a = one(ext, "The deal could unlock $150 billion in bilateral trade.", "$150 billion")
    assert a.measure == "bilateral trade"


@pytest.mark.parametrize(("sentence", "text", "time"), [
    ("Production will scale to 300 metric tons annually by 2027.", "300 metric tons", "by 2027"),
    ("The firm held 70 % of global shipments in 2024, with buyers in Europe.", "70 %", "in 2024"),
    ("The agency expects > 55 % of global production through 2030.", "> 55 %", "through 2030"),
    ("Prices rose to $140/kg (2025).", "$140/kg", "2025"),
    # a date after a later figure is that figure's: the $9 billion bid was last year's, not the $14 billion
    ("The chipmaker agreed to a $14 billion takeover after its $9 billion bid from last year collapsed.",
     "$14 billion", None),
    ("The chipmaker agreed to a $14 billion takeover after its $9 billion bid from last year collapsed.",
     "$9 billion", "last year"),
    # so is a date after a bare number no reader kept: 1983 dates the 397, not the 326
    ("The Tories' haul of 326 seats falls short of the 397 Thatcher took in 1983.", "326 seats", None),
    # the year a record reaches back to dates the clause it opens: "since 2005, when 118 people died"
    ("The fire is the country's deadliest since 2005, when 118 people died in a ferry sinking.", "118 people", "2005"),
    # an initialism's dots end no clause: the record still reaches back to 2001, it does not date the toll
    ("Divers have found 41 of the 58 people killed in the worst U.S. rail crash since 2001.", "58 people", None),
])
def test_time_is_the_nearest_year_phrase(ext, sentence, text, time):
    assert one(ext, sentence, text).time == time


def test_said_names_the_source(ext):
    a = one(ext, "The trade ministry said exports fell 5% in May.", "5%")
    assert a.attribution is not None and "ministry" in a.attribution


def test_no_subject_is_better_than_a_pronoun(ext):
    a = one(ext, "It rose 5% in May.", "5%")
    assert a.subject is None


# one reading per sentence: the holder of a relative clause through "seems set to"; the measure of a figure a
# verb or a change noun moves (the verb's object, or what the noun says moved)
@pytest.mark.parametrize(("sentence", "text", "field", "expected"), [
    ("The night belonged to Labour, which seems set to take 33.7% of the vote.", "33.7%", "subject", "Labour"),
    ("It is another story for Fidesz, which seems set to hold 44.2% of the seats.", "44.2%", "subject", "Fidesz"),
    ("The coalition nearly doubled its seat count from 31 to 58.", "from 31 to 58", "measure", "seat count"),
    ("The retailer trimmed its headcount from 1,450 to 1,210 this year.", "from 1,450 to 1,210", "measure",
     "headcount"),
    ("The brewer reported a 12% jump in profit to $3.1 billion.", "$3.1 billion", "measure", "profit"),
    ("Sales were helped by a 4 per cent rise in tablet sales to $6.2 billion.", "$6.2 billion", "measure",
     "tablet sales"),
    # an area or length the verb acts on, as a count killed or injured is
    ("More than 12,000 acres - or about 4,900 hectares - have burned so far.", "More than 12,000 acres", "measure",
     "burned"),
    ("The blaze has scorched 8,300 acres near the canyon.", "8,300 acres", "measure", "scorched"),
    # each item of a run-on list names its own holder before a dash
    ("The Labour Party gets 120 seats, the Green Party - 15 seats, the Liberal Party - 40 seats.", "40", "subject",
     "Liberal Party"),
    # a share in brackets beside a count is not measured by the counted noun
    ("The Pirates won 14 seats (9.1 percent) in the new chamber.", "9.1 percent", "measure", None),
])
def test_what_the_parse_reads(ext, sentence: str, text: str, field: str, expected: str):
    assert getattr(one(ext, sentence, text), field) == expected


def test_a_clock_time_in_four_digits_is_no_year(ext):
    """"(2015 GMT)" is a time of day: the figure beside it is undated."""
    a = one(ext, "The quake hit 40 kilometres north of the city at 2015 GMT on Monday.", "40 kilometres")
    assert a.time is None


def test_the_year_a_record_reaches_back_to_dates_nothing(ext):
    """"a 12% drop, its worst since the crash of October 2008": 2008 is the record's reach, not the drop's year."""
    a = one(ext, "The shares suffered a 12% drop on Friday, their worst day since the crash of October 2008.", "12%")
    assert a.time is None


def test_the_object_that_a_verb_sends_into_a_change_is_its_subject(ext):
    """"The news led the Dax to fall 2.4 percent": the Dax fell, not the news."""
    a = one(ext, "The news led the Dax to fall 2.4 percent on Tuesday.", "2.4 percent")
    assert a.subject == "Dax"


@pytest.mark.parametrize(("sentence", "text"), [
    ("The Greens had their best night since the 2011 election, taking 9.4% of the vote.", "9.4%"),
    ("In its strongest quarter since 2019 the chain sold 4.2 million units.", "4.2 million units"),
])
def test_a_record_reaching_back_dates_no_later_figure(ext, sentence, text):
    """"its best since 2011, with 9.4%": the year the record reaches back to, said before the figure."""
    assert one(ext, sentence, text).time is None


def test_a_figure_in_a_leading_clause_is_held_by_that_clause(ext):
    """"Although Labour did its best since 1997 by winning 38.2%, the Tories took 41.5%": a misparse can
    hang the by-clause under the main verb; the leading clause's subject holds its figure."""
    s = ("Although the Social Democrats performed the strongest a centre-left party has since the 1998 election by "
         "securing 38.2% of the vote, the Christian Democrats managed to capture 41.5%, keeping the chancellery.")
    assert one(ext, s, "38.2%").subject == "Social Democrats"
    assert one(ext, s, "41.5%").subject == "Christian Democrats"


def test_a_day_owning_the_measure_holds_nothing(ext):
    """"closed Monday's trading down 16.9 percent": Monday is when, not who."""
    a = one(ext, "In the U.S., AI chipmaker Nvidia closed Monday's trading down 16.9 percent.", "16.9 percent")
    assert a.subject != "Monday"


def test_a_company_named_beside_its_description_is_the_subject(ext):
    """"the shares of Dutch chipmaker Nexsil Systems": the whole name holds the figure, not its first word
    (nor, where the parse puts the name in apposition, the description alone)."""
    a = one(ext, "The shares of Dutch chipmaker Nexsil Systems rose 18% on Friday to close at $41.20.", "$41.20")
    assert a.subject is not None and a.subject.endswith("Nexsil Systems")


def test_a_dateline_names_no_holder(ext):
    """"Tarvelsk, Dorn Prov., March 4 (Nordwire)--At least 48 people ...": the town opening a dispatch is
    where it was filed, not the subject of its first figure."""
    a = one(ext, "Tarvelsk, Dorn Prov., March 4 (Nordwire)--At least 48 people have been confirmed dead "
                 "in Dorn Province after the storm.", "At least 48 people")
    assert a.subject is None


@pytest.mark.parametrize(("sentence", "text"), [
    ("The toll from the floods climbed to 212 yesterday, the governor said.", "212"),
    ("Rescuers pulled 35 today from the collapsed mine.", "35"),
])
def test_a_day_said_relative_to_the_report_counts_nothing(ext, sentence, text):
    """"reached 190 yesterday": the day after a bare number dates it; it is no noun the number counts."""
    assert one(ext, sentence, text).unit is None
