"""The fast PO reader agrees with Babel's reader, entry by entry and line by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tidings.catalogs.pofile import parse
from tidings.errors import TidingsError

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = sorted(ROOT.glob("translations/**/*.po")) + sorted(
    ROOT.glob("plugins/tidings/locale/*/LC_MESSAGES/ui.po")
)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_entries_as_babel(path: Path) -> None:
    with path.open("rb") as handle:
        babel = {(m.context, m.id): (m.string, m.fuzzy, m.lineno) for m in read_po(handle) if m.id}
    fast = {
        (e.context, e.msgid): (e.msgstr, e.fuzzy, e.line)
        for e in parse(path.read_text(encoding="utf-8"), str(path))
        if e.msgid
    }
    assert fast == babel


def test_escapes_fuzzy_obsolete_and_plurals() -> None:
    text = """msgid ""
msgstr "Language: fr\\n"

#, fuzzy, python-format
msgctxt "title"
msgid "Say \\"hi\\"\\n"
msgstr "Dis \\"salut\\"\\n"

msgid "one"
msgid_plural "many"
msgstr[0] "un"
msgstr[1] "plusieurs"

#~ msgid "gone"
#~ msgstr "parti"
"""
    entries = {e.msgid: e for e in parse(text, "x.po")}
    assert set(entries) == {"", 'Say "hi"\n', "one"}
    assert entries['Say "hi"\n'].msgstr == 'Dis "salut"\n' and entries['Say "hi"\n'].fuzzy
    assert entries['Say "hi"\n'].context == "title" and entries['Say "hi"\n'].line == 6
    assert entries["one"].msgstr == "un"


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(TidingsError) as error:
        parse('msgid "a"\nmsgstr unquoted\n', "fr.po")
    assert (
        str(error.value)
        == "fr.po:2: PO syntax error: expected a keyword and a quoted string: 'msgstr unquoted'"
    )
