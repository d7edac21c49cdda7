"""Small text helpers more than one stage needs (so neither reaches into the other)."""

from __future__ import annotations

import re
import unicodedata

INVARIANT_PLURALS = frozenset({"people", "series", "species", "news"})
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_WORDS = frozenset((*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS))  # capitalised, yet never a name
AGE = "age"  # the measure extraction gives an age ("a 61-year-old former mayor"), which grouping keys on
# nouns news puts before a company's name ("social media company Reddit", "British chipmaker Arm Holdings")
BUSINESS_NOUNS = ("company", "firm", "group", "giant", "startup", "start-up", "platform", "retailer", "bank", "lender",
                  "insurer", "conglomerate", "manufacturer", "operator", "developer", "carrier", "airline", "chipmaker",
                  "carmaker", "automaker", "drugmaker", "planemaker", "phonemaker", "steelmaker", "toymaker")


# a dateline opening a paragraph: "TOKYO, Jan. 9 (Xinhua) -- ", "Wajima, Ishikawa Pref., Jan. 3 (Jiji Press)--",
# "KANAZAWA--", "Siesta Key, Florida - ": where the story was filed, never a figure's holder nor its place
DATELINE = re.compile(r"\s*(?:[A-Z][^()\n]{0,80}\([A-Z][\w .&-]{1,40}\)\s*(?:--|—|–|-)"
                      r"|[A-Z]{3,}[A-Z .'-]*(?:,[^()\n]{0,40})?\s*(?:--|—|–)"
                      r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} (?:--|—|–|-) )")


F_PLURALS = {"lives": "life", "wives": "wife", "knives": "knife",
             "shelves": "shelf", "wolves": "wolf", "thieves": "thief", "loaves": "loaf", "calves": "calf"}


def fold(text: str) -> str:
    """Accents off ("Bloc Québécois" -> "Bloc Quebecois"): word patterns in ASCII still read the name whole."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def singular(word: str) -> str:
    """A light plural fold for nouns already lower-cased: 'reserves' -> 'reserve', 'homes' -> 'home'."""
    if word in INVARIANT_PLURALS:
        return word
    if word in F_PLURALS:  # "lives" is "life", never the verb "live" ("4,600 people live in the estate")
        return F_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
