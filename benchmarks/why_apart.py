"""Why gold mentions that belong together ended apart: the grouping keys of each pair, and what kept it apart.

    python benchmarks/why_apart.py --gold benchmarks/grouping/gold.yaml --corpus benchmarks/grouping/corpus
    python benchmarks/why_apart.py --gold G --corpus DIR --group GOLD-ID

For every gold group that ``score_grouping.py`` would not find whole, it prints where each mention went
(a checker group id, "no group", or "not extracted") and, for each pair of mentions from two documents that
ended in different places, the first hard key that keeps them apart (``keys_differ``: subject, place, time,
period, role, kind, rate, story; or two blocks) or else their similarity against the pack's threshold. Below every
pair come both mentions' keys (block, subject, measure words, place, time, period, role, kind).

Read a set's failures with it only once the set no longer serves as the held-out figure
(benchmarks/grouping/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_grouping import _spans

import checker
from checker.group import DEFAULT_THRESHOLD, Keyed
from checker.group.cluster import AVERAGE_LINK, keyed_in_stories
from checker.group.keys import one_statement
from checker.group.similarity import context_weights, keys_differ, similarity
from checker.rules import load_rules


def _keys(k: Keyed) -> str:
    fields = {"block": k.block, "subject": k.subject, "measure": " ".join(k.measure), "place": k.place,
              "time": k.time, "period": k.period, "role": k.role, "kind": k.kind}
    return ", ".join(f"{name} {value}" for name, value in fields.items() if value)


def _refusal(k1: Keyed, k2: Keyed, w1: str, w2: str, members: dict[str, list[str]], keys: dict[str, Keyed],
             weights: dict[str, float], threshold: float) -> str:
    """What kept two linked mentions' clusters apart: a figure of one document in both, a hard key between two
    members, or the clusters' mean link."""
    xs = [keys[m] for m in members.get(w1, [k1.a.id]) if m in keys]
    ys = [keys[m] for m in members.get(w2, [k2.a.id]) if m in keys]
    for x in xs:
        for y in ys:
            if x.a.doc_id == y.a.doc_id and not one_statement(x.a, y.a):
                return f"the clusters refused the merge: {x.a.doc_id} has {x.a.text!r} and {y.a.text!r}"
            if (key := keys_differ(x, y)) is not None:
                return f"the clusters refused the merge: hard key {key} between {x.a.text!r} and {y.a.text!r}"
    scored = [s for x in xs for y in ys if (s := similarity(x, y, weights)) > 0]
    mean = sum(scored) / len(scored) if scored else 0.0
    return f"the clusters refused the merge: mean link {mean:.1f} (needs {AVERAGE_LINK * threshold:g})"


def explain(gold: dict[str, Any], corpus: Path, only: str | None = None) -> list[str]:
    """The report's lines (one block per gold group not found whole)."""
    result = checker.audit([str(corpus)], use_cache=True)
    rules = load_rules([])
    options = rules.grouping_options()
    threshold = float(options.get("threshold", DEFAULT_THRESHOLD))
    texts = {d.id: d.text for d in result.documents}
    published = {d.id: d.meta.published for d in result.documents}
    keys = {k.a.id: k for k in keyed_in_stories(list(result.assertions), rules.synonyms(), options, texts, published)}
    blocks: dict[str, list[Keyed]] = defaultdict(list)
    for k in keys.values():
        blocks[k.block].append(k)
    weights = {b: context_weights(items) for b, items in blocks.items()}
    owner = {m: g.id for g in result.groups for m in g.members}
    members = {g.id: list(g.members) for g in result.groups}
    by_doc: dict[str, list[Any]] = defaultdict(list)
    for a in result.assertions:
        by_doc[a.doc_id].append(a)
    lines: list[str] = []
    for g in gold.get("groups", []):
        if only and g["id"] != only:
            continue
        placed = []  # (doc, quote, keyed mention or None, where)
        for m in g["mentions"]:
            doc = m["doc"]
            spans = _spans(texts.get(doc, ""), str(m["quote"]), m.get("context"))
            hits = [a for a in by_doc.get(doc, []) if any(a.start < e and s < a.end for s, e in spans)]
            k = next((keys[a.id] for a in hits if a.id in keys), None)
            where = "not extracted" if not hits else (owner.get(k.a.id, "no group") if k else "not keyed")
            placed.append((doc, m["quote"], k, where))
        if len({w for *_, w in placed}) == 1 and placed[0][3].startswith("G"):
            continue
        lines.append(f"== {g['id']} (expect {g.get('expect')})")
        lines.extend(f"   {doc} {quote!r} -> {where}" for doc, quote, _k, where in placed)
        for (d1, q1, k1, w1), (d2, q2, k2, w2) in combinations(placed, 2):
            if d1 == d2 or (w1 == w2 and w1.startswith("G")) or k1 is None or k2 is None:
                continue
            if k1.block != k2.block:
                why = f"blocks {k1.block} / {k2.block}"
            elif (key := keys_differ(k1, k2)) is not None:
                why = f"hard key: {key}"
            else:
                s = similarity(k1, k2, weights[k1.block])
                why = f"similarity {s:g} (threshold {threshold:g})"
                if s >= threshold:  # linked, yet each went with others first
                    why += ": " + _refusal(k1, k2, w1, w2, members, keys, weights[k1.block], threshold)
            lines.append(f"   {d1} {q1!r} | {d2} {q2!r}: {why}")
            lines.append(f"      {_keys(k1)}")
            lines.append(f"      {_keys(k2)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--group", help="only this gold group id")
    args = ap.parse_args(argv)
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    for line in explain(gold, args.corpus, args.group):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
