"""The `Publication` of a build, made from mkdocs.yml's options and the site's editions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from tidings.editions.edition import Edition
from tidings.mkdocs_plugins.config import StoriesConfig, check_logo
from tidings.mkdocs_plugins.languages import public_urls
from tidings.project import Project
from tidings.site.pages import Renderer, image_of
from tidings.site.plan import plan_site
from tidings.site.publication import Publication
from tidings.site.urls import Urls
from tidings.ui import Overrides


def publication_of(
    config: MkDocsConfig,
    options: StoriesConfig,
    project: Project,
    editions: Mapping[str, Mapping[str, Edition]],
    interface: Overrides,
    site_texts: Mapping[str, Edition],
    command: str | None,
) -> Publication:
    """Plan the site and say how it is published (URLs, images, templates, cards, feeds)."""
    locales = [lang.locale for lang in project.languages]
    urls = Urls(config.site_url or "", project.source_locale, config.use_directory_urls)
    if options.x_default and options.x_default not in locales:
        raise PluginError(
            f"tidings/stories: x_default '{options.x_default}' is not a language of the site ({', '.join(locales)})"
        )
    check_logo(options.logo, project.docs_dir)
    plan = plan_site(
        editions,
        locales,
        project.source_locale,
        options.stories_dir,
        options.per_page,
        options.home,
        options.x_default,
        options.timezone,
        options.logo,
    )
    source = project.source_locale
    return Publication(
        plan=plan,
        urls=urls,
        names={lang.locale: lang.name for lang in project.languages},
        images={
            slug: image_of(
                project.docs_dir,
                by_locale[source].story.image,
                by_locale[source].story.image_alt,
                urls,
            )
            for slug, by_locale in editions.items()
        },
        renderer=Renderer(
            [Path(options.templates_dir)] if options.templates_dir else [],
            interface,
        ),
        cards=options.cards,
        feeds=options.feeds,
        public_urls=public_urls(config, project, command),
        site_texts=site_texts,
    )
