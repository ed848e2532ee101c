"""Heading ids are the same in every language and stay put when a heading is inserted, so a
link to `story.md#anchor` works on every locale's page (checked on the built HTML)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from sitebuild import build_site
from test_site_build import make_project, translate
from tidings.editions.anchors import heading_ids
from tidings.units.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def ids(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [str(h["id"]) for h in page.select("article h2[id], article h3[id], article h4[id]")]


def test_every_published_locale_has_the_source_ids(demo_site: Path) -> None:
    compared = 0
    for source in sorted((demo_site / "stories").glob("*/index.html")):
        if 'http-equiv="refresh"' in source.read_text(encoding="utf-8"):
            continue  # a renamed story's old address
        expected = ids(source.read_text(encoding="utf-8"))
        assert expected and not any(re.fullmatch(r"_\d+", i) for i in expected), (source, expected)
        for page in sorted(demo_site.glob(f"*/stories/{source.parent.name}/index.html")):
            html = page.read_text(encoding="utf-8")
            if "tidings-banner" in html:
                continue  # a fallback copy: the source page itself
            assert ids(html) == expected, page
            compared += 1
    assert compared >= 8


def test_ids_stay_when_a_heading_is_inserted_and_repeat_get_a_number() -> None:
    body = "## How it works\n\nText.\n\n## Prices\n\nText.\n"
    before = heading_ids(body, segment(body))
    inserted = "## 活力茶乡的数字化之路\n\nFirst.\n\n" + body + "\n## Prices\n"
    after = heading_ids(inserted, segment(inserted))
    assert sorted(before.values()) == ["how-it-works", "prices"]
    assert sorted(after.values()) == ["how-it-works", "prices", "prices-2", "活力茶乡的数字化之路"]


def test_a_writers_own_id_is_kept() -> None:
    body = (
        "## How it works { #how }\n\n## Setext *title*\n---\n\n## [Linked](https://x.org) `code`\n"
    )
    found = heading_ids(body, segment(body))
    assert sorted(found.values()) == ["linked-code", "setext-title"]


def test_links_to_a_heading_of_another_story_resolve_in_every_locale(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    fair = root / "content" / "stories" / "fair.md"
    fair.write_text(
        fair.read_text(encoding="utf-8") + "\nSee [how tea is sold](tea.md#how-it-works).\n",
        encoding="utf-8",
    )
    import os

    from tidings.cli import main

    cwd = Path.cwd()
    os.chdir(root)
    try:
        assert main(["extract"]) == 0 and main(["update"]) == 0
    finally:
        os.chdir(cwd)
    translate(
        root,
        "fr",
        "fair",
        {
            "A science fair for young engineers": "Une foire scientifique",
            "Students show solar boats.": "Des élèves montrent des bateaux solaires.",
            "science": "sciences",
            "Young engineers built solar boats.": "De jeunes ingénieurs ont construit des bateaux solaires.",
            "See [how tea is sold](tea.md#how-it-works).": "Voir [comment le thé se vend](tea.md#how-it-works).",
        },
    )
    built = build_site(root, tmp_path / "site")
    # Every built locale: the source, a translation (fr) and a fallback copy (ar).
    for locale in ("", "fr/", "ar/"):
        page = BeautifulSoup(built.html(f"{locale}stories/fair/index.html"), "html.parser")
        link = next(
            a
            for a in page.select("article a[href]")
            if "#" in str(a["href"]) and "tea" in str(a["href"])
        )
        target, fragment = str(link["href"]).split("#")
        tea = (built.site / f"{locale}stories/fair/index.html").parent / target / "index.html"
        assert fragment in ids(tea.resolve().read_text(encoding="utf-8")), (locale, link["href"])
