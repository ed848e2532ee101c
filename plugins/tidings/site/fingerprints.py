"""What a generated page is made from, as one key: a page whose key did not change since a
build that made it is the same page, byte for byte, and is not rendered again.

A page's HTML is a function of
  * the site: Tidings' code and the libraries' versions, mkdocs.yml, the theme and templates,
    every file of docs_dir and translations/ that is not a story or a story's catalog (pages,
    images, the site's and interface catalogs): `site_inputs`, given by the adapter;
  * the publication: which stories and pages exist, at which address, and the renamed
    addresses (`publication_key`);
  * the page itself: a story page its story's file and catalogs (the key of its editions on
    disk, `EditionCache.pack_key`: in which locales it is published, hence its language
    switcher, hreflang and fallback copies, follows from them); a listing page what
    `listing_page` shows of its stories (`listing_inputs`).
Only story and listing pages have a key; every other page (content/ pages, the snippets
pages, 404) is rendered in every build.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from tidings.diskcache import DiskCache, code_version, digest
from tidings.project import Project
from tidings.site.pages import Image, listing_inputs
from tidings.site.plan import Plan

_ENV_TAG = re.compile(r"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")


def site_inputs(
    disk: DiskCache,
    project: Project,
    *,
    config_text: bytes,
    theme_dirs: Sequence[Path],
    templates_dir: Path | None,
    setting: str,
) -> str:
    """The key of everything every page is made from: the code, mkdocs.yml (and the
    environment variables it reads), the theme's own folders (an installed theme is its
    version), and every file of docs_dir and translations/ but the stories and their catalogs."""
    parts: list[str | bytes] = [code_version(), config_text, setting]
    for name in sorted(set(_ENV_TAG.findall(config_text.decode("utf-8", "replace")))):
        parts += [name, os.environ.get(name, "\0")]
    folders = [d for d in theme_dirs if not {"site-packages", "dist-packages"} & set(d.parts)]
    if templates_dir is not None:
        folders.append(templates_dir)
    stories, catalogs = project.stories_dir, project.translations_dir
    for folder in [*folders, project.docs_dir, catalogs]:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.suffix in (".md", ".po", ".pot") and _of_story(path, stories, catalogs):
                continue
            if path.is_file():
                parts += [str(path), os.path.realpath(path), disk.file_digest(path) or "-"]
    return digest(*parts)


def _of_story(path: Path, stories: Path, catalogs: Path) -> bool:
    """A story, or a story's template or catalog (`translations/<locale>/LC_MESSAGES/stories/`)."""
    if path.suffix == ".md":
        return path.is_relative_to(stories)
    try:
        inside = path.relative_to(catalogs).parts
    except ValueError:
        return False
    return inside[:1] == ("stories",) or (len(inside) > 3 and inside[2] == "stories")


def publication_key(plan: Plan) -> str:
    """The facts of the whole publication that any page may show: its languages, and which
    pages exist at which address (a link between stories goes to the same address whether
    its target is translated or not: the fallback copy is there). In which locales a story is
    published is its own page's input (its catalogs) and its lists' (`listing_inputs`)."""
    return digest(
        repr(
            (
                plan.locales,
                plan.source_locale,
                plan.x_default,
                plan.timezone,
                plan.logo,
                sorted(plan.story_uris.items()),
                sorted(plan.documents.items()),
                sorted(
                    (uri, tuple(sorted(by_locale.items()))) for uri, by_locale in plan.pages.items()
                ),
                sorted(plan.redirects.items()),
                sorted(plan.listings),
            )
        )
    )


def page_fingerprint(
    plan: Plan,
    site: str,
    publication: str,
    story_keys: Mapping[str, str],
    images: Mapping[str, Image | None],
    src_uri: str,
    locale: str,
    markdown: str,
) -> str | None:
    """The key of the `locale` page of `src_uri` (None: a page that is always rendered).

    `site` and `publication` are the keys above, `story_keys` a story's editions' key by slug,
    `markdown` the page's Markdown as MkDocs gets it.
    """
    slug = plan.slug_of(src_uri)
    if slug is not None:
        if slug not in story_keys:
            return None
        own = story_keys[slug]
    else:
        listing = plan.listing_for(locale, src_uri)
        if listing is None:
            return None
        own = listing_inputs(plan, listing, images)
    return digest(site, publication, src_uri, locale, own, markdown)
