"""A writer's mistakes, each reported once at its `md:line` by `tidings check` and by
`mkdocs build --strict` alike, without a traceback and without knock-on warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import build_site
from test_cli import tidings

MKDOCS_YML = """\
site_name: Test
site_url: https://news.example.org/
docs_dir: content
theme: {name: material, font: false}
markdown_extensions: [attr_list, toc]
plugins:
  - tidings/stories:
      cards: false
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: fr, name: Français, build: true}
        - {locale: ar, name: العربية, build: true}
"""
GOOD = "---\ntitle: Tea goes online\nsummary: Farmers sell tea.\ndate: 2026-10-01\n---\n\n## How it works\n\nText.\n"

# file name -> (story text, line, expected message)
MISTAKES: dict[str, tuple[str, int, str]] = {
    "author-without-name": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nauthors:\n  - Li Na\n  - {role: Reporter}\n---\n\nText.\n",
        7,
        "author 2 needs a 'name'",
    ),
    "author-url": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nauthors: [{name: Li Na, url: li-na.html}]\n---\n\nText.\n",
        5,
        "the url of author 1 must be an absolute http(s) URL",
    ),
    "no-title": (
        "---\nsummary: s\ndate: 2026-10-01\n---\n\nText.\n",
        1,
        "front matter needs 'title'",
    ),
    "bad-date": (
        "---\ntitle: t\nsummary: s\ndate: 2026-13-45\n---\n\nText.\n",
        4,
        "invalid value for 'date'",
    ),
    "tab": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\ntags:\n\t- rural\n---\n\nText.\n",
        6,
        "this line is indented with a tab",
    ),
    "colon": (
        "---\ntitle: t\nsummary: Sales: up 50%\ndate: 2026-10-01\n---\n\nText.\n",
        3,
        "a value with ': ' in it needs quotes",
    ),
    "updated": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nupdated: 2026-09-01\n---\n\nText.\n",
        5,
        "'updated' (2026-09-01) is before 'date'",
    ),
    "image-missing": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nimage: images/none.png\nimage_alt: a\n---\n\nText.\n",
        5,
        "image 'images/none.png' does not exist",
    ),
    "image-alt": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nimage: images/x.png\n---\n\nText.\n",
        5,
        "'image_alt' is required with 'image'",
    ),
    "slug": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nslug: Bad Slug\n---\n\nText.\n",
        5,
        "'slug' is not a valid slug",
    ),
    "zz-dup": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\nslug: good\n---\n\nText.\n",
        5,
        "slug 'good' is already used by content/stories/good.md",
    ),
    "link-missing": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nSee [this](nowhere.md).\n",
        7,
        "link 'nowhere.md': there is no stories/nowhere.md in content/",
    ),
    "image-body": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nText.\n\n![A field](../images/gone.png)\n",
        9,
        "image '../images/gone.png': there is no images/gone.png in content/",
    ),
    "anchor": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nText.\nSee [how](good.md#how-it-wrks).\n",
        8,
        "link 'good.md#how-it-wrks': stories/good.md has no heading '#how-it-wrks' (its headings: how-it-works)",
    ),
    "reference-link": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nSee [the plan][plan].\n\n[plan]: plan.md\n",
        9,
        "link 'plan.md': there is no stories/plan.md in content/",
    ),
    "html-image": (
        '---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nText.\n\n<img src="../images/lost.png" alt="A lost map">\n',
        9,
        "image '../images/lost.png': there is no images/lost.png in content/",
    ),
    "outside": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nSee [x](../../secret.md).\n",
        7,
        "link '../../secret.md' leads out of the site's pages",
    ),
    "control": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nText \x1b here.\n",
        7,
        "contains the control character U+001B (ESCAPE) at column 6",
    ),
    "placeholder": (
        "---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nTODO(tidings): Body text.\n",
        7,
        "placeholder text from `tidings new` left here",
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mistakes")
    stories = root / "content" / "stories"
    stories.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content" / "index.md").write_text("# News\n", encoding="utf-8")
    (stories / "good.md").write_text(GOOD, encoding="utf-8")
    # A page (not a story) with a broken link: Tidings does not check it, MkDocs does.
    (root / "content" / "notes.md").write_text(
        "# Notes\n\nSee [x](missing-page.md).\n", encoding="utf-8"
    )
    for name, (text, _, _) in MISTAKES.items():
        (stories / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def test_at_least_twelve_mistakes() -> None:
    assert len(MISTAKES) >= 12


def test_tidings_check_names_each_at_its_line(project: Path) -> None:
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for name, (_, line, message) in MISTAKES.items():
        found = [row for row in lines if row.startswith(f"content/stories/{name}.md:{line}: ")]
        assert any(message in row for row in found), (name, found or lines)
    assert not any(row.startswith("content/stories/good.md") for row in lines), (
        lines
    )  # nothing against the good story


def test_the_strict_build_names_each_at_its_line(project: Path, tmp_path: Path) -> None:
    built = build_site(project, tmp_path / "site", strict=False)
    warnings = [w.removeprefix("tidings: ") for w in built.warnings]
    for name, (_, line, message) in MISTAKES.items():
        found = [w for w in warnings if w.startswith(f"content/stories/{name}.md:{line}: ")]
        assert len([w for w in found if message in w]) == 1, (name, found)  # once, not per pass
    # MkDocs checks the rendered pages too, in each of the three language passes; what
    # Tidings said at its line is not said again without one.
    mkdocs_links = [w for w in warnings if w.startswith("Doc file 'stories/")]
    assert mkdocs_links == [], mkdocs_links
    # What only MkDocs checks is still said, once rather than once per language pass.
    notes = [w for w in warnings if w.startswith("Doc file 'notes.md' contains a link")]
    assert len(notes) == 1, notes
    with pytest.raises(Abort):
        build_site(project, tmp_path / "strict", strict=True)


def test_links_are_found_in_every_form_markdown_and_html_have() -> None:
    from tidings.story.links import body_links
    from tidings.story.schema import Story

    body = (
        "Inline [a](a.md) and ![b](b.png).\n"
        "Reference [c][c] and a footnote[^1].\n"
        "\n"
        '[c]: c.md "title"\n'
        "[^1]: A note, not a link: target.md\n"
        '<a href=\'d.md\'>d</a> <IMG SRC="e.png" alt="e">\n'
        "`[f](f.md)` in code is not a link\n"
    )
    story = Story(
        "content/stories/x.md", "x", "t", "s", dt.date(2026, 10, 1), body=body, body_line=10
    )
    assert list(body_links(story)) == [
        (10, False, "a.md"),
        (10, True, "b.png"),
        (13, False, "c.md"),
        (15, False, "d.md"),
        (15, True, "e.png"),
    ]
