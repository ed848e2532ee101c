"""What readers see while a correction is translated, and when a story leaves the site (#11).

The decision (README, "Publishing policy"; catalogs/progress.py): a unit whose source was
edited after it was translated is fuzzy with its previous msgid (`#| msgid`, as msgmerge
writes it, so Poedit and Weblate show what changed). It still counts for publishing: the
page stays, shows the new source text for that unit and says so. A story that was published
and no longer is (new text nobody translated yet) is a warning in `tidings update` and in
every build until it is translated or taken off on purpose, so a strict CI stops. gettext's
own tools are the oracle for the catalogs (`msgfmt --check`, `msgcat` keeps `#|`).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from sitebuild import build_site
from test_cli import tidings
from test_rename import demo_copy

STORY = "lantern-festival"
OLD = "9月20日开幕的滨江古城非遗灯会"
NEW = "9月21日开幕的滨江古城非遗灯会"  # a one-character correction


def edit(project: Path, old: str, new: str) -> None:
    path = project / "content" / "stories" / f"{STORY}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    tidings(project, "extract")


def po(project: Path) -> Path:
    return project / "translations" / "en" / "LC_MESSAGES" / "stories" / f"{STORY}.po"


def row(project: Path) -> dict[str, object]:
    status = json.loads(tidings(project, "status", "--json", "-l", "en").stdout)
    return next(r for r in status["stories"] if r["story"] == STORY)


def test_a_correction_keeps_the_page_and_says_what_changed(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    edit(project, OLD, NEW)
    assert "no longer" not in tidings(project, "update").stderr
    assert "#, fuzzy\n#| msgid" in po(project).read_text(encoding="utf-8")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po(project))], check=True)
    # gettext reads it as the previous msgid: unwrapped, it is the text before the edit.
    flat = subprocess.run(
        ["msgcat", "--no-wrap", str(po(project))], capture_output=True, text=True, check=True
    ).stdout
    previous = [line for line in flat.splitlines() if line.startswith("#| msgid ")]
    assert len(previous) == 1 and OLD in previous[0] and NEW not in previous[0]
    status = row(project)
    assert status["published"] and status["updated"] == 1 and status["fuzzy"] == 0
    assert "1 updated in the source" in str(status["reason"])
    site = tmp_path / "site"
    assert build_site(project, site).warnings == []  # a correction does not stop CI
    page = BeautifulSoup(
        (site / "en" / "stories" / STORY / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert page.select_one(".tidings-banner") is None  # still the English page
    note = page.select_one(".tidings-updating")
    assert note is not None and "shown in Chinese" in note.get_text()
    corrected = next(p for p in page.find_all("p") if NEW in p.get_text())  # the new text,
    assert (corrected.get("lang"), corrected.get("dir")) == ("zh", "ltr")  # marked as Chinese
    assert tidings(project, "update").stdout.count("0 updated") >= 10  # twice: a no-op


def test_a_story_that_leaves_the_site_is_a_warning_until_someone_decides(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    edit(project, OLD, "新的一段：灯会延长一周。\n\n" + OLD)  # a new paragraph
    update = tidings(project, "update").stderr
    assert f"stories/{STORY} was published in en and no longer is" in update
    assert '"X-Tidings-Published: yes\\n"' in po(project).read_text(encoding="utf-8")
    assert not row(project)["published"]
    site = tmp_path / "site"
    warnings = build_site(project, site, strict=False).warnings
    assert any(
        f"translations/en/LC_MESSAGES/stories/{STORY}.po" in w
        and "was published in en and no longer is: not published" in w
        and "1 untranslated" in w
        for w in warnings
    ), warnings
    # Taking it off English on purpose is a decision, not a surprise: no warning.
    path = project / "content" / "stories" / f"{STORY}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\ntranslate: {skip: [en]}\n", 1), encoding="utf-8")
    after = build_site(project, site, strict=False).warnings
    assert not [w for w in after if "was published in en" in w]
    assert [w for w in after if "was published in fr" in w]  # fr is still to be decided


def test_an_unusable_translation_says_the_page_is_not_published(tmp_path: Path) -> None:
    """One translation that fails its checks keeps the story off the locale (it is not
    translated), so its warning must not claim that the source text is shown in its place."""
    project = demo_copy(tmp_path)
    path = po(project)
    text = path.read_text(encoding="utf-8")
    good = 'Village](rural-tea-village.md)."'  # in the English msgstr; the msgid has its own
    assert text.count(good) == 1
    path.write_text(text.replace(good, 'Village](https://evil.example/)."'), "utf-8")
    warnings = build_site(project, tmp_path / "site", strict=False).warnings
    mine = [w for w in warnings if "translation not used" in w and "stories/lantern" in w]
    assert mine and all("the story is not published in en until it is fixed" in w for w in mine)
    assert not any("showing the source text" in w for w in mine)


def test_catalogs_from_msgmerge_previous_are_read_and_kept(tmp_path: Path) -> None:
    """`msgmerge --previous` writes `#|` over several lines and `#~|` on obsolete entries;
    Babel's reader turns the first into comments and refuses the second."""
    project = demo_copy(tmp_path)
    edit(project, OLD, NEW)
    tidings(project, "update")
    path = po(project)
    pot = project / "translations" / "stories" / f"{STORY}.pot"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + '\n#~| msgid "旧的一段"\n#~ msgid "旧的一段。"\n#~ msgstr "An old paragraph."\n'
    )
    subprocess.run(
        ["msgmerge", "-q", "--previous", "--update", "--backup=off", str(path), str(pot)],
        check=True,
    )
    assert "#~|" in path.read_text(encoding="utf-8") or "#~ msgid" in path.read_text(
        encoding="utf-8"
    )
    assert tidings(project, "check").returncode == 0
    tidings(project, "update")
    kept = path.read_text(encoding="utf-8")
    assert 'msgstr "An old paragraph."' in kept  # the obsolete translation survives
    assert "\n# | msgid" not in kept  # no previous msgid turned into a comment
    assert row(project)["updated"] == 1  # the correction is still one (its `#|` was read)


def test_update_with_nothing_new_in_the_template_still_suggests_and_marks(tmp_path: Path) -> None:
    """`update` skips a PO file its template did not change (catalogs/uptodate.py), but not
    when the merge would add something: a suggestion from the locale's other stories, or the
    published mark of a story that became publishable."""
    project = demo_copy(tmp_path)
    fr = project / "translations" / "fr" / "LC_MESSAGES" / "stories" / "canal-city-walk.po"
    suggested = '#, fuzzy\nmsgctxt "tags"\nmsgid "人文交流"\nmsgstr "Échanges culturels"\n'
    text = fr.read_text(encoding="utf-8")
    assert suggested in text
    fr.write_text(text.replace(suggested, 'msgctxt "tags"\nmsgid "人文交流"\nmsgstr ""\n'), "utf-8")
    mark = '"X-Tidings-Published: yes\\n"\n'
    en = po(project)
    assert mark in en.read_text(encoding="utf-8")
    en.write_text(en.read_text(encoding="utf-8").replace(mark, ""), encoding="utf-8")
    tidings(project, "update")
    assert suggested in fr.read_text(encoding="utf-8")  # offered again by the memory
    assert mark in en.read_text(encoding="utf-8")
