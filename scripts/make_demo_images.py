"""Draw the illustrative hero images of the demo stories into content/images/.

Each picture is 1200x630 (the usual share-card size), made only of gradients and shapes so no
font is needed, and fully deterministic: the same Pillow version always writes the same bytes.
Run it from anywhere:  .venv/bin/python scripts/make_demo_images.py
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 630
OUT = Path(__file__).resolve().parent.parent / "content" / "images"
Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two colours, t in [0, 1]."""
    t = min(1.0, max(0.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def vertical_gradient(stops: Sequence[tuple[float, Color]]) -> Image.Image:
    """A full-size image shading from top to bottom through the (position, colour) stops."""
    column = Image.new("RGB", (1, HEIGHT))
    for y in range(HEIGHT):
        pos = y / (HEIGHT - 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if p0 <= pos <= p1:
                column.putpixel((0, y), mix(c0, c1, (pos - p0) / (p1 - p0 or 1)))
                break
    return column.resize((WIDTH, HEIGHT))


def glow(
    img: Image.Image, centre: tuple[int, int], radius: int, color: Color, strength: float
) -> None:
    """Soft round light, blended onto img in place."""
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
        fill=round(255 * strength),
    )
    mask = mask.filter(ImageFilter.GaussianBlur(radius / 2))
    img.paste(Image.new("RGB", img.size, color), (0, 0), mask)


def ridge(rng: random.Random, base: float, amp: float, waves: int) -> list[tuple[float, float]]:
    """A smooth hill outline across the image, closed along the bottom edge."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for x in range(0, WIDTH + 10, 10):
        y = base
        for k, phase in enumerate(phases, start=1):
            y += amp / k * math.sin(x / WIDTH * math.tau * (k * 0.7) + phase)
        points.append((x, y))
    return [*points, (WIDTH, HEIGHT), (0, HEIGHT)]


# --- one drawing per story -------------------------------------------------------------------


def forum(rng: random.Random) -> Image.Image:
    """New-media forum: a stylised globe wrapped in a network of linked accounts."""
    img = vertical_gradient([(0.0, (14, 38, 92)), (0.6, (28, 86, 160)), (1.0, (52, 142, 196))])
    glow(img, (820, 300), 260, (120, 200, 255), 0.35)
    draw = ImageDraw.Draw(img)
    cx, cy, r = 820, 315, 215
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(190, 230, 255), width=4)
    for k in (0.35, 0.7):  # meridians
        draw.ellipse((cx - r * k, cy - r, cx + r * k, cy + r), outline=(150, 205, 245), width=2)
    draw.line((cx, cy - r, cx, cy + r), fill=(150, 205, 245), width=2)
    for lat in (-0.55, 0.0, 0.55):  # parallels
        y = cy + r * lat
        half = r * math.sqrt(1 - lat * lat)
        draw.line((cx - half, y, cx + half, y), fill=(150, 205, 245), width=2)
    nodes = [(rng.randint(60, 1150), rng.randint(50, 590)) for _ in range(26)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.dist(a, b) < 260:
                draw.line((*a, *b), fill=(96, 170, 225), width=2)
    for x, y in nodes:
        s = rng.choice((7, 9, 12))
        draw.ellipse(
            (x - s, y - s, x + s, y + s), fill=(255, 196, 64), outline=(255, 240, 200), width=2
        )
    # speech bubbles on the left: posts travelling outwards
    for i, (x, y) in enumerate(((120, 140), (220, 300), (110, 440))):
        w, h = 170 - i * 20, 80
        draw.rounded_rectangle((x, y, x + w, y + h), radius=22, fill=(240, 248, 255))
        draw.polygon([(x + 30, y + h), (x + 60, y + h), (x + 28, y + h + 26)], fill=(240, 248, 255))
        for j in range(2):
            draw.rounded_rectangle(
                (x + 22, y + 22 + j * 22, x + w - 30 - j * 40, y + 32 + j * 22),
                radius=5,
                fill=(150, 180, 215),
            )
    return img


def tea(rng: random.Random) -> Image.Image:
    """Tea village: terraced green hills under a morning sun, a phone showing a live stream."""
    img = vertical_gradient(
        [(0.0, (255, 226, 170)), (0.45, (196, 228, 214)), (1.0, (150, 200, 170))]
    )
    glow(img, (930, 150), 130, (255, 244, 200), 0.6)
    draw = ImageDraw.Draw(img)
    draw.ellipse((870, 90, 990, 210), fill=(255, 246, 214))
    greens = [(132, 184, 120), (92, 158, 96), (60, 128, 78), (38, 100, 62)]
    for i, green in enumerate(greens):
        outline = ridge(rng, 300 + i * 85, 55 - i * 8, 3)
        draw.polygon(outline, fill=green)
        # rows of tea bushes following the ridge
        for row in range(1, 4):
            pts = [(x, y + row * 18) for x, y in outline[:-2]]
            draw.line(pts, fill=mix(green, (20, 70, 40), 0.35), width=5)
    # a small house with a dark roof
    draw.rectangle((180, 420, 300, 500), fill=(245, 240, 228))
    draw.polygon([(160, 425), (240, 370), (320, 425)], fill=(70, 70, 82))
    draw.rectangle((225, 455, 255, 500), fill=(120, 90, 60))
    # phone with a play button: the village's live-streaming shop
    draw.rounded_rectangle((1010, 330, 1130, 560), radius=18, fill=(40, 44, 52))
    draw.rounded_rectangle((1020, 350, 1120, 540), radius=8, fill=(120, 200, 150))
    draw.polygon([(1055, 415), (1055, 475), (1100, 445)], fill=(255, 255, 255))
    for i, x in enumerate(range(1030, 1115, 28)):  # "likes" floating up from the stream
        y = 290 - i % 3 * 34
        draw.ellipse((x, y, x + 16, y + 16), fill=(236, 92, 92), outline=(255, 255, 255), width=2)
    return img


def science(rng: random.Random) -> Image.Image:
    """Renewable-energy exchange: wind turbines and solar panels under a clear sky."""
    img = vertical_gradient(
        [
            (0.0, (92, 170, 236)),
            (0.7, (200, 232, 250)),
            (0.72, (170, 212, 150)),
            (1.0, (110, 170, 110)),
        ]
    )
    glow(img, (180, 120), 110, (255, 250, 220), 0.55)
    draw = ImageDraw.Draw(img)
    draw.ellipse((130, 70, 230, 170), fill=(255, 244, 190))
    for _ in range(5):  # clouds
        x, y = rng.randint(300, 1100), rng.randint(50, 200)
        for dx, dy, s in ((0, 0, 40), (40, -15, 50), (90, 0, 40)):
            draw.ellipse(
                (x + dx - s, y + dy - s / 2, x + dx + s, y + dy + s / 2 + 10), fill=(250, 252, 255)
            )
    for i, (x, h) in enumerate(((640, 330), (820, 390), (1010, 300))):
        base = 460
        draw.polygon(
            [(x - 8, base), (x + 8, base), (x + 3, base - h), (x - 3, base - h)],
            fill=(245, 248, 250),
        )
        hub = (x, base - h)
        for k in range(3):
            angle = math.radians(i * 25 + k * 120)
            tip = (hub[0] + 130 * math.cos(angle), hub[1] + 130 * math.sin(angle))
            side = (hub[0] + 20 * math.cos(angle + 0.5), hub[1] + 20 * math.sin(angle + 0.5))
            draw.polygon([hub, side, tip], fill=(235, 240, 245), outline=(180, 190, 200))
        draw.ellipse((hub[0] - 9, hub[1] - 9, hub[0] + 9, hub[1] + 9), fill=(200, 208, 216))
    # rows of solar panels in the foreground
    for row in range(2):
        for col in range(6):
            x0 = 60 + col * 120 + row * 40
            y0 = 500 + row * 60
            draw.polygon(
                [(x0, y0 + 40), (x0 + 100, y0 + 40), (x0 + 120, y0), (x0 + 20, y0)],
                fill=(34, 62, 120),
            )
            draw.line((x0 + 60, y0 + 40, x0 + 70, y0), fill=(120, 160, 220), width=2)
            draw.line((x0 + 10, y0 + 20, x0 + 110, y0 + 20), fill=(120, 160, 220), width=2)
    return img


def lantern(rng: random.Random) -> Image.Image:
    """Lantern festival: red lanterns on strings across a deep-blue night, warm glows."""
    img = vertical_gradient([(0.0, (12, 16, 48)), (0.65, (40, 30, 86)), (1.0, (96, 44, 80))])
    draw = ImageDraw.Draw(img)
    for _ in range(60):  # stars
        x, y, s = rng.randint(0, WIDTH), rng.randint(0, 330), rng.choice((1, 1, 2))
        draw.ellipse((x - s, y - s, x + s, y + s), fill=(230, 230, 255))
    centres = []
    for row, (y0, count) in enumerate(((150, 6), (330, 7))):
        sag = 60
        pts = [(x, y0 + sag * math.sin(math.pi * x / WIDTH)) for x in range(0, WIDTH + 1, 20)]
        draw.line(pts, fill=(90, 70, 60), width=3)
        for k in range(count):
            along = (k + 0.5 + row * 0.25) * WIDTH / count
            if along > WIDTH - 40:
                continue
            centres.append((round(along), round(y0 + sag * math.sin(math.pi * along / WIDTH)) + 70))
    for x, y in centres:
        glow(img, (x, y), 95, (255, 150, 60), 0.45)
    draw = ImageDraw.Draw(img)
    for x, y in centres:
        draw.line((x, y - 70, x, y - 48), fill=(90, 70, 60), width=3)
        draw.rectangle((x - 16, y - 52, x + 16, y - 42), fill=(212, 170, 60))
        draw.ellipse((x - 48, y - 44, x + 48, y + 44), fill=(214, 40, 40))
        # ribs of the lantern
        draw.line((x, y - 44, x, y + 44), fill=(240, 100, 70), width=2)
        draw.ellipse((x - 32, y - 30, x + 32, y + 30), outline=(240, 100, 70), width=2)
        draw.rectangle((x - 16, y + 40, x + 16, y + 50), fill=(212, 170, 60))
        for t in range(-8, 9, 4):  # tassel
            draw.line((x + t, y + 50, x + t * 1.4, y + 88), fill=(230, 180, 60), width=2)
    # rooftops silhouette along the bottom
    draw.rectangle((0, 560, WIDTH, HEIGHT), fill=(20, 14, 30))
    for x in range(-60, WIDTH, 240):
        draw.polygon([(x, 565), (x + 60, 520), (x + 180, 520), (x + 240, 565)], fill=(20, 14, 30))
    return img


def canal(rng: random.Random) -> Image.Image:
    """Canal city walk: an arched stone bridge over calm water at dusk, with its reflection."""
    img = vertical_gradient(
        [
            (0.0, (250, 196, 150)),
            (0.55, (244, 222, 200)),
            (0.56, (120, 160, 176)),
            (1.0, (70, 110, 140)),
        ]
    )
    glow(img, (600, 330), 110, (255, 236, 200), 0.8)
    draw = ImageDraw.Draw(img)
    water = 347
    # houses with dark roofs on both banks
    for x0, x1 in ((0, 320), (880, WIDTH)):
        for x in range(x0, x1, 80):
            top = water - 90 - (x // 80 % 3) * 18
            draw.rectangle((x + 4, top, x + 76, water), fill=(244, 240, 232))
            draw.polygon(
                [(x - 6, top + 4), (x + 40, top - 26), (x + 86, top + 4)], fill=(64, 64, 74)
            )
            draw.rectangle((x + 30, top + 40, x + 50, top + 66), fill=(110, 90, 70))
    # the bridge: a stone hump with a round arch cut out, so the sky shows through it
    bridge = Image.new("L", img.size, 0)
    shape = ImageDraw.Draw(bridge)
    shape.polygon([(300, water), (450, water - 110), (750, water - 110), (900, water)], fill=255)
    shape.ellipse((490, water - 95, 710, water + 95), fill=0)
    img.paste(Image.new("RGB", img.size, (150, 140, 130)), (0, 0), bridge)
    draw = ImageDraw.Draw(img)
    draw.line(
        [(300, water), (450, water - 110), (750, water - 110), (900, water)],
        fill=(120, 110, 100),
        width=4,
    )
    # reflection: flipped, darkened copy of the scene above the waterline, broken into ripples
    depth = HEIGHT - water
    above = img.crop((0, water - depth, WIDTH, water)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    below = img.crop((0, water, WIDTH, HEIGHT))
    fade = Image.linear_gradient("L").resize((WIDTH, depth))  # strongest at the waterline
    fade = fade.point(lambda v: 255 - v * 3 // 4)
    reflection = Image.blend(above, Image.new("RGB", above.size, (70, 110, 140)), 0.45)
    img.paste(Image.composite(reflection, below, fade), (0, water))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        y = rng.randint(water + 8, HEIGHT - 10)
        x = rng.randint(0, WIDTH - 100)
        draw.line((x, y, x + rng.randint(40, 160), y), fill=(150, 190, 205), width=2)
    # a small boat
    draw.polygon([(140, 470), (360, 470), (330, 500), (170, 500)], fill=(90, 60, 40))
    draw.line((250, 470, 250, 410), fill=(90, 60, 40), width=3)
    return img


#: file name -> (drawing, palette size); the busy lantern night gets fewer colours to stay small.
IMAGES: dict[str, tuple[Callable[[random.Random], Image.Image], int]] = {
    "forum.png": (forum, 96),
    "tea-village.png": (tea, 96),
    "renewables.png": (science, 96),
    "lanterns.png": (lantern, 48),
    "canal-walk.png": (canal, 96),
}
MAX_BYTES = 60_000


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, (name, (draw, colors)) in enumerate(IMAGES.items()):
        picture = draw(random.Random(seed))
        # A small palette without dithering keeps the files small and byte-for-byte stable.
        small = picture.quantize(
            colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        path = OUT / name
        small.save(path, optimize=True)
        size = path.stat().st_size
        print(f"{path.relative_to(OUT.parent.parent)}  {size // 1024} KB")
        if size > MAX_BYTES:
            raise SystemExit(f"{name} is {size} bytes, over {MAX_BYTES}: use fewer colours")


if __name__ == "__main__":
    main()
