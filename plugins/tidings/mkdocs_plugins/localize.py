"""One language pass in the reader's language: what MkDocs and Material print themselves.

The site's texts (mkdocs.yml's name, description, copyright, nav titles, from the `site`
catalog), Python-Markdown's own strings (the heading permalink title, the footnote back-link
title, from Tidings' UI catalog) and nav titles of pages translated through catalogs. After
the build, the 404 pages and one search index per language (`tidings.site.search`). And the
warning that some of Tidings' interface would show in English in a locale.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from tidings.locales import direction
from tidings.mkdocs_plugins.support import html_lang, name_search_dialog, page_key, topic_lang
from tidings.project import Project
from tidings.site.head import without_alternates
from tidings.site.publication import Publication
from tidings.site.search import INDEX, language_base, split_index
from tidings.ui import Overrides, catalog_file, missing


def localize_config(config: MkDocsConfig, publication: Publication, locale: str) -> None:
    """Put this pass's language into the configuration MkDocs and Material render with."""
    config.extra["tidings_home"] = publication.urls.href("index.md", locale)
    # Material prints these raw (MkDocs' Jinja has no autoescape); translations are text.
    for key, text in publication.site_text_items(locale):
        config[key] = text if locale == publication.source_locale else escape(text)
    _ = publication.renderer.gettext(locale)
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = _("Permanent link")
    if "footnotes" in config.markdown_extensions:
        # Python-Markdown fills in the number with `%`: the translation keeps exactly the
        # English's placeholders, or it is not used (`tidings.ui.usable`).
        backlink = _("Jump back to footnote %d in the text")
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = backlink


def localize_nav(nav: Navigation, publication: Publication, locale: str) -> Navigation:
    """Nav titles in `locale`: mkdocs.yml's from the site catalog, a page's from its catalog
    even while the page itself is not published yet."""
    if locale == publication.source_locale:
        return nav
    for item in _walk(nav.items):
        key = page_key(item) if isinstance(item, Page) else None
        title = publication.nav_title(locale, item.title, key)
        if title is not None:
            item.title = escape(title)
    return nav


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def localize_page(html: str, page: Page, publication: Publication, locale: str) -> str:
    """What Material writes in English or in no language, in the page's: the search dialog's
    name, `<html lang dir>`, the language of a fallback's title in the header, the search
    index of the page's language."""
    label = publication.renderer.gettext(locale)("Search")
    html = html_lang(name_search_dialog(html, label), locale, direction(locale))
    html = language_base(html, locale, publication.source_locale)  # its own search index
    foreign = publication.foreign_in_title(page_key(page), locale)
    return topic_lang(
        html,
        page.meta.get("tidings_lang"),
        page.meta.get("tidings_dir"),
        (foreign[0], foreign[1], direction(foreign[1])) if foreign else None,
    )


def localize_site(site: Path, publication: Publication) -> None:
    """After every language is built: the 404 pages in their language (i18n gives them
    relative hreflang links to home pages), and one search index per language."""
    source = publication.source_locale
    for page in [site / "404.html", *(site / loc / "404.html" for loc in publication.plan.locales)]:
        if page.is_file():
            lang = page.parent.name if page.parent != site else source
            html = without_alternates(page.read_text(encoding="utf-8"))
            html = language_base(html_lang(html, lang, direction(lang)), lang, source)
            page.write_text(html, encoding="utf-8")
    if (site / INDEX).is_file():  # real pages only, one index per language
        stacked = json.loads((site / INDEX).read_text(encoding="utf-8"))
        for path, content in split_index(stacked, publication.plan, publication.urls).items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(content)


def ui_problems(project: Project, interface: Overrides) -> dict[str, list[str]]:
    """Per locale, the warning that some of Tidings' interface would show in English."""
    found: dict[str, list[str]] = {}
    for lang in project.languages:
        left = missing(lang.locale, interface)
        if left:
            shown = project.relative(catalog_file(project.translations_dir, lang.locale))
            found[lang.locale] = [
                f"{shown}: {len(left)} interface string(s) have no {lang.locale} translation and show "
                f"in English ({left[0]!r}{', ...' if len(left) > 1 else ''}); run `tidings ui {lang.locale}` and translate them"
            ]
    return found
