"""All stories and their editions, cached by file identity (path, mtime, size) in memory and
by content on disk.

mkdocs-static-i18n re-runs the whole build once per language and `mkdocs serve` rebuilds on
every save; parsing, segmenting, reading catalogs and localizing are done once per change.
With a `DiskCache`, a story's parse is kept under the hash of its bytes and the project's
configuration, and its editions under that and the hashes of its catalogs: a build of a site
that did not change reads every story's editions back instead of making them again (the
shards of `tidings build --jobs N` and the next CI run alike).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from tidings.catalogs.entries import Entry, story_entries
from tidings.catalogs.published import published_mark
from tidings.catalogs.store import Translation, catalog_path, read_translations
from tidings.diskcache import DiskCache, digest
from tidings.editions.anchors import heading_ids, uses_ids
from tidings.editions.edition import Edition, source_edition, translated_edition
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.story.library import claim_slug, read_story, redirect_problems, story_files
from tidings.story.pages import page_files, read_page, site_texts
from tidings.story.schema import Story
from tidings.units.segment import Unit

FileKey = tuple[str, int, int, int, int]
T = TypeVar("T")


def file_key(path: Path) -> FileKey | None:
    """A file's identity: its path, time and size, and the inode of the name itself, so
    that a file swapped for a symbolic link (to a copy with the same time and size) is read
    again, and refused if it leads out of the project."""
    try:
        stat = path.stat()
        link = os.lstat(path)
    except OSError:
        return None
    # ctime of the name: a new link or file gets a new one, even where its inode is reused
    return (str(path), stat.st_mtime_ns, stat.st_size, link.st_ino, link.st_ctime_ns)


@dataclass
class EditionCache:
    """Reads stories and catalogs on demand and remembers what it has read."""

    stories: dict[FileKey, tuple[Story, list[Unit], list[Entry]] | TidingsError] = field(
        default_factory=dict
    )
    catalogs: dict[FileKey, Mapping[tuple[str | None, str], Translation] | TidingsError] = field(
        default_factory=dict
    )
    editions_cache: dict[tuple[FileKey, FileKey | None, str, float, str], Edition] = field(
        default_factory=dict
    )
    stats: Counter[str] = field(default_factory=Counter)
    disk: DiskCache = field(default_factory=lambda: DiskCache(None))
    packs: dict[str, dict[str, Edition]] = field(default_factory=dict)
    """A story's editions by the content key of the story and its catalogs."""
    content_keys: dict[FileKey, str] = field(default_factory=dict)
    story_keys: dict[str, str] = field(default_factory=dict)
    """Slug -> the key of its editions on disk, for the stories of the last `editions` call."""
    _last_pack: str | None = None

    def story(self, path: Path, project: Project) -> tuple[Story, list[Unit], list[Entry]]:
        key = file_key(path)
        assert key is not None

        def load() -> tuple[Story, list[Unit], list[Entry]]:
            content = self.content_key(path, key, project)
            kept = self.disk.load("stories", content) if content else None
            if isinstance(kept, tuple):
                self.stats["story from disk"] += 1
                return kept
            read = _entries_of(read_story(path, project))
            if content:
                self.disk.dump("stories", content, read)
            return read

        return _remembered(self.stories, key, load, self.stats, "story")

    def content_key(self, path: Path, key: FileKey, project: Project) -> str | None:
        """A story's key on disk: its bytes, its path and the project's configuration."""
        if not self.disk.enabled:
            return None
        if key not in self.content_keys:
            found = self.disk.file_digest(path)
            if found is None:
                return None
            self.content_keys[key] = digest(
                "story",
                os.path.abspath(path),
                os.path.realpath(path),  # a link that leads out of the project is refused
                found,
                project.settings_key,
                project.markdown.key,
            )
        return self.content_keys[key]

    def catalog(
        self, path: Path, key: FileKey, project: Project, locale: str
    ) -> Mapping[tuple[str | None, str], Translation]:
        return _remembered(
            self.catalogs,
            key,
            lambda: read_translations(path, project.relative(path), project.translations_dir),
            self.stats,
            "catalog",
        )

    def editions(
        self, project: Project, locales: Sequence[str]
    ) -> tuple[dict[str, dict[str, Edition]], list[Problem]]:
        """Return slug -> locale -> edition for every story, and the problems found."""
        problems: list[Problem] = []
        result: dict[str, dict[str, Edition]] = {}
        self.story_keys = {}
        seen: dict[str, str] = {}
        read: list[Story] = []
        for path in story_files(project):
            try:
                story, units, entries = self.story(path, project)
            except TidingsError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(story.warnings)
            if (taken := claim_slug(story, seen)) is not None:
                problems.append(taken)
                continue
            read.append(story)
            if story.draft:
                continue
            read_story_ = (story, units, entries)
            result[story.slug] = self.localize(
                project,
                path,
                read_story_,
                locales,
                problems,
                self.heading_ids(project, read_story_),
            )
            if self._last_pack is not None:
                self.story_keys[story.slug] = self._last_pack
        problems += redirect_problems(read, seen)  # an old slug is nobody's address now
        return result, problems

    def localize(
        self,
        project: Project,
        path: Path,
        read: tuple[Story, list[Unit], list[Entry]],
        locales: Sequence[str],
        problems: list[Problem],
        ids: Mapping[int, str] | Callable[[], Mapping[int, str]] | None = None,
    ) -> dict[str, Edition]:
        """A story, page or the site's texts in every locale, from its catalogs (cached).

        `ids` (the headings' ids) may be a function: it is asked only when the editions are
        made, not when they are read back."""
        story = read[0]
        story_key = file_key(path)
        assert story_key is not None
        pack = self._last_pack = self.pack_key(project, path, story_key, story, locales)
        if pack is not None:
            kept = self.packs.get(pack)
            if kept is None:
                loaded = self.disk.load("editions", pack)
                if isinstance(loaded, dict):
                    self.stats["editions from disk"] += 1
                    kept = self.packs[pack] = loaded
            if kept is not None:
                for edition in kept.values():
                    problems.extend(edition.warnings)
                return dict(kept)
        made = self._localize(project, path, read, locales, problems, ids, story_key)
        if pack is not None:
            self.packs[pack] = made
            self.disk.dump("editions", pack, made)
        return dict(made)

    @staticmethod
    def heading_ids(
        project: Project, read: tuple[Story, list[Unit], list[Entry]]
    ) -> Callable[[], Mapping[int, str]]:
        """The headings' ids of a story, asked only when its editions are made."""
        return partial(_ids, project, read[0], read[1])

    def pack_key(
        self, project: Project, path: Path, story_key: FileKey, story: Story, locales: Sequence[str]
    ) -> str | None:
        """The key of a story's editions: the story's, and every catalog's bytes it reads."""
        if not self.disk.enabled:
            return None
        content = self.content_key(path, story_key, project)
        if content is None:
            return None
        parts = [content, project.relative(path), ",".join(locales)]
        for locale in locales:
            if locale == project.source_locale or not story.translated_into(locale):
                continue
            po = catalog_path(project.translations_dir, locale, story.slug, story.catalog)
            found = self.disk.file_digest(po) or "-"
            parts += [locale, os.path.abspath(po), os.path.realpath(po), found]
        return digest(*parts)

    def _localize(
        self,
        project: Project,
        path: Path,
        read: tuple[Story, list[Unit], list[Entry]],
        locales: Sequence[str],
        problems: list[Problem],
        ids: Mapping[int, str] | Callable[[], Mapping[int, str]] | None,
        story_key: FileKey,
    ) -> dict[str, Edition]:
        story, units, entries = read
        source = project.source_locale
        ids = (ids() if callable(ids) else ids) or {}
        by_locale: dict[str, Edition] = {source: source_edition(story, units, source, ids)}
        for locale in locales:
            if locale == source or not story.translated_into(locale):
                continue
            po = catalog_path(project.translations_dir, locale, story.slug, story.catalog)
            po_key = file_key(po)
            cache_key = (story_key, po_key, locale, project.min_translated, project.markdown.key)
            if cache_key in self.editions_cache:
                self.stats["edition hit"] += 1
                edition = self.editions_cache[cache_key]
            else:
                self.stats["edition miss"] += 1
                try:
                    found = self.catalog(po, po_key, project, locale) if po_key else {}
                except TidingsError as exc:
                    problems.extend(exc.problems)
                    found = {}
                edition = translated_edition(
                    story,
                    units,
                    entries,
                    found,
                    locale,
                    project.relative(po),
                    project.min_translated,
                    project.markdown,
                    ids,
                    was_published=po_key is not None and published_mark(po),
                    source_locale=source,
                )
                self.editions_cache[cache_key] = edition
            problems.extend(edition.warnings)
            by_locale[locale] = edition
        return by_locale

    def pages(
        self, project: Project, locales: Sequence[str]
    ) -> tuple[dict[str, dict[str, Edition]], list[Problem]]:
        """Return page src_uri (`about.md`) -> locale -> edition, and the problems found."""
        problems: list[Problem] = []
        result: dict[str, dict[str, Edition]] = {}
        for path in page_files(project):
            key = file_key(path)
            assert key is not None
            try:
                read = _remembered(
                    self.stories, key, partial(_page_entries, path, project), self.stats, "page"
                )
            except TidingsError as exc:
                problems.extend(exc.problems)
                continue
            story, units, _ = read
            ids = heading_ids(story.body, units) if uses_ids(project.markdown) else {}
            uri = path.relative_to(project.docs_dir).as_posix()
            result[uri] = self.localize(project, path, read, locales, problems, ids)
        return result, problems

    def site(
        self, project: Project, locales: Sequence[str]
    ) -> tuple[dict[str, Edition], list[Problem]]:
        """The site's own texts (name, description, nav titles) in every locale."""
        story = site_texts(project)
        if story is None:
            return {}, []
        problems: list[Problem] = []
        found = self.localize(project, project.config_file, _entries_of(story), locales, problems)
        return found, problems


def _ids(project: Project, story: Story, units: list[Unit]) -> Mapping[int, str]:
    return heading_ids(story.body, units) if uses_ids(project.markdown) else {}


def _entries_of(story: Story) -> tuple[Story, list[Unit], list[Entry]]:
    return (story, *story_entries(story))


def _page_entries(path: Path, project: Project) -> tuple[Story, list[Unit], list[Entry]]:
    return _entries_of(read_page(path, project))


def _remembered(
    store: dict[FileKey, T | TidingsError],
    key: FileKey,
    load: Callable[[], T],
    stats: Counter[str],
    name: str,
) -> T:
    """Load once per file identity; a file with mistakes keeps raising them until it changes."""
    if key in store:
        stats[f"{name} hit"] += 1
    else:
        stats[f"{name} miss"] += 1
        try:
            store[key] = load()
        except TidingsError as exc:
            store[key] = exc
    cached = store[key]
    if isinstance(cached, TidingsError):
        raise cached
    return cached
