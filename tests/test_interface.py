"""Tidings' interface strings: shipped catalogs, a site's own `ui.po`, looked up per string.

Oracles: gettext's `msgfmt --check-format` for placeholders (python-format), `msgfmt --check`
for the catalogs `tidings ui` writes, and the README's promise of where strings come from.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from test_cli import STORY, tidings
from tidings.catalogs.interface import read_interface
from tidings.project import load_project
from tidings.ui import LOCALE_DIR, missing, ui_translations, usable

msgfmt = pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext")

MKDOCS_YML = """\
site_name: Test
docs_dir: content
plugins:
  - tidings/stories
  - i18n:
      languages:
        - {locale: en, default: true, name: English}
        - {locale: fr, name: Français}
        - {locale: pt-BR, name: Português}
        - {locale: nl, name: Nederlands}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "content" / "stories" / "tea.md").write_text(STORY, encoding="utf-8")
    return tmp_path


def site_ui(project: Path, locale: str, entries: str) -> Path:
    path = project / "translations" / locale / "LC_MESSAGES" / "ui.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
        encoding="utf-8",
    )
    return path


@msgfmt
@pytest.mark.parametrize(
    "locale", sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/ui.po"))
)
def test_shipped_catalogs_keep_every_placeholder(locale: str, tmp_path: Path) -> None:
    """gettext's own format check (python-format) on every shipped translation."""
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "ui.po").open("rb") as handle:
        catalog = read_po(handle)
    rows = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for message in catalog:
        if message.id and message.string:
            flag = "c-format" if "%d" in str(message.id) else "python-format"
            esc = [
                str(t).replace("\\", "\\\\").replace('"', '\\"')
                for t in (message.id, message.string)
            ]
            rows += [f"#, {flag}", f'msgid "{esc[0]}"', f'msgstr "{esc[1]}"', ""]
    copy = tmp_path / "ui.po"
    copy.write_text("\n".join(rows), encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(copy)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert missing(locale) == []


@msgfmt
def test_usable_agrees_with_msgfmt(tmp_path: Path) -> None:
    """The build's placeholder rule says what gettext's python-format check says."""
    cases = [
        ("Stories tagged “%(tag)s”", "Articles « %(tag)s »"),
        ("Stories tagged “%(tag)s”", "Articles « %(tags)s »"),
        ("Page %(number)s of %(pages)s", "%(pages)s pages, page %(number)s"),
        ("Page %(number)s of %(pages)s", "Page %(number)s"),
        ("Updated %(date)s", "Mis à jour à 100%% le %(date)s"),
        ("Jump back to footnote %d in the text", "Retour à l’appel de note %d"),
        ("Jump back to footnote %d in the text", "Retour à l’appel de note"),
    ]
    for msgid, msgstr in cases:
        path = tmp_path / "one.po"
        path.write_text(
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n',
            encoding="utf-8",
        )
        ok = (
            subprocess.run(
                ["msgfmt", "--check-format", "-o", "/dev/null", str(path)], capture_output=True
            ).returncode
            == 0
        )
        assert usable(msgid, msgstr) == ok, (msgid, msgstr)


def test_a_site_catalog_overrides_per_string_and_falls_through(project: Path) -> None:
    site_ui(
        project,
        "fr",
        'msgid "Latest stories"\nmsgstr "Les dernières"\n\n'
        '#, fuzzy\nmsgid "Archive"\nmsgstr "Grenier"\n',
    )
    site_ui(project, "pt", 'msgid "Tags"\nmsgstr "Etiquetas do site"\n')
    interface, problems = read_interface(load_project(project / "mkdocs.yml"))
    assert problems == []
    french = ui_translations("fr", interface)
    assert french.gettext("Latest stories") == "Les dernières"  # the site's
    assert french.gettext("Archive") == ui_translations("fr").gettext("Archive") != "Grenier"
    # pt-BR: Tidings' own pt-BR first, then the site's base language before Tidings' pt.
    brazil = ui_translations("pt-BR", interface)
    assert brazil.gettext("Tags") == "Etiquetas do site"
    assert brazil.gettext("Archive") == ui_translations("pt-BR").gettext("Archive")
    # Dutch is not shipped: every string would show in English, and the build says so.
    assert missing("nl", interface) and missing("fr", interface) == []


def test_a_placeholder_a_translator_renamed_is_refused_at_its_line(project: Path) -> None:
    path = site_ui(
        project, "fr", 'msgid "Stories tagged “%(tag)s”"\nmsgstr "Articles « %(tags)s »"\n'
    )
    interface, problems = read_interface(load_project(project / "mkdocs.yml"))
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("translations/fr/LC_MESSAGES/ui.po", 4, "warning")
    ]
    assert path.read_text(encoding="utf-8").split("\n")[3].startswith("msgid")
    shown = ui_translations("fr", interface).gettext("Stories tagged “%(tag)s”")
    assert shown % {"tag": "thé"}  # formats: the shipped translation, not the broken one


def test_a_broken_site_catalog_is_one_line_in_check_and_build(project: Path) -> None:
    path = site_ui(project, "fr", 'msgid "Tags"\nmsgstr "\xff"\n')
    path.write_bytes(path.read_bytes().replace("ÿ".encode(), b"\xff"))
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    assert "translations/fr/LC_MESSAGES/ui.po:5: not UTF-8 text" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_symbolic_link_out_of_translations_is_refused(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "ui.po"
    outside.write_text('msgid "Tags"\nmsgstr "SECRET"\n', encoding="utf-8")
    path = project / "translations" / "fr" / "LC_MESSAGES" / "ui.po"
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    interface, problems = read_interface(load_project(project / "mkdocs.yml"))
    assert "fr" not in interface and problems and "translations/fr" in problems[0].path


@msgfmt
def test_tidings_ui_writes_a_catalog_gettext_accepts(project: Path) -> None:
    result = tidings(project, "ui", "pt-BR", "nl")
    assert "created translations/pt-BR/LC_MESSAGES/ui.po" in result.stdout
    for locale in ("pt-BR", "nl"):
        path = project / "translations" / locale / "LC_MESSAGES" / "ui.po"
        check = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
    with (project / "translations" / "pt-BR" / "LC_MESSAGES" / "ui.po").open("rb") as handle:
        written = [m for m in read_po(handle) if m.id]
    assert written and all(m.fuzzy for m in written if m.string)  # suggestions, not overrides
    interface, _ = read_interface(load_project(project / "mkdocs.yml"))
    assert ui_translations("pt-BR", interface).messages == ui_translations("pt-BR").messages
    again = tidings(project, "ui", "pt-BR")
    assert "created" not in again.stdout and "updated" not in again.stdout  # a no-op
    assert tidings(project, "ui", "xx", check=False).returncode == 1
