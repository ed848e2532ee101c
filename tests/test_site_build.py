"""Real `mkdocs build --strict` runs of a small multilingual site, checked on their output."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from lxml import etree
from mkdocs.exceptions import Abort

from sitebuild import build_site
from tidings.catalogs.store import write_catalog
from tidings.mkdocs_plugins.stories import StoriesPlugin

SITE_URL = "https://news.example.org/"

MKDOCS_YML = f"""\
site_name: Test News
site_url: {SITE_URL}
site_description: Stories from the test newsroom.
docs_dir: content
theme:
  name: material
  font: false
nav:
  - index.md
  - about.md
markdown_extensions:
  - admonition
  - attr_list
  - toc
plugins:
  - tidings/stories:
      per_page: 1
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {{locale: en, default: true, name: English, build: true}}
        - {{locale: fr, name: Français, build: true}}
        - {{locale: ar, name: العربية, build: true}}
"""

TEA = """\
---
title: A tea village goes online
summary: Farmers now sell half of their tea online.
date: 2026-10-01
authors: [Mei Lin]
tags: [rural]
image: images/tea.png
image_alt: Terraced tea fields at dawn
---

The village of **Longjing** sells tea [online](https://example.org/shop).

## How it works

- Farmers pick leaves at dawn.
"""

FAIR = """\
---
title: A science fair for young engineers
summary: Students show solar boats.
date: 2026-11-02
tags: [science]
---

Young engineers built solar boats.
"""

FRENCH = {
    "A tea village goes online": "Un village du thé passe en ligne",
    "Farmers now sell half of their tea online.": "Les paysans vendent la moitié de leur thé en ligne.",
    "Terraced tea fields at dawn": "Théiers en terrasses à l'aube",
    "rural": "ruralité",
    "Mei Lin": "Mei Lin",
    "The village of **Longjing** sells tea [online](https://example.org/shop).": "Le village de **Longjing** vend du thé [en ligne](https://example.org/shop).",
    "How it works": "Comment ça marche",
    "Farmers pick leaves at dawn.": "Les paysans cueillent à l'aube.",
}


def make_project(root: Path) -> Path:
    from PIL import Image

    (root / "content" / "stories").mkdir(parents=True)
    (root / "content" / "images").mkdir()
    Image.new("RGB", (1200, 630), (40, 120, 80)).save(root / "content" / "images" / "tea.png")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content" / "stories" / "tea.md").write_text(TEA, encoding="utf-8")
    (root / "content" / "stories" / "fair.md").write_text(FAIR, encoding="utf-8")
    (root / "content" / "about.md").write_text("# About\n\nWe report.\n", encoding="utf-8")
    (root / "content" / "about.fr.md").write_text(
        "# À propos\n\nNous informons.\n", encoding="utf-8"
    )
    from tidings.cli import main

    cwd = Path.cwd()
    try:
        import os

        os.chdir(root)
        assert main(["extract"]) == 0
        assert main(["update"]) == 0
    finally:
        os.chdir(cwd)
    translate(root, "fr", "tea", FRENCH)
    # The About page through its catalog: Arabic from it, French hand-written (which wins).
    translate(root, "ar", "about", {"About": "حول الموقع", "We report.": "ننقل الأخبار."}, "pages")
    translate(root, "fr", "about", {"About": "Catalogue", "We report.": "Du catalogue."}, "pages")
    return root


def translate(
    root: Path, locale: str, slug: str, strings: dict[str, str], folder: str = "stories"
) -> Path:
    path = root / "translations" / locale / "LC_MESSAGES" / folder / f"{slug}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in strings:
            message.string = strings[message.id]
            message.flags.discard("fuzzy")
    write_catalog(path, catalog, keep_translations=False)  # a translator editing their work
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("project"))
    return build_site(root, tmp_path_factory.mktemp("site"))


def soup(built, path: str) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(built.html(path), "html.parser")


def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate", hreflang=True)
    }


def test_strict_build_has_no_warnings(built) -> None:  # type: ignore[no-untyped-def]
    assert built.warnings == []


def test_pages_follow_the_publishing_policy(built) -> None:  # type: ignore[no-untyped-def]
    fr = soup(built, "fr/stories/tea/index.html")
    assert fr.find("h1").get_text() == "Un village du thé passe en ligne"
    assert "Comment ça marche" in fr.get_text()
    assert fr.find("meta", attrs={"name": "robots"}) is None
    # Not translated into Arabic: the copy is marked and points at the original, one signal
    # (Google Search Central: canonical, not noindex, for a duplicate).
    ar = soup(built, "ar/stories/tea/index.html")
    assert ar.find(class_="tidings-banner") is not None
    assert ar.find("meta", attrs={"name": "robots"}) is None
    assert ar.find("link", rel="canonical")["href"] == SITE_URL + "stories/tea/"
    assert hreflangs(ar) == {}
    # A partially translated story is not published in French.
    assert soup(built, "fr/stories/fair/index.html").find(class_="tidings-banner") is not None


def test_hreflang_sets_are_absolute_reciprocal_and_match_the_sitemap(built) -> None:  # type: ignore[no-untyped-def]
    """Language-only codes: the site declares `en` and `fr`, and a region would tell Google
    "for users in that country" (Google Search Central, "Tell Google about localized versions
    of your page"): no `en-US`, no `fr-FR`."""
    en = hreflangs(soup(built, "stories/tea/index.html"))
    fr = hreflangs(soup(built, "fr/stories/tea/index.html"))
    expected = {
        "en": SITE_URL + "stories/tea/",
        "fr": SITE_URL + "fr/stories/tea/",
        "x-default": SITE_URL + "stories/tea/",
    }
    assert en == fr == expected
    tree = etree.parse(str(built.site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    by_loc = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in tree.getroot().findall("s:url", ns)
    }
    assert by_loc[SITE_URL + "fr/stories/tea/"] == expected
    assert SITE_URL + "ar/stories/tea/" not in by_loc  # fallback copies are not in the sitemap
    for loc, alternates in by_loc.items():
        page = built.site / urlsplit(loc).path.lstrip("/") / "index.html"
        assert (
            hreflangs(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")) == alternates
        ), loc
    # The hand-written French page and the Arabic one from its catalog are translations.
    assert set(hreflangs(soup(built, "about/index.html"))) == {"en", "fr", "ar", "x-default"}


def test_open_graph_and_json_ld(built) -> None:  # type: ignore[no-untyped-def]
    import json

    fr = soup(built, "fr/stories/tea/index.html")
    og = {m["property"]: m["content"] for m in fr.find_all("meta", property=True)}
    assert og["og:title"] == "Un village du thé passe en ligne"
    assert og["og:url"] == SITE_URL + "fr/stories/tea/"
    # Open Graph's `og:locale` in `ll` form when no region is declared (design brief).
    assert og["og:locale"] == "fr" and og["og:locale:alternate"] == "en"
    assert og["og:image"] == SITE_URL + "images/tea.png"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    assert og["og:image:alt"] == "Théiers en terrasses à l'aube"
    assert fr.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    data = json.loads(fr.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "fr"
    assert data["translationOfWork"] == {"@id": SITE_URL + "stories/tea/"}
    en = json.loads(
        soup(built, "stories/tea/index.html").find("script", type="application/ld+json").string
    )
    assert en["workTranslation"] == [{"@id": SITE_URL + "fr/stories/tea/"}]


def test_language_and_direction(built) -> None:  # type: ignore[no-untyped-def]
    assert soup(built, "fr/index.html").html["lang"] == "fr"
    ar = soup(built, "ar/index.html")
    assert ar.html["lang"] == "ar" and ar.body["dir"] == "rtl"  # Material sets dir on <body>
    assert soup(built, "fr/index.html").body["dir"] == "ltr"
    # 404 pages per locale, the root one in the source language.
    assert soup(built, "404.html").html["lang"] == "en"
    assert soup(built, "fr/404.html").html["lang"] == "fr"
    assert soup(built, "ar/404.html").html["lang"] == "ar"


def test_switcher_never_offers_a_fallback_copy(built) -> None:  # type: ignore[no-untyped-def]
    links = {
        a["hreflang"]: a["href"]
        for a in soup(built, "stories/tea/index.html").select("a.md-select__link")
    }
    assert links["fr"].endswith("fr/stories/tea/")
    assert not links["ar"].endswith("stories/tea/")  # no Arabic translation: the Arabic home page


def test_lists_dates_and_pagination(built) -> None:  # type: ignore[no-untyped-def]
    home = soup(built, "index.html")
    assert [a.get_text() for a in home.select(".tidings-card h2 a")] == [
        "A science fair for young engineers"
    ]
    assert home.find("a", rel="next")["href"] == "/page/2/"
    fr = soup(built, "fr/index.html")
    assert [a.get_text() for a in fr.select(".tidings-card h2 a")] == [
        "Un village du thé passe en ligne"
    ]
    assert fr.find("time").get_text() == "1 octobre 2026"
    assert "ruralité" in soup(built, "fr/tags/rural/index.html").find("h1").get_text()


def test_reader_feeds_parse(built) -> None:  # type: ignore[no-untyped-def]
    for path in ("feed_rss.xml", "feed_atom.xml", "fr/feed_rss.xml", "fr/feed_atom.xml"):
        feed = feedparser.parse((built.site / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
    fr = feedparser.parse((built.site / "fr/feed_rss.xml").read_bytes())
    assert fr.feed.language == "fr"
    assert [e.link for e in fr.entries] == [SITE_URL + "fr/stories/tea/"]
    page = soup(built, "fr/index.html")
    assert page.find("link", type="application/rss+xml")["href"] == SITE_URL + "fr/feed_rss.xml"


def test_no_network_fetch_in_pages(built) -> None:  # type: ignore[no-untyped-def]
    for page in built.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


def test_unsafe_translation_falls_back_and_fails_strict(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    po = translate(
        root, "fr", "tea", {"How it works": "Comment <script>alert(1)</script> ça marche"}
    )
    with pytest.raises(Abort):
        build_site(root, tmp_path / "strict")
    loose = build_site(root, tmp_path / "site", strict=False)
    assert any(
        "translations/fr/LC_MESSAGES/stories/tea.po:" in w and "translation not used" in w
        for w in loose.warnings
    ), loose.warnings
    html = loose.html("fr/stories/tea/index.html")
    assert "<script>alert(1)" not in html and "How it works" in html
    assert po.exists()


def test_rebuild_reuses_cache_and_shows_po_change(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = build_site(root, tmp_path / "site", serve=True)
    plugin = first.config.plugins["tidings/stories"]
    assert isinstance(plugin, StoriesPlugin)
    cache = plugin.cache
    before = dict(cache.stats)
    translate(root, "fr", "tea", {"How it works": "Comment cela fonctionne"})
    second = build_site(root, tmp_path / "site", serve=True)
    assert (
        second.config.plugins["tidings/stories"] is plugin
    )  # the same instance, as in `mkdocs serve`
    assert "Comment cela fonctionne" in second.html("fr/stories/tea/index.html")
    stats = cache.stats
    assert stats["story miss"] == before["story miss"]  # no story was parsed again
    assert (
        stats["edition miss"] - before.get("edition miss", 0) == 1
    )  # only the edited catalog's edition
    shutil.rmtree(tmp_path / "site")


def test_locale_material_lacks_is_a_clear_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "locale: ar, name: العربية", "locale: yo, name: Yorùbá"
        ),
        encoding="utf-8",
    )
    with pytest.raises(Abort):
        build_site(root, tmp_path / "site")
    assert "Material has no interface translation for locale 'yo'" in caplog.text


def test_share_card_is_the_og_image_of_a_story_without_image(built) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    page = soup(built, "stories/fair/index.html")
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:image"] == SITE_URL + "cards/en/fair.png"
    assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == (
        "1200",
        "630",
        "image/png",
    )
    with Image.open(built.site / "cards/en/fair.png") as card:
        assert card.size == (1200, 630)
    assert (built.site / "cards/fr/tea.png").exists() and not (
        built.site / "cards/ar/tea.png"
    ).exists()


def test_a_page_is_translated_through_its_catalog_and_a_hand_written_one_wins(built) -> None:  # type: ignore[no-untyped-def]
    ar = soup(built, "ar/about/index.html")
    assert ar.find("h1").get_text(strip=True).startswith("حول الموقع")
    assert "ننقل الأخبار." in ar.get_text() and ar.find(class_="tidings-banner") is None
    assert set(hreflangs(ar)) == {"en", "fr", "ar", "x-default"}
    fr = soup(built, "fr/about/index.html")
    assert "Nous informons." in fr.get_text() and "Du catalogue." not in fr.get_text()
    # In the nav of every Arabic page, the page's title from its catalog.
    home = soup(built, "ar/index.html")
    assert "حول الموقع" in [a.get_text(strip=True) for a in home.select(".md-nav__link")]
