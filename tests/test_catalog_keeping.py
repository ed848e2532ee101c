"""Catalogs never lose a translator's work: strict reading that agrees with msgfmt, restored
paragraphs that bring their translation back, a guard before every write, headers of other
tools kept, no rewrite for a new Babel release. gettext's own `msgfmt --check` is the oracle
for what a valid (or a duplicate) catalog is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from test_cli import MKDOCS_YML, STORY, tidings
from tidings.catalogs.store import read_catalog, write_catalog
from tidings.errors import TidingsError

PO = "translations/fr/LC_MESSAGES/stories/tea.po"
msgfmt = pytest.mark.skipif(
    not shutil.which("msgfmt"), reason="needs gettext (scripts/install-system.sh)"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "content" / "stories" / "tea.md").write_text(STORY, encoding="utf-8")
    tidings(tmp_path, "extract")
    tidings(tmp_path, "update")
    return tmp_path


def translate(project: Path, strings: dict[str, str]) -> Path:
    path = project / PO
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in strings.items():
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    path.write_text(text, encoding="utf-8")
    return path


def check_with_msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def line_of(path: Path, text: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line
    )


def test_a_charset_header_that_lies_is_an_error_and_nothing_is_rewritten(project: Path) -> None:
    path = translate(
        project, {"Farmers pick leaves at dawn.": "Les paysans cueillent le thé à l'aube."}
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1"),
        encoding="utf-8",
    )
    before = path.read_bytes()
    header = line_of(path, "charset=ISO-8859-1")
    for command in ("update", "check"):
        result = tidings(project, command, check=False)
        assert result.returncode == 1
        assert (
            f"{PO}:{header}: the header says charset=ISO-8859-1, but Tidings catalogs are UTF-8"
            in result.stderr
        )
    assert (
        path.read_bytes() == before
    )  # Babel would have decoded it as Latin-1 and written \u escapes


@msgfmt
def test_duplicate_definitions_are_errors_at_both_lines(project: Path) -> None:
    path = translate(project, {"Farmers pick leaves at dawn.": "Les paysans cueillent à l'aube."})
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\nmsgid "Farmers pick leaves at dawn."\nmsgstr "Autre traduction."\n',
        encoding="utf-8",
    )
    assert "duplicate message definition" in check_with_msgfmt(path).stderr  # gettext agrees
    first = line_of(path, 'msgid "Farmers pick leaves at dawn."')
    second = len(path.read_text(encoding="utf-8").split("\n")) - 2
    before = path.read_bytes()
    result = tidings(project, "check", check=False)
    assert result.returncode == 1
    assert f"{PO}:{second}: duplicate entry: the same msgid as line {first}" in result.stderr
    assert tidings(project, "update", check=False).returncode == 1
    assert path.read_bytes() == before  # Babel would have kept the first and dropped the second


@msgfmt
def test_line_separators_are_text(project: Path) -> None:
    path = translate(
        project, {"Farmers pick leaves at dawn.": "Les paysans\u2028cueillent\u2029à l'aube."}
    )
    assert check_with_msgfmt(path).returncode == 0
    assert tidings(project, "check").returncode == 0
    from tidings.catalogs.store import read_translations

    found = read_translations(path)
    assert (
        found[(None, "Farmers pick leaves at dawn.")].msgstr
        == "Les paysans\u2028cueillent\u2029à l'aube."
    )


@msgfmt
def test_a_restored_paragraph_brings_its_translation_back(project: Path) -> None:
    story = project / "content" / "stories" / "tea.md"
    path = translate(project, {"Farmers pick leaves at dawn.": "Les paysans cueillent à l'aube."})
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("- Farmers pick leaves at dawn.\n", ""), encoding="utf-8")
    tidings(project, "extract")
    tidings(project, "update")
    assert '#~ msgstr "Les paysans cueillent à l\'aube."' in path.read_text(encoding="utf-8")
    story.write_text(text, encoding="utf-8")
    tidings(project, "extract")
    tidings(project, "update")
    po = path.read_text(encoding="utf-8")
    assert 'msgid "Farmers pick leaves at dawn."\nmsgstr "Les paysans cueillent à l\'aube."' in po
    assert "#~" not in po
    assert check_with_msgfmt(path).returncode == 0
    with path.open("rb") as handle:
        message = read_po(handle).get("Farmers pick leaves at dawn.")
    assert (
        message is not None
        and message.string == "Les paysans cueillent à l'aube."
        and not message.fuzzy
    )


def test_a_write_that_would_lose_a_translation_is_refused(project: Path) -> None:
    path = translate(project, {"Farmers pick leaves at dawn.": "Les paysans cueillent à l'aube."})
    catalog = read_catalog(path)
    message = catalog.get("Farmers pick leaves at dawn.")
    assert message is not None
    message.string = ""
    before = path.read_bytes()
    with pytest.raises(
        TidingsError, match=r"not written: the update would lose 1 translation\(s\)"
    ):
        write_catalog(path, catalog, PO)
    assert path.read_bytes() == before


def test_update_is_a_no_op_twice_and_across_babel_releases(project: Path) -> None:
    path = translate(project, {"Farmers pick leaves at dawn.": "Les paysans cueillent à l'aube."})
    tidings(project, "update")
    settled = path.read_bytes()
    assert "0 updated" in tidings(project, "update").stdout
    older = settled.replace(b"Generated-By: Babel ", b"Generated-By: Babel 2.18.0 was ")
    path.write_bytes(older)
    assert "0 updated" in tidings(project, "update").stdout
    assert path.read_bytes() == older  # not rewritten for another Babel release


@msgfmt
def test_headers_of_other_tools_are_kept(project: Path) -> None:
    path = project / PO
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            '"Generated-By:',
            '"X-Generator: Poedit 3.4\\n"\n"X-Poedit-SourceCharset: UTF-8\\n"\n"Generated-By:',
        ),
        encoding="utf-8",
    )
    story = project / "content" / "stories" / "tea.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    tidings(project, "extract")
    assert "1 updated" in tidings(project, "update").stdout
    po = path.read_text(encoding="utf-8")
    assert '"X-Generator: Poedit 3.4\\n"' in po and '"X-Poedit-SourceCharset: UTF-8\\n"' in po
    assert 'msgid "A new paragraph."' in po
    assert check_with_msgfmt(path).returncode == 0


def test_a_new_catalog_takes_its_locales_plural_forms(project: Path) -> None:
    path = project / PO
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index("\n", start)
    path.write_text(
        text[:start] + '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' + text[end:],
        encoding="utf-8",
    )
    other = project / "content" / "stories" / "fair.md"
    other.write_text(STORY.replace("A tea village goes online", "A science fair"), encoding="utf-8")
    tidings(project, "extract")
    tidings(project, "update")
    new = (project / "translations/fr/LC_MESSAGES/stories/fair.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in new
    assert '"Language-Team: French\\n"' in new  # not Babel's placeholder


def test_one_locales_translation_never_reaches_another_through_the_template() -> None:
    """Babel's Catalog.update puts the template's own Message objects into the catalog; a
    translation revived or suggested in one locale must not land in the next locale merged
    from the same template (found when the French UI catalog got the Arabic text)."""
    from babel.messages.catalog import Catalog

    from tidings.catalogs.store import merge

    template = Catalog(domain="x", charset="utf-8", fuzzy=False)
    template.add("Social snippets")
    arabic = Catalog(locale="ar", domain="x", charset="utf-8", fuzzy=False)
    arabic.obsolete[arabic._key_for("Social snippets")] = type(template["Social snippets"])(
        "Social snippets", "نصوص لوسائل التواصل الاجتماعي"
    )
    merged = merge(arabic, template, "ar", {})
    assert merged["Social snippets"].string == "نصوص لوسائل التواصل الاجتماعي"
    memory = {(None, "Social snippets"): "Textes pour les réseaux sociaux"}
    assert (
        merge(None, template, "de", memory)["Social snippets"].string
        != merged["Social snippets"].string
    )
    french = merge(None, template, "fr", {})
    assert not french["Social snippets"].string
    assert not template["Social snippets"].string
