"""Telegram's length rule, as tdlib (the library under the Bot API and Telegram's apps) applies it.

Read in github.com/tdlib/td at commit 022d602 (2026-07-17):

- td/telegram/MessageEntity.cpp:4477 `fix_formatted_text` cleans a message's text or a
  caption before anything is measured (called through `get_formatted_text`, :4649, from
  td/telegram/InputMessageText.cpp:28 `process_input_message_text` for a message and from
  td/telegram/MessageContent.cpp:5239 for a caption). Without entities it calls
  td/telegram/misc.cpp:76 `clean_input_string`; with entities
  MessageEntity.cpp:4124 `clean_input_string_with_entities`, which does the same to the text:
  - the control characters U+0000-U+0009, U+000B, U+000C and U+000E-U+001F become a space
    (misc.cpp:86-121; '\\n' stays);
  - '\\r' is removed (misc.cpp:123-125): CRLF counts as LF;
  - U+2028-U+202E (line and paragraph separators, bidi embeddings and overrides) are
    removed (misc.cpp:127-136);
  - U+030A, U+0333 and U+033F ("vertical lines") are removed (misc.cpp:138-144);
  - in a run of U+200E/U+200F marks all but the last become U+200C (misc.cpp:62-74,
    `replace_offending_characters`): one character for one;
  - the text is cut at 35,000 bytes (misc.cpp:150; MessageEntity.cpp:4584).
  Then the end is trimmed of spaces and '\\n' (MessageEntity.cpp:4533, via
  `remove_invalid_entities`, :4270), and so is the start up to the first entity (:4551).
  A text that is empty after that, or only U+200B-U+200F, U+202E, U+FEFF, U+00A0 and the
  spaces of misc.cpp:163 `strip_empty_characters`, is refused as empty (:4574, misc.cpp:256).
- The limit is then checked in code points: td/telegram/MessageContent.cpp:4757 (a message)
  and :5241 (a caption) compare `utf8_length` of the cleaned text, which counts the first
  bytes of UTF-8 sequences (tdutils/td/utils/utf8.h:23, :18), with the options
  `message_text_length_max` and `message_caption_length_max`, which
  td/telegram/ConfigManager.cpp:1251-1252 sets from the server's config, never below 4096 and
  1024. `utf8_utf16_length` (tdutils/td/utils/utf8.cpp:159; astral characters count 2) is
  used for entity offsets, not for this limit.

Nothing in the cleaning lengthens a text: every step keeps a character as one character or
drops it. So the count tdlib limits is at most the number of code points Tidings sends, which
is at most its UTF-16 units: Tidings' ``utf16`` counter never counts less than Telegram, also if
the server itself counted UTF-16 units (astral characters as 2). The test restates the rule
above and checks that.
"""

from __future__ import annotations

import random

import pytest

from tidings.snippets.channels import BUILTIN
from tidings.snippets.counting import count, fits

_TO_SPACE = {point: " " for point in [*range(0x00, 0x0A), 0x0B, 0x0C, *range(0x0E, 0x20)]}
_REMOVED = dict.fromkeys([0x0D, *range(0x2028, 0x202F), 0x030A, 0x0333, 0x033F])


def telegram_length(text: str) -> int:
    """The length tdlib compares with Telegram's limit: control characters as spaces, '\\r',
    U+2028-U+202E and U+030A/U+0333/U+033F dropped, spaces and newlines trimmed at both ends,
    then code points."""
    cleaned = text.translate(_TO_SPACE).translate(_REMOVED).strip(" \n")
    return len(cleaned)


def utf16(text: str) -> int:
    return count(text, "utf16", BUILTIN["telegram"].url_length)


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
CASES = [
    ("plain", "Lantern festival opens tonight", 30, 30),
    ("cyrillic", "Фестиваль фонарей", 17, 17),
    ("CJK", "灯会今晚开幕", 6, 6),
    ("CRLF counts as LF", "one\r\ntwo", 7, 8),
    ("a tab and a bell become spaces", "a\tb\x07c", 5, 5),
    ("NUL becomes a space", "a\x00b", 3, 3),
    ("astral emoji: 1 code point, 2 UTF-16 units", "\U0001f3ee\U0001f3ee", 2, 4),
    ("a ZWJ family: 7 code points", FAMILY, 7, 11),
    ("flags", "\U0001f1ef\U0001f1f5", 2, 4),
    ("line and paragraph separators dropped", "a\u2028b\u2029c", 3, 5),
    ("bidi overrides dropped", "\u202aa\u202bb\u202cc\u202dd\u202ee", 5, 10),
    ("a ring above dropped", "A\u030a", 1, 2),
    ("LRM/RLM runs keep their length", "a\u200e\u200f\u200eb", 5, 5),
    ("U+FEFF kept", "a\ufeffb", 3, 3),
    ("leading and trailing spaces and newlines trimmed", " \n text \n ", 4, 10),
    ("a trailing tab becomes a space and is trimmed", "text\t", 4, 5),
]


@pytest.mark.parametrize(
    ("text", "theirs", "ours"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_tidings_counts_at_least_what_telegram_limits(text: str, theirs: int, ours: int) -> None:
    assert telegram_length(text) == theirs
    assert utf16(text) == ours
    assert ours >= theirs


def test_random_texts_never_count_less_than_telegram() -> None:
    rng = random.Random(4096)
    alphabet = [
        *"aZ 9\n\r\t\x00\x1f",
        *"灯ф한ก\u0645",
        "\U0001f3ee",
        FAMILY,
        "\U0001f44b\U0001f3fd",
        "\u2028",
        "\u202e",
        "\u200e",
        "\ufeff",
        "\u030a",
        "\u0333",
        "\U00010348",
    ]
    for _ in range(5000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        assert utf16(text) >= telegram_length(text), ascii(text)


def test_at_the_limit() -> None:
    """At 4096 UTF-16 units Tidings says the text fits and tdlib's count is within 4096;
    emoji-only text is where Tidings is most cautious: half of what Telegram allows."""
    telegram, caption = BUILTIN["telegram"], BUILTIN["telegram-caption"]
    assert [(limit.counter, limit.limit) for limit in telegram.limits] == [("utf16", 4096)]
    assert [(limit.counter, limit.limit) for limit in caption.limits] == [("utf16", 1024)]
    for text, channel, limit in [
        ("a" * 4096, telegram, 4096),
        ("\U0001f3ee" * 2048, telegram, 4096),
        ("line\r\n" * 682 + "abcd", telegram, 4096),
        ("灯" * 1024, caption, 1024),
    ]:
        assert fits(text, channel)
        assert not fits(text + "a", channel)
        assert telegram_length(text) <= limit
    assert telegram_length("\U0001f3ee" * 2048) == 2048
