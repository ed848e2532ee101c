"""hreflang alternates in every page head, checked the way search engines read them.

For each indexable page that declares alternates: every href is absolute; the set includes
the page itself and an `x-default`; no language is listed twice; every target exists, may be
indexed, is in the language it is listed for, and lists exactly the same set back
(reciprocity); and the set equals the page's alternates in the sitemap, when the sitemap has
any. Error pages (404.html) are not addressable URLs and are skipped as sources.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .report import Result, timed
from .site import Alternate, Site, normalize_url
from .sitemap import sitemap_alternates

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
ERROR_PAGES = ("404.html",)


def check_hreflang(site: Site) -> Result:
    result = Result("hreflang")
    with timed(result):
        result.version = "built-in (lxml)"
        in_sitemap = sitemap_alternates(site)
        reported_pairs: set[tuple[str, str]] = set()
        pages_with_sets = set()
        for path in site.html_files:
            if path.name in ERROR_PAGES:
                continue
            page = site.page(path)
            if not page.alternates or page.noindex:
                continue
            result.checked += 1
            rel = site.rel(path)
            url = site.url_of(path)
            pages_with_sets.add(url)
            if check_set(rel, page.alternates, result) and url:
                check_self(rel, url, page.alternates, result)
                check_targets(site, path, url, result, reported_pairs)
                entry = in_sitemap.get(url)
                if in_sitemap and entry is None:
                    result.add(
                        rel,
                        page.alternates[0].line,
                        f"{url} has hreflang alternates but the sitemap lists none for it",
                    )
                elif entry is not None:
                    compare_with_sitemap(rel, page.alternates, entry.alternates, entry.file, result)
            elif not site.base_url:
                result.add(
                    rel,
                    page.alternates[0].line,
                    "cannot map hreflang URLs to files: pass --base-url",
                )
        for url, entry in sorted(in_sitemap.items()):
            if url not in pages_with_sets:
                target = site.file_of(url)
                if target is not None and target.is_file() and not site.page(target).noindex:
                    result.add(
                        entry.file,
                        entry.line,
                        f"the sitemap lists alternates for {url} but its page declares none",
                    )
    return result


def check_set(rel: str, alternates: tuple[Alternate, ...], result: Result) -> bool:
    """Rules that hold within one set; False when hrefs are not absolute (nothing else to map)."""
    absolute = True
    seen: dict[str, str] = {}
    for alt in alternates:
        parts = urlsplit(alt.href)
        if not (parts.scheme in ("http", "https") and parts.netloc):
            result.add(
                rel, alt.line, f'hreflang="{alt.hreflang}" href="{alt.href}" is not an absolute URL'
            )
            absolute = False
        if alt.hreflang.lower() != "x-default" and not LANGUAGE_TAG.match(alt.hreflang):
            result.add(rel, alt.line, f'hreflang="{alt.hreflang}" is not a language tag')
        key = alt.hreflang.lower()
        if key in seen and seen[key] != alt.href:
            result.add(
                rel,
                alt.line,
                f'hreflang="{alt.hreflang}" is listed twice ({seen[key]} and {alt.href})',
            )
        seen.setdefault(key, alt.href)
    if "x-default" not in seen:
        result.add(rel, alternates[0].line, 'the hreflang set has no hreflang="x-default"')
    return absolute


def check_self(rel: str, url: str, alternates: tuple[Alternate, ...], result: Result) -> None:
    if not any(
        normalize_url(a.href) == url for a in alternates if a.hreflang.lower() != "x-default"
    ):
        result.add(
            rel, alternates[0].line, f"the hreflang set does not list the page itself ({url})"
        )


def as_set(alternates: tuple[Alternate, ...]) -> set[tuple[str, str]]:
    return {(a.hreflang.lower(), normalize_url(a.href)) for a in alternates}


def check_targets(
    site: Site, path: Path, url: str, result: Result, reported_pairs: set[tuple[str, str]]
) -> None:
    rel = site.rel(path)
    page = site.page(path)
    mine = as_set(page.alternates)
    done = {url}
    for alt in page.alternates:
        href = normalize_url(alt.href)
        if href in done:
            continue
        done.add(href)
        target = site.file_of(alt.href)
        if target is None:
            result.add(
                rel, alt.line, f'hreflang="{alt.hreflang}" points outside the site: {alt.href}'
            )
            continue
        if not target.is_file():
            result.add(
                rel, alt.line, f'hreflang="{alt.hreflang}" points at a missing page: {alt.href}'
            )
            continue
        other = site.page(target)
        if other.noindex:
            result.add(
                rel,
                alt.line,
                f'hreflang="{alt.hreflang}" points at a noindex page (a fallback copy?): {alt.href}',
            )
            continue
        if other.canonical and normalize_url(other.canonical) != href:
            result.add(
                rel,
                alt.line,
                f'hreflang="{alt.hreflang}" points at {alt.href}, whose canonical is {other.canonical}',
            )
        is_language = alt.hreflang.lower() != "x-default"
        if is_language and other.lang and primary(other.lang) != primary(alt.hreflang):
            result.add(
                rel,
                alt.line,
                f'hreflang="{alt.hreflang}" points at a page in lang="{other.lang}": {alt.href}',
            )
        pair = tuple(sorted((url, href)))
        if pair in reported_pairs:
            continue
        theirs = as_set(other.alternates)
        if mine != theirs:
            reported_pairs.add((pair[0], pair[1]))
            result.add(
                rel,
                alt.line,
                f"not reciprocal with {alt.href}: {describe(mine, theirs, site.rel(target))}",
            )


def describe(mine: set[tuple[str, str]], theirs: set[tuple[str, str]], them: str = "it") -> str:
    """How another set differs from this page's, in the reader's words."""
    if not theirs:
        return f"{them} declares no hreflang alternates"
    parts = []
    if mine - theirs:
        parts.append(f"{them} lacks " + ", ".join(f"{h}={u}" for h, u in sorted(mine - theirs)))
    if theirs - mine:
        parts.append(
            f"{them} has "
            + ", ".join(f"{h}={u}" for h, u in sorted(theirs - mine))
            + " that this page lacks"
        )
    return "; ".join(parts)


def compare_with_sitemap(
    rel: str,
    alternates: tuple[Alternate, ...],
    sitemap: dict[str, str],
    sitemap_file: str,
    result: Result,
) -> None:
    mine = as_set(alternates)
    theirs = {(h.lower(), normalize_url(u)) for h, u in sitemap.items()}
    if mine != theirs:
        result.add(
            rel,
            alternates[0].line,
            f"head and sitemap disagree: {describe(mine, theirs, sitemap_file)}",
        )


def primary(tag: str) -> str:
    return tag.split("-")[0].lower()
