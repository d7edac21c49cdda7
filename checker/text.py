"""Small text helpers more than one stage needs (so neither reaches into the other)."""

from __future__ import annotations

INVARIANT_PLURALS = frozenset({"people", "series", "species", "news"})


def singular(word: str) -> str:
    """A light plural fold for nouns already lower-cased: 'reserves' -> 'reserve', 'homes' -> 'home'."""
    if word in INVARIANT_PLURALS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
