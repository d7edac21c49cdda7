"""A change "from X to Y" yields a before level and an after level, each with its own span."""

from __future__ import annotations

import checker
from checker.levels import change_levels
from checker.model import Document


def test_change_becomes_two_levels_with_spans():
    doc = Document(id="x", text="Washington cut tariffs on Swiss goods from 39% to 15% on Friday.")
    assertions = checker.extract([doc])
    (before, after) = change_levels(assertions, [doc])
    assert (before.text, before.value, after.text, after.value) == ("39%", 39.0, "15%", 15.0)
    for level in (before, after):
        assert doc.text[level.start : level.end] == level.text
        assert level.qualifier.value == "exact" and level.change is None and level.unit == "%"
    assert before.id != after.id and "before" in before.notes[-1] and "after" in after.notes[-1]


def test_plain_ranges_are_left_alone():
    doc = Document(id="y", text="The share is between 85 and 95 percent.")
    assert change_levels(checker.extract([doc]), [doc]) == []
