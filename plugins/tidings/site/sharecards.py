"""Share cards of a site: one 1200x630 PNG per story and published locale, drawn once.

A card is the `og:image` of a story without an image of its own, and is offered beside the
snippets for channels that need a picture. Drawing takes ~0.1 s, so cards are cached on disk by
a key over everything that changes the picture (text, template, fonts, library versions).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tidings.cards import CardTemplate, Direction, card_key, default_template, render_card
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
    workers: int | None = None,
) -> int:
    """Put every card into the site, drawing only those not in the cache; return how many were drawn.

    `site_name` is the site's name, or a function giving it in a card's locale. Cards not in
    the cache are drawn by `workers` processes (default: one per core) where the platform can
    fork a process that runs no other thread; else one after another.
    """
    cache.mkdir(parents=True, exist_ok=True)
    name_in = site_name if callable(site_name) else (lambda _locale: site_name)
    design = template or default_template()
    placed: list[tuple[Path, CardJob]] = []
    missing: dict[str, _Draw] = {}
    for job in jobs:
        name = name_in(job.locale)
        way: Direction = "rtl" if direction(job.locale) == "rtl" else "ltr"
        key = card_key(
            title=job.title,
            site_name=name,
            date_text=job.date_text,
            locale=job.locale,
            direction=way,
            template=design,
        )
        cached = cache / f"{key}.png"
        if key not in missing and not cached.exists():
            missing[key] = _Draw(cached, job.title, name, job.date_text, job.locale, way, design)
        placed.append((cached, job))
    _draw_all(list(missing.values()), workers)
    for cached, job in placed:
        target = site_dir / card_path(job.slug, job.locale)
        target.parent.mkdir(parents=True, exist_ok=True)
        _place(cached, target)
    return len(missing)


@dataclass(frozen=True)
class _Draw:
    cached: Path
    title: str
    site_name: str
    date_text: str
    locale: str
    direction: Direction
    template: CardTemplate

    def __call__(self) -> None:
        data = render_card(
            title=self.title,
            site_name=self.site_name,
            date_text=self.date_text,
            locale=self.locale,
            direction=self.direction,
            template=self.template,
        )
        # A temporary file of this process's own: shards of `tidings build --jobs N` draw the
        # same cards into one cache at once, and a shared `<key>.tmp` was replaced under them.
        with tempfile.NamedTemporaryFile(
            dir=self.cached.parent, prefix=f".{self.cached.stem}.", suffix=".tmp", delete=False
        ) as handle:
            handle.write(data)
        os.replace(handle.name, self.cached)  # atomic; the same bytes whoever wins


def _run(draw: _Draw) -> None:
    draw()


def _draw_all(draws: list[_Draw], workers: int | None) -> None:
    count = min(workers or os.cpu_count() or 1, len(draws))
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if count < 2 or not forkable:
        for draw in draws:
            draw()
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        for _ in pool.map(_run, draws, chunksize=max(1, len(draws) // (count * 8))):
            pass
