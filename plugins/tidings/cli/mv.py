"""`tidings mv OLD NEW`: rename a story, keep every translation, and redirect its old address.

A story's catalogs are named by its slug, so a rename by hand (`git mv a.md b.md`, or a new
`slug:`) leaves every translation behind under the old name and the old URLs dead. This
command does the whole rename, before or after the file was moved: the story file (or its
`slug:` line), the template, the PO file of every locale, and `redirect_from: [OLD]` in the
front matter, from which the build writes a redirect page at the old address in every
language. Everything is checked first; if anything would be overwritten or lost, nothing is
changed. Then the catalogs are brought up to date as `tidings extract` and `update` would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from tidings.catalogs.keeping import lost_translations
from tidings.catalogs.store import read_translations
from tidings.cli.common import project_of, report
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.story.library import load_stories
from tidings.story.schema import SLUG, Story, parse_story, split_front_matter


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "mv",
        help="rename a story, keeping its translations and redirecting its old address",
        description="Rename the story OLD to NEW: its file (or `slug:`), its template and the PO "
        "file of every locale, and add `redirect_from: [OLD]` so that the old address of every "
        "language redirects to the new one. Also after a `git mv` of the file.",
    )
    parser.add_argument("old", help="the story's slug before the rename")
    parser.add_argument("new", help="its new slug")
    parser.set_defaults(func=run)


def _slug(word: str) -> str:
    return Path(word).name.removesuffix(".md")


def run(args: argparse.Namespace) -> int:
    project = project_of(args)
    old, new = _slug(args.old), _slug(args.new)
    try:
        moves, story_file, text = plan_move(project, old, new)
    except TidingsError as exc:
        report(exc.problems)
        return 1
    for source, target in moves:
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)
        print(f"moved {project.relative(source)} -> {project.relative(target)}")
    written = story_file.with_suffix(".md.tmp")
    written.write_text(text, encoding="utf-8")
    written.replace(story_file)
    print(f"{project.relative(story_file)}: redirect_from: {old} (its old address redirects)")
    if story_file.stem == new and not story_file.with_name(f"{old}.md").exists():
        for path in relink_everywhere(project, old, new):  # links name the file
            print(f"{project.relative(path)}: links to {old}.md now go to {new}.md")
    from tidings.cli import extract, update  # they import this module for `rename_hints`

    again = argparse.Namespace(config_file=args.config_file, locale=None)
    return extract.run(again) or update.run(again)


def plan_move(project: Project, old: str, new: str) -> tuple[list[tuple[Path, Path]], Path, str]:
    """The files to move (source, target), the story's file and its new text; raises with
    every reason the rename cannot be done, before anything is changed."""
    for word in (old, new):
        if not SLUG.match(word):
            raise TidingsError(word, None, "not a slug: use only a-z, 0-9 and '-'")
    if old == new:
        raise TidingsError(old, None, "the old and the new slug are the same")
    stories = {story.slug: story for story in load_stories(project).stories}
    story = stories.get(old) or stories.get(new)
    if story is None or (old in stories and new in stories):
        reason = "both are stories" if story else "no story has either slug"
        raise TidingsError(project.relative(project.stories_dir), None, f"{old}, {new}: {reason}")
    path = project.root / story.path
    text = path.read_text(encoding="utf-8")
    moves: list[tuple[Path, Path]] = []
    if story.slug == old:
        if "slug" in story.lines:
            text = _set_slug(text, story, new)
        else:
            moves.append((path, path.with_name(f"{new}.md")))
    target = moves[0][1] if moves else path
    if moves and target.exists():
        raise TidingsError(project.relative(target), None, "exists already: nothing was moved")
    text = _add_redirect(text, story, old)
    renamed = parse_story(text, project.relative(target))
    if renamed.slug != new or old not in renamed.redirect_from:  # front matter written oddly
        raise TidingsError(
            story.path,
            story.line_of("slug"),
            f"set `slug: {new}` and `redirect_from: [{old}]` by hand, then run `tidings mv {old} {new}` again",
        )
    problems: list[Problem] = []
    translations = project.translations_dir
    catalogs = [(translations / "stories" / f"{old}.pot", translations / "stories" / f"{new}.pot")]
    for folder in sorted(translations.glob("*/LC_MESSAGES/stories")):
        catalogs.append((folder / f"{old}.po", folder / f"{new}.po"))
    for source, destination in catalogs:
        if not source.exists():
            continue
        if destination.exists() and destination.suffix == ".po":
            # `tidings update` after a `git mv` made one, with fuzzy suggestions (which the
            # update after the move makes again): it may go only if every finished
            # translation in it is also in the one that moves there.
            lost = lost_translations(destination.read_bytes(), source.read_bytes())
            done = {t.msgstr for t in read_translations(destination).values() if not t.fuzzy}
            if any(text in done for text, _ in lost):
                problems.append(
                    Problem(
                        project.relative(destination),
                        None,
                        f"has translations that {project.relative(source)} lacks: merge them by hand first",
                    )
                )
                continue
        moves.append((source, destination))
    if problems:
        raise TidingsError.from_problems(problems)
    return moves, target, text


def _set_slug(text: str, story: Story, new: str) -> str:
    lines = text.split("\n")
    index = story.line_of("slug") - 1
    lines[index] = re.sub(r"^(slug:\s*).*$", rf"\g<1>{new}", lines[index])
    return "\n".join(lines)


def _add_redirect(text: str, story: Story, old: str) -> str:
    """`old` added to the front matter's `redirect_from`, written as the list already is."""
    if old in story.redirect_from:  # written by hand already
        return text
    lines = text.split("\n")
    if "redirect_from" not in story.lines:
        front, first, _, _ = split_front_matter(text, story.path)
        closing = first - 1 + len(front.split("\n")) - 1  # the index of the closing '---'
        lines.insert(closing, f"redirect_from: [{old}]")
        return "\n".join(lines)
    index = story.line_of("redirect_from") - 1
    value = lines[index].split(":", 1)[1].strip()
    if value.startswith("["):  # a flow list
        items = [item.strip() for item in value.strip("[]").split(",") if item.strip()]
        lines[index] = f"redirect_from: [{', '.join([*items, old])}]"
    elif value:  # one slug
        lines[index] = f"redirect_from: [{value}, {old}]"
    else:  # a block list: one more item after the last
        last = story.line_of(f"redirect_from.{len(story.redirect_from) - 1}") - 1
        indent = re.match(r"^(\s*-\s*)", lines[last])
        lines.insert(last + 1, f"{indent.group(1) if indent else '  - '}{old}")
    return "\n".join(lines)


def rename_hints(project: Project, stories: Sequence[Story]) -> list[Problem]:
    """A template no story owns any more whose text a story now has: a rename by hand
    (`git mv`), whose translations `tidings mv` would carry over."""
    from tidings.catalogs.entries import story_entries
    from tidings.catalogs.store import read_catalog

    slugs = {story.slug for story in stories}
    hints = []
    for pot in sorted((project.translations_dir / "stories").glob("*.pot")):
        if pot.stem in slugs:
            continue
        try:
            old = {(m.context, str(m.id)) for m in read_catalog(pot, project.relative(pot)) if m.id}
        except TidingsError:
            continue
        for story in stories:
            now = {entry.key for entry in story_entries(story)[1]}
            if old and len(old & now) >= len(old) / 2:
                hints.append(
                    Problem(
                        project.relative(pot),
                        None,
                        f"no story '{pot.stem}', but {story.path} has its text: if it was renamed, "
                        f"`tidings mv {pot.stem} {story.slug}` keeps its translations and redirects "
                        "its old address",
                        "warning",
                    )
                )
                break
    return hints


def _link(old: str) -> re.Pattern[str]:
    """A Markdown or HTML link target naming the story file `old.md` (with a folder before it,
    a #fragment after it)."""
    return re.compile(rf"(?<=[(<\s:\"'/])({re.escape(old)})(?=\.md(?:[)#\s>\"']|$))")


def relink(text: str, old: str, new: str) -> str:
    return _link(old).sub(new, text)


def relink_everywhere(project: Project, old: str, new: str) -> list[Path]:
    """Links to `old.md` in every Markdown file and in every catalog (source and translations
    alike, so that a translation keeps the link targets its source has) now name `new.md`."""
    from tidings.catalogs.store import read_catalog, write_catalog

    changed = []
    pattern = _link(old)
    for path in sorted(project.docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if pattern.search(text):
            tmp = path.with_suffix(".md.tmp")
            tmp.write_text(relink(text, old, new), encoding="utf-8")
            tmp.replace(path)
            changed.append(path)
    translations = project.translations_dir
    for path in sorted([*translations.rglob("*.po"), *translations.rglob("*.pot")]):
        if f"{old}.md" not in path.read_text(encoding="utf-8").replace('"\n"', ""):
            continue
        locale = None if path.suffix == ".pot" else path.relative_to(translations).parts[0]
        catalog = read_catalog(path, project.relative(path), locale, translations)
        touched = False
        for message in list(catalog):
            if not message.id or not isinstance(message.id, str):
                continue
            string = message.string if isinstance(message.string, str) else ""
            new_id, new_string = relink(message.id, old, new), relink(string, old, new)
            if (new_id, new_string) == (message.id, string):
                continue
            catalog.delete(message.id, context=message.context)
            message.id, message.string = new_id, new_string
            catalog[new_id] = message
            touched = True
        if touched:
            # The translations change on purpose (their link targets), nothing else.
            catalog.revision_date = dt.datetime.now(dt.UTC)
            write_catalog(path, catalog, project.relative(path), keep_translations=False)
            changed.append(path)
    return changed
