"""Command line: `tidings check-site SITE_DIR [options]`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .a11y import check_a11y
from .catalogs import check_catalogs
from .feeds import check_feeds
from .hreflang import check_hreflang
from .html import check_html
from .links import check_links
from .report import Result, github_report, json_report, markdown_summary, text_report
from .site import Site
from .sitemap import check_sitemap

SITE_VALIDATORS: dict[str, str] = {
    "html": "Nu HTML Checker (vnu.jar), errors only",
    "links": "lychee, offline, links and #fragments",
    "feeds": "RSS 2.0, Atom and JSON Feed 1.1 (feedparser, jsonschema, dates)",
    "sitemap": "sitemap.xml against the sitemaps.org 0.9 XSD (lxml)",
    "hreflang": "hreflang sets: absolute, reciprocal, self, x-default, same as sitemap",
    "catalogs": "PO catalogs (msgfmt, pofilter, i18nspector); only with --catalogs",
    "a11y": "axe-core in headless Chromium, serious and critical violations",
}


def parser() -> argparse.ArgumentParser:
    names = "\n".join(f"  {name:<9} {what}" for name, what in SITE_VALIDATORS.items())
    p = argparse.ArgumentParser(
        prog="tidings check-site",
        description="Run third-party validators on a built site; exit 1 on any finding.",
        epilog=f"validators:\n{names}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "site", type=Path, metavar="SITE_DIR", help="the built site (mkdocs build output)"
    )
    p.add_argument(
        "--base-url", help="public URL of the site (default: the home page's canonical link)"
    )
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=list(SITE_VALIDATORS),
        metavar="NAME",
        help="do not run this validator (repeatable)",
    )
    p.add_argument(
        "--catalogs", type=Path, metavar="DIR", help="also check every .po file under DIR"
    )
    p.add_argument(
        "--a11y-page",
        action="append",
        default=[],
        metavar="PATH",
        help="site-relative page for axe (repeatable; default: home page and one page per text direction)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    p.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="github: every finding as a workflow annotation, then the text report",
    )
    p.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help='append the results as Markdown to FILE (in CI: "$GITHUB_STEP_SUMMARY")',
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.site.is_dir():
        print(f"check-site: {args.site}: not a directory (build the site first)", file=sys.stderr)
        return 2
    if args.catalogs is not None and not args.catalogs.exists():
        print(f"check-site: {args.catalogs}: no such catalog folder", file=sys.stderr)
        return 2
    site = Site.open(args.site, args.base_url)
    runs: dict[str, Callable[[], Result]] = {
        "html": lambda: check_html(site),
        "links": lambda: check_links(site),
        "feeds": lambda: check_feeds(site),
        "sitemap": lambda: check_sitemap(site),
        "hreflang": lambda: check_hreflang(site),
        "a11y": lambda: check_a11y(site, args.a11y_page or None),
    }
    if args.catalogs is not None:
        catalogs = args.catalogs
        runs["catalogs"] = lambda: check_catalogs(catalogs)
    results = []
    for name, check in runs.items():
        if name in args.skip:
            continue
        if not args.json and args.format != "json":
            print(f"check-site: {name}: {SITE_VALIDATORS[name]} ...", file=sys.stderr, flush=True)
        result = check()
        if name != "catalogs":
            # Validators name files relative to the site; print them as the user can open them.
            result.findings = [
                dataclasses.replace(f, path=str(PurePosixPath(args.site.as_posix()) / f.path))
                for f in result.findings
            ]
        results.append(result)
    shown = "json" if args.json else args.format
    reports = {"json": json_report, "github": github_report, "text": text_report}
    print(reports[shown](results))
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(markdown_summary(results))
    return 1 if any(r.failed for r in results) else 0
