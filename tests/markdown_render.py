"""Render Markdown the way the site does (Python-Markdown + the site's extensions) and
describe the result, independently of Tidings' own markdown-it segmentation."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import regex

from tidings.project import read_config

ROOT = Path(__file__).resolve().parents[1]


def site_extensions() -> tuple[list[str], dict[str, Any]]:
    """Return mkdocs.yml's markdown_extensions as Python-Markdown arguments."""
    config = read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, str):
            names.append(entry)
        else:
            ((name, options),) = entry.items()
            names.append(name)
            configs[name] = options or {}
    return names, configs


def render(text: str) -> str:
    names, configs = site_extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_CODE = {"code", "pre", "script", "style", "kbd"}
_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "summary",
    "label",
}
_SHORTCODE = regex.compile(r":[a-z0-9_+-]+:")


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, is its text never translated?)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        # Ids made from heading text may differ, and so do the permalinks pointing at them.
        kept = tuple(
            sorted((k, v) for k, v in attrs if k in ("href", "src") and "headerlink" not in classes)
        )
        self.tags.append((tag, kept))
        if tag not in _VOID:
            # Code, and the titles superfences puts on code blocks, are never translated.
            self._open.append((tag, tag in _CODE or "filename" in classes))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, _ = self._open.pop()
            if name == tag:
                break
        if tag in _BLOCKS:
            self.blocks.append("".join(self._text))
            self._text = []

    def handle_data(self, data: str) -> None:
        if not any(skip for _, skip in self._open):
            self._text.append(_SHORTCODE.sub("", data))


def structure(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """Return the sequence of start tags with their href/src attributes."""
    parser = _Structure()
    parser.feed(html)
    return parser.tags


def leftover_source_text(html: str, open_mark: str = "⟦", close_mark: str = "⟧") -> list[str]:
    """Return text blocks outside code that still have letters outside pseudo markers."""
    parser = _Structure()
    parser.feed(html)
    marked = regex.compile(
        regex.escape(open_mark) + r".*?" + regex.escape(close_mark), regex.DOTALL
    )
    left = []
    for block in parser.blocks:
        rest = marked.sub("", block)
        if regex.search(r"\p{L}", rest):
            left.append(rest.strip())
    return left
