"""Share cards: real renders with the Debian Noto fonts, checked pixel by pixel."""

from __future__ import annotations

import io
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from tidings.cards import (
    HEIGHT,
    WIDTH,
    CardTemplate,
    Direction,
    FontSet,
    card_key,
    fonts_for,
    layout_title,
    load_template,
    render_card,
)
from tidings.errors import TidingsError

ROOT = Path(__file__).resolve().parents[1]
NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")

pytestmark = pytest.mark.skipif(
    not (NOTO_CJK.is_file() and (NOTO / "NotoSansArabic-Bold.ttf").is_file()),
    reason="needs fonts-noto-cjk and fonts-noto-core (scripts/install-system.sh installs them)",
)

ZH = "千盏花灯点亮古城，非遗灯会迎来八方来客"
EN = "A thousand lanterns light up the old town as the heritage festival welcomes visitors"
AR = "ألف فانوس يضيء المدينة القديمة"
LONG: dict[str, tuple[Direction, str]] = {
    "zh": ("ltr", "千盏花灯点亮古城，非遗灯会迎来八方来客。" * 8),
    "en": ("ltr", EN + ", and " + EN.lower() + " " + "with craftspeople at work " * 6),
    "ar": ("rtl", "ألف فانوس يضيء المدينة القديمة في مهرجان التراث، " * 6),
}
FOOTER = {"zh": ("潮音新闻", "2025年2月12日"), "en": ("Tidings", "12 February 2025")}
FOOTER["ar"] = ("تايدينغز", "١٢ فبراير ٢٠٢٥")
FOOTER["ja"] = FOOTER["zh"]


def render(
    title: str,
    locale: str = "en",
    direction: Direction = "ltr",
    *,
    footer: tuple[str, str] | None = None,
    image: Path | None = None,
    template: CardTemplate | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    site, date = footer or FOOTER.get(locale, FOOTER["en"])
    return render_card(
        title=title,
        site_name=site,
        date_text=date,
        locale=locale,
        direction=direction,
        template=template,
        image=image,
        fonts=fonts,
    )


def pixels(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def title_ink(title: str, locale: str, direction: Direction) -> tuple[int, int, int, int]:
    """Bounding box of the title's pixels: the card minus the same card with no title."""
    with_title = pixels(render(title, locale, direction))
    without = pixels(render("", locale, direction))
    box = ImageChops.difference(with_title, without).getbbox()
    assert box is not None, "the title drew nothing"
    return box


def png_chunks(png: bytes) -> list[bytes]:
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        chunks.append(png[offset + 4 : offset + 8])
        offset += 12 + length
    return chunks


# --- output ---------------------------------------------------------------------------------


def test_card_is_a_1200x630_png_without_metadata() -> None:
    png = render(EN)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert pixels(png).size == (WIDTH, HEIGHT) == (1200, 630)
    # No tIME / tEXt / iTXt / pHYs: nothing that differs between two runs or leaks the machine.
    assert set(png_chunks(png)) == {b"IHDR", b"IDAT", b"IEND"}


@pytest.mark.parametrize(
    ("locale", "direction", "title"), [("en", "ltr", EN), ("zh", "ltr", ZH), ("ar", "rtl", AR)]
)
def test_same_input_gives_the_same_bytes(locale: str, direction: Direction, title: str) -> None:
    assert render(title, locale, direction) == render(title, locale, direction)


def test_story_image_is_drawn_behind_the_text_deterministically() -> None:
    picture = ROOT / "content" / "images" / "lanterns.png"
    with_image = render(ZH, "zh", image=picture)
    assert with_image == render(ZH, "zh", image=picture)
    assert with_image != render(ZH, "zh")
    assert pixels(with_image).size == (WIDTH, HEIGHT)


def test_unreadable_story_image_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "story.png"
    broken.write_bytes(b"not a picture")
    with pytest.raises(TidingsError) as caught:
        render(EN, image=broken)
    assert caught.value.path == str(broken)
    assert "cannot read the story image" in str(caught.value)


# --- layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["zh", "en", "ar"])
def test_long_titles_stay_inside_the_title_box(locale: str) -> None:
    direction, title = LONG[locale]
    left, top, right, bottom = load_template().title_box
    ink = title_ink(title, locale, direction)
    assert left <= ink[0] and top <= ink[1] and ink[2] <= right and ink[3] <= bottom, (
        ink,
        left,
        top,
        right,
        bottom,
    )
    layout = layout_title(
        title, fonts=fonts_for(locale), template=load_template(), direction=direction
    )
    assert layout.truncated and layout.lines[-1].endswith("…")
    assert layout.size == load_template().title_size_min
    assert len(layout.lines) <= load_template().title_max_lines


@pytest.mark.parametrize(
    ("locale", "direction", "title"),
    [
        ("en", "ltr", EN),
        ("zh", "ltr", ZH),
        ("ar", "rtl", AR),
        ("ja", "ltr", "千の灯籠が古都を照らす　伝統の灯り祭りに各地から来場者"),
    ],
)
def test_sample_titles_fit_whole_at_a_large_size(
    locale: str, direction: Direction, title: str
) -> None:
    layout = layout_title(
        title, fonts=fonts_for(locale), template=load_template(), direction=direction
    )
    assert not layout.truncated
    assert "".join(layout.lines).replace(" ", "").replace("　", "") == title.replace(
        " ", ""
    ).replace("　", "")
    assert layout.size >= 64


def test_chinese_breaks_after_the_comma_rather_than_inside_a_word() -> None:
    layout = layout_title(ZH, fonts=fonts_for("zh"), template=load_template(), direction="ltr")
    assert layout.lines == ("千盏花灯点亮古城，", "非遗灯会迎来八方来客")


def test_no_line_starts_with_closing_punctuation() -> None:
    template = load_template()
    fonts = fonts_for("zh")
    seen_lines = 0
    for shift in range(16):
        title = "灯" * shift + "古城，非遗（灯会）迎来「八方」来客。" * 4
        layout = layout_title(title, fonts=fonts, template=template, direction="ltr")
        for line in layout.lines[1:]:
            seen_lines += 1
            assert line[0] not in "。，、）」』！？：；…", layout.lines
        for line in layout.lines[:-1]:
            assert line[-1] not in "（「『", layout.lines
    assert seen_lines > 16


def test_arabic_is_right_aligned() -> None:
    template = load_template()
    left, _, right, _ = template.title_box
    fonts = fonts_for("ar")
    layout = layout_title(AR + " في مهرجان التراث", fonts=fonts, template=template, direction="rtl")
    assert len(layout.lines) >= 2
    with_title = pixels(render(AR + " في مهرجان التراث", "ar", "rtl"))
    diff = ImageChops.difference(with_title, pixels(render("", "ar", "rtl")))
    ink = diff.getbbox()
    assert ink is not None
    # The first line: from the top of the ink down one font size (the next line starts lower).
    first = diff.crop((0, ink[1], WIDTH, ink[1] + layout.size)).getbbox()
    assert first is not None
    assert right - 1 <= first[2] <= right
    # A short title shows it is aligned, not just filling the width: ink far from the left margin.
    short = title_ink("ألف فانوس", "ar", "rtl")
    assert right - 1 <= short[2] <= right and short[0] > left + 400


def test_latin_is_left_aligned() -> None:
    left, _, right, _ = load_template().title_box
    short = title_ink("Lanterns", "en", "ltr")
    assert left <= short[0] <= left + 1 and short[2] < right - 400


def test_latin_name_inside_arabic_stays_one_left_to_right_word() -> None:
    fonts = fonts_for("ar")
    # Two fonts on one line: Arabic letters from Noto Sans Arabic, "COP28" from Noto Sans.
    assert fonts.bold[0].path.name.startswith("NotoSansArabic")
    title = "قمة COP28 في دبي"
    layout = layout_title(title, fonts=fonts, template=load_template(), direction="rtl")
    assert layout.lines == (title,)
    png = render(title, "ar", "rtl")
    assert png == render(title, "ar", "rtl")


# --- fonts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "family"),
    [
        ("zh", "Noto Sans CJK SC"),
        ("zh-Hans", "Noto Sans CJK SC"),
        ("zh-Hant", "Noto Sans CJK TC"),
        ("zh-HK", "Noto Sans CJK HK"),
        ("ja", "Noto Sans CJK JP"),
        ("ko", "Noto Sans CJK KR"),
    ],
)
def test_cjk_locales_get_their_regional_face(locale: str, family: str) -> None:
    fonts = fonts_for(locale)
    face = fonts.bold[0]
    assert face.path.suffix == ".ttc"
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    assert font["name"].getDebugName(1) == family


def test_japanese_and_chinese_draw_different_glyph_forms() -> None:
    # 直 and 骨 are drawn differently in Japan and mainland China (the JP and SC faces).
    ja = pixels(render("直骨", "ja", footer=("", "")))
    zh = pixels(render("直骨", "zh", footer=("", "")))
    assert ImageChops.difference(ja, zh).getbbox() is not None


@pytest.mark.parametrize(
    ("locale", "package"),
    [
        ("zh", "fonts-noto-cjk"),
        ("ja", "fonts-noto-cjk"),
        ("ar", "fonts-noto-core"),
        ("en", "fonts-noto-core"),
    ],
)
def test_missing_font_is_a_clear_error(
    locale: str, package: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIDINGS_FONT_DIR", str(tmp_path))
    with pytest.raises(TidingsError) as caught:
        fonts_for(locale, system=False)
    assert caught.value.path == locale
    assert "no font covering" in str(caught.value) and package in str(caught.value)


def test_character_no_font_covers_is_an_error_not_tofu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NotoSans-Bold.ttf", "NotoSans-Regular.ttf"):
        shutil.copy(NOTO / name, tmp_path / name)
    monkeypatch.setenv("TIDINGS_FONT_DIR", str(tmp_path))
    fonts = fonts_for("en", system=False)
    assert [face.path.parent for face in fonts.bold] == [tmp_path]
    assert render("Lanterns", fonts=fonts).startswith(b"\x89PNG")
    with pytest.raises(TidingsError) as caught:
        render("Lanterns light up 古城", fonts=fonts)
    assert "no font covering Han" in str(caught.value) and "fonts-noto-cjk" in str(caught.value)


def test_a_second_font_covers_what_the_first_lacks() -> None:
    fonts = fonts_for("en")
    assert any(face.path.name.startswith("NotoSansCJK") for face in fonts.bold[1:])
    assert render("Visitors flock to 古城 for the Lantern Festival", fonts=fonts).startswith(
        b"\x89PNG"
    )


def test_template_can_name_its_own_fonts(tmp_path: Path) -> None:
    site = tmp_path / "card.toml"
    site.write_text(
        '[fonts.bold]\nArab = "NotoKufiArabic-Bold.ttf"\nHans = "NotoSansCJK-Bold.ttc#0"\n'
    )
    template = load_template(site)
    assert fonts_for("ar", template=template).bold[0].path.name == "NotoKufiArabic-Bold.ttf"
    assert fonts_for("zh", template=template).bold[0].index == 0


# --- template and cache key -----------------------------------------------------------------


def test_site_template_changes_only_what_it_lists(tmp_path: Path) -> None:
    site = tmp_path / "card.toml"
    site.write_text('[accent]\ncolor = "#ff7a59"\n[title.line_height_by_script]\nArab = 1.7\n')
    default, changed = load_template(), load_template(site)
    assert changed.accent_color == "#ff7a59" and changed.title_color == default.title_color
    assert dict(changed.title_line_height_by_script)["Arab"] == 1.7
    assert (
        dict(changed.title_line_height_by_script)["Hans"]
        == dict(default.title_line_height_by_script)["Hans"]
    )
    assert changed.source == str(site)
    assert render(EN, template=changed) != render(EN, template=default)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[title]\ncolour = "#fff"\n', "unknown card template key `title.colour`"),
        ('[title]\ncolor = "white"\n', "`title.color` must be a colour"),
        ('[title]\nsize_max = "big"\n', "`title.size_max` must be a whole number"),
        ('[title]\nalign = "justify"\n', "`title.align` must be start | center"),
        ("[title\n", "not valid TOML"),
    ],
)
def test_template_mistakes_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    site = tmp_path / "card.toml"
    site.write_text(text)
    with pytest.raises(TidingsError) as caught:
        load_template(site)
    assert caught.value.path == str(site)
    assert message in str(caught.value)


def test_card_key_follows_every_input(tmp_path: Path) -> None:
    base: dict[str, object] = {
        "title": ZH,
        "site_name": "潮音新闻",
        "date_text": "2025年2月12日",
        "locale": "zh",
        "direction": "ltr",
    }
    key = card_key(**base)
    assert len(key) == 64 and key == card_key(**base)
    site = tmp_path / "card.toml"
    site.write_text('[title]\ncolor = "#fffbe6"\n')
    picture = ROOT / "content" / "images" / "lanterns.png"
    variants: list[dict[str, object]] = [
        {"title": ZH + "！"},
        {"site_name": "潮音"},
        {"date_text": "2025年2月13日"},
        {"locale": "zh-Hant"},
        {"direction": "rtl"},
        {"template": load_template(site)},
        {"image": picture},
    ]
    keys = {card_key(**{**base, **change}) for change in variants}
    assert key not in keys and len(keys) == len(variants)


def test_types_are_exported() -> None:
    assert isinstance(load_template(), CardTemplate)
    assert isinstance(fonts_for("en"), FontSet)


def _draw_into(cache: str, site: str, start: Any, failures: Any) -> None:
    from tidings.site.sharecards import CardJob, write_cards

    jobs = [CardJob(f"s{i}", "en", f"Story number {i}", "1 December 2026") for i in range(8)]
    start.wait()  # all four at once, as shards of a build do
    try:
        write_cards(jobs, Path(site), "Test News", Path(cache))
    except Exception as exc:  # noqa: BLE001 (any failure of a shard is what this test looks for)
        failures.put(repr(exc))


def test_shards_drawing_into_one_cold_cache_at_once(tmp_path: Path) -> None:
    """`tidings build --jobs 4` on a fresh machine: four processes draw the same cards at once
    (before the fix, 3 of 4 such builds of the demo failed with FileNotFoundError)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start, failures = context.Barrier(4), context.Queue()
    cache = tmp_path / "cache"
    workers = [
        context.Process(
            target=_draw_into, args=(str(cache), str(tmp_path / f"site{n}"), start, failures)
        )
        for n in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert failures.empty(), failures.get()
    assert len(sorted(cache.glob("*.png"))) == 8 and not list(cache.glob("*.tmp"))
    for n in range(4):
        for i in range(8):
            assert (tmp_path / f"site{n}" / "cards" / "en" / f"s{i}.png").read_bytes()[
                :8
            ] == b"\x89PNG\r\n\x1a\n"
