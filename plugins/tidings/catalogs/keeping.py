"""Nothing a translator wrote is lost: what every catalog write checks first, and what it keeps.

- A catalog file is UTF-8 and says so: a header naming another charset over non-ASCII bytes
  is an error at the header line (Babel would decode it as that charset, and `update` would
  write `\\u5343` escapes back).
- Before a PO file is replaced, every non-empty msgstr of the old file (active, fuzzy or
  obsolete) must be in the new one, or nothing is written.
- Headers other tools wrote (`X-Generator`, `X-Poedit-*`, `X-Crowdin-*` ...) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.catalogs.pofile import PoEntry, parse
from tidings.errors import TidingsError, excerpt

#: Header fields Babel writes itself; any other field of a read catalog is kept as it was.
BABEL_HEADERS = frozenset(
    name.lower()
    for name in (
        "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
        "Last-Translator", "Language", "Language-Team", "Plural-Forms", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Generated-By",
    )
)  # fmt: skip
_CHARSET = re.compile(
    rb'^"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.MULTILINE | re.IGNORECASE
)
_HEADER_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$")


def check_charset(data: bytes, shown: str) -> None:
    """Refuse a catalog whose header names a charset other than UTF-8 over non-ASCII bytes."""
    match = _CHARSET.search(data)
    if match is None or match.group(1).lower() in (b"utf-8", b"utf8") or data.isascii():
        return
    line = data.count(b"\n", 0, match.start()) + 1
    charset = match.group(1).decode("ascii", "replace")
    raise TidingsError(
        shown,
        line,
        f"the header says charset={charset}, but Tidings catalogs are UTF-8: change it to charset=UTF-8 "
        "(the text itself is read as UTF-8 and is kept as it is)",
    )


def foreign_headers(entries: Sequence[PoEntry]) -> list[tuple[str, str]]:
    """The header fields of a read PO file that Babel does not write itself, in their order."""
    header = next((e.msgstr for e in entries if e.msgid == "" and e.context is None), "")
    fields = []
    for line in header.split("\n"):
        match = _HEADER_FIELD.match(line)
        if match and match.group(1).lower() not in BABEL_HEADERS:
            fields.append((match.group(1), match.group(2)))
    return fields


def with_headers(data: bytes, fields: list[tuple[str, str]]) -> bytes:
    """Put header fields back into a serialized catalog, after the header Babel wrote."""
    if not fields:
        return data
    extra = "".join(f'"{name}: {_quoted(value)}\\n"\n' for name, value in fields).encode("utf-8")
    end = data.find(b"\n\n")
    end = len(data) if end < 0 else end + 1
    return data[:end] + extra + data[end:]


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def lost_translations(old: bytes, new: bytes) -> list[tuple[str, int]]:
    """Every non-empty msgstr of `old` (with its line) that `new` no longer has anywhere."""
    try:
        before = parse(old.decode("utf-8"), "<old>", obsolete=True)
    except (UnicodeDecodeError, TidingsError):
        return []  # not readable as a catalog: reading refused it before any writing
    after = {entry.msgstr for entry in parse(new.decode("utf-8"), "<new>", obsolete=True)}
    return [(e.msgstr, e.line) for e in before if e.msgid and e.msgstr and e.msgstr not in after]


def refuse_loss(old: bytes, new: bytes, shown: str) -> None:
    """Raise, naming the first, when writing `new` over `old` would lose a translation."""
    lost = lost_translations(old, new)
    if lost:
        text, line = lost[0]
        raise TidingsError(
            shown,
            line,
            f"not written: the update would lose {len(lost)} translation(s), the first {excerpt(text)}; "
            "the file is unchanged (please report this)",
        )


#: The order gettext's tools write a header in (msginit, msgmerge; Poedit and Weblate keep
#: it); fields it does not know follow in the order they were in.
GETTEXT_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Plural-Forms",
)  # fmt: skip
_FIELD_START = re.compile(rb'^"([A-Za-z][A-Za-z0-9-]*):')


def gettext_header(data: bytes) -> bytes:
    """A written catalog with its header fields in gettext's order and `charset=UTF-8` as
    msgmerge spells it, so that a translator's `msgmerge --update` moves nothing back.

    A field starts a line (gettext breaks after each `\\n`) and wraps on its own lines, so
    moving its lines is what msgcat would write for the moved field."""
    start = data.find(b'msgstr ""\n')
    end = data.find(b"\n\n", start)
    if start < 0 or end < 0:
        return data
    body = data[start + len(b'msgstr ""\n') : end + 1]
    fields: list[tuple[bytes, list[bytes]]] = []
    for line in body.splitlines(keepends=True):
        match = _FIELD_START.match(line)
        if match and (not fields or fields[-1][1][-1].endswith(b'\\n"\n')):
            fields.append((match.group(1), [line]))
        elif fields:
            fields[-1][1].append(line)
        else:
            return data  # not a header as Tidings writes it: left as it is
    known = {name.encode(): rank for rank, name in enumerate(GETTEXT_ORDER)}
    ordered = sorted(
        enumerate(fields), key=lambda item: (known.get(item[1][0], len(known)), item[0])
    )
    lines = b"".join(b"".join(lines) for _, (_, lines) in ordered)
    lines = lines.replace(b"charset=utf-8", b"charset=UTF-8", 1)
    return data[: start + len(b'msgstr ""\n')] + lines + data[end + 1 :]
