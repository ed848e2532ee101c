"""Share cards: one 1200 x 630 PNG per story and locale, the same bytes for the same input.

The design is data (`template`: `templates/card.toml`, with a site's own file laid over it).
Fonts are found per script and every character is checked against them (`fonts`), so a card
never shows tofu. Text is split into runs of one font each and shaped by RAQM (`text`), the
title is wrapped and shrunk into its box (`layout`), and `draw` puts the card together.
"""

from __future__ import annotations

from tidings.cards.draw import card_key, render_card
from tidings.cards.fonts import FontFace, FontSet, fonts_for
from tidings.cards.layout import TitleLayout, layout_title
from tidings.cards.template import HEIGHT, WIDTH, CardTemplate, default_template, load_template
from tidings.cards.text import Direction

__all__ = [
    "HEIGHT",
    "WIDTH",
    "CardTemplate",
    "Direction",
    "FontFace",
    "FontSet",
    "TitleLayout",
    "card_key",
    "default_template",
    "fonts_for",
    "layout_title",
    "load_template",
    "render_card",
]
