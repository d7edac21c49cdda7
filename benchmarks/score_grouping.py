"""Score checker's grouping and verdicts against a hand-labelled gold file.

    python benchmarks/score_grouping.py --gold benchmarks/grouping/gold.yaml --corpus benchmarks/grouping/corpus
    python benchmarks/score_grouping.py --gold ../shared/gold/seeds.yaml --corpus seeds
    python benchmarks/score_grouping.py --gold G --corpus DIR --audit reports/audit.json

Without ``--audit`` it runs ``checker audit DIR --format json --isolated`` into
a temporary folder. A gold mention is *extracted* when some assertion of its
document overlaps the quote (inside ``context`` when the gold gives one); a
gold group is *found whole* when one checker group holds an assertion of every
mention (extra members allowed); its *verdict is right* when the checker group
holding most of its mentions (at least two, from two sources) has the expected
verdict (agree; conflict; flagged = minor-discrepancy or conflict). False
alarms: gold-agree groups reported as conflicts, and checker conflict groups
that hold no gold mention at all. The last line is a one-line summary.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Mention:
    doc: str
    quote: str
    ids: set[str]


@dataclass
class GroupScore:
    id: str
    expect: str
    mentions: list[Mention]
    whole: bool = False
    verdict: str | None = None
    verdict_ok: bool = False
    false_alarm: bool = False
    problems: list[str] = field(default_factory=list)
    best: str | None = None
    updated_note: bool | None = None  # None when the gold does not ask for one


@dataclass
class Score:
    groups: list[GroupScore]
    unmatched_conflicts: list[dict[str, Any]]
    errors: list[str]

    @property
    def mentions(self) -> int:
        return sum(len(g.mentions) for g in self.groups)

    @property
    def extracted(self) -> int:
        return sum(1 for g in self.groups for m in g.mentions if m.ids)

    @property
    def whole(self) -> int:
        return sum(g.whole for g in self.groups)

    @property
    def verdicts_right(self) -> int:
        return sum(g.verdict_ok for g in self.groups)

    @property
    def agree_as_conflict(self) -> int:
        return sum(g.false_alarm for g in self.groups)

    def ratios(self) -> dict[str, float]:
        n = max(len(self.groups), 1)
        return {
            "extracted": self.extracted / max(self.mentions, 1),
            "whole": self.whole / n,
            "verdicts": self.verdicts_right / n,
            "agree_as_conflict": float(self.agree_as_conflict),
            "unmatched_conflicts": float(len(self.unmatched_conflicts)),
        }

    def summary(self) -> str:
        n = len(self.groups)
        r = self.ratios()
        return (
            f"mentions extracted {self.extracted}/{self.mentions} ({r['extracted']:.1%}) | "
            f"groups whole {self.whole}/{n} ({r['whole']:.1%}) | "
            f"verdicts right {self.verdicts_right}/{n} ({r['verdicts']:.1%}) | "
            f"false alarms: {self.agree_as_conflict} agree->conflict, "
            f"{len(self.unmatched_conflicts)} conflict groups outside the gold"
        )


def run_audit(corpus: Path, out: Path) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "checker",
        "audit",
        str(corpus),
        "--out",
        str(out),
        "--format",
        "json",
        "--isolated",
        "--fail-on",
        "never",
        "-q",
    ]
    subprocess.run(cmd, check=True)
    return out / "audit.json"


def _spans(text: str, quote: str, context: str | None) -> list[tuple[int, int]]:
    if context:
        spans = []
        for c in re.finditer(re.escape(context), text):
            i = text.find(quote, c.start(), c.end())
            if i >= 0:
                spans.append((i, i + len(quote)))
        return spans
    return [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]


def _expected(verdict: str | None, expect: str) -> bool:
    if verdict is None:
        return False
    if expect == "agree":
        return verdict == "agree"
    if expect == "conflict":
        return verdict == "conflict"
    return verdict in ("minor-discrepancy", "conflict")  # flagged


def score(gold: Mapping[str, Any], corpus: Path, audit: Mapping[str, Any]) -> Score:
    """Compare an audit.json (as a dict) with a gold file (as a dict)."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for a in audit.get("assertions", []):
        by_doc.setdefault(a["doc_id"], []).append(a)
    groups = audit.get("groups", [])
    member_of: dict[str, list[dict[str, Any]]] = {}
    for g in groups:
        for m in g["members"]:
            member_of.setdefault(m, []).append(g)
    texts: dict[str, str] = {}
    errors: list[str] = []
    scores: list[GroupScore] = []
    gold_ids: set[str] = set()

    for gg in gold.get("groups", []):
        mentions: list[Mention] = []
        for m in gg["mentions"]:
            doc = m["doc"]
            if doc not in texts:
                path = corpus / doc
                texts[doc] = path.read_text(encoding="utf-8") if path.exists() else ""
            spans = _spans(texts[doc], str(m["quote"]), m.get("context"))
            if not spans:
                errors.append(f"{gg['id']}: quote {m['quote']!r} not found in {doc}")
            ids = {a["id"] for a in by_doc.get(doc, []) if any(a["start"] < e and s < a["end"] for s, e in spans)}
            gold_ids |= ids
            mentions.append(Mention(doc, str(m["quote"]), ids))
        gs = GroupScore(gg["id"], gg.get("expect", "agree"), mentions)
        missing = [m for m in mentions if not m.ids]
        if missing:
            gs.problems.append("not extracted: " + ", ".join(f"{m.doc} {m.quote!r}" for m in missing))
        found = [m for m in mentions if m.ids]
        # the checker group holding most of the gold mentions (ties: the smaller group)
        cover: dict[str, tuple[int, int, dict[str, Any]]] = {}
        for g in groups:
            n = sum(1 for m in found if m.ids & set(g["members"]))
            if n:
                cover[g["id"]] = (n, -len(g["members"]), g)
        best = max(cover.values(), key=lambda c: (c[0], c[1], c[2]["id"]))[2] if cover else None
        held = [m for m in found if best is not None and m.ids & set(best["members"])]
        docs_held = {m.doc for m in held}
        gs.whole = not missing and best is not None and len(held) == len(mentions)
        if best is not None and len(held) >= 2 and len(docs_held) >= 2:
            gs.best = best["id"]
            gs.verdict = best.get("verdict")
            gs.verdict_ok = _expected(gs.verdict, gs.expect)
            gs.false_alarm = gs.expect == "agree" and gs.verdict == "conflict"
            extra = len(best["members"]) - sum(len(m.ids & set(best["members"])) for m in held)
            if extra > 0:
                gs.problems.append(f"{extra} extra member(s) in {best['id']}")
            if gg.get("note") == "updated":
                gs.updated_note = any("updated" in n for n in best.get("notes", []))
        if found and not gs.whole:
            outside = [m for m in found if m not in held]
            where = []
            for m in outside:
                homes = sorted({g["id"] for i in m.ids for g in member_of.get(i, [])})
                where.append(f"{m.doc} {m.quote!r} -> {','.join(homes) or 'no group'}")
            if outside:
                gs.problems.append("split: " + "; ".join(where))
        if gs.verdict is None:
            gs.problems.append("no checker group holds two of its mentions")
        elif not gs.verdict_ok:
            gs.problems.append(f"verdict {gs.verdict}, expected {gs.expect} ({best.get('reason', '') if best else ''})")
        if gs.updated_note is False:
            gs.problems.append("no 'updated figure' note")
        scores.append(gs)

    unmatched = [g for g in groups if g.get("verdict") == "conflict" and not (set(g["members"]) & gold_ids)]
    return Score(scores, unmatched, errors)


def report(s: Score, audit: Mapping[str, Any]) -> list[str]:
    by_id = {a["id"]: a for a in audit.get("assertions", [])}
    lines = [f"! {e}" for e in s.errors]
    for g in s.groups:
        status = "ok" if g.whole and g.verdict_ok else "--"
        head = f"{status} {g.id:32} expect {g.expect:8} got {g.verdict or '-':17}"
        lines.append(head + ("" if status == "ok" and not g.problems else "  " + " | ".join(g.problems)))
    for g in s.unmatched_conflicts:
        texts = ", ".join(f"{by_id[m]['doc_id']} {by_id[m]['text']!r}" for m in g["members"] if m in by_id)
        lines.append(f"?? unmatched conflict {g['id']} {g.get('key', '')}: {texts}")
    lines.append(s.summary())
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gold", required=True, type=Path)
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--audit", type=Path, help="an audit.json to score instead of running checker audit")
    args = p.parse_args(argv)
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    if args.audit:
        audit = json.loads(args.audit.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            audit = json.loads(run_audit(args.corpus, Path(tmp)).read_text(encoding="utf-8"))
    s = score(gold, args.corpus, audit)
    print("\n".join(report(s, audit)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
