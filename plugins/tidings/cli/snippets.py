"""`tidings snippets PATH`: preview a story's social snippets with their counts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tidings.cli.common import project_of, report, site_channels
from tidings.editions.cache import EditionCache
from tidings.errors import TidingsError
from tidings.site.urls import Urls
from tidings.snippets.channels import channels_for_locale
from tidings.snippets.compose import compose
from tidings.story.library import read_story


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "snippets",
        help="preview a story's snippets per locale and channel, with counts",
        description="Compose the social snippets of one story as the site build does, and show each "
        "with its length and its channel's limit. Exit 1 if any does not fit.",
    )
    parser.add_argument(
        "path", type=Path, metavar="PATH", help="the story file (content/stories/<slug>.md)"
    )
    parser.add_argument("-l", "--locale", action="append", help="only this locale (repeatable)")
    parser.add_argument(
        "-c", "--channel", action="append", help="only this channel id (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    options = project.snippets_options
    where = project.relative(project.config_file)
    channels = site_channels(args)
    mapping = options.get("locales")
    story = read_story(args.path, project)  # reports the story's own mistakes with their lines
    for cid in args.channel or ():
        if cid not in channels:
            raise TidingsError(
                where, None, f"unknown channel '{cid}' (known: {', '.join(channels)})"
            )
    locales = args.locale or [lang.locale for lang in project.languages]
    editions, _others = EditionCache().editions(project, locales)
    by_locale = editions.get(story.slug, {})
    problems = [warning for edition in by_locale.values() for warning in edition.warnings]
    urls = Urls(project.site_url, project.source_locale)
    rows = []
    for locale in locales:
        edition = by_locale.get(locale)
        if edition is None:
            raise TidingsError(
                where,
                None,
                f"locale '{locale}' is not a language of the site or the story skips it",
            )
        for cid in channels_for_locale(mapping, locale):
            if cid not in channels or (args.channel and cid not in args.channel):
                continue
            snippet, found = compose(
                edition, channels[cid], urls.absolute(project.story_uri(story.slug), locale)
            )
            problems += found
            rows.append(
                {
                    "locale": locale,
                    "channel": cid,
                    "published": edition.published,
                    "text": snippet.text,
                    "length": snippet.measure.length,
                    "limit": snippet.measure.limit,
                    "counter": snippet.measure.counter,
                    "fits": snippet.post.fits,
                    "truncated": snippet.post.truncated,
                    "source": snippet.source,
                }
            )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            state = "fits" if row["fits"] else "DOES NOT FIT"
            extra = ", shortened" if row["truncated"] else ""
            draft = "" if row["published"] else " (not published in this locale)"
            print(
                f"== {row['locale']} · {row['channel']}: {row['length']} / {row['limit']} {row['counter']} ({state}{extra}){draft}"
            )
            print(row["text"])
            print()
    errors = report(problems)
    return 1 if errors or any(not row["fits"] for row in rows) else 0
