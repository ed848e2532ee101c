"""`tidings new "Title"`: scaffold a story with valid front matter."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from tidings.cli.common import project_of
from tidings.errors import TidingsError
from tidings.story.schema import PLACEHOLDER, SLUG
from tidings.story.slugs import NoSlug, slug_for

TEMPLATE = """---
title: {title}
summary: "{placeholder} {summary}"
date: {date}
# A draft stays off the site; remove this line when the story is ready.
draft: true
authors: []
tags: []
# image: images/{slug}.png
# image_alt: Describe the picture for readers who cannot see it
hashtags: []
# snippet: A short text for social media (defaults to the summary)
---

{placeholder} {lead}

## {placeholder} {heading}

{placeholder} {body}
"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "new",
        help="create a story file with valid front matter",
        description="Create content/stories/<slug>.md ready to write.",
    )
    parser.add_argument("title", help="the story's headline")
    parser.add_argument(
        "--slug",
        help="URL name (a-z, 0-9, '-'); default: made from the title (Chinese as pinyin, "
        "other scripts transliterated)",
    )
    parser.add_argument(
        "--date", default=dt.date.today().isoformat(), help="publication date (default: today)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        slug = args.slug or slug_for(args.title, project.source_locale)
    except NoSlug as reason:
        raise TidingsError(
            "--slug",
            None,
            f"cannot make a URL name from this title ({reason}); "
            "choose one with --slug, e.g. --slug lantern-festival (nothing was written)",
        ) from None
    if not SLUG.match(slug):
        raise TidingsError(
            "--slug", None, f"'{slug}' is not a valid slug: use only a-z, 0-9 and '-'"
        )
    try:
        dt.date.fromisoformat(args.date)
    except ValueError:
        raise TidingsError("--date", None, f"'{args.date}' is not a date like 2026-10-12") from None
    path = project.stories_dir / f"{slug}.md"
    if path.exists():
        raise TidingsError(
            project.relative(path),
            None,
            "already exists; choose another --slug (nothing was written)",
        )
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in args.title)
    text = TEMPLATE.format(
        title=_yaml_string(args.title),
        summary="一两句话概括这篇稿件。"
        if chinese
        else "One or two sentences that sum up the story.",
        date=args.date,
        slug=slug,
        placeholder=PLACEHOLDER,
        lead="导语：谁、何时、何地、做了什么。"
        if chinese
        else "Lead paragraph: who, when, where, what.",
        heading="小标题" if chinese else "A subheading",
        body="正文。" if chinese else "Body text.",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"created {project.relative(path)}")
    return 0


def _yaml_string(text: str) -> str:
    if re.search(r"[:#\[\]{}&*!|>'\"%@`,]|^\s|\s$|^[-?]", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text
