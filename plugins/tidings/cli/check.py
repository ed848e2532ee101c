"""`tidings check`: validate stories and catalogs; every finding is `path:line: message`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tidings.catalogs.checks import check_translation
from tidings.catalogs.entries import story_entries
from tidings.catalogs.interface import read_interface
from tidings.catalogs.store import read_catalog, read_translations
from tidings.cli.common import build_cache, pair_key, pot_of, project_of, report, site_channels
from tidings.cli.mv import rename_hints
from tidings.confine import leaves
from tidings.diskcache import DiskCache, Memo
from tidings.editions.anchors import story_links
from tidings.editions.cache import EditionCache
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.site.urls import Urls
from tidings.snippets.channels import Channel
from tidings.snippets.compose import compose
from tidings.story.library import load_stories, story_file_problems, story_files
from tidings.story.pages import pages_and_site
from tidings.story.schema import Story


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "check",
        help="validate front matter and catalogs (exit 1 on errors)",
        description="Check every story's front matter and every PO file: syntax, and each translation's "
        "links, inline code, images, footnote references, attribute lists and HTML against its source.",
    )
    parser.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: workflow annotations"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="warnings fail too (a stale template, a catalog without a story), as in CI",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    # A catalog's findings and the stories' editions are remembered by the files' bytes.
    memo = Memo(build_cache(project), "check", project.settings_key)
    loaded = load_stories(project)
    problems: list[Problem] = list(loaded.problems)
    by_slug = {story.slug: story for story in loaded.stories}
    problems.extend(_links_out(project))
    for story in loaded.stories:
        problems.extend(story_file_problems(project, story))
    problems.extend(story_links(project, loaded.stories))
    problems.extend(_stale_templates(project, loaded.stories, memo))
    problems.extend(rename_hints(project, loaded.stories))
    # A story that could not be read still owns its catalogs: no "no story" warning for them.
    unreadable = {path.stem for path in story_files(project)} - {
        s.path.rsplit("/", 1)[-1][:-3] for s in loaded.stories
    }
    for path in sorted(project.translations_dir.glob("*/LC_MESSAGES/stories/*.po")):
        if path.stem in unreadable and path.stem not in by_slug:
            continue
        problems.extend(_check_catalog(project, path, by_slug.get(path.stem), memo))
    others = pages_and_site(project)
    problems.extend(others.problems)
    problems.extend(_stale_templates(project, others.stories, memo))
    by_name = {page.catalog_name: page for page in others.stories}
    checked = len(list(project.translations_dir.glob("*/LC_MESSAGES/stories/*.po")))
    for path in sorted(project.translations_dir.glob("*/LC_MESSAGES/**/*.po")):
        name = path.as_posix().split("/LC_MESSAGES/", 1)[1][:-3]
        if name.startswith("stories/") or name == "ui":
            continue  # stories above; ui.po is the interface (tidings ui), below
        checked += 1
        problems.extend(_check_catalog(project, path, by_name.get(name), memo))
    interface = sorted(project.translations_dir.glob("*/LC_MESSAGES/ui.po"))
    checked += len(interface)
    problems.extend(read_interface(project, [p.parents[1].name for p in interface])[1])
    problems.extend(_check_snippets(project, site_channels(args), memo.disk))
    memo.save()
    errors = report(problems, args.format, args.strict)
    warnings = len(problems) - errors
    print(
        f"check: {len(loaded.stories)} stories, {checked} catalogs: {errors} errors, {warnings} warnings"
        + (" (--strict: warnings fail)" if args.strict and warnings else "")
    )
    return 1 if errors or (args.strict and warnings) else 0


def _links_out(project: Project) -> list[Problem]:
    """Symbolic links under docs_dir that lead out of it (stories report their own)."""
    stories = set(story_files(project))
    return [
        Problem(
            project.relative(path),
            None,
            f"refused: a symbolic link to a file outside {project.docs_dir.name}/; it is not published",
        )
        for path in sorted(project.docs_dir.rglob("*"))
        if path.is_symlink() and path not in stories and leaves(path, project.docs_dir)
    ]


def _stale_templates(
    project: Project, stories: Sequence[Story], memo: Memo | None = None
) -> list[Problem]:
    """A template that is not what `tidings extract` would write now: translators would be
    working on old text (a warning; `--strict`, as in CI, makes it fail)."""
    problems = []
    for story in stories:
        path = pot_of(project, story)
        key = pair_key(memo.disk, project, story, "template", path) if memo else None
        if memo is not None and (known := memo.get(key)) is not None:
            problems.extend(known)
            continue
        before = len(problems)
        problems.extend(_stale_template(project, story, path))
        if memo is not None:
            memo.put(key, problems[before:])
    return problems


def _stale_template(project: Project, story: Story, path: Path) -> list[Problem]:
    shown = project.relative(path)
    if not path.exists():
        return [
            Problem(shown, None, f"no template for {story.path}: run `tidings extract`", "warning")
        ]
    try:
        template = read_catalog(path, shown, None, project.translations_dir)
    except TidingsError as exc:
        return list(exc.problems)
    written = {(m.context, m.id) for m in template if m.id}
    current = {entry.key for entry in story_entries(story)[1]}
    if written == current:
        return []
    new, gone = len(current - written), len(written - current)
    return [
        Problem(
            shown,
            None,
            f"out of date with {story.path} ({new} new, {gone} removed entries): "
            "run `tidings extract` and `tidings update`",
            "warning",
        )
    ]


def _check_catalog(
    project: Project, path: Path, story: Story | None, memo: Memo | None = None
) -> list[Problem]:
    """A catalog's translations against its story; remembered by both files' bytes."""
    key = None
    if story is not None and memo is not None:
        key = pair_key(memo.disk, project, story, path.parents[1].name, path)
        if (known := memo.get(key)) is not None:
            return list(known)
    found = _judge_catalog(project, path, story)
    if memo is not None:
        memo.put(key, found)
    return found


def _judge_catalog(project: Project, path: Path, story: Story | None) -> list[Problem]:
    shown = project.relative(path)
    try:
        catalog = read_translations(path, shown, project.translations_dir)
    except TidingsError as exc:
        return list(exc.problems)
    if story is None:
        where = (
            f"story '{path.stem}' in {project.relative(project.stories_dir)}/"
            if path.parent.name == "stories"
            else f"page or site text in {project.relative(project.docs_dir)}/ or mkdocs.yml"
        )
        return [Problem(shown, None, f"no {where} for this catalog", "warning")]
    problems = []
    current = {entry.key: entry.kind for entry in story_entries(story)[1]}
    for (context, msgid), found in catalog.items():
        line = found.line
        kind = current.get((context, msgid)) or context or "paragraph"
        for problem in check_translation(msgid, found.msgstr, kind, project.markdown):
            problems.append(Problem(shown, line, f"translation {problem}"))
        if (context, msgid) not in current and not found.fuzzy:
            problems.append(
                Problem(
                    shown,
                    line,
                    "entry is not in the story any more: run `tidings extract` and `tidings update`",
                    "warning",
                )
            )
    return problems


def _check_snippets(
    project: Project, channels: dict[str, Channel], disk: DiskCache
) -> list[Problem]:
    """Every channel text a writer or translator gave must fit its channel as it is."""
    problems: list[Problem] = []
    cache = EditionCache(disk=disk)
    editions, _ = cache.editions(project, [lang.locale for lang in project.languages])
    urls = Urls(project.site_url or "https://example.org/", project.source_locale)
    for slug, by_locale in editions.items():
        for locale, edition in by_locale.items():
            for cid in edition.snippets:
                if cid not in channels:
                    if locale == project.source_locale:
                        problems.append(
                            Problem(
                                edition.story.path,
                                edition.story.line_of(f"snippets.{cid}"),
                                f"unknown channel '{cid}' in snippets (known: {', '.join(channels)})",
                                "warning",
                            )
                        )
                    continue
                _snippet, found = compose(
                    edition, channels[cid], urls.absolute(project.story_uri(slug), locale)
                )
                problems.extend(p for p in found if "does not fit" in p.message)
    return problems
