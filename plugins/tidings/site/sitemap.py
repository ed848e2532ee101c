"""sitemap.xml with hreflang alternates that agree with every page's head."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from tidings.locales import language_tag
from tidings.site.plan import Plan
from tidings.site.urls import Urls


def sitemap_xml(
    plan: Plan, urls: Urls, src_uris: Iterable[str], lastmod: dict[str, str] | None = None
) -> bytes:
    """List every real page of every locale with its real alternates and x-default.

    Fallback copies are left out: they are `noindex` and point their canonical elsewhere.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for src_uri in sorted(set(src_uris)):
        real = plan.real_locales(src_uri)
        if not real:
            continue
        source = plan.default_locale(src_uri) or real[0]  # x-default
        for locale in real:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(urls.absolute(src_uri, locale))}</loc>")
            if lastmod and src_uri in lastmod:
                lines.append(f"    <lastmod>{lastmod[src_uri]}</lastmod>")
            for other in real:
                href = quoteattr(urls.absolute(src_uri, other))
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{language_tag(other)}" href={href}/>'
                )
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(urls.absolute(src_uri, source))}/>'
            )
            lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
