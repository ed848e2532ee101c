"""Measure a text the way each social platform does.

The X count is twitter-text 3.1.0 (https://github.com/twitter/twitter-text, config/v3.json),
implemented here rather than taken from the `twitter-text-parser` package, which rewrites CRLF as
LF before counting (the official libraries count both characters). The rules, in order:
NFC-normalize; every URL counts 23; every emoji that twemoji-parser 11.0.2 knows counts 2
(x_emoji.txt, the library's own answers: a sequence newer than Emoji 12 counts part by part,
`🧑‍🧑‍🧒` is 8); any other code point counts 1 in U+0000-U+10FF, U+2000-U+200D,
U+2010-U+201F and U+2032-U+2037, else 2. A text with U+FEFF, U+FFFE or U+FFFF is invalid
for X (`x_invalid`). tests/test_x_parity.py compares all of it with the npm library.

URLs with an http:// or https:// scheme follow the grammar below (any alphabetic top-level
domain). X also links bare domains (``example.com/path``, ``www.example.org``) when their
top-level domain is on twitter-text's list, and counts them as 23 like any URL: those are found
with twitter-text-parser's own extractor (`bare_domains`), so a post with one is not measured
shorter than X measures it, and fitting never cuts inside one.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from tidings.snippets.channels import Counter

if TYPE_CHECKING:
    from tidings.snippets.channels import Channel

UNITS: dict[str, str] = {
    "twitter": "weighted characters",
    "graphemes": "characters",
    "mastodon": "characters",
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
"""Emoji sequences after Unicode (current tables): cutting never splits one; Threads' bytes."""


def x_emoji_sequences() -> list[str]:
    """The emoji sequences X counts as 2, as x_emoji.txt lists them (scripts/make_x_data.py)."""
    text = (Path(__file__).parent / "x_emoji.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return ["".join(chr(int(point, 16)) for point in line.split()) for line in lines]


# Longest first: at each place the longest sequence X knows wins, as in twemoji-parser.
X_EMOJI = regex.compile(
    "|".join(regex.escape(s) for s in sorted(x_emoji_sequences(), key=len, reverse=True))
)
"""The emoji X counts as 2 (scripts/make_x_data.py)."""


def _bare_domain() -> regex.Pattern[str]:
    text = (Path(__file__).parent / "x_tlds.txt").read_text(encoding="utf-8")
    tlds = sorted(
        (line for line in text.splitlines() if line and not line.startswith("#")),
        key=len,
        reverse=True,
    )
    tld = "|".join(regex.escape(name) for name in tlds)
    return regex.compile(
        rf"(?<![A-Za-z0-9@＠$#＃\-_./])(?:[a-z0-9](?:[a-z0-9_\-]*[a-z0-9])?\.)+"
        rf"(?:{tld}|xn--[\-0-9a-z]+)(?![a-z0-9@+_\-])",
        regex.IGNORECASE,
    )


BARE_DOMAIN = _bare_domain()
"""ASCII domains with a TLD of twitter-text's list: what X may link without a scheme."""
X_INVALID = regex.compile("[\ufffe\ufeff\uffff]")
"""Characters that make a post invalid for X (twitter-text invalidCharsGroup)."""
GRAPHEME = regex.compile(r"\X")
# Unicode 15.1 made a consonant after a virama part of the same cluster (UAX #29 rule GB9c,
# Indic_Conjunct_Break). Mastodon counts with Ruby's String#grapheme_clusters, which does not
# (the issue measured `क्षि` as 2 there, 1 here): each such join is counted as a boundary, so
# the count is never below Mastodon's (Bluesky's Intl.Segmenter joins them: we count more there,
# the safe side).
_CONJUNCT = regex.compile(
    r"\p{InCB=Linker}[\p{InCB=Extend}\p{InCB=Linker}\u200d]*(?=\p{InCB=Consonant})"
)


# Mastodon's Account::MENTION_RE (app/models/account.rb): @user or @user@domain.
_MASTODON_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.\-]+[a-z0-9_]+)*)(?:@\w+(?:[.\-]+\w+)*)?", regex.IGNORECASE
)


def mastodon_length(text: str, url_length: int = 23) -> int:
    """Mastodon's count (StatusLengthValidator#countable_text): every http(s) URL is
    `url_length` characters and a remote mention `@user@domain` counts as `@user`; then
    graphemes as Ruby counts them."""

    def local_part(mention: regex.Match[str]) -> str:
        # Mastodon counts both parts when the domain is overly long (its spec: 500 b's);
        # where its cut-off lies is not stated, so only domains of at most 63 characters (one
        # DNS label) are shortened: a longer one counts in full, never less than Mastodon.
        domain = len(mention.group()) - len(mention.group(1)) - 2
        return "@" + mention.group(1) if domain <= 63 else mention.group()

    # Only ASCII URLs are shortened: how Mastodon's Ruby twitter-text reads IDN or emoji domains
    # is not proven (no Ruby oracle here); counted in full, such a URL is never counted short.
    shortened = _shorten_urls(text, url_length, ascii_only=True)
    return graphemes(_MASTODON_MENTION.sub(local_part, shortened))


_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")


def _unknown(char: str) -> bool:
    """A code point Python's Unicode (3.11: 14.0) does not assign, and no reserved emoji."""
    return unicodedata.category(char) == "Cn" and not _PICTOGRAPHIC.match(char)


def graphemes(text: str) -> int:
    """User-perceived characters by UAX #29 without GB9c (Unicode 15.0, as Ruby counts).

    The `regex` module's tables are newer than the segmenters platforms run (node's ICU on a
    Bluesky server, Ruby on Mastodon): a combining mark they do not know yet joins nothing
    there. So a code point older Unicode does not assign counts as a grapheme of its own
    (tests/test_bluesky_parity.py: 'a\u05c8' is 2 for @atproto/api on node 20)."""
    if text.isascii():
        return _clusters(text)
    unknown = [index for index, char in enumerate(text) if _unknown(char)]
    bounds = [-1, *unknown, len(text)]
    return len(unknown) + sum(_clusters(text[a + 1 : b]) for a, b in itertools.pairwise(bounds))


def _clusters(text: str) -> int:
    return len(GRAPHEME.findall(text)) + len(_CONJUNCT.findall(text))


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


def x_emoji(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of what X counts as one emoji."""
    return [match.span() for match in X_EMOJI.finditer(text)]


def x_invalid(text: str) -> bool:
    """Whether X refuses `text` for a character it does not allow (U+FEFF, U+FFFE, U+FFFF)."""
    return X_INVALID.search(unicodedata.normalize("NFC", text)) is not None


def _weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _LIGHT) else 2


def _utf16_form(text: str) -> tuple[str, list[int]]:
    """`text` as JavaScript sees it (astral characters as two surrogates), and the code point
    index of every UTF-16 index (for the boundaries that fall between code points)."""
    units, where = [], []
    for index, char in enumerate(text):
        point = ord(char)
        where.append(index)
        if point > 0xFFFF:
            point -= 0x10000
            units += [chr(0xD800 + (point >> 10)), chr(0xDC00 + (point & 0x3FF))]
            where.append(-1)  # inside a code point
        else:
            units.append(char)
    where.append(len(text))
    return "".join(units), where


def x_url_spans(normalized: str) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The URLs X may count as 23: (certain, uncertain) spans.

    Three readings of twitter-text's rules: the schemed URL grammar above with
    twitter-text-parser's bare domains, twitter-text-parser's extractor alone, and that
    extractor on the text as JavaScript sees it (UTF-16). Where all three agree, the span is
    certain; where they differ it is uncertain, and the count takes whichever reading is
    longer (see `twitter_length`), so Tidings never says a post fits that X may refuse.
    Every ASCII domain with a TLD of X's list (`BARE_DOMAIN`) that no reading found is an
    uncertain span too: X links some that the readings miss (after an emoji, in punycode).
    """
    if "." not in normalized:
        return set(), set()
    from twitter_text import extract_urls_with_indices

    primary = set(find_urls(normalized) + bare_domains(normalized))
    alone = {(f["indices"][0], f["indices"][1]) for f in extract_urls_with_indices(normalized)}
    units, where = _utf16_form(normalized)
    as_js = set()
    for found in extract_urls_with_indices(units):
        start, end = (where[index] for index in found["indices"])
        if start >= 0 and end >= 0:
            as_js.add((start, end))
    readings = [primary, alone, as_js]
    certain = set.intersection(*readings)
    found = set.union(*readings)
    generous = {
        match.span()
        for match in BARE_DOMAIN.finditer(normalized)
        if not any(start <= match.start() < end for start, end in found)
    }
    return certain, (found | generous) - certain


def twitter_length(
    text: str, *, url_length: int = TWITTER_URL_LENGTH, emoji_parsing: bool = True
) -> int:
    """Return the twitter-text weighted length (v3; `emoji_parsing=False` gives v2).

    CRLF counts as two characters, as in the official libraries. A URL whose extent the
    readings of twitter-text's rules disagree on (`x_url_spans`) counts the larger of the two
    ways X could count it: the longest count over every choice of those URLs.
    """
    normalized = unicodedata.normalize("NFC", text)
    certain, uncertain = x_url_spans(normalized)
    starting: dict[int, list[int]] = {}
    for start, end in certain | uncertain:
        starting.setdefault(start, []).append(end)
    forced = {start for start, _ in certain}
    emoji = dict(x_emoji(normalized)) if emoji_parsing else {}
    # best[i]: the count of normalized[i:] (the largest, where URLs are uncertain).
    best = [0] * (len(normalized) + 1)
    for index in range(len(normalized) - 1, -1, -1):
        options = [url_length + best[end] for end in starting.get(index, ())]
        if index not in forced:
            if index in emoji:
                options.append(2 + best[emoji[index]])
            else:
                options.append(_weight(normalized[index]) + best[index + 1])
        best[index] = max(options)
    return best[0]


def _shorten_urls(text: str, url_length: int, ascii_only: bool = False) -> str:
    # Mastodon's validator does the same: each URL becomes url_length placeholder characters.
    pieces = []
    last = 0
    for start, end in find_urls(text):
        if ascii_only and not text[start:end].isascii():
            continue
        pieces += [text[last:start], "x" * url_length]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def count(text: str, counter: Counter, url_length: int | None = None) -> int:
    """Return the length of `text` as `counter` measures it.

    ``twitter``: twitter-text v3 weighted length; ``graphemes``: user-perceived characters;
    ``mastodon``: Mastodon's validator (`mastodon_length`); ``utf16``: UTF-16 code units;
    ``utf8``: UTF-8 bytes; ``chars``: code points; ``threads``: code points, with each emoji
    sequence counting its UTF-8 bytes (Threads' documented rule). With `url_length`, every
    http(s) URL counts that much; None keeps URLs as written, except for ``twitter`` and
    ``mastodon``, whose rules always shorten URLs (to 23 unless told otherwise).
    """
    if counter == "twitter":
        return twitter_length(
            text, url_length=TWITTER_URL_LENGTH if url_length is None else url_length
        )
    if counter == "mastodon":  # shortens URLs and mentions itself
        return mastodon_length(text, TWITTER_URL_LENGTH if url_length is None else url_length)
    if url_length is not None:
        text = _shorten_urls(text, url_length)
    if counter == "graphemes":
        return graphemes(text)
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
