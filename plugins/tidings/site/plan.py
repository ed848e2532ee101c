"""Which pages the site has in which locales, and their URLs: the single source for the head,
the language switcher, the sitemap and the feeds, so that all of them agree."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from zoneinfo import ZoneInfo

from tidings.editions.edition import Edition

_TAG_SLUG = re.compile(r"[^\w]+", re.UNICODE)


def tag_slug(tag: str) -> str:
    """URL name of a tag; keeps letters of any script (`国际传播`, `rural-life`)."""
    return _TAG_SLUG.sub("-", tag.strip().lower()).strip("-") or "tag"


@dataclass(frozen=True)
class Listing:
    """A generated page that lists stories: the home page (paginated), a tag, a year."""

    src_uri: str
    kind: str  # "home", "tag", "archive"
    locale: str
    editions: tuple[Edition, ...]
    title_key: str = ""  # the tag or year this page is about
    number: int = 1
    pages: int = 1
    fallback: bool = False
    """The list exists in `locale` only with the source's stories (none translated yet)."""


@dataclass(frozen=True)
class Plan:
    """Every story edition and listing page, by locale."""

    locales: tuple[str, ...]
    source_locale: str
    editions: Mapping[str, Mapping[str, Edition]]  # slug -> locale -> edition
    listings: Mapping[str, Mapping[str, Listing]]  # src_uri -> locale -> listing
    story_uris: Mapping[str, str] = field(default_factory=dict)  # slug -> src_uri
    documents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Hand-written pages -> the locales they really exist in."""
    x_default: str | None = None
    """The locale `x-default` points at, for readers whose language the site does not have."""
    timezone: str = "UTC"
    """The newsroom's IANA time zone: a story's date is noon of that day there (`moment`)."""
    logo: str | None = None
    """The publisher's logo, a path in docs_dir (structured data)."""
    redirects: Mapping[str, str] = field(default_factory=dict)
    """A renamed story's old src_uri -> its src_uri now (front matter `redirect_from`)."""
    pages: Mapping[str, Mapping[str, Edition]] = field(default_factory=dict)
    """Pages translated through catalogs: src_uri (`about.md`) -> locale -> edition."""

    def default_locale(self, src_uri: str) -> str | None:
        """The locale of a page's `x-default`: `x_default` where the page is really in it, else
        the source, else its first real locale (None: the page is real nowhere)."""
        real = self.real_locales(src_uri)
        for candidate in (self.x_default, self.source_locale):
            if candidate in real:
                return candidate
        return real[0] if real else None

    def moment(self, day: dt.date) -> dt.datetime:
        """When a story dated `day` was published, with its zone (ISO 8601 needs one; stories
        carry days, so noon, where no reader's zone moves the day)."""
        return dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(self.timezone))

    def published(self, slug: str) -> tuple[str, ...]:
        """Locales a story is really available in, source first."""
        editions = self.editions.get(slug, {})
        return tuple(loc for loc in self.locales if loc in editions and editions[loc].published)

    def slug_of(self, src_uri: str) -> str | None:
        """Return the slug of the story at `src_uri`, if it is a story page."""
        return self._slugs.get(src_uri)

    @cached_property
    def _slugs(self) -> Mapping[str, str]:
        return {uri: slug for slug, uri in self.story_uris.items()}

    def edition_for(self, locale: str, src_uri: str) -> Edition | None:
        """The edition a reader of `locale` gets on the story page `src_uri`.

        Its translation when that is published, else the source (a fallback copy); None when
        `src_uri` is not a story. The one place that decides it: pages, head, cards, snippets.
        """
        slug = self.slug_of(src_uri)
        if slug is None:
            return None
        editions = self.editions[slug]
        return editions[locale] if locale in self.published(slug) else editions[self.source_locale]

    def listing_for(self, locale: str, src_uri: str) -> Listing | None:
        """The listing page `src_uri` as readers of `locale` get it: in their language, with
        the source's stories where none of its own is translated yet (`fallback`)."""
        by_locale = self.listings.get(src_uri)
        if not by_locale:
            return None
        if locale in by_locale:
            return by_locale[locale]
        source = by_locale.get(self.source_locale)
        return replace(source, locale=locale, fallback=True) if source else None

    def real_locales(self, src_uri: str) -> tuple[str, ...]:
        """Locales in which `src_uri` is a real page (not a fallback copy)."""
        slug = self.slug_of(src_uri)
        if slug is not None:
            return self.published(slug)
        if src_uri in self.listings:
            return tuple(loc for loc in self.locales if loc in self.listings[src_uri])
        return self.documents.get(src_uri, ())


def home_uri(number: int) -> str:
    return "index.md" if number == 1 else f"page/{number}.md"


def plan_site(
    editions: Mapping[str, Mapping[str, Edition]],
    locales: Sequence[str],
    source_locale: str,
    stories_dir: str,
    per_page: int,
    home: bool = True,
    x_default: str | None = None,
    timezone: str = "UTC",
    logo: str | None = None,
) -> Plan:
    """Lay out listing pages per locale: newest first, `per_page` to a home page."""
    listings: dict[str, dict[str, Listing]] = defaultdict(dict)
    for locale in locales:
        shown = sorted(
            (
                by_locale[locale]
                for by_locale in editions.values()
                if locale in by_locale and by_locale[locale].published
            ),
            key=lambda e: (e.story.date, e.story.slug),
            reverse=True,
        )
        if home:
            chunks = [shown[i : i + per_page] for i in range(0, len(shown), per_page)] or [[]]
            for number, chunk in enumerate(chunks, 1):
                uri = home_uri(number)
                listings[uri][locale] = Listing(
                    uri, "home", locale, tuple(chunk), number=number, pages=len(chunks)
                )
        by_tag: dict[str, list[Edition]] = defaultdict(list)
        by_year: dict[int, list[Edition]] = defaultdict(list)
        for edition in shown:
            for source_tag, _ in edition.tags:
                by_tag[source_tag].append(edition)
            by_year[edition.story.date.year].append(edition)
        for tag, tagged in by_tag.items():
            uri = f"tags/{tag_slug(tag)}.md"
            listings[uri][locale] = Listing(uri, "tag", locale, tuple(tagged), title_key=tag)
        for year, dated in by_year.items():
            uri = f"archive/{year}.md"
            listings[uri][locale] = Listing(
                uri, "archive", locale, tuple(dated), title_key=str(year)
            )
        if any(by_locale for by_locale in editions.values()):
            # Every locale has an archive, if only to say where stories are.
            uri = "archive/index.md"
            listings[uri][locale] = Listing(uri, "archive", locale, tuple(shown))
    story_uris = {slug: f"{stories_dir}/{slug}.md" for slug in editions}
    redirects = {
        f"{stories_dir}/{old}.md": story_uris[slug]
        for slug, by_locale in editions.items()
        for edition in list(by_locale.values())[:1]
        for old in edition.story.redirect_from
    }
    return Plan(
        tuple(locales),
        source_locale,
        editions,
        dict(listings),
        story_uris,
        x_default=x_default,
        timezone=timezone,
        logo=logo,
        redirects=redirects,
    )


def documents_of(
    plan: Plan,
    src_uris: Sequence[str],
    pages: Mapping[str, Mapping[str, Edition]] | None = None,
) -> Plan:
    """Record in which locales each page really exists (`about.md`, `about.fr.md`).

    `src_uris` are the site's Markdown files; stories and listings are the plan's own. A page
    exists in a locale when it is hand-written there or its catalog edition is published
    (`pages`; the hand-written file wins).
    """
    pages = pages or {}
    locales = set(plan.locales)
    found: dict[str, list[str]] = {}
    for uri in src_uris:
        stem, _, suffix = uri[:-3].rpartition(".")
        if stem and suffix in locales:
            found.setdefault(stem + ".md", []).append(suffix)
        else:
            found.setdefault(uri, []).append(plan.source_locale)
    stories = set(plan.story_uris.values())
    for uri, by_locale in pages.items():
        if uri in found:
            found[uri] += [loc for loc, e in by_locale.items() if e.published and not e.is_source]
    documents = {
        uri: tuple(loc for loc in plan.locales if loc in present)
        for uri, present in found.items()
        if uri not in stories and uri not in plan.listings
    }
    return replace(plan, documents=documents, pages=dict(pages))
