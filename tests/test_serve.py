"""`mkdocs serve` on the untouched demo: every language is served, and a writer's edit of a
story and a translator's edit of a PO entry both show up without restarting it.

Real `mkdocs serve` (the README's `make serve`), on 127.0.0.1 at a free port, on a copy of
the demo; the edits are file writes, as an editor makes them. Timings are measured by
`scripts/bench_serve.py` (numbers in scripts/BENCHMARKS.md), never asserted here.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_serve import DevServer, edit_po, edit_story
from tidings.project import read_config

SLUG = "canal-city-walk"


def languages() -> list[str]:
    config = read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [lang["locale"] for lang in i18n["languages"] if not lang.get("default")]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevServer, Path]]:
    project = tmp_path_factory.mktemp("serve") / "demo"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "translations", project / "translations")
    with DevServer(project) as server:
        yield server, project


def test_every_language_is_served(served: tuple[DevServer, Path]) -> None:
    server, _ = served
    for prefix in ["", *(f"{locale}/" for locale in languages())]:
        for path in ("", f"stories/{SLUG}/"):
            status, page = server.get(prefix + path)
            assert status == 200 and "<html" in page, (prefix + path, status)
    # The dev server's address is not the public site: snippets are still measured against
    # the configured site_url (an IP address would make X count the link in full).
    assert "Aborted" not in server.output() and "ERROR" not in server.output()


def test_a_story_edit_and_a_po_edit_show_while_serving(served: tuple[DevServer, Path]) -> None:
    server, project = served
    edit_po(project / "translations" / "en" / "LC_MESSAGES" / "stories" / f"{SLUG}.po", "PoEdited")
    server.seconds_until(f"en/stories/{SLUG}/", "PoEdited")
    edit_story(project / "content" / "stories" / f"{SLUG}.md", "StoryEdited")
    server.seconds_until(f"stories/{SLUG}/", "StoryEdited")
    assert "Traceback" not in server.output()
