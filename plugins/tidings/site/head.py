"""The `<head>` of every page: canonical, hreflang, Open Graph, Twitter card, JSON-LD.

Built from the plan, so the head, the sitemap and the language switcher agree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape

from tidings.editions.edition import Edition
from tidings.locales import language_tag, og_locale
from tidings.site.pages import Image
from tidings.site.plan import Plan
from tidings.site.urls import Urls
from tidings.story.authors import Author

# What Material and mkdocs-static-i18n put in the head that we replace: their hreflang links
# are relative, include fallback copies and lack x-default; their canonical ignores fallbacks.
_THEIRS = re.compile(
    r'[ \t]*<link rel="(?:canonical|alternate)" href="[^"]*"(?: hreflang="[^"]*")?>\n?'
)


def _tag(name: str, **attrs: str) -> str:
    body = " ".join(f'{k.replace("_", "-")}="{escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<{name} {body}>"


def _meta(prop: str, content: str, key: str = "property") -> str:
    return f'<meta {key}="{escape(prop, quote=True)}" content="{escape(content, quote=True)}">'


def json_ld(data: Mapping[str, object]) -> str:
    """A JSON-LD script element whose text cannot close the element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def page_head(
    plan: Plan,
    urls: Urls,
    src_uri: str,
    locale: str,
    *,
    title: str,
    description: str,
    site_name: str,
    edition: Edition | None = None,
    image: Image | None = None,
    feeds: Mapping[str, str] | None = None,
    noindex: bool = False,
) -> str:
    """Return the head elements of the `locale` version of `src_uri`.

    A page that is not a real translation (a fallback copy) gets a canonical link to the
    original and no hreflang set. A `noindex` page (the snippets page) is a tool, not
    content: it points at itself and has no hreflang either.
    """
    real = plan.real_locales(src_uri)
    source = (
        plan.source_locale
        if plan.source_locale in real
        else (real[0] if real else plan.source_locale)
    )
    lines: list[str] = []
    own_url = urls.absolute(src_uri, locale)
    if noindex:
        lines.append(_meta("robots", "noindex", key="name"))
        lines.append(_tag("link", rel="canonical", href=own_url))
    elif locale not in real:
        # A fallback copy duplicates the original: one signal, the canonical link to it.
        # `noindex` beside it would contradict it (Google Search Central, "How to specify a
        # canonical URL": do not use noindex to choose a canonical).
        lines.append(_tag("link", rel="canonical", href=urls.absolute(src_uri, source)))
    else:
        canonical = (
            edition.story.canonical
            if edition and edition.is_source and edition.story.canonical
            else own_url
        )
        lines.append(_tag("link", rel="canonical", href=canonical))
        for other in real:
            lines.append(
                _tag(
                    "link",
                    rel="alternate",
                    hreflang=language_tag(other),
                    href=urls.absolute(src_uri, other),
                )
            )
        lines.append(
            _tag(
                "link",
                rel="alternate",
                hreflang="x-default",
                href=urls.absolute(src_uri, plan.default_locale(src_uri) or source),
            )
        )
    for kind, href in (feeds or {}).items():
        mime = "application/rss+xml" if kind == "rss" else "application/atom+xml"
        lines.append(
            _tag(
                "link", rel="alternate", type=mime, title=f"{site_name} ({kind.upper()})", href=href
            )
        )

    og_url = own_url if locale in real else urls.absolute(src_uri, source)
    lines += [
        _meta("og:type", "article" if edition else "website"),
        _meta("og:site_name", site_name),
        _meta("og:title", title),
        _meta("og:description", description),
        _meta("og:url", og_url),
        _meta("og:locale", og_locale(locale if locale in real else source)),
    ]
    shown = og_locale(locale if locale in real else source)
    for other in real:
        if og_locale(other) != shown:  # never the page's own og:locale again
            lines.append(_meta("og:locale:alternate", og_locale(other)))
    if image:
        image_url = (
            urls.site_url.rstrip("/") + image.url if image.url.startswith("/") else image.url
        )
        lines.append(_meta("og:image", image_url))
        if image.mime:
            lines.append(_meta("og:image:type", image.mime))
        if image.width and image.height:
            lines += [
                _meta("og:image:width", str(image.width)),
                _meta("og:image:height", str(image.height)),
            ]
        if image.alt:
            lines.append(_meta("og:image:alt", image.alt))
    lines += [
        _meta("twitter:card", "summary_large_image" if image else "summary", key="name"),
        _meta("twitter:title", title, key="name"),
        _meta("twitter:description", description, key="name"),
    ]
    if edition is not None:
        story = edition.story
        lines.append(_meta("article:published_time", story.date.isoformat()))
        if story.updated:
            lines.append(_meta("article:modified_time", story.updated.isoformat()))
        for tag in edition.tags:
            lines.append(_meta("article:tag", tag[1]))
        lines.append(json_ld(_news_article(plan, urls, src_uri, locale, edition, site_name, image)))
    elif src_uri == "index.md" and locale in real:
        # The home page says what the site is (schema.org WebSite; Google: "site names").
        lines.append(
            json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": "WebSite",
                    "name": site_name,
                    "url": own_url,
                    "inLanguage": language_tag(locale),
                    "publisher": _publisher(plan, urls, locale, site_name),
                }
            )
        )
    return "\n    ".join(lines)


def _news_article(
    plan: Plan,
    urls: Urls,
    src_uri: str,
    locale: str,
    edition: Edition,
    site_name: str,
    image: Image | None,
) -> dict[str, object]:
    story = edition.story
    real = plan.real_locales(src_uri)
    url = urls.absolute(src_uri, edition.locale)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": edition.title,
        "description": edition.summary,
        "inLanguage": language_tag(edition.locale),
        "datePublished": plan.moment(story.date).isoformat(),
        "dateModified": plan.moment(story.updated or story.date).isoformat(),
        "author": [_person(author) for author in edition.authors]
        or {"@type": "Organization", "name": site_name},
        "publisher": _publisher(plan, urls, locale, site_name),
    }
    if image:
        data["image"] = (
            urls.site_url.rstrip("/") + image.url if image.url.startswith("/") else image.url
        )
    if edition.is_source:
        others = [urls.absolute(src_uri, loc) for loc in real if loc != edition.locale]
        if others:
            data["workTranslation"] = [{"@id": other} for other in others]
    else:
        data["translationOfWork"] = {"@id": urls.absolute(src_uri, plan.source_locale)}
    return data


def without_alternates(html: str) -> str:
    """A page that is no page of the site (404) gets no canonical and no hreflang set."""
    return _THEIRS.sub("", html)


def _publisher(plan: Plan, urls: Urls, locale: str, site_name: str) -> dict[str, object]:
    """schema.org Organization: the site's name in the reader's language, its home, its logo."""
    data: dict[str, object] = {
        "@type": "Organization",
        "name": site_name,
        "url": urls.absolute("index.md", locale),
    }
    if plan.logo:
        data["logo"] = {"@type": "ImageObject", "url": urls.asset(plan.logo)}
    return data


def replace_head(html: str, head: str) -> str:
    """Swap the theme's canonical and hreflang links for ours, inserted before `</head>`."""
    html = _THEIRS.sub("", html)
    return html.replace("</head>", f"    {head}\n  </head>", 1)


def _person(author: Author) -> dict[str, str]:
    """schema.org Person: the name alone, the role as `jobTitle` (Google's Article guidance:
    "only the name of the author", https://developers.google.com/search/docs/appearance/structured-data/article)."""
    person = {"@type": "Person", "name": author.name}
    if author.role:
        person["jobTitle"] = author.role
    if author.url:
        person["url"] = author.url
    return person
