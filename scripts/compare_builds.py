#!/usr/bin/env python3
"""Build the demo site at another commit and at this checkout, and compare every file.

    .venv/bin/python scripts/compare_builds.py 6e1fd74      # exit 1 if any file differs

For changes that must not change the output (a refactoring): each tree is built with
`mkdocs build --strict` in a fresh process whose PYTHONPATH points at that tree's `plugins/`
(the other commit is checked out as a git worktree in a temporary folder). Prints the files
only one build has and the files whose bytes differ.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def checkout(commit: str, where: Path) -> Iterator[Path]:
    """Check `commit` out as a git worktree at `where` for the time of the block."""
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), commit],
        check=True,
        capture_output=True,
    )
    try:
        yield where
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(where)], check=False
        )


def build(tree: Path, out: Path) -> None:
    """`mkdocs build --strict` of `tree`'s demo with `tree`'s own Tidings (PYTHONPATH)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(tree / "plugins")}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",  # not with -q: MkDocs' quiet mode hides warnings from --strict
        "-d",
        str(out),
        "-f",
        str(tree / "mkdocs.yml"),
    ]
    result = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build of {tree} failed:\n{result.stderr}")


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commit", help="the commit to compare this checkout with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidings-compare-") as scratch:
        work = Path(scratch)
        with checkout(args.commit, work / "tree") as other:
            build(other, work / "before")
            build(REPO, work / "after")
        before, after = files(work / "before"), files(work / "after")
        differ = sorted(
            p
            for p in before & after
            if not filecmp.cmp(work / "before" / p, work / "after" / p, shallow=False)
        )
        for path in sorted(before - after):
            print(f"only at {args.commit}: {path}")
        for path in sorted(after - before):
            print(f"only in this checkout: {path}")
        for path in differ:
            print(f"differs: {path}")
        same = len(before & after) - len(differ)
        print(
            f"compare: {same} of {len(before | after)} files byte-identical ({args.commit} vs this checkout)"
        )
        return 1 if differ or before != after else 0


if __name__ == "__main__":
    sys.exit(main())
