"""A built site on disk: its pages, its public base URL, and the mapping between the two."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit, urlunsplit

import lxml.html

CANONICAL = re.compile(rb"<link\b[^>]*\brel=[\"']?canonical\b[^>]*>", re.IGNORECASE)
HREF = re.compile(rb"\bhref=[\"']?([^\"' >]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Site:
    """A site folder and the URL it is published under (`https://host/prefix/`)."""

    root: Path
    base_url: str | None
    _pages: dict[Path, Page] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def open(cls, root: Path, base_url: str | None = None) -> Site:
        """Take the base URL from the option, else from the home page's canonical link."""
        root = root.resolve()
        base = base_url or guess_base_url(root)
        if base:
            base = normalize_url(base if base.endswith("/") else base + "/")
        return cls(root, base)

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, path: Path) -> Page:
        """The head facts of one output page, parsed once per run."""
        if path not in self._pages:
            self._pages[path] = Page.read(path)
        return self._pages[path]

    def rel(self, path: Path) -> str:
        """Path as printed in findings: relative to the site folder, with `/`."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @property
    def prefix(self) -> str:
        """The base URL's path (`/news/`), under which root-relative links live."""
        return urlsplit(self.base_url).path if self.base_url else "/"

    def url_of(self, path: Path) -> str | None:
        """Public URL of an output file (`ar/index.html` -> `https://host/ar/`)."""
        if not self.base_url:
            return None
        rel = self.rel(path)
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.base_url + rel

    def file_of(self, url: str) -> Path | None:
        """Output file that serves a URL of this site, or None when the URL is elsewhere."""
        url = normalize_url(urldefrag(url).url.split("?", 1)[0])
        if not self.base_url or not url.startswith(self.base_url):
            return None
        rel = url[len(self.base_url) :]
        target = self.root / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target


@dataclass(frozen=True)
class Alternate:
    """One `<link rel=alternate hreflang=... href=...>` of a page head."""

    hreflang: str
    href: str
    line: int


@dataclass(frozen=True)
class Page:
    """What the checks need from a page's `<html>` and `<head>`."""

    lang: str
    dir: str
    noindex: bool
    canonical: str | None
    alternates: tuple[Alternate, ...]

    @classmethod
    def read(cls, path: Path) -> Page:
        try:
            root = parse_html(path)
        except (ValueError, OSError):
            # lxml refuses empty documents; vnu reports those, the other checks skip them.
            return cls("", "ltr", False, None, ())
        robots = " ".join(
            m.get("content", "") for m in root.iter("meta") if m.get("name", "").lower() == "robots"
        )
        canonical = None
        alternates = []
        for link in root.iter("link"):
            rel = link.get("rel", "").lower().split()
            if "canonical" in rel and canonical is None:
                canonical = link.get("href")
            if "alternate" in rel and link.get("hreflang") is not None:
                alternates.append(
                    Alternate(link.get("hreflang", ""), link.get("href", ""), link.sourceline or 1)
                )
        body = root.find("body")
        # Material puts `dir` on <body>; plain HTML usually on <html>.
        direction = root.get("dir") or (body.get("dir") if body is not None else None) or "ltr"
        return cls(
            lang=root.get("lang", ""),
            dir=direction.lower(),
            noindex="noindex" in robots.lower(),
            canonical=canonical,
            alternates=tuple(alternates),
        )


def normalize_url(url: str) -> str:
    """One spelling per URL, for comparing and mapping: lower-case host, decoded path."""
    parts = urlsplit(url)
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            unquote(parts.path),
            parts.query,
            parts.fragment,
        )
    )


def guess_base_url(root: Path) -> str | None:
    """Read `<link rel=canonical>` of the home page: MkDocs writes `site_url` there."""
    home = root / "index.html"
    if not home.is_file():
        return None
    head = home.read_bytes()[:20000]
    match = CANONICAL.search(head)
    if not match:
        return None
    href = HREF.search(match.group(0))
    return href.group(1).decode() if href else None


def parse_html(path: Path) -> lxml.html.HtmlElement:
    """Parse a page with lxml (elements keep `sourceline`)."""
    return lxml.html.document_fromstring(path.read_bytes())
