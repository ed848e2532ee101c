"""Cut a story's Markdown body into translation units, each a slice of the source.

Parsing uses markdown-it-py for block structure (with plugins for the Python-Markdown
extensions the site uses); units are located as byte-exact slices of the source so a story is
rebuilt by substitution, never by re-rendering tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from tidings.units.containers import container_rule
from tidings.units.markup import has_words

#: Kinds of unit, as translators see them in `#.` comments.
KINDS = (
    "heading",
    "paragraph",
    "list item",
    "blockquote",
    "table header",
    "table cell",
    "image alt",
    "admonition title",
    "admonition",
    "details title",
    "details",
    "tab title",
    "tab",
    "footnote",
    "term",
    "definition",
    "abbreviation",
)


@dataclass(frozen=True)
class Unit:
    """One translatable block: its msgid text and the source slice it replaces."""

    kind: str
    text: str  # the msgid: inline Markdown, soft line breaks collapsed
    line: int  # 1-based line in the story file
    start: int  # slice of the body this unit replaces
    end: int
    prefix: str = ""  # what continuation lines of a multi-line translation start with


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """Return the shared markdown-it parser configured like the site's Python-Markdown."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # We only locate blocks, never render: a `javascript:` reference definition is still a
    # definition to Python-Markdown, not a paragraph to translate.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.use(deflist_plugin)
    md.use(dollarmath_plugin, allow_labels=False, double_inline=False)
    md.disable("math_inline")
    md.block.ruler.before(
        "fence",
        "container",
        container_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    return md


# --- from tokens to units ----------------------------------------------------------------

_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*(?:[#.][\w-]|[\w:-]+=)[^{}\n]*\}[ \t]*$")
_ATTR_LINE = re.compile(r"^[ \t]*\{:?[ \t]*(?:[#.][\w-]|[\w:-]+=)[^{}\n]*\}[ \t]*$")
_ABBREVIATION = re.compile(r"^\*\[[^\]]+\][ ]?:[ \t]*")
_IMAGE_ONLY = regex.compile(
    r"^(?P<link>\[)?!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\([^)]*\)(?:\{[^}]*\})?(?(link)\]\([^)]*\))(?:\{[^}]*\})?$"
)
_HTML_OPEN = re.compile(r"^[ \t]*<([A-Za-z][\w-]*)(?=[\s>/])([^>]*)>")
_WIDE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]")
_PARAGRAPH_KIND = {
    "list_item_open": "list item",
    "blockquote_open": "blockquote",
    "footnote_reference_open": "footnote",
    "dd_open": "definition",
}


class _Source:
    """The body with offsets of every line start, for turning line numbers into offsets."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts = [0]
        for match in re.finditer("\n", body):
            self.starts.append(match.end())
        self.lines = body.split("\n")

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + len(self.lines[index])


def join_lines(lines: Sequence[str]) -> str:
    """Collapse soft line breaks: a space between words, nothing between CJK characters."""
    text = ""
    for index, line in enumerate(lines):
        piece = line.strip() if index else line.rstrip()
        if index == 0:
            text = piece
            continue
        previous = lines[index - 1]
        if previous.endswith("  "):
            text += "  \n" + piece  # a hard line break (Python-Markdown: two spaces) stays
            continue
        if not text or not piece or _WIDE.match(piece[0]) or _WIDE.match(text[-1]):
            text += piece
        else:
            text += " " + piece
    return text


def _continuation_prefix(line: str, column: int) -> str:
    """Blank out list and footnote markers but keep blockquote markers before `column`."""
    return "".join(ch if ch in "> \t" else " " for ch in line[:column])


def segment(body: str, first_line: int = 1) -> list[Unit]:
    """Return the translation units of a Markdown body, in source order.

    `first_line` is the file line of the body's first line (after front matter).
    """
    source = _Source(body)
    tokens = parser().parse(body)
    units: list[Unit] = []
    for unit in _walk(tokens, source, first_line, _raw_html_lines(tokens, source)):
        if has_words(unit.text):
            units.append(unit)
    units.sort(key=lambda u: u.start)
    return units


def _raw_html_lines(tokens: Sequence[Token], source: _Source) -> set[int]:
    """Lines that Python-Markdown keeps as raw HTML: from a block tag to its closing tag.

    markdown-it ends an HTML block at a blank line; Python-Markdown keeps everything up to the
    matching close tag raw (unless the tag has a `markdown` attribute, for md_in_html).
    """
    raw: set[int] = set()
    for token in tokens:
        if token.type != "html_block" or not token.map:
            continue
        match = _HTML_OPEN.match(token.content)
        if not match or "markdown" in match.group(2) or match.group(2).rstrip().endswith("/"):
            continue
        name = match.group(1).lower()
        depth = 0
        opener = re.compile(rf"<{name}(?=[\s>/])|</{name}\s*>", re.IGNORECASE)
        for index in range(token.map[0], len(source.lines)):
            for tag in opener.finditer(source.lines[index]):
                depth += -1 if tag.group().startswith("</") else 1
            raw.add(index)
            if depth <= 0:
                break
        else:
            raw.difference_update(range(token.map[1], len(source.lines)))  # never closed
    return raw


def _walk(
    tokens: Sequence[Token], source: _Source, first_line: int, raw: set[int]
) -> Iterator[Unit]:
    stack: list[Token] = []
    in_table = False
    header = False
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            stack.append(token)
        elif token.nesting == -1 and stack:
            stack.pop()
        if token.map and token.map[0] in raw:
            continue
        if token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif token.type == "thead_open":
            header = True
        elif token.type == "tbody_open":
            header = False
        elif token.type == "tr_open" and token.map:
            yield from _table_row(source, token.map[0], first_line, header)
        elif token.type == "container_open" and token.meta.get("title"):
            start, end = token.meta["title"]
            line = token.map[0] if token.map else 0
            if start < end:
                yield Unit(
                    f"{token.info} title", source.body[start:end], first_line + line, start, end
                )
        elif token.type == "inline" and not in_table and token.map:
            parent = tokens[index - 1].type if index else ""
            if parent == "heading_open":
                yield from _heading(source, token, tokens[index - 1], first_line)
            elif parent == "dt_open":
                yield from _lines_unit("term", source, token, first_line)
            elif parent == "paragraph_open":
                yield from _paragraph(source, token, stack, first_line)


def _heading(source: _Source, inline: Token, opener: Token, first_line: int) -> Iterator[Unit]:
    assert inline.map is not None
    if opener.markup in ("=", "-"):  # setext: the text lines, without the underline
        yield from _lines_unit("heading", source, inline, first_line)
        return
    index = inline.map[0]
    line_start = source.starts[index]
    line = source.lines[index]
    text = inline.content
    attrs = _ATTR_LIST.search(text)
    if attrs:
        text = text[: attrs.start()].rstrip()
    column = line.find(text, line.find("#")) if text else -1
    if column < 0:
        return
    start = line_start + column
    yield Unit("heading", text, first_line + index, start, start + len(text))


def _paragraph(
    source: _Source, inline: Token, stack: Sequence[Token], first_line: int
) -> Iterator[Unit]:
    kind = "paragraph"
    for token in reversed(stack[:-1]):
        if token.type in _PARAGRAPH_KIND:
            kind = _PARAGRAPH_KIND[token.type]
            break
        if token.type == "container_open":
            kind = token.info
            break
    content = inline.content
    if content.strip() == "[TOC]":
        return
    image = _IMAGE_ONLY.match(content)
    if image:
        if image.group("alt"):
            assert inline.map is not None
            index = inline.map[0]
            line_start, _ = source.line_span(index)
            column = source.lines[index].find(content)
            start = line_start + column + image.start("alt")
            yield Unit(
                "image alt",
                image.group("alt"),
                first_line + index,
                start,
                start + len(image.group("alt")),
            )
        return
    lines = content.split("\n")
    if all(_ABBREVIATION.match(line) for line in lines):
        yield from _abbreviations(source, inline, first_line)
        return
    yield from _lines_unit(kind, source, inline, first_line)


def _located_lines(source: _Source, inline: Token) -> list[tuple[int, int, int]]:
    """Return (line index, start offset, end offset) of each content line of an inline token."""
    assert inline.map is not None
    located = []
    for offset, content_line in enumerate(inline.content.split("\n")):
        index = inline.map[0] + offset
        line_start = source.starts[index]
        text = source.lines[index]
        column = text.rfind(content_line) if content_line else len(text.rstrip())
        if column < 0:  # tabs expanded by the parser: fall back to the stripped line
            stripped = content_line.strip()
            column = text.rfind(stripped)
            content_line = stripped
        located.append((index, line_start + column, line_start + column + len(content_line)))
    return located


def _lines_unit(kind: str, source: _Source, inline: Token, first_line: int) -> Iterator[Unit]:
    located = _located_lines(source, inline)
    # A block attribute list on the last line (`{: .lead }`) belongs to the block, not the text.
    while located and _ATTR_LINE.match(source.body[located[-1][1] : located[-1][2]]):
        located.pop()
    if not located:
        return
    texts = [source.body[start:end] for _, start, end in located]
    text = join_lines(texts)
    end = located[-1][2]
    index, start, _ = located[0]
    line = source.lines[index]
    prefix = _continuation_prefix(line, start - source.starts[index])
    yield Unit(kind, text, first_line + index, start, end, prefix)


def _abbreviations(source: _Source, inline: Token, first_line: int) -> Iterator[Unit]:
    for index, start, end in _located_lines(source, inline):
        text = source.body[start:end]
        match = _ABBREVIATION.match(text)
        if match and match.end() < len(text):
            yield Unit(
                "abbreviation",
                text[match.end() :].rstrip(),
                first_line + index,
                start + match.end(),
                end,
            )


def split_cells(row: str) -> list[tuple[int, int]]:
    """Return (start, end) of each cell's trimmed content in a pipe-table row."""
    spans = []
    position = len(row) - len(row.lstrip(" \t>"))
    if row.startswith("|", position):
        position += 1
    cell_start = position
    ticks = 0
    index = position
    while index <= len(row):
        ch = row[index] if index < len(row) else "|"
        if ch == "\\":
            index += 2
            continue
        if ch == "`":
            run = len(row[index:]) - len(row[index:].lstrip("`"))
            ticks = 0 if ticks == run else (ticks or run)
            index += run
            continue
        if ch == "|" and not ticks:
            raw = row[cell_start:index]
            lead = len(raw) - len(raw.lstrip())
            spans.append((cell_start + lead, cell_start + len(raw.rstrip())))
            cell_start = index + 1
        index += 1
    if spans and spans[-1][0] >= spans[-1][1] and row.rstrip().endswith("|"):
        spans.pop()  # the closing pipe of `| a | b |`
    return spans


def _table_row(source: _Source, index: int, first_line: int, header: bool) -> Iterator[Unit]:
    line_start, _ = source.line_span(index)
    row = source.lines[index]
    for start, end in split_cells(row):
        if start < end:
            text = row[start:end]
            yield Unit(
                "table header" if header else "table cell",
                text,
                first_line + index,
                line_start + start,
                line_start + end,
            )
