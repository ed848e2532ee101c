"""Inline Markdown inside a unit: what is markup a translator must keep, and what is prose.

The same scanner serves pseudo-localization (transform prose only) and the translation
checks (link targets, code, images, footnote references, attribute lists and HTML must match).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex

# Order matters: earlier alternatives win where spans could overlap (code hides everything).
_PATTERNS = {
    "code": r"(?P<ticks>`+)(?:(?!(?P=ticks)).)+?(?P=ticks)(?!`)",
    "escape": r"\\[\\`*_{}\[\]()#+\-.!|<>~^=:\"']",
    "autolink": r"<(?:https?|ftp|mailto):[^\s<>]*>|<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>",
    "html": r"<!--.*?-->|</?[A-Za-z][\w:-]*(?:[\s/][^<>]*?)?\s*/?>",
    "footnote": r"\[\^[^\]\s]+\]",
    "target": r"\]\((?:[^()\s]|\((?:[^()\s])*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)",
    "reference": r"\]\[[^\]]*\]",
    "collapsed": r"\[[^\[\]\n]+\]\[\]",
    "attrs": r"\{:?[ \t]*(?:[#.][\w-]|[\w:-]+[ \t]*=|[A-Za-z][\w:-]*[ \t]+[\w:-]+[ \t]*=)[^{}\n]*\}",
    "entity": r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",
    "url": r"(?:https?|ftp)://[^\s<>\])]+[^\s<>\]).,;:!?'\"。，、；：！？）」』]",
    "emoji": r":[a-z0-9_+-]+:",
    "math": r"(?<![\\$])\$(?=\S)[^$\n]+(?<=\S)\$(?!\d)",
}
_SCANNER = regex.compile(
    "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS.items()), regex.DOTALL
)

#: Lines of a translation that would open a new block the source unit does not have.
BLOCK_START = regex.compile(
    r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|```|~~~|!!!|\?\?\?|===|\[\^[^\]]+\]:"
    r"|\*\[[^\]]*\][ \t]*:|\[[^\]]+\]:|<[A-Za-z/!?]|\||:[ \t]|(?:[-*_][ \t]*){3,}$|=+[ \t]*$)"
)


@dataclass(frozen=True)
class Piece:
    """A run of a unit's text: prose a translator rewrites, or markup to keep as it is."""

    kind: str  # "text" or one of the markup kinds above
    text: str


def pieces(text: str, labels: frozenset[str] = frozenset()) -> Iterator[Piece]:
    """Split inline Markdown into prose and markup pieces, in order.

    `labels` are the document's link reference labels: a shortcut reference `[Label]` is
    markup too, since changing its text would break the link.
    """
    position = 0
    scanner = _SCANNER if not labels else _with_labels(labels)
    for match in scanner.finditer(text):
        if match.start() > position:
            yield Piece("text", text[position : match.start()])
        kind = match.lastgroup or "text"
        if kind == "ticks":  # the named backreference group inside "code"
            kind = "code"
        yield Piece(kind, match.group())
        position = match.end()
    if position < len(text):
        yield Piece("text", text[position:])


def _with_labels(labels: frozenset[str]) -> regex.Pattern[str]:
    alternatives = "|".join(regex.escape(label) for label in sorted(labels, key=len, reverse=True))
    shortcut = rf"(?P<shortcut>(?<!\]|\\)\[(?i:{alternatives})\](?![(\[]))"
    return regex.compile(shortcut + "|" + _SCANNER.pattern, regex.DOTALL)


def reference_labels(body: str) -> frozenset[str]:
    """Return the labels of a document's link reference definitions (`[label]: url`)."""
    return frozenset(regex.findall(r"^[ ]{0,3}\[([^\]\n^]+)\]:[ \t]*\S", body, flags=regex.M))


def markup(text: str) -> Counter[tuple[str, str]]:
    """Count the markup a translation must keep: targets, code, footnotes, attributes, HTML."""
    found: Counter[tuple[str, str]] = Counter()
    for piece in pieces(text):
        if piece.kind in ("text", "escape", "entity", "emoji"):
            continue
        found[(piece.kind, _normal(piece))] += 1
    prose = "".join(p.text if p.kind == "text" else " " for p in pieces(text))
    found[("image", "![")] += prose.count("![")
    return +found


def _normal(piece: Piece) -> str:
    if piece.kind == "html":
        return " ".join(piece.text.split())
    if piece.kind == "target":  # a link title is prose; the destination is the markup
        inner = piece.text[2:-1].strip()
        return inner.split()[0] if inner else ""
    return piece.text


def prose(text: str) -> str:
    """Return only the prose of a unit (markup replaced by spaces)."""
    return "".join(p.text if p.kind == "text" else " " for p in pieces(text))


def has_words(text: str) -> bool:
    """Say whether a unit has any letters a translator would translate."""
    return regex.search(r"\p{L}", prose(text)) is not None
