"""Real builds of a site attacked through its catalogs: every attack is refused with the PO
line, nothing of it reaches a page, the search index, a feed or the CSV, and text fields with
markup-looking characters come out as the same text everywhere (parsed with BeautifulSoup,
lxml and feedparser, not with our code)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from sitebuild import Built, build_site
from trust_site import (
    INERT_FRENCH,
    SECRET,
    SITE_ATTACKS,
    SITE_NAME,
    TITLE,
    Attacked,
    make_attacked_site,
)

PO = "translations/fr/LC_MESSAGES/stories/attacks.po"
FR_TITLE = INERT_FRENCH[TITLE]


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Attacked:
    return make_attacked_site(
        tmp_path_factory.mktemp("attacked"), tmp_path_factory.mktemp("outside")
    )


@pytest.fixture(scope="module")
def built(attacked: Attacked, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(attacked.root, tmp_path_factory.mktemp("attacked-site"), strict=False)


def soup(built: Built, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.html(path), "html.parser")


def warnings(built: Built) -> list[str]:
    return [w.removeprefix("tidings: ") for w in built.warnings]


def every_page(built: Built) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


def test_every_attack_is_refused_at_its_po_line(attacked: Attacked, built: Built) -> None:
    refused = [w for w in warnings(built) if w.startswith(f"{PO}:") and "translation not used" in w]
    lines = {int(w.split(":")[1]) for w in refused}
    for name, attack in SITE_ATTACKS:
        assert attacked.lines[attack] in lines, (
            f"{name}: no warning at {PO}:{attacked.lines[attack]}"
        )
    assert all("Traceback" not in w for w in built.warnings)


def test_attacked_story_is_not_published_in_french(built: Built) -> None:
    page = soup(built, "fr/stories/attacks/index.html")
    assert page.find("link", rel="canonical")["href"].endswith("/stories/attacks/")
    assert page.find(class_="tidings-banner") is not None


@pytest.mark.parametrize("tag", ["iframe", "frame", "base", "style", "object", "embed"])
def test_no_injected_element_anywhere(built: Built, tag: str) -> None:
    for path in every_page(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found = [el for el in page.find_all(tag) if tag != "style" or el.parent.name != "head"]
        assert found == [], f"{path.relative_to(built.site)}: {found[:1]}"


def test_no_script_handler_redirect_or_javascript_url(built: Built) -> None:
    for path in every_page(built):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        shown = path.relative_to(built.site)
        assert page.find("meta", attrs={"http-equiv": True}) is None, shown
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), f"{shown}: {element.name} {name}"
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not re.match(r"\s*(javascript|vbscript|data):", text, re.IGNORECASE), (
                    f"{shown}: {name}={text}"
                )
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in (script.string or ""), shown  # cannot close the element
            else:
                assert "alert(" not in (script.string or ""), shown


def test_markup_looking_title_is_the_same_text_in_every_place(built: Built) -> None:
    from trust_site import SITE_NAME_FR

    for path, title, name in (
        ("stories/inert/index.html", TITLE, SITE_NAME),
        ("fr/stories/inert/index.html", FR_TITLE, SITE_NAME_FR),
    ):
        page = soup(built, path)
        assert page.title is not None and page.title.get_text() == f"{title} - {name}"
        assert page.find("h1").get_text() == title
        topic = page.select(".md-header__topic .md-ellipsis")
        assert topic and topic[-1].get_text().strip() == title
        assert page.find("meta", property="og:title")["content"] == title
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["headline"] == title


def test_summary_cannot_leave_its_attribute(built: Built) -> None:
    page = soup(built, "fr/stories/inert/index.html")
    descriptions = page.find_all("meta", attrs={"name": "description"})
    assert [d["content"] for d in descriptions] == [
        INERT_FRENCH['A walk: "quoted" & <b>bold</b> words.']
    ]
    assert page.find("meta", attrs={"http-equiv": True}) is None
    source = soup(built, "stories/inert/index.html")
    assert (
        source.find("meta", attrs={"name": "description"})["content"]
        == 'A walk: "quoted" & <b>bold</b> words.'
    )


def test_authors_and_tags_are_text(built: Built) -> None:
    page = soup(built, "fr/stories/inert/index.html")
    assert page.select_one(".tidings-authors").get_text() == 'Chen "Yu" & Co <3'
    assert [a.get_text() for a in page.select(".tidings-tag")] == ["balades & <3"]


def test_search_index_titles_are_escaped_html(built: Built) -> None:
    # Material renders result titles as HTML: the index must hold them escaped.
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    assert any("&lt;iframe" in t for t in titles)
    for title in titles:
        fragment = BeautifulSoup(title, "html.parser")
        assert fragment.find(True) is None or all(
            el.name in ("code", "strong", "em", "b", "i") for el in fragment.find_all(True)
        ), title


def test_rss_descriptions_are_text_once_decoded_as_html(built: Built) -> None:
    for feed in sorted(built.site.rglob("*.xml")):
        if feed.name.startswith("sitemap"):
            continue
        tree = etree.parse(str(feed))
        for description in tree.iter("description"):
            html = description.text or ""
            assert BeautifulSoup(html, "html.parser").find(True) is None, f"{feed}: {html}"
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, feed
    rss = feedparser.parse((built.site / "fr" / "feed_rss.xml").read_bytes())
    entry = next(e for e in rss.entries if e.link.endswith("/fr/stories/inert/"))
    assert entry.title == FR_TITLE
    assert entry.summary == INERT_FRENCH['A walk: "quoted" & <b>bold</b> words.']


def test_csv_cells_cannot_run_as_formulas(built: Built) -> None:
    rows = list(
        csv.reader(
            io.StringIO((built.site / "snippets" / "fr" / "x.csv").read_text(encoding="utf-8"))
        )
    )
    messages = [row[1] for row in rows]
    assert messages and all(m[:1] not in "=+-@\t\r" for m in messages)
    assert any(m.startswith("'=SUM(1+1)*cmd|") for m in messages)
    feed = json.loads((built.site / "snippets" / "fr" / "x.json").read_text(encoding="utf-8"))
    assert any(
        item["content_text"].startswith("=SUM(1+1)*cmd|") for item in feed["items"]
    )  # JSON keeps the text


def test_links_out_of_the_project_are_refused(attacked: Attacked, built: Built) -> None:
    assert not (built.site / "images" / "leak.png").exists()
    assert any(
        w.startswith("content/images/leak.png: refused: a symbolic link") for w in warnings(built)
    ), built.warnings
    assert any(
        w.startswith("translations/fr/LC_MESSAGES/stories/leak.po: refused")
        for w in warnings(built)
    ), built.warnings
    everything = "\n".join(built.warnings)
    assert "PATH=" not in everything and SECRET not in everything
    for path in built.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".png"):
            assert SECRET.encode() not in path.read_bytes(), path


def test_strict_build_fails_on_the_attacks(attacked: Attacked, tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(attacked.root, tmp_path / "site", strict=True)


def test_tidings_check_reports_every_attack_first(attacked: Attacked) -> None:
    import subprocess
    import sys

    command = [str(Path(sys.executable).with_name("tidings")), "check"]
    result = subprocess.run(
        command, cwd=attacked.root, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name, attack in SITE_ATTACKS:
        where = f"{PO}:{attacked.lines[attack]}: translation "
        assert any(line.startswith(where) for line in lines), f"{name}: nothing at {where}"
    assert any(line.startswith("content/images/leak.png: refused") for line in lines)
    assert any(
        line.startswith("translations/fr/LC_MESSAGES/stories/leak.po: refused") for line in lines
    )
    assert "PATH=" not in result.stderr + result.stdout


def test_control_characters_in_a_story_are_refused_with_the_line(
    tmp_path: Path, attacked: Attacked
) -> None:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(attacked.root, root, symlinks=True)
    story = root / "content" / "stories" / "inert.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("**old** lock.", "**old**\x08 lock."),
        encoding="utf-8",
    )
    (root / "content" / "stories" / "leak.md").write_text(
        '---\ntitle: "A\\x1b[31m leak"\nsummary: s\ndate: 2026-10-03\n---\n\nBody.\n',
        encoding="utf-8",
    )
    built = build_site(root, tmp_path / "site", strict=False)
    body_line, column = next(
        (n, line.index("\x08") + 1)
        for n, line in enumerate(story.read_text(encoding="utf-8").splitlines(), 1)
        if "\x08" in line
    )
    assert (
        f"content/stories/inert.md:{body_line}: contains the control character U+0008 (BACKSPACE) at column {column}, which cannot be shown as text; remove it"
        in warnings(built)
    )
    assert any(
        w.startswith(
            "content/stories/leak.md:2: 'title' contains the control character U+001B (ESCAPE)"
        )
        for w in warnings(built)
    ), built.warnings


def test_a_translated_site_name_is_text_where_material_prints_it_raw(built: Built) -> None:
    """Material prints config.site_name unescaped (MkDocs' Jinja has no autoescape): the
    French site name from site.po reaches the header, <title> and og:site_name as text."""
    from trust_site import SITE_NAME_FR

    html = built.html("fr/index.html")
    page = BeautifulSoup(html, "html.parser")
    topic = page.select_one(".md-header__topic .md-ellipsis")
    assert topic is not None and topic.get_text(strip=True) == SITE_NAME_FR
    header = html[html.index('class="md-header__title"') :]
    header = header[: header.index("</header>")]
    assert "Tom &amp; Jerry &quot;Nouvelles&quot; &lt;3" in header
    assert "<3" not in header and '"Nouvelles"' not in header
    assert page.find("meta", attrs={"property": "og:site_name"})["content"] == SITE_NAME_FR
    assert page.title is not None and page.title.get_text().endswith(SITE_NAME_FR)


def test_a_translated_nav_title_is_text(built: Built) -> None:
    """A nav title from site.po that passes the checks is escaped where Material prints it."""
    from trust_site import NAV_HOME_FR

    html = built.html("fr/index.html")
    page = BeautifulSoup(html, "html.parser")
    titles = [a.get_text(strip=True) for a in page.select(".md-nav--primary .md-nav__link")]
    assert NAV_HOME_FR in titles
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    assert "Accueil &amp; &quot;maison&quot; &lt;3" in nav and "<3" not in nav


def test_an_attacked_home_intro_is_refused_at_its_po_line(built: Built) -> None:
    intro = "translations/fr/LC_MESSAGES/pages/index.po"
    assert any(w.startswith(f"{intro}:") and "translation not used" in w for w in warnings(built))
    assert "alert(1)" not in built.html("fr/index.html")
