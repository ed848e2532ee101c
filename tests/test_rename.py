"""Renaming a story keeps every translation and every old address (issue #11).

A story's catalogs are named by its slug. `tidings mv OLD NEW` renames the file, the template
and every locale's PO, rewrites links to the file in sources and translations alike, and adds
`redirect_from`, from which the build writes a redirect at the old address in every language.
The oracles: gettext's `msgfmt --check` on every moved catalog; a translation survives when
its msgstr is still there, finished or fuzzy as before (compared with Babel's reader); the
built site's redirect pages are read as HTML (meta refresh, W3C HTML: "refresh" state).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from sitebuild import build_site
from test_cli import tidings

ROOT = Path(__file__).resolve().parents[1]
OLD, NEW = "rural-tea-village", "tea-village"


def demo_copy(where: Path) -> Path:
    project = where / "demo"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "translations", project / "translations")
    return project


def translations(project: Path, slug: str) -> dict[str, list[tuple[str, bool]]]:
    """Per locale, every translation of a story's PO as (msgstr, fuzzy), obsolete ones too."""
    found = {}
    for po in sorted(project.glob(f"translations/*/LC_MESSAGES/stories/{slug}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        messages = [*catalog, *catalog.obsolete.values()]
        found[po.parts[-4]] = sorted(
            (str(m.string), m.fuzzy) for m in messages if m.id and m.string
        )
    return found


def relinked(items: dict[str, list[tuple[str, bool]]]) -> dict[str, list[tuple[str, bool]]]:
    return {
        locale: sorted((text.replace(f"{OLD}.md", f"{NEW}.md"), fuzzy) for text, fuzzy in rows)
        for locale, rows in items.items()
    }


def status_rows(project: Path) -> list[str]:
    out = tidings(project, "status").stdout.splitlines()
    rows = [line for line in out if line.split()[-1:] in (["yes"], ["no"])]  # not the reasons
    return [" ".join(line.replace(OLD, NEW).split()) for line in rows if NEW in line or OLD in line]


@pytest.mark.parametrize("by_hand_first", [False, True], ids=["mv", "git-mv-then-mv"])
def test_a_renamed_story_keeps_every_translation(tmp_path: Path, by_hand_first: bool) -> None:
    project = demo_copy(tmp_path)
    before, status = translations(project, OLD), status_rows(project)
    assert sum(len(rows) for rows in before.values()) > 200
    if by_hand_first:  # a writer's `git mv`, then extract and update as usual
        stories = project / "content" / "stories"
        (stories / f"{OLD}.md").rename(stories / f"{NEW}.md")
        moved = stories / f"{NEW}.md"  # someone also wrote the redirect by hand
        moved.write_text(
            moved.read_text(encoding="utf-8").replace("---\n", f"---\nredirect_from: [{OLD}]\n", 1),
            encoding="utf-8",
        )
        hint = tidings(project, "extract").stderr
        assert f"`tidings mv {OLD} {NEW}` keeps its translations" in hint
        tidings(project, "update")
        assert f"`tidings mv {OLD} {NEW}`" in tidings(project, "check", check=False).stderr
    tidings(project, "mv", OLD, NEW)
    assert translations(project, OLD) == {}
    assert translations(project, NEW) == relinked(before)  # nothing lost, nothing new
    assert status_rows(project) == status
    story = (project / "content" / "stories" / f"{NEW}.md").read_text(encoding="utf-8")
    assert re.search(rf"^redirect_from: \[{OLD}\]$", story, re.M)
    assert not list(project.rglob(f"{OLD}.*"))
    for po in project.glob(f"translations/*/LC_MESSAGES/stories/{NEW}.po"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    assert tidings(project, "check").returncode == 0  # links to the story were rewritten too
    again = tidings(project, "update").stdout
    assert "updated" not in again.replace("0 updated", "")  # twice in a row: nothing to do


def test_the_old_address_redirects_in_every_language(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    tidings(project, "mv", OLD, NEW)
    site = tmp_path / "site"
    assert build_site(project, site).warnings == []
    homes = ["", *(p.name + "/" for p in site.iterdir() if (p / "stories").is_dir())]
    assert len(homes) >= 10
    for home in homes:
        page = site / home / "stories" / OLD / "index.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None and refresh["content"] == f"0; url=../{NEW}/", home
        assert (page.parent / f"../{NEW}/index.html").resolve().is_file()
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"https://tidings.example.org/{home}stories/{NEW}/"
        assert soup.find("html")["lang"]
    assert f"stories/{OLD}/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_rename_that_would_lose_work_changes_nothing(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    fr = project / "translations" / "fr" / "LC_MESSAGES" / "stories"
    # Someone started a translation under the new name by hand: finished, not a suggestion.
    (fr / f"{NEW}.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "茶园里的直播间"\nmsgstr "Un studio de direct dans les théiers"\n',
        encoding="utf-8",
    )
    files = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = tidings(project, "mv", OLD, NEW, check=False)
    assert result.returncode == 1
    assert f"translations/fr/LC_MESSAGES/stories/{NEW}.po: has translations" in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == files
    both = tidings(project, "mv", OLD, "canal-city-walk", check=False)
    assert both.returncode == 1 and "both are stories" in both.stderr
    assert tidings(project, "mv", OLD, "Tea_Village", check=False).returncode == 1


def test_an_old_slug_must_be_nobodys_address(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    story = project / "content" / "stories" / f"{OLD}.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("---\n", "---\nredirect_from: [canal-city-walk]\n", 1), "utf-8")
    result = tidings(project, "check", check=False)
    assert f"content/stories/{OLD}.md:2: 'canal-city-walk' is already" in result.stderr
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert build.returncode != 0 and "'canal-city-walk' is already" in build.stderr
