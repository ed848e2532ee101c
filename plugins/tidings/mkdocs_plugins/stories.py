"""The `tidings/stories` MkDocs plugin: story pages per locale from catalogs, story lists,
head metadata, sitemap and reader feeds, on top of mkdocs-static-i18n (suffix structure).

The work is the core's (`tidings.site.publication.Publication`); the hooks hand it MkDocs'
pages and write what it returns. How mkdocs-static-i18n 1.3 is worked with (see
ARCHITECTURE.md): it re-runs the whole build per language; we add plain `File` entries for
`<slug>.<locale>.md` before it sorts files per language (priority 50 > -100) and attach their
Markdown after it (priority -110), because it replaces every File object with its own copy.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tidings.catalogs.interface import read_interface
from tidings.diskcache import DiskCache, cache_root, code_version
from tidings.editions.anchors import story_links
from tidings.editions.cache import EditionCache
from tidings.editions.edition import Edition
from tidings.locales import direction
from tidings.mkdocs_plugins.cards import card_cache_of, place_cards
from tidings.mkdocs_plugins.config import StoriesConfig
from tidings.mkdocs_plugins.incremental import PageCache, leave_out, start_page_cache
from tidings.mkdocs_plugins.languages import base_shard, project_of, restrict_languages
from tidings.mkdocs_plugins.link_warnings import log_problems, say_link_warnings_once
from tidings.mkdocs_plugins.localize import (
    localize_config,
    localize_nav,
    localize_page,
    localize_site,
    ui_problems,
)
from tidings.mkdocs_plugins.publishing import publication_of
from tidings.mkdocs_plugins.support import (
    MemoryBytecodeCache,
    front_matter,
    i18n_of,
    page_key,
    pass_locale,
)
from tidings.mkdocs_plugins.virtual import (
    VirtualPages,
    only_previewed,
    page_markdown,
    refuse_links_out,
    suffixed,
)
from tidings.project import Project
from tidings.site.head import replace_head
from tidings.site.plan import documents_of
from tidings.site.publication import Publication
from tidings.site.shards import MARKER, PREVIEW, marker
from tidings.story.library import story_file_problems

log = get_plugin_logger(__name__)
THEME = Path(__file__).resolve().parents[1] / "theme"
CSS = "assets/tidings.css"


class StoriesPlugin(BasePlugin[StoriesConfig]):
    """Turn source stories plus PO files into one page per published locale."""

    def __init__(self) -> None:
        self.cache = EditionCache()
        self.publication: Publication | None = None
        self.project: Project | None = None
        self.pages = VirtualPages()
        self.markdown: dict[tuple[str, str], str] = {}
        self.bytecode = MemoryBytecodeCache()
        self.shard: list[str] = []
        self.base = True  # this build renders the source's pages (not: a shard of others)
        self.preview: set[str] = set()
        self.root_404: bytes | None = None
        self.page_editions: dict[str, dict[str, Edition]] = {}
        self.ui_problems: dict[str, list[str]] = {}
        self.page_cache: PageCache | None = None

    # Defining on_startup keeps one plugin instance (and its caches) across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Compile the theme's templates once per build, not once per language pass."""
        env.bytecode_cache = self.bytecode
        if self.publication is not None:  # our theme templates' strings (404.html)
            locale = pass_locale(config, self.publication.source_locale)
            env.globals["tidings_text"] = self.publication.renderer.gettext(locale)
        return env

    def inner_pass(self, config: MkDocsConfig) -> bool:
        """Another language pass of the same build (mkdocs-static-i18n re-runs the build)."""
        i18n = i18n_of(config)
        return bool(i18n and getattr(i18n, "building", False))

    # --- hooks ------------------------------------------------------------------------------

    @event_priority(0)
    def _prepare(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.inner_pass(config) and self.publication is not None:
            return config  # another language pass of the same build: everything is computed
        project = project_of(config, self.config)
        self.project = project
        root = cache_root(self.config.cache_dir, project.root)
        if self.cache.disk.root != (root / code_version() if root else None):
            self.cache.disk = DiskCache(root)
        self.shard = restrict_languages(config, project)
        self.base = base_shard()
        locales = [lang.locale for lang in project.languages]
        editions, problems = self.cache.editions(project, locales)
        self.page_editions, page_problems = self.cache.pages(project, locales)
        site_texts, site_problems = self.cache.site(project, locales)
        problems += page_problems + site_problems
        interface, interface_problems = read_interface(project)
        problems += interface_problems
        self.ui_problems = ui_problems(project, interface)
        stories = [by_locale[project.source_locale].story for by_locale in editions.values()]
        for story in stories:  # an image that is missing would ship broken
            problems += story_file_problems(project, story)
        problems += story_links(project, stories)
        self.cache.disk.save_index()
        log_problems(problems)
        self.preview = {
            slug.strip() for slug in os.environ.get(PREVIEW, "").split(",") if slug.strip()
        }
        left_out: set[str] = set()
        if self.preview:
            if self.preview - set(editions):
                raise PluginError(
                    f"{PREVIEW}: no story {', '.join(sorted(self.preview - set(editions)))}"
                )
            # A writer's preview: only these stories, so that a save shows in a second.
            left_out = {project.story_uri(slug) for slug in set(editions) - self.preview}
            editions = {
                slug: by_locale for slug, by_locale in editions.items() if slug in self.preview
            }
            log.info(f"previewing only {', '.join(sorted(self.preview))} ({PREVIEW})")
        say_link_warnings_once(problems, left_out)
        self.publication = publication_of(
            config,
            self.config,
            project,
            editions,
            interface,
            site_texts,
            getattr(self, "command", None),
        )
        if self.page_cache is not None:
            self.page_cache.close()
        self.page_cache = (
            start_page_cache(  # pages of earlier builds, when nothing they show changed
                config,
                self.cache,
                project,
                self.publication,
                theme=THEME,
                templates_dir=self.config.templates_dir,
                command=getattr(self, "command", None),
                markdown_of=lambda file: (
                    None if self.preview else self.pages.markdown.get(file.src_uri)
                ),
            )
        )
        if str(THEME) not in config.theme.dirs:
            # Above the theme's own templates (our 404 and toc partial), below a custom_dir.
            theme_dir = next(
                (i for i, d in enumerate(config.theme.dirs) if Path(d).name == "templates"),
                len(config.theme.dirs),
            )
            config.theme.dirs.insert(theme_dir, str(THEME))
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        return config

    @event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files of this language
    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.publication is not None and self.project is not None
        plan = self.publication.plan
        source = self.project.source_locale
        refuse_links_out(files, config, self.project, report=not self.inner_pass(config))
        only_previewed(files, f"{self.config.stories_dir}/", self.preview)
        if not self.inner_pass(config):
            plan = self.publication.plan = documents_of(
                plan, [file.src_uri for file in files.documentation_pages()], self.page_editions
            )
        # A language's Markdown is made in its pass and kept for the source's (memory).
        inner = self.inner_pass(config)
        self.markdown = {k: v for k, v in self.markdown.items() if inner and k[1] == source}
        # Only this pass's language and the source (for fallback copies): i18n handles every
        # file it is given in every pass, and we replace what it would derive from the others
        # (switcher links, hreflang, sitemap) from the plan.
        wanted = {source, pass_locale(config, source)}
        self.pages.clear()
        for slug, by_locale in plan.editions.items():
            uri = plan.story_uris[slug]
            for locale, edition in by_locale.items():
                if locale == source:
                    self.pages.replace(uri, self._markdown_of(edition))
                elif locale in wanted and edition.published:
                    self.pages.add(
                        files, config, suffixed(uri, locale, source), self._markdown_of(edition)
                    )
        self._add_pages(files, config, wanted)
        return files

    def _add_pages(self, files: Files, config: MkDocsConfig, wanted: set[str]) -> None:
        """Pages of content/ translated through catalogs, and the listing pages."""
        assert self.publication is not None
        plan, source = self.publication.plan, self.publication.source_locale
        for uri, by_locale in plan.pages.items():
            if uri in plan.listings:
                continue  # a home intro: part of the listing below
            for locale, edition in by_locale.items():
                if locale == source:
                    self.pages.replace(uri, page_markdown(edition))
                elif locale in wanted and edition.published:
                    self.pages.add(
                        files, config, suffixed(uri, locale, source), page_markdown(edition)
                    )
        for uri in plan.listings:
            for locale in sorted(wanted):
                # Every list in every language: the source's stories where none is translated.
                listing = plan.listing_for(locale, uri)
                assert listing is not None
                markdown = front_matter({"title": self.publication.heading(listing)})
                intro = self.publication.intro(uri, locale)
                if intro is not None:
                    markdown += intro.body
                if locale == source and files.get_file_from_path(uri) is not None:
                    self.pages.replace(uri, markdown)
                else:
                    self.pages.add(files, config, suffixed(uri, locale, source), markdown)

    def _markdown_of(self, edition: Edition) -> str:
        """A page's Markdown, made once per build although every language pass asks for it."""
        key = (edition.story.slug, edition.locale)
        if key not in self.markdown:
            self.markdown[key] = (
                front_matter({"title": edition.title, "description": edition.summary})
                + edition.body
            )
        return self.markdown[key]

    @event_priority(-110)  # after mkdocs-static-i18n replaced the File objects with its own
    def _attach_markdown(self, files: Files, config: MkDocsConfig) -> Files:
        self.pages.attach(files)
        assert self.publication is not None
        source = self.publication.source_locale
        leave_out(files, config, self.page_cache, pass_locale(config, source), source, self.base)
        return files

    on_files = CombinedEvent(_add_files, _attach_markdown)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.publication is not None
        locale = pass_locale(config, self.publication.source_locale)
        shown = self.publication.content_locale(page_key(page), locale)
        if shown:  # the table of contents lists the headings of that text (partials/toc.html)
            page.meta["tidings_lang"], page.meta["tidings_dir"] = shown, direction(shown)
        return self.publication.page_html(page_key(page), locale, html)

    @event_priority(0)  # after mkdocs-static-i18n pointed the switcher at its (fallback) files
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if i18n_of(config) is not None and self.publication is not None:
            setattr(config.extra, "alternate", self.publication.switcher(page_key(page)))  # noqa: B010 (as i18n does)
        return context

    @event_priority(-110)  # after mkdocs-static-i18n set up the switcher for this pass
    def _switcher(self, config: MkDocsConfig) -> MkDocsConfig:
        """This pass's language: the site's texts and Python-Markdown's strings translated,
        and the switcher of pages without a page context (404) listing every language."""
        if self.publication is None or self.project is None:
            return config
        locale = pass_locale(config, self.publication.source_locale)
        if i18n_of(config) is not None:
            setattr(config.extra, "alternate", self.publication.switcher(None))  # noqa: B010
        localize_config(config, self.publication, locale)
        for message in self.ui_problems.get(locale, ()):
            log.warning(message)
        return config

    @event_priority(-110)  # after mkdocs-static-i18n applied its nav_translations
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Nav titles in this pass's language: mkdocs.yml's from the site catalog, a page's
        from its catalog even while the page itself is not published yet."""
        if self.publication is None:
            return nav
        return localize_nav(
            nav, self.publication, pass_locale(config, self.publication.source_locale)
        )

    on_config = CombinedEvent(_prepare, _switcher)

    def _post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        assert self.publication is not None
        locale = pass_locale(config, self.publication.source_locale)
        site_name = self.publication.site_text(locale, "site_name", config.site_name)
        head = self.publication.head(
            page_key(page),
            locale,
            title=str(page.meta.get("tidings_title") or page.title or site_name),
            site_name=site_name,
            description=self.publication.site_text(
                locale, "site_description", config.site_description or ""
            )
            or site_name,
            noindex=bool(page.meta.get("tidings_noindex")),
        )
        return localize_page(replace_head(output, head), page, self.publication, locale)

    @event_priority(-1000)  # after every plugin: the page as MkDocs writes it
    def _keep_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.page_cache is not None and self.publication is not None:
            locale = pass_locale(config, self.publication.source_locale)
            self.page_cache.keep(locale, page, output)
        return output

    on_post_page = CombinedEvent(_post_page, _keep_page)

    @event_priority(0)  # before mkdocs-static-i18n builds the other languages
    def _keep_root_404(self, config: MkDocsConfig) -> None:
        if not self.inner_pass(config):
            page = Path(config.site_dir) / "404.html"
            self.root_404 = page.read_bytes() if page.exists() else None
            self._finish_pass(config)

    def _finish_pass(self, config: MkDocsConfig) -> None:
        if self.page_cache is not None and self.project is not None:
            self.page_cache.finish_pass(pass_locale(config, self.project.source_locale), config)

    @event_priority(-200)  # after mkdocs-static-i18n built every language
    def _finish(self, config: MkDocsConfig) -> None:
        assert self.publication is not None and self.project is not None
        site = Path(config.site_dir)
        source = self.project.source_locale
        if self.inner_pass(config):
            self._finish_pass(config)
            locale = pass_locale(config, source)
            if (site / "404.html").exists() and locale != source:
                (site / locale).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site / "404.html", site / locale / "404.html")
            return
        if self.root_404 is not None:
            (site / "404.html").write_bytes(self.root_404)
        if self.page_cache is not None:
            self.page_cache.finish_build(site)
        localize_site(site, self.publication)
        plan = self.publication.plan
        if self.shard:
            (site / MARKER).write_text(
                marker(plan.locales, plan.source_locale, self.shard, self.base), encoding="utf-8"
            )
        publication = self.publication
        for path, content in publication.outputs(
            config.site_name, config.site_description or ""
        ).items():
            if path == "robots.txt" and (site / path).exists():
                continue  # the site's own robots.txt (copied from docs_dir) wins
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(content)
        if self.config.cards:
            cards_cache = Path(self.config.cards_cache) if self.config.cards_cache else None
            place_cards(
                site,
                publication,
                config.site_name,
                cards_cache or card_cache_of(self.cache.disk),
                self.config.card_template,
                self.shard,
                self.base,
            )

    on_post_build = CombinedEvent(_keep_root_404, _finish)

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        translations = Path(config.config_file_path).parent / self.config.translations_dir
        if translations.is_dir():
            server.watch(str(translations))
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server
