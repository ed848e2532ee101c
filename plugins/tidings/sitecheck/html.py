"""HTML conformance with the Nu HTML Checker (vnu.jar), errors only.

The only findings dropped are the known, explained false positives in `FALSE_POSITIVES`, each
matched on both the message and the source line it points at, so the same message anywhere
else in the page is still reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import Result, timed
from .site import Site
from .tools import VNU_JAR, ToolMissing, need, npm_version, run, which


@dataclass(frozen=True)
class FalsePositive:
    """A vnu message that Material for MkDocs causes on purpose, and why we accept it."""

    message: re.Pattern[str]
    source_line: re.Pattern[str]
    why: str


FALSE_POSITIVES: tuple[FalsePositive, ...] = (
    FalsePositive(
        message=re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
        source_line=re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
            r'id="__(drawer|search)" autocomplete="off">'
        ),
        why=(
            "Material's hidden drawer/search toggles (base.html) carry autocomplete=off so that "
            "Firefox does not restore a checked state on reload or back/forward (Mozilla bug "
            "654072) and open the drawer or search by itself. HTML allows the attribute only on "
            "text-like inputs, so vnu reports it; upstream kept it on purpose "
            "(squidfunk/mkdocs-material#1513). Harmless: the inputs are not form fields."
        ),
    ),
)


def check_html(site: Site) -> Result:
    """Validate every HTML page of the site with vnu.jar; one finding per error message."""
    result = Result("html")
    with timed(result):
        try:
            java = which("java")
            jar = need(VNU_JAR)
        except ToolMissing as missing:
            result.error = str(missing)
            return result
        result.version = f"vnu {npm_version('vnu-jar')}"
        result.checked = len(site.html_files)
        if not site.html_files:
            return result
        out = run(
            [
                java,
                "-jar",
                str(jar),
                "--errors-only",
                "--format",
                "json",
                "--skip-non-html",
                str(site.root),
            ],
            timeout=1800,
        )
        try:
            report = json.loads(out.stderr or out.stdout)
        except ValueError:
            result.error = f"vnu printed no JSON (exit {out.returncode}): {out.stderr[:300]}"
            return result
        if report.get("version"):
            result.version = f"vnu {report['version'].split()[0]}"
        lines_cache: dict[Path, list[str]] = {}
        for message in report.get("messages", []):
            if message.get("type") not in ("error", "non-document-error"):
                continue
            path = file_of(message.get("url", ""))
            line = int(message.get("firstLine") or message.get("lastLine") or 1)
            text = str(message.get("message", "")).strip()
            if path and is_false_positive(text, path, message, lines_cache):
                continue
            result.add(site.rel(path) if path else message.get("url", "-"), line, text)
    return result


def file_of(url: str) -> Path | None:
    """vnu names files as `file:/abs/path`."""
    if not url.startswith("file:"):
        return None
    return Path(unquote(urlsplit(url).path))


def is_false_positive(
    text: str, path: Path, message: dict[str, object], cache: dict[Path, list[str]]
) -> bool:
    if path not in cache:
        try:
            cache[path] = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            cache[path] = []
    lines = cache[path]
    first = int(str(message.get("firstLine") or message.get("lastLine") or 1))
    last = int(str(message.get("lastLine") or first))
    source = "\n".join(lines[first - 1 : last])
    return any(fp.message.search(text) and fp.source_line.search(source) for fp in FALSE_POSITIVES)
