"""HTML of the parts of pages Tidings owns: the story header and the story lists.

Rendered with our own Jinja environment with autoescape on, because titles, summaries and
tags come from catalogs, which are untrusted text.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from tidings.editions.edition import Edition
from tidings.locales import byline, direction, language_name, language_tag, long_date
from tidings.site.plan import Listing, Plan, home_uri, tag_slug
from tidings.site.urls import Urls
from tidings.story.authors import Author
from tidings.ui import CatalogTranslations, Overrides, ui_translations

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Image:
    """A story image as pages and Open Graph need it."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    mime: str | None = None


@lru_cache(maxsize=1024)
def _image_size(path: Path, mtime: float) -> tuple[int | None, int | None, str | None]:
    try:
        from PIL import Image as Pillow

        with Pillow.open(path) as picture:
            return picture.width, picture.height, Pillow.MIME.get(picture.format or "")
    except (OSError, ValueError):
        return None, None, None


def image_of(docs_dir: Path, path: str | None, alt: str | None, urls: Urls) -> Image | None:
    """Describe a story image, with its pixel size when the file can be read."""
    if not path:
        return None
    file = docs_dir / path
    mtime = file.stat().st_mtime if file.is_file() else 0.0
    width, height, mime = _image_size(file, mtime) if mtime else (None, None, None)
    return Image(urls.href_asset(path), alt or "", width, height, mime)


class Renderer:
    """Render Tidings' templates in a locale's UI language; site overrides come first."""

    def __init__(self, overrides: Sequence[Path] = (), ui: Overrides | None = None) -> None:
        self.site_ui = ui or {}  # the site's own UI translations, before the shipped ones
        # One Renderer per build: each locale's strings are looked up once, not once per page.
        self.translations: dict[str, CatalogTranslations] = {}
        self.env = Environment(
            loader=FileSystemLoader([*map(str, overrides), str(TEMPLATES)]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            extensions=["jinja2.ext.i18n"],
            trim_blocks=False,
        )

    def ui(self, locale: str) -> CatalogTranslations:
        """The interface strings of `locale` (the site's catalogs first, then Tidings')."""
        if locale not in self.translations:
            self.translations[locale] = ui_translations(locale, self.site_ui)
        return self.translations[locale]

    def gettext(self, locale: str) -> Callable[[str], str]:
        return self.ui(locale).gettext

    def render(self, template: str, locale: str, **context: Any) -> str:
        self.env.install_gettext_translations(self.ui(locale), newstyle=True)  # type: ignore[attr-defined]
        return self.env.get_template(template).render(
            ui_lang=locale, ui_dir=direction(locale), **context
        )


def _language_links(
    plan: Plan, urls: Urls, src_uri: str, current: str, names: Mapping[str, str]
) -> list[dict[str, Any]]:
    return [
        {
            "lang": loc,
            "hreflang": language_tag(loc),
            "name": names.get(loc, loc),
            "url": urls.href(src_uri, loc),
            "current": loc == current,
            "dir": direction(loc),
        }
        for loc in plan.real_locales(src_uri)
    ]


_CREDIT = re.compile(r"\{(role|name)\}")


def credits(authors: Sequence[Author], _: Callable[[str], str]) -> tuple[str, ...]:
    """Each author as a byline names them in the edition's language: a role and a name in
    the order of `{role} {name}` in the ui catalog ("Sun Yue, journaliste", "쑨웨 기자")."""
    template = _("{role} {name}")

    def credit(author: Author) -> str:
        if not author.role:
            return author.name
        parts = {"role": author.role, "name": author.name}
        return _CREDIT.sub(lambda m: parts[m.group(1)], template)

    return tuple(credit(author) for author in authors)


def story_header(
    renderer: Renderer,
    plan: Plan,
    urls: Urls,
    edition: Edition,
    locale: str,
    image: Image | None,
    names: Mapping[str, str],
) -> str:
    """The header of a story page in `locale`; a fallback copy gets a banner instead of links."""
    story = edition.story
    src_uri = plan.story_uris[story.slug]
    fallback = edition.locale != locale
    return renderer.render(
        "story_header.html",
        locale,
        fallback=fallback,
        content_lang=edition.locale,
        content_dir=direction(edition.locale),
        # In a sentence of the reader's language: "traduit en français", "original en chinois".
        language_name=language_name(locale, locale, capitalize=False),
        source_name=language_name(edition.locale, locale, capitalize=False),
        title=edition.title,
        date=long_date(story.date, locale),
        date_iso=story.date.isoformat(),
        updated=long_date(story.updated, locale) if story.updated else None,
        byline=byline(credits(edition.authors, renderer.gettext(edition.locale)), edition.locale),
        updating=not fallback and edition.progress is not None and edition.progress.updated > 0,
        original_name=language_name(plan.source_locale, locale, capitalize=False),
        # Writers often repeat the lead image in the body; show it once.
        image=image if image and not (story.image and story.image in edition.body) else None,
        tags=[
            {"name": name, "url": urls.href(f"tags/{tag_slug(tag)}.md", edition.locale)}
            for tag, name in edition.tags
        ],
        languages=[] if fallback else _language_links(plan, urls, src_uri, edition.locale, names),
        # A fallback's banner names the languages the story really exists in.
        elsewhere=_language_links(plan, urls, src_uri, locale, names) if fallback else [],
    )


def listing_page(
    renderer: Renderer,
    plan: Plan,
    urls: Urls,
    listing: Listing,
    images: Mapping[str, Image | None],
    heading: str,
    feeds: Mapping[str, str] | None = None,
    intro: str = "",
    names: Mapping[str, str] | None = None,
) -> str:
    """A page listing stories in the listing's locale (home pages also list all tags).

    `intro` is the HTML of the site's home intro (content/index.md) in this locale; an empty
    list offers the languages that have stories (`names`: their own names).
    """
    locale = listing.locale
    items: list[dict[str, Any]] = [
        {
            "url": urls.href(plan.story_uris[e.story.slug], locale),
            "title": e.title,
            "summary": e.summary,
            "date": long_date(e.story.date, locale),
            "date_iso": e.story.date.isoformat(),
            "year": e.story.date.year,
            "image": images.get(e.story.slug),
            # A story not translated yet, in a list of the reader's language: its own language.
            "lang": e.locale if e.locale != locale else None,
            "dir": direction(e.locale),
        }
        for e in listing.editions
    ]
    groups: list[dict[str, Any]]
    if listing.kind == "archive" and not listing.title_key:
        years = sorted({item["year"] for item in items}, reverse=True)
        groups = [
            {"label": str(y), "anchor": f"y{y}", "stories": [i for i in items if i["year"] == y]}
            for y in years
        ]
    else:
        groups = [{"label": None, "stories": items}]
    tags = [
        {"url": urls.href(uri, locale), "name": name, "count": n}
        for uri, name, n in tag_counts(plan, listing)
    ]
    number = listing.number
    return renderer.render(
        "listing.html",
        locale,
        heading=heading,
        items=items,
        groups=groups,
        pages=listing.pages,
        number=number,
        previous=urls.href(home_uri(number - 1), locale)
        if listing.kind == "home" and number > 1
        else None,
        next=urls.href(home_uri(number + 1), locale)
        if listing.kind == "home" and number < listing.pages
        else None,
        tags=tags,
        feeds=feeds,
        intro=Markup(intro),
        elsewhere=[] if items else _with_stories(plan, urls, names or {}),
    )


def tag_counts(plan: Plan, listing: Listing) -> list[tuple[str, str, int]]:
    """(tag page, tag name, stories) of every tag in the listing's locale, most used first:
    what the first home page lists (no other page lists tags)."""
    if listing.kind != "home" or listing.number != 1:
        return []
    locale = listing.locale
    counts: Counter[tuple[str, str]] = Counter()
    for uri, by_locale in plan.listings.items():
        if uri.startswith("tags/") and locale in by_locale:
            tagged = by_locale[locale]
            name = next(
                (n for e in tagged.editions for t, n in e.tags if t == tagged.title_key),
                tagged.title_key,
            )
            counts[(uri, name)] = len(tagged.editions)
    return [
        (uri, name, n)
        for (uri, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))
    ]


def listing_inputs(plan: Plan, listing: Listing, images: Mapping[str, Image | None]) -> str:
    """Everything of the plan that `listing_page` shows of a listing, as a string: a cached
    listing page is used again only while this is the same (see `site.fingerprints`)."""
    return repr(
        (
            dataclasses.replace(listing, editions=()),
            plan.real_locales(listing.src_uri),  # its switcher and hreflang
            [
                (e.story.slug, e.locale, e.title, e.summary, e.story.date, e.tags)
                for e in listing.editions
            ],
            [images.get(e.story.slug) for e in listing.editions],
            tag_counts(plan, listing),
            [] if listing.editions else locales_with_stories(plan),
        )
    )


def _with_stories(plan: Plan, urls: Urls, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The home pages of the languages that have stories, for a locale that has none."""
    return [
        {
            "lang": loc,
            "hreflang": language_tag(loc),
            "name": names.get(loc, loc),
            "url": urls.href("index.md", loc),
            "dir": direction(loc),
        }
        for loc in locales_with_stories(plan)
    ]


def locales_with_stories(plan: Plan) -> list[str]:
    return [loc for loc in plan.locales if any(loc in plan.published(s) for s in plan.editions)]


def fallback_banner(
    renderer: Renderer,
    plan: Plan,
    urls: Urls,
    src_uri: str,
    locale: str,
    shown: str,
    names: Mapping[str, str],
    what: str = "page",
) -> str:
    """The banner above a page that readers of `locale` get in `shown`'s language (`what`:
    a `page`, or a list of `stories` that are all in that language)."""
    return renderer.render(
        "banner.html",
        locale,
        stories=what == "stories",
        language_name=language_name(locale, locale, capitalize=False),
        source_name=language_name(shown, locale, capitalize=False),
        elsewhere=_language_links(plan, urls, src_uri, locale, names),
    )


def marked(text: str, part: str, lang: str) -> Markup:
    """`text` as HTML with `part` marked as being in `lang` (WCAG 3.1.2, language of parts)."""
    shown, inner = escape(text), escape(part)
    span = Markup('<span lang="{}" dir="{}">{}</span>').format(lang, direction(lang), part)
    return Markup(shown.replace(inner, span, 1)) if inner in shown else shown
