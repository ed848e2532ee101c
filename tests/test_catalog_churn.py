"""A source edit changes only the catalog entries it touches (issue #11: "adding one paragraph
changes 9 files (+243/-175) only through `#:` line numbers").

`#:` comments name the story without line numbers by default (`locations: file`, xgettext's
`--add-location=file`), so a paragraph added at the top of a story adds one entry to each PO
file and changes no other line. `locations: full` keeps line numbers, with the churn.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from test_cli import tidings
from test_rename import demo_copy

STORY = "lantern-festival"


def add_a_paragraph_at_the_top(project: Path) -> None:
    path = project / "content" / "stories" / f"{STORY}.md"
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:end] + "\n编者按：本文于十月更新。\n" + text[end:], encoding="utf-8")


def changed_lines(project: Path, before: dict[Path, list[str]]) -> dict[str, tuple[int, int]]:
    """Per PO file of the story, (lines added, lines removed)."""
    found = {}
    for path, old in before.items():
        new = path.read_text(encoding="utf-8").splitlines()
        diff = list(difflib.unified_diff(old, new, lineterm="", n=0))
        added = sum(1 for d in diff if d.startswith("+") and not d.startswith("+++"))
        removed = sum(1 for d in diff if d.startswith("-") and not d.startswith("---"))
        found[path.parts[-4]] = (added, removed)
    return found


@pytest.mark.parametrize("locations", ["file", "full"])
def test_a_paragraph_added_at_the_top_changes_one_entry_per_catalog(
    tmp_path: Path, locations: str
) -> None:
    project = demo_copy(tmp_path)
    if locations == "full":
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace(
                "      min_translated: 1.0\n", "      min_translated: 1.0\n      locations: full\n"
            ),
            encoding="utf-8",
        )
        tidings(project, "extract")
        tidings(project, "update")
    pos = sorted(project.glob(f"translations/*/LC_MESSAGES/stories/{STORY}.po"))
    before = {path: path.read_text(encoding="utf-8").splitlines() for path in pos}
    add_a_paragraph_at_the_top(project)
    tidings(project, "extract")
    tidings(project, "update")
    changes = changed_lines(project, before)
    assert len(changes) >= 9
    if locations == "file":
        # The new entry: its two comments, `#:`, msgid, msgstr and a blank line; nothing else.
        assert all(added <= 7 and removed == 0 for added, removed in changes.values()), changes
        new = pos[0].read_text(encoding="utf-8")
        assert re.search(rf"^#: content/stories/{STORY}\.md$", new, re.M)
    else:
        assert all(removed > 20 for _, removed in changes.values()), changes  # every line moved
