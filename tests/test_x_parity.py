"""X counting against X's own library: twitter-text 3.1.0 from npm, run in node.

The oracle is scripts/validators/twitter-count.cjs (the official `parseTweet`,
`extractUrlsWithIndices` and its twemoji-parser 11.0.2). Compared:

- twitter-text's conformance suite (tests/fixtures/twitter-text, Apache-2.0, commit
  30e2430 of github.com/twitter/twitter-text): every URL of extract.yml's `urls`,
  `urls_with_indices`, `urls_with_directional_markers` and `tco_urls_with_params`, and the
  valid/invalid posts of validate.yml's `tweets`;
- a seeded corpus of posts a newsroom writes and an adversary would: emoji of every age
  (joined with ZWJ, skin tones, variation selectors, flags, tags), URLs with and without a
  scheme, unknown top-level domains, t.co paths, CJK, Arabic, Thai, CRLF, U+FEFF.

Parity is required exactly (weighted length and validity); the rule written by X is
https://developer.x.com/en/docs/counting-characters.
"""

from __future__ import annotations

import json
import random
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regex
import yaml

from tidings.snippets.counting import twitter_length, x_emoji_sequences, x_invalid

ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "scripts" / "validators" / "twitter-count.cjs"
SUITE = Path(__file__).parent / "fixtures" / "twitter-text"
pytestmark = pytest.mark.skipif(
    not (ROOT / "scripts/validators/node_modules/twitter-text").is_dir(),
    reason="needs scripts/validators (npm ci; scripts/install-system.sh)",
)


def oracle(texts: list[str]) -> list[dict[str, Any]]:
    out = subprocess.run(
        ["node", str(ORACLE)], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def x_valid(text: str) -> bool:
    length = twitter_length(text)
    return 0 < length <= 280 and not x_invalid(text)


@cache
def suite(name: str) -> dict[str, Any]:
    return yaml.safe_load((SUITE / name).read_text(encoding="utf-8"))["tests"]  # type: ignore[no-any-return]


URL_CASES = [
    pytest.param(case["text"], id=f"{section}: {case['description']}")
    for section in (
        "urls",
        "urls_with_indices",
        "urls_with_directional_markers",
        "tco_urls_with_params",
    )
    for case in suite("extract.yml")[section]
]


def test_the_suite_is_what_the_library_says() -> None:
    """The oracle passes the suite it was written against (so it is the right library)."""
    cases = [c for s in ("urls", "tco_urls_with_params") for c in suite("extract.yml")[s]]
    for case, result in zip(cases, oracle([c["text"] for c in cases]), strict=True):
        assert [u[2] for u in result["urls"]] == case["expected"], case["description"]


def test_every_url_case_of_the_suite_counts_as_x_counts_it() -> None:
    texts = [param.values[0] for param in URL_CASES]
    wrong = [
        (text, twitter_length(text), result["weightedLength"])
        for text, result in zip(texts, oracle(texts), strict=True)
        if twitter_length(text) != result["weightedLength"]
    ]
    assert wrong == []


def test_valid_and_invalid_posts_of_the_suite() -> None:
    cases = suite("validate.yml")["tweets"]  # the v1 section (140); the library decides
    for case, result in zip(cases, oracle([c["text"] for c in cases]), strict=True):
        assert x_valid(case["text"]) == result["valid"], case["description"]


def test_the_suites_weighted_cases_count_as_x_counts_them() -> None:
    sections = (
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        "UnicodeDirectionalMarkerCounterTest",
    )
    cases = [case for section in sections for case in suite("validate.yml")[section]]
    for case, result in zip(cases, oracle([c["text"] for c in cases]), strict=True):
        assert case["expected"]["weightedLength"] == result["weightedLength"]  # the oracle
        assert twitter_length(case["text"]) == result["weightedLength"], case["description"]


# --- a corpus of posts ------------------------------------------------------------------------


def _pictographs() -> list[str]:
    pattern = regex.compile(r"\p{Extended_Pictographic}")
    return [chr(p) for p in range(0x2000, 0x1FB00) if pattern.match(chr(p))]


PIECES = [
    "Lantern festival opens ",
    "灯会开幕，",
    "観光客が訪れた。",
    "مهرجان الفوانيس ",
    "เทศกาลโคมไฟ ",
    "Фестиваль ",
    "\r\n",
    "\n",
    " ",
    "https://tidings.example.org/en/stories/lantern-festival/",
    "http://example.com/a_(b)",
    "example.com/path?x=1",
    "www.example.org",
    "news.example.zzz",
    "tidings.example.ru",
    "t.co/abc123",
    "https://t.co/UqIyJAJTfo?amp=1",
    "https://t.co/abc/def",
    "例子.中国",
    "xn--fsqu00a.xn--fiqs8s",
    "@user@example.social",
    "#灯会",
    "\u200d",
    "\ufe0f",
    "\ufe0e",
    "\u20e3",
    "\U0001f3fb",
    "\U0001f3ff",
    "\u2066",
    "\u202e",
    "\ufeff",
    "a\u0301",
    "ﬁ",
]


def corpus(size: int, seed: int = 20261201) -> list[str]:
    rng = random.Random(seed)
    pictographs, known = _pictographs(), x_emoji_sequences()
    texts = []
    for _ in range(size):
        parts = []
        for _ in range(rng.randint(1, 12)):
            kind = rng.random()
            if kind < 0.35:
                parts.append(rng.choice(PIECES))
            elif kind < 0.6:
                parts.append(rng.choice(known))
            elif kind < 0.8:  # a ZWJ sequence of any pictographs: new, unknown or invalid
                joined = "\u200d".join(rng.choice(pictographs) for _ in range(rng.randint(2, 4)))
                parts.append(joined)
            else:
                parts.append(
                    rng.choice(pictographs) + rng.choice(["", "\ufe0f", "\ufe0e", "\U0001f3fd"])
                )
        texts.append("".join(parts))
    return texts


# At the limit and one over: 140 new family emoji (8 each for X), an unknown code point.
EDGES = ["\U0001f9d1\u200d\U0001f9d1\u200d\U0001f9d2" * 140, "\U0001faea" * 141]
EDGES += ["a" * 280, "a" * 281, "灯" * 140, "灯" * 141]


def natural(size: int, seed: int = 5) -> list[str]:
    """Posts as people write them: the pieces with spaces between."""
    rng = random.Random(seed)
    known = x_emoji_sequences()
    texts = []
    for _ in range(size):
        parts = [
            (rng.choice(PIECES).strip() or "x") if rng.random() < 0.6 else rng.choice(known)
            for _ in range(rng.randint(1, 10))
        ]
        texts.append(" ".join(parts))
    return [*texts, *EDGES]


def test_posts_as_people_write_them_count_exactly_as_x_counts_them() -> None:
    texts = natural(3000)
    wrong = []
    for text, result in zip(texts, oracle(texts), strict=True):
        ours = (twitter_length(text), x_valid(text))
        if ours != (result["weightedLength"], result["valid"]):
            wrong.append((text, ours, result["weightedLength"]))
    assert wrong == []


def test_adversarial_posts_never_count_less_than_x_counts_them() -> None:
    """Pieces run together without spaces: where twitter-text's URL rules are ambiguous to
    re-implement (which domain after an emoji X links), Tidings counts the larger reading.
    Never less than X: a post Tidings says fits, X accepts."""
    texts = corpus(3000)
    under, over = [], 0
    for text, result in zip(texts, oracle(texts), strict=True):
        ours, theirs = twitter_length(text), result["weightedLength"]
        if ours < theirs or (
            theirs <= 280 and ours <= 280 and x_valid(text) and not result["valid"]
        ):
            under.append((text, ours, theirs))
        over += ours > theirs
    assert under == []
    assert over < len(texts) // 10  # the safe side costs little (123 of 3006 when written)


def test_a_pasted_byte_order_mark_does_not_make_the_post_invalid() -> None:
    """U+FEFF (an editor's byte-order mark pasted mid-text) makes X refuse a post; fitting
    removes it and the noncharacters U+FFFE/U+FFFF, so X's library accepts what we hand out."""
    from tidings.snippets.channels import BUILTIN
    from tidings.snippets.fitting import fit

    post = fit(
        "\ufeffLantern festival\ufeff opens\uffff",
        BUILTIN["x"],
        url="https://tidings.example.org/en/",
        hashtags=["灯会\ufeff"],
    )
    [result] = oracle([post.text])
    assert post.fits and result["valid"], post.text
    assert post.text.startswith("Lantern festival opens")
