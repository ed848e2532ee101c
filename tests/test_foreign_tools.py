"""Translators' tools and Tidings leave each other's catalogs alone (issue #11).

Each tool saves every demo catalog; the oracle is the bytes: the tool changes nothing that
Tidings wrote, and `tidings update` after it changes nothing either. The tools: GNU gettext's
`msgcat` and `msgmerge --update --previous` (what Poedit runs to update from a template, and
whose writer Poedit's matches), and translate-toolkit's PO store, which Weblate writes with.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from test_cli import tidings
from test_rename import demo_copy

pytestmark = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="needs gettext")


def catalogs(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(project.glob("translations/**/*.po"))}


def template_of(project: Path, po: Path) -> Path:
    name = po.relative_to(project / "translations").parts[2:]  # after <locale>/LC_MESSAGES
    return (project / "translations" / Path(*name)).with_suffix(".pot")


def save_with(tool: str, project: Path, po: Path) -> None:
    if tool == "msgcat":
        subprocess.run(["msgcat", str(po), "-o", str(po)], check=True)
    elif tool == "msgmerge":
        command = ["msgmerge", "-q", "--update", "--backup=off", "--previous"]
        subprocess.run([*command, str(po), str(template_of(project, po))], check=True)
    else:
        from translate.storage import pypo

        po.write_bytes(bytes(pypo.pofile(po.read_bytes())))


@pytest.mark.parametrize("tool", ["msgcat", "msgmerge", "translate-toolkit"])
def test_a_save_in_a_translators_tool_changes_nothing(tmp_path: Path, tool: str) -> None:
    project = demo_copy(tmp_path)
    before = catalogs(project)
    assert len(before) > 60
    for po in before:
        save_with(tool, project, po)
    changed = [p.name for p, data in catalogs(project).items() if data != before[p]]
    assert changed == [], f"{tool} rewrote {len(changed)} catalogs"
    tidings(project, "update")
    assert catalogs(project) == before  # and Tidings does not flip anything back
