"""Pseudo-localization: accented, padded text between markers, so untranslated or clipped
text stands out in a preview while every piece of markup stays intact."""

from __future__ import annotations

import regex

from tidings.markup import pieces

OPEN, CLOSE = "⟦", "⟧"
_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçðéƒĝĥîĵķļɱñôþǫŕšţûṽŵẋýžÀƁÇÐÉƑĜĤÎĴĶĻṀÑÔÞǪŔŠŢÛṼŴẊÝŽ",
)
# Words the transform leaves alone: defined abbreviations must still match their definitions.
_WORD = regex.compile(r"\w+")


def accent(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Replace Latin letters with accented look-alikes, except in `keep` words."""
    if not keep:
        return text.translate(_ACCENTS)
    return _WORD.sub(lambda m: m.group() if m.group() in keep else m.group().translate(_ACCENTS), text)


def pseudo(text: str, keep: frozenset[str] = frozenset(), pad: bool = True) -> str:
    """Pseudo-localize one unit's inline Markdown: prose accented, markup kept, padded by ~30%."""
    out = "".join(accent(p.text, keep) if p.kind == "text" else p.text for p in pieces(text))
    if not pad:
        return out
    length = len(regex.findall(r"\X", text))
    return f"{OPEN}{out}{'·' * max(1, (length * 3 + 9) // 10)}{CLOSE}"
