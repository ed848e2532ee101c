"""`tidings prefill -l zh-Hant`: fill empty Chinese entries from the other script with OpenCC."""

from __future__ import annotations

import argparse
import datetime as dt

import opencc

from tidings.catalogs.store import write_catalog
from tidings.cli.common import po_of, project_of, read_if_exists, report
from tidings.errors import Problem, TidingsError
from tidings.story.library import load_stories

# Which OpenCC conversion makes each script from the other; Traditional uses Taiwan phrasing.
SCRIPTS = {"zh-Hant": ("zh-Hans", "s2twp"), "zh-Hans": ("zh-Hant", "tw2sp")}
SIMPLIFIED_SOURCES = ("zh", "zh-Hans", "zh-CN", "zh-SG")
TRADITIONAL_SOURCES = ("zh-Hant", "zh-TW", "zh-HK")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "prefill",
        help="pre-fill zh-Hant from zh-Hans (or back) with OpenCC, marked fuzzy",
        description="Fill EMPTY entries of one Chinese script from the other script with OpenCC. "
        "Filled entries are marked fuzzy for a translator to review; nothing translated is touched.",
    )
    parser.add_argument(
        "-l", "--locale", required=True, choices=sorted(SCRIPTS), help="the script to fill"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    if args.locale not in project.target_locales:
        raise TidingsError(
            project.relative(project.config_file),
            None,
            f"'{args.locale}' is not a target language of the site",
        )
    other, conversion = SCRIPTS[args.locale]
    source = project.source_locale
    from_source = source in (SIMPLIFIED_SOURCES if other == "zh-Hans" else TRADITIONAL_SOURCES)
    if not from_source and other not in project.target_locales:
        raise TidingsError(
            project.relative(project.config_file),
            None,
            f"nothing to convert from: the source is '{source}' and '{other}' is not a target",
        )
    converter = opencc.OpenCC(f"{conversion}.json")
    loaded = load_stories(project)
    problems: list[Problem] = list(loaded.problems)
    filled_total = 0
    for story in loaded.stories:
        if not story.translated_into(args.locale):
            continue
        try:
            catalog = read_if_exists(project, po_of(project, args.locale, story), args.locale)
            donor = (
                None
                if from_source
                else read_if_exists(project, po_of(project, other, story), other)
            )
        except TidingsError as exc:
            problems.extend(exc.problems)
            continue
        if catalog is None:
            problems.append(
                Problem(
                    story.path,
                    1,
                    f"no {args.locale} catalog yet: run `tidings update -l {args.locale}`",
                    "warning",
                )
            )
            continue
        filled = 0
        for message in catalog:
            if not message.id or message.string:
                continue
            if from_source:
                text = str(message.id)
            else:
                found = (
                    donor.get(message.id, context=message.context) if donor is not None else None
                )
                if found is None or not found.string or found.fuzzy:
                    continue
                text = str(found.string)
            message.string = converter.convert(text)
            message.flags.add("fuzzy")
            filled += 1
        if filled:
            path = po_of(project, args.locale, story)
            catalog.revision_date = dt.datetime.now(dt.UTC)  # translations changed
            try:
                write_catalog(path, catalog, project.relative(path))
            except TidingsError as exc:  # it would lose a translation: nothing is written
                problems.extend(exc.problems)
                continue
            print(f"filled {filled} entries in {project.relative(path)} (marked fuzzy)")
            filled_total += filled
    print(
        f"prefill {args.locale}: {filled_total} entries filled from {'the source' if from_source else other}"
    )
    return 1 if report(problems) else 0
