"""Which documents tell one story (``checker.group.stories``), on hand-written reports of three events."""

from __future__ import annotations

from checker.group.keys import content_tokens
from checker.group.stories import STORY_WORDS, stories

FLOOD = [
    "Floodwaters swept through the river valley town of Marlow overnight. Rescuers in boats searched flooded "
    "streets for stranded residents as the river crested, and the mayor opened the school gym as a shelter.",
    "Rescuers in Marlow pulled stranded residents from rooftops after the river burst its banks. Floodwaters "
    "filled the valley streets and the mayor asked families to stay in the school shelter.",
    "The river crested above flood stage in Marlow, where floodwaters forced residents onto rooftops. Rescuers "
    "searched the valley by boat while the mayor said the shelter at the school was full.",
]
VOTE = [
    "Voters in Calvera returned the governing coalition in Sunday's parliamentary election. The opposition "
    "conceded after the ballots were counted, and the prime minister promised a new cabinet within weeks.",
    "The governing coalition kept its parliamentary majority in Calvera as the opposition conceded the "
    "election once ballots were counted on Sunday. The prime minister will name a cabinet soon.",
    "Calvera's opposition conceded Sunday's election as ballots were counted through the night; the "
    "coalition's parliamentary majority survived and the prime minister thanked voters for their trust.",
]
GRAIN = ("Wheat futures closed higher in Chicago on Tuesday as traders weighed drought in the southern plains "
         "against strong export demand, while corn and soybean contracts slipped on forecasts of rain.")


def test_two_stories_in_one_corpus_are_told_apart():
    docs = {f"flood{i}": t for i, t in enumerate(FLOOD)} | {f"vote{i}": t for i, t in enumerate(VOTE)}
    story = stories(docs)
    assert {story[d] for d in docs if d.startswith("flood")} == {"flood0"}
    assert {story[d] for d in docs if d.startswith("vote")} == {"vote0"}


def test_a_document_alike_to_none_or_too_short_is_in_no_story():
    """An odd text, or a sentence too short to tell a story, never loses its figures to the gate."""
    short = "Rain fell on Monday."
    assert len(set(content_tokens(short))) < STORY_WORDS <= len(set(content_tokens(GRAIN)))
    docs = {f"flood{i}": t for i, t in enumerate(FLOOD)} | {f"vote{i}": t for i, t in enumerate(VOTE)}
    story = stories(docs | {"grain": GRAIN, "short": short})
    assert "grain" not in story and "short" not in story and story["flood1"] == "flood0"


def test_one_story_keeps_nothing_apart_and_zero_turns_the_gate_off():
    """Words in most documents tell no story from another: a corpus of one story has at most one."""
    docs = {f"vote{i}": t for i, t in enumerate(VOTE)}
    assert len(set(stories(docs).values())) <= 1
    assert stories(docs | {f"flood{i}": t for i, t in enumerate(FLOOD)}, link=0) == {}
