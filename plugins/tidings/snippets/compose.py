"""Snippets: a story's social post for one locale and channel, composed to fit.

The text is the channel-specific one a writer or translator gave, else the general snippet,
else the summary; then the localized hashtags in the channel's style and the localized page
URL with UTM tags. A channel text given explicitly that does not fit is an error at the line
where it was written (story or PO file): it is never cut quietly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tidings.editions.edition import Edition
from tidings.errors import Problem
from tidings.snippets.channels import Channel, channels_for_locale
from tidings.snippets.counting import UNITS, Measure, binding
from tidings.snippets.fitting import Fitted, fit


@dataclass(frozen=True)
class Snippet:
    """A ready-to-post text for one story, locale and channel."""

    slug: str
    locale: str
    channel: Channel
    post: Fitted
    source: str  # "snippets.<channel>", "snippet" or "summary": which text it was made from
    page_url: str  # the story page in this locale, without tracking
    link: str  # the link in the post (with UTM tags where the channel wants them)
    title: str
    summary: str
    date: dt.date
    image: str | None = None

    @property
    def text(self) -> str:
        return self.post.text

    @property
    def measure(self) -> Measure:
        """The limit that binds (the one closest to being exceeded)."""
        return binding(self.post.measures)

    @property
    def count(self) -> str:
        """ "231 / 280" as a person reads it."""
        return f"{self.measure.length} / {self.measure.limit}"

    @property
    def unit(self) -> str:
        return UNITS.get(self.measure.counter, self.measure.counter)


def with_utm(url: str, channel: str, campaign: str, content: str) -> str:
    """Add utm_source/medium/campaign/content to a URL, keeping its own query and fragment."""
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    query += [
        ("utm_source", channel),
        ("utm_medium", "social"),
        ("utm_campaign", campaign),
        ("utm_content", content),
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def compose(
    edition: Edition, channel: Channel, page_url: str, image: str | None = None
) -> tuple[Snippet, list[Problem]]:
    """Compose one snippet; return it with the problems a person must fix."""
    story = edition.story
    if channel.id in edition.snippets:
        source, text = f"snippets.{channel.id}", edition.snippets[channel.id]
    elif edition.snippet:
        source, text = "snippet", edition.snippet
    else:
        source, text = "summary", edition.summary
    link = with_utm(page_url, channel.id, story.slug, edition.locale) if channel.utm else page_url
    post = fit(text, channel, url=link, hashtags=edition.hashtags)
    problems: list[Problem] = []
    path, line = edition.origin(source)
    if source.startswith("snippets.") and (post.truncated or not post.fits):
        over = (
            "; ".join(_over(m) for m in post.measures if not m.fits)
            or "it would have to be shortened"
        )
        problems.append(
            Problem(
                path,
                line,
                f"{channel.name} text for '{story.slug}' ({edition.locale}) does not fit: {over}. Shorten it: explicit channel texts are never cut",
            )
        )
    elif not post.fits:
        problems.append(
            Problem(
                path,
                line,
                f"no {channel.name} post fits for '{story.slug}' ({edition.locale}): {'; '.join(post.problems)}",
            )
        )
    snippet = Snippet(
        story.slug,
        edition.locale,
        channel,
        post,
        source,
        page_url,
        link,
        edition.title,
        edition.summary,
        story.date,
        image,
    )
    return snippet, problems


def _over(measure: Measure) -> str:
    return f"{measure.length} {UNITS.get(measure.counter, measure.counter)}, limit {measure.limit}"


def compose_all(
    editions: Iterable[Edition],
    channels: Mapping[str, Channel],
    locale_map: Mapping[str, str | Sequence[str]] | None,
    page_url: Mapping[str, str],
    images: Mapping[str, str | None] | None = None,
) -> tuple[list[Snippet], list[Problem]]:
    """Snippets of every published edition for every channel serving its locale.

    `page_url` maps slug to the story's URL in the editions' locale.
    """
    snippets: list[Snippet] = []
    problems: list[Problem] = []
    for edition in sorted(editions, key=lambda e: (e.story.date, e.story.slug), reverse=True):
        if not edition.published:
            continue
        for cid in channels_for_locale(locale_map, edition.locale):
            if cid not in channels:
                continue
            snippet, found = compose(
                edition,
                channels[cid],
                page_url[edition.story.slug],
                (images or {}).get(edition.story.slug),
            )
            snippets.append(snippet)
            problems.extend(found)
    return snippets, problems


def budgets(channels: Mapping[str, Channel]) -> dict[str, str]:
    """Length notes for translators, by front-matter field (`snippets.x`, `snippet`)."""
    notes = {
        f"snippets.{cid}": f"{channel.name}: "
        + " and ".join(
            f"{limit.limit} {UNITS.get(limit.counter, limit.counter)}" for limit in channel.limits
        )
        + ", hashtags and link included; never shortened: keep it within the limit"
        for cid, channel in channels.items()
    }
    notes["snippet"] = (
        "general social text; shortened per channel where needed (WeChat digest: 120 characters)"
    )
    return notes
