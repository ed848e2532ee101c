"""Share cards of a site: one 1200x630 PNG per story and published locale, drawn once.

A card is the `og:image` of a story without an image of its own, and is offered beside the
snippets for channels that need a picture. Drawing takes ~0.1 s, so cards are cached on disk by
a key over everything that changes the picture (text, template, fonts, library versions).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.cards import CardTemplate, Direction, card_key, render_card
from tidings.locales import direction, long_date
from tidings.site.plan import Plan

WIDTH, HEIGHT = 1200, 630


def card_path(slug: str, locale: str) -> str:
    """Site-relative path of a story's card in a locale."""
    return f"cards/{locale}/{slug}.png"


def default_cache() -> Path:
    """Where drawn cards are kept between builds (XDG cache, outside the repository)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings" / "cards"


@dataclass(frozen=True)
class CardJob:
    """One card to have in the built site."""

    slug: str
    locale: str
    title: str
    date_text: str


def card_jobs(plan: Plan) -> list[CardJob]:
    """Every published edition's card (fallback copies share the source card)."""
    jobs = []
    for slug, by_locale in plan.editions.items():
        for locale, edition in by_locale.items():
            if edition.published:
                jobs.append(
                    CardJob(slug, locale, edition.title, long_date(edition.story.date, locale))
                )
    return jobs


def _place(cached: Path, target: Path) -> None:
    """Link the cached card into the site (no copy of ~80 KB per card), else copy it."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cached, target)


def write_cards(
    jobs: list[CardJob],
    site_dir: Path,
    site_name: str | Callable[[str], str],
    cache: Path,
    template: CardTemplate | None = None,
) -> int:
    """Put every card into the site, drawing only those not in the cache; return how many were drawn.

    `site_name` is the site's name, or a function giving it in a card's locale.
    """
    drawn = 0
    cache.mkdir(parents=True, exist_ok=True)
    name_in = site_name if callable(site_name) else (lambda _locale: site_name)
    for job in jobs:
        site_name = name_in(job.locale)
        way: Direction = "rtl" if direction(job.locale) == "rtl" else "ltr"
        key = card_key(
            title=job.title,
            site_name=site_name,
            date_text=job.date_text,
            locale=job.locale,
            direction=way,
            template=template,
        )
        cached = cache / f"{key}.png"
        if not cached.exists():
            data = render_card(
                title=job.title,
                site_name=site_name,
                date_text=job.date_text,
                locale=job.locale,
                direction=way,
                template=template,
            )
            # A temporary file of this process's own: shards of `tidings build --jobs N` draw the
            # same cards into one cache at once, and a shared `<key>.tmp` was replaced under them.
            with tempfile.NamedTemporaryFile(
                dir=cache, prefix=f".{key}.", suffix=".tmp", delete=False
            ) as handle:
                handle.write(data)
            os.replace(handle.name, cached)  # atomic; the same bytes whoever wins
            drawn += 1
        target = site_dir / card_path(job.slug, job.locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        _place(cached, target)
    return drawn
