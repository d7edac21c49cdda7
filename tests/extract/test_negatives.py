"""Numbers that are not numeric assertions: years, dates, times, numbering, phones, scores, names."""

from __future__ import annotations

import pytest

NOT_ASSERTIONS = [
    "The partnership was formalised in 2025.",
    "On 26 October 2025 in the capital, the leaders met.",
    "The vote is on March 29.",
    "She died on September 8 in the largest city.",
    "By Jane Doe | Published: 2025-12-05",
    "lunes, 27 de octubre de 2025, 4:39 am ET3 min de lectura",
    "The session opens at 10.45pm and closes at 5am.",
    "Updated 2:55 p.m. PT: added news of restrictions.",
    "The tremor hit shortly before midnight (2215 GMT) on Tuesday.",
    "Trading halted at 1530 ET and the ferry left at 0600 hrs.",
    "0:00",
    "- 12. H2: Current Landscape of the Market",
    "1. Table a National Strategy",
    "H3: Case Study 1 – The Southern Hub",
    "See Chapter 4 and Section 2.",
    "5 min read",
    "Call the office on +1 (555) 123-4567 today.",
    "Install version 2.1.3 before Friday.",
    "The home side won 3-1 on Sunday.",
    "She finished 3rd after a 96th-minute winner.",
    "It reached Jupiter on July 4, 2016.",
    "Music from the 1990s is back.",
    "The plan covers 2024-25 and 2022‑2025.",
    "CO2 and COVID-19 and F-35 are names.",
    "The new iPhone 11 Pro is out.",
    "Stocks in the FTSE 100 fell.",
    "Each one they lose hurts.",
    "The office is at 16-18 Industrial Avenue.",
    "Results for Q3 2024 are due.",
    "It is open 24/7.",
    "The 9/11 attacks changed aviation.",
    "The World War 2 memorial and Apollo 11 were named.",
    "Leaders of the Group of 20 (G20) met after Democrats 66 (D66) joined the cabinet.",
    # a spelled number before "from/in <Name>" is a part of a toll only where the sentence counts one
    "The other two in Congress voted against the bill.",
]


@pytest.mark.parametrize("sentence", NOT_ASSERTIONS)
def test_not_an_assertion(ext, sentence):
    assert [a.text for a in ext(sentence)] == []


def test_years_become_the_time_of_a_figure(ext):
    (a,) = ext("Output will reach 300 metric tons by 2027.")
    assert a.text == "300 metric tons" and a.time == "by 2027"


def test_page_furniture_is_never_extracted(nlp, quals):
    from checker.extract import extract
    from checker.model import Document, Excluded

    text = "Sales rose 5% in May.\nRelated: Profit Falls 33 % at Rival\nCosts fell 2%."
    start = text.index("Related")
    doc = Document(id="d", text=text, excluded=(Excluded(start, start + 35, "related-articles"),))
    assert [a.text for a in extract([doc], quals, nlp)] == ["5%", "2%"]
