"""Write PO and POT catalogs with exactly the bytes GNU gettext's `msgcat` (0.21) writes.

Why: translators' tools (msgcat, msgmerge, Poedit) write through gettext's own writer, which
wraps at 79 columns by Unicode line breaking (CJK breaks between ideographs); Babel's
`write_po` wraps at spaces: each side's save re-wrapped the other's whole file.

Rules from gettext-tools/src/write-po.c (`message_print`, `message_print_obsolete`, `wrap`,
`message_print_comment_*`) and libunistring 1.0, which that msgcat links (`u8_width_linebreaks`:
UAX #14 with its pair table and tailoring; `uc_width`), re-stated from their behaviour.
Line_Break from `regex` (a dependency already), pinned by `_UNICODE_14` to libunistring 1.0's
Unicode 14.0; widths from `unicodedata` (14.0 on Python 3.11). tests/test_poformat.py is the
proof: msgcat gives every output back unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata

import regex
from babel.messages.catalog import Catalog, Message

__all__ = ["format_catalog"]

# libunistring's line breaking classes; the first 33 index the pair table below.
(WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS, NU, PO, PR, SY) = range(20)
(AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM, BK, CR, LF, CM, ZW, SP) = range(20, 39)
_HL_BA = 100  # a Hebrew letter followed by a hyphen: rule LB21a looks one character further

# UAX #14 pair table (rows: class before, columns: class after) as libunistring 1.0 tailors
# it: D = direct break, I = break only after spaces, P = no break.
# fmt: off
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII", "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ, GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD", "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2, BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII", "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # BB, HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CL, CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # CP2, EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN, NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP", "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1, OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII", "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # QU, IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # NU, PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII", "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # PR, SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # AL, H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # H3, ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI", "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # ID2, JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JV, JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # HL, RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII", "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ZWJ, EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


# Line_Break values as `regex` names them, and the class libunistring resolves each to; the
# rest (AI, AK, AP, AS, SA, SG, XX, AL) are alphabetic, and OP/CP split by East Asian width.
_RESOLVED = {
    "BK": BK, "NL": BK, "CR": CR, "LF": LF, "CM": CM, "VF": CM, "VI": CM, "ZWJ": ZWJ,
    "WJ": WJ, "ZW": ZW, "GL": GL, "SP": SP, "B2": B2, "BA": BA, "HH": BA, "BB": BB, "HY": HY,
    "CB": ID1, "CL": CL, "EX": EX, "IN": IN, "NS": NS, "CJ": NS, "QU": QU, "IS": IS, "NU": NU,
    "PO": PO, "PR": PR, "SY": SY, "H2": H2, "H3": H3, "HL": HL, "ID": ID1, "JL": JL, "JV": JV,
    "JT": JT, "RI": RI, "EB": EB, "EM": EM, "OP": OP1, "CP": CP1, "AL": AL,
}
# Characters whose Line_Break changed after Unicode 14.0 (`regex` follows the newest Unicode)
# or that libunistring 1.0 tailors, with the class libunistring 1.0 gives them.
_UNICODE_14_TEXT = (
    "00B7 AL, 034F GL, 0387 AL, 0600-0605 AL, 06DD AL, 0890-0891 AL, 08E2 AL, 19DA AL, "
    "1B5C AL, 1B61-1B6A AL, 1B74-1B7C AL, 1DCD CM, 1DFC CM, 2057 AL, 2800 AL, 2E56 CL, "
    "2E58 CL, 2E5A CL, 2E5C CL, A9C1-A9C6 AL, A9CA-A9CD AL, A9CF AL, A9DE-A9DF AL, "
    "AA40-AA42 AL, AA44-AA4B AL, AA5C AL, FE10 IS, FE13-FE14 IS, FE20 CM, FE22 CM, FE24 CM, "
    "FE26-FE27 CM, FE29 CM, FE2B CM, FE2D-FE2E CM, FE51 ID, 11049-1104D AL, 11052-11065 AL, "
    "1107F CM, 110BD AL, 110CD AL, 1133D AL, 1135D AL, 11EF2 AL, 11EF7-11EF8 AL, "
    "1F10D-1F10F ID, 1F16D-1F16F ID, 1F1AD ID, 1F8B0-1F8B1 ID"
)
_UNICODE_14 = {
    code: _RESOLVED[name]
    for first, last, name in re.findall(r"(\w+)(?:-(\w+))? (\w+)", _UNICODE_14_TEXT)
    for code in range(int(first, 16), int(last or first, 16) + 1)
}


# Unassigned code points that libunistring 1.0 still reads as prefixes, ideographs or emoji to
# be, or as two columns wide; Hangul jamo it counts as zero columns.
_VACANT = ((PR, ((0x20BC, 0x20CF),)),
           (ID1, ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD),
                  (0x30000, 0x3FFFD))),
           (ID2, ((0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD))))
_VACANT_WIDE = ((0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),
                (0xFF00, 0xFF60), (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF))
_JAMO = ((0x1160, 0x11FF), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB))
# fmt: on


# One pattern that names a character's Line_Break; values an older `regex` lacks are left out.
_KNOWN: list[str] = []
for _name in [*_RESOLVED, "AK", "AP", "AS"]:
    with contextlib.suppress(regex.error):
        _KNOWN.append(regex.compile(rf"(?P<{_name}>\p{{lb={_name}}})").pattern)
_LINE_BREAK = regex.compile("|".join(_KNOWN))


def _classify(char: str) -> int:
    """The line breaking class libunistring 1.0 gives a character (after its run-time rules)."""
    code = ord(char)
    if code in _UNICODE_14:
        return _UNICODE_14[code]
    category = unicodedata.category(char)
    if category == "Cn":  # unassigned: libunistring's rules for reserved blocks
        kinds = [kind for kind, blocks in _VACANT if any(a <= code <= b for a, b in blocks)]
        return kinds[0] if kinds else AL
    match = _LINE_BREAK.match(char)
    name = match.lastgroup if match else None
    if name in ("OP", "CP") and unicodedata.east_asian_width(char) in ("W", "F", "H"):
        return OP2 if name == "OP" else CP2
    if name in ("AK", "AP", "AS") and category == "Nd":
        return NU
    return _RESOLVED.get(name or "XX", AL)


def _measure(char: str) -> int:
    """Columns of a character as libunistring's `uc_width` counts them in UTF-8 (controls,
    which it counts as -1, as 0: the line breaker ignores them just the same)."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cn":
        return 2 if any(a <= code <= b for a, b in _VACANT_WIDE) else 1
    if (
        category in ("Cc", "Cf")
        or unicodedata.bidirectional(char) == "NSM"
        or unicodedata.name(char, "").startswith("ZERO WIDTH ")
        or any(a <= code <= b for a, b in _JAMO)
    ):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_CLASS = {chr(code): _classify(chr(code)) for code in range(1, 128)}
_WIDTH = {chr(code): _measure(chr(code)) for code in range(1, 128)}


def _opportunities(text: str) -> list[int]:
    """Per character: 1 if UAX #14 (libunistring 1.0's reading) allows a break before it, 2 if
    it is a mandatory break (U+2028, U+0085: gettext does not break there), else 0."""
    _CLASS.update((char, _classify(char)) for char in set(text) if char not in _CLASS)
    result = [0] * len(text)
    prev, last, space, regional = BK, BK, False, 0
    for index, kind in enumerate(map(_CLASS.__getitem__, text)):
        if BK <= kind <= LF:  # (LB4-LB6)
            result[index] = 2
            prev, last, space, regional = kind, BK, False, 0
            continue
        possible = False
        if kind == SP:  # (LB7) never before a space; (LB18) after it
            space = True
        elif kind == ZW:
            last, space = ZW, False
        elif kind in (CM, ZWJ):  # (LB9, LB10) a mark sticks to what it follows
            if last == BK:
                last, space = AL, False
            elif last == ZW or space:
                possible, last, space = True, AL, False
        else:
            if last == ZW:  # (LB8)
                possible = True
            elif last == BK or prev in (ZWJ, _HL_BA):  # (LB8a, LB21a)
                possible = False
            elif last == RI and kind == RI:  # (LB30a) flags pair up
                possible = space or regional % 2 == 0
            else:
                rule = _PAIRS[last][kind]
                possible = rule == "D" or (rule == "I" and space)
            last, space = kind, False
        result[index] = possible
        prev = _HL_BA if prev == HL and kind in (HY, BA) else kind
        regional = regional + 1 if kind == RI else 0
    return result


def _layout(text: str, forbid: set[int], width: int, column: int) -> list[int]:
    """Where `wrap()` breaks an escaped portion: at an opportunity before a piece that would
    pass `width` (counting from `column`), as libunistring's `u8_width_linebreaks` does."""
    if text.isascii() and text.isprintable():
        total = len(text)
    else:
        _WIDTH.update((char, _measure(char)) for char in set(text) if char not in _WIDTH)
        total = sum(map(_WIDTH.__getitem__, text))
    if column + total <= width:
        return []  # it fits: no piece can pass the width
    breaks: list[int] = []
    last_p, last_column, piece = -1, column, 0
    for index, opportunity in enumerate(_opportunities(text)):
        if opportunity and index not in forbid:
            if last_p >= 0 and last_column + piece > width:
                breaks.append(last_p)
                last_column = 0
            if opportunity == 2:
                last_p, last_column, piece = -1, 0, 0
                continue
            last_p, last_column, piece = index, last_column + piece, 0
        piece += _WIDTH[text[index]]
    if last_p >= 0 and last_column + piece > width:
        breaks.append(last_p)
    return breaks


_ESCAPES = str.maketrans(
    {char: "\\" + name for char, name in zip('\\"\a\b\f\n\r\t\v', '\\"abfnrtv', strict=True)}
)
_UNESCAPES = dict(zip("abfnrtv", "\a\b\f\n\r\t\v", strict=True))
_NO_WRAP = 1 << 62


@functools.lru_cache(maxsize=4096)  # a msgid recurs in the template and in every locale
def _wrap(prefix: str, keyword: str, value: str, page_width: int) -> tuple[str, ...]:
    """`keyword "value"` as write-po.c's `wrap()` lays it out: one line if it fits, else
    `keyword ""` and lines of at most `page_width` columns, broken after each `\\n`."""
    lines: list[str] = []
    width = page_width - 2 - len(prefix)  # the two quotes and the prefix of each line
    portions = re.findall(r"[^\n]*\n|[^\n]+\Z", value) or [""]
    first = True
    for number, portion in enumerate(portions):
        text = portion.translate(_ESCAPES)
        # Never inside an escape sequence, nor just before a closing \n.
        forbid = {escape.start() + 1 for escape in re.finditer(r"\\.", text)}
        if portion.endswith("\n"):
            forbid.add(len(text) - 2)
        column = len(keyword) + 1 if first else 0
        breaks = _layout(text, forbid, width, column)
        if first and text and (number + 1 < len(portions) or column > width or breaks):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            breaks = _layout(text, forbid, width, 0)
        head, first, start = f"{prefix}{keyword} " if first else prefix, False, 0
        for end in breaks:
            lines.append(f'{head}"{text[start:end]}"')
            head, start = prefix, end
        lines.append(f'{head}"{text[start:]}"')
    return tuple(lines)


def _comments(lines: list[str], marker: str, comments: list[str]) -> None:
    """Translator (`#`) or extracted (`#.`) comments, a line each, as gettext prints them; as
    gettext's reader joins a line that ends in a backslash to the next one, even a comment,
    such a line gets a space after it (Babel's reader strips it again)."""
    for comment in comments:
        for line in comment.split("\n"):
            line = f"{marker} {line}" if line else marker
            lines.append(line + " " if line.endswith("\\") else line)


def _references(lines: list[str], message: Message, page_width: int) -> None:
    """`#:` lines filled up to `page_width` bytes, as gettext counts them, without `./` and
    without duplicates (gettext's reader would merge them: the output would not be its own)."""
    tokens: dict[str, None] = {}
    for filename, lineno in message.locations:
        if " " in filename or "\t" in filename:  # enclosed in U+2068 and U+2069, as by Babel
            filename = f"\u2068{filename.strip(chr(0x2068) + chr(0x2069))}\u2069"
        for token in (f"{filename}:{lineno:d}" if lineno else filename).split():
            while token.startswith("./"):
                token = token[2:]
            tokens[token] = None
    if not tokens:
        return
    line, column = "#:", 2
    for token in tokens:
        size = len(token.encode()) + 1
        if column > 2 and column + size > page_width:
            lines.append(line)
            line, column = "#:", 2
        line += " " + token
        column += size
    lines.append(line)


# gettext 0.21's format languages, in the order it writes their flags (message.c).
_LANGUAGES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
)
# A format flag as read -> (its language's place, how gettext writes it back, if it does).
# fmt: off
_FORMATS = {  # a flag as read -> (its language's place, the flag gettext writes back, or "")
    f"{state}{name}-format": (place, "" if state == "impossible-" else f"{state.removeprefix('possible-')}{name}-format")
    for place, name in enumerate(_LANGUAGES.split())
    for state in ("", "possible-", "no-", "impossible-")
}
# fmt: on
_RANGE = re.compile(r"range:\s*(\d+)\.\.(\d+)")


def _flags(lines: list[str], flags: set[str], fuzzy: bool, obsolete: bool) -> None:
    """The `#,` line in gettext's order (fuzzy, formats, range, no-wrap), less the flags gettext
    drops (`wrap`, `impossible-*-format`); flags gettext 0.21 does not know (msgcat would drop
    them too) are kept, sorted, at the end: they are not ours to lose."""
    written = ["fuzzy"] if fuzzy else []
    rest = set(flags) - {"fuzzy", "wrap", "no-wrap"}
    formats: dict[int, str] = {}
    for flag in sorted(rest.intersection(_FORMATS), reverse=True):  # "c-…" after "no-c-…"
        place, spelled = _FORMATS[flag]
        formats[place] = spelled or formats.get(place, "")
    rest.difference_update(_FORMATS)
    written += [formats[place] for place in sorted(formats) if formats[place]]
    ranges = [match for match in map(_RANGE.fullmatch, sorted(rest)) if match]
    rest -= {match[0] for match in ranges}
    bounds = [(int(match[1]), int(match[2])) for match in ranges if not obsolete]
    written += [f"range: {low}..{high}" for low, high in bounds if low <= high][:1]
    written += ["no-wrap"] if "no-wrap" in flags else []
    written += sorted(flag for flag in rest if flag)
    if written:
        lines.append("#, " + ", ".join(written))


_PREVIOUS_KEYS = ("msgctxt", "msgid", "msgid_plural")
_PREVIOUS = re.compile(r'\|\s*(msgctxt|msgid|msgid_plural)?\s*"((?:[^"\\]|\\.)*)"\s*')


def _previous(message: Message) -> tuple[list[str], list[tuple[str, str]]]:
    """Translator comments, and the previous msgctxt/msgid/msgid_plural (`#|`). Babel's reader
    keeps a `#| msgid "..."` line as the translator comment `| msgid "..."` (written back as
    `# | msgid`, which no tool reads as a previous msgid): such comments are read back into
    previous fields here. `message.previous_id` wins over them."""
    comments: list[str] = []
    fields: dict[str, str] = {}
    current = ""
    for comment in message.user_comments:
        match = _PREVIOUS.fullmatch(comment)
        if match and (match[1] or current):
            text = re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m[1], m[1]), match[2])
            if match[1]:
                current, fields[match[1]] = match[1], ""
            fields[current] += text
        else:
            comments.append(comment)
            current = ""
    if previous := message.previous_id:
        ids = [previous] if isinstance(previous, str) else list(previous)
        fields = dict(zip(("msgid", "msgid_plural"), ids, strict=False))
    return comments, [(key, fields[key]) for key in _PREVIOUS_KEYS if key in fields]


def _entry(
    catalog: Catalog, message: Message, page_width: int, refs_width: int, obsolete: bool
) -> list[str]:
    """One entry's lines, as `message_print` or `message_print_obsolete` writes them."""
    msgid, plural = (message.id, None) if isinstance(message.id, str) else message.id[:2]
    given = message.string
    forms = [given] if isinstance(given, str) else list(given or ("",))
    if plural is not None:  # as many forms as the catalog's Plural-Forms, as Babel writes
        forms = (forms + [""] * catalog.num_plurals)[: catalog.num_plurals]
    translated = bool(forms and forms[0])
    if obsolete and not translated:
        return []  # msgcat drops an obsolete entry without a translation
    lines: list[str] = []
    comments, previous = _previous(message)
    _comments(lines, "#", comments)
    _comments(lines, "#.", list(message.auto_comments))
    _references(lines, message, refs_width)
    flags = set(message.flags)
    _flags(lines, flags, "fuzzy" in flags and translated, obsolete)
    width = _NO_WRAP if "no-wrap" in flags else page_width
    for keyword, text in previous:
        lines += _wrap("#~| " if obsolete else "#| ", keyword, text, width)
    prefix = "#~ " if obsolete else ""
    if message.context is not None:
        lines += _wrap(prefix, "msgctxt", message.context, width)
    lines += _wrap(prefix, "msgid", msgid, width)
    if plural is None:
        lines += _wrap(prefix, "msgstr", forms[0], width)
    else:
        lines += _wrap(prefix, "msgid_plural", plural, width)
        for index, form in enumerate(forms):
            lines += _wrap(prefix, f"msgstr[{index}]", form, width)
    return lines


def format_catalog(catalog: Catalog, *, width: int = 79) -> bytes:
    """The catalog as `msgcat --width=WIDTH` would write it: header, messages, obsolete ones.

    `width` <= 0 leaves strings unwrapped, like `msgcat --no-wrap` (whose `#:` lines still
    fill 79 columns); below 20 it is 20, as msgcat makes it.
    """
    page_width = max(width, 20) if width > 0 else _NO_WRAP
    refs_width = max(width, 20) if width > 0 else 79
    messages = list(catalog)  # the header first: Babel's MIME headers, in Babel's order
    comments = catalog.header_comment.splitlines()
    messages[0].user_comments = [re.sub(r"^# ?", "", line) for line in comments]
    entries = [_entry(catalog, message, page_width, refs_width, False) for message in messages]
    entries += [  # not an obsolete twin of an active entry: gettext rejects a file with both
        _entry(catalog, message, page_width, refs_width, True)
        for message in catalog.obsolete.values()
        if catalog.get(message.id, message.context) is None
    ]
    text = "\n\n".join("\n".join(lines) for lines in entries if lines) + "\n"
    try:
        return text.encode(catalog.charset, "backslashreplace")
    except LookupError:  # "CHARSET" of a template nobody filled in
        return text.encode("utf-8", "backslashreplace")
