"""Render sample share cards (zh, en, ar, ja) to look at after changing the card design or fonts.

    .venv/bin/python scripts/render_cards.py [--out .cache/cards] [--template my-card.toml]
                                             [--image content/images/lanterns.png]

Prints the path of each PNG it wrote; exits 1 with a `path: message` line when a font or the
template is missing or wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tidings.cards import card_key, load_template, render_card
from tidings.errors import TidingsError

ROOT = Path(__file__).resolve().parent.parent

# (name, locale, direction, title, site name, date)
SAMPLES = (
    ("zh", "zh", "ltr", "千盏花灯点亮古城，非遗灯会迎来八方来客", "潮音新闻", "2025年2月12日"),
    (
        "en",
        "en",
        "ltr",
        "A thousand lanterns light up the old town as the heritage festival welcomes visitors",
        "Tidings",
        "12 February 2025",
    ),
    (
        "ar",
        "ar",
        "rtl",
        "ألف فانوس يضيء المدينة القديمة في مهرجان التراث",
        "تايدينغز",
        "١٢ فبراير ٢٠٢٥",
    ),
    (
        "ja",
        "ja",
        "ltr",
        "千の灯籠が古都を照らす　伝統の灯り祭りに各地から来場者",
        "タイディングス",
        "2025年2月12日",
    ),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "cards")
    parser.add_argument("--template", type=Path, help="a site's card template (TOML)")
    parser.add_argument("--image", type=Path, help="a story image to draw behind the text")
    args = parser.parse_args(argv)
    try:
        template = load_template(args.template)
        args.out.mkdir(parents=True, exist_ok=True)
        for name, locale, direction, title, site, date in SAMPLES:
            inputs: dict[str, Any] = {
                "title": title,
                "site_name": site,
                "date_text": date,
                "locale": locale,
                "direction": direction,
                "template": template,
                "image": args.image,
            }
            png = render_card(**inputs)
            path = args.out / f"card-{name}.png"
            path.write_bytes(png)
            print(f"{path}  ({len(png):,} bytes, key {card_key(**inputs)[:12]})")
    except TidingsError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
