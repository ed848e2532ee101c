"""Incremental builds: a story or listing page whose inputs did not change since a build that
made it is not rendered again; its HTML (and its search entries) come from the disk cache.

Within MkDocs' public hooks: after mkdocs-static-i18n sorted a pass's files, a page found in
the cache gets `File.inclusion = EXCLUDED`, so MkDocs neither renders nor writes it but still
resolves links to it; after the pass its cached bytes are written where MkDocs would have
written them. What a rendered page became is kept from `on_post_page` (the last plugin to
change it: this hook runs last), and only from a pass that logged no warning: a page whose
build warns is rendered (and warns) every time. Keys: `tidings.site.fingerprints`.

What MkDocs' hooks do not allow, and what it costs: a page cannot be left out of a pass
without becoming an "excluded" file, so MkDocs' own check of `#anchor` links *into* a cached
page is skipped (Tidings checks the anchors between stories itself at the start of every
build, `editions.anchors.story_links`, whenever headings have ids); and the search plugin's
index is written from the pages it saw, so the entries of cached pages are put back into it
after the build (`restore_search`), in the order the pages would have been built.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.pages import Page

from tidings.diskcache import DiskCache, digest
from tidings.editions.cache import EditionCache
from tidings.project import Project
from tidings.site.fingerprints import page_fingerprint, publication_key, site_inputs
from tidings.site.publication import Publication

log = get_plugin_logger("tidings.mkdocs_plugins.stories")

SEARCH_INDEX = Path("search") / "search_index.json"
SEARCH_PLUGINS = frozenset({"search", "material/search"})
#: The plugins known to gather nothing from pages that incremental builds would lose (the
#: search index is put back together: `PageCache.restore_search`); with any other plugin in
#: mkdocs.yml every page is rendered.
SAFE_PLUGINS = SEARCH_PLUGINS | {"tidings/stories", "tidings/snippets", "i18n"}


def nav_pages(nav: object) -> set[str]:
    """The pages mkdocs.yml's `nav` names (`index.md`, `{About: about.md}`, sections)."""
    if isinstance(nav, str):
        return {nav} if not nav.startswith(("http://", "https://", "/")) else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(v) for v in nav))
    return set()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class PassPages:
    """One language pass: its pages in build order, which came from the cache, which were made."""

    locale: str
    warnings_before: int
    order: list[tuple[str, str | None]] = field(default_factory=list)  # (page url, key)
    cached: dict[str, str] = field(default_factory=dict)  # key -> dest path
    made: dict[str, bytes] = field(default_factory=dict)  # key -> HTML, until the pass ends
    kept: set[str] = field(default_factory=set)  # the keys of the pages made and kept
    keys: dict[str, str] = field(default_factory=dict)  # dest path -> key
    warned: bool = False


class PageCache:
    """The pages of a build that come from, or go into, the disk cache."""

    def __init__(
        self,
        disk: DiskCache,
        search: bool,
        in_nav: set[str],
        key_of: Callable[[File, str], str | None],
    ) -> None:
        self.disk = disk
        self.key_of = key_of
        """A page's key (`site.fingerprints`) in a pass's locale; None: always rendered."""
        self.search = search
        """The site has a search index: a page is cached with its search entries."""
        self.in_nav = in_nav
        """Pages of the navigation are always built: every page shows their titles."""
        self.passes: dict[str, PassPages] = {}
        self._warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self._warnings)

    @property
    def enabled(self) -> bool:
        return self.disk.enabled

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self._warnings)

    def sort(self, locale: str, files: Files) -> None:
        """Leave out of this pass every page the cache has (after i18n sorted the files)."""
        current = self.passes[locale] = PassPages(locale, self._warnings.count)
        for file in files.documentation_pages():
            uri = str(getattr(file, "norm_src_uri", None) or file.src_uri)
            key = self.key_of(file, locale) if self.enabled and uri not in self.in_nav else None
            current.order.append(("" if file.url in (".", "./") else file.url, key))  # Page.url
            if key is None:
                continue
            current.keys[file.dest_uri] = key
            if self._has("pages", key) and (not self.search or self._has("search", key)):
                file.inclusion = InclusionLevel.EXCLUDED
                current.cached[key] = file.dest_uri

    def _has(self, kind: str, key: str) -> bool:
        path = self.disk.path(kind, key)
        return path is not None and path.is_file()

    def keep(self, locale: str, page: Page, output: str) -> None:
        """What a rendered page became, as MkDocs writes it."""
        current = self.passes.get(locale)
        key = current.keys.get(page.file.dest_uri) if current else None
        if current is not None and key is not None and output.strip():
            current.made[key] = output.encode("utf-8", errors="xmlcharrefreplace")

    def finish_pass(self, locale: str, config: MkDocsConfig) -> int:
        """Write this pass's cached pages into the site and keep the pages it made (when the
        pass logged no warning); return how many came from the cache."""
        site_dir = Path(config.site_dir)
        current = self.passes.get(locale)
        if current is None:
            return 0
        for key, dest in current.cached.items():
            kept = self.disk.path("pages", key)
            assert kept is not None
            target = site_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            # A copy (by the kernel), not a link: `mkdocs build --dirty` writes pages in place.
            try:
                shutil.copyfile(kept, target)
            except OSError as exc:  # the cache was emptied while this build ran
                raise PluginError(
                    f"cannot copy a page from the build cache ({exc.strerror}: {kept}); build again"
                ) from None
        current.warned = self._warnings.count > current.warnings_before
        if not current.warned:  # nothing of a pass that warned is kept
            for key, data in current.made.items():
                self.disk.write("pages", key, data)  # used once its search entries are kept too
            current.kept = set(current.made)
        current.made.clear()
        if current.cached:
            log.info(
                f"{locale}: {len(current.cached)} pages unchanged since an earlier build, from the cache"
            )
        return len(current.cached)

    def finish_build(self, site_dir: Path) -> None:
        """After the last pass: the search index made whole, and this cache's warning counter
        taken off MkDocs' logger."""
        try:
            self.restore_search(site_dir)
        finally:
            self.close()

    def restore_search(self, site_dir: Path) -> None:
        """Put the search entries of cached pages back into the search plugin's index (in the
        order of a full build), and keep the pages made in this build with their entries."""
        if not self.search or not self.enabled:
            return
        path = site_dir / SEARCH_INDEX
        index = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        if index is None:
            return  # no index after all: nothing is kept
        by_url: dict[str, list[Any]] = {}
        for doc in index.get("docs", []):
            by_url.setdefault(str(doc.get("location", "")).split("#")[0], []).append(doc)
        docs: list[Any] = []
        placed: set[str] = set()
        for build_pass in self.passes.values():
            for url, key in build_pass.order:
                if key is not None and key in build_pass.cached:
                    kept = self.disk.read("search", key)
                    docs += json.loads(kept) if kept else []
                    continue
                found = by_url.get(url, [])
                docs += found
                placed.add(url)
                if key is not None and key in build_pass.kept:
                    self.disk.write("search", key, json.dumps(found, ensure_ascii=False).encode())
        docs += [d for url, found in by_url.items() if url not in placed for d in found]
        if any(build_pass.cached for build_pass in self.passes.values()):
            index["docs"] = docs
            path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def leave_out(
    files: Files,
    config: MkDocsConfig,
    cache: PageCache | None,
    locale: str,
    source: str,
    base: bool,
) -> None:
    """Leave the pages this pass need not render out of it (after i18n sorted its files):
    those the cache has, and every source page in a shard that is not the merge's base."""
    if cache is None and base:
        return
    set_exclusions(files, config)  # what MkDocs would decide after the on_files hooks
    if not base and locale == source:
        for file in files.documentation_pages():  # the merge takes them from the base shard
            file.inclusion = InclusionLevel.EXCLUDED
    elif cache is not None:
        cache.sort(locale, files)


def start_page_cache(
    config: MkDocsConfig,
    cache: EditionCache,
    project: Project,
    publication: Publication,
    *,
    theme: Path,
    templates_dir: str | None,
    command: str | None,
    markdown_of: Callable[[File], str | None],
) -> PageCache | None:
    """The page cache of a build, when the site allows one (see SAFE_PLUGINS)."""
    if not cache.disk.enabled:
        return None
    if config.nav is None:
        return None  # every page is in the navigation, and each page shows every title of it
    others = sorted(set(config.plugins) - SAFE_PLUGINS)
    if others:  # a plugin that gathers something from every page it sees would miss some
        log.info(f"every page is rendered: incremental builds know no plugin {', '.join(others)}")
        return None
    site = site_inputs(
        cache.disk,
        project,
        config_text=Path(config.config_file_path).read_bytes(),
        theme_dirs=[Path(d) for d in config.theme.dirs if Path(d) != theme],
        templates_dir=Path(templates_dir) if templates_dir else None,
        setting=repr((command, config.site_url, config.use_directory_urls)),
    )
    whole = publication_key(publication.plan)

    def key_of(file: File, locale: str) -> str | None:
        markdown = markdown_of(file)
        if markdown is None:
            return None
        uri = str(getattr(file, "norm_src_uri", None) or file.src_uri)
        own = page_fingerprint(
            publication.plan,
            site,
            whole,
            cache.story_keys,
            publication.images,
            uri,
            locale,
            markdown,
        )
        return digest(own, file.dest_uri) if own is not None else None

    return PageCache(
        cache.disk,
        search=bool(SEARCH_PLUGINS & set(config.plugins)),
        in_nav=nav_pages(config.nav),
        key_of=key_of,
    )
