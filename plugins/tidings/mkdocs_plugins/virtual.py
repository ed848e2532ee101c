"""Pages that exist only in memory, made to work with mkdocs-static-i18n 1.3.

`File.generated(...)` added before i18n crashes it (it reads `abs_src_path`), and i18n
replaces every File with its own copy. So a plugin adds plain `File` entries for
`<name>.<locale>.md` before i18n sorts them per language (`add`, from an `on_files` hook with
a priority above -100), and attaches their Markdown after it (`attach`, priority below -100).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


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
