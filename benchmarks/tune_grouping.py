"""Try other values of the grouping constants on the labelled sets, split in two halves, without editing code.

    python benchmarks/tune_grouping.py --set MAGNITUDE=2,3,5 --set SAME_VALUE=80,95
    python benchmarks/tune_grouping.py --scan 0.5,0.75,1.25,1.5          # every constant, times each factor
    python benchmarks/tune_grouping.py --set SAME_VALUE=95 --set MAGNITUDE=2 --together

Each set is extracted once (through the extraction cache) and only regrouped and rejudged per trial, so a trial
over all sets takes seconds. A line per trial gives each half's (whole, right, agree->conflict) and its change
in whole + right - 2 x agree->conflict against the constants as they stand. Keep a change only where both
halves gain: a constant tuned to one half that costs the other is fitted to its stories, not to news. Never
include the held-out set (README.md names it): its figure is only honest while nothing was tuned on it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_grouping import score

import checker
from checker.api import group_and_judge
from checker.model import Audit
from checker.rules import RuleSet, load_rules
from checker.serialize import to_dict

GROUPING = Path(__file__).resolve().parent / "grouping"
FIRST_HALF = ("dev", "validation", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8")
SECOND_HALF = tuple(f"blind{n}" for n in range(9, 20))  # the read sets: grow it when a held-out set is read
TUNABLE = {  # module -> the constants a trial may set
    "checker.group.similarity": ("SUBJECT_WEIGHT", "MAGNITUDE", "FAR_APART", "SHARE_MAGNITUDE", "PLACE_PENALTY",
                                 "TIME_PENALTY", "STALE_PENALTY", "NEARNESS", "SAME_FIGURE", "HOLDER_ONLY",
                                 "SAME_VALUE", "SPECIFIC_FIGURE", "CONTEXT_BONUS", "CONTEXT_BASE",
                                 "CONTEXT_NEARNESS", "HOLDER_NEAR"),
    "checker.group.cluster": ("AVERAGE_LINK", "OUTLIER_LINK", "OUTLIER_GAP", "OUTLIER_WORDED"),
}


@dataclass(frozen=True)
class Tally:
    whole: int
    right: int
    false_alarms: int

    @property
    def objective(self) -> int:
        return self.whole + self.right - 2 * self.false_alarms

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.whole + other.whole, self.right + other.right, self.false_alarms + other.false_alarms)


def _paths(name: str) -> tuple[Path, Path]:
    folder = GROUPING if name == "dev" else GROUPING / name
    return folder / "gold.yaml", folder / "corpus"


@contextmanager
def constants(values: Mapping[str, float]) -> Iterator[None]:
    """Set grouping constants for the duration (each looked up in ``TUNABLE``)."""
    old: list[tuple[ModuleType, str, Any]] = []
    try:
        for name, value in values.items():
            home = next((m for m, names in TUNABLE.items() if name in names), None)
            if home is None:
                raise SystemExit(f"tune_grouping: {name} is no tunable constant ({', '.join(sorted(_all()))})")
            module = importlib.import_module(home)
            old.append((module, name, getattr(module, name)))
            setattr(module, name, type(getattr(module, name))(value))
        yield
    finally:
        for module, name, value in reversed(old):
            setattr(module, name, value)


def _all() -> list[str]:
    return [n for names in TUNABLE.values() for n in names]


class Bench:
    """The sets, extracted once; ``tally`` regroups and rejudges them under the constants in force."""

    def __init__(self, names: Sequence[str], rules: RuleSet) -> None:
        self.rules = rules
        self.sets: list[tuple[dict[str, Any], Path, Audit]] = []
        for name in names:
            gold, corpus = _paths(name)
            self.sets.append((yaml.safe_load(gold.read_text(encoding="utf-8")), corpus,
                              checker.audit([str(corpus)], use_cache=True)))

    def tally(self) -> Tally:
        total = Tally(0, 0, 0)
        for gold, corpus, result in self.sets:
            groups = group_and_judge(result.assertions, result.documents, self.rules)
            s = score(gold, corpus, to_dict(replace(result, groups=tuple(groups))))
            total += Tally(s.whole, s.verdicts_right, s.agree_as_conflict)
        return total


def _trials(args: argparse.Namespace) -> list[dict[str, float]]:
    grid = {}
    for spec in args.set:
        name, _, values = spec.partition("=")
        grid[name] = [float(v) for v in values.split(",") if v]
    if args.together:
        return [{name: vs[0] for name, vs in grid.items()}]
    trials = [{name: v} for name, vs in grid.items() for v in vs]
    for factor in (float(f) for f in args.scan.split(",") if f) if args.scan else ():
        for home, names in TUNABLE.items():
            trials += [{n: getattr(importlib.import_module(home), n) * factor} for n in names]
    return trials


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", default=[], metavar="NAME=V1,V2", help="values to try, one at a time")
    ap.add_argument("--together", action="store_true",
                    help="one trial with the first value of every --set")
    ap.add_argument("--scan", default="", metavar="F1,F2", help="every tunable constant times each factor")
    args = ap.parse_args(argv)
    rules = load_rules([])
    halves = [Bench(FIRST_HALF, rules), Bench(SECOND_HALF, rules)]
    base = [h.tally() for h in halves]
    print("as they stand: " + " | ".join(f"{t.whole} whole, {t.right} right, {t.false_alarms} agree->conflict"
                                          for t in base))
    for trial in _trials(args):
        with constants(trial):
            got = [h.tally() for h in halves]
        label = ", ".join(f"{n}={v:g}" for n, v in trial.items())
        print(f"{label}: " + " | ".join(f"{t.whole}/{t.right}/{t.false_alarms} ({t.objective - b.objective:+d})"
                                        for t, b in zip(got, base, strict=True)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
