"""A story in one locale: its translated fields and Markdown, unit by unit, with fallbacks."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tidings.catalogs.checks import check_translation
from tidings.catalogs.entries import Entry
from tidings.catalogs.progress import Progress, measure
from tidings.catalogs.store import Translation
from tidings.editions.anchors import uses_ids, with_id
from tidings.errors import Problem
from tidings.locales import direction
from tidings.project import MarkdownSetup
from tidings.story.authors import Author
from tidings.story.schema import Story
from tidings.units.rebuild import collapse_soft_breaks, rebuild
from tidings.units.segment import Unit

Found = Mapping[tuple[str | None, str], Translation]


@dataclass(frozen=True)
class Edition:
    """What readers of one locale get of a story. `published` follows the publishing policy."""

    story: Story
    locale: str
    title: str
    summary: str
    body: str
    published: bool
    is_source: bool
    progress: Progress | None = None
    image_alt: str | None = None
    snippet: str | None = None
    snippets: Mapping[str, str] = field(default_factory=dict)
    hashtags: tuple[str, ...] = ()
    tags: tuple[tuple[str, str], ...] = ()  # (source tag, tag in this locale)
    authors: tuple[Author, ...] = ()
    warnings: tuple[Problem, ...] = ()
    origins: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    """Where each front-matter text came from: field (`snippets.x`) -> (file, line)."""
    texts: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """The story's other texts (`Story.texts`) in this locale: (context, source) -> text."""

    def text(self, context: str, source: str) -> str:
        """One of the other texts in this locale (the source text when it has none)."""
        return self.texts.get((context, source), source)

    def origin(self, field_name: str) -> tuple[str, int]:
        """The file and line a person edits to change a front-matter text of this edition."""
        return self.origins.get(field_name) or (self.story.path, self.story.line_of(field_name))


def source_edition(
    story: Story, units: Sequence[Unit], locale: str, ids: Mapping[int, str] | None = None
) -> Edition:
    """The story as written (wrapped lines joined the way its catalog entries are).

    `ids` are the headings' ids (see `tidings.editions.anchors`), given to every edition.
    """
    if ids:
        body = story.body

        def text(unit: Unit) -> str | None:
            if unit.start in ids:
                return with_id(unit, unit.text, ids)
            return unit.text if "\n" in body[unit.start : unit.end] else None

        body = rebuild(body, units, text, keep_identical=False)
    else:
        body = collapse_soft_breaks(story.body, units)
    return Edition(
        story=story,
        locale=locale,
        title=story.title,
        summary=story.summary,
        body=body,
        published=not story.draft,
        is_source=True,
        image_alt=story.image_alt,
        snippet=story.snippet,
        snippets=dict(story.snippets),
        hashtags=story.hashtags,
        tags=tuple((tag, tag) for tag in story.tags),
        authors=story.authors,
    )


_SHOWN = "showing the source text"


def translated_edition(
    story: Story,
    units: Sequence[Unit],
    entries: Sequence[Entry],
    found: Found,
    locale: str,
    catalog: str,
    min_translated: float,
    setup: MarkdownSetup | None = None,
    ids: Mapping[int, str] | None = None,
    was_published: bool = False,
    source_locale: str | None = None,
) -> Edition:
    """Build a locale's edition: usable translations per unit, the source text elsewhere.

    A translation that fails its checks is not used; it yields a warning naming the PO file
    and line so the translator can find it. `setup` is the site's Markdown configuration,
    which the checks render with. A story that `was_published` (its catalog says so, see
    `catalogs.published`) and is not now is a warning: it leaves the site in `locale`.
    """
    warnings: list[Problem] = []
    origins: dict[str, tuple[str, int]] = {}

    def pick(context: str | None, text: str, kind: str | None = None) -> str:
        hit = found.get((context, text))
        if hit is None or hit.fuzzy:
            return text
        problems = check_translation(text, hit.msgstr, kind or context or "paragraph", setup)
        if problems:
            warnings.append(
                Problem(
                    catalog,
                    hit.line,
                    f"translation not used ({problems[0]}); {_SHOWN}",
                    "warning",
                )
            )
            return text
        if context:
            origins[context] = (catalog, hit.line)
        return hit.msgstr

    ids = ids or {}
    marks = source_locale is not None and setup is not None and uses_ids(setup)

    def body_text(unit: Unit) -> str:
        text = pick(None, unit.text, unit.kind)
        hit = found.get((None, unit.text))
        if marks and unit.kind == "paragraph" and hit is not None and hit.previous:
            # The corrected source text of a translated page: in its own language (attr_list).
            text += f'\n{{: lang="{source_locale}" dir="{direction(str(source_locale))}" }}'
        return with_id(unit, text, ids)

    body = rebuild(story.body, units, body_text)
    progress = measure(entries, found, setup)
    published = (
        not story.draft and story.translated_into(locale) and progress.publishable(min_translated)
    )
    if was_published and not published and not story.draft and story.translated_into(locale):
        warnings.append(
            Problem(
                catalog,
                None,
                f"was published in {locale} and no longer is: {progress.reason(catalog, min_translated)}; "
                f"translate the rest, or take it off on purpose with `translate: {{skip: [{locale}]}}`",
                "warning",
            )
        )
    return Edition(
        story=story,
        locale=locale,
        title=pick("title", story.title),
        summary=pick("summary", story.summary),
        body=body,
        published=published,
        is_source=False,
        progress=progress,
        image_alt=pick("image_alt", story.image_alt) if story.image_alt else None,
        snippet=pick("snippet", story.snippet) if story.snippet else None,
        snippets={
            channel: pick(f"snippets.{channel}", text) for channel, text in story.snippets.items()
        },
        hashtags=tuple(pick("hashtags", tag) for tag in story.hashtags),
        tags=tuple((tag, pick("tags", tag)) for tag in story.tags),
        authors=tuple(
            Author(pick("authors", a.name), pick("roles", a.role) if a.role else None, a.url)
            for a in story.authors
        ),
        texts={(context, text): pick(context, text) for context, text in story.texts},
        warnings=tuple(dict.fromkeys(_withdrawn(warnings, locale) if not published else warnings)),
        origins=origins,
    )


def _withdrawn(warnings: list[Problem], locale: str) -> list[Problem]:
    """An unusable translation of a story that is not published: no source text is shown in
    its place (readers get the whole original, with the banner), so the warning says so."""
    instead = f"the story is not published in {locale} until it is fixed"
    return [dataclasses.replace(w, message=w.message.replace(_SHOWN, instead)) for w in warnings]
