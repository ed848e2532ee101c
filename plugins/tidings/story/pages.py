"""Everything else a reader reads: the site's pages (About, a home intro) and its own texts
(name, description, copyright, nav titles), translated through catalogs like stories.

Both are read as a `Story` with a `catalog` name, so extracting, merging, checking, measuring
and localizing them is the stories' code: `translations/pages/<page>.pot` and
`translations/<locale>/LC_MESSAGES/pages/<page>.po`, `translations/site.pot` and
`translations/<locale>/LC_MESSAGES/site.po`. A hand-written `about.<locale>.md` still wins
over the catalog (see site/plan.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tidings.characters import bad_characters
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.story.library import Stories, read_source
from tidings.story.schema import Story, load_front_matter, split_front_matter

SITE = "site"
NO_DATE = dt.date(1970, 1, 1)  # pages are not dated; nothing lists them by date


def page_files(project: Project) -> list[Path]:
    """Markdown pages of the source language outside the stories folder (not `x.fr.md`)."""
    locales = {lang.locale for lang in project.languages}
    found = []
    for path in sorted(project.docs_dir.rglob("*.md")):
        if path.is_relative_to(project.stories_dir):
            continue
        parts = path.stem.rsplit(".", 1)
        if len(parts) == 2 and parts[1] in locales:
            continue
        found.append(path)
    return found


def page_name(project: Project, path: Path) -> str:
    """`about` for content/about.md, `guide/start` for content/guide/start.md."""
    return path.relative_to(project.docs_dir).with_suffix("").as_posix()


def read_page(path: Path, project: Project) -> Story:
    """Read one page; its title and description (front matter) and body are translated."""
    shown, text = read_source(path, project)
    text = text.removeprefix("\ufeff")
    bad = bad_characters(text)
    if bad:
        raise TidingsError.from_problems(
            [Problem(shown, b.line, f"contains {b.describe()}") for b in bad[:20]]
        )
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    body, body_line = text, 1
    if text.splitlines()[:1] == ["---"]:  # front matter is optional on a page
        front, front_line, body, body_line = split_front_matter(text, shown)
        values, lines = load_front_matter(front, front_line, shown)
    title = values.get("title")
    description = values.get("description")
    return Story(
        path=shown,
        slug=page_name(project, path),
        title=title.strip() if isinstance(title, str) else "",
        summary=description.strip() if isinstance(description, str) else "",
        date=NO_DATE,
        body=body,
        body_line=body_line,
        lines={**lines, "summary": lines.get("description", 1)},
        catalog=f"pages/{page_name(project, path)}",
        meta=values,
    )


def load_pages(project: Project) -> Stories:
    """Every page that could be read, and the problems of those that could not."""
    pages: list[Story] = []
    problems: list[Problem] = []
    for path in page_files(project):
        try:
            pages.append(read_page(path, project))
        except TidingsError as exc:
            problems.extend(exc.problems)
    return Stories(tuple(pages), tuple(problems))


def site_texts(project: Project) -> Story | None:
    """The site's own texts from mkdocs.yml as one catalog (`site`), None when it has none."""
    if not project.site_texts:
        return None
    shown = project.relative(project.config_file)
    return Story(
        path=shown,
        slug=SITE,
        title="",
        summary="",
        date=NO_DATE,
        body="",
        body_line=1,
        lines={f"texts.{i}": line for i, (_, _, line) in enumerate(project.site_texts)},
        catalog=SITE,
        texts=tuple((context, text) for context, text, _ in project.site_texts),
    )


def pages_and_site(project: Project) -> Stories:
    """The pages and the site's texts, read as Stories (see the module's docstring)."""
    pages = load_pages(project)
    site = site_texts(project)
    return Stories(pages.stories + ((site,) if site else ()), pages.problems)


def translatables(project: Project, stories: Stories) -> Stories:
    """Stories, pages and the site's texts: everything `extract`, `update`, `status` handle."""
    others = pages_and_site(project)
    return Stories(stories.stories + others.stories, stories.problems + others.problems)
