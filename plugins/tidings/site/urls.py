"""How a site's source files map to URLs, the way MkDocs + mkdocs-static-i18n (suffix) lay them out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class Urls:
    """How source files map to URLs, the way MkDocs + mkdocs-static-i18n (suffix) lay them out."""

    site_url: str
    source_locale: str
    directory_urls: bool = True

    def path(self, src_uri: str, locale: str) -> str:
        """Site-relative URL of the locale's version of `src_uri` (`en/stories/x/`)."""
        stem = src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            page = stem[: -len("index")]
            if not self.directory_urls:
                page += "index.html"
        else:
            page = stem + ("/" if self.directory_urls else ".html")
        prefix = "" if locale == self.source_locale else f"{locale}/"
        return quote(prefix + page)

    @property
    def base_path(self) -> str:
        """The site's path on its host (`/` or `/repo/`), for links that work from any page."""
        path = urlsplit(self.site_url).path if self.site_url else "/"
        return path if path.endswith("/") else path + "/"

    def href(self, src_uri: str, locale: str) -> str:
        """Root-relative link to a page (`/en/stories/x/`)."""
        return self.base_path + self.path(src_uri, locale)

    def href_asset(self, path: str) -> str:
        return self.base_path + quote(path.lstrip("/"))

    def absolute(self, src_uri: str, locale: str) -> str:
        return self.site_url.rstrip("/") + "/" + self.path(src_uri, locale)

    def asset(self, path: str) -> str:
        return self.site_url.rstrip("/") + "/" + quote(path.lstrip("/"))
