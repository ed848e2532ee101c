"""Small pieces the Tidings MkDocs adapters share: page keys, front matter, theme fixes."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

import yaml
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory: MkDocs makes a new environment in every language pass."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def i18n_of(config: MkDocsConfig) -> Any:
    """The mkdocs-static-i18n plugin of the site, if it has one."""
    return config.plugins.get("i18n")


def pass_locale(config: MkDocsConfig, source_locale: str) -> str:
    """The language mkdocs-static-i18n is building in this pass (the source without i18n)."""
    i18n = i18n_of(config)
    current = getattr(i18n, "current_language", None) if i18n else None
    return str(current or source_locale)


def page_key(page: Page) -> str:
    """The language-neutral source path of a page (`stories/x.md` for `stories/x.fr.md`)."""
    return str(getattr(page.file, "norm_src_uri", None) or page.file.src_uri)


#: Page metadata that Material prints without escaping (MkDocs' Jinja has no autoescape):
#: `base.html` puts `page.meta.title` in `<title>` and `page.meta.description` in a
#: `<meta content="...">`, `partials/header.html` prints the title, the nav prints page titles.
THEME_TEXT = ("title", "description")


def front_matter(meta: dict[str, Any]) -> str:
    """Front matter of a generated page; texts the theme prints raw are handed over escaped.

    Titles and summaries come from catalogs (untrusted) and are plain text: escaped once here,
    they show in the theme exactly as typed. The unescaped title stays in `tidings_title`.
    """
    shown = dict(meta)
    for key in THEME_TEXT:
        if isinstance(shown.get(key), str):
            shown[key] = escape(shown[key], quote=True)
    if isinstance(meta.get("title"), str):
        shown["tidings_title"] = meta["title"]
    if _plain(shown):
        # JSON is YAML: one line that MkDocs' YAML loader reads back as these values, made
        # about 100 times faster than by PyYAML's emitter (a second per thousand pages).
        text = _UNPRINTABLE.sub(
            lambda m: f"\\u{ord(m.group()):04x}", json.dumps(shown, ensure_ascii=False)
        )
        return f"---\n{text}\n---\n\n"
    return "---\n" + yaml.safe_dump(shown, allow_unicode=True, sort_keys=False) + "---\n\n"


#: What a YAML stream may not hold (YAML 1.1, PyYAML's Reader.NON_PRINTABLE, complemented):
#: PyYAML refuses the whole front matter, and MkDocs then silently drops all of it; and
#: YAML 1.1's line breaks besides LF/CR (NEL, LS, PS), which a quoted scalar folds to a space.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _plain(value: object) -> bool:
    """Only strings, numbers, booleans, None, lists and string-keyed mappings of them."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(html: str, label: str) -> str:
    """Give Material's search dialog an accessible name (axe: aria-dialog-name)."""
    return html.replace(
        _SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{escape(label, quote=True)}">', 1
    )


_HTML_TAG = re.compile(r"<html\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\s(?:lang|dir)="[^"]*"')


def html_lang(html: str, lang: str, direction: str) -> str:
    """The page's language and direction on `<html>`: the site's code (Material's pt-BR
    partial says `pt`), and `dir`, which Material sets on `<body>` only, so that the `<head>`
    texts and every user agent see it."""
    return _HTML_TAG.sub(
        lambda m: f'<html{_ATTRIBUTE.sub("", m.group(1))} lang="{lang}" dir="{direction}">',
        html,
        count=1,
    )


_TOPIC = '<div class="md-header__topic" data-md-component="header-topic">'


def topic_lang(
    html: str,
    lang: str | None,
    direction: str | None,
    foreign: tuple[str, str, str] | None = None,
) -> str:
    """Mark the header's page title (Material's second header topic) with the language of a
    fallback copy's text, like the copy itself (WCAG 3.1.2, language of parts); or only the
    `foreign` (text, lang, dir) part of it."""
    if lang:
        return html.replace(_TOPIC, _TOPIC[:-1] + f' lang="{lang}" dir="{direction or "ltr"}">', 1)
    if foreign is None or _TOPIC not in html:
        return html
    start = html.index(_TOPIC)
    end = html.index("</div>", start)
    text, part_lang, part_dir = foreign
    inner = escape(text, quote=False)
    span = f'<span lang="{part_lang}" dir="{part_dir}">{inner}</span>'
    return html[:start] + html[start:end].replace(inner, span, 1) + html[end:]
