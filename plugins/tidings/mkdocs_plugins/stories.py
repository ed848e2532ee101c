"""The `tidings/stories` MkDocs plugin: story pages per locale from catalogs, story lists,
head metadata, sitemap and reader feeds, on top of mkdocs-static-i18n (suffix structure).

How mkdocs-static-i18n 1.3 is worked with (see ARCHITECTURE.md): it re-runs the whole build
per language; we add plain `File` entries for `<slug>.<locale>.md` before it sorts files per
language (priority 50 > -100) and attach their Markdown after it (priority -110), because it
replaces every File object with its own copy.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tidings.cards import CardTemplate, load_template
from tidings.catalogs.rendered import MarkdownSetup
from tidings.confine import leaves
from tidings.editions.cache import EditionCache
from tidings.editions.edition import Edition
from tidings.errors import Problem, TidingsError
from tidings.locales import direction
from tidings.mkdocs_plugins.support import (
    MemoryBytecodeCache,
    front_matter,
    name_search_dialog,
    page_key,
)
from tidings.mkdocs_plugins.virtual import VirtualPages, suffixed
from tidings.project import Language, Project
from tidings.site.feeds import feed_path, reader_feeds
from tidings.site.head import page_head, replace_head
from tidings.site.pages import Image, Renderer, image_of, listing_page, story_header
from tidings.site.plan import Listing, Plan, plan_site
from tidings.site.shards import BUILD_ONLY, MARKER, PREVIEW, marker
from tidings.site.sharecards import card_jobs, card_path, default_cache, write_cards
from tidings.site.sitemap import sitemap_xml
from tidings.site.urls import Urls
from tidings.ui import ui_translations

log = get_plugin_logger(__name__)
THEME = Path(__file__).resolve().parents[1] / "theme"
CSS = "assets/tidings.css"


class StoriesConfig(base.Config):
    translations_dir = c.Type(str, default="translations")
    """Folder of the gettext catalogs, relative to mkdocs.yml."""
    stories_dir = c.Type(str, default="stories")
    """Folder of the stories inside docs_dir."""
    min_translated = c.Type((int, float), default=1.0)
    """Share of a story's units (0-1) that must be translated to publish it in a locale."""
    per_page = c.Type(int, default=10)
    """Stories per home page."""
    home = c.Type(bool, default=True)
    """Generate the home page (index.md) of every locale as a list of stories."""
    feeds = c.Type(bool, default=True)
    """Write an RSS 2.0 and an Atom feed of stories per locale."""
    templates_dir = c.Optional(c.Type(str))
    """Folder with overrides of Tidings' templates (story_header.html, listing.html)."""
    cards = c.Type(bool, default=True)
    """Draw a 1200x630 share card per story and locale (og:image when a story has no image)."""
    card_template = c.Optional(c.Type(str))
    """A TOML file changing the card design (see tidings/templates/card.toml)."""
    cards_cache = c.Optional(c.Type(str))
    """Where drawn cards are kept between builds (default: ~/.cache/tidings/cards)."""


class StoriesPlugin(BasePlugin[StoriesConfig]):
    """Turn source stories plus PO files into one page per published locale."""

    def __init__(self) -> None:
        self.cache = EditionCache()
        self.plan: Plan | None = None
        self.project: Project | None = None
        self.urls: Urls | None = None
        self.pages = VirtualPages()
        self.markdown: dict[tuple[str, str], str] = {}
        self.bytecode = MemoryBytecodeCache()
        self.shard: list[str] = []
        self.preview: set[str] = set()
        self.images: dict[str, Image | None] = {}
        self.names: dict[str, str] = {}
        self.root_404: bytes | None = None
        self.renderer = Renderer()
        self.card_template: CardTemplate | None = None

    # Defining on_startup keeps one plugin instance (and its caches) across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Compile the theme's templates once per build, not once per language pass."""
        env.bytecode_cache = self.bytecode
        return env

    # --- which language pass is this? -------------------------------------------------------

    def _i18n(self, config: MkDocsConfig) -> Any:
        return config.plugins.get("i18n")

    def pass_locale(self, config: MkDocsConfig) -> str:
        i18n = self._i18n(config)
        assert self.project is not None
        current = getattr(i18n, "current_language", None) if i18n else None
        return str(current or self.project.source_locale)

    def inner_pass(self, config: MkDocsConfig) -> bool:
        i18n = self._i18n(config)
        return bool(i18n and getattr(i18n, "building", False))

    # --- hooks ------------------------------------------------------------------------------

    @event_priority(0)
    def _prepare(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.inner_pass(config) and self.plan is not None:
            return config  # another language pass of the same build: everything is computed
        project = self._project(config)
        self.project = project
        self._restrict_languages(config, project)
        self.urls = Urls(config.site_url or "", project.source_locale, config.use_directory_urls)
        self.names = {lang.locale: lang.name for lang in project.languages}
        editions, problems = self.cache.editions(project, [lang.locale for lang in project.languages])
        _log(problems)
        self.preview = {slug.strip() for slug in os.environ.get(PREVIEW, "").split(",") if slug.strip()}
        if self.preview:
            if self.preview - set(editions):
                raise PluginError(f"{PREVIEW}: no story {', '.join(sorted(self.preview - set(editions)))}")
            # A writer's preview: only these stories, so that a save shows in a second.
            editions = {slug: by_locale for slug, by_locale in editions.items() if slug in self.preview}
            log.info(f"previewing only {', '.join(sorted(self.preview))} ({PREVIEW})")
        self.plan = plan_site(
            editions,
            [lang.locale for lang in project.languages],
            project.source_locale,
            self.config.stories_dir,
            self.config.per_page,
            self.config.home,
        )
        self.images = {
            slug: image_of(project.docs_dir, by_locale[project.source_locale].story.image,
                           by_locale[project.source_locale].story.image_alt, self.urls)
            for slug, by_locale in editions.items()
        }
        self.renderer = Renderer([Path(config.config_file_path).parent / self.config.templates_dir] if self.config.templates_dir else [])
        self.card_template = None
        if self.config.cards and self.config.card_template:
            try:
                self.card_template = load_template(Path(config.config_file_path).parent / self.config.card_template)
            except TidingsError as exc:
                raise PluginError(str(exc)) from None
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.append(str(THEME))
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        return config

    def _restrict_languages(self, config: MkDocsConfig, project: Project) -> None:
        """Build only the locales named in TIDINGS_BUILD_ONLY (a shard, or a writer's preview).

        Pages, links, hreflang, the sitemap and feeds still cover every language of the site;
        only the HTML of the other languages is not rendered.
        """
        only = {code.strip() for code in os.environ.get(BUILD_ONLY, "").split(",") if code.strip()}
        self.shard = []
        i18n = self._i18n(config)
        if not only or i18n is None:
            return
        known = {lang.locale for lang in project.languages}
        if only - known:
            raise PluginError(f"{BUILD_ONLY}: unknown locale(s) {', '.join(sorted(only - known))} (known: {', '.join(sorted(known))})")
        for lang in i18n.config.languages:
            lang.build = lang.locale in only or lang.locale == project.source_locale
        self.shard = [lang.locale for lang in project.languages if lang.locale in only or lang.default]
        log.info(f"building only {', '.join(sorted(only | {project.source_locale}))} ({BUILD_ONLY})")

    def _project(self, config: MkDocsConfig) -> Project:
        i18n = self._i18n(config)
        languages: tuple[Language, ...]
        if i18n is not None:
            languages = tuple(
                Language(locale=str(lang.locale), name=str(lang.name or lang.locale), default=bool(lang.default))
                for lang in i18n.config.languages
                if lang.locale != "null" and lang.build
            )
        else:
            languages = (Language(locale=str(config.theme.get("language") or "en"), name="", default=True),)
        if not languages:
            raise PluginError("tidings/stories: no language to build; check the i18n plugin's `languages`")
        if config.theme.name == "material":
            for lang in languages:
                # Material would crash later with TemplateNotFound; say what to do instead.
                partial = f"partials/languages/{lang.locale}.html"
                if not any((Path(d) / partial).is_file() for d in config.theme.dirs):
                    raise PluginError(
                        f"{config.config_file_path}: Material has no interface translation for locale "
                        f"'{lang.locale}' ({partial}); use a locale Material knows (e.g. 'zh-Hant', 'pt-BR') "
                        f"or add {partial} to your theme's custom_dir"
                    )
        root = Path(config.config_file_path).parent
        return Project(
            root=root,
            config_file=Path(config.config_file_path),
            docs_dir=Path(config.docs_dir),
            stories_dir=Path(config.docs_dir) / self.config.stories_dir,
            translations_dir=root / self.config.translations_dir,
            languages=languages,
            min_translated=float(self.config.min_translated),
            site_url=config.site_url or "",
            markdown=MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
        )

    @event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files of this language
    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.plan is not None and self.project is not None
        source = self.project.source_locale
        self._refuse_links_out(files, config)
        if self.preview:
            prefix = f"{self.config.stories_dir}/"
            for file in list(files.documentation_pages()):
                stem = file.src_uri[len(prefix) : -3].split(".")[0]
                if file.src_uri.startswith(prefix) and stem not in self.preview:
                    files.remove(file)
        if not self.inner_pass(config):
            self._register_documents(files)
            self.markdown = {}
        # Only this pass's language and the source (for fallback copies): i18n handles every
        # file it is given in every pass, and we replace what it would derive from the others
        # (switcher links, hreflang, sitemap) from the plan.
        wanted = {source, self.pass_locale(config)}
        self.pages.clear()
        for slug, by_locale in self.plan.editions.items():
            uri = self.plan.story_uris[slug]
            for locale, edition in by_locale.items():
                if locale == source:
                    self.pages.replace(uri, self._markdown_of(edition))
                elif locale in wanted and edition.published:
                    self.pages.add(files, config, suffixed(uri, locale, source), self._markdown_of(edition))
        for uri, listings in self.plan.listings.items():
            for locale, listing in listings.items():
                if locale in wanted:
                    self.pages.add(files, config, suffixed(uri, locale, source), self._listing_markdown(listing))
        return files

    def _refuse_links_out(self, files: Files, config: MkDocsConfig) -> None:
        """Publish nothing that a symbolic link brings in from outside docs_dir."""
        assert self.project is not None
        docs = os.path.abspath(config.docs_dir)
        for file in list(files):
            if file.generated_by or not file.abs_src_path or not file.src_dir or os.path.abspath(file.src_dir) != docs:
                continue  # theme files, generated pages
            if leaves(Path(file.abs_src_path), self.project.docs_dir):
                files.remove(file)
                if not self.inner_pass(config):
                    shown = self.project.relative(Path(config.docs_dir) / file.src_uri)
                    log.error(f"{shown}: refused: a symbolic link to a file outside {Path(config.docs_dir).name}/; it is not published")

    def _markdown_of(self, edition: Edition) -> str:
        """A page's Markdown, made once per build although every language pass asks for it."""
        key = (edition.story.slug, edition.locale)
        if key not in self.markdown:
            self.markdown[key] = _story_markdown(edition)
        return self.markdown[key]

    def _register_documents(self, files: Files) -> None:
        """Record in which locales each hand-written page really exists (for hreflang)."""
        assert self.plan is not None and self.project is not None
        locales = set(self.plan.locales)
        found: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            stem, _, suffix = file.src_uri[:-3].rpartition(".")
            if stem and suffix in locales:
                found.setdefault(stem + ".md", []).append(suffix)
            else:
                found.setdefault(file.src_uri, []).append(self.project.source_locale)
        stories = set(self.plan.story_uris.values())
        documents = {
            uri: tuple(loc for loc in self.plan.locales if loc in present)
            for uri, present in found.items()
            if uri not in stories and uri not in self.plan.listings
        }
        self.plan = dataclasses.replace(self.plan, documents=documents)

    @event_priority(-110)  # after mkdocs-static-i18n replaced the File objects with its own
    def _attach_markdown(self, files: Files, config: MkDocsConfig) -> Files:
        self.pages.attach(files)
        return files

    on_files = CombinedEvent(_add_files, _attach_markdown)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.plan is not None and self.urls is not None and self.project is not None
        key = page_key(page)
        locale = self.pass_locale(config)
        slug = self.plan.slug_of(key)
        if slug is not None:
            editions = self.plan.editions[slug]
            edition = editions.get(locale) if locale in self.plan.published(slug) else None
            edition = edition or editions[self.project.source_locale]
            header = story_header(self.renderer, self.plan, self.urls, edition, locale, self._image(slug, edition), self.names)
            if edition.locale != locale:  # a fallback copy: the text is in the source language
                return f'{header}\n<div lang="{edition.locale}" dir="{direction(edition.locale)}">\n{html}\n</div>'
            return header + "\n" + html
        listing = self._listing(key, locale)
        if listing is not None:
            return listing_page(self.renderer, self.plan, self.urls, listing, self.images, self._heading(listing), self._feeds(listing.locale))
        return html

    @event_priority(0)  # after mkdocs-static-i18n pointed the switcher at its (fallback) files
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self._i18n(config) is not None:
            setattr(config.extra, "alternate", self._alternates(page_key(page)))  # noqa: B010 (as i18n does)
        return context

    @event_priority(-110)  # after mkdocs-static-i18n set up the switcher for this pass
    def _switcher(self, config: MkDocsConfig) -> MkDocsConfig:
        """The language switcher of pages without a page context (404) lists every language."""
        if self._i18n(config) is not None and self.plan is not None:
            setattr(config.extra, "alternate", self._alternates(None))  # noqa: B010
        return config

    def _alternates(self, key: str | None) -> list[dict[str, str]]:
        """Material's switcher entries: every language of the site, whichever this pass builds.

        A language the page is really translated into links to that translation; any other
        to that language's home page, never to a fallback copy as if it were a translation.
        """
        assert self.plan is not None and self.urls is not None
        real = self.plan.real_locales(key) if key else ()
        return [
            {"name": self.names.get(lang, lang), "link": self.urls.href(key if key and lang in real else "index.md", lang), "lang": lang}
            for lang in self.plan.locales
        ]

    on_config = CombinedEvent(_prepare, _switcher)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        assert self.plan is not None and self.urls is not None and self.project is not None
        key = page_key(page)
        locale = self.pass_locale(config)
        slug = self.plan.slug_of(key)
        edition = None
        title = page.meta.get("tidings_title") or page.title or config.site_name
        description = config.site_description or config.site_name
        image = None
        if slug is not None:
            editions = self.plan.editions[slug]
            edition = editions[locale] if locale in self.plan.published(slug) else editions[self.project.source_locale]
            title, description = edition.title, edition.summary
            image = self._image(slug, edition)
        elif (listing := self._listing(key, locale)) is not None:
            title = self._heading(listing)
        head = page_head(
            self.plan, self.urls, key, locale, title=str(title), description=description,
            site_name=config.site_name, edition=edition, image=image, feeds=self._feeds(locale),
            noindex=bool(page.meta.get("tidings_noindex")),
        )
        return name_search_dialog(replace_head(output, head), locale)

    @event_priority(0)  # before mkdocs-static-i18n builds the other languages
    def _keep_root_404(self, config: MkDocsConfig) -> None:
        if not self.inner_pass(config):
            page = Path(config.site_dir) / "404.html"
            self.root_404 = page.read_bytes() if page.exists() else None

    @event_priority(-200)  # after mkdocs-static-i18n built every language
    def _finish(self, config: MkDocsConfig) -> None:
        assert self.plan is not None and self.urls is not None and self.project is not None
        site = Path(config.site_dir)
        locale = self.pass_locale(config)
        if self.inner_pass(config):
            if (site / "404.html").exists() and locale != self.project.source_locale:
                (site / locale).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site / "404.html", site / locale / "404.html")
            return
        if self.root_404 is not None:
            (site / "404.html").write_bytes(self.root_404)
        if self.shard:
            (site / MARKER).write_text(marker(self.plan.locales, self.plan.source_locale, self.shard), encoding="utf-8")
        uris = set(self.plan.documents) | set(self.plan.listings) | set(self.plan.story_uris.values())
        data = sitemap_xml(self.plan, self.urls, uris)
        (site / "sitemap.xml").write_bytes(data)
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
        if self.config.cards:
            cache = Path(self.config.cards_cache) if self.config.cards_cache else default_cache()
            try:
                drawn = write_cards(card_jobs(self.plan), site, config.site_name, cache, self.card_template)
            except TidingsError as exc:
                raise PluginError(f"share cards: {exc} (or set `cards: false` under tidings/stories)") from None
            log.info(f"share cards: {drawn} drawn, the rest from {cache}")
        if self.config.feeds:
            for loc in self.plan.locales:
                feeds = reader_feeds(self.plan, self.urls, loc, config.site_name, config.site_description or "")
                for kind, content in feeds.items():
                    path = site / feed_path(loc, self.project.source_locale, kind)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)

    on_post_build = CombinedEvent(_keep_root_404, _finish)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        translations = Path(config.config_file_path).parent / self.config.translations_dir
        if translations.is_dir():
            server.watch(str(translations))
        if self.config.templates_dir:
            server.watch(str(Path(config.config_file_path).parent / self.config.templates_dir))
        return server

    # --- small helpers ----------------------------------------------------------------------

    def share_image(self, slug: str, locale: str) -> str | None:
        """Absolute URL of the image to share a story with in `locale`: its own, else its card."""
        assert self.urls is not None and self.plan is not None
        edition = self.plan.editions[slug].get(locale) or self.plan.editions[slug][self.plan.source_locale]
        image = self._image(slug, edition)
        if image is None:
            return None
        return self.urls.site_url.rstrip("/") + image.url if image.url.startswith("/") else image.url

    def card_href(self, slug: str, locale: str) -> str | None:
        """Root-relative link to a story's share card in a locale, when cards are drawn."""
        assert self.urls is not None and self.plan is not None
        if not self.config.cards or locale not in self.plan.published(slug):
            return None
        return self.urls.href_asset(card_path(slug, locale))

    def _image(self, slug: str, edition: Edition) -> Image | None:
        image = self.images.get(slug)
        if image is not None:
            return dataclasses.replace(image, alt=edition.image_alt or image.alt)
        card = self.card_href(slug, edition.locale)
        return Image(card, edition.title, 1200, 630, "image/png") if card else None

    def _listing(self, key: str, locale: str) -> Listing | None:
        assert self.plan is not None and self.project is not None
        by_locale = self.plan.listings.get(key)
        if not by_locale:
            return None
        return by_locale.get(locale) or by_locale.get(self.project.source_locale)

    def _heading(self, listing: Listing) -> str:
        _ = ui_translations(listing.locale).gettext
        if listing.kind == "home":
            return _("Latest stories")
        if listing.kind == "tag":
            names = [n for e in listing.editions for t, n in e.tags if t == listing.title_key]
            return _("Stories tagged “%(tag)s”") % {"tag": names[0] if names else listing.title_key}
        if listing.title_key:
            return _("Stories from %(year)s") % {"year": listing.title_key}
        return _("Archive")

    def _listing_markdown(self, listing: Listing) -> str:
        return front_matter({"title": self._heading(listing)})

    def _feeds(self, locale: str) -> dict[str, str]:
        assert self.urls is not None and self.project is not None
        if not self.config.feeds:
            return {}
        return {kind: self.urls.asset(feed_path(locale, self.project.source_locale, kind)) for kind in ("rss", "atom")}


def _story_markdown(edition: Edition) -> str:
    return front_matter({"title": edition.title, "description": edition.summary}) + edition.body

def _log(problems: list[Problem]) -> None:
    # Warnings, not errors: `mkdocs serve` keeps running while a writer fixes a story, and
    # `mkdocs build --strict` still fails on them.
    for problem in dict.fromkeys(problems):
        log.warning(str(problem))
