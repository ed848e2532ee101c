"""`tidings status`: what is translated, fuzzy and left per locale and story, and what publishes."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tidings.catalogs.entries import Entry, story_entries
from tidings.catalogs.progress import measure
from tidings.catalogs.store import read_translations
from tidings.cli.common import (
    add_locale_option,
    build_cache,
    locales_of,
    pair_key,
    po_of,
    project_of,
    report,
)
from tidings.diskcache import Memo
from tidings.errors import Problem, TidingsError
from tidings.story.library import load_stories
from tidings.story.pages import translatables
from tidings.story.schema import Story


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "status",
        help="report translation progress per locale and story",
        description="Count translated, fuzzy and untranslated units and words per locale and story, "
        "and say which stories would be published in each locale.",
    )
    add_locale_option(parser)
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="print Markdown tables (per locale, then per story), e.g. for a CI job summary",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    loaded = translatables(project, load_stories(project))
    problems: list[Problem] = list(loaded.problems)
    rows = []
    # A row is a function of the story's bytes and its PO's: made again only when they change.
    memo = Memo(build_cache(project), "status", project.settings_key)
    entries: dict[int, list[Entry]] = {}
    for locale in locales_of(args, project):
        for story in loaded.stories:
            path = po_of(project, locale, story)
            if not story.translated_into(locale):
                rows.append(_left_out(locale, story, "the story's `translate` leaves it out"))
                continue
            key = pair_key(memo.disk, project, story, locale, path)
            if (row := memo.get(key)) is not None:
                rows.append(row)
                continue
            try:
                found = (
                    read_translations(path, project.relative(path), project.translations_dir)
                    if path.exists()
                    else {}
                )
            except TidingsError as exc:
                problems.extend(exc.problems)
                found = {}
                key = None  # not remembered: the next run must say it again
            if id(story) not in entries:  # segmented once, and only when a row is made
                entries[id(story)] = story_entries(story)[1]
            progress = measure(entries[id(story)], found, project.markdown)
            rows.append(
                {
                    "locale": locale,
                    "story": story.catalog_name if story.catalog else story.slug,
                    "units": progress.total,
                    "translated": progress.translated,
                    "fuzzy": progress.fuzzy,
                    "untranslated": progress.untranslated,
                    "failed_checks": progress.failed,
                    "words": progress.words,
                    "translated_words": progress.translated_words,
                    "updated": progress.updated,
                    "published": progress.publishable(project.min_translated) and not story.draft,
                    "reason": "not published: a draft"
                    if story.draft
                    else progress.reason(project.relative(path), project.min_translated),
                }
            )
            memo.put(key, rows[-1])
    memo.save()
    if args.markdown:
        print(markdown(rows, project.min_translated))
    elif args.json:
        print(
            json.dumps(
                {
                    "min_translated": project.min_translated,
                    "stories": rows,
                    "locales": totals(rows),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        header = f"{'locale':<8} {'story':<32} {'units':>11} {'fuzzy':>5} {'left':>5} {'failed':>6} {'words':>11}  published"
        print(header)
        for row in rows:
            units = f"{row['translated']}/{row['units']}"
            words = f"{row['translated_words']}/{row['words']}"
            print(
                f"{row['locale']:<8} {row['story']:<32} {units:>11} {row['fuzzy']:>5} {row['untranslated']:>5} "
                f"{row['failed_checks']:>6} {words:>11}  {'yes' if row['published'] else 'no'}"
            )
            if row["reason"] != "published":
                print(f"{'':<8} {'':<32} {row['reason']}")
        print()
        for locale, total in totals(rows).items():
            print(
                f"{locale:<8} {total['published']} of {total['stories']} published, "
                f"{total['translated']}/{total['units']} units, {total['updated']} updated in the source"
            )
        published = sum(1 for row in rows if row["published"])
        print(
            f"{published} of {len(rows)} story translations publish (min_translated: {project.min_translated:.0%})"
        )
    return 1 if report(problems) else 0


def _left_out(locale: str, story: Story, why: str) -> dict[str, Any]:
    return {
        "locale": locale,
        "story": story.catalog_name if story.catalog else story.slug,
        "units": 0,
        "translated": 0,
        "fuzzy": 0,
        "untranslated": 0,
        "failed_checks": 0,
        "words": 0,
        "translated_words": 0,
        "updated": 0,
        "published": False,
        "reason": f"not published: {why}",
    }


def totals(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per locale: stories published of those meant for it, and units."""
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        total = found.setdefault(
            row["locale"],
            {"stories": 0, "published": 0, "units": 0, "translated": 0, "updated": 0},
        )
        total["stories"] += 1
        total["published"] += row["published"]
        for key in ("units", "translated", "updated"):
            total[key] += row[key]
    return found


def markdown(rows: list[dict[str, Any]], min_translated: float) -> str:
    """Progress per locale (what publishes, units and words translated), then per story."""
    lines = [
        f"### Translations (publish at {min_translated:.0%} of units)",
        "",
        "| locale | publishes | units | words | fuzzy | failed checks |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for locale in dict.fromkeys(row["locale"] for row in rows):
        mine = [row for row in rows if row["locale"] == locale]
        units = sum(row["units"] for row in mine)
        words = sum(row["words"] for row in mine)
        done = sum(row["translated"] for row in mine)
        done_words = sum(row["translated_words"] for row in mine)
        lines.append(
            f"| {locale} | {sum(row['published'] for row in mine)} of {len(mine)} "
            f"| {done}/{units} ({_share(done, units)}) | {done_words}/{words} ({_share(done_words, words)}) "
            f"| {sum(row['fuzzy'] for row in mine)} | {sum(row['failed_checks'] for row in mine)} |"
        )
    lines += ["", "<details><summary>Per story</summary>", ""]
    lines += [
        "| locale | story | units | fuzzy | left | failed | words | publishes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {row['locale']} | {row['story']} | {row['translated']}/{row['units']} | {row['fuzzy']} "
        f"| {row['untranslated']} | {row['failed_checks']} | {row['translated_words']}/{row['words']} "
        f"| {'yes' if row['published'] else 'no'} |"
        for row in rows
    ]
    return "\n".join([*lines, "", "</details>", ""])  # ends a block: a summary may follow


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"
