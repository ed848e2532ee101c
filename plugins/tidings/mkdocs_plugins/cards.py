"""Share cards into a built site: the stories plugin's last step (`tidings.site.sharecards`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from tidings.cards import CardTemplate
from tidings.diskcache import DiskCache
from tidings.errors import TidingsError
from tidings.site.publication import Publication
from tidings.site.shards import card_locales
from tidings.site.sharecards import card_jobs, default_cache, write_cards

log = get_plugin_logger("tidings.mkdocs_plugins.stories")


def card_cache_of(disk: DiskCache) -> Path:
    """Where cards are kept when `cards_cache` is not set: `cards/` in the build's cache
    folder (their keys say what made them), else the user's cache folder."""
    return disk.root.parent / "cards" if disk.root is not None else default_cache()


def place_cards(
    site: Path,
    publication: Publication,
    site_name: str,
    cache: Path,
    template: CardTemplate | None,
    shard: Sequence[str],
    base: bool,
) -> None:
    """Every published edition's card, drawn where the cache lacks it (on every core)."""
    plan = publication.plan
    jobs = card_jobs(plan)
    if shard:  # the merge takes each language's cards from one shard
        mine = card_locales(shard, plan.source_locale, base)
        jobs = [job for job in jobs if job.locale in mine]
    try:
        drawn = write_cards(
            jobs,
            site,
            lambda locale: publication.site_text(locale, "site_name", site_name),
            cache,
            template,
        )
    except TidingsError as exc:
        raise PluginError(
            f"share cards: {exc} (or set `cards: false` under tidings/stories)"
        ) from None
    log.info(f"share cards: {drawn} drawn, the rest from {cache}")
