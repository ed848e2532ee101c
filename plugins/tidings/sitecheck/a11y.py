"""Accessibility with axe-core in headless Chromium: no serious or critical violations.

The site is served over HTTP on 127.0.0.1 (a free port), as readers get it, because Material's
JavaScript and some axe rules behave differently on file:// URLs. Chromium is Debian's
(/usr/bin/chromium, driven by Playwright for Python); `playwright install` is never used.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .report import Result, timed
from .site import Site
from .tools import AXE_JS, CHROMIUM, CHROMIUM_ARGS, INSTALL_HINT, npm_version

FAILING_IMPACTS = ("serious", "critical")
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html}))
  }));
}"""


def default_pages(site: Site) -> list[str]:
    """The home page, plus one page for each other text direction (an RTL locale's home)."""
    pages = []
    directions = set()
    home = site.root / "index.html"
    if home.is_file():
        pages.append("index.html")
        directions.add(site.page(home).dir)
    # Shallow pages first, so a locale's home page is picked before its stories.
    for path in sorted(site.html_files, key=lambda p: (len(p.relative_to(site.root).parts), p)):
        if path.name == "404.html":
            continue
        direction = site.page(path).dir
        if direction not in directions:
            directions.add(direction)
            pages.append(site.rel(path))
    return pages


def check_a11y(site: Site, pages: list[str] | None = None) -> Result:
    result = Result("a11y")
    with timed(result):
        if not CHROMIUM.is_file():
            result.error = f"{CHROMIUM} is missing; {INSTALL_HINT}"
            return result
        if not AXE_JS.is_file():
            result.error = f"{AXE_JS} is missing; {INSTALL_HINT}"
            return result
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:
            result.error = "playwright (Python) is not installed; install the test extras"
            return result
        pages = [p.lstrip("/") for p in (pages or default_pages(site))]
        axe = AXE_JS.read_text(encoding="utf-8")
        result.version = f"axe-core {npm_version('axe-core')}, playwright {version('playwright')}"
        with serve(site.root, site.prefix) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                result.version += f", chromium {browser.version}"
                page = browser.new_page()
                for rel in pages:
                    path = site.root / rel
                    if path.is_dir() or rel.endswith("/") or rel == "":
                        path = path / "index.html"
                    if not path.is_file():
                        result.add(rel, 1, "page to check does not exist")
                        continue
                    result.checked += 1
                    try:
                        page.goto(f"{origin}/{site.rel(path)}", wait_until="load")
                        page.add_script_tag(content=axe)
                        violations: list[dict[str, Any]] = page.evaluate(RUN_AXE)
                    except PlaywrightError as error:
                        result.add(
                            site.rel(path), 1, f"browser error: {error.message.splitlines()[0]}"
                        )
                        continue
                    report(site, path, violations, result)
            finally:
                browser.close()
    return result


def report(site: Site, path: Path, violations: list[dict[str, Any]], result: Result) -> None:
    source = path.read_text(encoding="utf-8", errors="replace")
    for violation in violations:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            result.add(
                site.rel(path),
                line_of(source, node["html"]),
                f"{violation['id']} ({violation['impact']}): {violation['help']}: {node['target']}",
            )


def line_of(source: str, html: str) -> int:
    """Line of the element in the built file, found by its opening tag; 1 if JS made it."""
    opening = html.split(">", 1)[0] + ">"
    found = source.find(opening)
    return source.count("\n", 0, found) + 1 if found >= 0 else 1


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under the site's URL prefix (`/news/...`), without a log line per request."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `root` at `http://127.0.0.1:<free port><prefix>` for the duration of the block."""
    handler_class = type("Handler", (SiteHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
