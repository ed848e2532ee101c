#!/usr/bin/env python3
"""Screenshot every locale of the built demo site at desktop and phone size (headless Chromium).

    .venv/bin/python scripts/screenshots.py [--site site] [--out .cache/screenshots] [-l ar -l ja]

For each locale: the home page, a story (its own translation where there is one, else a
fallback copy), a fallback copy, a tag page, the 404 page and the snippets page, each at
1280x900 and 390x844. Build the site first (`make site`). The site is served on 127.0.0.1 from
the site folder; paths are those of a root-deployed site (the demo's site_url has no path).
Look at them before calling a change to pages done.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localsite import chromium, serve

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def pages_of(site: Path, locale: str, source: bool) -> dict[str, str]:
    """Page kinds of a locale and their paths, found in the built site."""
    prefix = "" if source else f"{locale}/"
    root = site / prefix if prefix else site
    found = {"home": prefix, "404": f"{prefix}404.html", "snippets": f"{prefix}snippets/"}
    stories = sorted(p.parent.name for p in (root / "stories").glob("*/index.html"))
    fallback = own = None
    for slug in stories:
        html = (root / "stories" / slug / "index.html").read_text(encoding="utf-8")
        if "tidings-banner" in html:
            fallback = fallback or slug
        else:
            own = own or slug
    if own:
        found["story"] = f"{prefix}stories/{own}/"
    if fallback:
        found["fallback"] = f"{prefix}stories/{fallback}/"
    tags = sorted(p.parent.name for p in (root / "tags").glob("*/index.html"))
    if tags:
        found["tag"] = f"{prefix}tags/{tags[0]}/"
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=Path("site"), help="built site folder (default: site)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path(".cache/screenshots"), help="where to write PNGs"
    )
    parser.add_argument("-l", "--locale", action="append", help="only this locale (repeatable)")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(
            f"screenshots: {args.site}/index.html not found: build the site first (make site)",
            file=sys.stderr,
        )
        return 1
    locales = [p.name for p in sorted(args.site.iterdir()) if (p / "index.html").is_file()]
    locales = [loc for loc in locales if loc not in ("archive", "about", "snippets", "tags")]
    locales = [loc for loc in locales if loc not in ("stories", "page", "search")]
    source = "zh"
    wanted = args.locale or [source, *locales]
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, chromium() as browser:
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for locale in wanted:
                for kind, path in pages_of(args.site, locale, locale == source).items():
                    response = page.goto(base + path, wait_until="networkidle")
                    status = response.status if response else 0
                    if status != 200 and not (kind == "404" and status in (200, 404)):
                        print(f"screenshots: {path}: HTTP {status}", file=sys.stderr)
                        return 1
                    target = args.out / f"{locale}-{kind}-{size}.png"
                    page.screenshot(path=str(target), full_page=False)
                    print(f"wrote {target} ({base}{path})")
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
