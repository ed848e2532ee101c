"""One search index per language, holding that language's real pages only, stemmed for it.

mkdocs-static-i18n stacks every language's pages into one `search/search_index.json`: the
zh-Hant pages rank first on the zh site and every untranslated fallback copy is found once per
language. Here the stacked index is split: the source language keeps
`search/search_index.json`, each other language gets `<locale>/search/search_index.json`
with its locations relative to its home and no fallback copy. Material's search loads the
index next to its `__config.base`, which the stories plugin points at the language's home on
that language's pages (`language_base`).

Stemming is done here, at build time, not by lunr in the browser. Material's worker appends
`*` to every query term ("festival" is searched as `festival*`), and lunr runs no pipeline
over a term with a wildcard, so with lunr's stemmer the indexed `festiv` never matched the
query `festival*` (measured in Chromium with Material 9.8.1: "festival" and "visitors" found
nothing on the English site). So each index has an empty pipeline (words are indexed as they
are written, and a query matches them as a prefix), and every entry gets a `variants` field:
the other words of the same language's index that share a stem with one of its words
(Snowball, as the `snowballstemmer` package implements it, per language; for Arabic also the
word without its article or conjunction prefix and with hamza/taa marbuta forms normalised).
"lanterns" then finds a section that only says "lantern", and "الفوانيس" one that says
"فوانيس". Languages Snowball lacks (Chinese, Japanese, Korean, Thai) are matched as written;
Chinese and Japanese runs are cut into words by TinySegmenter, which the worker loads when
`lang` is `["ja"]` (the query is cut by the words of the index).

Material also reads `sitemap.xml` next to `__config.base` for `navigation.instant`; a site
that turns that feature on gets no per-language sitemap there yet.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

import snowballstemmer

from tidings.site.plan import Plan
from tidings.site.urls import Urls

INDEX = "search/search_index.json"

#: Snowball's algorithm for a base language code (the names `snowballstemmer` takes).
SNOWBALL = {
    "ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german",
    "el": "greek", "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian",
    "eu": "basque", "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "no": "norwegian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
#: The field the variants are in, weighted as body text.
VARIANTS = "variants"
_TAG = re.compile(r"<[^>]*>")
_EDGE = re.compile(r"^\W+|\W+$")
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel
_ARABIC_PREFIX = re.compile("^(?:وال|بال|كال|فال|لل|ال)(?=..)")
_ARABIC_LETTERS = str.maketrans("أإآٱىة", "اااايه")


def _arabic_light(word: str) -> str:
    """An Arabic word without marks, with one spelling of alif/yaa/taa marbuta, and without
    the article or a conjunction before it (light stemming, as search engines do)."""
    return _ARABIC_PREFIX.sub("", _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS))


@cache
def _keys(language: str) -> Callable[[str], set[str]] | None:
    """What makes two words of `language` the same word for search, or None."""
    algorithm = SNOWBALL.get(language)
    if algorithm is None:
        return None
    stem = snowballstemmer.stemmer(algorithm).stemWord
    if language == "ar":
        return lambda word: {stem(word), _arabic_light(word)}
    return lambda word: {stem(word)}


def _words(text: str, separator: re.Pattern[str]) -> set[str]:
    """The words of an index entry's HTML text as a reader would type them (lowercase)."""
    words = set()
    for token in separator.split(_TAG.sub(" ", text)):
        word = _EDGE.sub("", unicodedata.normalize("NFC", token).lower()).replace("\u2019", "'")
        if len(word) > 1 and not word.isdigit():
            words.add(word)
    return words


def _separator(config: Mapping[str, Any]) -> re.Pattern[str]:
    try:
        return re.compile(str(config.get("separator") or r"[\s\-]+"))
    except re.error:  # a JavaScript-only pattern: the plain default is near enough here
        return re.compile(r"[\s\-]+")


def with_variants(
    docs: Iterable[dict[str, Any]], locale: str, config: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """`docs` with, on each, the words of the other entries that share a stem with its own."""
    docs = list(docs)
    keys = _keys(locale.split("-")[0].lower())
    if keys is None:
        return docs
    separator = _separator(config)
    words = [
        _words(" ".join(str(doc.get(f) or "") for f in ("title", "text")), separator)
        for doc in docs
    ]
    by_key: dict[str, set[str]] = defaultdict(set)
    keys_of = {word: keys(word) for word in set().union(*words)}
    for word, found in keys_of.items():
        for key in found:
            by_key[key].add(word)
    out = []
    for doc, own in zip(docs, words, strict=True):
        variants = {other for word in own for key in keys_of[word] for other in by_key[key]}
        variants -= own
        out.append({**doc, VARIANTS: " ".join(sorted(variants))} if variants else doc)
    return out


def language_config(config: Mapping[str, Any], locale: str) -> dict[str, Any]:
    """The lunr configuration of one language's index (see the module docstring)."""
    fields = dict(config.get("fields") or {})
    fields[VARIANTS] = {"boost": 1.0}
    base = locale.split("-")[0].lower()
    return {
        **config,
        # "ja" loads TinySegmenter, which also cuts Chinese runs into words (the search
        # plugin leaves them whole without jieba); "en" loads no lunr-languages code.
        "lang": ["ja"] if base in ("ja", "zh") else ["en"],
        "pipeline": [],
        "fields": fields,
    }


def fallback_locations(plan: Plan, urls: Urls) -> set[str]:
    """Site-relative locations of every fallback copy (a page readers get in another language)."""
    uris = {*plan.story_uris.values(), *plan.listings, *plan.documents}
    return {
        urls.path(uri, locale)
        for uri in uris
        for locale in plan.locales
        if locale not in plan.real_locales(uri)
    }


def split_index(index: Mapping[str, Any], plan: Plan, urls: Urls) -> dict[str, bytes]:
    """The per-language index files (site-relative path -> JSON) made from the stacked one."""
    fallbacks = fallback_locations(plan, urls)
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
        config = language_config(index.get("config", {}), locale)
        path = INDEX if locale == plan.source_locale else f"{locale}/{INDEX}"
        files[path] = json.dumps(
            {"config": config, "docs": with_variants(docs, locale, config)},
            separators=(",", ":"),
            default=str,
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
