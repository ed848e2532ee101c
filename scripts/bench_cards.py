#!/usr/bin/env python3
"""Time a cold share-card draw: N cards into an empty cache, by one process and by one per core.

    .venv/bin/python scripts/bench_cards.py --cards 200 --repeat 3

The cards are the kind a site has: a title of 40-90 characters in the locales of the
benchmark corpus (Latin, Cyrillic, Arabic, CJK), drawn by `tidings.site.sharecards.write_cards`
into a temporary folder, as the stories plugin does after a build. Then the warm case: the
same cards found in the cache and linked into a site. Prints seconds and cards per second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from tidings.site.sharecards import CardJob, write_cards

TITLES = {
    "en": "Village cooperative doubles its tea harvest after three years",
    "fr": "La coopérative du village double sa récolte de thé en trois ans",
    "ru": "Сельский кооператив удвоил урожай чая за три года",
    "ar": "تعاونية القرية تضاعف محصول الشاي بعد ثلاث سنوات",
    "ja": "村の協同組合、三年で茶の収穫が倍に",
    "zh": "乡村合作社三年茶叶产量翻番",
}


def jobs(count: int) -> list[CardJob]:
    locales = list(TITLES)
    return [
        CardJob(
            f"story-{i}",
            locales[i % len(locales)],
            f"{TITLES[locales[i % len(locales)]]} {i}",
            "2 December 2026",
        )
        for i in range(count)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    work = jobs(args.cards)
    for workers in (1, os.cpu_count() or 1):
        cold, warm = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as scratch:
                cache, site = Path(scratch) / "cache", Path(scratch) / "site"
                start = time.perf_counter()
                drawn = write_cards(work, site, "Bench News", cache, workers=workers)
                cold.append(time.perf_counter() - start)
                assert drawn == len(work)
                start = time.perf_counter()
                assert write_cards(work, site, "Bench News", cache, workers=workers) == 0
                warm.append(time.perf_counter() - start)
        c, w = statistics.median(cold), statistics.median(warm)
        print(
            f"{len(work)} cards, {workers} process(es): cold {c:.2f} s ({len(work) / c:.1f} cards/s), "
            f"warm {w:.3f} s ({w / len(work) * 1000:.2f} ms a card); medians of {args.repeat}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
