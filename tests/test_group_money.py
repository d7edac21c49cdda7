"""Grouping money figures: share prices named by their verb, sums a year, pounds sterling.

Hand-written copy in the shape of market and budget reporting (see tests/test_group_news.py for the
helpers' contract); each test fails with the rule it names switched off.
"""

from __future__ import annotations

from checker.group.similarity import keys_differ, similarity
from tests.test_group_news import audit, group_of, keys_by, keys_of


def test_a_price_is_measured_by_the_verb_it_was_set_at():
    """"closed at", "opened at", "priced at": the verb is the measure, as "closing price" is."""
    result = audit(
        "Lumio's shares opened at $71 and closed at $96.40 on their first day, after the IPO was priced at $29.",
        "The stock's closing price of $96.40 gave Lumio a market value of $41 billion; the opening price was $71.",
        "Lumio priced its offering at $29 per share, above the marketed range.",
    )
    assert group_of(result, "d0", "$96.40") == {("d0", "$96.40"), ("d1", "$96.40")}
    assert group_of(result, "d0", "$71") == {("d0", "$71"), ("d1", "$71")}
    assert group_of(result, "d0", "$29") == {("d0", "$29"), ("d2", "$29 per share")}
    measures = {k.a.text: k.measure for k in keys_of(result) if k.a.doc_id == "d0"}
    assert "closing" in measures["$96.40"] and "opening" in measures["$71"] and "price" in measures["$29"]


def test_a_price_per_share_is_no_earnings_per_share():
    """"An offer price of $48 per share" is a price; "earnings of $1.12 per share" the eps."""
    result = audit(
        "Hollis will be bought at an offer price of $48 per share. Hollis earned $1.12 per share last year.",
        "The buyer agreed to pay $48 for each Hollis share; earnings were $1.12 per share.",
    )
    measures = {k.a.text: k.measure for k in keys_of(result) if k.a.doc_id == "d0"}
    assert "eps" not in measures["$48 per share"] and "eps" in measures["$1.12 per share"]


def test_a_sum_a_year_is_compared_with_the_same_sum_unsaid_but_not_with_a_sum_a_month():
    result = audit(
        "The levy on banks will raise £14bn a year, the Treasury said.",
        "Treasury officials expect the bank levy to raise £14 billion annually.",
        "The bank levy is forecast to bring in £14bn, the Treasury said.",
    )
    assert group_of(result, "d0", "£14bn a year") == {
        ("d0", "£14bn a year"), ("d1", "£14 billion annually"), ("d2", "£14bn")}
    units = {k.a.text: (k.block, k.a.unit) for k in keys_of(result)}
    assert units["£14 billion annually"] == ("GBP", "GBP/year")
    monthly = audit("The levy on banks will raise £14bn a year.", "The levy on banks will raise £14bn a month.")
    year, month = keys_of(monthly)
    assert keys_differ(year, month) == "rate" and similarity(year, month) == 0


def test_pounds_in_a_sentence_about_money_are_sterling():
    """Read as money (tests/extract/test_more_cases.py, POUNDS), they meet the same sum written with "£"."""
    result = audit(
        "The tax-free allowance falls to 3,000 pounds from 5,000 pounds next April.",
        "From April, the tax-free allowance will be £3,000, down from £5,000.",
    )
    assert ("d1", "£3,000") in group_of(result, "d0", "3,000 pounds")


def test_the_same_range_from_two_outlets_is_one_fact():
    """Both ends coinciding ("between $20 and $24" / "$20-$24") is as specific as a three-digit figure."""
    result = audit(
        "Bankers pitched the deal between $20 and $24.",
        "The company set a $20-$24 range, according to the filing.",
        "Another company set a $20-$26 range.",
    )
    assert group_of(result, "d0", "between $20 and $24") == {("d0", "between $20 and $24"), ("d1", "$20-$24")}


def test_a_change_of_a_rate_to_a_rate_is_in_points():
    """"increase by 1.5% to 14.3%" means points: the same change as "1.5 percentage points to 14.3%"."""
    result = audit(
        "Employer contributions will increase by 1.5% to 14.3% next April.",
        "Employer contributions rise 1.5 percentage points to 14.3% from April.",
        "Sales grew 1.5% to $14.3 billion.",
    )
    blocks = keys_by(result, "block")
    assert blocks[("d0", "1.5%")] == blocks[("d1", "1.5 percentage points")] == "pp"
    assert blocks[("d2", "1.5%")] == "%"  # a change to an amount of money is a relative change
    assert group_of(result, "d0", "1.5%") == {("d0", "1.5%"), ("d1", "1.5 percentage points")}


def test_a_sum_an_hour_restates_the_same_sum_unsaid():
    """"£11.85 an hour" and "to £11.85": the same number in one currency, a restatement whoever each
    sentence names."""
    result = audit(
        "Finance minister Ana Ruiz confirmed a 5.2% increase in the minimum wage to £11.85 an hour.",
        "Chancellor Tom Hale raised the minimum wage to £11.85 from April.",
    )
    assert group_of(result, "d0", "£11.85 an hour") == {("d0", "£11.85 an hour"), ("d1", "£11.85")}
