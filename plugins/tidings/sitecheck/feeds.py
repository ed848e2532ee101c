"""RSS 2.0, Atom and JSON Feed 1.1 files: parse cleanly, carry the required elements, valid dates.

feedparser is the reader most feed tools are built on: anything it flags as `bozo` (not
well-formed, wrong encoding) would break some reader. It is lenient about structure and dates,
so the required elements (RSS 2.0 spec, RFC 4287) and the date formats (RFC 822 in RSS,
RFC 3339 in Atom and JSON Feed) are checked here directly. JSON Feed files are validated
against scripts/validators/jsonfeed-1.1.schema.json.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import feedparser
import jsonschema
from lxml import etree

from .report import Result, timed
from .site import Site
from .tools import SCHEMAS

ATOM = "http://www.w3.org/2005/Atom"
JSON_FEED_SCHEMA = SCHEMAS / "jsonfeed-1.1.schema.json"

# RFC 822 section 5 date-time, with the 4-digit year the RSS 2.0 spec recommends also allowed.
RFC822 = re.compile(
    r"^(?:(?P<wday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(?P<day>\d{1,2}) "
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<year>\d{2}|\d{4}) "
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))? "
    r"(?P<zone>UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$"
)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# RFC 3339 section 5.6 date-time. Atom (RFC 4287 section 3.3) also requires upper-case T and Z.
RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)


def check_feeds(site: Site) -> Result:
    result = Result("feeds")
    with timed(result):
        result.version = f"feedparser {version('feedparser')}, jsonschema {version('jsonschema')}"
        schema = json.loads(JSON_FEED_SCHEMA.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for path in sorted(site.root.rglob("*.xml")):
            kind = xml_feed_kind(path)
            if kind:
                result.checked += 1
                check_xml_feed(site.rel(path), path, kind, result)
        for path in sorted(site.root.rglob("*.json")):
            data = json_feed(path)
            if data is not None:
                result.checked += 1
                check_json_feed(site.rel(path), path, data, validator, result)
    return result


def xml_feed_kind(path: Path) -> str | None:
    """'rss' or 'atom' from the root element; None for sitemaps and other XML."""
    try:
        for _event, element in etree.iterparse(str(path), events=("start",)):
            if element.tag == "rss":
                return "rss"
            if element.tag == f"{{{ATOM}}}feed":
                return "atom"
            return None
    except etree.XMLSyntaxError:
        # A broken feed is still a feed when its name says so; let feedparser report it.
        return "rss" if "rss" in path.name or "feed" in path.name else None
    return None


def json_feed(path: Path) -> dict[str, object] | None:
    """The parsed document when it claims to be a JSON Feed (search indexes etc. are skipped)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {"version": "unparseable"} if "feed" in path.name else None
    if isinstance(data, dict) and "jsonfeed.org/version/" in str(data.get("version", "")):
        return data
    return None


def check_xml_feed(rel: str, path: Path, kind: str, result: Result) -> None:
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        line = getattr(exc, "getLineNumber", lambda: 1)()
        result.add(rel, line, f"feedparser: not a clean feed: {exc}")
    try:
        tree = etree.parse(str(path))
    except etree.XMLSyntaxError as syntax:
        result.add(rel, syntax.lineno, f"not well-formed XML: {syntax.msg}")
        return
    if kind == "rss":
        check_rss(rel, tree.getroot(), result)
    else:
        check_atom(rel, tree.getroot(), result)


def check_rss(rel: str, rss: etree._Element, result: Result) -> None:
    """RSS 2.0 (cyber.harvard.edu/rss/rss.html): required channel and item elements, dates."""
    if rss.get("version") != "2.0":
        result.add(rel, rss.sourceline, f'<rss version="{rss.get("version")}">: expected "2.0"')
    channels = rss.findall("channel")
    if len(channels) != 1:
        result.add(
            rel, rss.sourceline, f"<rss> must contain exactly one <channel>, found {len(channels)}"
        )
        return
    channel = channels[0]
    for name in ("title", "link", "description"):
        element = channel.find(name)
        if element is None:
            result.add(rel, channel.sourceline, f"<channel> lacks required <{name}>")
        elif name != "description" and not (element.text or "").strip():
            result.add(rel, element.sourceline, f"<channel><{name}> is empty")
    for name in ("pubDate", "lastBuildDate"):
        for element in channel.findall(name):
            check_rfc822(rel, element, result)
    for item in channel.findall("item"):
        if item.find("title") is None and item.find("description") is None:
            result.add(
                rel, item.sourceline, "<item> needs at least one of <title> or <description>"
            )
        for element in item.findall("pubDate"):
            check_rfc822(rel, element, result)
        for enclosure in item.findall("enclosure"):
            for attribute in ("url", "length", "type"):
                if not enclosure.get(attribute):
                    result.add(
                        rel, enclosure.sourceline, f"<enclosure> lacks required {attribute}="
                    )
        guid = item.find("guid")
        permalink = guid is not None and guid.get("isPermaLink", "true") == "true"
        if permalink and not re.match(r"^https?://", (guid.text or "").strip()):
            result.add(
                rel,
                guid.sourceline,
                "<guid> is a permalink (isPermaLink defaults to true) but not an http(s) URL",
            )


def check_rfc822(rel: str, element: etree._Element, result: Result) -> None:
    text = (element.text or "").strip()
    problem = rfc822_problem(text)
    if problem:
        result.add(rel, element.sourceline, f"<{element.tag}> {text!r}: {problem}")


def rfc822_problem(text: str) -> str | None:
    """Why `text` is not an RFC 822 date-time, or None when it is one."""
    match = RFC822.match(text)
    if not match:
        return "not an RFC 822 date-time (e.g. 'Sat, 07 Sep 2002 09:42:31 GMT')"
    year = int(match["year"])
    if year < 100:
        year += 1900 if year >= 70 else 2000
    month = MONTHS.index(match["month"]) + 1
    day = int(match["day"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"day {day} does not exist in {match['month']} {year}"
    if int(match["hour"]) > 23 or int(match["minute"]) > 59 or int(match["second"] or 0) > 60:
        return "time of day out of range"
    if match["wday"] and DAYS[calendar.weekday(year, month, day)] != match["wday"]:
        return f"{match['day']} {match['month']} {year} is a {DAYS[calendar.weekday(year, month, day)]}, not a {match['wday']}"
    return None


def check_atom(rel: str, feed: etree._Element, result: Result) -> None:
    """Atom (RFC 4287 section 4): required feed and entry elements, RFC 3339 dates."""
    a = f"{{{ATOM}}}"
    for name in ("id", "title", "updated"):
        if feed.find(a + name) is None:
            result.add(rel, feed.sourceline, f"<feed> lacks required <{name}>")
    entries = feed.findall(a + "entry")
    feed_author = feed.find(a + "author") is not None
    for entry in entries:
        for name in ("id", "title", "updated"):
            if entry.find(a + name) is None:
                result.add(rel, entry.sourceline, f"<entry> lacks required <{name}>")
        if (
            not feed_author
            and entry.find(a + "author") is None
            and entry.find(a + "source") is None
        ):
            result.add(
                rel, entry.sourceline, "<entry> has no <author> and the <feed> has none either"
            )
        has_content = entry.find(a + "content") is not None
        alternate = [
            link
            for link in entry.findall(a + "link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not has_content and not alternate:
            result.add(rel, entry.sourceline, '<entry> needs <content> or a <link rel="alternate">')
    for element in feed.iter(a + "updated", a + "published"):
        text = (element.text or "").strip()
        problem = rfc3339_problem(text, atom=True)
        if problem:
            name = etree.QName(element).localname
            result.add(rel, element.sourceline, f"<{name}> {text!r}: {problem}")


def rfc3339_problem(text: str, atom: bool = False) -> str | None:
    """Why `text` is not an RFC 3339 date-time, or None when it is one."""
    match = RFC3339.match(text)
    if not match:
        return "not an RFC 3339 date-time (e.g. '2010-02-07T14:04:00-05:00')"
    if atom and ("t" in text[10:11] or text.endswith("z")):
        return "Atom requires an upper-case 'T' and 'Z' (RFC 4287 section 3.3)"
    try:
        datetime.fromisoformat(text.upper())
    except ValueError as error:
        return f"not a real date-time: {error}"
    return None


def check_json_feed(
    rel: str,
    path: Path,
    data: dict[str, object],
    validator: jsonschema.Draft202012Validator,
    result: Result,
) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    if data.get("version") == "unparseable":
        try:
            json.loads(text)
        except ValueError as invalid:
            result.add(rel, getattr(invalid, "lineno", 1), f"not valid JSON: {invalid}")
        return
    for error in sorted(
        validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    ):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        message = error.message
        if (
            error.validator == "pattern"
            and isinstance(error.schema, dict)
            and "description" in error.schema
        ):
            message = f"{error.instance!r} is not {error.schema['description']}"
        result.add(rel, line_of(text, error.absolute_path), f"JSON Feed 1.1: {where}: {message}")
    items = data.get("items")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        for key in ("date_published", "date_modified"):
            value = item.get(key)
            # The schema's pattern reports a wrong format; this catches dates like 02-30.
            if isinstance(value, str) and RFC3339.match(value):
                problem = rfc3339_problem(value)
                if problem:
                    result.add(
                        rel,
                        line_of(text, ["items", index, key]),
                        f"items/{index}/{key} {value!r}: {problem}",
                    )


def line_of(text: str, json_path: Iterable[object]) -> int:
    """Line of the value at a JSON path (`["items", 3, "date_published"]`), else of the nearest parent."""
    try:
        positions = json_positions(text)
    except (ValueError, IndexError):
        return 1
    path = tuple(json_path)
    while path not in positions and path:
        path = path[:-1]
    return text.count("\n", 0, positions.get(path, 0)) + 1


def json_positions(text: str) -> dict[tuple[object, ...], int]:
    """Offset of every value in a JSON document, keyed by its path (the json module keeps none)."""
    decoder = json.JSONDecoder()
    whitespace = re.compile(r"[ \t\n\r]*")
    positions: dict[tuple[object, ...], int] = {}

    def skip(i: int) -> int:
        return whitespace.match(text, i).end()

    def value(i: int, path: tuple[object, ...]) -> int:
        i = skip(i)
        positions[path] = i
        if text[i] == "{":
            i = skip(i + 1)
            while text[i] != "}":
                key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
                i = skip(i)
                i = value(i + 1, (*path, key))  # after the ':'
                i = skip(i)
                i = skip(i + 1) if text[i] == "," else i
            return i + 1
        if text[i] == "[":
            i, index = skip(i + 1), 0
            while text[i] != "]":
                i = skip(value(i, (*path, index)))
                i = skip(i + 1) if text[i] == "," else i
                index += 1
            return i + 1
        return decoder.raw_decode(text, i)[1]

    value(0, ())
    return positions
