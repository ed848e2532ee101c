"""Snippet feeds for schedulers: RSS 2.0, JSON Feed 1.1 and CSV per locale and channel.

Deterministic: the same snippets give byte-identical files (no build clock in them), so a
deploy only changes a feed when a snippet changed and schedulers do not re-post.

Snippets are plain text. In RSS, whose `description` is HTML, they are escaped once more; in
the CSV, a cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
a tab or a carriage return: OWASP, "CSV Injection") gets a leading `'`, which Excel and
LibreOffice read as "this is text" and do not show or save back.

CSV layout follows Hootsuite's bulk composer: no header row; columns date and time
(`DD/MM/YYYY HH:mm`, 24 h), message, link (left empty: the link is already in the message,
where the channel's template puts it). Times are the story date at 09:00; the social team
adjusts them before upload.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping, Sequence
from html import escape

from feedgen.feed import FeedGenerator

from tidings.locales import language_tag
from tidings.snippets.compose import Snippet

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feed_files(base: str, locale: str, channel: str) -> dict[str, str]:
    """Site-relative paths of one locale's and channel's feeds under `base` (`snippets`)."""
    stem = f"{base.strip('/')}/{locale}/{channel}"
    return {"rss": f"{stem}.xml", "json": f"{stem}.json", "csv": f"{stem}.csv"}


def _moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)


def rss(
    snippets: Sequence[Snippet],
    *,
    title: str,
    home: str,
    self_url: str,
    locale: str,
    newest: dt.date | None = None,
) -> bytes:
    """RSS 2.0 with the snippet as each item's description (what RSS-to-social tools post).

    `newest` dates a feed with no snippet yet (the site's newest story), so no build clock
    and no made-up date gets in.
    """
    generator = FeedGenerator()
    generator.title(title)
    # feedgen puts the last link into RSS <link>: the site, not the feed (RSS 2.0).
    generator.link(href=self_url, rel="self")
    generator.link(href=home, rel="alternate")
    generator.description(title)
    generator.language(language_tag(locale))
    generator.generator("Tidings")
    latest = max((s.date for s in snippets), default=newest or dt.date(2000, 1, 1))
    generator.lastBuildDate(_moment(latest))
    for snippet in reversed(snippets):  # feedgen prepends entries
        entry = generator.add_entry()
        entry.guid(f"{snippet.page_url}#{snippet.channel.id}", permalink=False)
        entry.title(snippet.title)
        entry.link(href=snippet.link)
        entry.description(escape(snippet.text, quote=False))
        entry.pubDate(_moment(snippet.date))
        if snippet.image:
            entry.enclosure(snippet.image, 0, "image/png")
    return bytes(generator.rss_str(pretty=True))


def json_feed(
    snippets: Sequence[Snippet], *, title: str, home: str, self_url: str, locale: str
) -> bytes:
    """JSON Feed 1.1; `_tidings` carries the count and the limit for each item."""
    items = []
    for snippet in snippets:
        item: dict[str, object] = {
            "id": f"{snippet.page_url}#{snippet.channel.id}",
            "url": snippet.link,
            "title": snippet.title,
            "content_text": snippet.text,
            "summary": snippet.summary,
            "date_published": _moment(snippet.date).isoformat(),
            "language": language_tag(locale),
            "_tidings": {
                "channel": snippet.channel.id,
                "length": snippet.measure.length,
                "limit": snippet.measure.limit,
                "counter": snippet.measure.counter,
                "truncated": snippet.post.truncated,
                "payload": snippet.post.payload,
            },
        }
        if snippet.image:
            item["image"] = snippet.image
        if snippet.post.hashtags:
            item["tags"] = list(snippet.post.hashtags)
        items.append(item)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": home,
        "feed_url": self_url,
        "language": language_tag(locale),
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_file(snippets: Sequence[Snippet]) -> bytes:
    """Hootsuite bulk-composer CSV (see the module docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for snippet in snippets:
        writer.writerow(
            [
                _moment(snippet.date, 9).strftime("%d/%m/%Y %H:%M"),
                spreadsheet_text(snippet.text),
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


# OWASP CSV Injection: = + - @ tab CR start a formula; full-width forms too (Excel in CJK
# locales reads "＝" as "="), and spreadsheets skip leading spaces before looking.
_FORMULA = re.compile(r"^[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")


def spreadsheet_text(cell: str) -> str:
    """Return a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if _FORMULA.match(cell) else cell


def index(entries: Mapping[str, Mapping[str, Mapping[str, object]]]) -> bytes:
    """The index of all feeds: locale -> channel -> {name, limit, rss, json, csv, count}."""
    return (
        json.dumps({"locales": entries}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
