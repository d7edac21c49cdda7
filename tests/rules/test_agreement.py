"""The verdict convention of ../shared/gold/seeds.yaml, pair by pair, on hand-built mentions."""

from __future__ import annotations

import pytest

from checker.model import Group, Tolerance, Verdict
from checker.rules.agreement import judge_pair, precision
from tests.helpers import assertion

TOL = Tolerance(minor_relative=0.02)


def about(x: float, **kw: object) -> object:
    return assertion(f"about {x}", x, 0.95 * x, 1.05 * x, qualifier="approx", **kw)


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        # a range and two lower bounds that overlap on 90-95: agree
        (
            assertion("85–95%", None, 85, 95, qualifier="range"),
            assertion("more than 80 percent", None, 80, 100, qualifier="gt", low_inclusive=False, doc="d2"),
            Verdict.AGREE,
        ),
        (
            assertion("85–95%", None, 85, 95, qualifier="range"),
            assertion("90 percent or more", None, 90, 100, qualifier="ge", doc="d2"),
            Verdict.AGREE,
        ),
        # "about 60" and "≈ 61": 61 rounds to 60
        (about(60), assertion("≈ 61 %", 61, 57.95, 64.05, qualifier="approx", doc="d2"), Verdict.AGREE),
        # 70 does not fit 60
        (about(60), assertion("roughly 70 percent", 70, 66.5, 73.5, qualifier="approx", doc="d2"), Verdict.CONFLICT),
        # 16.1 vs 16.2 million: differ at the precision both state, by under 2 %
        (
            assertion(
                "about 16.2 million tons", 16.2e6, 15.39e6, 17.01e6, qualifier="approx", unit="t", decimals=1, scale=1e6
            ),
            assertion("16.1 million metric tonnes", 16.1e6, unit="t", decimals=1, scale=1e6, doc="d2"),
            Verdict.MINOR,
        ),
        # a flat 100 vs "up to 130": stated figures differ
        (assertion("up to 130%", 130, 0, 130, qualifier="upto"), assertion("100%", 100, doc="d2"), Verdict.CONFLICT),
        (
            assertion("$150 billion", 150e9, unit="USD", scale=1e9),
            assertion("US$150 billion", 150e9, unit="USD", scale=1e9, doc="d2"),
            Verdict.AGREE,
        ),
        # disjoint bounds are a conflict even with no stated figure
        (
            assertion("more than 80 percent", None, 80, None, qualifier="gt", low_inclusive=False),
            assertion("less than 50 percent", None, 0, 50, qualifier="lt", high_inclusive=False, doc="d2"),
            Verdict.CONFLICT,
        ),
        # touching open ends do not overlap, but miss by less than 2 %: minor
        (
            assertion("more than 80", None, 80, None, qualifier="gt", low_inclusive=False),
            assertion("under 80", None, 0, 80, qualifier="lt", high_inclusive=False, doc="d2"),
            Verdict.MINOR,
        ),
    ],
)
def test_pair_verdicts_follow_the_gold_convention(a, b, verdict):
    got, reason, _ = judge_pair(a, b, TOL)
    assert got is verdict, reason
    assert judge_pair(b, a, TOL)[0] is verdict  # symmetric


def test_precision_of_hedged_round_figures_widens_but_exact_ones_do_not():
    assert precision(about(60)) == 10
    assert precision(assertion("100%", 100)) == 1
    assert precision(assertion("16.1 million", 16.1e6, decimals=1, scale=1e6)) == pytest.approx(1e5)


def test_minor_band_comes_from_the_tolerance():
    a = assertion("16.2 million", 16.2e6, decimals=1, scale=1e6, unit="t")
    b = assertion("16.1 million", 16.1e6, decimals=1, scale=1e6, unit="t", doc="d2")
    assert judge_pair(a, b, Tolerance(minor_relative=0.001))[0] is Verdict.CONFLICT


def test_group_verdict_is_the_worst_pair_and_names_it():
    from checker.rules import load_rules

    a = about(60, doc="A")
    b = assertion("≈ 61 %", 61, 57.95, 64.05, qualifier="approx", doc="B")
    c = assertion("roughly 70 percent", 70, 66.5, 73.5, qualifier="approx", doc="C")
    g = Group(id="g", key="k", subject="China", measure="mining", unit="%", members=(a.id, b.id, c.id), why=())
    (judged,) = load_rules().judge([g], [a, b, c])
    assert judged.verdict is Verdict.CONFLICT
    assert set(judged.decided_by) == {a.id, c.id} or set(judged.decided_by) == {b.id, c.id}
    assert c.id in judged.decided_by
    assert judged.agreement == pytest.approx(1 / 3, abs=1e-3)
