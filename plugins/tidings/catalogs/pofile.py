"""A fast reader of the translations in a PO file, for builds and reports.

Babel's reader builds full Message objects and is the slowest step of a large build
(thousands of catalogs per language pass set). Builds, `tidings status` and `tidings check`
only need (context, msgid) -> (msgstr, fuzzy, line); this reader gives exactly that, with the
same line numbers as Babel (the `msgid` line), and rejects what msgfmt rejects with the line.
Commands that rewrite catalogs (`update`, `prefill`) use Babel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.errors import TidingsError, excerpt

_KEYWORD = re.compile(
    r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*$'
)
_CONTINUATION = re.compile(r'^"((?:[^"\\]|\\.)*)"[ \t]*$')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


@dataclass(frozen=True)
class PoEntry:
    """One translation of a PO file, where `line` is the line of its msgid."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int
    previous: bool = False
    """It has a previous msgid (`#| msgid`): fuzzy because its source changed after it was
    translated (msgmerge, `tidings update`), not a suggestion."""


def unescape(text: str) -> str:
    """A PO string's text without its escapes (`\\n`, `\\"`, ...)."""
    return (
        _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text)
        if "\\" in text
        else text
    )


def parse(text: str, shown: str, obsolete: bool = False) -> list[PoEntry]:
    """Read the active (not obsolete) entries of a PO file's text, header included.

    Two definitions of the same msgctxt + msgid are an error at the second, naming the first
    (msgfmt: "duplicate message definition"). With `obsolete`, the `#~` entries are read too
    (and may repeat an active one): what `tidings update` must never lose.
    """
    entries: list[PoEntry] = []
    seen: dict[tuple[str | None, str], int] = {}
    fields: dict[str, list[str]] = {}
    current = ""
    fuzzy = previous = False
    msgid_line = 0

    def finish() -> None:
        nonlocal fields, fuzzy, previous, current
        if "msgid" in fields:
            msgstr = fields.get("msgstr") or fields.get("msgstr[0]") or []
            context = "".join(fields["msgctxt"]) if "msgctxt" in fields else None
            msgid = unescape("".join(fields["msgid"]))
            first = seen.setdefault((context, msgid), msgid_line)
            if first != msgid_line and not obsolete:
                raise TidingsError(
                    shown,
                    msgid_line,
                    f"duplicate entry: the same msgid{' and msgctxt' if context is not None else ''} as line {first} "
                    "(msgfmt rejects the file); keep one of them",
                )
            entries.append(
                PoEntry(context, msgid, unescape("".join(msgstr)), fuzzy, msgid_line, previous)
            )
        fields, fuzzy, previous, current = {}, False, False, ""

    # Lines end at LF (or CRLF) only: U+2028, U+0085 and the like are text in a msgstr.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if obsolete and line.startswith("#~"):
            if line.startswith("#~|"):
                continue  # a previous msgid (`#~|`), not a definition
            line = line[2:].lstrip(" ")
        if not line.strip():
            finish()
            continue
        if line.startswith("#"):
            if current and not line.startswith("#~"):
                finish()  # a comment after a message starts the next one
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                fuzzy = True
            elif line.startswith("#| msgid"):
                previous = True
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid") and current.startswith("msgstr"):
                finish()
            if keyword == "msgid":
                msgid_line = number
            current = keyword
            fields[keyword] = [match.group(2)]
            continue
        match = _CONTINUATION.match(line)
        if match and current:
            fields[current].append(match.group(1))
            continue
        raise TidingsError(
            shown,
            number,
            f"PO syntax error: expected a keyword and a quoted string: {excerpt(line.strip())}",
        )
    finish()
    return entries
