"""Every reader sees a site in their own language: no source-language text outside declared
fallbacks, on every page, feed and title of every locale of the demo (issue: "Every reader, in
every language, sees a site made for them").

What counts as source-language (Simplified Chinese) text is taken from outside the page: the
source's own strings (the site's texts in mkdocs.yml, Tidings' and Material's zh interface, the
stories' and pages' titles, tags and headings as written). A declared fallback is an element
whose `lang` is another language (a fallback copy's text, a language's own name in a switcher).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
import regex
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from tidings.project import load_project
from tidings.story.library import load_stories
from tidings.story.pages import translatables

PROJECT = load_project(ROOT / "mkdocs.yml")
SOURCE = PROJECT.source_locale
TARGETS = PROJECT.target_locales
# Locales whose own writing uses Han characters: there, only known source strings count.
HAN_WRITING = {"zh-Hant", "ja", "ko"}
MATERIAL = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
HAN = regex.compile(r"\p{Han}")


def _material_strings(locale: str) -> set[str]:
    text = (MATERIAL / f"{locale}.html").read_text(encoding="utf-8")
    return set(re.findall(r'"[\w.-]+":\s*"([^"]+)"', text))


def _catalog_strings(locale: str) -> set[str]:
    found: set[str] = set()
    folders = [
        ROOT / "translations" / locale / "LC_MESSAGES",
        ROOT / "plugins" / "tidings" / "locale" / locale / "LC_MESSAGES",
    ]
    for folder in folders:
        for path in folder.rglob("*.po") if folder.is_dir() else ():
            with path.open("rb") as handle:
                found |= {str(m.string) for m in read_po(handle) if m.id and m.string}
    return found


def _source_strings() -> set[str]:
    loaded = translatables(PROJECT, load_stories(PROJECT))
    found: set[str] = set(_material_strings(SOURCE)) | _catalog_strings(SOURCE)
    for story in loaded.stories:
        found |= {story.title, story.summary, *story.tags}
        found |= {a.name for a in story.authors} | {a.role for a in story.authors if a.role}
        found |= {text for _, text in story.texts}
        found |= set(re.findall(r"^#+\s+(.+?)\s*(?:\{.*\})?$", story.body, re.M))
    return {s.strip() for s in found if len(s.strip()) >= 4}


SOURCE_STRINGS = _source_strings()


def _leaks(text: str, locale: str, allowed: set[str]) -> list[str]:
    """Source-language text in `text` that readers of `locale` should not see."""
    if locale not in HAN_WRITING:
        return [m.group(0) for m in regex.finditer(r"\p{Han}+", text)]
    # A source string that is also part of the locale's own translations is its writing too
    # (Japanese 人文交流).
    return sorted(s for s in SOURCE_STRINGS if s in text and not any(s in mine for mine in allowed))


def _own_text(soup: BeautifulSoup, locale: str) -> str:
    """The visible text of a page, without elements declared to be in another language
    (they are removed from `soup`)."""
    body = soup.body
    assert body is not None
    for element in body.find_all(True):
        if element.decomposed or not isinstance(element, Tag):
            continue
        if element.name in ("script", "style", "svg", "code", "pre") or (
            element.has_attr("lang") and element["lang"] != locale
        ):
            element.decompose()
    return body.get_text(" ", strip=True)


def _pages(site: Path, locale: str) -> Iterator[Path]:
    """The locale's pages, without the redirects at a renamed story's old address (they
    are in the language of what they lead to, test_rename.py)."""
    for path in sorted((site / locale).rglob("*.html")):
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"):
            yield path


@pytest.mark.parametrize("locale", TARGETS)
def test_no_page_shows_source_language_text_outside_declared_fallbacks(
    demo_site: Path, locale: str
) -> None:
    allowed = _catalog_strings(locale) | _material_strings(locale)
    problems: list[str] = []
    pages = list(_pages(demo_site, locale))
    assert len(pages) > 10
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(demo_site)
        html = soup.find("html")
        assert isinstance(html, Tag) and html["lang"] == locale, where
        fallback = soup.select_one(".tidings-banner") is not None
        heads = [soup.title.get_text() if soup.title else ""]
        for prop in ("og:site_name", "og:title", "og:description"):
            meta = soup.find("meta", attrs={"property": prop})
            if isinstance(meta, Tag):
                heads.append(str(meta["content"]))
        description = soup.find("meta", attrs={"name": "description"})
        if isinstance(description, Tag):
            heads.append(str(description["content"]))
        if fallback:  # the page's own title is the declared fallback's; the site's name is not
            heads = [heads[0].rsplit(" - ", 1)[-1], *heads[1:2]]
        for text in heads:
            problems += [f"{where} <head>: {leak}" for leak in _leaks(text, locale, allowed)]
        for script in soup.find_all("script", type="application/ld+json"):
            data = json.loads(script.get_text())
            for node in data.get("@graph", [data]) if isinstance(data, dict) else data:
                name = (node.get("publisher") or {}).get("name") if node.get("publisher") else None
                if node.get("@type") == "WebSite":
                    name = node.get("name")
                if name:
                    problems += [f"{where} JSON-LD: {x}" for x in _leaks(name, locale, allowed)]
        problems += [
            f"{where}: {leak}" for leak in _leaks(_own_text(soup, locale), locale, allowed)
        ]
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("locale", TARGETS)
def test_feeds_are_titled_in_their_language(demo_site: Path, locale: str) -> None:
    allowed = _catalog_strings(locale)
    feeds = [
        demo_site / locale / "feed_rss.xml",
        *sorted((demo_site / "snippets").glob(f"{locale}/*.xml")),
    ]
    feeds = [f for f in feeds if f.is_file()]
    assert feeds
    for feed in feeds:
        channel = ElementTree.parse(feed).getroot().find("channel")
        assert channel is not None
        for tag in ("title", "description"):
            text = channel.findtext(tag) or ""
            assert _leaks(text, locale, allowed) == [], (feed, tag, text)


def test_the_source_strings_are_found_where_they_belong(demo_site: Path) -> None:
    """The oracle itself: Chinese pages do show the source strings this test looks for."""
    soup = BeautifulSoup((demo_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    assert "Tidings 示范新闻室" in SOURCE_STRINGS and "Tidings 示范新闻室" in text
    assert HAN.search(_own_text(soup, SOURCE))


def test_an_untranslated_page_is_a_declared_fallback(tmp_path: Path) -> None:
    """Take one translation away: the page is flagged, unless its text is marked as Chinese."""
    soup = BeautifulSoup(
        '<html lang="en"><body><p>Hello</p><div lang="zh"><p>关于本站</p></div>'
        "<p>Tidings 示范新闻室</p></body></html>",
        "html.parser",
    )
    assert _leaks(_own_text(soup, "en"), "en", set()) == ["示范新闻室"]
    soup = BeautifulSoup(
        '<html lang="ja"><body><p>Tidings 示范新闻室</p></body></html>', "html.parser"
    )
    assert _leaks(_own_text(soup, "ja"), "ja", set()) == ["Tidings 示范新闻室"]


def test_a_list_with_no_story_in_the_language_stays_in_the_language(demo_site: Path) -> None:
    """A German tag page for a tag none of whose stories is in German: German chrome and
    links that stay on the German site; the stories and the tag name marked as Chinese."""
    page = BeautifulSoup(
        (demo_site / "de" / "tags" / "乡村振兴" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.select_one(".tidings-banner") is not None
    heading = page.select_one("article h1")
    assert heading is not None and heading.find("span", lang="zh").get_text() == "乡村振兴"
    links = page.select(".tidings-card h2 a")
    assert links and all(a["href"].startswith("/de/stories/") and a["lang"] == "zh" for a in links)
    topic = page.select_one('[data-md-component="header-topic"] span[lang="zh"]')
    assert topic is not None and topic.get_text() == "乡村振兴"
    canonical = page.find("link", rel="canonical")
    assert isinstance(canonical, Tag) and "/de/" not in str(canonical["href"])
    assert not HAN.search(_own_text(page, "de"))  # last: it takes the marked parts out


@pytest.mark.parametrize("locale", ["en", "ar", "ko"])
def test_share_cards_carry_the_site_name_of_their_language(demo_site: Path, locale: str) -> None:
    """A card is pixels, so its text is checked by its inputs: the built card is the drawing
    of the title and site name that the locale's catalogs give (read here with Babel), and not
    the drawing with the Chinese site name."""
    import datetime as dt

    from babel.dates import format_date

    from tidings.cards import render_card
    from tidings.locales import direction

    def translated(path: Path, context: str) -> str:
        with path.open("rb") as handle:
            return next(str(m.string) for m in read_po(handle) if m.context == context)

    folder = ROOT / "translations" / locale / "LC_MESSAGES"
    name = translated(folder / "site.po", "site_name")
    title = translated(folder / "stories" / "lantern-festival.po", "title")
    date = format_date(dt.date(2026, 10, 3), "long", locale=locale.replace("-", "_"))
    way = "rtl" if direction(locale) == "rtl" else "ltr"
    built = (demo_site / "cards" / locale / "lantern-festival.png").read_bytes()
    drawn = render_card(title=title, site_name=name, date_text=date, locale=locale, direction=way)
    assert built == drawn
    chinese = render_card(
        title=title,
        site_name=PROJECT.site_texts[0][1],
        date_text=date,
        locale=locale,
        direction=way,
    )
    assert built != chinese


def test_each_language_searches_its_own_real_pages(demo_site: Path) -> None:
    """Every entry of a language's search index is a page of that language that is not a
    fallback copy: the built page it links to says so itself (`<html lang>`, no banner)."""
    for locale in (SOURCE, *TARGETS):
        home = demo_site if locale == SOURCE else demo_site / locale
        index = json.loads((home / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["docs"], locale
        for doc in index["docs"]:
            path = doc["location"].split("#", 1)[0]
            page = home / unquote(path) / "index.html"
            assert page.is_file(), (locale, doc["location"])
            html = page.read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser")
            assert soup.html is not None and soup.html["lang"] == locale, (locale, path)
            assert "tidings-banner" not in html, (locale, path)
    # Russian has no story of its own: its index has no story, the stacked one had them all.
    ru = json.loads((demo_site / "ru" / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in ru["docs"] if d["location"].startswith("stories/")]
