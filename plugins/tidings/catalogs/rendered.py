"""What a unit renders to: the site's own Python-Markdown, in the unit's block context.

A translation is accepted by what it renders to, not by how it looks: the source unit and the
translated unit are each rendered inside the same small document that stands for the unit's
place in a story (a list item, a table cell, an admonition title ...), and the two results are
compared with a real HTML tokenizer (`html.parser`): the same elements in the same order and
nesting, the same attributes with the same values (text-bearing ones such as `alt` and `title`
aside), no stray `<` that another HTML parser could read as a tag, and no change to what
Python-Markdown keeps document-wide (link references, abbreviations, footnotes), since a unit
that defines `[label]: url` or `*[CITY]: ...` would change other units of the page.

Python-Markdown, not markdown-it: it is what renders the site, and it is what accepts raw HTML
with `/` as attribute separator, reference definitions without a space, attribute lists that
start with a bare word, abbreviations with a space before the colon.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any

import markdown

from tidings.errors import TidingsError
from tidings.project import MarkdownSetup

#: Attributes whose values are the translator's text; their values may differ, but stay text.
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label"})
#: Text that looks like HTML: `<` followed by what starts a tag, end tag, comment or declaration.
TAG_LIKE = re.compile(r"<[/!?]?[A-Za-z]")

# Where a unit of each kind sits in a story: (before, continuation-line prefix, after).
# The continuation prefix is what `localize.rebuild` puts before the lines of a multi-line
# translation, so a line break in a translation is rendered where the page would have it.
_CONTEXT: Mapping[str, tuple[str, str, str]] = {
    "paragraph": ("", "", ""),
    "heading": ("## ", "", ""),
    "list item": ("- ", "    ", ""),
    "blockquote": ("> ", "> ", ""),
    "table header": ("| ", "", " |\n| --- |\n| cell |"),
    "table cell": ("| head |\n| --- |\n| ", "", " |"),
    "image alt": ("![", "", "](image.png)"),
    "admonition title": ('!!! note "', "", '"\n    Body.'),
    "admonition": ("!!! note\n    ", "    ", ""),
    "details title": ('??? note "', "", '"\n    Body.'),
    "details": ("??? note\n    ", "    ", ""),
    "tab title": ('=== "', "", '"\n    Body.'),
    "tab": ('=== "Tab"\n    ', "    ", ""),
    "footnote": ("Text[^tidings-note]\n\n[^tidings-note]: ", "    ", ""),
    "term": ("", "", "\n:   Definition."),
    "definition": ("Term\n:   ", "    ", ""),
    "abbreviation": ("*[TIDINGS]: ", "", "\n\nTIDINGS"),
}
# Document-wide entries our own context defines; their values are the unit's text.
_OWN = {"abbrs": "TIDINGS", "footnotes": "tidings-note"}


@dataclass(frozen=True)
class Rendering:
    """What a unit rendered to: tag events, stray `<`, document-wide definitions."""

    events: tuple[tuple[Any, ...], ...]
    texts: tuple[str, ...]  # values of the text-bearing attributes, in order
    stray: int
    definitions: tuple[tuple[str, str, str], ...]  # (what, key, value)


class _Events(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted(attrs, key=lambda kv: kv[0]))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment",))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("declaration",))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("declaration",))

    def handle_pi(self, data: str) -> None:
        self.events.append(("declaration",))


def _constant_slug(value: str, separator: str) -> str:
    # Ids that toc derives from heading text differ in every language; an explicit `{ #id }`
    # must not, so generated ids are made the same for source and translation.
    return "tidings"


class UnitRenderer:
    """Render units with one site's Markdown configuration (one Markdown instance, reused)."""

    def __init__(self, setup: MarkdownSetup) -> None:
        configs = {
            name: dict(options or {})
            for name, options in copy.deepcopy(dict(setup.configs)).items()
        }
        for name in ("toc", "markdown.extensions.toc"):
            if name in setup.extensions:
                configs.setdefault(name, {})["slugify"] = _constant_slug
        for options in configs.values():
            # Any other extension that makes ids from text (pymdownx.tabbed, pymdownx.blocks.tab).
            if options.get("slugify"):
                options["slugify"] = _constant_slug
        try:
            self.md = markdown.Markdown(
                extensions=list(setup.extensions), extension_configs=configs
            )
        except Exception as exc:  # noqa: BLE001 (an extension mkdocs.yml names fails to load: any error)
            raise TidingsError(
                "mkdocs.yml",
                None,
                f"cannot load the Markdown extensions {list(setup.extensions)}: {exc}",
            ) from None

    def render(self, kind: str, text: str) -> Rendering:
        """Render `text` as a unit of `kind`.

        The page's own link references and footnotes are not defined here: a reference the
        unit uses renders as text in both source and translation (the pattern checks compare
        the labels), and one the translation defines shows up in `definitions`.
        """
        before, prefix, after = _CONTEXT.get(kind, _CONTEXT["paragraph"])
        document = before + text.replace("\n", "\n" + prefix) + after
        self.md.reset()
        html = self.md.convert(document)
        parser = _Events()
        parser.feed(html)
        parser.close()
        events = tuple(_masked(event) for event in parser.events)
        texts = tuple(
            v or ""
            for e in parser.events
            if e[0] == "start"
            for k, v in e[2]
            if k in TEXT_ATTRIBUTES
        )
        stray = html.count("<") - len(parser.events)
        return Rendering(events, texts, stray, self._definitions(kind))

    def _definitions(self, kind: str) -> tuple[tuple[str, str, str], ...]:
        found: list[tuple[str, str, str]] = [
            ("reference", k, repr(v)) for k, v in self.md.references.items()
        ]
        for extension in self.md.registeredExtensions:
            for what in ("abbrs", "footnotes"):
                table = getattr(extension, what, None)
                if isinstance(table, Mapping):
                    for key, value in table.items():
                        own = _OWN[what] == key and kind in ("abbreviation", "footnote")
                        found.append((what, str(key), "" if own else repr(value)))
        return tuple(sorted(found))


def _masked(event: tuple[Any, ...]) -> tuple[Any, ...]:
    if event[0] != "start":
        return event
    attrs = tuple((k, None if k in TEXT_ATTRIBUTES else v) for k, v in event[2])
    return ("start", event[1], attrs)


_renderers: dict[str, UnitRenderer] = {}


def renderer_for(setup: MarkdownSetup) -> UnitRenderer:
    """One renderer per Markdown configuration (building a Markdown instance costs ~70 ms)."""
    if setup.key not in _renderers:
        _renderers[setup.key] = UnitRenderer(setup)
    return _renderers[setup.key]


def _render(setup_key: str, kind: str, text: str) -> Rendering:
    return _renderers[setup_key].render(kind, text)


# Wrapped, not decorated, so that mutation testing (mutmut skips decorated functions) reaches it.
_render_cached = lru_cache(maxsize=65536)(_render)


def rendered_differences(setup: MarkdownSetup, kind: str, msgid: str, msgstr: str) -> list[str]:
    """Say how the translation renders differently from its source (empty when it does not)."""
    renderer_for(setup)
    source = _render_cached(setup.key, kind, msgid)
    try:
        target = _render_cached(setup.key, kind, msgstr)
    except Exception as exc:  # noqa: BLE001 (a third-party extension failing on hostile input: any error)
        return [f"cannot be rendered as Markdown ({type(exc).__name__})"]
    problems: list[str] = []
    if target.events != source.events:
        problems.append(describe_difference(source.events, target.events))
    for text in set(target.texts) - set(source.texts):
        if (tag := TAG_LIKE.search(text)) and not TAG_LIKE.search(" ".join(source.texts)):
            problems.append(
                f"puts text that looks like HTML ({tag.group()!r}) into an alt text or title, which is plain text"
            )
            break
    if target.stray > source.stray:
        problems.append(
            "has a '<' that a browser could read as the start of an HTML tag; write it as &lt;"
        )
    if target.definitions != source.definitions:
        added = sorted(set(target.definitions) - set(source.definitions))
        what, key, _ = added[0] if added else min(set(source.definitions) - set(target.definitions))
        label = {
            "reference": f"the link reference [{key}]",
            "abbrs": f"the abbreviation *[{key}]",
            "footnotes": f"the footnote [^{key}]",
        }[what]
        problems.append(f"defines {label}, which would change other parts of the page")
    return problems


# --- differences in words a translator understands -----------------------------------------

_WHAT = {
    "a": "a link",
    "img": "an image",
    "strong": "bold text (**…**)",
    "b": "bold text",
    "em": "italic text (*…*)",
    "i": "italic text",
    "code": "inline code (`…`)",
    "pre": "a code block",
    "p": "a paragraph break",
    "br": "a line break",
    "hr": "a horizontal rule",
    "ul": "a bulleted list",
    "ol": "a numbered list",
    "li": "a list item",
    "blockquote": "a quotation (>)",
    "table": "a table",
    "thead": "a table header",
    "tbody": "a table body",
    "tr": "a table row",
    "td": "a table cell (|)",
    "th": "a table header cell (|)",
    "dl": "a definition list",
    "dt": "a definition term",
    "dd": "a definition (:)",
    "sup": "a footnote reference",
    "abbr": "an abbreviation",
    "details": "a collapsible block (???)",
    "summary": "a collapsible block title",
    "div": "a block (admonition, tab or HTML <div>)",
    **{f"h{n}": "a heading" for n in range(1, 7)},
}


def _what(event: tuple[Any, ...]) -> str:
    if event[0] == "comment":
        return "an HTML comment"
    if event[0] == "declaration":
        return "an HTML declaration"
    tag = event[1]
    return _WHAT.get(tag, f"the HTML element <{tag}>")


def _attrs(event: tuple[Any, ...]) -> dict[str, str | None]:
    attrs: dict[str, str | None] = {}
    for name, value in event[2]:
        attrs.setdefault(name, value)  # of duplicates, browsers use the first (WHATWG HTML)
    return attrs


def describe_difference(
    source: Sequence[tuple[Any, ...]], target: Sequence[tuple[Any, ...]]
) -> str:
    """Describe the first difference between two event sequences."""
    matcher = difflib.SequenceMatcher(a=list(source), b=list(target), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old = [e for e in source[i1:i2] if e[0] != "end"] or list(source[i1:i2])
        new = [e for e in target[j1:j2] if e[0] != "end"] or list(target[j1:j2])
        if op == "replace" and old and new and old[0][:2] == new[0][:2] and old[0][0] == "start":
            before, after = _attrs(old[0]), _attrs(new[0])
            added = sorted(set(after) - set(before))
            if added:
                return f"adds the attribute {added[0]}={after[added[0]]!r} to {_what(new[0])}"
            removed = sorted(set(before) - set(after))
            if removed:
                return f"drops the attribute {removed[0]} of {_what(old[0])}"
            name = next(k for k in sorted(after) if after[k] != before.get(k))
            return f"changes {name} of {_what(new[0])} from {before[name]!r} to {after[name]!r}"
        if not old:
            return f"adds {_what(new[0])}, which the source does not have here"
        if not new:
            return f"drops {_what(old[0])} of the source (check closing ** ` ] and the line breaks)"
        return f"has {_what(new[0])} where the source has {_what(old[0])}"
    return "renders differently from the source"
