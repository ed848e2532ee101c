"""Social channels as data: the built-in table, mkdocs.yml overrides, and which locales each serves.

Every number in the table carries the address it was taken from, so a reviewer can check it and
a maintainer knows where to look when a platform changes its rules. Where a platform does not say
in which unit it counts, the table counts UTF-16 code units: that is what a JavaScript composer's
``String.length`` reports, and it is never smaller than the number of characters a person sees.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from string import Formatter
from typing import Any, Literal, get_args

from tidings.errors import TidingsError
from tidings.snippets.sources import (
    BILIBILI,
    BLUESKY,
    DOUYIN,
    DOUYIN_LINKS,
    DOUYIN_TAGS,
    FACEBOOK,
    INSTAGRAM,
    INSTAGRAM_TAGS,
    KUAISHOU,
    KUAISHOU_TAGS,
    LINE,
    LINKEDIN,
    LITTLE_DOC,
    MASTODON,
    OPEN_GRAPH,
    TELEGRAM,
    TELEGRAM_CAPTION,
    THREADS_DOC,
    THREADS_LINKS,
    VK,
    WECHAT,
    WEIBO,
    X_DOC,
    X_WEIGHTS,
    ZHIHU,
)

Counter = Literal["twitter", "graphemes", "mastodon", "utf16", "utf8", "chars", "threads"]
"""How a channel measures text (see ``tidings.snippets.counting.count``)."""

HashtagStyle = Literal["hash", "weibo", "none"]
"""``hash``: ``#Tag``; ``weibo``: ``#话题#`` with no spaces inside; ``none``: no hashtags."""

COUNTERS: tuple[str, ...] = get_args(Counter)
HASHTAG_STYLES: tuple[str, ...] = get_args(HashtagStyle)

TEMPLATE_FIELDS = ("text", "hashtags", "url")
"""Placeholders a channel template may use: ``{text}`` (required), ``{hashtags}``, ``{url}``.

An empty part is dropped together with the separator in front of it, so "{text} {hashtags} {url}"
without hashtags reads "text url", not "text  url".
"""

LITTLE_RESERVED = "\\|{}@[]()<>#*_~"
"""Characters LinkedIn's "little" text format reserves; each must be escaped with a backslash."""


@dataclass(frozen=True)
class Limit:
    """One length rule of a channel: text measured with `counter` must not exceed `limit`."""

    counter: Counter
    limit: int
    source: str
    """Where the number comes from: an official document's address, or the mkdocs.yml override."""


@dataclass(frozen=True)
class Channel:
    """A place snippets are posted to, and the rules a post there must follow."""

    id: str
    """Short name used in mkdocs.yml, feeds and file names (``x``, ``vk``)."""
    name: str
    """Name shown to people (``X``, ``VK``)."""
    limits: tuple[Limit, ...]
    """All must hold (Bluesky: 300 graphemes and 3,000 UTF-8 bytes)."""
    url_length: int | None = None
    """Length every http(s) URL counts as after the platform shortens it; None: as written."""
    url_length_source: str = ""
    hashtag_style: HashtagStyle = "hash"
    max_hashtags: int | None = None
    """Most hashtags (or topic tags) a post may carry; None: no rule."""
    max_hashtags_source: str = ""
    max_links: int | None = None
    """Most distinct links a post may carry; None: no rule."""
    max_links_source: str = ""
    links_clickable: bool = True
    """False where a URL in the text is not a link (Instagram captions)."""
    utm: bool = True
    """Whether links to the site get utm_* tags for this channel."""
    template: str = "{text}\n\n{hashtags}\n\n{url}"
    """str.format-style layout of a post; see TEMPLATE_FIELDS."""
    escape: str = ""
    """Characters to backslash-escape in the text sent to the platform; the limits apply to the
    escaped text, which is what the platform receives and counts."""
    escape_source: str = ""
    note: str = ""


BUILTIN: dict[str, Channel] = {
    channel.id: channel
    for channel in (
        Channel("x", "X", (Limit("twitter", 280, X_WEIGHTS),), url_length=23, url_length_source=X_DOC, template="{text} {hashtags} {url}"),
        # Meta states no number; 63,206 is what the composer enforces and schedulers quote.
        Channel("facebook", "Facebook", (Limit("utf16", 63206, FACEBOOK),), note=OPEN_GRAPH),
        Channel("linkedin", "LinkedIn", (Limit("utf16", 3000, LINKEDIN),), escape=LITTLE_RESERVED, escape_source=LITTLE_DOC),
        Channel(
            "mastodon", "Mastodon", (Limit("mastodon", 500, MASTODON + " (default; instances may differ)"),),
            url_length=23, url_length_source=MASTODON + " (URL_PLACEHOLDER_CHARS)",
        ),
        Channel(
            "bluesky", "Bluesky",
            (Limit("graphemes", 300, BLUESKY + " (text.maxGraphemes)"), Limit("utf8", 3000, BLUESKY + " (text.maxLength, UTF-8 bytes)")),
        ),
        Channel(
            "threads", "Threads", (Limit("threads", 500, THREADS_DOC + " (500 characters; emoji count as their UTF-8 bytes)"),),
            max_hashtags=1, max_hashtags_source=THREADS_DOC + " (topic_tag: one tag per post)",
            max_links=5, max_links_source=THREADS_LINKS,
        ),
        Channel("telegram", "Telegram", (Limit("utf16", 4096, TELEGRAM),)),
        Channel("telegram-caption", "Telegram (photo caption)", (Limit("utf16", 1024, TELEGRAM_CAPTION),)),
        Channel("line", "LINE", (Limit("utf16", 5000, LINE),)),
        # 16,384 (2^14) is not in VK's own documentation; UTF-16 units so an unknown unit cannot
        # make a post too long.
        Channel("vk", "VK", (Limit("utf16", 16384, VK),), note=OPEN_GRAPH),
        # Weibo's composer counts a Chinese character as 1 and two half-width characters as 1;
        # UTF-16 units count Chinese as 1, emoji as 2 and Latin as 1, so they never undercount.
        Channel("weibo", "Weibo", (Limit("utf16", 2000, WEIBO),), hashtag_style="weibo"),
        Channel("wechat", "WeChat (article digest)", (Limit("chars", 120, WECHAT),), hashtag_style="none", template="{text}"),
        Channel(
            "instagram", "Instagram", (Limit("utf16", 2200, INSTAGRAM),),
            max_hashtags=5, max_hashtags_source=INSTAGRAM_TAGS,
            links_clickable=False, template="{text}\n\n{hashtags}",
        ),
        # Douyin and Kuaishou: topics are `#话题` ended by a space; no links in the text.
        Channel(
            "douyin", "Douyin (抖音)", (Limit("utf16", 1000, DOUYIN),),
            max_hashtags=5, max_hashtags_source=DOUYIN_TAGS,
            links_clickable=False, template="{text} {hashtags}", note=DOUYIN_LINKS,
        ),
        Channel(
            "kuaishou", "Kuaishou (快手)", (Limit("utf16", 500, KUAISHOU),),
            max_hashtags=3, max_hashtags_source=KUAISHOU_TAGS,
            links_clickable=False, template="{text} {hashtags}",
        ),
        # Bilibili and Zhihu write topics as `#话题#`, like Weibo.
        Channel("bilibili", "Bilibili (哔哩哔哩)", (Limit("utf16", 250, BILIBILI),), hashtag_style="weibo"),
        Channel("zhihu", "Zhihu (知乎想法)", (Limit("utf16", 1000, ZHIHU),), hashtag_style="weibo"),
    )
}  # fmt: skip

DEFAULT_LOCALES: dict[str, str | tuple[str, ...]] = {
    "x": "all",
    "facebook": "all",
    "linkedin": "all",
    "mastodon": "all",
    "bluesky": "all",
    "threads": "all",
    "instagram": "all",
    "telegram": "all",
    "vk": ("ru", "be", "kk"),
    "line": ("ja", "th", "zh-Hant"),
    "weibo": ("zh", "zh-Hans"),
    "wechat": ("zh", "zh-Hans"),
    "douyin": ("zh", "zh-Hans"),
    "kuaishou": ("zh", "zh-Hans"),
    "bilibili": ("zh", "zh-Hans"),
    "zhihu": ("zh", "zh-Hans"),
}
"""Which channels serve which locales when mkdocs.yml says nothing."""

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_FIELDS = {f.name: f for f in dataclasses.fields(Channel)}
_REQUIRED_FOR_NEW = ("name", "limits")


def _bad(path: str, channel_id: str, message: str) -> TidingsError:
    return TidingsError(path, None, f"channels.{channel_id}: {message}")


def _int(value: Any, path: str, cid: str, key: str, *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        wanted = "a whole number >= 0" + (" or null" if optional else "")
        raise _bad(path, cid, f"'{key}' must be {wanted}, not {value!r}")
    return value


def _limits(value: Any, path: str, cid: str) -> tuple[Limit, ...]:
    """Read `limits` as a list of {counter, limit, source} or a {counter: limit} mapping."""
    default_source = f"{path} (channels.{cid})"
    items: list[Mapping[str, Any]]
    if isinstance(value, Mapping):
        items = [{"counter": k, "limit": v} for k, v in value.items()]
    elif (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and all(isinstance(i, Mapping) for i in value)
    ):
        items = list(value)
    else:
        raise _bad(
            path,
            cid,
            "'limits' must be a list of {counter, limit, source} or a mapping counter: limit",
        )
    if not items:
        raise _bad(path, cid, "'limits' needs at least one limit")
    limits = []
    for item in items:
        unknown = set(item) - {"counter", "limit", "source"}
        if unknown:
            raise _bad(
                path, cid, f"unknown key '{min(unknown)}' in limits (known: counter, limit, source)"
            )
        counter = item.get("counter")
        if counter not in COUNTERS:
            raise _bad(path, cid, f"unknown counter {counter!r} (known: {', '.join(COUNTERS)})")
        number = _int(item.get("limit"), path, cid, "limit", optional=False)
        assert number is not None
        source = item.get("source", default_source)
        if not isinstance(source, str):
            raise _bad(path, cid, f"'source' must be text, not {source!r}")
        limits.append(Limit(counter, number, source))
    return tuple(limits)


def check_template(template: str) -> str | None:
    """Return what is wrong with a channel template, or None when it is usable."""
    try:
        parts = list(Formatter().parse(template))
    except ValueError as exc:
        return f"template {template!r} is not a valid format string ({exc})"
    fields = []
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in TEMPLATE_FIELDS or spec or conversion:
            return f"template {template!r}: unknown placeholder {{{field}}} (known: {{text}}, {{hashtags}}, {{url}})"
        fields.append(field)
    if "text" not in fields:
        return f"template {template!r} has no {{text}}"
    if len(set(fields)) != len(fields):
        return f"template {template!r} repeats a placeholder"
    return None


def _coerce(key: str, value: Any, path: str, cid: str) -> Any:
    """Check one overridden field and return it in the dataclass's type."""
    if key == "limits":
        return _limits(value, path, cid)
    if key in ("url_length", "max_hashtags", "max_links"):
        return _int(value, path, cid, key, optional=True)
    if key in ("links_clickable", "utm"):
        if not isinstance(value, bool):
            raise _bad(path, cid, f"'{key}' must be true or false, not {value!r}")
        return value
    if key == "hashtag_style" and value not in HASHTAG_STYLES:
        raise _bad(
            path, cid, f"unknown hashtag_style {value!r} (known: {', '.join(HASHTAG_STYLES)})"
        )
    if not isinstance(value, str):
        raise _bad(path, cid, f"'{key}' must be text, not {value!r}")
    if key == "template" and (problem := check_template(value)):
        raise _bad(path, cid, problem)
    return value


def load_channels(
    overrides: Mapping[str, Mapping[str, Any]] | None, path: str = "mkdocs.yml"
) -> dict[str, Channel]:
    """Return the built-in channels with the `channels:` mapping from mkdocs.yml applied.

    An override may change any field of a built-in channel or define a new channel, which then
    needs at least `name` and `limits`. Numbers given without a `source` are credited to `path`.
    """
    channels = dict(BUILTIN)
    if overrides is None:
        return channels
    if not isinstance(overrides, Mapping):
        raise TidingsError(
            path, None, f"channels must be a mapping of channel id to fields, not {overrides!r}"
        )
    for cid, fields in overrides.items():
        if not isinstance(cid, str) or not _ID.match(cid):
            raise TidingsError(
                path,
                None,
                f"channels: bad channel id {cid!r} (use lowercase letters, digits, - and _)",
            )
        if not isinstance(fields, Mapping):
            raise _bad(path, cid, f"expected a mapping of fields, not {fields!r}")
        for key in fields:
            if key not in _FIELDS or key == "id":
                known = ", ".join(k for k in _FIELDS if k != "id")
                raise _bad(path, cid, f"unknown field '{key}' (known: {known})")
        values = {key: _coerce(key, value, path, cid) for key, value in fields.items()}
        source = f"{path} (channels.{cid})"
        for number in ("url_length", "max_hashtags", "max_links"):
            if values.get(number) is not None and f"{number}_source" not in values:
                values[f"{number}_source"] = source
        if cid in channels:
            channels[cid] = dataclasses.replace(channels[cid], **values)
        else:
            missing = [key for key in _REQUIRED_FOR_NEW if key not in values]
            if missing:
                raise _bad(
                    path, cid, f"a new channel needs {' and '.join(repr(m) for m in missing)}"
                )
            channels[cid] = Channel(id=cid, **values)
    return channels


def _norm(tag: str) -> str:
    return tag.replace("_", "-").lower()


def serves(entry: str, locale: str) -> bool:
    """Whether a locale list entry (``ru``, ``zh-Hant``) covers a site locale.

    A bare language covers its regional variants (``ru`` covers ``ru-RU``) but not another script
    (``zh`` does not cover ``zh-Hant``): a script is a different readership.
    """
    entry, locale = _norm(entry), _norm(locale)
    if entry == locale:
        return True
    if not locale.startswith(entry + "-"):
        return False
    rest = locale[len(entry) + 1 :].split("-")[0]
    is_script = len(rest) == 4 and rest.isalpha()
    return not is_script


def channels_for_locale(
    mapping: Mapping[str, str | Sequence[str]] | None, locale: str
) -> list[str]:
    """Return the ids of the channels that serve `locale`, in the mapping's order.

    `mapping` is like ``{"x": "all", "vk": ["ru"]}``; None means DEFAULT_LOCALES.
    """
    chosen = []
    for cid, locales in (DEFAULT_LOCALES if mapping is None else mapping).items():
        if locales == "all":
            chosen.append(cid)
        elif isinstance(locales, str):
            if serves(locales, locale):
                chosen.append(cid)
        elif any(serves(entry, locale) for entry in locales):
            chosen.append(cid)
    return chosen


def check_locale_mapping(
    mapping: Mapping[str, Any], channels: Mapping[str, Channel], path: str = "mkdocs.yml"
) -> None:
    """Raise TidingsError for an unknown channel id or a malformed locale list in `mapping`."""
    for cid, locales in mapping.items():
        if cid not in channels:
            raise TidingsError(
                path,
                None,
                f"locales: unknown channel '{cid}' (known: {', '.join(sorted(channels))})",
            )
        ok = isinstance(locales, str) or (
            isinstance(locales, Sequence) and all(isinstance(entry, str) for entry in locales)
        )
        if not ok:
            raise TidingsError(
                path,
                None,
                f'locales.{cid}: expected "all" or a list of locales, not {locales!r}',
            )
