#!/usr/bin/env python3
"""What checking translations by their rendering costs (issue "Untrusted translations").

    .venv/bin/python scripts/bench_checks.py --repeat 5 --baseline 316f025

A  the demo site, `mkdocs build`, at this checkout and at `--baseline` (a git worktree in a
   temporary folder; PYTHONPATH points the build at that tree's `plugins/`), alternating, each
   in a fresh process; medians and their ratio.
B  every translated entry of a synthetic corpus (scripts/bench_corpus.py, --stories x
   --locales), checked in a fresh process (cold caches) three ways: the pattern layer only (what
   the baseline did), the full check with the plain-text fast path, and the full check with
   every unit rendered; total seconds, microseconds per entry, share of entries on the fast path.

Results go to stdout as a Markdown table; copy them into scripts/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import make_corpus
from compare_builds import build, checkout

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

_ENTRIES = r"""
import json, sys, time
from pathlib import Path
from tidings.catalogs.store import read_translations
from tidings.catalogs.entries import story_entries
from tidings.project import load_project
from tidings.story.library import load_stories
import tidings.catalogs.checks as checks

project = load_project(Path(sys.argv[1]) / "mkdocs.yml")
mode = sys.argv[2]
work = []
for story in load_stories(project).stories:
    kinds = {e.key: e.kind for e in story_entries(story)[1]}
    for locale in project.target_locales:
        po = project.translations_dir / locale / "LC_MESSAGES" / "stories" / f"{story.slug}.po"
        for key, found in read_translations(po).items():
            if key in kinds:
                work.append((key[1], found.msgstr, kinds[key]))
if mode == "always-render":
    checks._is_plain = lambda text, setup: False
plain = sum(checks._is_plain(m, project.markdown) and checks._is_plain(s, project.markdown) for m, s, _ in work)
start = time.perf_counter()
refused = 0
for msgid, msgstr, kind in work:
    if mode == "patterns":
        refused += bool(checks._pattern_problems(msgid, msgstr))
    else:
        refused += bool(checks.check_translation(msgid, msgstr, kind, project.markdown))
print(json.dumps({"seconds": time.perf_counter() - start, "entries": len(work), "plain": plain, "refused": refused}))
"""


def build_seconds(tree: Path, out: Path) -> float:
    start = time.perf_counter()
    build(tree, out)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--baseline", default="316f025", help="commit to compare the demo build with"
    )
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--locales", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tidings-bench-checks-") as scratch:
        work = Path(scratch)
        times: dict[str, list[float]] = {"baseline": [], "this": []}
        with checkout(args.baseline, work / "baseline") as baseline:
            for round_ in range(args.repeat):
                for name, tree in (("baseline", baseline), ("this", REPO)):
                    times[name].append(build_seconds(tree, work / f"site-{name}-{round_}"))

        corpus = make_corpus(work / "corpus", args.stories, args.locales)
        results = {}
        for mode in ("patterns", "full", "always-render"):
            runs = [
                json.loads(
                    subprocess.run(
                        [PYTHON, "-c", _ENTRIES, str(corpus.tidings), mode],
                        env=ENV,
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                for _ in range(args.repeat)
            ]
            results[mode] = (statistics.median(r["seconds"] for r in runs), runs[0])

    base, this = statistics.median(times["baseline"]), statistics.median(times["this"])
    print(f"A. demo `mkdocs build`, {args.repeat} alternating runs each (s)\n")
    print("| tree | runs | median |\n| --- | --- | --- |")
    print(
        f"| {args.baseline} (pattern checks) | {', '.join(f'{t:.2f}' for t in times['baseline'])} | {base:.2f} |"
    )
    print(
        f"| this checkout (rendered checks) | {', '.join(f'{t:.2f}' for t in times['this'])} | {this:.2f} |"
    )
    print(f"\nratio this/baseline: {this / base:.3f}\n")
    entries = results["full"][1]["entries"]
    print(
        f"B. checking {entries} translated entries ({args.stories} stories x {args.locales} locales), median of {args.repeat} cold processes\n"
    )
    print("| check | seconds | µs per entry | refused |\n| --- | --- | --- | --- |")
    for mode, (seconds, sample) in results.items():
        print(f"| {mode} | {seconds:.3f} | {seconds / entries * 1e6:.0f} | {sample['refused']} |")
    print(f"\nentries on the plain-text fast path: {results['full'][1]['plain']} of {entries}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
