"""`tidings update`: merge the POT templates into every locale's PO files, losing nothing."""

from __future__ import annotations

import argparse
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from babel.messages.catalog import Catalog

from tidings.catalogs.progress import catalog_publishable
from tidings.catalogs.store import mark_published, memory_of, merge, write_catalog
from tidings.cli.common import (
    add_locale_option,
    locales_of,
    po_of,
    pot_of,
    project_of,
    read_if_exists,
    report,
)
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.story.library import load_stories
from tidings.story.pages import translatables
from tidings.story.schema import Story


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "update",
        help="merge templates into the PO files of each locale",
        description="Create or update translations/<locale>/LC_MESSAGES/stories/<slug>.po from the templates. "
        "Changed source text becomes fuzzy, removed entries stay as obsolete (#~), and translations "
        "from other stories of the same locale are offered as fuzzy suggestions.",
    )
    add_locale_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    loaded = translatables(project, load_stories(project))
    problems: list[Problem] = list(loaded.problems)
    templates: dict[str, Catalog] = {}
    for story in loaded.stories:
        try:
            template = read_if_exists(project, pot_of(project, story))
        except TidingsError as exc:
            problems.extend(exc.problems)
            continue
        if template is None:
            problems.append(Problem(story.path, 1, "no template yet: run `tidings extract` first"))
            continue
        templates[story.catalog_name] = template
    locales = locales_of(args, project)
    global _JOB
    _JOB = (project, loaded.stories, templates)
    workers = min(len(locales), os.cpu_count() or 1)
    # Each locale is independent (its memory is its own catalogs). The workers inherit the
    # loaded stories by forking; where there is no fork (Windows), one process does it all.
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = list(pool.map(_update_locale, locales))
    else:
        results = [_update_locale(locale) for locale in locales]
    for printed, found in results:
        print(printed, end="")
        problems.extend(found)
    return 1 if report(problems) else 0


_JOB: tuple[Project, tuple[Story, ...], dict[str, Catalog]] | None = None
"""What every locale's worker needs, set before they fork."""


def _update_locale(locale: str) -> tuple[str, list[Problem]]:
    """Merge the templates into one locale's catalogs; return what to print and the problems."""
    assert _JOB is not None
    project, stories, templates = _JOB
    problems: list[Problem] = []
    out: list[str] = []
    existing: dict[str, Catalog | None] = {}
    for story in stories:
        if story.catalog_name not in templates or not story.translated_into(locale):
            continue
        try:
            existing[story.catalog_name] = read_if_exists(
                project, po_of(project, locale, story), locale
            )
        except TidingsError as exc:  # never overwrite a file we could not read
            problems.extend(exc.problems)
    memory = memory_of(c for c in existing.values() if c is not None)
    # A new catalog takes the plural forms its locale's catalogs already have (CLDR and
    # with it Babel's default changed, e.g. French from nplurals=2 to 3 in Babel 2.19).
    plural_forms = next((c.plural_forms for c in existing.values() if c is not None), None)
    created = updated = 0
    for story in stories:
        if story.catalog_name not in existing:
            continue
        before = existing[story.catalog_name]
        was = before is not None and catalog_publishable(before, project.min_translated)
        catalog = merge(before, templates[story.catalog_name], locale, memory, plural_forms)
        path = po_of(project, locale, story)
        if was:  # from now on a build says so if it leaves the site (store.PUBLISHED)
            mark_published(catalog)
            if not catalog_publishable(catalog, project.min_translated) and not story.draft:
                problems.append(
                    Problem(
                        project.relative(path),
                        None,
                        f"{story.catalog_name} was published in {locale} and no longer is after this "
                        "source edit: translate the new text (`tidings status` says what is left)",
                        "warning",
                    )
                )
        try:
            written = write_catalog(path, catalog, project.relative(path))
        except TidingsError as exc:  # it would lose a translation: nothing is written
            problems.extend(exc.problems)
            continue
        if written:
            created += existing[story.catalog_name] is None
            updated += existing[story.catalog_name] is not None
            out.append(
                f"{'created' if existing[story.catalog_name] is None else 'updated'} {project.relative(path)}"
            )
    out.append(
        f"update {locale}: {created} created, {updated} updated, {len(existing) - created - updated} unchanged"
    )
    return "".join(line + "\n" for line in out), problems
