"""`tidings build --jobs N`: build the site with its languages spread over N processes."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tidings.cli.build_log import log_problems, said
from tidings.cli.common import project_of
from tidings.diskcache import cache_root, prune_versions
from tidings.editions.warmup import warm_editions
from tidings.errors import TidingsError
from tidings.site.shards import BUILD_ONLY, SHARD_ROLE, merge_outputs, split


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "build",
        help="build the site, languages spread over several processes",
        description="Run `mkdocs build` once per group of languages, at the same time, and merge the "
        "outputs into one site, identical to a one-process build. Uses every core by default.",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: cores)"
    )
    parser.add_argument(
        "-d", "--site-dir", type=Path, default=Path("site"), help="output folder (default: site)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on warnings, as `mkdocs build --strict`"
    )
    parser.add_argument(
        "--merge",
        nargs="+",
        type=Path,
        metavar="SHARD",
        help="do not build: merge shard outputs made elsewhere (e.g. a CI matrix) into --site-dir",
    )
    parser.add_argument(
        "--plan",
        type=int,
        metavar="N",
        help="do not build: print the language groups of N shards as JSON, one comma-separated "
        "string each (a CI matrix: TIDINGS_BUILD_ONLY=<group> mkdocs build, then --merge)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also print every warning and error as a workflow annotation (file, line)",
    )
    parser.set_defaults(func=run)


def _replace(site_dir: Path, merged: Path) -> None:
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(str(merged), str(site_dir))


def run(args: argparse.Namespace) -> int:
    if args.merge:
        with tempfile.TemporaryDirectory(prefix="tidings-merge-") as scratch:
            merged = Path(scratch) / "merged"
            groups = merge_outputs(args.merge, merged)
            _replace(args.site_dir, merged)
        print(
            f"merged {len(groups)} shards ({'; '.join(','.join(g) for g in groups)}) into {args.site_dir}"
        )
        return 0
    project = project_of(args)
    if args.plan is not None:
        if args.plan < 1:
            raise TidingsError("--plan", None, "needs at least 1 shard")
        languages = [lang.locale for lang in project.languages]
        groups = split(languages, project.source_locale, args.plan)
        print(json.dumps([",".join(group) for group in groups]))
        return 0
    if args.jobs < 1:
        raise TidingsError("--jobs", None, "needs at least 1 process")
    languages = [lang.locale for lang in project.languages]
    groups = split(languages, project.source_locale, args.jobs)
    started = time.monotonic()
    cache = cache_root(project.cache_dir, project.root)
    if cache is not None and len(groups) > 1:
        # Every shard needs every story in every language: made once, on every core.
        warm_editions(project, cache, args.jobs)
    with tempfile.TemporaryDirectory(prefix="tidings-build-") as scratch:
        outputs = [Path(scratch) / f"shard-{index}" for index in range(len(groups))]
        processes = []
        for index, (group, output) in enumerate(zip(groups, outputs, strict=True)):
            command = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                # Not `-q`: MkDocs' quiet mode raises its logger to ERROR, so --strict no longer
                # sees (counts) warnings and a broken site passes. INFO is dropped below instead.
                "-f",
                str(project.config_file),
                "-d",
                str(output),
            ]
            if args.strict:
                command.append("--strict")
            env = {**os.environ, BUILD_ONLY: ",".join(group), "NO_MKDOCS_2_WARNING": "1"}
            if index:  # the merge takes the source's pages and the shared files from the first
                env[SHARD_ROLE] = "other"
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
            )
        failed = False
        printed = []
        for group, process in zip(groups, processes, strict=True):
            out, _ = process.communicate()
            printed.append(out)
            if process.returncode != 0:
                failed = True
                print(
                    f"tidings build: shard {','.join(group)} failed:\n{said(out)}",
                    file=sys.stderr,
                    end="",
                )
            elif said(out).strip():
                print(said(out), end="")
        if args.format == "github":
            docs = project.relative(project.docs_dir)
            for problem in log_problems("\n".join(printed), docs, args.strict):
                print(problem.github())
        if failed:
            return 1
        merged = Path(scratch) / "merged"
        merge_outputs(outputs, merged, move=True)
        _replace(args.site_dir, merged)
    if cache is not None:
        prune_versions(cache)  # what an older Tidings kept is never read again
    seconds = time.monotonic() - started
    shown = "; ".join(",".join(group) for group in groups)
    print(
        f"built {len(languages)} languages in {len(groups)} processes ({shown}) into {args.site_dir} in {seconds:.1f} s"
    )
    return 0
