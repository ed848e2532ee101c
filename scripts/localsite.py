"""Serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by the screenshot script and the browser tests. Never downloads a browser: Playwright
is pointed at /usr/bin/chromium (installed by scripts/install-system.sh).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tidings.sitecheck.tools import CHROMIUM_ARGS  # one list of flags for every Chromium we start

CHROMIUM = "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port; yield its base URL (with a trailing slash)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: The host name a locally served site is built for and browsed at: a name with a top-level
#: domain on X's list (reserved by RFC 2606), so snippets count their links as they will in
#: production (X counts `http://127.0.0.1/...` or `*.localhost` URLs as text, in full).
PUBLIC_HOST = "tidings.example.org"


def public_base(local: str) -> str:
    """`local` (http://127.0.0.1:PORT/) as the public-looking address Chromium maps to it."""
    return local.replace("127.0.0.1", PUBLIC_HOST)


@contextmanager
def chromium(public: str | None = None) -> Iterator[Any]:
    """Launch headless Chromium through Playwright; yield the Browser.

    With `public` (a `public_base` address), PUBLIC_HOST resolves to 127.0.0.1 and that origin
    counts as secure (the clipboard API needs one), as the real https site would.
    """
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    if public is not None:
        origin = public.rstrip("/")
        args += [
            f"--host-resolver-rules=MAP {PUBLIC_HOST} 127.0.0.1",
            f"--unsafely-treat-insecure-origin-as-secure={origin}",
        ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()
