"""Page furniture becomes ``Document.excluded``; the article around it does not.

Each case checks both sides: the furniture's numbers are covered, and the
article sentence next to it stays readable to the extractor.
"""

from __future__ import annotations

import pytest

from checker.corpus import build_document
from checker.model import Document

PARA = "The company said revenue rose 14 percent to $2.1 billion in the third quarter, beating forecasts.\n"


def doc(text: str) -> Document:
    return build_document("t.txt", text)


def covered(d: Document, needle: str) -> bool:
    start = d.text.index(needle)
    return all(d.is_excluded(i, i + 1) for i in range(start, start + len(needle)) if not d.text[i].isspace())


def reasons(d: Document) -> set[str]:
    return {e.reason for e in d.excluded}


def test_offsets_stay_valid_in_original_text() -> None:
    text = "Headline\nAdvertisement\n" + PARA
    d = doc(text)
    assert d.text == text
    (ad,) = d.excluded
    assert text[ad.start : ad.end] == "Advertisement" and ad.reason == "advertisement"


def test_table_of_contents_block() -> None:
    text = (
        "Big Headline\nTable of Contents\n- 1. Introduction\n- 2. What 30 Analysts Say\n- 3. H2: Outlook for 2026\n"
        "By Jane Doe\n" + PARA
    )
    d = doc(text)
    assert covered(d, "- 2. What 30 Analysts Say") and covered(d, "- 3. H2: Outlook for 2026")
    assert not d.is_excluded(d.text.index("14 percent"), d.text.index("14 percent") + 2)
    assert d.meta.byline == "Jane Doe"  # the byline after the TOC is still found


def test_table_of_contents_without_header_made_of_heading_markers() -> None:
    text = PARA + "1. H2: First Part\n2. H3: Second Part\n3. H3: Third Part\n" + PARA
    d = doc(text)
    assert covered(d, "2. H3: Second Part") and "table-of-contents" in reasons(d)


def test_heading_marker_lines() -> None:
    d = doc(PARA + "H3: Case Study 1 – A Plant (2024)\n" + PARA)
    assert covered(d, "H3: Case Study 1 – A Plant (2024)") and reasons(d) == {"heading-marker"}


@pytest.mark.parametrize(
    "header", ["Related Articles", "Read more", "More from Example News", "Recommended", "Lea también"]
)
def test_related_headline_list_to_end_of_block(header: str) -> None:
    text = (
        PARA
        + f"{header}\n\n"
        + "BYD Profit Falls 33 % as Carmaker Looks Abroad\n"
        + "Shares of Miners Jump 12% After Deal\n"
        + "Why 3 Things Matter for Investors?\n\n"
        + "The report said exports would rise 5 percent next year, while imports would stay flat for now.\n"
    )
    d = doc(text)
    assert covered(d, "BYD Profit Falls 33 %") and covered(d, "Why 3 Things Matter for Investors?")
    after = d.text.index("rise 5 percent")
    assert not d.is_excluded(after, after + 6)  # the block ends where prose resumes
    assert not d.is_excluded(d.text.index("14 percent"), d.text.index("14 percent") + 2)


def test_inline_read_more_line() -> None:
    d = doc(PARA + "Read more: Oil Output Climbs 4% in March\n" + PARA)
    assert covered(d, "Oil Output Climbs 4% in March")


def test_player_timestamps_and_ui_lines() -> None:
    d = doc(PARA + "0:00\n1:23 / 4:56\nClose\n×\n" + PARA)
    assert covered(d, "0:00") and covered(d, "1:23 / 4:56") and covered(d, "Close")
    assert "player-timestamp" in reasons(d)


@pytest.mark.parametrize(
    "ad", ["Advertisement", "- Advertisement - -", "ADVERTISEMENT", "Story continues below advertisement", "Publicidad"]
)
def test_advertisement_lines(ad: str) -> None:
    d = doc(PARA + ad + "\n" + PARA)
    assert covered(d, ad.strip("- ")) and reasons(d) == {"advertisement"}


@pytest.mark.parametrize(
    "rt", ["3 min read", "5 minute read", "3 min de lectura", "Lesezeit: 4 Min", "Reading time: 6 minutes"]
)
def test_reading_times(rt: str) -> None:
    d = doc(f"Headline About Rates\nJane Doe · {rt}\n" + PARA)
    assert covered(d, rt)


def test_dateline_line_is_excluded_with_time_and_reading_time() -> None:
    line = "lunes, 3 de noviembre de 2025, 9:15 am ET4 min de lectura"
    d = doc(f"Un titular sobre comercio\n{line}\n" + PARA)
    assert covered(d, line) and "dateline" in reasons(d)
    assert d.meta.published == "2025-11-03"


@pytest.mark.parametrize(
    "widget",
    [
        "Comments\n\nAdd a public comment...\nNo comments yet",
        "Comentarios\n\n\nAdd a public comment...\nSin comentarios\n\nAún no hay comentarios",
        "Leave a comment\nLog in to comment",
    ],
)
def test_comment_widgets(widget: str) -> None:
    d = doc(PARA + "\n" + widget + "\n")
    last = widget.splitlines()[-1]
    assert covered(d, last) and "comments" in reasons(d)


def test_newsletter_and_footer_lines() -> None:
    d = doc(PARA + "Newsletter\nSubscribe to our newsletter\n© 2025 Example Herald. All rights reserved.\n")
    assert covered(d, "Subscribe to our newsletter") and covered(d, "© 2025 Example Herald")
    assert reasons(d) == {"footer"}


def test_prose_mentioning_furniture_words_is_not_furniture() -> None:
    text = (
        "Headline About Media\n"
        "Readers can subscribe to the newsletter, which has 40,000 readers, the company said in a statement.\n"
        "Related articles published by the group reached 3 million views last month, it added on Friday.\n"
        "The table of contents of the 2024 report lists 12 chapters on regional trade flows and prices.\n"
    )
    assert doc(text).excluded == ()


def test_article_lists_are_not_furniture() -> None:
    text = PARA + "Key points:\n- Exports rose 12 percent.\n- Imports fell 3 percent.\n1. Table a National Strategy\n"
    assert doc(text).excluded == ()
