"""Grouping: which assertions from different sources are about the same figure.

Blocking first (same unit, so "%" is never compared with "USD"), then a
similarity between two mentions' measure keys (rapidfuzz over lemma-ish
tokens after the pack's synonyms are applied), with hard constraints that
keep different things apart: a different named subject (one country vs another),
a different stated time, or — within one document — a different figure (a
source rarely states one measure two ways; two figures in one text are
usually two measures). Clustering is greedy single-pass agglomeration over
pair scores, best pair first, so the result does not depend on input order.

The package follows the data flow: ``keys`` reads each mention's keys,
``similarity`` compares two mentions, ``cluster`` builds groups, ``notes``
explains them.
"""

from __future__ import annotations

from checker.group.cluster import DEFAULT_THRESHOLD, group
from checker.group.keys import YEAR_RE, Keyed, Normaliser, keyed, time_key
from checker.group.notes import explain, updated_figure
from checker.group.similarity import similarity

__all__ = ["DEFAULT_THRESHOLD", "YEAR_RE", "Keyed", "Normaliser", "explain", "group", "keyed", "similarity", "time_key",
           "updated_figure"]
