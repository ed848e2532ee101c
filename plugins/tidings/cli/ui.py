"""`tidings ui`: a site's own catalog of Tidings' interface strings for a locale.

For a locale Tidings does not ship, or to correct a shipped string. The site's
`translations/<locale>/LC_MESSAGES/ui.po` is looked up before Tidings' own, string by string
(see tidings/ui.py): an entry left empty or fuzzy falls through to the shipped translation.
"""

from __future__ import annotations

import argparse

from babel.messages.pofile import read_po

from tidings.catalogs.interface import read_interface
from tidings.catalogs.store import merge, write_catalog
from tidings.cli.common import project_of, read_if_exists, report
from tidings.errors import Problem, TidingsError
from tidings.ui import TEMPLATE, catalog_file, missing, ui_translations


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "ui",
        help="write a site's catalog of Tidings' interface strings for a locale",
        description="Create or update translations/<locale>/LC_MESSAGES/ui.po from Tidings' "
        "interface template. Strings Tidings already translates are offered as fuzzy "
        "suggestions (a fuzzy entry is not used: the shipped translation shows); translate "
        "the empty ones, or confirm a suggestion to override it.",
    )
    parser.add_argument("locales", nargs="+", metavar="LOCALE", help="a language of the site")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    known = [lang.locale for lang in project.languages]
    problems: list[Problem] = []
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    for locale in args.locales:
        if locale not in known:
            problems.append(
                Problem(
                    project.relative(project.config_file),
                    None,
                    f"locale '{locale}' is not a language of the site (known: {', '.join(known)})",
                )
            )
            continue
        path = catalog_file(project.translations_dir, locale)
        try:
            existing = read_if_exists(project, path, locale)
        except TidingsError as exc:  # never overwrite a file we could not read
            problems.extend(exc.problems)
            continue
        shipped = ui_translations(locale).messages
        catalog = merge(existing, template, locale, {(None, k): v for k, v in shipped.items()})
        catalog.domain = "ui"
        if write_catalog(path, catalog, project.relative(path)):
            print(f"{'updated' if existing else 'created'} {project.relative(path)}")
        interface, trouble = read_interface(project, [locale])
        problems.extend(trouble)
        left = missing(locale, interface)
        print(f"ui {locale}: {len(template)} strings, {len(left)} with no translation yet")
    return 1 if report(problems) else 0
