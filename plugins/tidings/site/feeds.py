"""RSS 2.0 and Atom feeds of stories for readers, one pair per locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from feedgen.feed import FeedGenerator

from tidings.editions.edition import Edition
from tidings.locales import language_tag
from tidings.site.plan import Plan
from tidings.site.urls import Urls

FEED_NAMES = {"rss": "feed_rss.xml", "atom": "feed_atom.xml"}


def feed_path(locale: str, source_locale: str, kind: str) -> str:
    """Site-relative path of a locale's feed (`feed_rss.xml`, `en/feed_rss.xml`)."""
    prefix = "" if locale == source_locale else f"{locale}/"
    return prefix + FEED_NAMES[kind]


def reader_feeds(
    plan: Plan, urls: Urls, locale: str, site_name: str, description: str, limit: int = 50
) -> dict[str, bytes]:
    """Return {"rss": bytes, "atom": bytes} for the stories published in `locale`."""
    editions: Sequence[Edition] = sorted(
        (
            by_locale[locale]
            for by_locale in plan.editions.values()
            if locale in by_locale and by_locale[locale].published
        ),
        key=lambda e: (e.story.date, e.story.slug),
        reverse=True,
    )[:limit]
    home = urls.absolute("index.md", locale)
    generator = FeedGenerator()
    generator.id(home)
    generator.title(site_name)
    generator.subtitle(description or site_name)
    generator.description(description or site_name)
    generator.link(href=home, rel="alternate")
    generator.language(language_tag(locale))
    generator.generator("Tidings")
    # Deterministic: the newest story of the feed, else of the site (a locale with none yet).
    everything = [
        e.story.updated or e.story.date
        for by_locale in plan.editions.values()
        for e in by_locale.values()
    ]
    newest = max(
        (e.story.updated or e.story.date for e in editions),
        default=max(everything, default=dt.date(2000, 1, 1)),
    )
    generator.updated(plan.moment(newest))
    generator.lastBuildDate(plan.moment(newest))  # deterministic: the newest story, not the clock
    for edition in reversed(editions):  # feedgen prepends entries
        story = edition.story
        url = urls.absolute(plan.story_uris[story.slug], locale)
        entry = generator.add_entry()
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(edition.title)
        entry.link(href=url)
        entry.summary(edition.summary)  # Atom text construct: plain text as it is
        # RSS 2.0 `description` is HTML ("entity-encoded HTML is allowed", RSS 2.0 spec): a
        # summary is plain text, so it is escaped once more and readers show it as typed.
        entry.description(escape(edition.summary, quote=False))
        entry.content(escape(edition.summary, quote=False), type="html")
        entry.published(plan.moment(story.date))
        entry.updated(plan.moment(story.updated or story.date))
        for author in edition.authors:
            entry.author(name=author.name)
        for _, tag in edition.tags:
            entry.category(term=tag)
    rss_link = urls.asset(feed_path(locale, plan.source_locale, "rss"))
    atom_link = urls.asset(feed_path(locale, plan.source_locale, "atom"))
    generator.link(
        [{"href": home, "rel": "alternate"}, {"href": atom_link, "rel": "self"}], replace=True
    )
    atom = bytes(generator.atom_str(pretty=True))
    # feedgen puts the *last* link into RSS <link>, which must be the site (RSS 2.0: "The URL
    # to the HTML website corresponding to the channel"); the feed itself is atom:link self.
    generator.link(
        [{"href": rss_link, "rel": "self"}, {"href": home, "rel": "alternate"}], replace=True
    )
    return {"rss": bytes(generator.rss_str(pretty=True)), "atom": atom}
