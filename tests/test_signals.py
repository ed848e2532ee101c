"""One language code per locale in every signal of the built demo, and a configurable x-default.

Rules: Google Search Central, "Tell Google about localized versions of your page": hreflang is
a language (ISO 639-1), optionally a script (ISO 15924) or a region (ISO 3166-1), and a region
means "for users in that country"; `x-default` is the page for readers no version matches.
Open Graph (ogp.me): `og:locale` is `language_TERRITORY`; with no region declared the design
brief uses `ll`, and the two Chinese scripts take Facebook's zh_CN / zh_TW.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


def declared() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [lang["locale"] for lang in i18n["languages"]]


def test_every_signal_uses_the_declared_code(demo_site: Path) -> None:
    codes = set(declared())
    checked = 0
    for path in sorted(demo_site.rglob("index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = str(page.html["lang"])
        assert lang in codes, path
        values = {
            str(link["hreflang"]) for link in page.find_all("link", rel="alternate", hreflang=True)
        }
        assert values <= codes | {"x-default"}, (path, values)
        if values:
            assert lang in values, path  # self-referencing, with the same code as <html lang>
        script = page.find("script", type="application/ld+json")
        if script is not None:
            data = json.loads(script.string)
            if "inLanguage" in data:
                assert data["inLanguage"] in codes, path
        checked += 1
    assert checked > 100
    for feed in sorted(demo_site.rglob("feed_rss.xml")):
        language = BeautifulSoup(feed.read_text(encoding="utf-8"), "xml").find("language")
        assert language is not None and language.get_text() in codes, feed


def test_og_locale_forms(demo_site: Path) -> None:
    def og(path: str) -> str:
        page = BeautifulSoup((demo_site / path).read_text(encoding="utf-8"), "html.parser")
        return str(page.find("meta", property="og:locale")["content"])

    assert og("stories/rural-tea-village/index.html") == "zh"
    assert og("zh-Hant/stories/rural-tea-village/index.html") == "zh_TW"
    assert og("en/stories/rural-tea-village/index.html") == "en"
    assert og("ar/stories/lantern-festival/index.html") == "ar"


def test_x_default_is_english_where_there_is_english(demo_site: Path) -> None:
    """mkdocs.yml sets `x_default: en`; a page without an English version points at its original."""

    def x_default(path: str) -> str:
        page = BeautifulSoup((demo_site / path).read_text(encoding="utf-8"), "html.parser")
        return str(page.find("link", rel="alternate", hreflang="x-default")["href"])

    assert x_default("fr/stories/lantern-festival/index.html").endswith(
        "/en/stories/lantern-festival/"
    )
    assert x_default("stories/lantern-festival/index.html").endswith(
        "/en/stories/lantern-festival/"
    )
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        'hreflang="x-default" href="https://tidings.example.org/en/stories/lantern-festival/"'
        in sitemap
    )


def test_feeds_link_to_the_site_and_date_from_the_stories(demo_site: Path) -> None:
    """RSS 2.0: a channel's <link> is "the URL to the HTML website corresponding to the channel"
    (rssboard.org/rss-specification); the feed's own URL is atom:link rel=self."""
    feeds = sorted(demo_site.rglob("feed_rss.xml")) + sorted(
        (demo_site / "snippets").rglob("*.xml")
    )
    assert len(feeds) > 20
    for feed in feeds:
        channel = BeautifulSoup(feed.read_text(encoding="utf-8"), "xml").find("channel")
        assert channel is not None
        link = channel.find("link", recursive=False).get_text()
        locale = feed.relative_to(demo_site).parts[-2] if feed.parent != demo_site else ""
        locale = "" if locale in ("", "zh") else locale
        assert link == f"https://tidings.example.org/{locale + '/' if locale else ''}", (feed, link)
        assert "2000" not in channel.find("lastBuildDate").get_text(), feed


def test_robots_txt_names_the_sitemap_and_the_sitemap_has_lastmod(demo_site: Path) -> None:
    """sitemaps.org protocol: `Sitemap:` in robots.txt, `<lastmod>` in W3C date form."""
    assert "Sitemap: https://tidings.example.org/sitemap.xml" in (
        demo_site / "robots.txt"
    ).read_text(encoding="utf-8")
    sitemap = BeautifulSoup((demo_site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    story = next(
        u
        for u in sitemap.find_all("url")
        if u.loc.get_text().endswith("/stories/lantern-festival/")
    )
    source = (ROOT / "content" / "stories" / "lantern-festival.md").read_text(encoding="utf-8")
    front = yaml.safe_load(source.split("---")[1])
    assert story.lastmod.get_text() == str(front.get("updated") or front["date"])


def test_one_signal_per_page(demo_site: Path) -> None:
    """A fallback copy: a canonical link to the original and nothing that contradicts it (no
    noindex, no hreflang); `og:locale:alternate` never repeats `og:locale`; a 404 page has no
    hreflang set at all (it is no version of any page)."""
    fallbacks = 0
    for path in sorted(demo_site.rglob("index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        own = page.find("meta", property="og:locale")
        if own is not None:
            others = [m["content"] for m in page.find_all("meta", property="og:locale:alternate")]
            assert own["content"] not in others, path
        if page.find(class_="tidings-banner") is not None:
            fallbacks += 1
            assert page.find("meta", attrs={"name": "robots"}) is None, path
            assert page.find("link", rel="canonical") is not None, path
            assert page.find("link", rel="alternate", hreflang=True) is None, path
    assert fallbacks > 10
    for path in sorted(demo_site.rglob("404.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.find("link", rel="alternate", hreflang=True) is None, path


def test_home_pages_say_what_the_site_is(demo_site: Path) -> None:
    """schema.org WebSite on every home page, in its language; articles name their publisher
    with a url (Google Article structured data: publisher)."""
    for locale in declared():
        home = demo_site / ("" if locale == "zh" else locale) / "index.html"
        page = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser")
        data = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
        site = next(d for d in data if d["@type"] == "WebSite")
        assert site["inLanguage"] == locale and site["url"].startswith(
            "https://tidings.example.org/"
        )
        assert site["publisher"]["url"] == site["url"]
    article = BeautifulSoup(
        (demo_site / "en/stories/lantern-festival/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    news = json.loads(article.find("script", type="application/ld+json").string)
    assert news["publisher"]["url"] == "https://tidings.example.org/en/"


def test_authors_are_people_named_without_their_role(demo_site: Path) -> None:
    """Google's Article structured data: `author.name` is "only the name of the author", with
    the job title elsewhere (developers.google.com/search/docs/appearance/structured-data/article);
    schema.org Person has `jobTitle` for it. The byline on the page keeps the role."""
    seen = 0
    for path in sorted(demo_site.glob("**/stories/*/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            if data.get("@type") != "NewsArticle" or not isinstance(data["author"], list):
                continue
            byline = page.select_one(".tidings-authors")
            assert byline is not None, path
            for person in data["author"]:
                assert person["@type"] == "Person"
                role = person.get("jobTitle")
                assert role and role not in person["name"], (path, person)
                assert person["name"] in byline.get_text() and role in byline.get_text()
                seen += 1
    assert seen >= 40


def test_dates_carry_the_newsrooms_zone_and_the_publisher_its_logo(demo_site: Path) -> None:
    """Google's Article structured data: `datePublished`/`dateModified` in ISO 8601, "we
    recommend that you provide timezone information"; schema.org Organization `logo`. The
    demo's newsroom is in Asia/Shanghai (mkdocs.yml `timezone`), its logo images/logo.png."""
    import datetime as dt
    import re

    days = {
        path.stem: re.search(r"^date: (\S+)$", path.read_text(encoding="utf-8"), re.M).group(1)
        for path in (ROOT / "content" / "stories").glob("*.md")
    }
    checked = 0
    for path in sorted(demo_site.glob("**/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script", type="application/ld+json"):
            data = json.loads(script.string)
            logo = data["publisher"]["logo"]
            assert logo["@type"] == "ImageObject"
            assert logo["url"] == "https://tidings.example.org/images/logo.png"
            assert (demo_site / "images" / "logo.png").is_file()
            if data["@type"] != "NewsArticle":
                continue
            published = dt.datetime.fromisoformat(data["datePublished"])
            assert published.utcoffset() == dt.timedelta(hours=8), data["datePublished"]
            assert published.date().isoformat() == days[path.parent.name]
            assert dt.datetime.fromisoformat(data["dateModified"]) >= published
            checked += 1
    assert checked >= 50


def test_a_time_zone_must_be_one_zoneinfo_knows() -> None:
    from tidings.mkdocs_plugins.config import StoriesConfig

    config = StoriesConfig()
    config.load_dict({"timezone": "Asia/Shanghai"})
    assert config.validate() == ([], [])
    config = StoriesConfig()
    config.load_dict({"timezone": "Beijing"})
    failed, _ = config.validate()
    assert failed and "no IANA time zone" in str(failed[0][1])


def test_a_logo_must_be_a_file_of_the_site(tmp_path: Path) -> None:
    import pytest
    from mkdocs.exceptions import PluginError

    from tidings.mkdocs_plugins.config import check_logo

    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    check_logo("logo.png", tmp_path)
    check_logo(None, tmp_path)
    with pytest.raises(PluginError, match=r"logo 'logos/x\.png' is no file"):
        check_logo("logos/x.png", tmp_path)
