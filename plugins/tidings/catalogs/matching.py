"""Which old source text an edited unit was: fuzzy matching through an index, not all pairs.

Babel's `Catalog.update` runs `difflib.get_close_matches` of every new msgid against every
old one: all pairs, each a SequenceMatcher. A story with 3,000 edited list items took 330 s
per locale. Here the old msgids are indexed by character trigrams; a new msgid is compared
(with the same SequenceMatcher ratio and Babel's cutoff, 0.6) only with the few old ones
that share the most trigrams with it. Texts that share no trigram cannot reach the cutoff
(a ratio of 0.6 needs long common runs), so little is lost; what is found is a fuzzy
suggestion a translator reviews either way. `catalogs.store.merge` matches within one msgctxt
(a hashtag is no edited tag); Babel matches across them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

CUTOFF = 0.6
"""Babel's (difflib's default) similarity below which a text is not the same unit."""
CANDIDATES = 8
"""How many old texts, by shared trigrams, are compared in full with each new one."""


def _key(text: str) -> str:
    return text.lower().strip()  # as Babel compares them


def _grams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(max(len(text) - 2, 1))}


class Matcher:
    """The old msgids of one catalog, ready to be asked which one a new msgid was."""

    def __init__(self, old: Iterable[str]) -> None:
        self.old = sorted(set(old))
        self.index: dict[str, list[int]] = defaultdict(list)
        for number, text in enumerate(self.old):
            for gram in _grams(_key(text)):
                self.index[gram].append(number)

    def best(self, new: str) -> str | None:
        """The old msgid most like `new` at or above the cutoff, if any; of equals, the one
        difflib.get_close_matches returns (the greatest), comparing as it does (old, new)."""
        key = _key(new)
        shared: Counter[int] = Counter()
        for gram in _grams(key):
            shared.update(self.index.get(gram, ()))
        found: tuple[float, str] | None = None
        for number, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]:
            old = self.old[number]
            matcher = SequenceMatcher(None, _key(old), key)
            if (
                matcher.real_quick_ratio() >= CUTOFF
                and matcher.quick_ratio() >= CUTOFF
                and (ratio := matcher.ratio()) >= CUTOFF
                and (found is None or (ratio, _key(old)) > (found[0], _key(found[1])))
            ):
                found = (ratio, old)
        return found[1] if found else None
