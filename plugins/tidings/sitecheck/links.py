"""Links and anchors with lychee, offline: every local link and `#fragment` must resolve.

Root-relative links (`/news/ar/`) resolve through a temporary root folder in which the base
URL's path points at the site, and absolute links to the site itself
(`https://host/news/ar/`, as in canonical and hreflang links) are remapped onto the files, so
they are checked too. Links to other hosts are not fetched (`--offline`).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import Result, timed
from .site import Site
from .tools import ToolMissing, first_line, run, which


def check_links(site: Site) -> Result:
    result = Result("links")
    with timed(result):
        try:
            lychee = which("lychee")
        except ToolMissing as missing:
            result.error = str(missing)
            return result
        result.version = first_line([lychee, "--version"])
        result.checked = len(site.html_files)
        if not site.html_files:
            return result
        with tempfile.TemporaryDirectory(prefix="sitecheck-root-") as tmp:
            root = fake_root(Path(tmp), site)
            args = [
                lychee,
                "--offline",
                "--include-fragments",
                "--no-progress",
                "--format",
                "json",
                "--extensions",
                "html",
                # use_directory_urls: `story/` must be served by `story/index.html`.
                "--index-files",
                "index.html",
                "--root-dir",
                str(root),
            ]
            if site.base_url:
                mounted = (root / site.prefix.strip("/")).as_uri().rstrip("/") + "/"
                args += ["--remap", f"^{re.escape(site.base_url)}(.*)$ {mounted}$1"]
            args.append(str(site.root))
            out = run(args, cwd=site.root, timeout=1800)
        try:
            report = json.loads(out.stdout)
        except ValueError:
            result.error = f"lychee printed no JSON (exit {out.returncode}): {out.stderr[:300]}"
            return result
        for source, errors in sorted(report.get("error_map", {}).items()):
            for error in errors:
                span = error.get("span") or {}
                status = error.get("status") or {}
                url = unmount(error.get("url", ""), root, site)
                reason = status.get("text") or status.get("details") or "broken"
                result.add(site.rel(Path(source)), span.get("line"), f"{url}: {reason}")
    return result


def fake_root(tmp: Path, site: Site) -> Path:
    """A folder where `<prefix>` is the site, so `--root-dir` resolves `/prefix/...` links."""
    prefix = site.prefix.strip("/")
    if not prefix:
        return site.root
    mount = tmp / prefix
    mount.parent.mkdir(parents=True, exist_ok=True)
    mount.symlink_to(site.root, target_is_directory=True)
    return tmp


def unmount(url: str, root: Path, site: Site) -> str:
    """Print a broken local link as a site path (`/news/ar/x/`), not a temp-folder file URL."""
    if not url.startswith("file://"):
        return url
    parts = urlsplit(url)
    path = unquote(parts.path)
    for base in (str(root), str(site.root)):
        if path.startswith(base):
            path = path[len(base) :] or "/"
            if base == str(site.root):
                path = site.prefix.rstrip("/") + path
            break
    return path + (f"#{parts.fragment}" if parts.fragment else "")
