"""Characters that cannot be text: what no story, catalog entry or snippet may contain.

XML 1.0 (section 2.2, "Char") has no place for C0 control characters other than tab, line
feed and carriage return, for lone surrogates or for U+FFFE/U+FFFF, so feeds and sitemaps
cannot carry them (feedgen raises "All strings must be XML compatible"); C1 controls, DEL and
the other Unicode noncharacters are "discouraged" there and invisible everywhere else. None of
them has a use in prose, so a story or a translation that contains one is refused where it was
written, with its line, instead of failing deep inside a build.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Tab and line feed are text; a carriage return is only accepted as part of a CRLF line end.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
    "|\r(?!\n)"
)


@dataclass(frozen=True)
class BadCharacter:
    """A character that cannot be text, where it is: 1-based line and column of `text`."""

    char: str
    line: int
    column: int

    def describe(self, with_line: bool = False) -> str:
        """Say what the character is and where, for a person to find and remove it."""
        code = f"U+{ord(self.char):04X}"
        name = _NAMES.get(self.char) or unicodedata.name(self.char, "")
        what = (
            "a lone surrogate"
            if 0xD800 <= ord(self.char) <= 0xDFFF
            else f"the control character {code}"
        )
        if unicodedata.category(self.char) == "Cn":
            what = f"the noncharacter {code}"
        label = f" ({name})" if name else ""
        where = f"line {self.line}, column {self.column}" if with_line else f"column {self.column}"
        return f"{what}{label} at {where}, which cannot be shown as text; remove it"


_NAMES = {
    "\x00": "NUL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}


def bad_characters(text: str) -> list[BadCharacter]:
    """Return every character of `text` that cannot be text, with its line and column."""
    found = []
    for match in _FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        found.append(BadCharacter(match.group(), line, column))
    return found


def first_bad_character(text: str) -> BadCharacter | None:
    """Return the first character of `text` that cannot be text, or None."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    return bad_characters(text[: match.end()])[-1]
