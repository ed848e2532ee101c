"""Words of Lao, Khmer and Myanmar text, which puts no spaces between words.

BudouX has no model for these scripts; ICU's word break iterator segments them with its
dictionaries (laodict, khmerdict, burmesedict), through icu4py (MIT; its wheel bundles ICU4C and
ICU's data, under the Unicode licence). icu4py is imported only when there is such text.
"""

from __future__ import annotations

import regex

# One run a script: ICU gets no text it would not segment (nor a lone surrogate, which it cannot
# take), and a ZWJ or ZWNJ, which belongs to no script, stays in the word it is written in.
_RUNS = regex.compile(
    r"(?P<lo>\p{Lao}[\p{Lao}\u200c\u200d]*)"
    r"|(?P<km>\p{Khmer}[\p{Khmer}\u200c\u200d]*)"
    r"|(?P<my>\p{Myanmar}[\p{Myanmar}\u200c\u200d]*)"
)


def inside_words(text: str) -> set[int]:
    """Offsets inside ICU's words of the Lao, Khmer and Myanmar runs of `text`: between two
    characters of such a run, every offset that is no word boundary."""
    runs = list(_RUNS.finditer(text))
    if not runs:
        return set()
    from icu4py.breakers import WordBreaker

    inside: set[int] = set()
    for run in runs:
        at = run.start()
        # Words as strings: the offsets of `segments()` count UTF-16 code units.
        for word in WordBreaker(run.group(), run.lastgroup or "und"):
            inside.update(range(at + 1, at + len(word)))
            at += len(word)
    return inside
