#!/usr/bin/env python3
"""Time the writer's loop through the real `mkdocs serve`: edit, then poll until it shows.

    .venv/bin/python scripts/bench_serve.py [PROJECT] [--repeat 3] [--languages zh,en]
                                            [--story SLUG] [--po-locale en]

PROJECT is a Tidings site (default: the demo, this repository); a copy is edited, never the
project itself. The script starts `mkdocs serve` on 127.0.0.1 at a free port, waits for the
first build, then alternately (a) edits a paragraph of a story's source and (b) edits a PO
entry of the same story, and measures from the moment the file is written to the moment the
served page contains the edit (polling every 50 ms): what a writer waits for, including
MkDocs' file watcher and its rebuild. `--languages`/`--story` set TIDINGS_BUILD_ONLY /
TIDINGS_PREVIEW, as `make serve LANGUAGES=... STORY=...` does.

`DevServer` and `edit_story`/`edit_po` are also used by tests/test_serve.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def free_port() -> int:
    """A port nobody listens on now (MkDocs prints ':0' when given port 0, so one is chosen)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class DevServer:
    """`mkdocs serve` for `project` on 127.0.0.1; `url` once the first build is served."""

    def __init__(
        self, project: Path, env: dict[str, str] | None = None, first_build: float = 300
    ) -> None:
        self.project = project
        self.first_build = first_build
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> DevServer:
        self.process = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.project,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait(self.url, lambda page: True, timeout=self.first_build)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        """What `mkdocs serve` has printed so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, str]:
        """Status and text of the served page at `path` (relative to the site's root)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return int(response.status), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return int(error.code), ""

    def wait(self, url: str, shows: object, timeout: float = 120) -> float:
        """Seconds until the page at `url` answers 200 with a text for which `shows` is true."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{self.output()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    if response.status == 200 and shows(response.read().decode("utf-8")):  # type: ignore[operator]
                        return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise TimeoutError(
            f"{url} did not show the change in {timeout} s:\n{self.output()[-3000:]}"
        )

    def seconds_until(self, path: str, marker: str, timeout: float = 180) -> float:
        return self.wait(self.url + path, lambda page: marker in page, timeout)


def edit_story(story: Path, marker: str) -> None:
    """Append `marker` to the story's first body paragraph (a real source edit)."""
    text = story.read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---\n")
    paragraph = re.search(r"^[^\s#>|!:<`*-][^\n]*$", body, re.MULTILINE)
    assert paragraph, f"{story}: no paragraph to edit"
    edited = body[: paragraph.end()] + f" {marker}" + body[paragraph.end() :]
    story.write_text(head + separator + edited, encoding="utf-8")


def edit_po(po: Path, marker: str) -> None:
    """Prefix `marker` to the translation of the PO's first translated paragraph."""
    text = po.read_text(encoding="utf-8")
    for entry in re.finditer(r"^#\. paragraph\n", text, re.MULTILINE):
        at = text.index('\nmsgstr "', entry.end()) + len('\nmsgstr "')
        if text.startswith('"\n"', at):  # msgstr "" and the text on the lines below
            at += len('"\n"')
        if text[at] != '"':  # translated
            po.write_text(text[:at] + f"{marker} " + text[at:], encoding="utf-8")
            return
    raise AssertionError(f"{po}: no translated paragraph to edit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--languages", default="", help="TIDINGS_BUILD_ONLY (default: all)")
    parser.add_argument("--story", default="", help="TIDINGS_PREVIEW and the story to edit")
    parser.add_argument("--po-locale", default="en", help="the locale whose PO is edited")
    parser.add_argument(
        "--first-build", type=float, default=300, help="seconds to wait for the first build"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidings-serve-") as scratch:
        project = Path(scratch) / "project"
        project.mkdir()
        for part in ("mkdocs.yml", "content", "translations"):
            source = args.project / part
            if source.is_dir():
                shutil.copytree(source, project / part)
            else:
                shutil.copy2(source, project / part)
        stories = sorted((project / "content" / "stories").glob("*.md"))
        slug = args.story or stories[0].stem
        story = project / "content" / "stories" / f"{slug}.md"
        po = project / "translations" / args.po_locale / "LC_MESSAGES" / "stories" / f"{slug}.po"
        env = {"TIDINGS_BUILD_ONLY": args.languages, "TIDINGS_PREVIEW": args.story}
        started = time.perf_counter()
        with DevServer(project, env, args.first_build) as server:
            print(f"first build served after {time.perf_counter() - started:.2f} s", flush=True)
            source_page = f"stories/{slug}/"
            status, _ = server.get(source_page)
            assert status == 200, f"{source_page} is not served ({status})"
            times: dict[str, list[float]] = {"PO edit": [], "story edit": []}
            for round_ in range(args.repeat):
                marker = f"PoEdit{round_}x"
                edit_po(po, marker)
                times["PO edit"].append(
                    server.seconds_until(
                        f"{args.po_locale}/stories/{slug}/", marker, args.first_build
                    )
                )
                print(f"PO edit {round_ + 1}: {times['PO edit'][-1]:.2f} s", flush=True)
                marker = f"StoryEdit{round_}x"
                before = story.read_text(encoding="utf-8")
                edit_story(story, marker)
                times["story edit"].append(
                    server.seconds_until(source_page, marker, args.first_build)
                )
                print(f"story edit {round_ + 1}: {times['story edit'][-1]:.2f} s", flush=True)
                # Put the source back, or the edited paragraph has no translation any more
                # and the next round's PO edit would not be published.
                story.write_text(before, encoding="utf-8")
                server.wait(
                    server.url + source_page, lambda page, m=marker: m not in page, args.first_build
                )
        where = f"{slug}, languages {args.languages or 'all'}, preview {args.story or 'off'}"
        for what, values in times.items():
            runs = ", ".join(f"{value:.2f}" for value in values)
            print(f"{what}: median {statistics.median(values):.2f} s (runs {runs}) for {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
