"""Drawing a card, and the key that tells when a card drawn before can be reused."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

import PIL
import regex
from PIL import Image, ImageChops, ImageDraw, ImageOps, features

from tidings.cards.fonts import RAQM, FontSet, face_identity, fonts_for, freetype_font
from tidings.cards.layout import ELLIPSIS, TRAILING_PUNCTUATION, TitleLayout, layout_title
from tidings.cards.template import HEIGHT, WIDTH, CardTemplate, Weight, default_template
from tidings.cards.text import Direction, Line, clean_text, raqm_direction, shape_line, strong_rtl
from tidings.errors import TidingsError

CARD_VERSION = "1"
"""Bump when the drawing changes, so that `card_key` no longer matches cards drawn before."""


def render_card(
    *,
    title: str,
    site_name: str,
    date_text: str,
    locale: str,
    direction: Direction,
    template: CardTemplate | None = None,
    image: Path | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """Draw a 1200 x 630 PNG share card; the same input gives the same bytes."""
    t = template or default_template()
    if direction not in ("ltr", "rtl"):
        raise TidingsError(locale, None, f"card direction must be ltr or rtl, not {direction!r}")
    if direction == "rtl" and not RAQM:
        raise TidingsError(locale, None, "right-to-left cards need Pillow built with libraqm")
    fonts = fonts or fonts_for(locale, template=t)
    rtl = direction == "rtl"
    canvas = _background(t, image, rtl)
    draw = ImageDraw.Draw(canvas, "RGBA")
    _draw_decor(draw, t, rtl)
    _draw_footer(draw, t, fonts, clean_text(site_name), clean_text(date_text), rtl)
    layout = layout_title(title, fonts=fonts, template=t, direction=direction)
    _draw_title(draw, t, fonts, layout, rtl)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", compress_level=9)
    return buffer.getvalue()


def _background(t: CardTemplate, image: Path | None, rtl: bool) -> Image.Image:
    start = Image.new("RGB", (WIDTH, HEIGHT), _rgba(t.background_color)[:3])
    canvas = start
    if t.background_gradient != "none":
        ramp = Image.linear_gradient("L")
        vertical = ramp.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
        horizontal = ramp.transpose(Image.Transpose.ROTATE_90).resize(
            (WIDTH, HEIGHT), Image.Resampling.BILINEAR
        )
        if rtl:
            horizontal = ImageOps.mirror(horizontal)
        mask = {
            "vertical": vertical,
            "horizontal": horizontal,
            "diagonal": ImageChops.add(vertical, horizontal, scale=2.0),
        }[t.background_gradient]
        end = Image.new("RGB", (WIDTH, HEIGHT), _rgba(t.background_gradient_to)[:3])
        canvas = Image.composite(end, start, mask)
    if image is None:
        return canvas
    try:
        with Image.open(image) as opened:
            photo = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise TidingsError(str(image), None, f"cannot read the story image: {exc}") from None
    photo = ImageOps.fit(photo, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    photo = Image.blend(photo, Image.new("RGB", photo.size), t.background_image_darken)
    shade = round(255 * t.background_image_scrim)
    scrim = Image.linear_gradient("L").resize((WIDTH, HEIGHT)).point(lambda v: v * shade // 255)
    return Image.composite(start, photo, scrim)


def _draw_decor(draw: ImageDraw.ImageDraw, t: CardTemplate, rtl: bool) -> None:
    if t.accent_bar_width and t.accent_bar_height:
        x0 = WIDTH - t.layout_margin_x - t.accent_bar_width if rtl else t.layout_margin_x
        box = (
            x0,
            t.layout_margin_top,
            x0 + t.accent_bar_width,
            t.layout_margin_top + t.accent_bar_height,
        )
        draw.rounded_rectangle(box, radius=t.accent_bar_height // 2, fill=_rgba(t.accent_color))
    if t.footer_divider_width:
        y = t.footer_top
        box = (t.layout_margin_x, y, WIDTH - t.layout_margin_x, y + t.footer_divider_width - 1)
        draw.rectangle(box, fill=_rgba(t.footer_divider_color))
    if t.accent_stripe_height:
        draw.rectangle(
            (0, HEIGHT - t.accent_stripe_height, WIDTH, HEIGHT), fill=_rgba(t.accent_color)
        )


def _fit_line(
    text: str, fonts: FontSet, weight: Weight, size: int, card_rtl: bool, width: float
) -> Line:
    """One line of footer text, cut with an ellipsis when wider than `width`.

    Its direction is its own (the first strong character's), as HTML's `dir="auto"`: an English
    date on an Arabic card still reads left to right.
    """
    rtl = strong_rtl(text, card_rtl)
    line = shape_line(text, fonts, weight, size, rtl)
    clusters = regex.findall(r"\X", text)
    while line.ink[2] - line.ink[0] > width and clusters:
        clusters.pop()
        line = shape_line(
            TRAILING_PUNCTUATION.sub("", "".join(clusters)) + ELLIPSIS, fonts, weight, size, rtl
        )
    return line


def _draw_footer(
    draw: ImageDraw.ImageDraw, t: CardTemplate, fonts: FontSet, site: str, date: str, rtl: bool
) -> None:
    inner = WIDTH - 2 * t.layout_margin_x
    site_line = _fit_line(site, fonts, t.footer_site_weight, t.footer_site_size, rtl, inner * 0.6)
    site_w = site_line.ink[2] - site_line.ink[0]
    room = inner - site_w - 32
    date_line = _fit_line(date, fonts, t.footer_date_weight, t.footer_date_size, rtl, room)
    lines = [line for line, text in ((site_line, site), (date_line, date)) if text]
    if not lines:
        return
    top = min(line.ink[1] for line in lines)
    bottom = max(line.ink[3] for line in lines)
    band_top = t.footer_top + t.footer_divider_width
    baseline = band_top + (HEIGHT - t.layout_margin_bottom - band_top) / 2 - (top + bottom) / 2
    site_at_left = (t.footer_site_position == "start") != rtl
    for line, text, at_left, color, _size in (
        (site_line, site, site_at_left, t.footer_site_color, t.footer_site_size),
        (date_line, date, not site_at_left, t.footer_date_color, t.footer_date_size),
    ):
        if text:
            x = (
                t.layout_margin_x - line.ink[0]
                if at_left
                else WIDTH - t.layout_margin_x - line.ink[2]
            )
            _draw_line(draw, line, x, baseline, color)


def _draw_title(
    draw: ImageDraw.ImageDraw,
    t: CardTemplate,
    fonts: FontSet,
    layout: TitleLayout,
    rtl: bool,
) -> None:
    if not layout.lines:
        return
    left, top, right, bottom = t.title_box
    lines = [shape_line(text, fonts, t.title_weight, layout.size, rtl) for text in layout.lines]
    ink_top = min(i * layout.line_height + line.ink[1] for i, line in enumerate(lines))
    ink_bottom = max(i * layout.line_height + line.ink[3] for i, line in enumerate(lines))
    free = (bottom - top) - (ink_bottom - ink_top)
    offset = {"top": 0.0, "center": free / 2, "bottom": float(free)}[t.title_valign]
    first_baseline = round(top + offset - ink_top)
    for i, line in enumerate(lines):
        ink_l, _, ink_r, _ = line.ink
        if t.title_align == "center":
            x = (left + right) / 2 - (ink_l + ink_r) / 2
        elif rtl:
            x = right - ink_r
        else:
            x = left - ink_l
        y = first_baseline + i * layout.line_height
        _draw_line(draw, line, x, y, t.title_color)


def card_key(
    *,
    title: str,
    site_name: str,
    date_text: str,
    locale: str,
    direction: Direction,
    template: CardTemplate | None = None,
    image: Path | None = None,
    fonts: FontSet | None = None,
) -> str:
    """A sha256 over everything a card depends on: equal keys mean the same PNG can be reused."""
    t = template or default_template()
    try:
        picture = hashlib.sha256(image.read_bytes()).hexdigest() if image is not None else None
    except OSError as exc:
        raise TidingsError(
            str(image), None, f"cannot read the story image: {exc.strerror}"
        ) from None
    try:
        style = _style(locale, t) if fonts is None else _style_of(t, fonts)
    except TypeError:  # a template that cannot be hashed: not remembered
        style = _style_of(t, fonts or fonts_for(locale, template=t))
    payload = {
        "style": style,
        "title": title,
        "site_name": site_name,
        "date_text": date_text,
        "locale": locale,
        "direction": direction,
        "image": picture,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@lru_cache(maxsize=256)
def _style(locale: str, template: CardTemplate) -> str:
    """What every card of a locale and design shares, as a hash (finding its fonts costs
    ~2 ms: done once per locale and process, not once per card)."""
    return _style_of(template, fonts_for(locale, template=template))


def _style_of(template: CardTemplate, fonts: FontSet) -> str:
    style = {
        "version": CARD_VERSION,
        "pillow": PIL.__version__,
        "raqm": features.version("raqm"),
        "freetype": features.version("freetype2"),
        "template": {k: v for k, v in dataclasses.asdict(template).items() if k != "source"},
        "fonts": [face_identity(face) for face in (*fonts.bold, *fonts.regular)],
        "language": fonts.language,
        "script": fonts.script,
    }
    return hashlib.sha256(json.dumps(style, sort_keys=True).encode()).hexdigest()


def _draw_line(draw: ImageDraw.ImageDraw, line: Line, x: float, y: float, fill: str) -> None:
    # Whole pixels, so the ink lands where `Line.ink` measured it (glyphs rasterize per subpixel).
    x, y = round(x), round(y)
    for run in line.runs:
        font = freetype_font(run.face, line.size)
        direction = raqm_direction(run.rtl)
        draw.text(
            (x, y),
            run.text,
            font=font,
            fill=_rgba(fill),
            anchor="ls",
            direction=direction,
            language=line.language,
        )
        x += font.getlength(run.text, direction=direction, language=line.language)


def _rgba(color: str) -> tuple[int, int, int, int]:
    digits = color.lstrip("#") + ("ff" if len(color) == 7 else "")
    r, g, b, a = (int(digits[i : i + 2], 16) for i in range(0, 8, 2))
    return r, g, b, a
