"""Measure a text the way each social platform does.

The X count is twitter-text v3 (https://github.com/twitter/twitter-text, config/v3.json),
implemented here rather than taken from the `twitter-text-parser` package, which rewrites CRLF as
LF before counting (the official libraries count both characters) and knows emoji only up to
Unicode 12. The rules, in order: NFC-normalize; every http(s) URL counts 23; every emoji sequence
counts 2; any other code point counts 1 in U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F and
U+2032-U+2037, else 2.

URLs with an http:// or https:// scheme follow the grammar below (any alphabetic top-level
domain). X also links bare domains (``example.com/path``, ``www.example.org``) when their
top-level domain is on twitter-text's list, and counts them as 23 like any URL: those are found
with twitter-text-parser's own extractor (`bare_domains`), so a post with one is not measured
shorter than X measures it, and fitting never cuts inside one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from tidings.snippets.channels import Counter

if TYPE_CHECKING:
    from tidings.snippets.channels import Channel

UNITS: dict[str, str] = {
    "twitter": "weighted characters",
    "graphemes": "characters",
    "utf16": "UTF-16 units",
    "utf8": "UTF-8 bytes",
    "chars": "characters",
    "threads": "characters",
}
"""How each counter's unit reads in a message."""

TWITTER_URL_LENGTH = 23
"""transformedURLLength of twitter-text's v3 configuration."""

# Code point ranges of weight 1 in twitter-text v3 (config/v3.json: weight 100 of scale 100).
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

# An emoji sequence after UTS #51, as twemoji-parser (which twitter-text v3 uses) recognises
# them: flags, keycaps, tag sequences (England), skin tones, emoji presentation, joined by ZWJ.
# Bare ©, ® and ™ stay text, as in twemoji-parser; a text-presentation selector (U+FE0E) makes
# a character text again. Any well-formed ZWJ sequence counts as one, also ones not yet in
# Unicode's recommended list; the `regex` module's Unicode tables keep new emoji current.
_RI = r"[\U0001F1E6-\U0001F1FF]"
_ELEMENT = (
    rf"(?:{_RI}{_RI}"
    r"|[#*0-9]\uFE0F?\u20E3"
    r"|\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F"
    r"|\p{Emoji_Modifier_Base}\p{Emoji_Modifier}\uFE0F?"
    r"|\p{Extended_Pictographic}\uFE0F"
    r"|(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}(?!\uFE0E)"
    r"|\p{Emoji_Presentation}(?!\uFE0E))"
)
EMOJI = regex.compile(rf"{_ELEMENT}(?:\u200D{_ELEMENT})*")
GRAPHEME = regex.compile(r"\X")

# URL grammar of twitter-text (js/src/regexp/*), reduced to http(s) URLs.
_LATIN = r"\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
_CYRILLIC = r"\u0400-\u04FF"
_SPACES = r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066-\u2069"
_INVALID = r"\uFFFE\uFEFF\uFFFF"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$\"`"
_DC = rf"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_TLD = rf"(?:[a-z]{{2,}}(?![a-z0-9@+\-])|xn--[\-0-9a-z]+|(?:(?![\x00-\x7F]){_DC})+)"
_DOMAIN = rf"(?:{_DC}(?:[_\-]*{_DC})*\.)*{_DC}(?:-*{_DC})*\.{_TLD}"
_GEN = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN}]"
_PARENS = rf"\((?:{_GEN}+|{_GEN}*\({_GEN}+\){_GEN}*)\)"
_END = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN}]|{_PARENS})"
_SEGMENT = rf"(?:{_GEN}*(?:{_PARENS}{_GEN}*)*{_END}|@{_GEN}+/)"
_QUERY = r"\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/]"
URL = regex.compile(
    rf"(?<![A-Za-z0-9@＠$#＃{_INVALID}])https?://(?P<domain>{_DOMAIN})(?::[0-9]+)?(?:/{_SEGMENT}*)?(?:{_QUERY})?",
    regex.IGNORECASE,
)
_MAX_URL = 4096
_MAX_LABEL = 63


def _label_ok(label: str) -> bool:
    # Hosts are sent as punycode: a label of 52 kana is 63 ASCII characters, one more is too long.
    encoded = label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
    return 0 < len(encoded) <= _MAX_LABEL


def find_urls(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the http(s) URLs in `text`."""
    spans = []
    for match in URL.finditer(text):
        if len(match.group()) <= _MAX_URL and all(
            _label_ok(label) for label in match.group("domain").split(".")
        ):
            spans.append(match.span())
    return spans


def bare_domains(text: str) -> list[tuple[int, int]]:
    """Spans X links without a scheme (twitter-text's TLD list), outside the http(s) URLs."""
    if "." not in text:
        return []
    from twitter_text import extract_urls_with_indices

    schemed = find_urls(text)
    spans = []
    for found in extract_urls_with_indices(text):
        start, end = found["indices"]
        if not any(start < e and s < end for s, e in schemed):
            spans.append((start, end))
    return spans


def find_emoji(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the emoji sequences in `text`."""
    return [match.span() for match in EMOJI.finditer(text)]


def _weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _LIGHT) else 2


def twitter_length(
    text: str, *, url_length: int = TWITTER_URL_LENGTH, emoji_parsing: bool = True
) -> int:
    """Return the twitter-text weighted length (v3; `emoji_parsing=False` gives v2).

    CRLF counts as two characters, as in the official libraries.
    """
    normalized = unicodedata.normalize("NFC", text)
    urls = dict(find_urls(normalized) + bare_domains(normalized))
    emoji = dict(find_emoji(normalized)) if emoji_parsing else {}
    total = 0
    index = 0
    while index < len(normalized):
        if index in urls:
            total += url_length
            index = urls[index]
        elif index in emoji:
            total += 2
            index = emoji[index]
        else:
            total += _weight(normalized[index])
            index += 1
    return total


def _shorten_urls(text: str, url_length: int) -> str:
    # Mastodon's validator does the same: each URL becomes url_length placeholder characters.
    pieces = []
    last = 0
    for start, end in find_urls(text):
        pieces += [text[last:start], "x" * url_length]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def count(text: str, counter: Counter, url_length: int | None = None) -> int:
    """Return the length of `text` as `counter` measures it.

    ``twitter``: twitter-text v3 weighted length; ``graphemes``: user-perceived characters;
    ``utf16``: UTF-16 code units; ``utf8``: UTF-8 bytes; ``chars``: code points; ``threads``:
    code points, with each emoji sequence counting its UTF-8 bytes (Threads' documented rule).
    With `url_length`, every http(s) URL counts that much; None keeps URLs as written, except
    for ``twitter``, whose rules always shorten URLs (to 23 unless told otherwise).
    """
    if counter == "twitter":
        return twitter_length(
            text, url_length=TWITTER_URL_LENGTH if url_length is None else url_length
        )
    if url_length is not None:
        text = _shorten_urls(text, url_length)
    if counter == "graphemes":
        return len(GRAPHEME.findall(text))
    if counter == "utf16":
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    if counter == "utf8":
        return len(text.encode("utf-8", "surrogatepass"))
    if counter == "chars":
        return len(text)
    if counter == "threads":
        return len(text) + sum(len(m.encode("utf-8")) - len(m) for m in EMOJI.findall(text))
    raise ValueError(f"unknown counter {counter!r}")


@dataclass(frozen=True)
class Measure:
    """The length of a text under one of a channel's limits."""

    counter: Counter
    length: int
    limit: int
    fits: bool
    source: str = ""

    @property
    def over(self) -> int:
        """How much too long the text is (0 when it fits)."""
        return max(0, self.length - self.limit)


def measure(text: str, channel: Channel) -> list[Measure]:
    """Measure `text` against every limit of `channel`."""
    measures = []
    for limit in channel.limits:
        length = count(text, limit.counter, channel.url_length)
        measures.append(
            Measure(limit.counter, length, limit.limit, length <= limit.limit, limit.source)
        )
    return measures


def fits(text: str, channel: Channel) -> bool:
    """Whether `text` is within every limit of `channel`."""
    return all(m.fits for m in measure(text, channel))


def binding(measures: Sequence[Measure]) -> Measure:
    """Return the limit closest to being (or furthest) exceeded, the one a person must watch."""
    return max(measures, key=lambda m: (m.length / m.limit if m.limit else float("inf"), m.length))
