#!/usr/bin/env python3
"""Time the site workflow's job here, cold and warm, by running its own `run:` steps.

    .venv/bin/python scripts/bench_ci.py [--workflow .github/workflows/site.yml] [--job build]

GitHub's runner cannot run here (no Docker, no `act`), so this runs what the job runs, in the
order the YAML gives, in a clean copy of the repository with a new virtualenv standing in for
the container's Python (scripts/workflow_steps.py):

- **cold**: an empty pip cache, no npm validators, an empty share-card cache: the first run
  of a fork;
- **warm**: a new clean copy and a new virtualenv again (each job starts from a fresh
  container), but the three folders the workflow caches (`actions/cache`) are restored from
  the cold run: pip's cache, scripts/validators/node_modules and ~/.cache/tidings/cards.

Not included: starting the container and installing Debian packages (present on this machine
in both runs; on GitHub `apt-get install` of Chromium, Java and the fonts takes minutes),
checkout and cache transfer. Prints the seconds of each step, cold and warm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workflow_steps import EXPRESSIONS, PULL_REQUEST, ROOT, WORKFLOW, Runner, clean_copy, steps_of


def run_job(
    scratch: Path, name: str, workflow: Path, job: str, caches: Path, modules: Path | None
) -> list[tuple[str, float, int]]:
    checkout = clean_copy(scratch / f"{name}-repo", validators=False)
    if modules is not None:  # actions/cache restores node_modules
        shutil.copytree(
            modules, checkout / "scripts" / "validators" / "node_modules", symlinks=True
        )
    venv = scratch / f"{name}-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (scratch / f"{name}-runner").mkdir(exist_ok=True)
    runner = Runner(checkout, scratch / f"{name}-runner", PULL_REQUEST, workflow, venv / "bin")
    runner.env.update(
        PIP_CACHE_DIR=str(caches / "pip"),
        XDG_CACHE_HOME=str(caches / "xdg"),
        VIRTUAL_ENV=str(venv),
    )
    times = []
    for step in steps_of(workflow, job):
        if "run" not in step:
            continue
        started = time.perf_counter()
        result = runner.run(step, EXPRESSIONS)
        seconds = time.perf_counter() - started
        times.append((str(step["name"]), seconds, result.returncode))
        print(f"{name}: {step['name']}: {seconds:.1f} s (exit {result.returncode})", flush=True)
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:])
            break
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workflow", type=Path, default=WORKFLOW)
    parser.add_argument("--job", default="build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidings-ci-") as folder:
        scratch = Path(folder)
        caches = scratch / "caches"
        cold = run_job(scratch, "cold", args.workflow, args.job, caches, None)
        modules = scratch / "cold-repo" / "scripts" / "validators" / "node_modules"
        warm = run_job(scratch, "warm", args.workflow, args.job, caches, modules)
    print("\n| step | cold s | warm s |\n| --- | ---: | ---: |")
    for (name, cold_s, _), (_, warm_s, _) in zip(cold, warm, strict=False):
        print(f"| {name} | {cold_s:.1f} | {warm_s:.1f} |")
    total_cold = sum(s for _, s, _ in cold)
    total_warm = sum(s for _, s, _ in warm)
    print(f"| **all run steps** | **{total_cold:.1f}** | **{total_warm:.1f}** |")
    failed = [name for name, _, code in cold + warm if code != 0]
    print(f"(repository at {ROOT})" if not failed else f"FAILED steps: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
