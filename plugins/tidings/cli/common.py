"""Plumbing shared by the subcommands: loading the project, reporting problems."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tidings.catalogs.store import catalog_path, read_catalog, template_path
from tidings.diskcache import DiskCache, cache_root, digest
from tidings.errors import Problem, TidingsError
from tidings.project import Project, load_project
from tidings.snippets.channels import Channel, load_channels
from tidings.story.schema import Story


def project_of(args: argparse.Namespace) -> Project:
    return load_project(getattr(args, "config_file", "mkdocs.yml"))


def locales_of(args: argparse.Namespace, project: Project) -> tuple[str, ...]:
    """Return the locales asked for with -l (checked against the site), or all targets."""
    asked = tuple(getattr(args, "locale", None) or ())
    for locale in asked:
        if locale not in project.target_locales:
            known = ", ".join(project.target_locales)
            raise TidingsError(
                project.relative(project.config_file),
                None,
                f"locale '{locale}' is not a target language of the site (known: {known})",
            )
    return asked or project.target_locales


def add_locale_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-l",
        "--locale",
        action="append",
        metavar="LOCALE",
        help="only this locale (repeatable; default: all targets)",
    )


def report(problems: Iterable[Problem], fmt: str = "text", strict: bool = False) -> int:
    """Print problems one per line on stderr (annotations on stdout); return the number of
    errors. With `strict` a warning is annotated as an error (it fails the run)."""
    errors = 0
    for problem in problems:
        print(
            problem.github(strict) if fmt == "github" else str(problem),
            file=sys.stderr if fmt == "text" else sys.stdout,
        )
        errors += problem.severity == "error"
    return errors


def pot_of(project: Project, story: Story) -> Path:
    return template_path(project.translations_dir, story.slug, story.catalog)


def po_of(project: Project, locale: str, story: Story) -> Path:
    return catalog_path(project.translations_dir, locale, story.slug, story.catalog)


def read_if_exists(project: Project, path: Path, locale: str | None = None):  # type: ignore[no-untyped-def]
    """Return the catalog at `path`, or None when there is none yet."""
    if not path.exists():
        return None
    return read_catalog(path, project.relative(path), locale, project.translations_dir)


def site_channels(args: argparse.Namespace) -> dict[str, Channel]:
    """The channel table: built in, with the overrides of mkdocs.yml when there is one."""
    path = Path(getattr(args, "config_file", "mkdocs.yml"))
    if not path.exists():
        return load_channels(None)
    project = load_project(path)
    return load_channels(project.snippets_options.get("channels") or None, project.relative(path))


def build_cache(project: Project) -> DiskCache:
    """The site's build cache (`cache_dir`, `TIDINGS_CACHE`), which commands share with builds."""
    return DiskCache(cache_root(project.cache_dir, project.root))


def pair_key(disk: DiskCache, project: Project, story: Story, locale: str, po: Path) -> str | None:
    """What a story's catalog in a locale is judged from: the story's bytes and the PO's."""
    if not disk.enabled:
        return None
    story_file = project.root / story.path
    source, translated = disk.file_digest(story_file), disk.file_digest(po)
    # Where each really lives too: a link that leads out of the project is refused.
    files = [str(story_file), os.path.realpath(story_file), str(po), os.path.realpath(po)]
    return digest(locale, source or "-", translated or "-", *files)
