#!/usr/bin/env python3
"""Time `tidings update`'s merge of a story whose units were all edited: Babel's all-pairs
fuzzy matching against Tidings' trigram index (catalogs/matching.py), medians.

    .venv/bin/python scripts/bench_matching.py [--sizes 300 1000 3000] [--repeat 3]

Babel's matcher is run only up to --babel-max units (all pairs grow with the square).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from test_matching import catalogs  # the same edited corpus the test checks
from tidings.catalogs.store import merge


def timed(run: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--babel-max", type=int, default=1000)
    args = parser.parse_args()
    print("| edited units | Babel update (s) | Tidings merge (s) | ratio |")
    print("| ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        old, template = catalogs(size, seed=7)
        ours = timed(lambda o=old, t=template: merge(copy.deepcopy(o), t, "fr", {}), args.repeat)
        babel = (
            timed(lambda o=old, t=template: copy.deepcopy(o).update(copy.deepcopy(t)), args.repeat)
            if size <= args.babel_max
            else None
        )
        shown = f"{babel:.2f}" if babel is not None else "not run"
        ratio = f"{babel / ours:.0f}x" if babel is not None else "-"
        print(f"| {size} | {shown} | {ours:.2f} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
