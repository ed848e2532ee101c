#!/usr/bin/env python3
"""Time the writer's loop: a one-sentence edit (story or PO entry) shown by `mkdocs serve`.

    .venv/bin/python scripts/bench_preview.py CORPUS_DIR [--languages en] [--story SLUG]

CORPUS_DIR is a site made by `scripts/bench.py --keep DIR` (its `tidings/` project). Like
`mkdocs serve`, one process keeps the plugins (and their caches) across rebuilds; each rebuild
renders only the previewed story (TIDINGS_PREVIEW) in the languages asked for
(TIDINGS_BUILD_ONLY). The script edits a copy of the project, never the corpus itself.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(project: Path, site: Path, startup: bool) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    if startup:
        config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--languages", default="en", help="TIDINGS_BUILD_ONLY (default: en)")
    parser.add_argument("--story", help="slug to preview (default: the first story)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="tidings-preview-") as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(args.corpus / "tidings", project)
        stories = sorted((project / "content" / "stories").glob("*.md"))
        slug = args.story or stories[0].stem
        os.environ["TIDINGS_PREVIEW"] = slug
        os.environ["TIDINGS_BUILD_ONLY"] = args.languages
        site = Path(scratch) / "site"
        first = build(project, site, startup=True)
        print(f"first build (cold: every story and catalog read once): {first:.2f} s")
        locale = args.languages.split(",")[0]
        po = next(
            (project / "translations" / locale / "LC_MESSAGES" / "stories").glob(f"{slug}.po")
        )
        story = project / "content" / "stories" / f"{slug}.md"
        times: dict[str, list[float]] = {"story edit": [], "PO edit": []}
        for round_ in range(args.repeat):
            marker = f"Edited{round_}"
            text = story.read_text(encoding="utf-8")
            story.write_text(
                re.sub(r"^(## .+)$", rf"\1 {marker}", text, count=1, flags=re.MULTILINE),
                encoding="utf-8",
            )
            times["story edit"].append(build(project, site, startup=False))
            assert marker in (site / "stories" / slug / "index.html").read_text(encoding="utf-8")
            text = po.read_text(encoding="utf-8")
            po.write_text(
                text.replace('msgstr "', f'msgstr "{marker} ', 2).replace(
                    f'msgstr "{marker} ', 'msgstr "', 1
                ),
                encoding="utf-8",
            )
            times["PO edit"].append(build(project, site, startup=False))
            page = (site / locale / "stories" / slug / "index.html").read_text(encoding="utf-8")
            assert marker in page, "the PO edit does not show"
        for what, values in times.items():
            print(
                f"{what}: median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f}) "
                f"for {slug} in {args.languages}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
