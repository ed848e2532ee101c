"""The attacked site (tests/trust_site.py) in a real browser: on every page, and in the search
results, no dialog opens, nothing navigates away, no frame appears, no request leaves the host.

Chromium is the oracle: if a title, summary or unit ever reaches the page as markup, the
`<iframe srcdoc="<script>alert(…)">` in it runs and opens a dialog.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from localsite import CHROMIUM, chromium, public_base, serve

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium (scripts/install-system.sh)"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, Path]]:
    from sitebuild import build_site
    from trust_site import make_attacked_site

    attacked = make_attacked_site(
        tmp_path_factory.mktemp("attacked"), tmp_path_factory.mktemp("outside")
    )
    site = tmp_path_factory.mktemp("attacked-served")
    with serve(site) as local, chromium(public_base(local)) as instance:
        base = public_base(local)
        build_site(attacked.root, site, strict=False, site_url=base)
        yield instance, base, site


class Watched:
    """A page with everything recorded that an injection would cause."""

    def __init__(self, instance: Any, base: str) -> None:
        self.context = instance.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.dialogs: list[str] = []
        self.navigations: list[str] = []
        self.outside: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on(
            "framenavigated",
            lambda frame: (
                self.navigations.append(frame.url) if frame == self.page.main_frame else None
            ),
        )
        self.page.on("request", self._request)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base) and not request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            self.outside.append(request.url)

    def visit(self, path: str) -> None:
        self.navigations.clear()
        self.page.goto(self.base + path, wait_until="load")
        self.page.wait_for_timeout(150)  # a meta refresh with 0 s would have fired by now
        where = self.base + path
        assert self.dialogs == [], f"{path}: dialog {self.dialogs}"
        assert self.navigations == [where], f"{path}: navigated to {self.navigations}"
        assert self.page.url == where
        assert len(self.page.frames) == 1, f"{path}: frames {[f.url for f in self.page.frames]}"
        assert self.outside == [], f"{path}: requests left the host: {self.outside}"


@pytest.fixture
def watched(served: tuple[Any, str, Path]) -> Iterator[Watched]:
    instance, base, _ = served
    watched = Watched(instance, base)
    yield watched
    watched.context.close()


def test_every_page_is_inert(served: tuple[Any, str, Path], watched: Watched) -> None:
    _, _, site = served
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert "fr/stories/attacks/index.html" in pages and "fr/stories/inert/index.html" in pages
    for page in pages:
        watched.visit(page.removesuffix("index.html"))


def test_search_results_are_inert(watched: Watched) -> None:
    for path in ("", "fr/"):
        watched.visit(path)
        watched.page.click("input.md-search__input")
        watched.page.keyboard.type("canal")
        watched.page.wait_for_selector(".md-search-result__item", timeout=10000)
        titles = watched.page.locator(".md-search-result__item h1").all_inner_texts()
        assert any("</title><iframe" in title for title in titles), titles
        assert watched.dialogs == [] and len(watched.page.frames) == 1
        assert watched.outside == []


def test_markup_looking_title_shows_as_typed(watched: Watched) -> None:
    from trust_site import INERT_FRENCH, SITE_NAME_FR, TITLE

    watched.visit("fr/stories/inert/")
    # The French site name (site.po) looks like markup too: the browser shows it as typed.
    assert watched.page.title() == f"{INERT_FRENCH[TITLE]} - {SITE_NAME_FR}"
    header = watched.page.locator(".md-header__topic .md-ellipsis").first.inner_text()
    assert header.strip() == SITE_NAME_FR
    assert watched.page.locator("h1").first.inner_text() == INERT_FRENCH[TITLE]
