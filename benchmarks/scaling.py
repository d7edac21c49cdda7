"""Time per word of a cold and a warm audit (and of raw ``nlp.pipe``) from 50k to 400k words.

    python benchmarks/scaling.py                         # 50k 100k 200k 400k, local engine
    python benchmarks/scaling.py --sizes 50000 100000 --no-raw

Target: cold time per word within ±25 % of its mean across sizes. Each size gets
a fresh corpus and an empty cache; everything runs in this one process.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_vs_spacy import measure
from corpus import SOURCES, summary

from checker.extract import load_model, model_id

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000, 400_000])
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--model", default=None)
    ap.add_argument("--sources", default=",".join(SOURCES), help="Corpus sources (default: all of them).")
    ap.add_argument("--no-raw", action="store_true", help="Skip the raw spaCy baseline (halves the run time).")
    args = ap.parse_args()
    sources = args.sources.split(",")
    print(f"source text: {summary(sources)}; model {model_id(load_model(args.model))}; engine {args.engine}")
    head = f"{'words':>9} {'docs':>5} {'cold s':>7} {'warm s':>7} {'raw s':>7} {'cold µs/w':>10} {'warm µs/w':>10}"
    print(head + f" {'raw µs/w':>9} {'cold/raw':>8}  cold split")
    rows = []
    for n in args.sizes:
        r = measure(n, args.engine, args.model, raw=not args.no_raw, sources=sources)
        per = r.cold / r.words * 1e6
        rows.append(per)
        raw_s = f"{r.raw:7.1f}" if r.raw is not None else "      -"
        raw_pw = f"{r.raw / r.words * 1e6:9.0f}" if r.raw is not None else "        -"
        ratio = f"{r.cold / r.raw:8.2f}" if r.raw is not None else "       -"
        print(f"{r.words:9,} {r.docs:5} {r.cold:7.1f} {r.warm:7.1f} {raw_s} {per:10.0f} "
              f"{r.warm / r.words * 1e6:10.1f} {raw_pw} {ratio}  {r.cold_split}", flush=True)  # fmt: skip
    mean = sum(rows) / len(rows)
    spread = max(abs(p / mean - 1) for p in rows)
    print(f"cold time per word: mean {mean:.0f} µs, largest deviation {spread:+.0%} (target within ±25 %)")
