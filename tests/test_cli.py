"""The `tidings` command end to end, run as a writer or translator would, in a scratch project."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

MKDOCS_YML = """\
site_name: Test
docs_dir: content
plugins:
  - tidings/stories
  - i18n:
      languages:
        - {locale: en, default: true, name: English}
        - {locale: fr, name: Français}
        - {locale: zh-Hant, name: 繁體中文}
"""

STORY = """\
---
title: A tea village goes online
summary: Farmers now sell 50% of their tea online.
date: 2026-10-01
tags: [rural]
hashtags: [tea]
---

The village of **Longjing** sells tea [online](https://example.org/shop).
It has grown fast.

## How it works

- Farmers pick leaves at dawn.
- Buyers order with `tea --buy`.
"""


def tidings(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("tidings")), *args]
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "content" / "stories" / "tea.md").write_text(STORY, encoding="utf-8")
    return tmp_path


def po(project: Path, locale: str = "fr") -> Path:
    return project / "translations" / locale / "LC_MESSAGES" / "stories" / "tea.po"


def fill(path: Path, translations: dict[str, str]) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in translations:
            message.string = translations[message.id]
    from tidings.catalogs.store import write_catalog

    write_catalog(path, catalog, keep_translations=False)  # a translator editing their work


FRENCH = {
    "A tea village goes online": "Un village du thé passe en ligne",
    "Farmers now sell 50% of their tea online.": "Les paysans vendent 50 % de leur thé en ligne.",
    "The village of **Longjing** sells tea [online](https://example.org/shop). It has grown fast.": "Le village de **Longjing** vend du thé [en ligne](https://example.org/shop). Il a vite grandi.",
    "How it works": "Comment ça marche",
    "Farmers pick leaves at dawn.": "Les paysans cueillent les feuilles à l'aube.",
    "Buyers order with `tea --buy`.": "Les acheteurs commandent avec `tea --buy`.",
}


def test_extract_update_writes_valid_catalogs(project: Path) -> None:
    out = tidings(project, "extract").stdout
    assert "translations/stories/tea.pot" in out
    tidings(project, "update")
    for locale in ("fr", "zh-Hant"):
        path = po(project, locale)
        text = path.read_text(encoding="utf-8")
        assert "#: content/stories/tea.md\n" in text  # the story, without lines (`locations`)
        assert 'msgctxt "title"' in text
        assert "python-format" not in text  # "50% of" is prose, not a format string
        if shutil.which("msgfmt"):
            subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)], check=True)
    # A second run changes nothing.
    assert "0 templates written" in tidings(project, "extract").stdout
    assert "0 created, 0 updated" in tidings(project, "update", "-l", "fr").stdout


def test_editing_one_sentence_keeps_the_rest(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    fill(po(project), FRENCH)
    story = project / "content" / "stories" / "tea.md"
    story.write_text(
        STORY.replace("Farmers pick leaves at dawn.", "Farmers pick the leaves at dawn."),
        encoding="utf-8",
    )
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    with po(project).open("rb") as handle:
        catalog = read_po(handle)
    edited = catalog.get("Farmers pick the leaves at dawn.")
    assert edited is not None and edited.fuzzy
    assert edited.string == FRENCH["Farmers pick leaves at dawn."]
    for msgid, msgstr in FRENCH.items():
        if msgid == "Farmers pick leaves at dawn.":
            continue
        message = catalog.get(msgid, context=_context(msgid))
        assert message is not None and message.string == msgstr and not message.fuzzy, msgid


def _context(msgid: str) -> str | None:
    return {
        "A tea village goes online": "title",
        "Farmers now sell 50% of their tea online.": "summary",
    }.get(msgid)


def test_removed_entries_stay_obsolete(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    fill(po(project), FRENCH)
    story = project / "content" / "stories" / "tea.md"
    story.write_text(STORY.replace("- Buyers order with `tea --buy`.\n", ""), encoding="utf-8")
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    text = po(project).read_text(encoding="utf-8")
    assert '#~ msgid "Buyers order with `tea --buy`."' in text
    assert '#~ msgstr "Les acheteurs commandent avec `tea --buy`."' in text


def test_suggestions_from_other_stories_are_fuzzy(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    fill(po(project), FRENCH)
    other = STORY.replace("title: A tea village goes online", "title: Another village").replace(
        "tea.md", "x"
    )
    (project / "content" / "stories" / "other.md").write_text(other, encoding="utf-8")
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    path = project / "translations" / "fr" / "LC_MESSAGES" / "stories" / "other.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    message = catalog.get("How it works")
    assert message is not None and message.string == "Comment ça marche" and message.fuzzy


def test_status_counts(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update")
    fill(po(project), FRENCH)
    import json

    rows = json.loads(tidings(project, "status", "--json").stdout)["stories"]
    fr = next(r for r in rows if r["locale"] == "fr")
    zh = next(r for r in rows if r["locale"] == "zh-Hant")
    assert (fr["translated"], fr["units"], fr["published"]) == (
        6,
        8,
        False,
    )  # tags and hashtags left
    assert zh["translated"] == 0 and zh["untranslated"] == zh["units"]
    assert "published" in tidings(project, "status").stdout


def test_prefill_converts_scripts(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("locale: en, default: true", "locale: zh, default: true"),
        encoding="utf-8",
    )
    (project / "content" / "stories" / "tea.md").write_text(
        STORY.replace("A tea village goes online", "茶村上网了").replace(
            "Farmers pick leaves at dawn.", "农民在黎明时采摘茶叶。"
        ),
        encoding="utf-8",
    )
    tidings(project, "extract")
    tidings(project, "update", "-l", "zh-Hant")
    assert "entries filled" in tidings(project, "prefill", "-l", "zh-Hant").stdout
    with po(project, "zh-Hant").open("rb") as handle:
        catalog = read_po(handle)
    message = catalog.get("农民在黎明时采摘茶叶。")
    assert message is not None and message.string == "農民在黎明時採摘茶葉。" and message.fuzzy
    # The translations changed: so does the revision date (gettext: PO-Revision-Date).
    assert "YEAR-MO-DA" not in po(project, "zh-Hant").read_text(encoding="utf-8").split("\n\n")[0]


BROKEN_STORIES = {
    "bad-yaml.md": (
        "---\ntitle: [unclosed\nsummary: x\ndate: 2026-10-01\n---\nBody\n",
        ":3: invalid YAML",
    ),
    "no-title.md": (
        "---\nsummary: x\ndate: 2026-10-01\n---\nBody\n",
        ":1: front matter needs 'title'",
    ),
    "bad-date.md": (
        "---\ntitle: T\nsummary: x\ndate: 2026-13-45\n---\nBody\n",
        ":4: invalid value for 'date'",
    ),
    "bad-slug.md": (
        "---\ntitle: T\nsummary: x\ndate: 2026-10-01\nslug: ../x\n---\nBody\n",
        ":5: 'slug' is not a valid slug",
    ),
}


def test_check_reports_broken_stories(project: Path) -> None:
    for name, (text, _) in BROKEN_STORIES.items():
        (project / "content" / "stories" / name).write_text(text, encoding="utf-8")
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    for name, (_, expected) in BROKEN_STORIES.items():
        assert f"content/stories/{name}{expected}" in result.stderr, result.stderr


def test_check_reports_broken_catalogs(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    fill(
        po(project),
        {
            **FRENCH,
            "The village of **Longjing** sells tea [online](https://example.org/shop). It has grown fast.": "Le village vend du thé [en ligne](https://evil.example/). Il a vite grandi.",
            "How it works": "Comment <script>alert(1)</script> ça marche",
        },
    )
    assert tidings(project, "check", check=False).returncode == 1
    text = po(project).read_text(encoding="utf-8")
    evil_line = next(
        i for i, line in enumerate(text.splitlines(), 1) if line.startswith('msgid "How it works"')
    )
    result = tidings(project, "check", check=False)
    assert (
        f"translations/fr/LC_MESSAGES/stories/tea.po:{evil_line}: translation adds HTML"
        in result.stderr
    )
    assert "link target 'https://evil.example/' is not in the source" in result.stderr
    github = tidings(project, "check", "--format", "github", check=False)
    assert "::error file=translations/fr/LC_MESSAGES/stories/tea.po,line=" in github.stdout
    # A syntax error is reported with its line and nothing else is read from that file.
    po(project).write_text(text.replace('msgstr "Comment', "msgstr Comment"), encoding="utf-8")
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    assert (
        "translations/fr/LC_MESSAGES/stories/tea.po:" in result.stderr
        and "PO syntax error" in result.stderr
    )


def test_update_never_overwrites_an_unreadable_catalog(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    broken = po(project).read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr broken\n'
    po(project).write_text(broken, encoding="utf-8")
    result = tidings(project, "update", "-l", "fr", check=False)
    assert result.returncode == 1 and "PO syntax error" in result.stderr
    assert po(project).read_text(encoding="utf-8") == broken


def test_new_scaffolds_a_valid_story(project: Path) -> None:
    out = tidings(project, "new", "Lantern festival opens", "--date", "2026-11-01").stdout
    assert "content/stories/lantern-festival-opens.md" in out
    tidings(project, "check")  # a draft: its placeholders are work in progress
    story = project / "content" / "stories" / "lantern-festival-opens.md"
    text = story.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text
    story.write_text(text.replace("draft: true\n", ""), encoding="utf-8")  # published too early
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    lines = [
        n
        for n, row in enumerate(story.read_text(encoding="utf-8").split("\n"), 1)
        if "TODO(tidings):" in row
    ]
    assert len(lines) == 4
    for line in lines:
        assert (
            f"content/stories/lantern-festival-opens.md:{line}: placeholder text from `tidings new` left here"
            in result.stderr
        )
    again = tidings(project, "new", "Lantern festival opens", check=False)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_pseudo_writes_files(project: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "pseudo"
    tidings(project, "pseudo", "content/stories/tea.md", "-o", str(out_dir))
    text = (out_dir / "tea.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A tea village goes online\n")
    assert "⟦Ţĥé ţéà" not in text and "⟦Ţĥé ṽîļļàĝé ôƒ **Ļôñĝĵîñĝ**" in text
    assert "[ŝ" not in text and "(https://example.org/shop)" in text and "`tea --buy`" in text
    printed = tidings(project, "pseudo", "content/stories/tea.md").stdout
    assert printed == text


def test_every_subcommand_has_help(project: Path) -> None:
    from tidings.cli import COMMANDS

    for module in COMMANDS:
        command = module.replace("_", "-")  # cli/check_site.py is `tidings check-site`
        assert "usage: tidings " + command in tidings(project, command, "-h").stdout


def test_snippets_preview_and_too_long_translation(project: Path) -> None:
    story = project / "content" / "stories" / "tea.md"
    story.write_text(
        STORY.replace("hashtags: [tea]", "hashtags: [tea]\nsnippets:\n  x: Tea goes online."),
        encoding="utf-8",
    )
    import json

    rows = json.loads(
        tidings(
            project, "snippets", "content/stories/tea.md", "-l", "en", "-c", "x", "--json"
        ).stdout
    )
    assert [(r["channel"], r["fits"], r["source"]) for r in rows] == [("x", True, "snippets.x")]
    assert rows[0]["text"].startswith("Tea goes online. #tea ")
    tidings(project, "extract")
    tidings(project, "update", "-l", "fr")
    fill(po(project), {"Tea goes online.": "Le thé " + "très " * 60 + "en ligne."})
    result = tidings(project, "check", check=False)
    text = po(project).read_text(encoding="utf-8")
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if row == 'msgid "Tea goes online."'
    )
    assert result.returncode == 1
    assert (
        f"translations/fr/LC_MESSAGES/stories/tea.po:{line}: X text for 'tea' (fr) does not fit"
        in result.stderr
    )


def test_measure_uses_the_site_channel_table(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "  - tidings/snippets:\n      channels:\n        x: {limits: {twitter: 10}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(Path(sys.executable).with_name("tidings")), "measure", "x", "--json"],
        cwd=project,
        input="hello world, this is long",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    import json

    assert result.returncode == 1
    assert json.loads(result.stdout) == {"channel": "x", "length": 25, "limit": 10, "fits": False}


def test_babel_extractor_for_pybabel(project: Path) -> None:
    (project / "babel.cfg").write_text("[tidings_story: content/stories/**.md]\n", encoding="utf-8")
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", "stories.pot", "."],
        cwd=project,
        check=True,
        capture_output=True,
    )
    with (project / "stories.pot").open("rb") as handle:
        catalog = read_po(handle)
    title = catalog.get("A tea village goes online", context="title")
    assert title is not None and title.locations == [("content/stories/tea.md", 2)]
    assert catalog.get("Farmers pick leaves at dawn.") is not None


def test_merge_refuses_a_folder_that_is_not_a_shard(project: Path, tmp_path: Path) -> None:
    (tmp_path / "not-a-shard").mkdir()
    result = tidings(
        project,
        "build",
        "--merge",
        str(tmp_path / "not-a-shard"),
        "-d",
        str(tmp_path / "out"),
        check=False,
    )
    assert result.returncode == 1 and "not a shard output (no .tidings-shard.json)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_tab_in_front_matter_is_named_and_its_catalogs_are_not_orphans(project: Path) -> None:
    tidings(project, "extract")
    tidings(project, "update")
    story = project / "content" / "stories" / "tea.md"
    story.write_text(STORY.replace("tags: [rural]", "tags:\n\t- rural"), encoding="utf-8")
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    assert (
        "content/stories/tea.md:6: invalid YAML in front matter: this line is indented with a tab; YAML front matter needs spaces"
        in result.stderr
    )
    assert "no story" not in result.stderr  # its catalogs still belong to it


def test_a_missing_image_fails_the_strict_build_too(project: Path, tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    from sitebuild import build_site

    story = project / "content" / "stories" / "tea.md"
    story.write_text(
        STORY.replace(
            "tags: [rural]", "tags: [rural]\nimage: images/none.png\nimage_alt: Tea fields"
        ),
        encoding="utf-8",
    )
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.replace(
            "site_name: Test", "site_name: Test\ntheme: {name: material, font: false}"
        ),
        encoding="utf-8",
    )
    assert (
        "image 'images/none.png' does not exist under content/"
        in tidings(project, "check", check=False).stderr
    )
    loose = build_site(project, tmp_path / "site", strict=False)
    assert any(
        "content/stories/tea.md:6: image 'images/none.png' does not exist under content/" in w
        for w in loose.warnings
    ), loose.warnings
    with pytest.raises(Abort):
        build_site(project, tmp_path / "strict", strict=True)
