"""The `tidings/snippets` MkDocs plugin: snippet feeds per locale and channel, and a page per
locale to copy them from. It builds on `tidings/stories` (its editions, plan and URLs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tidings.errors import Problem, TidingsError
from tidings.mkdocs_plugins.stories import StoriesPlugin
from tidings.mkdocs_plugins.support import front_matter, page_key
from tidings.mkdocs_plugins.virtual import VirtualPages, suffixed
from tidings.snippets.channels import (
    Channel,
    channels_for_locale,
    check_locale_mapping,
    load_channels,
)
from tidings.snippets.compose import Snippet, compose_all
from tidings.snippets.feeds import csv_file, feed_files, index, json_feed, rss
from tidings.ui import ui_translations

log = get_plugin_logger(__name__)
PAGE = "snippets.md"
SCRIPT = "assets/tidings-snippets.js"


class SnippetsConfig(base.Config):
    path = c.Type(str, default="snippets")
    """Folder of the site that holds the feeds (`<path>/<locale>/<channel>.xml|json|csv`)."""
    channels = c.Type(dict, default={})
    """Overrides of the built-in channel table, and new channels (see tidings.snippets.channels)."""
    locales = c.Optional(c.Type(dict))
    """Which channels serve which locales: {x: all, vk: [ru], line: [ja, zh-Hant]}."""
    page = c.Type(bool, default=True)
    """Generate the snippets page of every locale (noindex, not searched, not in the sitemap)."""
    too_long = c.Choice(("error", "warning"), default="error")
    """What an explicit channel text that does not fit is: a build error or a warning."""


class SnippetsPlugin(BasePlugin[SnippetsConfig]):
    """Compose every published story's snippet for every channel of its locale."""

    def __init__(self) -> None:
        self.pages = VirtualPages()
        self.snippets: dict[str, list[Snippet]] = {}
        self.channels: dict[str, Channel] = {}
        self.stories: StoriesPlugin | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep one instance across `mkdocs serve` rebuilds."""

    @event_priority(-10)  # after tidings/stories computed the editions of this build
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        stories = config.plugins.get("tidings/stories")
        if not isinstance(stories, StoriesPlugin):
            raise PluginError("tidings/snippets needs the tidings/stories plugin in mkdocs.yml")
        self.stories = stories
        if stories.inner_pass(config) and self.snippets:
            return config
        assert stories.plan is not None and stories.urls is not None
        where = Path(config.config_file_path).name
        try:
            self.channels = load_channels(self.config.channels or None, where)
            if self.config.locales is not None:
                check_locale_mapping(self.config.locales, self.channels, where)
        except TidingsError as exc:
            raise PluginError(str(exc)) from None
        plan, urls = stories.plan, stories.urls
        self.snippets = {}
        problems: list[Problem] = []
        for locale in plan.locales:
            editions = [by_locale[locale] for by_locale in plan.editions.values() if locale in by_locale]
            page_urls = {e.story.slug: urls.absolute(plan.story_uris[e.story.slug], locale) for e in editions}
            images = {e.story.slug: stories.share_image(e.story.slug, locale) for e in editions}
            found, trouble = compose_all(editions, self.channels, self.config.locales, page_urls, images)
            self.snippets[locale] = found
            problems += trouble
        for problem in dict.fromkeys(problems):
            (log.error if self.config.too_long == "error" else log.warning)(str(problem))
        if problems and self.config.too_long == "error":
            raise PluginError(f"{len(problems)} snippet(s) do not fit their channel; see the messages above")
        if self.config.page and SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        return config

    @event_priority(50)  # before mkdocs-static-i18n (-100), like tidings/stories
    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.stories is not None and self.stories.plan is not None
        self.pages.clear()
        if self.config.page:
            source = self.stories.plan.source_locale
            for locale in self.stories.plan.locales:
                heading = ui_translations(locale).gettext("Social snippets")
                meta = {"title": heading, "search": {"exclude": True}, "tidings_noindex": True}
                self.pages.add(files, config, suffixed(PAGE, locale, source), front_matter(meta))
        return files

    @event_priority(-110)  # after mkdocs-static-i18n copied the files
    def _attach_markdown(self, files: Files, config: MkDocsConfig) -> Files:
        self.pages.attach(files)
        return files

    on_files = CombinedEvent(_add_files, _attach_markdown)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page_key(page) != PAGE or self.stories is None:
            return html
        locale = self.stories.pass_locale(config)
        return self._render_page(locale, config)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page_key(page) != PAGE:
            return output
        # Channel filters without JavaScript: a CSS rule per channel, in the head.
        rules = "".join(
            f'#tidings-ch-{cid}:checked~.tidings-snippets .tidings-snippet:not([data-channel="{cid}"]){{display:none}}'
            for cid in self.channels
        )
        return output.replace("</head>", f"<style>{rules}</style>\n  </head>", 1)

    @event_priority(-200)  # after mkdocs-static-i18n built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.stories is not None and self.stories.urls is not None
        if self.stories.inner_pass(config):
            return
        site = Path(config.site_dir)
        urls = self.stories.urls
        entries: dict[str, dict[str, dict[str, object]]] = {}
        for locale, snippets in self.snippets.items():
            for cid in channels_for_locale(self.config.locales, locale):
                if cid not in self.channels:
                    continue
                channel = self.channels[cid]
                chosen = [s for s in snippets if s.channel.id == cid]
                paths = feed_files(self.config.path, locale, cid)
                home = urls.absolute("index.md", locale)
                title = f"{config.site_name} · {channel.name} ({locale})"
                outputs = {
                    "rss": rss(chosen, title=title, home=home, self_url=urls.asset(paths["rss"]), locale=locale),
                    "json": json_feed(chosen, title=title, home=home, self_url=urls.asset(paths["json"]), locale=locale),
                    "csv": csv_file(chosen),
                }
                for kind, data in outputs.items():
                    target = site / paths[kind]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                entries.setdefault(locale, {})[cid] = {
                    "name": channel.name,
                    "limits": {limit.counter: limit.limit for limit in channel.limits},
                    "snippets": len(chosen),
                    **{kind: urls.asset(path) for kind, path in paths.items()},
                }
        (site / self.config.path).mkdir(parents=True, exist_ok=True)
        (site / self.config.path / "index.json").write_bytes(index(entries))

    def _render_page(self, locale: str, config: MkDocsConfig) -> str:
        assert self.stories is not None and self.stories.urls is not None and self.stories.plan is not None
        urls = self.stories.urls
        domain = urlsplit(config.site_url or "").netloc
        by_story: dict[str, dict[str, Any]] = {}
        for snippet in self.snippets.get(locale, []):
            story = by_story.setdefault(snippet.slug, {
                "url": urls.href(self.stories.plan.story_uris[snippet.slug], locale),
                "title": snippet.title,
                "summary": snippet.summary,
                # The page links images from the site root so previews work on any host.
                "image": (image.url if (image := self.stories.images.get(snippet.slug)) else None),
                "domain": domain,
                "card": self.stories.card_href(snippet.slug, locale),
                "snippets": [],
            })
            story["snippets"].append({
                "id": f"snippet-{snippet.slug}-{snippet.channel.id}",
                "channel": snippet.channel.id,
                "name": snippet.channel.name,
                "text": snippet.text,
                "count": snippet.count,
                "unit": snippet.unit,
                "truncated": snippet.post.truncated,
            })
        served = [cid for cid in channels_for_locale(self.config.locales, locale) if cid in self.channels]
        channels = [
            {
                "id": cid,
                "name": self.channels[cid].name,
                "limit": " + ".join(str(limit.limit) for limit in self.channels[cid].limits),
                "feeds": {kind: urls.href_asset(path) for kind, path in feed_files(self.config.path, locale, cid).items()},
            }
            for cid in served
        ]
        heading = ui_translations(locale).gettext("Social snippets")
        return self.stories.renderer.render("snippets.html", locale, heading=heading, stories=list(by_story.values()), channels=channels)

