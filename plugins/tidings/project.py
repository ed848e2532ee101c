"""The site as the ``tidings`` command sees it: read from mkdocs.yml without importing MkDocs.

The CLI must work where MkDocs cannot be imported cheaply (pre-commit hooks, translators'
machines) and the core must stay portable to other generators, so this reads the YAML itself.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from tidings.errors import TidingsError


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that accepts MkDocs' `!ENV` and `!!python/name:` tags as plain values."""


def _construct_any(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _construct_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:module.attr`, as MkDocs resolves it (Markdown extension options use it)."""
    module, _, attr = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError):
        return suffix


# `!ENV VAR` / `!ENV [VAR, default]` read as MkDocs reads them (its own yaml_env_tag), so
# that `site_url: !ENV [SITE_URL, https://...]` gives the CLI the URL the build uses.
_TolerantLoader.add_constructor("!ENV", construct_env_tag)
_TolerantLoader.add_multi_constructor("!", _construct_any)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _construct_name)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_any)


#: MkDocs always adds these (mkdocs/config/defaults.py, `MarkdownExtensions(builtins=...)`).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


@dataclass(frozen=True, eq=False)
class MarkdownSetup:
    """The site's Python-Markdown configuration: extension names and their options.

    Two setups are equal when they render alike: same extensions, same options.
    """

    extensions: tuple[str, ...] = (
        *MKDOCS_BUILTINS,
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "pymdownx.arithmatex",
        "pymdownx.details",
        "pymdownx.superfences",
        "pymdownx.tabbed",
    )
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @cached_property
    def key(self) -> str:
        """What decides rendering, as a string; computed once (it is hashed on every check)."""
        return repr(
            (
                self.extensions,
                sorted((k, sorted((v or {}).items())) for k, v in self.configs.items()),
            )
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MarkdownSetup) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


@dataclass(frozen=True)
class Language:
    """One language of the site, as declared in the i18n plugin's `languages` list."""

    locale: str
    name: str
    default: bool = False


@dataclass(frozen=True)
class Project:
    """Paths and settings the Tidings core needs, taken from one mkdocs.yml."""

    root: Path
    config_file: Path
    docs_dir: Path
    stories_dir: Path
    translations_dir: Path
    languages: tuple[Language, ...]
    min_translated: float = 1.0
    snippets_options: Mapping[str, Any] = field(default_factory=dict)
    site_url: str = ""
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    """The site's Markdown configuration: translations are checked by what they render to."""
    site_texts: tuple[tuple[str, str, int], ...] = ()
    """Texts of mkdocs.yml readers see, as (context, text, line): see `site_texts`."""
    locations: str = "file"
    """What the catalogs' `#:` comments say: `file`, `full` (with line numbers) or `never`."""
    cache_dir: str = ".cache/tidings"
    """The build cache's folder as mkdocs.yml says it (see `tidings.diskcache.cache_root`)."""

    @property
    def source_locale(self) -> str:
        return next(
            (lang.locale for lang in self.languages if lang.default), self.languages[0].locale
        )

    @property
    def target_locales(self) -> tuple[str, ...]:
        return tuple(lang.locale for lang in self.languages if not lang.default)

    @cached_property
    def settings_key(self) -> str:
        """Everything of the project that reading stories and catalogs depends on, as a string
        (the disk cache's entries are made under it): the same for the `tidings` command and
        the MkDocs plugin (absolute paths; the channels are the snippets plugin's)."""
        return repr(
            tuple(
                os.path.abspath(value) if isinstance(value, Path) else value
                for f in dataclasses.fields(self)
                if f.name not in ("snippets_options", "cache_dir")
                for value in [getattr(self, f.name)]
            )
        )

    def story_uri(self, slug: str) -> str:
        """The source path of a story page inside docs_dir (`stories/<slug>.md`), as MkDocs has it."""
        return f"{self.stories_dir.relative_to(self.docs_dir).as_posix()}/{slug}.md"

    def relative(self, path: Path) -> str:
        """Show a path the way a person in the project root would type it."""
        # Without following symbolic links: a link is shown where it is, not where it leads.
        for base, target in (
            (os.path.abspath(self.root), os.path.abspath(path)),
            (self.root.resolve(), path.resolve()),
        ):
            try:
                return str(Path(target).relative_to(base))
            except ValueError:
                continue
        return str(path)


def _plugin_options(plugins: Any, name: str) -> dict[str, Any] | None:
    """Return a plugin's options from mkdocs.yml's `plugins` (list or mapping form), or None."""
    if isinstance(plugins, Mapping):
        if name in plugins:
            return dict(plugins[name] or {})
        return None
    for entry in plugins or ():
        if entry == name:
            return {}
        if isinstance(entry, Mapping) and name in entry:
            return dict(entry[name] or {})
    return None


def markdown_setup(extensions: Any) -> MarkdownSetup:
    """MkDocs' `markdown_extensions` (names, or one-key mappings of options) as a setup."""
    names: list[str] = list(MKDOCS_BUILTINS)
    configs: dict[str, dict[str, Any]] = {}
    for entry in extensions or ():
        if isinstance(entry, Mapping):
            for name, options in entry.items():
                names.append(str(name))
                if isinstance(options, Mapping):
                    configs[str(name)] = dict(options)
        else:
            names.append(str(entry))
    return MarkdownSetup(tuple(dict.fromkeys(names)), configs)


SITE_TEXT_KEYS = ("site_name", "site_description", "copyright")


def nav_titles(nav: Any) -> list[str]:
    """Titles that mkdocs.yml's `nav` gives (`- About: about.md`, section names), in order."""
    found: list[str] = []
    for item in nav if isinstance(nav, list) else ():
        if isinstance(item, Mapping):
            for title, value in item.items():
                if isinstance(title, str) and title.strip():
                    found.append(title.strip())
                found.extend(nav_titles(value))
    return found


def site_texts(values: Mapping[str, Any], text: str = "") -> tuple[tuple[str, str, int], ...]:
    """The texts of a site's configuration that readers see, each with its line in `text`."""
    rows = text.splitlines()

    def line_of(needle: str, start: int = 0) -> int:
        return next((i + 1 for i, row in enumerate(rows) if needle in row and i >= start), 1)

    found = [
        (key, str(values[key]).strip(), line_of(f"{key}:"))
        for key in SITE_TEXT_KEYS
        if isinstance(values.get(key), str) and str(values[key]).strip()
    ]
    nav_start = line_of("nav:") - 1
    found += [
        ("nav", title, line_of(f"{title}:", nav_start))
        for title in dict.fromkeys(nav_titles(values.get("nav")))
    ]
    return tuple(found)


def read_config(text: str) -> Any:
    """mkdocs.yml's settings as MkDocs reads them (`!ENV`, `!!python/name:`), safely."""
    return yaml.load(text, Loader=_TolerantLoader) or {}


def load_project(config_file: str | Path = "mkdocs.yml") -> Project:
    """Read mkdocs.yml and return the project's paths, languages and plugin options."""
    path = Path(config_file)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TidingsError(
            str(path), None, f"cannot read the site configuration: {exc.strerror}"
        ) from None
    try:
        data = read_config(text)
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None  # type: ignore[attr-defined]
        raise TidingsError(
            str(path), line, f"invalid YAML: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(data, Mapping):
        raise TidingsError(str(path), 1, "expected a mapping of settings")
    plugins = data.get("plugins", ())
    i18n = _plugin_options(plugins, "i18n") or {}
    languages = tuple(
        Language(
            locale=str(entry["locale"]),
            name=str(entry.get("name", entry["locale"])),
            default=bool(entry.get("default", False)),
        )
        for entry in i18n.get("languages", ())
        if isinstance(entry, Mapping) and "locale" in entry
    )
    if not languages:  # no i18n plugin: the theme's language, as the stories plugin reads it
        theme = data.get("theme")
        language = theme.get("language") if isinstance(theme, Mapping) else None
        languages = (Language(locale=str(language or "en"), name="", default=True),)
    return make_project(
        path,
        docs_dir=path.parent / str(data.get("docs_dir", "docs")),
        stories=_plugin_options(plugins, "tidings/stories") or {},
        languages=languages,
        site_url=str(data.get("site_url") or ""),
        markdown=markdown_setup(data.get("markdown_extensions")),
        snippets=_plugin_options(plugins, "tidings/snippets") or {},
        site_texts=site_texts(data, text),
    )


def make_project(
    config_file: Path,
    *,
    docs_dir: Path,
    stories: Mapping[str, Any],
    languages: tuple[Language, ...],
    site_url: str,
    markdown: MarkdownSetup,
    snippets: Mapping[str, Any] | None = None,
    site_texts: tuple[tuple[str, str, int], ...] = (),
) -> Project:
    """The one way a Project is made: from mkdocs.yml's values (the CLI) or MkDocs' (the build).

    `stories` are the tidings/stories plugin's options; the defaults are the plugin's.
    """
    root = config_file.parent
    return Project(
        root=root,
        config_file=config_file,
        docs_dir=docs_dir,
        stories_dir=docs_dir / str(stories.get("stories_dir", "stories")),
        translations_dir=root / str(stories.get("translations_dir", "translations")),
        languages=languages,
        min_translated=float(stories.get("min_translated", 1.0)),
        cache_dir=str(stories.get("cache_dir") or ".cache/tidings"),
        snippets_options=dict(snippets or {}),
        site_url=site_url,
        markdown=markdown,
        site_texts=site_texts,
        locations=_locations(stories.get("locations", "file"), config_file),
    )


def _locations(value: object, config_file: Path) -> str:
    if value not in ("file", "full", "never"):
        raise TidingsError(
            str(config_file),
            None,
            f"tidings/stories: locations is file, full or never, not {value!r}",
        )
    return str(value)
