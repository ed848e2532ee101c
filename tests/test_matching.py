"""Fuzzy matching of edited units through a trigram index (catalogs/matching.py, issue #11).

The oracle is Babel's own matcher (`Catalog.update`: difflib.get_close_matches over every
old msgid, cutoff 0.6): on edits a newsroom makes (a word changed, a number corrected, a
sentence added) both pick the same old text. The index exists for speed: a story with
thousands of edited units is merged in seconds (Babel: 330 s per locale at 3,000).
"""

from __future__ import annotations

import copy
import random

from babel.messages.catalog import Catalog

from tidings.catalogs.matching import Matcher
from tidings.catalogs.store import merge

WORDS = [
    "the",
    "lantern",
    "fair",
    "drew",
    "visitors",
    "from",
    "twelve",
    "countries",
    "to",
    "old",
    "town",
    "over",
    "holiday",
    "week",
    "while",
    "craftsmen",
    "showed",
    "paper",
    "cutting",
    "bamboo",
    "weaving",
    "and",
    "woodblock",
    "printing",
    "students",
    "families",
    "who",
    "came",
    "by",
    "boat",
    "along",
    "canal",
    "in",
    "evening",
    "light",
]


def sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def edited(rng: random.Random, text: str) -> str:
    words = text.rstrip(".").split()
    kind = rng.randrange(3)
    if kind == 0:
        words[rng.randrange(len(words))] = rng.choice(["twenty", "thirty", "Binjiang"])
    elif kind == 1:
        words.insert(rng.randrange(len(words)), "again")
    else:
        del words[rng.randrange(len(words))]
    return " ".join(words) + "."


def catalogs(count: int, seed: int) -> tuple[Catalog, Catalog]:
    """A translated catalog of `count` distinct items, and a template with each one edited."""
    rng = random.Random(seed)
    old = Catalog(locale="fr", fuzzy=False)
    template = Catalog(fuzzy=False)
    seen: set[str] = set()
    while len(seen) < count:
        text = f"{len(seen)}: {sentence(rng)}"
        seen.add(text)
        old.add(text, f"FR {text}")
        template.add(edited(rng, text))
    return old, template


def test_the_index_picks_what_babel_picks() -> None:
    old, template = catalogs(150, seed=5)
    babel = copy.deepcopy(old)
    babel.update(copy.deepcopy(template))
    ours = merge(copy.deepcopy(old), template, "fr", {})
    compared = 0
    for message in babel:
        if not message.id:
            continue
        mine = ours.get(message.id)
        assert mine is not None
        assert (mine.string, mine.fuzzy) == (message.string, message.fuzzy), message.id
        assert list(mine.previous_id) == list(message.previous_id)
        compared += message.fuzzy
    assert compared >= 140  # nearly every edit is found by both


def test_thousands_of_edited_units_are_each_matched() -> None:
    """3,000 edited items (scripts/bench_matching.py times it against Babel's matcher)."""
    old, template = catalogs(3000, seed=7)
    merged = merge(old, template, "fr", {})
    assert sum(1 for m in merged if m.id and m.fuzzy and m.previous_id) >= 2900


def test_no_candidate_shares_a_trigram() -> None:
    assert Matcher(["完全不同的句子"]).best("Something else entirely") is None
    assert Matcher(["abc"]).best("abd") is None  # below the cutoff
    assert Matcher(["The fair opened on Sept. 20."]).best("The fair opened on Sept. 21.") == (
        "The fair opened on Sept. 20."
    )


def test_an_edit_is_matched_within_its_field_only() -> None:
    """Babel would offer the tag's translation (with a space) for a new hashtag like it;
    a hashtag is one word, so that suggestion would only fail `tidings check`."""
    old = Catalog(locale="fr", fuzzy=False)
    old.add("乡村振兴", "revitalisation rurale", context="tags")
    template = Catalog(fuzzy=False)
    template.add("乡村振兴", context="tags")
    template.add("乡村振兴计划", context="hashtags")
    merged = merge(old, template, "fr", {})
    assert not merged.get("乡村振兴计划", context="hashtags").string
