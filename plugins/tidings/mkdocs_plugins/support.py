"""Small pieces the Tidings MkDocs adapters share: page keys, front matter, theme fixes."""

from __future__ import annotations

from html import escape
from typing import Any

import yaml
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.pages import Page

from tidings.ui import ui_translations


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory: MkDocs makes a new environment in every language pass."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def page_key(page: Page) -> str:
    """The language-neutral source path of a page (`stories/x.md` for `stories/x.fr.md`)."""
    return str(getattr(page.file, "norm_src_uri", None) or page.file.src_uri)


def front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, locale: str) -> str:
    """Give Material's search dialog an accessible name (axe: aria-dialog-name)."""
    _ = ui_translations(locale).gettext
    label = _("Search")
    return html.replace(
        _SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label, quote=True)}">', 1
    )
