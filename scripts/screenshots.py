#!/usr/bin/env python3
"""Screenshot story pages of the built demo site in several languages (headless Chromium).

    .venv/bin/python scripts/screenshots.py [--site site] [--out .cache/screenshots]

Build the site first (`make site`). The site is served on 127.0.0.1 from the site folder; page
paths are those of a root-deployed site (the demo's site_url has no path).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localsite import chromium, serve

PAGES = {
    "zh": "stories/lantern-festival/",
    "en": "en/stories/lantern-festival/",
    "ar": "ar/stories/lantern-festival/",
    "ja": "ja/stories/new-media-forum/",
    "home-ar": "ar/",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=Path("site"), help="built site folder (default: site)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path(".cache/screenshots"), help="where to write PNGs"
    )
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(
            f"screenshots: {args.site}/index.html not found: build the site first (make site)",
            file=sys.stderr,
        )
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": args.width, "height": 1400})
        for name, path in PAGES.items():
            response = page.goto(base + path, wait_until="networkidle")
            if response is None or response.status != 200:
                print(
                    f"screenshots: {path}: HTTP {response.status if response else 'no response'}",
                    file=sys.stderr,
                )
                return 1
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=False)
            print(f"wrote {target} ({base}{path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
