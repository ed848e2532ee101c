"""The built demo site in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from localsite import CHROMIUM, PUBLIC_HOST, chromium, public_base, serve

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium (scripts/install-system.sh)"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    from sitebuild import build_site

    site = tmp_path_factory.mktemp("served-demo")
    # Built for the address it is served at, as on a real host, so absolute URLs (sitemap,
    # feeds, Open Graph) point at this server and a request anywhere else is a real leak.
    # The address has a real top-level domain (localsite.PUBLIC_HOST, mapped to 127.0.0.1
    # in Chromium): X counts a link to 127.0.0.1 or *.localhost as text, in full, so only
    # such an address lets the snippets measure as they will in production.
    with serve(site) as local, chromium(public_base(local)) as instance:
        base = public_base(local)
        assert build_site(ROOT, site, site_url=base).warnings == []
        yield instance, base


@pytest.fixture
def page(browser: tuple[Any, str]) -> Iterator[Any]:
    instance, base = browser
    context = instance.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base = base
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(base) and not request.url.startswith("data:")
            else None
        ),
    )
    yield page
    context.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def test_switcher_moves_to_the_same_story(page: Any) -> None:
    page.goto(page.base + "stories/rural-tea-village/")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="zh-Hant"]')
    page.wait_for_url(page.base + "zh-Hant/stories/rural-tea-village/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="zh"]')
    page.wait_for_url(page.base + "stories/rural-tea-village/")
    # Not published in Russian (partial on purpose): the switcher offers the Russian home page.
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="ru"]')
    page.wait_for_url(page.base + "ru/")


def test_an_old_address_leads_to_the_story(page: Any) -> None:
    """The demo's canal story was renamed (`redirect_from: [canal-walk]`): Chromium follows
    the old address's instant refresh to the story in the same language."""
    for home in ("", "de/", "ru/"):
        page.goto(page.base + home + "stories/canal-walk/")
        page.wait_for_url(page.base + home + "stories/canal-city-walk/")
        assert page.locator("header.tidings-story").count() == 1


def test_fallback_page_shows_its_banner(page: Any) -> None:
    # The Russian translation of this story is partial on purpose: readers get the original.
    page.goto(page.base + "ru/stories/rural-tea-village/")
    banner = page.locator(".tidings-banner")
    assert banner.is_visible()
    assert banner.get_attribute("lang") == "ru"
    assert page.locator('meta[name="robots"]').count() == 0  # one signal: the canonical link
    assert (
        page.locator('link[rel="canonical"]')
        .get_attribute("href")
        .endswith("/stories/rural-tea-village/")
    )


def test_arabic_lays_out_right_to_left(page: Any) -> None:
    page.goto(page.base + "ar/stories/lantern-festival/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    content = page.locator("article.md-content__inner").bounding_box()
    navigation = page.locator(".md-sidebar--primary").bounding_box()
    assert navigation["x"] > content["x"]  # the navigation sits on the right
    heading = page.locator("article h1").first
    box = heading.bounding_box()
    # Arabic heading text starts at the right edge of the content column.
    assert abs((box["x"] + box["width"]) - (content["x"] + content["width"])) < 40


WORD_LEFTS = """(element) => {
    // The left edge of each word of the element's text, in logical (reading) order.
    const node = element.firstChild, text = node.textContent, lefts = [];
    for (const match of text.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index); range.setEnd(node, match.index + match[0].length);
        lefts.push(range.getBoundingClientRect().left);
    }
    return lefts;
}"""


def test_arabic_date_of_a_fallback_copy_reads_right_to_left(page: Any) -> None:
    """The Arabic date sits in a Chinese (left-to-right) header: it must keep its own order.

    Oracle: Babel's CLDR date text (logical order, what `innerText` returns) and, for the
    visual order, where Chromium draws each word: right to left, first word rightmost.
    """
    import datetime as dt

    from babel.dates import format_date

    page.goto(page.base + "ar/stories/rural-tea-village/")
    assert page.locator(".tidings-banner").is_visible()
    date = page.locator("header.tidings-story .tidings-meta time")
    expected = format_date(dt.date(2026, 9, 8), "long", locale="ar")
    assert date.inner_text() == expected
    lefts = date.evaluate(WORD_LEFTS)
    assert len(lefts) == 3 and lefts == sorted(lefts, reverse=True), lefts
    # The byline is the original's, and stays in the original's direction.
    authors = page.locator("header.tidings-story .tidings-authors")
    assert authors.evaluate("e => getComputedStyle(e).direction") == "ltr"


def test_arabic_byline_reads_as_cldr_joins_it(page: Any) -> None:
    """The Arabic byline is the catalog's names joined by CLDR's Arabic list pattern (Babel),
    read back from Chromium in logical order, and laid out right to left."""
    from babel.lists import format_list
    from babel.messages.pofile import read_po

    po = ROOT / "translations" / "ar" / "LC_MESSAGES" / "stories" / "lantern-festival.po"
    with po.open("rb") as handle:
        # The front matter's order: each author's name, then their role (ar's ui.po: "{role} {name}").
        parts = [str(m.string) for m in read_po(handle) if m.context in ("authors", "roles")]
    names = [f"{role} {name}" for name, role in zip(parts[::2], parts[1::2], strict=True)]
    page.goto(page.base + "ar/stories/lantern-festival/")
    byline = page.locator("header.tidings-story .tidings-authors")
    assert byline.inner_text() == format_list(names, locale="ar")
    assert byline.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_fallback_banner_links_to_every_real_translation(page: Any) -> None:
    """The banner's links are the story's real translations: the original page's hreflang
    alternates (x-default aside), and each of them loads."""
    page.goto(page.base + "stories/lantern-festival/")
    alternates = {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator('link[rel="alternate"][hreflang]').all()
    }
    alternates.pop("x-default", None)
    page.goto(page.base + "ru/stories/lantern-festival/")
    links = page.locator(".tidings-banner a[hreflang]").all()
    found = {link.get_attribute("hreflang"): link.get_attribute("href") for link in links}
    assert set(found) == set(alternates) and len(found) > 3
    for lang, href in found.items():
        assert alternates[lang].endswith(href)
    page.locator('.tidings-banner a[hreflang="fr"]').click()
    page.wait_for_url(page.base + "fr/stories/lantern-festival/")


def test_story_lists_show_no_list_markers(page: Any) -> None:
    for path in ("", "en/", "ar/", "en/archive/"):
        page.goto(page.base + path)
        items = page.locator("ul.tidings-list > li")
        assert items.count() > 0, path
        styles = items.evaluate_all(
            "items => items.map(i => getComputedStyle(i).listStyleType + ' ' + getComputedStyle(i, '::marker').content)"
        )
        assert all(style.startswith("none") for style in styles), (path, styles)


def test_a_language_without_stories_offers_the_others(page: Any) -> None:
    page.goto(page.base + "ru/")
    links = page.locator(".tidings-languages a[hreflang]")
    assert links.count() >= 5
    assert page.locator('.tidings-languages a[hreflang="en"]').get_attribute("lang") == "en"


def search(page: Any, query: str, found: bool = True) -> Any:
    """Type `query` into Material's search box and return the result links once answered.

    A query typed while the search worker is still reading its index can go unanswered, and
    an answer to a prefix can show before the answer to the whole query; so until results
    come (`found`), or until an answer stands for 2 s, the last keystroke is typed again.
    """
    page.click(".md-search__input")
    field, meta = page.locator(".md-search__input"), page.locator(".md-search-result__meta")
    placeholder = meta.inner_text()
    results = page.locator(".md-search-result__item > a")
    field.press_sequentially(query, delay=20)
    for _ in range(30):
        page.wait_for_timeout(700)
        if found and results.count():
            page.wait_for_timeout(700)  # the answer to the whole query, not to a prefix
            break
        if not found and meta.inner_text() != placeholder:
            page.wait_for_timeout(2000)
            break
        field.press("Backspace")
        field.press_sequentially(query[-1])
    return results


SEARCHES = [
    # (language home, query, a story it must find); the text is each language's own edition.
    # Issue #13 lists the queries that found nothing while the words were in the index:
    # Material appends `*` to each term and lunr does not stem a wildcard term, so a stemmed
    # index missed every word longer than its stem (site/search.py).
    ("en/", "lantern", "en/stories/lantern-festival/"),
    ("en/", "lanterns", "en/stories/lantern-festival/"),
    ("en/", "festival", "en/stories/lantern-festival/"),
    ("en/", "visitors", "en/stories/lantern-festival/"),
    ("en/", "tea", "en/stories/rural-tea-village/"),
    ("ar/", "فوانيس", "ar/stories/lantern-festival/"),
    ("ar/", "الفوانيس", "ar/stories/lantern-festival/"),  # with the article
    ("ar/", "مهرجان", "ar/stories/lantern-festival/"),
    ("", "花灯", "stories/lantern-festival/"),
    ("ja/", "ニューメディア", "ja/stories/new-media-forum/"),
]


@pytest.mark.parametrize(("home", "query", "story"), SEARCHES)
def test_search_finds_the_languages_own_stories_only(
    page: Any, home: str, query: str, story: str
) -> None:
    """Typed into Material's search box: the story is found, and every result is a page of
    this language that is not a fallback copy (each result page is opened and asked)."""
    page.goto(page.base + home)
    results = search(page, query)
    hrefs = sorted({h.split("#")[0] for h in results.evaluate_all("as => as.map(a => a.href)")})
    assert page.base + story in hrefs
    lang = home.rstrip("/") or "zh"
    for href in hrefs:
        assert href.startswith(page.base + home), href
        page.goto(href)
        assert page.locator("html").get_attribute("lang") == lang, href
        assert page.locator(".tidings-banner").count() == 0, href


def test_search_finds_a_words_other_forms(page: Any) -> None:
    """Stemming: "lanterns" finds every section "lantern" finds, though lunr's own stemmer
    cannot run on Material's wildcard query; the `variants` field carries the other forms."""

    def found(query: str) -> set[str]:
        page.goto(page.base + "en/")
        return set(search(page, query).evaluate_all("as => as.map(a => a.href)"))

    singular, plural = found("lantern"), found("lanterns")
    assert len(singular) > 3
    assert plural == singular


def test_search_on_a_language_without_stories_finds_no_fallback_copy(page: Any) -> None:
    page.goto(page.base + "ru/")
    assert search(page, "花灯", found=False).count() == 0
    # The same query on the Chinese site does find it: the query itself is a good one.
    page.goto(page.base)
    assert search(page, "花灯").count() > 0


def test_cjk_text_renders_with_a_cjk_font(page: Any) -> None:
    page.goto(page.base + "ja/stories/new-media-forum/")
    # A glyph missing from every font would be drawn as a box of the fallback font's width;
    # a real CJK font draws ideographs at about 1em.
    width = page.evaluate(
        """() => { const s = document.createElement('span');
        s.style.cssText = 'font-size: 40px; position: absolute; display: inline-block; white-space: nowrap';
        s.textContent = '国際'; document.body.appendChild(s); return s.getBoundingClientRect().width; }"""
    )
    assert 70 <= width <= 90


def test_copy_button_copies_the_exact_snippet(browser: tuple[Any, str]) -> None:
    import json
    import urllib.request

    instance, base = browser
    context = instance.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base + "ja/snippets/")
        button = page.locator('button.tidings-copy[data-copy="snippet-new-media-forum-line"]')
        assert button.is_visible()  # JavaScript revealed it
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        with urllib.request.urlopen(
            base.replace(PUBLIC_HOST, "127.0.0.1") + "snippets/ja/line.json"
        ) as response:
            feed = json.load(response)
        expected = next(
            item["content_text"] for item in feed["items"] if "new-media-forum" in item["id"]
        )
        assert copied == expected
        assert "\n" in copied  # line breaks of the channel template survive the copy
        assert button.text_content() == "コピーしました"
        # The channel filter works without JavaScript: only LINE posts stay visible.
        page.click('label[for="tidings-ch-line"]')
        visible = page.locator(".tidings-snippet:visible")
        assert visible.count() > 0 and all(
            c == "line" for c in visible.evaluate_all("els => els.map(e => e.dataset.channel)")
        )
    finally:
        context.close()
