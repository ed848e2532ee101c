"""A site being published: its plan, URLs, images and cards, and everything made from them.

The MkDocs adapters ask this object and nothing else: which edition a page shows, the HTML a
story or listing page gets, its `<head>`, the switcher entries, the share image of a story,
and the files written after the build (`outputs`). The snippets plugin receives it from the
stories plugin as its one collaborator.
"""

from __future__ import annotations

import dataclasses
import gzip
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from tidings.editions.edition import Edition
from tidings.locales import direction
from tidings.site.feeds import feed_path, reader_feeds
from tidings.site.head import page_head
from tidings.site.pages import (
    Image,
    Renderer,
    fallback_banner,
    listing_page,
    marked,
    story_header,
)
from tidings.site.plan import Listing, Plan
from tidings.site.sharecards import card_path
from tidings.site.sitemap import sitemap_xml
from tidings.site.urls import Urls


@dataclass
class Publication:
    """Everything a build knows about the site it publishes (one per build, shared by passes)."""

    plan: Plan
    urls: Urls
    names: Mapping[str, str]  # locale -> the language's own name, for switchers
    images: Mapping[str, Image | None] = field(default_factory=dict)  # slug -> the story's image
    renderer: Renderer = field(default_factory=Renderer)
    cards: bool = True
    feeds: bool = True
    public_urls: Urls | None = None
    """The site's public URLs when the build is served elsewhere (`mkdocs serve`)."""
    site_texts: Mapping[str, Edition] = field(default_factory=dict)
    """The site's own texts (name, description, copyright, nav titles) per locale."""

    @property
    def source_locale(self) -> str:
        return self.plan.source_locale

    @property
    def public(self) -> Urls:
        """URLs as readers reach the site: what snippets link to and are measured with."""
        return self.public_urls or self.urls

    # --- the site's own texts ----------------------------------------------------------------

    def site_text_items(self, locale: str) -> list[tuple[str, str]]:
        """(key, text) of mkdocs.yml's texts (`site_name`, ...) in `locale`, nav titles apart."""
        source = self.site_texts.get(self.source_locale)
        if source is None:
            return []
        edition = self.site_texts.get(locale, source)
        return [
            (context, edition.text(context, text))
            for context, text in source.story.texts
            if context != "nav"
        ]

    def site_text(self, locale: str, key: str, default: str = "") -> str:
        """One of the site's texts in `locale` (`site_name`), else `default`."""
        return dict(self.site_text_items(locale)).get(key, default)

    def nav_title(self, locale: str, title: str | None, src_uri: str | None) -> str | None:
        """A nav entry's title in `locale`, when it has one there (None: keep it)."""
        if src_uri is not None and src_uri in self.plan.pages:
            editions = self.plan.pages[src_uri]
            source, edition = editions.get(self.source_locale), editions.get(locale)
            if source and edition and title == source.title and edition.title != source.title:
                return edition.title
        texts = self.site_texts.get(locale)
        if texts is not None and title and ("nav", title) in texts.texts:
            translated = texts.text("nav", title)
            return translated if translated != title else None
        return None

    def intro(self, src_uri: str, locale: str) -> Edition | None:
        """The home intro (content/index.md) as readers of `locale` get it, if they get one.

        An intro not translated into `locale` is left out: the page around it is in `locale`.
        """
        if src_uri != "index.md":
            return None
        edition = self.plan.pages.get(src_uri, {}).get(locale)
        if edition is None or not (edition.is_source or edition.published):
            return None
        return edition

    # --- what a page shows -------------------------------------------------------------------

    def edition_for(self, locale: str, src_uri: str) -> Edition | None:
        return self.plan.edition_for(locale, src_uri)

    def page_html(self, src_uri: str, locale: str, html: str) -> str:
        """The content of the `locale` page of `src_uri`: story header and body, or a listing."""
        edition = self.edition_for(locale, src_uri)
        if edition is not None:
            slug = edition.story.slug
            header = story_header(
                self.renderer,
                self.plan,
                self.urls,
                edition,
                locale,
                self.image(slug, edition),
                self.names,
            )
            if edition.locale != locale:  # a fallback copy: the text is in the source language
                return f'{header}\n<div lang="{edition.locale}" dir="{direction(edition.locale)}">\n{html}\n</div>'
            return header + "\n" + html
        listing = self.plan.listing_for(locale, src_uri)
        if listing is not None:
            heading: str = self.heading(listing)
            if (foreign := self.foreign_in_title(src_uri, locale)) is not None:
                heading = marked(heading, *foreign)
            html = listing_page(
                self.renderer,
                self.plan,
                self.urls,
                listing,
                self.images,
                heading,
                self.feed_links(listing.locale),
                intro=html if self.intro(src_uri, listing.locale) else "",
                names=self.names,
            )
            if listing.fallback:  # in the reader's language, listing the originals
                return self.fallback(src_uri, locale, self.source_locale, html, "stories")
            return html
        shown = self.content_locale(src_uri, locale)  # a list or page not in this language
        return self.fallback(src_uri, locale, shown, html) if shown else html

    def content_locale(self, src_uri: str, locale: str) -> str | None:
        """The language of the text a `locale` page shows when it is another (a fallback)."""
        edition = self.edition_for(locale, src_uri)
        if edition is not None:
            return edition.locale if edition.locale != locale else None
        if src_uri in self.plan.listings:
            return None  # a list is in the reader's language; its items say their own
        if src_uri in self.plan.documents and locale not in self.plan.real_locales(src_uri):
            return self.source_locale
        return None

    def fallback(self, src_uri: str, locale: str, shown: str, html: str, what: str = "page") -> str:
        """A page in `shown`'s language for readers of `locale`: banner, then the text (a
        list of `stories` is in the reader's language already: only its items are not)."""
        banner = fallback_banner(
            self.renderer, self.plan, self.urls, src_uri, locale, shown, self.names, what
        )
        if what == "stories":
            return f"{banner}\n{html}"
        return f'{banner}\n<div lang="{shown}" dir="{direction(shown)}">\n{html}\n</div>'

    def head(
        self,
        src_uri: str,
        locale: str,
        *,
        title: str,
        site_name: str,
        description: str,
        noindex: bool = False,
    ) -> str:
        """The `<head>` elements of a page; stories and listings use their own title and text."""
        edition = self.edition_for(locale, src_uri)
        image = None
        if edition is not None:
            title, description = edition.title, edition.summary
            image = self.image(edition.story.slug, edition)
        elif (listing := self.plan.listing_for(locale, src_uri)) is not None:
            title = self.heading(listing)
        return page_head(
            self.plan, self.urls, src_uri, locale, title=title, description=description,
            site_name=site_name, edition=edition, image=image, feeds=self.feed_links(locale), noindex=noindex,
        )  # fmt: skip

    def heading(self, listing: Listing) -> str:
        """The title of a listing page in its locale's interface language."""
        _ = self.renderer.gettext(listing.locale)
        if listing.kind == "home":
            return _("Latest stories")
        if listing.kind == "tag":
            return _("Stories tagged “%(tag)s”") % {"tag": self.tag_name(listing)}
        if listing.title_key:
            return _("Stories from %(year)s") % {"year": listing.title_key}
        return _("Archive")

    def tag_name(self, listing: Listing) -> str:
        """The name of a tag page's tag, as its stories write it."""
        names = [n for e in listing.editions for t, n in e.tags if t == listing.title_key]
        return names[0] if names else listing.title_key

    def foreign_in_title(self, src_uri: str, locale: str) -> tuple[str, str] | None:
        """Text of another language in a page's title, and that language: the source's tag
        name on a tag page none of whose stories is translated yet."""
        listing = self.plan.listing_for(locale, src_uri)
        if listing is None or not listing.fallback or listing.kind != "tag":
            return None
        return self.tag_name(listing), self.source_locale

    def switcher(self, src_uri: str | None) -> list[dict[str, str]]:
        """Material's language switcher entries: every language of the site.

        A language the page is really translated into links to that translation; any other
        to that language's home page, never to a fallback copy as if it were a translation.
        """
        real = self.plan.real_locales(src_uri) if src_uri else ()
        return [
            {
                "name": self.names.get(lang, lang),
                "link": self.urls.href(src_uri if src_uri and lang in real else "index.md", lang),
                "lang": lang,
                "dir": direction(lang),
            }
            for lang in self.plan.locales
        ]

    def feed_links(self, locale: str) -> dict[str, str]:
        """Absolute URLs of a locale's reader feeds (`rss`, `atom`), when feeds are written."""
        if not self.feeds:
            return {}
        return {
            kind: self.urls.asset(feed_path(locale, self.source_locale, kind))
            for kind in ("rss", "atom")
        }

    # --- images and cards --------------------------------------------------------------------

    def image(self, slug: str, edition: Edition) -> Image | None:
        """A story's image as shown to readers of the edition: its own, else its share card."""
        image = self.images.get(slug)
        if image is not None:
            return dataclasses.replace(image, alt=edition.image_alt or image.alt)
        card = self.card_href(slug, edition.locale)
        return Image(card, edition.title, 1200, 630, "image/png") if card else None

    def share_image(self, slug: str, locale: str) -> str | None:
        """Absolute public URL of the image to share a story with in `locale`."""
        edition = self.plan.edition_for(locale, self.plan.story_uris[slug])
        image = self.image(slug, edition) if edition is not None else None
        if image is None:
            return None
        return (
            self.public.site_url.rstrip("/") + image.url if image.url.startswith("/") else image.url
        )

    def card_href(self, slug: str, locale: str) -> str | None:
        """Root-relative link to a story's share card in a locale, when cards are drawn."""
        if not self.cards or locale not in self.plan.published(slug):
            return None
        return self.urls.href_asset(card_path(slug, locale))

    # --- after the build ---------------------------------------------------------------------

    def lastmod(self) -> dict[str, str]:
        """When each story and listing page last changed: `updated`, else `date` (W3C date)."""
        found: dict[str, str] = {}
        for slug, by_locale in self.plan.editions.items():
            story = by_locale[self.source_locale].story
            found[self.plan.story_uris[slug]] = (story.updated or story.date).isoformat()
        for uri, listings in self.plan.listings.items():
            days = [
                e.story.updated or e.story.date
                for listing in listings.values()
                for e in listing.editions
            ]
            if days:
                found[uri] = max(days).isoformat()
        return found

    def outputs(self, site_name: str = "", site_description: str = "") -> dict[str, bytes]:
        """Files of the whole site, by site-relative path: sitemaps, robots.txt, reader feeds.

        robots.txt names the sitemap (sitemaps.org, "Informing search engine crawlers") and
        blocks nothing: the snippets pages are `noindex`, which a crawler must fetch to see.
        """
        plan = self.plan
        uris = set(plan.documents) | set(plan.listings) | set(plan.story_uris.values())
        sitemap = sitemap_xml(plan, self.urls, uris, self.lastmod())
        files = {"sitemap.xml": sitemap, "sitemap.xml.gz": gzip.compress(sitemap, mtime=0)}
        if self.urls.site_url:
            files["robots.txt"] = (
                f"User-agent: *\nAllow: /\n\nSitemap: {self.urls.asset('sitemap.xml')}\n".encode()
            )
        if self.feeds:
            for locale in plan.locales:
                for kind, content in reader_feeds(
                    plan,
                    self.urls,
                    locale,
                    self.site_text(locale, "site_name", site_name),
                    self.site_text(locale, "site_description", site_description),
                ).items():
                    files[feed_path(locale, self.source_locale, kind)] = content
        files.update(self.redirect_pages())
        return files

    def redirect_pages(self) -> dict[str, bytes]:
        """A page at every old address of a renamed story, in every language, sending readers
        (and search engines: an instant meta refresh is read as a permanent redirect) on to
        the story in the same language; by a relative link, so that a preview on another host
        stays there."""
        files = {}
        for old, new in sorted(self.plan.redirects.items()):
            for locale in self.plan.locales:
                path = self.urls.path(old, locale)
                folder = path if path.endswith("/") else posixpath.dirname(path)
                target = self.urls.path(new, locale)
                link = posixpath.relpath(target or ".", folder or ".") + (
                    "/" if target.endswith("/") else ""
                )
                edition = self.edition_for(locale, new)
                lang = edition.locale if edition else locale
                html = self.renderer.render(
                    "redirect.html",
                    locale,
                    lang=lang,
                    dir=direction(lang),
                    title=edition.title if edition else new,
                    url=link,
                    canonical=self.urls.absolute(new, locale) if self.urls.site_url else link,
                )
                files[path + "index.html" if path.endswith("/") else path] = html.encode()
        return files
