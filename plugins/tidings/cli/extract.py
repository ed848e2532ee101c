"""`tidings extract`: write each story's POT template from its front matter and body."""

from __future__ import annotations

import argparse

from tidings.catalogs.entries import story_entries
from tidings.catalogs.store import build_template, write_catalog
from tidings.cli.common import pot_of, project_of, report, site_channels
from tidings.cli.mv import rename_hints
from tidings.snippets.compose import budgets
from tidings.story.library import load_stories
from tidings.story.pages import translatables


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "extract",
        help="write/update the POT templates of all stories",
        description="Cut every story into translation units and write translations/stories/<slug>.pot.",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    loaded = translatables(project, load_stories(project))
    errors = report([*loaded.problems, *rename_hints(project, loaded.stories)])
    written = 0
    notes = budgets(site_channels(args))
    for story in loaded.stories:
        _units, entries = story_entries(story, notes)
        template = build_template(entries, story.path, story.slug, story.title, project.locations)
        path = pot_of(project, story)
        if write_catalog(path, template):
            written += 1
            print(f"wrote {project.relative(path)} ({len(template)} entries)")
    print(
        f"extract: {len(loaded.stories)} catalogs (stories, pages, site), {written} templates written, {len(loaded.stories) - written} unchanged"
    )
    return 1 if errors else 0
