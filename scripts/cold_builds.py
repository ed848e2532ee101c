#!/usr/bin/env python3
"""Build the site N times with `tidings build --jobs J`, each on a cold share-card cache, and
check that every run succeeds and that all outputs are byte-identical.

    .venv/bin/python scripts/cold_builds.py [--runs 20] [--jobs 4] [--project .]

Each run gets an empty XDG_CACHE_HOME, so every shard draws the same cards into the same new
cache folder at once (the race of issue #16: `<key>.tmp` shared by shards). Output goes to a
temporary folder, never the repository. Prints one line per run and a verdict; exit 1 on any
failed run or any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def digest(site: Path) -> dict[str, str]:
    """sha256 of every file of a built site, by its path inside it."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args()
    tidings = Path(sys.executable).with_name("tidings")
    first: dict[str, str] | None = None
    failed, different, seconds = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="tidings-cold-") as scratch:
        for run in range(1, args.runs + 1):
            cache, site = Path(scratch) / f"cache-{run}", Path(scratch) / f"site-{run}"
            started = time.perf_counter()
            result = subprocess.run(
                [str(tidings), "build", "--strict", "--jobs", str(args.jobs), "-d", str(site)],
                cwd=args.project,
                env={**os.environ, "XDG_CACHE_HOME": str(cache)},
                capture_output=True,
                text=True,
                check=False,
            )
            seconds.append(time.perf_counter() - started)
            if result.returncode != 0:
                failed += 1
                print(f"run {run}: FAILED ({seconds[-1]:.1f} s)\n{result.stdout}{result.stderr}")
                continue
            cards = len(list((cache / "tidings" / "cards").glob("*.png")))
            files = digest(site)
            if first is None:
                first = files
            changed = sorted(
                name for name in set(first) | set(files) if first.get(name) != files.get(name)
            )
            different += bool(changed)
            shown = (
                f"{len(changed)} files differ: {', '.join(changed[:5])}" if changed else "identical"
            )
            print(
                f"run {run}: ok in {seconds[-1]:.1f} s, {cards} cards drawn, {len(files)} files, {shown}",
                flush=True,
            )
            if run > 1:
                shutil.rmtree(site)
    verdict = "passed" if not failed and not different else "FAILED"
    print(
        f"cold builds {verdict}: {args.runs} runs of --jobs {args.jobs}, {failed} failed, "
        f"{different} different from run 1; median {statistics.median(seconds):.1f} s"
    )
    return 0 if verdict == "passed" else 1


if __name__ == "__main__":
    sys.exit(main())
