"""Make a snippet fit a channel: compose text, hashtags and link, and shorten only the text.

The text is cut at the last sentence end that fits, else at a word boundary, else at a grapheme
boundary, and never inside a URL, hashtag, @mention or emoji sequence. Chinese, Japanese and
Thai put no spaces between words: their word boundaries are BudouX's phrase boundaries (Google's
small segmentation models for ja, zh-Hans, zh-Hant and th, Apache-2.0; `phrases`), so a cut
does not split นักศึกษา or 城市. A space in Thai text (which separates sentences and clauses)
counts as a sentence end. Lao, Khmer and Myanmar (Burmese), which BudouX has no model for, are
cut between the words of ICU's dictionary-based word break iterator (`words.inside_words`),
so a cut does not split ប្រជាពលរដ្ឋ either. A text a person wrote for one channel is never cut:
`check_explicit` reports it instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from string import Formatter
from typing import Any

import regex

from tidings.snippets.channels import Channel, HashtagStyle
from tidings.snippets.counting import (
    GRAPHEME,
    UNITS,
    X_INVALID,
    Measure,
    bare_domains,
    find_emoji,
    find_urls,
    measure,
)
from tidings.snippets.words import inside_words

MIN_TEXT = 50
"""Graphemes of text worth keeping before hashtags are dropped to make room."""

SENTENCE_SHARE = 0.6
"""A sentence-end cut is preferred unless it keeps less than this share of a word cut."""

_MENTION = regex.compile(
    r"(?<![\p{L}\p{N}_])@[\p{L}\p{N}_][\p{L}\p{N}_.]*(?:@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)?"
)
_HASHTAG = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_&])[#＃][\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*"
)
_WEIBO_TOPIC = regex.compile(r"#[^#\s][^#\n]{0,63}#")
_TAG_JUNK = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")
# Terminators that end a sentence only before a space or the end (abbreviations, decimals) ...
_SPACED_END = regex.compile(r"[.!?؟۔…]+[\"'”’)\]»]*(?=\s|\Z)")
# ... and the CJK ones, which need no space after them.
_CJK_END = regex.compile(r"[。！？]+[”’」』）】》〉\"']*")
_THAI_SPACE = regex.compile(r"(?<=\p{Thai}) +(?=\p{Thai})")
_SPACE = regex.compile(r"(?<=\S)\s+")
_NO_SPACE_SCRIPT = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\u3000-\u303F\uFF00-\uFFEF]"
)
_DANGLING = regex.compile(r"[\s,;:、，；：\-–—(\[{（「『【《]+\Z")


@dataclass(frozen=True)
class Fitted:
    """A post composed for one channel, with its lengths and what fitting had to give up."""

    channel: str
    text: str
    """The post as people will read it; this is what was measured."""
    payload: str
    """The post as sent to the platform: `text` with the channel's escapes applied."""
    body: str
    """The writer's text as kept (shortened and with an ellipsis when `truncated`)."""
    measures: tuple[Measure, ...]
    truncated: bool
    hashtags: tuple[str, ...]
    """The hashtags placed, as rendered for the channel (``#OpenSource``, ``#开源#``)."""
    dropped_hashtags: tuple[str, ...]
    """Hashtags given but not placed: over the channel's maximum, or no room for them."""
    problems: tuple[str, ...] = ()
    """Why the post still does not satisfy the channel, if it does not."""

    @property
    def fits(self) -> bool:
        return all(m.fits for m in self.measures) and not self.problems

    @property
    def lengths(self) -> dict[str, int]:
        return {m.counter: m.length for m in self.measures}

    @property
    def limits(self) -> dict[str, int]:
        return {m.counter: m.limit for m in self.measures}


def render_hashtag(tag: str, style: HashtagStyle) -> str | None:
    """Write a tag in the channel's style; words become CamelCase (``open source`` -> ``#OpenSource``).

    Returns None for a tag with nothing left after removing what hashtags cannot hold.
    """
    if style == "none":
        return None
    words = [_TAG_JUNK.sub("", word) for word in tag.strip().strip("#＃").split()]
    words = [word for word in words if word]
    if not words:
        return None
    joined = words[0] if len(words) == 1 else "".join(word[:1].upper() + word[1:] for word in words)
    return f"#{joined}#" if style == "weibo" else f"#{joined}"


def count_hashtags(text: str, style: HashtagStyle) -> int:
    """Count the hashtags (Weibo: topics) written in `text`."""
    pattern = _WEIBO_TOPIC if style == "weibo" else _HASHTAG
    return len(pattern.findall(text))


def compose(template: str, text: str, hashtags: str, url: str) -> str:
    """Fill a channel template, dropping each empty part with the separator before it."""
    parts = {"text": text, "hashtags": hashtags, "url": url}
    out: list[str] = []
    placed = False
    for index, (literal, field, _, _) in enumerate(Formatter().parse(template)):
        if field is None:
            out.append(literal)
            continue
        value = parts[field]
        # The text before the first placeholder always stays; a separator only between values.
        if index == 0 or (value and placed):
            out.append(literal)
        if value:
            out.append(value)
            placed = True
    return "".join(out)


def escape(text: str, reserved: str) -> str:
    """Backslash-escape every character of `reserved` in `text`."""
    return "".join("\\" + char if char in reserved else char for char in text) if reserved else text


# Where a link a reader sees ends: URL grammars stop at a non-Latin path (…/wiki/元宵节), the
# reader's link goes on to the next space or closing punctuation.
_LINK_TAIL = regex.compile(r"[^\s<>\"，。！？、；：）」』】》]*")


def protected(text: str) -> list[tuple[int, int]]:
    """Spans a cut must not fall inside: URLs (to their visible end), hashtags, Weibo topics,
    @mentions, emoji."""
    links = [
        (start, _LINK_TAIL.match(text, end).end())  # type: ignore[union-attr]
        for start, end in find_urls(text) + bare_domains(text)
    ]
    spans = links + find_emoji(text)
    for pattern in (_HASHTAG, _WEIBO_TOPIC, _MENTION):
        spans += [m.span() for m in pattern.finditer(text)]
    return spans


def _allowed(points: Iterable[int], spans: Sequence[tuple[int, int]]) -> list[int]:
    return sorted({p for p in points if p > 0 and not any(start < p < end for start, end in spans)})


def _cut_points(text: str) -> tuple[list[int], list[int], list[int]]:
    """Candidate cut positions: sentence ends, word boundaries, grapheme boundaries."""
    spans = protected(text)
    graphemes = [m.end() for m in GRAPHEME.finditer(text)]
    sentences = [m.end() for m in _SPACED_END.finditer(text)] + [
        m.end() for m in _CJK_END.finditer(text)
    ]
    sentences += [m.start() for m in _THAI_SPACE.finditer(text)]
    words = [m.start() for m in _SPACE.finditer(text)]
    between = phrases(text)
    inside = inside_words(text)
    words += [
        p
        for p in graphemes
        if p < len(text)
        and (_NO_SPACE_SCRIPT.match(text[p]) or _NO_SPACE_SCRIPT.match(text[p - 1]))
        and (between is None or p in between or _SEGMENTED.match(text[p - 1] + text[p]) is None)
        and p not in inside
    ]
    return _allowed(sentences, spans), _allowed(words, spans), _allowed(graphemes, spans)


# Two characters of one script BudouX segments: a boundary between them must be one of its.
_SEGMENTED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]{2}|\p{Thai}{2}")
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")


def phrases(text: str) -> set[int] | None:
    """Offsets between BudouX phrases of `text` (None when it has no ja, zh or th text)."""
    import budoux

    if regex.search(r"\p{Thai}", text):
        parser = _loaded("th", budoux.load_default_thai_parser)
    elif _KANA.search(text):
        parser = _loaded("ja", budoux.load_default_japanese_parser)
    elif regex.search(r"\p{Han}", text):
        if _is_traditional(text):
            parser = _loaded("zh-Hant", budoux.load_default_traditional_chinese_parser)
        else:
            parser = _loaded("zh-Hans", budoux.load_default_simplified_chinese_parser)
    else:
        return None
    offsets, at = set(), 0
    for chunk in parser.parse(text):
        at += len(chunk)
        offsets.add(at)
    return offsets


_LOADED: dict[str, object] = {}
"""BudouX parsers and the OpenCC converter, loaded once per process."""


def _loaded(name: str, load: Callable[[], object]) -> Any:
    if name not in _LOADED:
        _LOADED[name] = load()
    return _LOADED[name]


def _is_traditional(text: str) -> bool:
    import opencc

    han = "".join(regex.findall(r"\p{Han}", text))
    converter = _loaded("t2s", lambda: opencc.OpenCC("t2s.json"))
    return bool(converter.convert(han) != han)


def _shorten(text: str, point: int, ellipsis: str) -> str:
    kept = _DANGLING.sub("", text[:point])
    return kept + ellipsis if kept else ""


def _last_fitting(
    points: Sequence[int], make: Callable[[int], str], ok: Callable[[str], bool]
) -> int | None:
    """Return the largest point whose text fits; lengths grow with the point, so bisect."""
    low, high, best = 0, len(points) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if ok(make(points[middle])):
            best, low = middle, middle + 1
        else:
            high = middle - 1
    return None if best is None else points[best]


def _best_cut(text: str, ellipsis: str, ok: Callable[[str], bool]) -> str | None:
    sentences, words, graphemes = _cut_points(text)
    sentence_at = _last_fitting(sentences, lambda p: text[:p].rstrip(), ok)
    word_at = _last_fitting(words, lambda p: _shorten(text, p, ellipsis), ok)
    if sentence_at is not None and (word_at is None or sentence_at >= SENTENCE_SHARE * word_at):
        return text[:sentence_at].rstrip()
    if word_at is not None and _shorten(text, word_at, ellipsis):
        return _shorten(text, word_at, ellipsis)
    grapheme_at = _last_fitting(graphemes, lambda p: _shorten(text, p, ellipsis), ok)
    if grapheme_at is not None and _shorten(text, grapheme_at, ellipsis):
        return _shorten(text, grapheme_at, ellipsis)
    return None


def _graphemes(text: str) -> int:
    return len(GRAPHEME.findall(text))


def fit(
    text: str,
    channel: Channel,
    *,
    url: str | None = None,
    hashtags: Sequence[str] = (),
    ellipsis: str = "…",
    min_text: int = MIN_TEXT,
) -> Fitted:
    """Compose `text`, `hashtags` and `url` for `channel`, shortening only the text if needed.

    Hashtags beyond the channel's maximum are dropped first; then, while the text would have to
    be cut below `min_text` graphemes, hashtags are dropped from the end.

    U+FEFF, U+FFFE and U+FFFF are removed first (a byte-order mark pasted from an editor, or
    noncharacters): invisible, never meant, and X refuses a post that has one (hashtags lose
    them in render_hashtag, with every character that is not part of a word).
    """
    text = X_INVALID.sub("", text).strip()
    link = url or ""
    rendered: list[tuple[str, str]] = []
    seen: set[str] = set()
    dropped: list[str] = []
    for tag in hashtags:
        shown = render_hashtag(tag, channel.hashtag_style)
        if shown is None:
            dropped.append(tag)
            continue
        if shown.casefold() in seen:
            continue
        seen.add(shown.casefold())
        rendered.append((tag, shown))
    if channel.max_hashtags is not None:
        room = max(0, channel.max_hashtags - count_hashtags(text, channel.hashtag_style))
        dropped += [tag for tag, _ in rendered[room:]]
        rendered = rendered[:room]

    def build(body: str, tags: Sequence[tuple[str, str]]) -> str:
        return compose(channel.template, body, " ".join(shown for _, shown in tags), link)

    def sent(body: str, tags: Sequence[tuple[str, str]]) -> str:
        """The payload: with a channel's escapes (LinkedIn's "little" format) the platform
        receives, and counts, the escaped text, which is longer than what a reader sees."""
        if not channel.escape:
            return build(body, tags)
        escaped_tags = " ".join(shown[0] + escape(shown[1:], channel.escape) for _, shown in tags)
        return compose(
            channel.template,
            escape(body, channel.escape),
            escaped_tags,
            escape(link, channel.escape),
        )

    def within(post: str) -> bool:
        return all(m.fits for m in measure(post, channel))

    def fits_with(tags: Sequence[tuple[str, str]]) -> Callable[[str], bool]:
        return lambda body_: within(sent(body_, tags))

    body, truncated = text, False
    wanted = min(_graphemes(text), min_text)
    for keep in range(len(rendered), -1, -1):
        tags = rendered[:keep]
        if within(sent(text, tags)):
            body, truncated = text, False
            break
        cut = _best_cut(text, ellipsis, fits_with(tags))
        body, truncated = (cut or ""), True
        if cut is not None and _graphemes(cut) >= wanted:
            break
    dropped += [tag for tag, _ in rendered[keep:]]
    placed = rendered[:keep]

    post = build(body, placed)
    payload = sent(body, placed)
    measures = tuple(measure(payload, channel))
    problems = []
    if truncated and not body and text:
        problems.append(f"no room for any of the text on {channel.name}")
    for m in measures:
        if not m.fits:
            problems.append(
                f"too long for {channel.name} even without text: {m.length} {UNITS[m.counter]}, limit {m.limit}"
            )
    links = len({post[start:end] for start, end in find_urls(post)})
    if channel.max_links is not None and links > channel.max_links:
        problems.append(f"{links} links; {channel.name} allows {channel.max_links}")
    tag_count = count_hashtags(post, channel.hashtag_style)
    if channel.max_hashtags is not None and tag_count > channel.max_hashtags:
        problems.append(f"{tag_count} hashtags; {channel.name} allows {channel.max_hashtags}")
    shown_tags = tuple(shown for _, shown in placed)
    return Fitted(
        channel.id,
        post,
        payload,
        body,
        measures,
        truncated,
        shown_tags,
        tuple(dropped),
        tuple(problems),
    )


def check_explicit(text: str, channel: Channel) -> list[str]:
    """Return what is wrong with a channel text a person wrote; such a text is never cut."""
    problems = []
    for m in measure(text, channel):
        if not m.fits:
            problems.append(
                f"too long for {channel.name}: {m.length} {UNITS[m.counter]}, limit {m.limit} (over by {m.over})"
            )
    tags = count_hashtags(text, channel.hashtag_style)
    if channel.max_hashtags is not None and tags > channel.max_hashtags:
        problems.append(f"{tags} hashtags; {channel.name} allows {channel.max_hashtags}")
    links = len({text[start:end] for start, end in find_urls(text)})
    if channel.max_links is not None and links > channel.max_links:
        problems.append(f"{links} links; {channel.name} allows {channel.max_links}")
    return problems
