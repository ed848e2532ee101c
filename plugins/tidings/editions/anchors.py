"""Heading ids that are the same in every language and do not move when a heading is added.

MkDocs' toc makes an id from each heading's text, in each language: a link to
`story.md#how-it-works` breaks on the French page, and Chinese headings get positions (`_1`,
`_2`) that change when a heading is inserted above. So every edition of a story (the source
too) gives each heading an explicit `{ #id }` made from the *source* heading: a slug that keeps
letters of every script (pymdownx.slugs, lowercase: `活力茶乡的数字化之路`, `how-it-works`,
`линия-2026`), unique within the story. A heading with an attribute list of its own keeps it.
Only with `attr_list`, which is what reads `{ #id }`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from pymdownx.slugs import slugify

from tidings.errors import Problem
from tidings.project import MarkdownSetup, Project
from tidings.story.links import link_problems
from tidings.story.schema import Story
from tidings.units.segment import Unit, segment

_SLUG = slugify(case="lower")
_ATTR_LIST = re.compile(r"^[ \t]*\{:?[^{}\n]*\}[ \t]*#*[ \t]*$")
# Inline Markdown a heading's text may have, reduced to the words a reader sees.
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>]+>"), ""),  # raw HTML tags
    (re.compile(r"[`*_~]+"), ""),  # code and emphasis marks
)


def uses_ids(setup: MarkdownSetup) -> bool:
    """Say whether the site reads `{ #id }` (the attr_list extension)."""
    return any(
        name.removeprefix("markdown.extensions.") in ("attr_list", "extra")
        for name in setup.extensions
    )


def heading_ids(body: str, units: Sequence[Unit]) -> dict[int, str]:
    """The id of every heading unit (by its start offset) that has no attribute list."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    for unit in units:
        if unit.kind != "heading":
            continue
        rest = body[unit.end : body.find("\n", unit.end) if "\n" in body[unit.end :] else len(body)]
        if _ATTR_LIST.match(rest):
            continue  # the writer's own `{ #id }` or `{ .class }`
        text = unit.text
        for pattern, replacement in _INLINE:
            text = pattern.sub(replacement, text)
        base = _SLUG(text, "-").strip("-")
        if not base:
            continue
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        ids[unit.start] = anchor
    return ids


def with_id(unit: Unit, text: str, ids: Mapping[int, str]) -> str:
    """A heading's text (source or translation) with its id; any other unit as it is."""
    anchor = ids.get(unit.start)
    return f"{text} {{ #{anchor} }}" if anchor else text


def story_links(project: Project, stories: Sequence[Story]) -> list[Problem]:
    """Every broken link or image of the stories' bodies, at its line (see tidings.story.links).

    A `#fragment` is checked against the target story's heading ids when the site makes them
    (attr_list); other pages' anchors are left to `tidings check-site`.
    """
    by_uri = {_uri_of(project, story): story for story in stories}
    ids = uses_ids(project.markdown)

    def anchors_of(uri: str) -> set[str] | None:
        target = by_uri.get(uri)
        return set(_anchors(target.body)) if target is not None and ids else None

    problems: list[Problem] = []
    for uri, story in by_uri.items():
        problems += link_problems(story, project.docs_dir, uri, anchors_of)
    return problems


@lru_cache(maxsize=4096)
def _anchors(body: str) -> frozenset[str]:
    # By body text: a story linked from many others, and every `mkdocs serve` rebuild of an
    # unchanged story, are segmented once.
    return frozenset(heading_ids(body, segment(body)).values())


def _uri_of(project: Project, story: Story) -> str:
    path = Path(os.path.abspath(project.root / story.path))
    try:
        return path.relative_to(os.path.abspath(project.docs_dir)).as_posix()
    except ValueError:  # shown as an absolute path: it was outside the root
        return project.story_uri(path.stem)
