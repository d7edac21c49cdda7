"""Figures, hedges, ranges, units and scales on hand-written sentences (table-driven)."""

from __future__ import annotations

import pytest

from checker.extract.units import TONS_NOTE

# sentence, assertion text, value, low, high, qualifier, unit
CASES = [
    # ranges
    ("Canada controls 85–95% of global nickel refining.", "85–95%", None, 85, 95, "range", "%"),
    ("Canada controls 85-95% of global nickel refining.", "85-95%", None, 85, 95, "range", "%"),
    ("The share is between 85 and 95 percent.", "between 85 and 95 percent", None, 85, 95, "range", "%"),
    ("The share went from 85 to 95% in a decade.", "from 85 to 95%", None, 85, 95, "range", "%"),
    ("Analysts put the share at 85 to 95 percent.", "85 to 95 percent", None, 85, 95, "range", "%"),
    ("Investment worth $2–3 billion is planned.", "$2–3 billion", None, 2e9, 3e9, "range", "USD"),
    ("Annual production is between 130 and 310 tons.", "between 130 and 310 tons", None, 130, 310, "range", "t"),
    ("The offer price is between $62 and $68 per share.", "between $62 and $68 per share", None, 62, 68, "range",
     "USD/share"),
    ("Temperatures dropped by 1 to 1.5 degrees Celsius.", "1 to 1.5 degrees Celsius", None, 1, 1.5, "range", "°C"),
    # bounds and hedges
    ("Firms hold more than 80 percent of refining capacity.", "more than 80 percent", None, 80, 100, "gt", "%"),
    ("Sales grew more than 80 percent last year.", "more than 80 percent", None, 80, None, "gt", "%"),
    ("The fund lost over $100 million.", "over $100 million", None, 1e8, None, "gt", "USD"),
    ("At least 12 deaths were reported.", "At least 12 deaths", None, 12, None, "ge", "death"),
    ("Tariffs of up to 130% on imported steel were announced.", "up to 130%", 130, 0, 130, "upto", "%"),
    ("Shares are up nearly 57% this year.", "nearly 57%", 57, 54.15, 57, "nearly", "%"),
    ("The country holds about 16.2 million tons of reserves.", "about 16.2 million tons", 16.2e6, 15.39e6, 17.01e6,
     "approx", "t"),
    ("The leader produces ≈ 61 % of global output.", "≈ 61 %", 61, 57.95, 64.05, "approx", "%"),
    ("It will keep > 55 % of production through 2030.", "> 55 %", None, 55, 100, "gt", "%"),
    ("Imports are < 5 % of total trade.", "< 5 %", None, 0, 5, "lt", "%"),
    ("They run 90 percent or more of global processing capacity.", "90 percent or more", None, 90, 100, "ge", "%"),
    ("The league has 20 or more teams.", "20 or more teams", None, 20, None, "ge", "team"),
    ("Roughly 70 percent of mining happens there.", "Roughly 70 percent", 70, 66.5, 73.5, "approx", "%"),
    ("It accounts for just under 20 percent of spending.", "just under 20 percent", None, 0, 20, "lt", "%"),
    # scale words and abbreviations
    ("The fund is worth $2.8bn.", "$2.8bn", 2.8e9, 2.8e9, 2.8e9, "exact", "USD"),
    ("The yacht sold for USD10m.", "USD10m", 1e7, 1e7, 1e7, "exact", "USD"),
    ("There were 4 hundred million people.", "4 hundred million people", 4e8, 4e8, 4e8, "exact", "people"),
    ("More than 10k runners entered.", "More than 10k runners", None, 1e4, None, "gt", "runner"),
    ("The project costs Rs 5 lakh.", "Rs 5 lakh", 5e5, 5e5, 5e5, "exact", "INR"),
    ("The bill is 3 crore rupees.", "3 crore rupees", 3e7, 3e7, 3e7, "exact", "INR"),
    ("Revenue reached 3.5 mln dollars.", "3.5 mln dollars", 3.5e6, 3.5e6, 3.5e6, "exact", "USD"),
    # currencies
    ("The pact is valued at $150 billion.", "$150 billion", 150e9, 150e9, 150e9, "exact", "USD"),
    ("The pact is valued at US$150 billion.", "US$150 billion", 150e9, 150e9, 150e9, "exact", "USD"),
    ("Heineken rose to RM23.50 on Monday.", "RM23.50", 23.5, 23.5, 23.5, "exact", "MYR"),
    ("The grant is S$5 million.", "S$5 million", 5e6, 5e6, 5e6, "exact", "SGD"),
    ("The club paid €40 million for him.", "€40 million", 4e7, 4e7, 4e7, "exact", "EUR"),
    ("Staff get a £1,000 payment.", "£1,000", 1000, 1000, 1000, "exact", "GBP"),
    ("He bought a notebook for 1,200€ last week.", "1,200€", 1200, 1200, 1200, "exact", "EUR"),
    ("The fine is 10.5 million Australian dollars.", "10.5 million Australian dollars", 10.5e6, 10.5e6, 10.5e6,
     "exact", "AUD"),
    ("The tuna sold for 333.6 million yen.", "333.6 million yen", 333.6e6, 333.6e6, 333.6e6, "exact", "JPY"),
    ("The plan earmarks RMB 180 billion for research.", "RMB 180 billion", 180e9, 180e9, 180e9, "exact", "CNY"),
    ("A fund of HK$20 billion was proposed.", "HK$20 billion", 20e9, 20e9, 20e9, "exact", "HKD"),
    ("The account was worth $US55,931,000 in total.", "$US55,931,000", 55931000, 55931000, 55931000, "exact", "USD"),
    # percent and per cent, percentage points, basis points
    ("The index was up 19 per cent for the year.", "19 per cent", 19, 19, 19, "exact", "%"),
    ("Britain can borrow at 1.38pc today.", "1.38pc", 1.38, 1.38, 1.38, "exact", "%"),
    ("Unemployment rose 0.5 percentage points in May.", "0.5 percentage points", 0.5, 0.5, 0.5, "exact", "pp"),
    ("The bank cut rates by 25 basis points.", "25 basis points", 25, 25, 25, "exact", "bp"),
    # mass: tonnes, metric tons, tons, kilotonnes
    ("Output will reach 16.1 million metric tonnes.", "16.1 million metric tonnes", 16.1e6, 16.1e6, 16.1e6,
     "exact", "t"),
    ("Production scales to 300 metric tons annually.", "300 metric tons", 300, 300, 300, "exact", "t"),
    ("Output rose from 6 kt to 9 kt of oxide.", "from 6 kt to 9 kt", None, 6, 9, "range", "kt"),
    ("The mine shipped 5 tonnes of ore.", "5 tonnes", 5, 5, 5, "exact", "t"),
    # commodity desks' metric tonnes: "mt" and "MT", never millitonnes
    ("The mill rolled 2.6 million mt of coil last year.", "2.6 million mt", 2.6e6, 2.6e6, 2.6e6, "exact", "t"),
    ("Exports fell to 410,000 MT in March.", "410,000 MT", 410000, 410000, 410000, "exact", "t"),
    # physical units
    ("The car tops out at 87 mph on the highway.", "87 mph", 87, 87, 87, "exact", "mph"),
    ("It has a 640bhp 5.2 litre engine.", "640bhp", 640, 640, 640, "exact", "hp"),
    ("The battery holds 4500 mAh of charge.", "4500 mAh", 4500, 4500, 4500, "exact", "mAh"),
    ("The plant adds 3.4 gigawatts of capacity.", "3.4 gigawatts", 3.4, 3.4, 3.4, "exact", "GW"),
    ("The boot now stands at 24.5 cubic feet.", "24.5 cubic feet", 24.5, 24.5, 24.5, "exact", "ft3"),
    ("The centre covers 120 km² of land.", "120 km²", 120, 120, 120, "exact", "km2"),
    # numbers in words and fractions
    ("He served three years in prison.", "three years", 3, 3, 3, "exact", "year"),
    ("She bought a dozen eggs.", "a dozen eggs", 12, 12, 12, "exact", "egg"),
    ("The city has half a million residents.", "half a million residents", 5e5, 5e5, 5e5, "exact", "resident"),
    ("Twenty-five players were called up.", "Twenty-five players", 25, 25, 25, "exact", "player"),
    ("Two-thirds of voters backed the plan.", "Two-thirds", 200 / 3, 200 / 3, 200 / 3, "exact", "%"),
    ("One in five adults smokes.", "One in five", 20, 20, 20, "exact", "%"),
    ("A third of the population lives there.", "A third", 100 / 3, 100 / 3, 100 / 3, "exact", "%"),
    ("One fluid ounce is 1/16 of a US pint.", "1/16 of a US pint", 0.0625, 0.0625, 0.0625, "exact", "pt"),
    ("The trail is 2½ miles long.", "2½ miles", 2.5, 2.5, 2.5, "exact", "mi"),
    ("Tens of thousands of students study there.", "Tens of thousands of students", None, 1e4, 1e5, "range", "student"),
    # negatives
    ("The air can dip to minus 130 degrees Fahrenheit.", "minus 130 degrees Fahrenheit", -130, -130, -130, "exact",
     "°F"),
    ("The balance fell to $-50.8bn in April.", "$-50.8bn", -50.8e9, -50.8e9, -50.8e9, "exact", "USD"),
    ("The core reached -40 °C overnight.", "-40 °C", -40, -40, -40, "exact", "°C"),
    # rates
    ("Spot prices rose to $140/kg in 2025.", "$140/kg", 140, 140, 140, "exact", "USD/kg"),
    ("The company lost 63 cents per share.", "63 cents per share", 63, 63, 63, "exact", "cent/share"),
    ("They pay a $3500 a month mortgage.", "$3500 a month", 3500, 3500, 3500, "exact", "USD/month"),
    ("The refinery handles 52,000 barrels a day.", "52,000 barrels a day", 52000, 52000, 52000, "exact",
     "barrel/day"),
    ("The lab runs 3,000 tests per day.", "3,000 tests per day", 3000, 3000, 3000, "exact", "test/day"),
    # multipliers
    ("The stock trades on 6.5 times earnings.", "6.5 times", 6.5, 6.5, 6.5, "exact", "times"),
]


@pytest.mark.parametrize(("sentence", "text", "value", "low", "high", "qualifier", "unit"), CASES,
                         ids=[c[1] for c in CASES])
def test_figure(ext, sentence, text, value, low, high, qualifier, unit):
    got = [a for a in ext(sentence) if a.text == text]
    assert got, f"{text!r} not extracted from {sentence!r}: {[a.text for a in ext(sentence)]}"
    a = got[0]
    assert a.qualifier.value == qualifier
    assert a.unit == unit
    for name, want, have in (("value", value, a.value), ("low", low, a.low), ("high", high, a.high)):
        if want is None:
            assert have is None, f"{name} should be unbounded/null, got {have}"
        else:
            assert have == pytest.approx(want, rel=1e-9), name


def test_bounds_are_open_or_closed_as_the_table_says(ext):
    (gt,) = ext("Sales grew more than 80 percent.")
    assert gt.low_inclusive is False and gt.value is None
    (nearly,) = ext("Shares are up nearly 57% this year.")
    assert nearly.high_inclusive is False and nearly.low_inclusive is True


def test_hedge_factors_come_from_the_table_not_the_code(nlp, quals):
    from dataclasses import replace

    from checker.extract import extract
    from checker.model import Document

    wide = tuple(replace(q, low=0.9, high=1.1) if q.phrase == "about" else q for q in quals)
    (a,) = extract([Document(id="t", text="It holds about 200 tons.")], wide, nlp)
    assert (a.low, a.high) == (pytest.approx(180), pytest.approx(220))


@pytest.mark.parametrize(("sentence", "decimals"), [
    ("Reserves are 16.1 million tonnes.", 1), ("The pact is worth $150 billion.", 0), ("About 60 percent agree.", 0),
    ("The rate is 1.375%.", 3),
])
def test_stated_decimals(ext, sentence, decimals):
    (a,) = ext(sentence)
    assert a.stated_decimals == decimals


def test_tons_are_ambiguous_but_metric_tonnes_are_not(ext):
    (tons,) = ext("Reserves stand at about 16.2 million tons.")
    (tonnes,) = ext("Reserves stand at 16.1 million metric tonnes.")
    assert tons.unit == tonnes.unit == "t"
    assert TONS_NOTE in tons.notes
    assert not tonnes.notes


def test_units_carry_class_dimension_and_surface(ext):
    by_text = {a.text: a for a in ext("It cost $150 billion, cut output 5% and moved 300 metric tons for 13 people.")}
    assert (by_text["$150 billion"].unit_class, by_text["$150 billion"].dimension) == ("currency", "USD")
    assert (by_text["5%"].unit_class, by_text["5%"].dimension) == ("percent", "%")
    assert (by_text["300 metric tons"].unit_class, by_text["300 metric tons"].dimension) == ("physical", "[mass]")
    assert by_text["300 metric tons"].unit_surface == "metric tons"
    assert (by_text["13 people"].unit_class, by_text["13 people"].dimension) == ("count", "people")


@pytest.mark.parametrize(("sentence", "text", "change"), [
    ("Tesla jumped 8.5% on Friday.", "8.5%", "up"),
    ("Exports to China dropped 7% in May.", "7%", "down"),
    ("The price was down 9.2% year over year.", "9.2%", "down"),
    ("Revenue increased by $43.6 billion to $419.2 billion.", "$43.6 billion", "up"),
    ("The index closed at 1,463.78 points.", "1,463.78 points", None),
    ("US Tariffs Slashed from 39% to 15% in Trade Deal", "from 39% to 15%", "down"),
    ("Duties on Swiss watches: from 39% to 15% next month.", "from 39% to 15%", "down"),
    ("Losses are estimated from $2.2 billion to $4.2 billion.", "estimated from $2.2 billion to $4.2 billion", None),
    # the direction said after the figure
    ("The broad index ended the session 2.3% lower.", "2.3%", "down"),
    ("Shares of the miner closed 4.1% higher on Friday.", "4.1%", "up"),
    # gerunds and "eliminate": a loss of jobs or value is a fall
    ("The carmaker is shedding 4,000 jobs across Europe.", "4,000 jobs", "down"),
    ("The merger ended up eliminating 1,200 jobs.", "1,200 jobs", "down"),
    ("Retailers are cutting 3% of their staff this winter.", "3%", "down"),
    ("Hospitals kept adding 42,000 jobs in May.", "42,000 jobs", "up"),
    # money a company raises is a sum it collects; raising something by a sum is a change
    ("The chip designer priced its listing to raise $2.1 billion.", "$2.1 billion", None),
    ("The startup has raised a further €40 million from investors.", "€40 million", None),
    ("The brewer raised by $0.30 the price of a crate.", "$0.30", "up"),
    # the level a move reached is no change; how far it went is
    ("The shares jumped as high as $61.40 before easing.", "as high as $61.40", None),
    ("The shares jumped as much as 9% before easing.", "as much as 9%", "up"),
    # a share of the vote a party gains is what it won, no rise; a stock's gain is one
    ("The Greens gained 14% of the votes cast in the capital.", "14%", None),
    ("The insurer's shares gained 14% of their value in a week.", "14%", "up"),
])
def test_change_direction(ext, sentence, text, change):
    (a,) = [a for a in ext(sentence) if a.text == text]
    assert a.change == change


def test_a_by_then_to_pair_is_a_change_and_a_level_not_a_range(ext):
    got = {a.text: a for a in ext("The deficit increased by $43.6 billion to $419.2 billion.")}
    assert got["$43.6 billion"].qualifier.value == "exact" and got["$419.2 billion"].value == 419.2e9


def test_inline_conversion_is_one_assertion_with_a_note(ext):
    got = ext("The car reaches 185 mph (298 km/h) on the straight.")
    assert [a.text for a in got] == ["185 mph"]
    assert any("298 km/h" in n for n in got[0].notes)


def test_currency_in_brackets_stays_a_separate_assertion(ext):
    got = ext("The fine is 10.5 million Australian dollars ($7.5 million).")
    assert [(a.text, a.unit) for a in got] == [("10.5 million Australian dollars", "AUD"), ("$7.5 million", "USD")]
    assert any("conversion" in n for n in got[1].notes)


def test_a_bare_dollar_beside_a_us_dollar_figure_is_the_outlets_own(ext):
    """An outlet that writes "$US" gives its own dollar in brackets: that one is no US dollar figure."""
    got = ext("The retailer was sold for $US4.1 billion ($6.3 billion) on Friday.")
    assert [(a.text, a.unit) for a in got] == [("$US4.1 billion", "USD"), ("$6.3 billion", "$ (local)")]
    plain = ext("The bill came to $4.1 million ($3.9 million after tax).")
    assert {a.unit for a in plain} == {"USD"}


def test_percent_share_written_as_figure_then_tariff(ext):
    (a,) = ext("The government announced a sweeping 100% tariff on all imports.")
    assert (a.text, a.value, a.low, a.high, a.unit) == ("100%", 100, 100, 100, "%")
