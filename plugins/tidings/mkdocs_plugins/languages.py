"""Which languages a build has: the i18n plugin's languages as a Project, Material's interface
translations checked up front, and TIDINGS_BUILD_ONLY for shards and writers' previews."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from tidings.errors import TidingsError
from tidings.mkdocs_plugins.support import i18n_of
from tidings.project import (
    SITE_TEXT_KEYS,
    Language,
    MarkdownSetup,
    Project,
    load_project,
    make_project,
    site_texts,
)
from tidings.site.shards import BUILD_ONLY, SHARD_ROLE, is_base
from tidings.site.urls import Urls

log = get_plugin_logger(__name__)


def restrict_languages(config: MkDocsConfig, project: Project) -> list[str]:
    """Build only the locales named in TIDINGS_BUILD_ONLY (a shard, or a writer's preview).

    Pages, links, hreflang, the sitemap and feeds still cover every language of the site;
    only the HTML of the other languages is not rendered.
    """
    only = {code.strip() for code in os.environ.get(BUILD_ONLY, "").split(",") if code.strip()}
    i18n = i18n_of(config)
    if not only or i18n is None:
        return []
    known = {lang.locale for lang in project.languages}
    if only - known:
        raise PluginError(
            f"{BUILD_ONLY}: unknown locale(s) {', '.join(sorted(only - known))} (known: {', '.join(sorted(known))})"
        )
    for lang in i18n.config.languages:
        lang.build = lang.locale in only or lang.locale == project.source_locale
    shard = [lang.locale for lang in project.languages if lang.locale in only or lang.default]
    log.info(f"building only {', '.join(sorted(only | {project.source_locale}))} ({BUILD_ONLY})")
    return shard


def base_shard() -> bool:
    """Whether this build renders the source language's pages (see `site.shards.is_base`)."""
    return is_base(os.environ.get(SHARD_ROLE))


def project_of(config: MkDocsConfig, stories: Mapping[str, Any]) -> Project:
    """The Project of this build: languages from the i18n plugin, paths and Markdown from MkDocs."""
    i18n = i18n_of(config)
    languages: tuple[Language, ...]
    if i18n is not None:
        languages = tuple(
            Language(
                locale=str(lang.locale),
                name=str(lang.name or lang.locale),
                default=bool(lang.default),
            )
            for lang in i18n.config.languages
            if lang.locale != "null" and lang.build
        )
    else:
        languages = (
            Language(locale=str(config.theme.get("language") or "en"), name="", default=True),
        )
    if not languages:
        raise PluginError(
            "tidings/stories: no language to build; check the i18n plugin's `languages`"
        )
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
    return make_project(
        Path(config.config_file_path),
        docs_dir=Path(config.docs_dir),
        stories=stories,
        languages=languages,
        site_url=config.site_url or "",
        markdown=MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
        site_texts=site_texts(
            {key: config[key] for key in (*SITE_TEXT_KEYS, "nav")}, _text_of(config)
        ),
    )


def _text_of(config: MkDocsConfig) -> str:
    try:
        return Path(config.config_file_path).read_text(encoding="utf-8")
    except (OSError, TypeError, UnicodeDecodeError):
        return ""


def public_urls(config: MkDocsConfig, project: Project, command: str | None) -> Urls | None:
    """Under `mkdocs serve`, the site_url of mkdocs.yml (serve replaces it with its own)."""
    if command != "serve":
        return None
    try:
        public = load_project(Path(config.config_file_path)).site_url
    except TidingsError:
        return None
    if not public.startswith(("http://", "https://")) or public == config.site_url:
        return None  # e.g. `!ENV`: keep what MkDocs resolved
    return Urls(public, project.source_locale, config.use_directory_urls)
