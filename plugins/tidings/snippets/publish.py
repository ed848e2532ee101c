"""Snippets of a whole site: composed for every locale, their feed files, and the page of each
locale to copy them from. Everything the `tidings/snippets` plugin does, without MkDocs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tidings.errors import Problem
from tidings.site.publication import Publication
from tidings.snippets.channels import Channel, channels_for_locale
from tidings.snippets.compose import Snippet, compose_all
from tidings.snippets.feeds import csv_file, feed_files, index, json_feed, rss

LocaleMap = Mapping[str, str | Sequence[str]]


@dataclass
class SnippetDesk:
    """The snippets of every published story, locale and channel of one publication."""

    publication: Publication
    channels: Mapping[str, Channel]
    locale_map: LocaleMap | None
    path: str = "snippets"  # folder of the feeds in the site
    snippets: dict[str, list[Snippet]] = field(default_factory=dict)  # locale -> snippets

    def compose(self) -> list[Problem]:
        """Compose every snippet; return what a person must fix (texts that do not fit)."""
        # Public links, also under `mkdocs serve`: X counts a link to the dev server's
        # 127.0.0.1 in full, a link to the site as 23.
        plan, urls = self.publication.plan, self.publication.public
        self.snippets = {}
        problems: list[Problem] = []
        for locale in plan.locales:
            editions = [
                by_locale[locale] for by_locale in plan.editions.values() if locale in by_locale
            ]
            page_urls = {
                e.story.slug: urls.absolute(plan.story_uris[e.story.slug], locale) for e in editions
            }
            images = {
                e.story.slug: self.publication.share_image(e.story.slug, locale) for e in editions
            }
            found, trouble = compose_all(
                editions, self.channels, self.locale_map, page_urls, images
            )
            self.snippets[locale] = found
            problems += trouble
        return list(dict.fromkeys(problems))

    def served(self, locale: str) -> list[str]:
        """Channel ids that serve `locale`, in table order."""
        return [cid for cid in channels_for_locale(self.locale_map, locale) if cid in self.channels]

    def outputs(self, site_name: str) -> dict[str, bytes]:
        """Every feed file (RSS, JSON Feed, CSV per locale and channel) and the index, by path."""
        urls = self.publication.urls
        files: dict[str, bytes] = {}
        entries: dict[str, dict[str, dict[str, object]]] = {}
        site_newest = max((s.date for found in self.snippets.values() for s in found), default=None)
        for locale, snippets in self.snippets.items():
            for cid in self.served(locale):
                channel = self.channels[cid]
                chosen = [s for s in snippets if s.channel.id == cid]
                paths = feed_files(self.path, locale, cid)
                home = urls.absolute("index.md", locale)
                name = self.publication.site_text(locale, "site_name", site_name)
                title = f"{name} · {channel.name} ({locale})"
                files[paths["rss"]] = rss(
                    chosen,
                    title=title,
                    home=home,
                    self_url=urls.asset(paths["rss"]),
                    locale=locale,
                    newest=site_newest,
                )
                files[paths["json"]] = json_feed(
                    chosen,
                    title=title,
                    home=home,
                    self_url=urls.asset(paths["json"]),
                    locale=locale,
                )
                files[paths["csv"]] = csv_file(chosen)
                entries.setdefault(locale, {})[cid] = {
                    "name": channel.name,
                    "limits": {limit.counter: limit.limit for limit in channel.limits},
                    "snippets": len(chosen),
                    **{kind: urls.asset(path) for kind, path in paths.items()},
                }
        files[f"{self.path.strip('/')}/index.json"] = index(entries)
        return files

    def page_html(self, locale: str) -> str:
        """The snippets page of a locale: every story's posts with count, limit and copy button."""
        publication = self.publication
        urls, plan = publication.urls, publication.plan
        domain = urlsplit(publication.public.site_url or "").netloc
        by_story: dict[str, dict[str, Any]] = {}
        for snippet in self.snippets.get(locale, []):
            image = publication.images.get(snippet.slug)
            story = by_story.setdefault(snippet.slug, {
                "url": urls.href(plan.story_uris[snippet.slug], locale),
                "title": snippet.title,
                "summary": snippet.summary,
                # The page links images from the site root so previews work on any host.
                "image": image.url if image else None,
                "domain": domain,
                "card": publication.card_href(snippet.slug, locale),
                "snippets": [],
            })  # fmt: skip
            story["snippets"].append({
                "id": f"snippet-{snippet.slug}-{snippet.channel.id}",
                "channel": snippet.channel.id,
                "name": snippet.channel.name,
                "text": snippet.text,
                "count": snippet.count,
                "unit": snippet.unit,
                "truncated": snippet.post.truncated,
            })  # fmt: skip
        channels = [
            {
                "id": cid,
                "name": self.channels[cid].name,
                "limit": " + ".join(str(limit.limit) for limit in self.channels[cid].limits),
                "feeds": {
                    kind: urls.href_asset(path)
                    for kind, path in feed_files(self.path, locale, cid).items()
                },
            }
            for cid in self.served(locale)
        ]
        heading = page_title(publication, locale)
        return publication.renderer.render(
            "snippets.html",
            locale,
            heading=heading,
            stories=list(by_story.values()),
            channels=channels,
        )

    def filter_css(self) -> str:
        """Channel filters without JavaScript: a CSS rule per channel, for the page's head."""
        return "".join(
            f'#tidings-ch-{cid}:checked~.tidings-snippets .tidings-snippet:not([data-channel="{cid}"]){{display:none}}'
            for cid in self.channels
        )


def page_title(publication: Publication, locale: str) -> str:
    """The title of the snippets page in the locale's interface language."""
    _ = publication.renderer.gettext(locale)
    return _("Social snippets")
