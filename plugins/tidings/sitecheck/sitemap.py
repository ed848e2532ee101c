"""sitemap.xml against the sitemaps.org 0.9 XSD (plus xhtml:link alternates), and its URLs.

Every `<loc>` must be a page of this site that exists and may be indexed; `sitemap.xml.gz`,
when present, must hold the same document. The alternates are compared with each page's
`<head>` by the hreflang check, which reads them through `sitemap_alternates`.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .report import Result, timed
from .site import Site, normalize_url
from .tools import SCHEMAS

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SCHEMA = SCHEMAS / "sitemap-with-alternates.xsd"


@dataclass(frozen=True)
class SitemapEntry:
    """One `<url>`: its location and its hreflang alternates (hreflang -> href)."""

    file: str
    line: int
    loc: str
    alternates: dict[str, str]


def sitemap_files(site: Site) -> list[Path]:
    """Every XML file whose root is a sitemap `<urlset>`."""
    found = []
    for path in sorted(site.root.rglob("*.xml")):
        try:
            for _event, element in etree.iterparse(str(path), events=("start",)):
                if element.tag == f"{{{SITEMAP_NS}}}urlset":
                    found.append(path)
                break
        except etree.XMLSyntaxError:
            if path.name.startswith("sitemap"):
                found.append(path)
    return found


def read_entries(site: Site, path: Path) -> list[SitemapEntry]:
    tree = etree.parse(str(path))
    entries = []
    for url in tree.getroot().iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.find(f"{{{SITEMAP_NS}}}loc")
        alternates = {
            link.get("hreflang", ""): link.get("href", "")
            for link in url.iter(f"{{{XHTML_NS}}}link")
            if link.get("rel") == "alternate"
        }
        entries.append(
            SitemapEntry(
                site.rel(path),
                url.sourceline or 1,
                (loc.text or "").strip() if loc is not None else "",
                alternates,
            )
        )
    return entries


def sitemap_alternates(site: Site) -> dict[str, SitemapEntry]:
    """Entries that carry alternates, by `<loc>`; empty when the sitemap has none."""
    result = {}
    for path in sitemap_files(site):
        try:
            entries = read_entries(site, path)
        except etree.XMLSyntaxError:
            continue
        result.update({normalize_url(e.loc): e for e in entries if e.alternates})
    return result


def check_sitemap(site: Site) -> Result:
    result = Result("sitemap")
    with timed(result):
        result.version = "lxml {}, libxml2 {}".format(
            ".".join(map(str, etree.LXML_VERSION[:3])), ".".join(map(str, etree.LIBXML_VERSION))
        )
        schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
        files = sitemap_files(site)
        if not files and site.html_files:
            result.add("sitemap.xml", 1, "the site has no sitemap.xml (set site_url in mkdocs.yml)")
        for path in files:
            result.checked += 1
            rel = site.rel(path)
            try:
                tree = etree.parse(str(path))
            except etree.XMLSyntaxError as syntax:
                result.add(rel, syntax.lineno, f"not well-formed XML: {syntax.msg}")
                continue
            if not schema.validate(tree):
                for error in schema.error_log:
                    result.add(rel, error.line, f"sitemaps.org 0.9 schema: {error.message}")
            check_gzip_copy(rel, path, result)
            for entry in read_entries(site, path):
                check_loc(site, entry, result)
    return result


def check_gzip_copy(rel: str, path: Path, result: Result) -> None:
    copy = path.with_name(path.name + ".gz")
    if copy.is_file() and gzip.decompress(copy.read_bytes()) != path.read_bytes():
        result.add(
            rel + ".gz", 1, f"differs from {rel}: a crawler reading the .gz sees another sitemap"
        )


def check_loc(site: Site, entry: SitemapEntry, result: Result) -> None:
    if site.base_url and not normalize_url(entry.loc).startswith(site.base_url):
        result.add(
            entry.file,
            entry.line,
            f"<loc> {entry.loc} is outside the site's base URL {site.base_url}",
        )
        return
    target = site.file_of(entry.loc)
    if target is None:
        return
    if not target.is_file():
        result.add(
            entry.file,
            entry.line,
            f"<loc> {entry.loc} has no page ({site.rel(target)} does not exist)",
        )
    elif site.page(target).noindex:
        result.add(
            entry.file,
            entry.line,
            f"<loc> {entry.loc} is a noindex page: leave it out of the sitemap",
        )
