"""One search index per language, holding that language's real pages only.

mkdocs-static-i18n stacks every language's pages into one `search/search_index.json`: the
zh-Hant pages rank first on the zh site and every untranslated fallback copy is found once per
language. Here the stacked index is split: the source language keeps
`search/search_index.json`, each other language gets `<locale>/search/search_index.json`
with its locations relative to its home and no fallback copy. Material's search loads the
index next to its `__config.base`, which the stories plugin points at the language's home on
that language's pages (`language_base`).

The lunr configuration stays the stacked one (every language's pipeline, see `split_index`). Measured in
Chromium with Material 9.8.1's worker, a per-language list (`["ar"]`, `["en", "zh"]`) found
nothing for Arabic or Chinese queries while `["fr"]` worked; the cause is not traced (the
worker loads `tinyseg.js` only for `ja`, and lists with `ja` work). So per-language stemming
is not done here, and English inflections ("festival", "visitors") are still missed.

Material also reads `sitemap.xml` next to `__config.base` for `navigation.instant`; a site
that turns that feature on gets no per-language sitemap there yet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from tidings.site.plan import Plan
from tidings.site.urls import Urls

INDEX = "search/search_index.json"


def fallback_locations(plan: Plan, urls: Urls) -> set[str]:
    """Site-relative locations of every fallback copy (a page readers get in another language)."""
    uris = {*plan.story_uris.values(), *plan.listings, *plan.documents}
    return {
        urls.path(uri, locale)
        for uri in uris
        for locale in plan.locales
        if locale not in plan.real_locales(uri)
    }


def split_index(
    index: Mapping[str, Any], plan: Plan, urls: Urls, lunr: Collection[str]
) -> dict[str, bytes]:
    """The per-language index files (site-relative path -> JSON) made from the stacked one.

    `lunr` are the languages the theme's lunr knows. The pipeline list is the one
    mkdocs-static-i18n makes in a build of every language (English, then each language lunr
    knows, in the site's order), so that a shard of `tidings build --jobs` writes the same.
    """
    fallbacks = fallback_locations(plan, urls)
    pipeline = ["en", *(loc for loc in plan.locales if loc in lunr and loc != "en")]
    others = [locale for locale in plan.locales if locale != plan.source_locale]
    by_locale: dict[str, list[dict[str, Any]]] = {locale: [] for locale in plan.locales}
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        if location.split("#", 1)[0] in fallbacks:
            continue
        locale = next((loc for loc in others if location.startswith(f"{loc}/")), None)
        if locale is None:
            by_locale[plan.source_locale].append(doc)
        else:
            by_locale[locale].append({**doc, "location": location[len(locale) + 1 :]})
    files = {}
    for locale, docs in by_locale.items():
        config = {**index.get("config", {}), "lang": pipeline}
        path = INDEX if locale == plan.source_locale else f"{locale}/{INDEX}"
        files[path] = json.dumps(
            {"config": config, "docs": docs}, separators=(",", ":"), default=str
        ).encode()
    return files


_BASE = re.compile(r'("base":\s*")([^"]*)(")')


def language_base(html: str, locale: str, source_locale: str) -> str:
    """Point Material's `__config.base` at the language's home, where its index is."""
    if locale == source_locale:
        return html

    def home(match: re.Match[str]) -> str:
        base = match.group(2)  # `.`, `..`, `../..`, or root-relative `/`, `/repo/` (404 pages)
        # With the trailing slash: the index is resolved against it as a folder.
        new = f"{locale}/" if base in ("", ".", "./") else f"{base.rstrip('/')}/{locale}/"
        return f"{match.group(1)}{new}{match.group(3)}"

    start = html.find('<script id="__config"')
    if start < 0:
        return html
    end = html.find("</script>", start)
    return html[:start] + _BASE.sub(home, html[start:end], count=1) + html[end:]
