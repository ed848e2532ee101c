"""Pages that exist only in memory, made to work with mkdocs-static-i18n 1.3, and the pages
of docs_dir we refuse (links out of it) or give other Markdown (catalog translations).

`File.generated(...)` added before i18n crashes it (it reads `abs_src_path`), and i18n
replaces every File with its own copy. So a plugin adds plain `File` entries for
`<name>.<locale>.md` before i18n sorts them per language (`add`, from an `on_files` hook with
a priority above -100), and attaches their Markdown after it (`attach`, priority below -100).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from tidings.confine import leaves
from tidings.editions.edition import Edition
from tidings.mkdocs_plugins.support import front_matter
from tidings.project import Project

log = get_plugin_logger("tidings.mkdocs_plugins.stories")


def suffixed(uri: str, locale: str, source_locale: str) -> str:
    """`stories/x.md` in `fr` is `stories/x.fr.md`; the source locale keeps the plain name."""
    return uri if locale == source_locale else f"{uri[:-3]}.{locale}.md"


class VirtualPages:
    """Markdown pages a plugin generates, by source URI."""

    def __init__(self) -> None:
        self.markdown: dict[str, str] = {}

    def clear(self) -> None:
        self.markdown = {}

    def add(self, files: Files, config: MkDocsConfig, uri: str, markdown: str) -> bool:
        """Add a page unless a real file has that name (hand-written pages win)."""
        if files.get_file_from_path(uri) is not None:
            return False
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        self.markdown[uri] = markdown
        return True

    def replace(self, uri: str, markdown: str) -> None:
        """Give an existing source file different Markdown (read from memory, not disk)."""
        self.markdown[uri] = markdown

    def attach(self, files: Files) -> None:
        """Give i18n's copies of our files their Markdown."""
        for file in files:
            if file.src_uri in self.markdown:
                file.content_string = self.markdown[file.src_uri]


def refuse_links_out(files: Files, config: MkDocsConfig, project: Project, report: bool) -> None:
    """Publish nothing that a symbolic link brings in from outside docs_dir."""
    docs = os.path.abspath(config.docs_dir)
    for file in list(files):
        if (
            file.generated_by
            or not file.abs_src_path
            or not file.src_dir
            or os.path.abspath(file.src_dir) != docs
        ):
            continue  # theme files, generated pages
        if leaves(Path(file.abs_src_path), project.docs_dir):
            files.remove(file)
            if report:
                shown = project.relative(Path(config.docs_dir) / file.src_uri)
                log.error(
                    f"{shown}: refused: a symbolic link to a file outside {Path(config.docs_dir).name}/; it is not published"
                )


def only_previewed(files: Files, prefix: str, preview: set[str]) -> None:
    """A writer's preview (TIDINGS_PREVIEW): the stories under `prefix` not named are left out."""
    if not preview:
        return
    for file in list(files.documentation_pages()):
        stem = file.src_uri[len(prefix) : -3].split(".")[0]
        if file.src_uri.startswith(prefix) and stem not in preview:
            files.remove(file)


def page_markdown(edition: Edition) -> str:
    """A page of content/ in a locale: its own front matter, title and text translated."""
    meta = dict(edition.story.meta)
    if edition.story.title:
        meta["title"] = edition.title
    if edition.story.summary:
        meta["description"] = edition.summary
    return (front_matter(meta) if meta else "") + edition.body
