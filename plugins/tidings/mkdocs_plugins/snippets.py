"""The `tidings/snippets` MkDocs plugin: snippet feeds per locale and channel, and a page per
locale to copy them from. Its one collaborator is the stories plugin's `Publication`; the work
is `tidings.snippets.publish.SnippetDesk`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tidings.mkdocs_plugins.config import SnippetsConfig
from tidings.mkdocs_plugins.stories import StoriesPlugin
from tidings.mkdocs_plugins.support import front_matter, page_key, pass_locale
from tidings.mkdocs_plugins.virtual import VirtualPages, suffixed
from tidings.snippets.publish import SnippetDesk, page_title

log = get_plugin_logger(__name__)
PAGE = "snippets.md"
SCRIPT = "assets/tidings-snippets.js"


class SnippetsPlugin(BasePlugin[SnippetsConfig]):
    """Compose every published story's snippet for every channel of its locale."""

    def __init__(self) -> None:
        self.pages = VirtualPages()
        self.desk: SnippetDesk | None = None
        self.stories: StoriesPlugin | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Keep one instance across `mkdocs serve` rebuilds."""

    @event_priority(-10)  # after tidings/stories computed the publication of this build
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        stories = config.plugins.get("tidings/stories")
        if not isinstance(stories, StoriesPlugin):
            raise PluginError("tidings/snippets needs the tidings/stories plugin in mkdocs.yml")
        self.stories = stories
        if stories.inner_pass(config) and self.desk is not None:
            return config
        assert stories.publication is not None
        self.desk = SnippetDesk(
            stories.publication, self.config.channels, self.config.locales, self.config.path
        )
        problems = self.desk.compose()
        for problem in problems:
            (log.error if self.config.too_long == "error" else log.warning)(str(problem))
        if problems and self.config.too_long == "error":
            raise PluginError(
                f"{len(problems)} snippet(s) do not fit their channel; see the messages above"
            )
        if self.config.page and SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        return config

    @event_priority(50)  # before mkdocs-static-i18n (-100), like tidings/stories
    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.desk is not None
        self.pages.clear()
        if self.config.page:
            plan = self.desk.publication.plan
            for locale in plan.locales:
                meta = {
                    "title": page_title(self.desk.publication, locale),
                    "search": {"exclude": True},
                    "tidings_noindex": True,
                }
                self.pages.add(
                    files, config, suffixed(PAGE, locale, plan.source_locale), front_matter(meta)
                )
        return files

    @event_priority(-110)  # after mkdocs-static-i18n copied the files
    def _attach_markdown(self, files: Files, config: MkDocsConfig) -> Files:
        self.pages.attach(files)
        return files

    on_files = CombinedEvent(_add_files, _attach_markdown)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page_key(page) != PAGE or self.desk is None:
            return html
        return self.desk.page_html(pass_locale(config, self.desk.publication.source_locale))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page_key(page) != PAGE or self.desk is None:
            return output
        return output.replace("</head>", f"<style>{self.desk.filter_css()}</style>\n  </head>", 1)

    @event_priority(-200)  # after mkdocs-static-i18n built every language
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.stories is not None and self.desk is not None
        if self.stories.inner_pass(config):
            return
        site = Path(config.site_dir)
        for path, content in self.desk.outputs(config.site_name).items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(content)
