"""Pseudo-localization: accented, padded text between markers, so untranslated or clipped
text stands out in a preview while every piece of markup stays intact."""

from __future__ import annotations

import regex

from tidings.units.markup import pieces, reference_labels
from tidings.units.rebuild import rebuild
from tidings.units.segment import segment

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
    return _WORD.sub(
        lambda m: m.group() if m.group() in keep else m.group().translate(_ACCENTS), text
    )


def pseudo(
    text: str,
    keep: frozenset[str] = frozenset(),
    pad: bool = True,
    labels: frozenset[str] = frozenset(),
) -> str:
    """Pseudo-localize one unit's inline Markdown: prose accented, markup kept, padded by ~30%.

    `keep` are words to leave as they are (defined abbreviations); `labels` are link
    reference labels, whose shortcut references `[Label]` must not change.
    """
    out = "".join(
        accent(p.text, keep) if p.kind == "text" else p.text for p in pieces(text, labels)
    )
    if not pad:
        return out
    length = len(regex.findall(r"\X", text))
    return f"{OPEN}{out}{'·' * max(1, (length * 3 + 9) // 10)}{CLOSE}"


def pseudo_body(body: str, first_line: int = 1) -> str:
    """Pseudo-localize a whole Markdown body, unit by unit."""
    keep = frozenset(regex.findall(r"^\*\[([^\]]+)\]", body, flags=regex.M))
    labels = reference_labels(body)
    units = segment(body, first_line)
    return rebuild(
        body, units, lambda u: pseudo(u.text, keep, pad=u.kind != "abbreviation", labels=labels)
    )
