"""The options of the Tidings plugins in mkdocs.yml, validated by MkDocs' config machinery.

A mistake in them stops `mkdocs build` before any page is read, with MkDocs' own message
("Plugin 'tidings/snippets' option 'locales': ..."); the values the hooks see are already the
core's objects (a channel table, a card template), never raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, ValidationError
from mkdocs.exceptions import PluginError

from tidings.cards import CardTemplate, load_template
from tidings.errors import TidingsError
from tidings.snippets.channels import Channel, check_locale_mapping, load_channels


class _Share(c.Type[float]):
    """A number from 0 to 1."""

    def __init__(self, default: float) -> None:
        super().__init__((int, float), default=default)

    def run_validation(self, value: object) -> float:
        number = float(super().run_validation(value))
        if not 0 <= number <= 1:
            raise ValidationError(f"expected a share from 0 to 1 (1.0 = every unit), not {value!r}")
        return number


class _TimeZone(c.Type[str]):
    """An IANA time zone name that zoneinfo knows (`Asia/Shanghai`, `UTC`)."""

    def __init__(self) -> None:
        super().__init__(str, default="UTC")

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"'{name}' is no IANA time zone, such as Asia/Shanghai") from None
        return name


def check_logo(logo: str | None, docs_dir: Path) -> None:
    """The publisher's logo must be a file of the site (structured data points at it)."""
    if logo is not None and not (docs_dir / logo).is_file():
        raise PluginError(f"tidings/stories: logo '{logo}' is no file in {docs_dir.name}/")


class _AtLeastOne(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 1:
            raise ValidationError(f"expected a whole number of at least 1, not {value!r}")
        return number


class _CardTemplate(BaseConfigOption[CardTemplate]):
    """A TOML file of card design changes, read into a CardTemplate."""

    def __init__(self) -> None:
        super().__init__()
        self._file = c.File(exists=True)

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._file.pre_validation(config, key_name)  # relative to mkdocs.yml

    def run_validation(self, value: object) -> CardTemplate:
        path = self._file.run_validation(value)
        try:
            return load_template(Path(path))
        except TidingsError as exc:
            raise ValidationError(str(exc)) from None


class _Channels(BaseConfigOption[dict[str, Channel]]):
    """`channels:` overrides and additions, applied to the built-in channel table."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, Any] = {}

    def run_validation(self, value: object) -> dict[str, Channel]:
        try:
            return load_channels(value or None, "mkdocs.yml")  # type: ignore[arg-type]
        except TidingsError as exc:
            raise ValidationError(exc.problem.message) from None


class _ChannelLocales(BaseConfigOption[dict[str, Any] | None]):
    """Which channels serve which locales; checked against the channel table."""

    def run_validation(self, value: object) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise ValidationError(
                f"expected a mapping of channel id to locales, e.g. {{x: all, vk: [ru]}}, not {value!r}"
            )
        return dict(value)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        value = config[key_name]
        if value is not None:
            try:
                check_locale_mapping(value, config["channels"], "mkdocs.yml")
            except TidingsError as exc:
                raise ValidationError(exc.problem.message) from None


class StoriesConfig(base.Config):
    translations_dir = c.Type(str, default="translations")
    """Folder of the gettext catalogs, relative to mkdocs.yml."""
    stories_dir = c.Type(str, default="stories")
    """Folder of the stories inside docs_dir."""
    min_translated = _Share(default=1.0)
    """Share of a story's units (0-1) that must be translated to publish it in a locale."""
    per_page = _AtLeastOne(default=10)
    """Stories per home page."""
    home = c.Type(bool, default=True)
    """Generate the home page (index.md) of every locale as a list of stories."""
    feeds = c.Type(bool, default=True)
    """Write an RSS 2.0 and an Atom feed of stories per locale."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """Folder with overrides of Tidings' templates (story_header.html, listing.html)."""
    x_default = c.Optional(c.Type(str))
    """The locale hreflang `x-default` points at (default: the source); for a site reaching
    readers abroad usually `en`. A page not in that locale points at its original."""
    locations = c.Choice(("file", "full", "never"), default="file")
    """What the catalogs' `#:` comments say (xgettext's --add-location): `file` names the
    story only, so that an added paragraph does not rewrite every PO; `full` adds lines."""
    timezone = _TimeZone()
    """The newsroom's IANA time zone (`Asia/Shanghai`): a story dated a day was published at
    noon of that day there (structured data, feeds)."""
    logo = c.Optional(c.Type(str))
    """The publisher's logo, an image in docs_dir (structured data: Organization `logo`)."""
    cards = c.Type(bool, default=True)
    """Draw a 1200x630 share card per story and locale (og:image when a story has no image)."""
    card_template = c.Optional(_CardTemplate())
    """A TOML file changing the card design (see tidings/templates/card.toml)."""
    cards_cache = c.Optional(c.Type(str))
    """Where drawn cards are kept between builds (default: `cards/` in `cache_dir`, or
    ~/.cache/tidings/cards when the cache is off)."""
    cache_dir = c.Type(str, default=".cache/tidings")
    """The build's cache folder, relative to mkdocs.yml (`TIDINGS_CACHE` overrides it; `off`:
    none): stories, editions, pages and cards kept by the hash of their inputs. Keep it
    between CI runs; delete it at any time."""


class SnippetsConfig(base.Config):
    path = c.Type(str, default="snippets")
    """Folder of the site that holds the feeds (`<path>/<locale>/<channel>.xml|json|csv`)."""
    channels = _Channels()
    """Overrides of the built-in channel table, and new channels (see tidings.snippets.channels)."""
    locales = _ChannelLocales()
    """Which channels serve which locales: {x: all, vk: [ru], line: [ja, zh-Hant]}."""
    page = c.Type(bool, default=True)
    """Generate the snippets page of every locale (noindex, not searched, not in the sitemap)."""
    too_long = c.Choice(("error", "warning"), default="error")
    """What an explicit channel text that does not fit is: a build error or a warning."""
