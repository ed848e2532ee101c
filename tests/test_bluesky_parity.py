"""Bluesky counting against Bluesky's own library: @atproto/api from npm, run in node.

Bluesky limits a post's text to 300 graphemes and 3,000 UTF-8 bytes (the lexicon
app.bsky.feed.post: text.maxGraphemes, text.maxLength). The oracle is
scripts/validators/bluesky-count.cjs: `RichText`'s `graphemeLength` and `length` (what the
composer shows), and the lexicon validation of a post record (what a PDS enforces; the same
`graphemeLen` and `utf8Len` of @atproto/lex-data). Its graphemes are `Intl.Segmenter`'s, so
they follow the ICU of the node that runs it.

Tidings counts graphemes by UAX #29 without rule GB9c (`counting.graphemes`): a consonant
after a virama (Devanagari `क्ष`) is a boundary for Tidings, not for Intl.Segmenter since
Unicode 15.1 (ICU 74). That is the safe side (never less than Bluesky), and what a PDS with an
older ICU counts (the bluesky-social/pds image ran node 20.11 from February 2024 to November
2025; bluesky-social/atproto's services/pds runs node 24.18 since July 2026). Everything else
is exact, and UTF-8 bytes are exact always, except characters newer than the ICU of the PDS:
they are graphemes of their own there (`test_characters_newer_than_bluesky_knows`).

Compared: a seeded corpus of 10,000 adversarial texts (pieces of every script run together,
random combining marks, Prepend and format characters, Indic conjuncts, Hangul jamo, emoji of
every age with ZWJ, skin tones, flags, tag sequences and variation selectors, URLs with and
without a scheme, mentions, hashtags, CRLF, U+FEFF, random code points), and texts as people
write them, up to exactly the limit.
"""

from __future__ import annotations

import json
import random
import subprocess
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TypedDict

import pytest
import regex

from tidings.snippets.channels import BUILTIN
from tidings.snippets.counting import count, fits, x_emoji_sequences

ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "scripts" / "validators" / "bluesky-count.cjs"
pytestmark = pytest.mark.skipif(
    not (ROOT / "scripts/validators/node_modules/@atproto/api").is_dir(),
    reason="needs scripts/validators (npm ci; scripts/install-system.sh)",
)
BLUESKY = BUILTIN["bluesky"]
MAX_GRAPHEMES, MAX_BYTES = 300, 3000


class Result(TypedDict):
    graphemes: int
    bytes: int
    valid: bool


def oracle(texts: list[str]) -> list[Result]:
    out = subprocess.run(
        ["node", str(ORACLE)], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    results: list[Result] = json.loads(out.stdout)
    assert len(results) == len(texts)
    return results


def ours(text: str) -> tuple[int, int]:
    """Tidings' counts for Bluesky's two limits, through the same dispatch `measure` uses."""
    return count(text, "graphemes", BLUESKY.url_length), count(text, "utf8", BLUESKY.url_length)


def test_the_channel_is_what_the_oracle_checks() -> None:
    assert [(limit.counter, limit.limit) for limit in BLUESKY.limits] == [
        ("graphemes", MAX_GRAPHEMES),
        ("utf8", MAX_BYTES),
    ]
    assert BLUESKY.url_length is None  # Bluesky counts a URL as written


def test_the_oracle_is_the_library() -> None:
    """Known answers: a family emoji is 1 grapheme of 25 bytes; the limits are inclusive."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    texts = [family, "a" * 300, "a" * 301, family * 120, family * 120 + "a"]
    assert [(r["graphemes"], r["bytes"], r["valid"]) for r in oracle(texts)] == [
        (1, 25, True),
        (300, 300, True),
        (301, 301, False),
        (120, 3000, True),
        (121, 3001, False),
    ]


# --- a corpus of texts ------------------------------------------------------------------------

_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")


def newer(char: str) -> bool:
    """Whether `char` is unknown to Unicode 14.0 (this Python's `unicodedata`) and not an
    emoji: a PDS whose ICU does not know it counts it as a grapheme of its own."""
    return unicodedata.category(char) == "Cn" and not _PICTOGRAPH.match(char)


@cache
def pools() -> dict[str, list[str]]:
    """Code points by the grapheme rule they exercise, from the `regex` module's tables.

    Only characters Unicode 14.0 knows (and emoji, whose ranges Unicode reserved in advance):
    the ones after it are in ``newer``, see `test_characters_newer_than_bluesky_knows`.
    """
    wanted = {
        "pictograph": r"\p{Extended_Pictographic}",
        "extend": r"\p{Grapheme_Cluster_Break=Extend}",
        "spacing": r"\p{Grapheme_Cluster_Break=SpacingMark}",
        "prepend": r"\p{Grapheme_Cluster_Break=Prepend}",
        "control": r"\p{Grapheme_Cluster_Break=Control}",
        "linker": r"\p{InCB=Linker}",
        "consonant": r"\p{InCB=Consonant}",
    }
    planes = [*range(0xD800), *range(0xE000, 0x32000), *range(0xE0000, 0xE1000)]
    every = "".join(map(chr, planes))
    found = {
        name: [c for c in regex.findall(pattern, every) if not newer(c)]
        for name, pattern in wanted.items()
    }
    found["newer"] = [c for c in regex.findall(r"\P{Cn}", every) if newer(c)]
    return found


@cache
def _known_emoji() -> list[str]:
    return x_emoji_sequences()  # X's list, the one the counter reads


WORDS = [
    "Lantern festival opens",
    "Café naïve façade",
    "灯会开幕，",
    "観光客が訪れた。",
    "한국어 뉴스",
    "مُهْرَجَانُ الفوانيس",
    "שָׁלוֹם",
    "เทศกาลโคมไฟ น้ำ ที่",
    "Фестиваль фонарей",
    "नमस्ते क्षि त्र श्र ज्ञ द्ध्य",
    "ক্ষ্ম ત્ર ക്ഷ ୍ତ",
    "क\u094d\u200dष क\u094d\u200cष",
    "\u1100\u1161\u11a8\u1100\u1161",
    "\uac00\u11a8\ud7b0\ua960",
    "y\u0306e\u0301\u0328\u0304",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334",
    "\u0600\u0661\u0662",
    "1\ufe0f\u20e3#\u20e3",
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "\U0001f1ef\U0001f1f5\U0001f1fa",
    "\u2764\ufe0e\u2764\ufe0f",
    "\U0001f44b\U0001f3fd",
    "\U0001f9d1\u200d\U0001f9d1\u200d\U0001f9d2",
    "https://tidings.example.org/en/stories/lantern-festival/",
    "http://example.com/a_(b)?q=1#x",
    "example.com/path?x=1",
    "www.example.org",
    "bsky.app/profile/tidings.example",
    "@tidings.bsky.social",
    "@user@example.social",
    "#灯会",
    "#LanternFestival",
    "#️⃣",
    "\r\n",
    "\r",
    "\n",
    "\n\r",
    " ",
    "\t",
    "\ufeff",
    "\u200b\u2060\u00ad",
    "\u200e\u202e\u2066",
    "ﬁ",
]


def _emoji(rng: random.Random) -> str:
    pool = pools()
    pictograph = rng.choice(pool["pictograph"])
    kind = rng.randrange(7)
    if kind == 0:
        return rng.choice(_known_emoji())
    if kind == 1:  # a ZWJ sequence of any pictographs: new, unknown or invalid
        parts = [rng.choice(pool["pictograph"]) for _ in range(rng.randint(2, 5))]
        return "\u200d".join(p + rng.choice(["", "\ufe0f", "\U0001f3fb"]) for p in parts)
    if kind == 2:  # a skin tone, a variation selector, or both, anywhere
        tails = ["\U0001f3fb", "\U0001f3ff", "\ufe0f", "\ufe0e", "\ufe0f\U0001f3fd", "\u20e3"]
        return pictograph + "".join(rng.choices(tails, k=rng.randint(1, 3)))
    if kind == 3:  # regional indicators: pairs, or an odd one out
        return "".join(chr(rng.randint(0x1F1E6, 0x1F1FF)) for _ in range(rng.randint(1, 5)))
    if kind == 4:  # a tag sequence, well formed or not
        tags = "".join(chr(rng.randint(0xE0020, 0xE007E)) for _ in range(rng.randint(0, 6)))
        return rng.choice(["\U0001f3f4", pictograph, "a"]) + tags + rng.choice(["\U000e007f", ""])
    if kind == 5:  # a ZWJ at either end
        return rng.choice(["\u200d" + pictograph, pictograph + "\u200d", "\u200d"])
    return pictograph


JAMO = (
    [chr(p) for p in [*range(0x1100, 0x1160), *range(0xA960, 0xA97D)]],  # leading (L)
    [chr(p) for p in [*range(0x1160, 0x11A8), *range(0xD7B0, 0xD7C7)]],  # vowels (V)
    [chr(p) for p in [*range(0x11A8, 0x1200), *range(0xD7CB, 0xD7FC)]],  # trailing (T)
    [chr(p) for p in range(0xAC00, 0xD7A4)],  # syllables (LV, LVT)
)


def _hangul(rng: random.Random) -> str:
    return "".join(rng.choice(rng.choice(JAMO)) for _ in range(rng.randint(1, 6)))


def _indic(rng: random.Random) -> str:
    pool = pools()
    joiner = rng.choice(["", "", "\u200d", "\u200c", rng.choice(pool["extend"])])
    parts = [rng.choice(pool["consonant"])]
    for _ in range(rng.randint(1, 3)):
        parts += [rng.choice(pool["linker"]), joiner, rng.choice(pool["consonant"])]
    if rng.random() < 0.5:
        parts.append(rng.choice(pool["spacing"] + pool["extend"]))
    return "".join(parts)


def _marks(rng: random.Random) -> str:
    pool = pools()
    base = rng.choice(["a", "क", "ก", "\u0600", "\r", " ", rng.choice(pool["prepend"])])
    kinds = ["extend", "spacing", "prepend", "control"]
    return base + "".join(rng.choice(pool[rng.choice(kinds)]) for _ in range(rng.randint(1, 8)))


def _any_code_point(rng: random.Random) -> str:
    """Any code point Unicode 14.0 knows, or none knows yet (not a surrogate)."""
    while True:
        point = rng.randint(0, 0x10FFFF)
        if not 0xD800 <= point < 0xE000 and not newer(chr(point)):
            return chr(point)


def corpus(size: int, seed: int = 20261202) -> list[str]:
    """Pieces of every kind run together without spaces, as an adversary would write them."""
    rng = random.Random(seed)
    makers = [_emoji, _hangul, _indic, _marks, _any_code_point]
    texts = []
    for _ in range(size):
        parts = []
        for _ in range(rng.randint(1, 16)):
            kind = rng.random()
            if kind < 0.3:
                parts.append(rng.choice(WORDS))
            else:
                parts.append(rng.choice(makers)(rng))
        texts.append("".join(parts))
    return texts


@cache
def adversarial() -> list[tuple[str, Result]]:
    texts = corpus(10_000)
    return list(zip(texts, oracle(texts), strict=True))


def test_adversarial_texts_never_count_less_than_bluesky_counts_them() -> None:
    """Never less than Bluesky, so a post Tidings says fits, Bluesky accepts; bytes exactly."""
    under, bytes_wrong, over = [], [], Counter[int]()
    for text, result in adversarial():
        our_graphemes, our_bytes = ours(text)
        if our_graphemes < result["graphemes"]:
            under.append((text, our_graphemes, result["graphemes"]))
        if our_bytes != result["bytes"]:
            bytes_wrong.append((text, our_bytes, result["bytes"]))
        if our_graphemes > result["graphemes"]:
            over[our_graphemes - result["graphemes"]] += 1
    assert under == []
    assert bytes_wrong == []
    # The safe side's cost, when written (node 20.20.2, ICU 78.2, Unicode 17.0): 6,214 of
    # 10,000 texts over, by 1 to 25 graphemes (23,481 on 340,499, 6.9%); all of it is
    # conjuncts (the next test), which this corpus has many of.
    assert sum(over.values()) < len(adversarial()) * 7 // 10


def test_only_conjuncts_count_more_than_bluesky_counts_them() -> None:
    """Without a virama (InCB=Linker) before a consonant Tidings counts exactly as Bluesky."""
    conjunct = regex.compile(r"\p{InCB=Linker}")
    texts = [(text, result) for text, result in adversarial() if not conjunct.search(text)]
    assert len(texts) > 1000
    wrong = [
        (text, ours(text)[0], result["graphemes"])
        for text, result in texts
        if ours(text)[0] != result["graphemes"]
    ]
    assert wrong == []


NEWER_EXAMPLES = ["a\u05c8", "a\u1aef", "\u0915\U0001d127", "x\U00010ef3y"]
"""Combining marks the `regex` module's tables know and node's ICU (Unicode 17.0) does not."""


def test_characters_newer_than_bluesky_knows() -> None:
    """A combining mark newer than the platform's ICU joins nothing there: counting.graphemes
    counts every code point Unicode 14.0 (Python 3.11's unicodedata) does not assign alone."""
    rng = random.Random(3)
    newer_marks = pools()["newer"]
    texts = [*NEWER_EXAMPLES, *corpus(500, seed=3)]
    for _ in range(1000):
        pieces = [rng.choice(WORDS), *rng.choices(newer_marks, k=rng.randint(1, 6))]
        texts.append("".join(rng.sample(pieces, len(pieces))))
    under = [
        (text, ours(text)[0], result["graphemes"])
        for text, result in zip(texts, oracle(texts), strict=True)
        if ours(text)[0] < result["graphemes"]
    ]
    assert under == []


def test_posts_fit_bluesky_whenever_tidings_says_they_fit() -> None:
    """The lexicon validation a PDS runs accepts every text Tidings says fits."""
    texts = [text for text, _ in adversarial()[:2400]]
    # Long enough to cross the limits: a post of 12 texts is about 350 graphemes.
    texts = ["".join(texts[i : i + 12]) for i in range(0, len(texts), 12)]
    texts += [text[:cut] for text in texts for cut in (150, 300, 600)]
    results = oracle(texts)
    refused = [
        text
        for text, result in zip(texts, results, strict=True)
        if fits(text, BLUESKY) and not result["valid"]
    ]
    assert refused == []
    assert 0 < sum(not result["valid"] for result in results) < len(texts)


# --- texts as people write them, up to the limit ----------------------------------------------

NATURAL = [
    "Lantern festival opens in the old town tonight.",
    "Café owners expect a busy weekend.",
    "灯会今晚在老城区开幕。",
    "観光客が多く訪れた。",
    "한국어 뉴스를 전합니다.",
    "مهرجان الفوانيس يفتتح الليلة",
    "เทศกาลโคมไฟเปิดคืนนี้",
    "Фестиваль фонарей открывается сегодня.",
    "שלום לכולם",
    "Read more: https://tidings.example.org/en/stories/lantern-festival/",
    "bsky.app/profile/tidings.example",
    "@tidings.bsky.social",
    "#LanternFestival",
    "#灯会",
    "\U0001f3ee",
    "\U0001f44b\U0001f3fd",
    "\U0001f1ef\U0001f1f5",
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "\u2764\ufe0f",
    "\U0001f9d1\u200d\U0001f9d1\u200d\U0001f9d2",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "1\ufe0f\u20e3",
    "\r\n",
]


def natural(size: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(NATURAL) for _ in range(rng.randint(1, 20))) for _ in range(size)]


def to_the_limit(base: str, length: int) -> str:
    """`base` cut or padded with ASCII letters to `length` graphemes."""
    clusters = regex.findall(r"\X", base)[: length - 1]
    text = "".join(clusters) + " "  # a space: a boundary after any cluster
    return text + "a" * (length - len(clusters) - 1)


def test_natural_text_at_the_limit_is_exact_and_fits() -> None:
    """Exact, not only safe: at Bluesky's 300 Tidings counts 300 and says it fits; at 301 it
    says it does not, as Bluesky does. (Indic conjuncts are the exception, see above.)"""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 25 bytes
    cases = [(to_the_limit(base, n), n) for base in natural(500) for n in (300, 301)]
    cases += [(family * 120, 120), (family * 119 + "a" * 25, 144), (family * 120 + "a", 121)]
    texts = [text for text, _ in cases]
    wrong = []
    for (text, length), result in zip(cases, oracle(texts), strict=True):
        theirs = (result["graphemes"], result["bytes"])
        assert result["graphemes"] == length, text  # the cases are what they claim
        if ours(text) != theirs or fits(text, BLUESKY) != result["valid"]:
            wrong.append((text, ours(text), theirs, result["valid"]))
    assert wrong == []
    assert sum(fits(text, BLUESKY) for text in texts) == 500 + 2
