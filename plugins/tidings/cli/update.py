"""`tidings update`: merge the POT templates into every locale's PO files, losing nothing."""

from __future__ import annotations

import argparse
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from babel.messages.catalog import Catalog

from tidings.catalogs.keeping import check_charset
from tidings.catalogs.pofile import PoEntry
from tidings.catalogs.pofile import parse as parse_po
from tidings.catalogs.progress import catalog_publishable
from tidings.catalogs.published import is_marked, mark_published
from tidings.catalogs.store import merge, write_catalog
from tidings.catalogs.uptodate import up_to_date
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
    templates: dict[str, str] = {}  # catalog name -> the template's text (read fast, checked)
    for story in loaded.stories:
        path = pot_of(project, story)
        if not path.exists():
            problems.append(Problem(story.path, 1, "no template yet: run `tidings extract` first"))
            continue
        try:
            data = path.read_bytes()
            check_charset(data, project.relative(path))
            text = data.decode("utf-8")
            parse_po(text, project.relative(path))
        except UnicodeDecodeError:
            read_if_exists(project, path)  # raises with the line and column
            raise
        except TidingsError as exc:
            problems.extend(exc.problems)
            continue
        templates[story.catalog_name] = text
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


_JOB: tuple[Project, tuple[Story, ...], dict[str, str]] | None = None
"""What every locale's worker needs, set before they fork."""


def _update_locale(locale: str) -> tuple[str, list[Problem]]:
    """Merge the templates into one locale's catalogs; return what to print and the problems."""
    assert _JOB is not None
    project, stories, templates = _JOB
    problems: list[Problem] = []
    out: list[str] = []
    existing, texts = _read_fast(project, locale, stories, templates, problems)
    memory: dict[tuple[str | None, str], str] = {}
    for _text, active, _translated in texts.values():
        for entry in active:
            if entry.msgid and entry.msgstr and not entry.fuzzy:
                memory.setdefault((entry.context, entry.msgid), entry.msgstr)
    plural_forms: str | None = None
    created = updated = 0
    for story in stories:
        if story.catalog_name not in existing:
            continue
        path = po_of(project, locale, story)
        if story.catalog_name in texts:
            text, active, translated = texts[story.catalog_name]
            fresh = up_to_date(
                text,
                templates[story.catalog_name],
                active,
                translated,
                memory,
                project.min_translated,
                is_marked(text),
            )
            if fresh:
                continue
        try:
            before = read_if_exists(project, path, locale)
        except TidingsError as exc:  # never overwrite a file we could not read
            problems.extend(exc.problems)
            continue
        existing[story.catalog_name] = before
        if before is None and plural_forms is None:
            # A new catalog takes the plural forms its locale's catalogs already have (CLDR,
            # and with it Babel's default, changed: French from nplurals=2 to 3 in Babel 2.19).
            plural_forms = _plural_forms(project, locale, stories, texts) or ""
        was = before is not None and catalog_publishable(before, project.min_translated)
        template = read_if_exists(project, pot_of(project, story))  # Babel's, to merge
        catalog = merge(before, template, locale, memory, plural_forms or None)
        if was:  # from now on a build says so if it leaves the site (catalogs/published.py)
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


def _plural_forms(
    project: Project, locale: str, stories: tuple[Story, ...], texts: Mapping[str, object]
) -> str | None:
    """The Plural-Forms header of the locale's first existing catalog."""
    for story in stories:
        if story.catalog_name in texts:
            catalog = read_if_exists(project, po_of(project, locale, story), locale)
            if catalog is not None:
                return str(catalog.plural_forms)
    return None


Texts = dict[str, tuple[str, list[PoEntry], set[tuple[str | None, str]]]]
"""Per catalog name: its PO text, its active entries, the keys it has a translation for
(obsolete entries included)."""


def _read_fast(
    project: Project,
    locale: str,
    stories: tuple[Story, ...],
    templates: Mapping[str, str],
    problems: list[Problem],
) -> tuple[dict[str, Catalog | None], Texts]:
    """The locale's catalogs to update, read with the fast reader (checked as strictly)."""
    existing: dict[str, Catalog | None] = {}
    texts: Texts = {}
    for story in stories:
        if story.catalog_name not in templates or not story.translated_into(locale):
            continue
        path = po_of(project, locale, story)
        try:
            if path.exists():  # read fast first: most files need no merge (catalogs/uptodate.py)
                shown = project.relative(path)
                data = path.read_bytes()
                check_charset(data, shown)
                text = data.decode("utf-8")
                translated = {(e.context, e.msgid) for e in parse_po(text, shown, True) if e.msgstr}
                texts[story.catalog_name] = (text, parse_po(text, shown), translated)
            existing[story.catalog_name] = None
        except UnicodeDecodeError:
            texts.pop(story.catalog_name, None)
            existing[story.catalog_name] = None  # the full read below says what is wrong
        except TidingsError as exc:  # never overwrite a file we could not read
            problems.extend(exc.problems)
            existing.pop(story.catalog_name, None)
    return existing, texts
