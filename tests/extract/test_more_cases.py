"""More grammar cases, one sentence each: separators, words, fractions, currencies, units, negatives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from checker.model import Assertion


def figure_in(ext: Callable[[str], list[Assertion]], sentence: str, text: str) -> Assertion:
    """The assertion read as ``text`` from ``sentence`` (the test fails when there is none)."""
    found = [a for a in ext(sentence) if a.text == text]
    assert found, [a.text for a in ext(sentence)]
    return found[0]


# sentence, assertion text (substring of the surface), value (or low for bounds), unit
POSITIVE = [
    ("The plant employs 1 200 workers.", "1 200 workers", 1200, "worker"),
    ("The toll climbed to 3 412, officials said.", "3 412", 3412, None),
    # a spelled share of what the sentence counts: "N of the deaths", or a toll's parts by place
    ("Seven of the victims were found in the river.", "Seven of the victims", 7, "victim"),
    ("At least 14 have died, with nine from the Ridge Fire and five from the Oak Fire.", "nine", 9, None),
    # a decimal comma before a scale word or a percent sign
    ("Net income slipped to €11,3 billion.", "€11,3 billion", 11.3e9, "EUR"),
    ("Inflation eased to 2,45% in May.", "2,45%", 2.45, "%"),
    # fractions are shares: read as percent
    ("The company cut two-thirds of its staff.", "two-thirds", 200 / 3, "%"),
    ("One in five adults smokes.", "One in five", 20, "%"),
    ("Exports reached $4.5 bn last year.", "$4.5 bn", 4.5e9, "USD"),
    ("The rebate is A$1,500 per household.", "A$1,500", 1500, "AUD/household"),
    ("Temasek invested S$2 billion in the project.", "S$2 billion", 2e9, "SGD"),
    ("The ministry set aside ¥300 billion for subsidies.", "¥300 billion", 3e11, None),
    ("The deal is worth 500 million ringgit.", "500 million ringgit", 5e8, "MYR"),
    ("Beijing pledged 10 billion yuan in loans.", "10 billion yuan", 1e10, "CNY"),
    ("Oil settled at $85/barrel on Monday.", "$85/barrel", 85, "USD/barrel"),
    ("The new wind farm will add 400 MW of capacity.", "400 MW", 400, "MW"),
    ("The storm destroyed 1,300 homes.", "1,300 homes", 1300, "home"),
    ("Growth slowed by 0.5 percentage points.", "0.5 percentage points", 0.5, "pp"),
    # "% points" as loose copy prints percentage points
    ("Labour's share rose 1.7% points.", "1.7% points", 1.7, "pp"),
    ("The Tories lost 19.9 per cent points.", "19.9 per cent points", 19.9, "pp"),
    ("The index fell 1.3% on Friday.", "1.3%", 1.3, "%"),
    ("Temperatures hit -12 degrees Celsius overnight.", "-12 degrees Celsius", -12, "°C"),
    # a magnitude hyphenated before its figure, a unit after a doubled space
    ("A magnitude-6.4 earthquake struck the coast.", "magnitude-6.4", 6.4, "magnitude"),
    ("The town was hit by a 6.1  magnitude tremor.", "6.1  magnitude", 6.1, "magnitude"),
    ("The ridge stands 2,310  metres high.", "2,310  metres", 2310, "m"),
    ("The yield was at least 4 percent.", "at least 4 percent", 4, "%"),
    # a decimal range is no date ("28.5-29" is not 28 May '29)
    ("Polls put the party at 28.5-29% on Sunday.", "28.5-29%", 28.5, "%"),
    # a hyphenated modifier before the counted noun is no noun itself
    ("Officials reported three storm-related deaths.", "three storm-related deaths", 3, "storm-related death"),
    ("Police held 12 drug-trafficking suspects.", "12 drug-trafficking suspects", 12, "drug-trafficking suspect"),
    # a figure glued to a singular noun counts that noun, of what follows ("a 400-seat parliament" has seats)
    ("The coalition needs a majority in the 650-seat chamber.", "650-seat", 650, "seat"),
    ("Crews reopened the 120-bed clinic on Monday.", "120-bed", 120, "bed"),
    ("Flames tore through a six-tower housing estate.", "six-tower", 6, "tower"),
    # a name between a count in millions and its noun modifies the noun; a rate per a listed company is per company
    ("The glitch froze 3.1 million Linux laptops overnight.", "3.1 million Linux laptops", 3.1e6, "linux laptop"),
    ("Losses averaged $12 million per Fortune 100 company.", "$12 million per Fortune 100 company", 1.2e7,
     "USD/company"),
    # an earthquake's magnitude, before or after the figure
    ("A 6.8-magnitude earthquake struck the coast.", "6.8-magnitude", 6.8, "magnitude"),
    ("The tremor measured 5.9 magnitude.", "5.9 magnitude", 5.9, "magnitude"),
    ("A magnitude 7.1 quake hit the region.", "magnitude 7.1", 7.1, "magnitude"),
    ("The largest aftershock had a magnitude of 5.2.", "magnitude of 5.2", 5.2, "magnitude"),
    ("Its magnitude was 6.3, the survey said.", "magnitude was 6.3", 6.3, "magnitude"),
    ("The tremor registered 5.8 on the Richter scale.", "5.8 on the Richter scale", 5.8, "magnitude"),
    # a rate's move in words, and mixed fractions
    ("The Fed delivered a quarter-point cut on Wednesday.", "a quarter-point", 0.25, "pp"),
    ("The bank raised rates by half a percentage point.", "half a percentage point", 0.5, "pp"),
    ("One member wanted a half-point cut instead.", "a half-point", 0.5, "pp"),
    ("Rates rose by three-quarters of a point in June.", "three-quarters of a point", 0.75, "pp"),
    ("The pipe is 2 3/4 inches wide.", "2 3/4 inches", 2.75, "in"),
    ("The band was set at 3-1/4 to 3-1/2 percent.", "3-1/4 to 3-1/2 percent", 3.25, "%"),
    # a rate's move as a hyphenated modifier: the points are the unit, the noun after is what moved
    ("The bank made a 50-basis-point cut in March.", "50-basis-point", 50, "bp"),
    ("Her lead shrank to a 3-percentage-point margin.", "3-percentage-point", 3, "pp"),
    # the people carried, said with no noun
    ("Of the 186 aboard, three survived.", "186 aboard", 186, "people"),
    ("A ferry with over 400 on board sank at dawn.", "over 400 on board", 400, "people"),
    # the figure as the subject of "were": the noun after the verb says what it counts
    ("Of the dead, 31 were pilgrims and nine were drivers.", "31 were pilgrims", 31, "pilgrim"),
    ("On the bus, 14 were students.", "14 were students", 14, "student"),
    # a part of a whole counts the whole's noun
    ("The party carried 14 of 16 states on Sunday.", "14 of 16 states", 14, "state"),
    ("She won 9 out of 12 districts.", "9 out of 12 districts", 9, "district"),
    # the figure as the subject of "is the number of": the noun it is the number of
    ("Officials said 1,240 is the number of seats up for election.", "1,240 is the number of seats", 1240, "seat"),
    ("About 3.2 million is the number of new voters this year.", "3.2 million is the number of new voters", 3.2e6,
     "voter"),
    # a company's name before the counted noun modifies it: a count, not a product name ("787 Dreamliner")
    ("The walkout involves 12,000 Airbus engineers in two countries.", "12,000 Airbus engineers", 12000,
     "airbus engineer"),
    ("The union speaks for 4,500 Siemens staff.", "4,500 Siemens staff", 4500, "siemens staff"),
    # so does a name of several words, with "of" in it or a number word ("Capital One")
    ("The Greens took 37 House of Representatives seats.", "37 House of Representatives seats", 37,
     "house of representatives seat"),
    ("The fund sold 2 million Bank of Ireland shares.", "2 million Bank of Ireland shares", 2e6,
     "bank of ireland share"),
    ("Holders will receive 0.85 Capital One shares for each share they own.", "0.85 Capital One shares", 0.85,
     "capital one share"),
    ("The lender will shed 1,400 Wells Fargo employees.", "1,400 Wells Fargo employees", 1400, "wells fargo employee"),
    # a nationality before the counted noun says whose, even where the parse calls it a name
    ("The hikers were mostly German, with two Thai nationals among the dead.", "two Thai nationals", 2,
     "thai national"),
]

NOT_ASSERTIONS = [
    "Call us on 555-0123 to book.",
    "Version 2.4.1 fixes the bug.",
    "She finished 3rd in the final.",
    "The airline grounded its 737 Max jets.",
    "The report was published on 27 October 2025.",
    "Doors open at 4:39 am ET.",
    "Arsenal won 2-1 on Sunday.",
    "The law took effect on 12.03.24 in Bavaria.",
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), POSITIVE, ids=[c[1] for c in POSITIVE])
def test_figure_is_read(ext, sentence, surface, value, unit):
    found = [a for a in ext(sentence) if surface in a.text or a.text in surface]
    assert found, [a.text for a in ext(sentence)]
    a = found[0]
    got = a.value if a.value is not None else a.low
    assert got == pytest.approx(value, rel=1e-6), a
    if unit is not None:
        assert a.unit == unit, a


@pytest.mark.parametrize("sentence", ["Brent rose to $85 per barrel on Monday.", "Brent hit $85 a barrel on Monday."])
def test_rate_in_words_after_a_currency_figure(ext, sentence):
    assert [a.unit for a in ext(sentence)] == ["USD/barrel"]


def test_a_time_phrase_is_not_a_rate(ext):
    assert [a.unit for a in ext("Sales were $5 a year ago.")] == ["USD"]


@pytest.mark.parametrize("sentence", NOT_ASSERTIONS)
def test_not_an_assertion(ext, sentence):
    assert ext(sentence) == [], [a.text for a in ext(sentence)]


# a bare figure in a list counts what its neighbour counts (the noun is said once)
ELIDED = [
    ("Rivals took 151 and 121 seats respectively.", "151", "seat"),
    ("The count gave 310 seats to the Liberals, 140 for the Tories and 35 for the Greens.", "140", "seat"),
    ("The Liberals hold 310 seats, the Tories 140, the Greens 35.", "140", "seat"),
    ("The Liberals hold 310 seats, the Tories 140, the Greens 35.", "35", "seat"),
    ("The flood killed 12 people in Lagos, 7 in Abuja and 3 in Kano.", "7", "people"),
    ("Police said 40 people were missing and six dead after the landslide.", "six", "people"),
    ("Officials confirmed 12 people dead, including four from a collapsed bridge.", "four", "people"),
    # items that hold a comma are set apart by semicolons, each naming its holder
    ("By province: Norland, 41 deaths; Estmark, 12; and Sudvale, 7.", "12", "death"),
    ("By province: Norland, 41 deaths; Estmark, 12; and Sudvale, 7.", "7", "death"),
    # a change in brackets after each item is no item; "and the Greens 35" closes the list
    ("The Liberals hold 310 seats, the Tories 140 (-22) and the Greens 35 (+9).", "35", "seat"),
    # a bound takes the noun of the figure it answers ("while over N million ...")
    ("About 7.4 million Kenyans backed the deal, while over 6.9 million opposed it.", "over 6.9 million", "kenyan"),
]
# "pounds" with a scale, or in a sentence about money, is money unless the sentence weighs something or says
# "of" what
POUNDS = [
    ("The club paid a reported 95 million pounds for the striker.", "95 million pounds", "GBP"),
    ("The tax-free allowance falls to 3,000 pounds from 5,000 pounds next April.", "3,000 pounds", "GBP"),
    ("The parcel weighed 3,000 pounds.", "3,000 pounds", "lb"),
    ("The deal is worth 1.2 billion pounds, the company said.", "1.2 billion pounds", "GBP"),
    ("The plant recalled 2 million pounds of ground beef.", "2 million pounds", "lb"),
    ("The rocket's payload weighs 1.5 million pounds at launch.", "1.5 million pounds", "lb"),
    ("The trailer can carry 80,000 pounds.", "80,000 pounds", "lb"),
]


@pytest.mark.parametrize(("sentence", "surface", "unit"), ELIDED + POUNDS,
                         ids=[f"{c[1]} {c[2]}" for c in ELIDED + POUNDS])
def test_the_context_gives_the_unit(ext, sentence, surface, unit):
    assert figure_in(ext, sentence, surface).unit == unit


def test_a_spelled_pronoun_takes_no_noun_from_a_list(ext):
    found = {a.text: a.unit for a in ext("The farm has two barns and one of them burned down.")}
    assert "one" not in found


def test_only_a_count_noun_carries_over_a_list(ext):
    """"45%, the Tories 31": a percent is not said once for a list the way a noun is."""
    found = {a.text: a.unit for a in ext("Labour stood at 45%, the Tories 31.")}
    assert found.get("45%") == "%" and found.get("31") is None


def test_half_a_point_is_no_rate_without_a_rate(ext):
    assert ext("She won the final round by half a point.") == []


def test_a_mixed_fraction_ends_a_range(ext):
    (a,) = ext("The target range is now 4 to 4-1/4 percent.")
    assert (a.low, a.high, a.unit) == (4.0, 4.25, "%")


@pytest.mark.parametrize("sentence", ["The firm has 5+ years of data.", "He served 20 plus years in the army."])
def test_a_bound_between_figure_and_unit_is_kept(ext, sentence):
    (a,) = ext(sentence)
    assert a.qualifier.value == "ge" and a.high is None


def test_decades_are_ten_years(ext):
    """Pint's "decade" is a logarithmic ratio; in news it is ten years, and compares with years."""
    from checker.extract.units import conversion_factor

    a = figure_in(ext, "It was the town's worst flood in nearly four decades.", "nearly four decades")
    assert a.dimension == "[time]"
    assert conversion_factor("decade", "year") == 10


def test_people_by_nationality_are_people(ext):
    """The unit is the nationality as written; its dimension says it counts people (grouping reads that)."""
    a = figure_in(ext, "Some 2.3 million Peruvians voted early.", "Some 2.3 million Peruvians")
    assert (a.unit, a.dimension) == ("peruvian", "people")


@pytest.mark.parametrize(("sentence", "figure", "measure"), [
    ("At least 31 people, among them 9 of the 14 crew, were killed when the ferry sank.", "At least 31 people",
     "killed"),
    ("The landslide buried 40 homes and injured 65 villagers.", "65 villagers", "injured"),
    ("Officials said 12 hikers died on the ridge.", "12 hikers", "died"),
    ("Some 800 residents have been evacuated from the valley.", "Some 800 residents", "evacuated"),
])
def test_a_count_takes_its_measure_from_its_verb(ext, sentence, figure, measure):
    """A count that is its verb's subject or object is measured by the verb, as "31 deaths" is by its noun."""
    assert figure_in(ext, sentence, figure).measure == measure


@pytest.mark.parametrize(("sentence", "figure", "noun"), [
    ("The official toll is now at 72, the mayor said.", "72", "toll"),
    ("The death toll now stands at 58, officials said.", "58", "toll"),
    ("The official count is at 33 after the landslide.", "33", "count"),
])
def test_a_tally_is_read_where_ner_calls_its_number_a_date(ext, sentence, figure, noun):
    """NER reads "at 72" as an age; after a toll, a tally or a count it is the count."""
    assert noun in (figure_in(ext, sentence, figure).measure or "")


@pytest.mark.parametrize(("sentence", "figure", "verb"), [
    ("There were 300 guests at the hotel.", "300 guests", "were"),
    ("The club has 4,000 members.", "4,000 members", "has"),
    ("The census counted 9,100 residents.", "9,100 residents", "counted"),
])
def test_a_light_verb_is_no_measure(ext, sentence, figure, verb):
    """"has", "were", "counted" say nothing of what is counted."""
    assert figure_in(ext, sentence, figure).measure != verb


@pytest.mark.parametrize(("sentence", "figure", "measure"), [
    ("Lumio's shares closed at $96.40 on Friday.", "$96.40", "closed"),
    ("The fund peaked at $52.10 before easing.", "$52.10", "peaked"),
    ("Regulators valued the harbour at €3.2 billion.", "€3.2 billion", "valued"),
])
def test_an_amount_at_which_something_was_set_takes_the_verb(ext, sentence, figure, measure):
    """"closed at $96.40": the verb is what the amount measures, as "the closing price" would say."""
    assert figure_in(ext, sentence, figure).measure == measure


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Inflation stood at $4.10 a gallon for petrol.", "$4.10 a gallon"),
    ("Turnout came in at 61% in the capital.", "61%"),
    ("They are followed by the Greens at 12%.", "12%"),
])
def test_no_amount_takes_a_light_verb_or_a_share_its_verb(ext, sentence, figure):
    """"stood at", "came in at" say nothing; "followed by the Greens at 12%" is the Greens' share."""
    a = figure_in(ext, sentence, figure)
    assert a.measure not in ("stood", "came", "followed")


def test_an_assertion_carries_the_names_of_its_sentence(ext):
    """Grouping learns from them which names the corpus uses as places and which as organisations."""
    a = figure_in(ext, "Flooding in Cornwall left 3,400 homes without power, Western Power said.", "3,400 homes")
    assert ("Cornwall", "GPE") in a.entities


@pytest.mark.parametrize(("sentence", "figure", "holder"), [
    ("Okafor, a 58-year-old former central banker, won the runoff.", "58-year-old", "Okafor"),
    ("A 44-year-old paramedic was among the injured.", "44-year-old", "paramedic"),
    ("The 72-year-old Lindqvist conceded on Sunday.", "72-year-old", "Lindqvist"),
])
def test_an_age_is_a_figure_of_its_holder(ext, sentence, figure, holder):
    """"a 58-year-old former central banker" is an age (a duration used as an adjective is none: "a five-year
    contract"), measured as one, held by the noun it describes or the name that noun stands beside."""
    a = figure_in(ext, sentence, figure)
    assert (a.unit, a.measure, a.subject) == ("year", "age", holder)
    assert "an age" in a.notes


def test_a_duration_describing_a_noun_is_no_age(ext):
    assert not [a for a in ext("The striker signed a five-year contract with the club.") if "five" in a.text]


@pytest.mark.parametrize(("sentence", "figure", "holder"), [
    ("The driver, Tomas Brenner, 29, was charged on Monday.", "29", "Tomas Brenner"),
    ("Okafor, 58, thanked her supporters.", "58", "Okafor"),
    ("Lindqvist, aged 61, conceded on Sunday.", "61", "Lindqvist"),
])
def test_a_number_between_commas_after_a_name_is_an_age(ext, sentence, figure, holder):
    """NER reads "Okafor, 58," as a date; between commas right after a name, or after "aged", it is her age."""
    a = figure_in(ext, sentence, figure)
    assert (a.unit, a.measure, a.subject) == ("year", "age", holder)
    assert "an age" in a.notes


def test_a_number_between_commas_after_a_common_noun_is_no_age(ext):
    assert all(a.measure != "age" for a in ext("Revenue, 45, was up on the year."))


@pytest.mark.parametrize(("sentence", "figure", "unit"), [
    ("The rand slid to 18.9410 per dollar by midday.", "18.9410 per dollar", "per USD"),
    ("The yen weakened past 152.30 to the dollar on Friday.", "152.30 to the dollar", "per USD"),
    ("The forint traded at 395.2 per euro.", "395.2 per euro", "per EUR"),
])
def test_an_exchange_rate_is_so_many_per_currency(ext, sentence, figure, unit):
    """A bare number "per dollar" or "to the dollar" is an exchange rate, not a bare number."""
    assert figure_in(ext, sentence, figure).unit == unit


@pytest.mark.parametrize(("sentence", "figure", "unit", "value"), [
    ("The merged group will pump 1.4mn b/d next year.", "1.4mn b/d", "barrel/day", 1.4e6),
    ("Output should reach about 3mn boe/d by 2030.", "about 3mn boe/d", "barrel/day", 3e6),
    ("The refinery processes 250,000 bpd of crude.", "250,000 bpd", "barrel/day", 2.5e5),
    ("The basin holds an estimated 12bn boe of resources.", "an estimated 12bn boe", "barrel", 1.2e10),
])
def test_oil_output_symbols_are_barrels(ext, sentence, figure, unit, value):
    """"b/d", "bpd", "boe/d" are "barrels per day" written as one symbol; "boe" a barrel of oil equivalent."""
    a = figure_in(ext, sentence, figure)
    assert (a.unit, a.value) == (unit, value)
