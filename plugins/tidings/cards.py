"""Share cards: one 1200 x 630 PNG per story and locale, the same bytes for the same input.

The design is data (`templates/card.toml`, a site may lay its own file over it). Fonts are found
per script among installed files and every character is checked against the font's cmap before
drawing, so a card never shows tofu: a character no font covers is an error that names the
package to install. Text is shaped by Pillow's RAQM layout (HarfBuzz + FriBiDi), so Arabic joins
and runs right to left. A line whose characters need two fonts is drawn as runs, one per font,
ordered with one level of bidi embedding (a Latin name inside an Arabic title); inside a run,
RAQM does the full bidi algorithm.

Line breaking: at spaces, and between any two CJK characters, keeping light kinsoku (no line
starts with closing punctuation such as 。，、）」 and none ends with an opening one). The title
shrinks from the template's largest size to its smallest and is then cut with an ellipsis.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

import PIL
import regex
from babel.core import get_global
from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps, features

from tidings.errors import TidingsError
from tidings.locales import locale as parse_locale

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

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "1"
"""Bump when the drawing changes, so that `card_key` no longer matches cards drawn before."""
DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "card.toml"
FONT_DIR_ENV = "TIDINGS_FONT_DIR"
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),  # fonts-noto-cjk
    Path("/usr/share/fonts/truetype/noto"),  # fonts-noto-core
    Path("/usr/share/fonts/truetype/dejavu"),  # fonts-dejavu-core
)
ELLIPSIS = "…"

Direction = Literal["ltr", "rtl"]
Weight = Literal["bold", "regular"]
_RAQM = features.check_feature("raqm")
_LAYOUT = ImageFont.Layout.RAQM if _RAQM else ImageFont.Layout.BASIC


# --- template -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardTemplate:
    """The design of a card; each field is `[section] key` in card.toml, documented there."""

    background_color: str
    background_gradient: Literal["none", "vertical", "horizontal", "diagonal"]
    background_gradient_to: str
    background_image_darken: float
    background_image_scrim: float
    layout_margin_x: int
    layout_margin_top: int
    layout_margin_bottom: int
    accent_color: str
    accent_bar_width: int
    accent_bar_height: int
    accent_stripe_height: int
    title_color: str
    title_weight: Weight
    title_size_max: int
    title_size_min: int
    title_size_step: int
    title_max_lines: int
    title_line_height: float
    title_line_height_by_script: tuple[tuple[str, float], ...]
    title_align: Literal["start", "center"]
    title_valign: Literal["top", "center", "bottom"]
    title_balance: bool
    title_gap: int
    footer_height: int
    footer_divider_color: str
    footer_divider_width: int
    footer_site_position: Literal["start", "end"]
    footer_site_color: str
    footer_site_size: int
    footer_site_weight: Weight
    footer_date_color: str
    footer_date_size: int
    footer_date_weight: Weight
    fonts_dirs: tuple[str, ...]
    fonts_bold: tuple[tuple[str, str], ...]
    fonts_regular: tuple[tuple[str, str], ...]
    source: str = str(DEFAULT_TEMPLATE)
    """The file the template was read from (the site's own, if any), for messages."""

    @property
    def footer_top(self) -> int:
        return HEIGHT - self.layout_margin_bottom - self.footer_height

    @property
    def title_box(self) -> tuple[int, int, int, int]:
        """Left, top, right, bottom of the area the title's ink stays inside."""
        top = self.layout_margin_top
        if self.accent_bar_width and self.accent_bar_height:
            top += self.accent_bar_height + self.title_gap
        bottom = self.footer_top - self.title_gap
        return self.layout_margin_x, top, WIDTH - self.layout_margin_x, bottom


def load_template(path: Path | None = None) -> CardTemplate:
    """Read the packaged template with a site's own file (only the keys it changes) on top."""
    values = _flatten(_read_toml(DEFAULT_TEMPLATE), DEFAULT_TEMPLATE)
    source = DEFAULT_TEMPLATE
    if path is not None:
        for name, value in _flatten(_read_toml(path), path).items():
            old = values.get(name)
            values[name] = (
                {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value
            )
        source = path
    return _build_template(values, str(source))


@lru_cache(maxsize=1)
def default_template() -> CardTemplate:
    return load_template()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise TidingsError(str(path), None, f"cannot read card template: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise TidingsError(str(path), line, f"card template is not valid TOML: {exc}") from None


def _flatten(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Turn `[title] size_max = 76` into `{"title_size_max": 76}`; resolve font paths."""
    flat: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise TidingsError(str(path), None, f"card template: `{section}` must be a [section]")
        for key, value in table.items():
            flat[f"{section}_{key}"] = value
    base = path.parent
    if isinstance(flat.get("fonts_dirs"), list):
        flat["fonts_dirs"] = [str((base / str(d)).resolve()) for d in flat["fonts_dirs"]]
    for weight in ("fonts_bold", "fonts_regular"):
        files = flat.get(weight)
        if isinstance(files, dict):
            flat[weight] = {k: _relative(v, base) for k, v in files.items()}
    return flat


def _relative(name: object, base: Path) -> object:
    if isinstance(name, str) and "/" in name and not Path(name).is_absolute():
        return str((base / name).resolve())
    return name


def _build_template(values: dict[str, Any], source: str) -> CardTemplate:
    hints = get_type_hints(CardTemplate)
    names = [f.name for f in dataclasses.fields(CardTemplate) if f.name != "source"]
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise TidingsError(source, None, f"unknown card template key `{_dotted(unknown[0])}`")
    missing = [name for name in names if name not in values]
    if missing:
        raise TidingsError(source, None, f"card template lacks `{_dotted(missing[0])}`")
    kwargs = {name: _coerce(values[name], hints[name], name, source) for name in names}
    template = CardTemplate(**kwargs, source=source)
    _check_template(template)
    return template


def _dotted(name: str) -> str:
    section, _, key = name.partition("_")
    return f"{section}.{key}"


def _coerce(value: Any, hint: Any, name: str, source: str) -> Any:
    def bad(expected: str) -> TidingsError:
        return TidingsError(source, None, f"`{_dotted(name)}` must be {expected}, not {value!r}")

    origin = get_origin(hint)
    if origin is Literal:
        if value not in get_args(hint):
            raise bad(" | ".join(map(str, get_args(hint))))
        return value
    if hint is bool or hint is int or hint is str:
        if type(value) is not hint:
            raise bad({bool: "true or false", int: "a whole number", str: "a string"}[hint])
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        return float(value)
    inner = get_args(hint)[0]
    if inner is str:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if not isinstance(value, dict):
        raise bad("a table")
    item = get_args(inner)[1]
    return tuple(sorted((k, _coerce(v, item, name, source)) for k, v in value.items()))


_COLOR = re.compile(r"#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?")


def _check_template(t: CardTemplate) -> None:
    problems = [
        f"`{_dotted(f.name)}` must be a colour like #1d4670 or #ffffff80"
        for f in dataclasses.fields(t)
        if f.name.endswith("color") or f.name.endswith("gradient_to")
        if not _COLOR.fullmatch(getattr(t, f.name))
    ]
    if not 8 <= t.title_size_min <= t.title_size_max or t.title_size_step < 1:
        problems.append("title sizes need 8 <= size_min <= size_max and size_step >= 1")
    if t.title_max_lines < 1:
        problems.append("`title.max_lines` must be at least 1")
    for name in ("background_image_darken", "background_image_scrim"):
        if not 0.0 <= getattr(t, name) <= 1.0:
            problems.append(f"`{_dotted(name)}` must be between 0 and 1")
    left, top, right, bottom = t.title_box
    if right - left < 200 or bottom - top < t.title_size_min * 1.6:
        problems.append("margins, accent bar and footer leave no room for the title")
    if problems:
        raise TidingsError(t.source, None, "card template: " + "; ".join(problems))


def _rgba(color: str) -> tuple[int, int, int, int]:
    digits = color.lstrip("#") + ("ff" if len(color) == 7 else "")
    r, g, b, a = (int(digits[i : i + 2], 16) for i in range(0, 8, 2))
    return r, g, b, a


# --- fonts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFace:
    """One face of a font file; a .ttc collection holds several, picked by `index`."""

    path: Path
    index: int = 0


@dataclass(frozen=True)
class FontSet:
    """The faces a card uses for one locale: the locale's script first, fallbacks after."""

    locale: str
    script: str
    """ISO 15924 code of the locale's script: Latn, Arab, Hans, Hant, Jpan, Kore, ..."""
    language: str
    """Language tag handed to HarfBuzz, so that it picks the locale's glyph forms (`locl`)."""
    bold: tuple[FontFace, ...]
    regular: tuple[FontFace, ...]

    def faces(self, weight: Weight) -> tuple[FontFace, ...]:
        return self.bold if weight == "bold" else self.regular


# Noto family stems per ISO 15924 script; files are `<stem>-Bold.ttf` and `<stem>-Regular.ttf`.
_STEMS: dict[str, tuple[str, ...]] = {
    "Latn": ("NotoSans", "DejaVuSans"),
    "Cyrl": ("NotoSans", "DejaVuSans"),
    "Grek": ("NotoSans", "DejaVuSans"),
    "Arab": ("NotoSansArabic", "NotoNaskhArabic", "NotoKufiArabic"),
    "Hebr": ("NotoSansHebrew", "NotoSerifHebrew"),
    "Deva": ("NotoSansDevanagari",),
    "Beng": ("NotoSansBengali",),
    "Guru": ("NotoSansGurmukhi",),
    "Gujr": ("NotoSansGujarati",),
    "Taml": ("NotoSansTamil",),
    "Telu": ("NotoSansTelugu",),
    "Knda": ("NotoSansKannada",),
    "Mlym": ("NotoSansMalayalam",),
    "Sinh": ("NotoSansSinhala",),
    "Thai": ("NotoSansThai", "NotoSerifThai"),
    "Laoo": ("NotoSansLao",),
    "Khmr": ("NotoSansKhmer",),
    "Mymr": ("NotoSansMyanmar",),
    "Geor": ("NotoSansGeorgian",),
    "Armn": ("NotoSansArmenian",),
    "Ethi": ("NotoSansEthiopic",),
    "Syrc": ("NotoSansSyriac",),
    "Thaa": ("NotoSansThaana",),
    "Symbols": ("NotoSansSymbols",),
    "Symbols2": ("NotoSansSymbols2",),
    "Emoji": ("NotoEmoji",),  # monochrome; the colour emoji font is bitmap-only
    "DejaVu": ("DejaVuSans",),
}
# Han differs by region: the CJK face with the region's glyph forms (Japanese 直, 骨 ...).
_CJK_REGION = {"Hans": "SC", "Hant": "TC", "Jpan": "JP", "Kore": "KR"}
_LABELS = {
    "Hans": "Simplified Chinese (Han)",
    "Hant": "Traditional Chinese (Han)",
    "Jpan": "Japanese (Han, kana)",
    "Kore": "Korean (Hangul)",
    "Latn": "Latin",
    "Arab": "Arabic",
    "Hebr": "Hebrew",
    "Cyrl": "Cyrillic",
    "Grek": "Greek",
}
_FALLBACKS = ("Latn", "CJK", "Arab", "Hebr", "Symbols", "Symbols2", "Emoji", "DejaVu")


def fonts_for(locale: str, *, template: CardTemplate | None = None, system: bool = True) -> FontSet:
    """Find installed fonts for a locale: template folders, TIDINGS_FONT_DIR, then Debian's."""
    t = template or default_template()
    script, language, region = _script_of(locale)
    dirs = [Path(d) for d in t.fonts_dirs]
    dirs += [Path(d) for d in os.environ.get(FONT_DIR_ENV, "").split(os.pathsep) if d]
    if system:
        dirs += SYSTEM_FONT_DIRS
    cjk = (script, region) if script in _CJK_REGION else ("Hans", "SC")
    wanted = [(script, region)] + [cjk if f == "CJK" else (f, region) for f in _FALLBACKS]
    sets: dict[str, tuple[FontFace, ...]] = {}
    weights: tuple[tuple[Weight, dict[str, str]], ...] = (
        ("bold", dict(t.fonts_bold)),
        ("regular", dict(t.fonts_regular)),
    )
    for weight, named in weights:
        faces: list[FontFace] = []
        for code, code_region in wanted:
            face = _explicit(named.get(code), dirs, t.source) or _find_face(
                code, code_region, weight, dirs
            )
            if face is None and not faces:
                raise TidingsError(locale, None, _missing_message(script, t.source))
            if face is not None and face not in faces:
                faces.append(face)
        sets[weight] = tuple(faces)
    return FontSet(locale, script, language, sets["bold"], sets["regular"])


def _script_of(locale: str) -> tuple[str, str, str]:
    """ISO 15924 script, HarfBuzz language tag and CJK region for a locale code."""
    parsed = parse_locale(locale)
    script = parsed.script
    if not script:
        likely = get_global("likely_subtags")
        full = likely.get(f"{parsed.language}_{parsed.territory}") or likely.get(parsed.language)
        script = str(full).split("_")[1] if full and str(full).count("_") >= 1 else "Latn"
        if len(script) != 4:
            script = "Latn"
    region = _CJK_REGION.get(script, "SC")
    language = parsed.language
    if script in ("Hans", "Hant"):
        hong_kong = script == "Hant" and parsed.territory in ("HK", "MO")
        region = "HK" if hong_kong else region
        language = "zh-HK" if hong_kong else f"zh-{script}"
    return script, language, region


def _missing_message(script: str, source: str) -> str:
    label = _LABELS.get(script, script)
    if script in _CJK_REGION:
        hint = "install fonts-noto-cjk (Debian) or put NotoSansCJK-Bold.ttc and -Regular.ttc"
    else:
        stem = _STEMS.get(script, ("NotoSans",))[0]
        hint = f"install fonts-noto-core (Debian) or put {stem}-Bold.ttf and -Regular.ttf"
    return (
        f"no font covering {label} found; {hint} in a folder named by {FONT_DIR_ENV}, "
        f"or name one under [fonts] in {source}"
    )


def _candidates(script: str, region: str, weight: Weight) -> list[tuple[str, str | None]]:
    """File names to look for, each with the CJK region whose face to pick in a collection."""
    names: list[tuple[str, str | None]] = []
    weights = ("Bold", "Regular") if weight == "bold" else ("Regular", "Bold")
    for w in weights:
        if script in _CJK_REGION:
            names += [
                (f"NotoSansCJK-{w}.ttc", region),
                (f"NotoSansCJK{region.lower()}-{w}.otf", None),
                (f"NotoSans{region}-{w}.otf", None),
                (f"NotoSans{region}-{w}.ttf", None),
                (f"NotoSerifCJK-{w}.ttc", region),
            ]
        for stem in _STEMS.get(script, ()):
            names += [(f"{stem}-{w}.ttf", None), (f"{stem}-{w}.otf", None)]
            if w == "Regular":
                names.append((f"{stem}.ttf", None))
    return names


def _find_face(script: str, region: str, weight: Weight, dirs: Sequence[Path]) -> FontFace | None:
    for name, cjk_region in _candidates(script, region, weight):
        for directory in dirs:
            path = _dir_index(directory).get(name)
            if path is not None:
                index = _collection_index(path, cjk_region) if cjk_region else 0
                return FontFace(path, index)
    return None


def _explicit(spec: str | None, dirs: Sequence[Path], source: str) -> FontFace | None:
    """A font a template names: `file.ttf`, `/path/file.otf` or `file.ttc#2`."""
    if not spec:
        return None
    name, _, number = spec.partition("#")
    path: Path | None = Path(name) if Path(name).is_absolute() else None
    for directory in dirs:
        path = path or _dir_index(directory).get(name)
    if path is None or not path.is_file():
        searched = ", ".join(map(str, dirs)) or "no folders"
        raise TidingsError(source, None, f"font {spec!r} not found (searched {searched})")
    return FontFace(path, int(number) if number.isdigit() else 0)


def _dir_index(directory: Path) -> Mapping[str, Path]:
    try:
        stamp = directory.stat().st_mtime_ns
    except OSError:
        return {}
    return _dir_index_at(directory, stamp)


@lru_cache(maxsize=64)
def _dir_index_at(directory: Path, stamp: int) -> Mapping[str, Path]:
    found: dict[str, Path] = {}
    for root, _dirs, files in sorted(os.walk(directory)):
        for name in sorted(files):
            found.setdefault(name, Path(root) / name)
    return found


@lru_cache(maxsize=32)
def _collection_index(path: Path, region: str) -> int:
    """Index of the face for a CJK region (JP, KR, SC, TC, HK) in a .ttc, by its family name."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return 0
    collection = TTCollection(str(path), lazy=True)
    try:
        for index, font in enumerate(collection.fonts):
            family = str(font["name"].getDebugName(1) or "")
            if family.endswith(f" {region}") and "Mono" not in family:
                return index
    finally:
        collection.close()
    return 0


@lru_cache(maxsize=64)
def _cmap(face: FontFace) -> frozenset[int]:
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


@lru_cache(maxsize=256)
def _font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path), size, index=face.index, layout_engine=_LAYOUT)


@lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _face_identity(face: FontFace) -> str:
    stat = face.path.stat()
    return (
        f"{face.path.name}#{face.index}:{_file_digest(face.path, stat.st_size, stat.st_mtime_ns)}"
    )


# --- runs: which font draws which characters ------------------------------------------------

_SCRIPTS = [
    "Latin",
    "Greek",
    "Cyrillic",
    "Armenian",
    "Hebrew",
    "Arabic",
    "Syriac",
    "Thaana",
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Tibetan",
    "Myanmar",
    "Georgian",
    "Hangul",
    "Ethiopic",
    "Khmer",
    "Hiragana",
    "Katakana",
    "Han",
    "Bopomofo",
]


@dataclass(frozen=True)
class _Run:
    text: str
    face: FontFace
    rtl: bool


def _ignorable(ch: str) -> bool:
    """Format controls (ZWJ, ZWNJ, bidi marks) and variation selectors need no glyph."""
    cp = ord(ch)
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _covers(face: FontFace, cluster: str) -> bool:
    cmap = _cmap(face)
    return all(ord(ch) in cmap or _ignorable(ch) for ch in cluster)


def _face_index(cluster: str, faces: Sequence[FontFace], locale: str, text: str) -> int:
    for index, face in enumerate(faces):
        if _covers(face, cluster):
            return index
    ch = next((c for c in cluster if not _ignorable(c)), cluster[0])
    if regex.match(r"\p{Extended_Pictographic}", ch):
        script = "emoji"
    else:
        script = next((s for s in _SCRIPTS if regex.match(rf"\p{{Script={s}}}", ch)), "symbols")
    cjk = script in ("Han", "Hiragana", "Katakana", "Hangul", "Bopomofo")
    package = "fonts-noto-cjk" if cjk else "fonts-noto-core"
    raise TidingsError(
        locale,
        None,
        f"no font covering {script} found (U+{ord(ch):04X} {ch!r} in {text!r}); install {package} "
        f"or put a font that has it in a folder named by {FONT_DIR_ENV}",
    )


def _strong_rtl(text: str, default: bool) -> bool:
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return default


def _is_strong(cluster: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("L", "R", "AL") for ch in cluster)


def _runs(text: str, faces: Sequence[FontFace], rtl: bool, locale: str) -> list[_Run]:
    """Split text into runs of one font each, in logical order.

    Letters take the first face that covers them. Digits and punctuation stay with the run
    before them when its face covers them (so `COP28` stays one left-to-right run inside
    Arabic), except opening brackets and quotes, which go with the letters after them.
    """
    clusters: list[str] = regex.findall(r"\X", text)
    strong = [_face_index(c, faces, locale, text) if _is_strong(c) else -1 for c in clusters]
    pieces: list[tuple[str, int]] = []
    previous = -1
    for position, cluster in enumerate(clusters):
        if cluster.isspace():
            index = -1
        elif strong[position] != -1:
            index = strong[position]
        else:
            following = next((f for f in strong[position + 1 :] if f != -1), -1)
            opening = unicodedata.category(cluster[0]) in ("Ps", "Pi")
            if opening and following != -1 and _covers(faces[following], cluster):
                index = following
            elif previous != -1 and _covers(faces[previous], cluster):
                index = previous
            else:
                index = _face_index(cluster, faces, locale, text)
        if index != -1:
            previous = index
        if pieces and pieces[-1][1] == index:
            pieces[-1] = (pieces[-1][0] + cluster, index)
        else:
            pieces.append((cluster, index))
    texts: list[str] = []
    owners: list[int] = []
    carry = ""
    for k, (piece, index) in enumerate(pieces):
        if index == -1:
            after = pieces[k + 1] if k + 1 < len(pieces) else None
            target = owners[-1] if owners else (after[1] if after else 0)
            # A space between a Latin name and Arabic text belongs with the Arabic side in an
            # RTL title, so that the space lands between the two runs once they are ordered.
            if (
                owners
                and after
                and after[1] != target
                and _strong_rtl(after[0], rtl) == rtl
                and _strong_rtl(texts[-1], rtl) != rtl
            ):
                target = after[1]
            if not _covers(faces[target], piece):
                target = _face_index(piece, faces, locale, text)
            if owners and target == owners[-1]:
                texts[-1] += piece
            elif after and target == after[1]:
                carry = piece
            else:
                texts.append(piece)
                owners.append(target)
            continue
        piece, carry = carry + piece, ""
        if owners and owners[-1] == index:
            texts[-1] += piece
        else:
            texts.append(piece)
            owners.append(index)
    if len(texts) == 1:
        # One font for the whole line: RAQM applies the full bidi algorithm inside it.
        return [_Run(texts[0], faces[owners[0]], rtl)]
    return [_Run(t, faces[i], _strong_rtl(t, rtl)) for t, i in zip(texts, owners, strict=True)]


@dataclass(frozen=True)
class _Line:
    runs: tuple[_Run, ...]
    """In visual order, left to right."""
    size: int
    language: str | None
    advance: float

    @cached_property
    def ink(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of the pixels drawn, from the line's left end and baseline.

        Rasterized, because `FreeTypeFont.getbbox` spans the advance, not the ink, horizontally.
        """
        x = 0.0
        boxes = []
        for run in self.runs:
            font = _font(run.face, self.size)
            direction = _direction(run.rtl)
            # As ImageDraw.text does: whole pixels from int(x), the fraction as the start.
            whole = int(x)
            mask, (dx, dy) = font.getmask2(
                run.text,
                "L",
                anchor="ls",
                direction=direction,
                language=self.language,
                start=(x - whole, 0.0),
            )
            box = mask.getbbox()
            if box:
                left = whole + dx + box[0]
                boxes.append((left, dy + box[1], left + box[2] - box[0], dy + box[3]))
            x += font.getlength(run.text, direction=direction, language=self.language)
        if not boxes:
            return 0.0, 0.0, 0.0, 0.0
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _direction(rtl: bool) -> str | None:
    """Direction for RAQM; the basic layout (no libraqm) takes none and lays out left to right."""
    return ("rtl" if rtl else "ltr") if _RAQM else None


@lru_cache(maxsize=8192)
def _line(text: str, fonts: FontSet, weight: Weight, size: int, rtl: bool) -> _Line:
    runs = _runs(text, fonts.faces(weight), rtl, fonts.locale)
    visual = tuple(reversed(runs)) if rtl else tuple(runs)
    language = fonts.language if _RAQM else None
    advance = sum(
        _font(run.face, size).getlength(run.text, direction=_direction(run.rtl), language=language)
        for run in visual
    )
    return _Line(visual, size, language, advance)


def _draw_line(draw: ImageDraw.ImageDraw, line: _Line, x: float, y: float, fill: str) -> None:
    # Whole pixels, so the ink lands where `_Line.ink` measured it (glyphs rasterize per subpixel).
    x, y = round(x), round(y)
    for run in line.runs:
        font = _font(run.face, line.size)
        direction = _direction(run.rtl)
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


# --- line breaking --------------------------------------------------------------------------

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303F\uFF00-\uFFEF]")
# Light kinsoku: these never start a line ...
_NO_START = set("、。，．,.：:；;？?！!‼⁇⁈⁉）)］]｝}〕〉》」』】〙〗〟’”»›・‥…ー々〻ゝゞヽヾ％%")
# ... and these never end one.
_NO_END = set("（(［[｛{〔〈《「『【〘〖〝‘“«‹")
_BREAK_AFTER = set("-‐–—/")
_TRAILING = regex.compile(r"[\s,.;:、，。；：\-–—·]+\Z")


def _units(text: str) -> list[str]:
    """Cut text into pieces a line may break between; each keeps its trailing spaces."""
    units: list[str] = []
    glue = False
    for cluster in regex.findall(r"\X", text):
        if cluster.isspace():
            if units:
                units[-1] += cluster
            glue = False
            continue
        head = cluster[0]
        if not units:
            units.append(cluster)
        elif head in _NO_START or glue:
            units[-1] += cluster
        elif (
            units[-1][-1].isspace()
            or _CJK.match(head)
            or _CJK.match(units[-1][-1])
            or units[-1][-1] in _BREAK_AFTER
            and head.isalpha()
            and units[-1][:-1][-1:].isalpha()
        ):
            units.append(cluster)
        else:
            units[-1] += cluster
        glue = head in _NO_END
    return units


def _greedy(widths: Sequence[tuple[float, float]], max_width: float) -> list[list[int]]:
    """Fill lines greedily; widths are (ink without trailing spaces, full) per unit."""
    lines: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for index, (ink, full) in enumerate(widths):
        if current and used + ink > max_width:
            lines.append(current)
            current, used = [], 0.0
        current.append(index)
        used += full
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class TitleLayout:
    """How a title fits its box: the font size, its lines in reading order, and whether it was cut."""

    size: int
    lines: tuple[str, ...]
    line_height: int
    truncated: bool


PHRASE_SHRINK = 0.88
"""A title may get this much smaller to break only at spaces and punctuation, not inside a phrase."""


def layout_title(
    title: str, *, fonts: FontSet, template: CardTemplate, direction: Direction
) -> TitleLayout:
    """Wrap the title into the template's box, shrinking it and then cutting it with an ellipsis."""
    t = template
    text = _clean(title)
    fitter = _Fitter(t, fonts, direction == "rtl")
    sizes = list(range(t.title_size_max, t.title_size_min, -t.title_size_step)) + [t.title_size_min]
    if not text:
        return TitleLayout(t.title_size_max, (), fitter.line_height(t.title_size_max), False)
    for position, size in enumerate(sizes):
        found = fitter.attempt(text, size)
        if found is None:
            continue
        if found[1] and t.title_balance:
            # Breaking inside a phrase (between two CJK characters) reads worse than a slightly
            # smaller title that breaks at a space or after punctuation.
            for smaller in sizes[position + 1 :]:
                if smaller < size * PHRASE_SHRINK:
                    break
                better = fitter.attempt(text, smaller)
                if better is not None and not better[1]:
                    return TitleLayout(smaller, better[0], fitter.line_height(smaller), False)
        return TitleLayout(size, found[0], fitter.line_height(size), False)
    size = t.title_size_min
    return TitleLayout(size, fitter.ellipsized(text, size), fitter.line_height(size), True)


def _clean(text: str) -> str:
    """NFC, and runs of whitespace as one space; an ideographic space (U+3000) is kept."""
    return regex.sub(r"[^\S\u3000]+", " ", unicodedata.normalize("NFC", text)).strip()


class _Fitter:
    """Measures and wraps one title into one template's box at a given font size."""

    def __init__(self, t: CardTemplate, fonts: FontSet, rtl: bool) -> None:
        self.t, self.fonts, self.rtl = t, fonts, rtl
        left, top, right, bottom = t.title_box
        self.box_w, self.box_h = right - left, bottom - top
        self.factor = dict(t.title_line_height_by_script).get(fonts.script, t.title_line_height)

    def line_height(self, size: int) -> int:
        return round(size * self.factor)

    def line(self, text: str, size: int) -> _Line:
        return _line(text, self.fonts, self.t.title_weight, size, self.rtl)

    def units(self, text: str, size: int) -> tuple[list[str], list[tuple[float, float]]]:
        """Break units (a word wider than the box is split between graphemes) and their widths.

        Widths are measured once, at the largest size, and scaled: wrapping only needs them
        close, since `fits` checks the real ink of the lines it settles on.
        """
        reference = self.t.title_size_max
        scale = size / reference

        def width(piece: str) -> float:
            return self.line(piece, reference).advance * scale

        units: list[str] = []
        for unit in _units(text):
            word = unit.rstrip()
            if width(word) <= self.box_w:
                units.append(unit)
            else:
                units += regex.findall(r"\X", word)
                units[-1] += unit[len(word) :]
        return units, [(width(unit.rstrip()), width(unit)) for unit in units]

    def fits(self, texts: Sequence[str], size: int) -> bool:
        """Check real ink: every line within the box width, the block within its height."""
        lines = [self.line(text, size) for text in texts]
        if any(line.ink[2] - line.ink[0] > self.box_w for line in lines):
            return False
        step = self.line_height(size)
        top = min(i * step + line.ink[1] for i, line in enumerate(lines))
        bottom = max(i * step + line.ink[3] for i, line in enumerate(lines))
        return bottom - top <= self.box_h

    def attempt(self, text: str, size: int) -> tuple[tuple[str, ...], int] | None:
        """Lines at this size and how many break inside a phrase, or None if it does not fit."""
        units, widths = self.units(text, size)
        greedy = _greedy(widths, self.box_w)
        if len(greedy) > self.t.title_max_lines:
            return None
        choices = [greedy]
        if self.t.title_balance and len(greedy) > 1:
            choices.insert(0, _balanced(units, widths, self.box_w, len(greedy)))
        for lines in choices:
            texts = tuple("".join(units[i] for i in line).strip() for line in lines)
            if self.fits(texts, size):
                bad = sum(_break_penalty(units[line[0] - 1]) >= 1 for line in lines[1:])
                return texts, bad
        return None

    def ellipsized(self, text: str, size: int) -> tuple[str, ...]:
        """As many lines as fit at this size, the last one cut short with an ellipsis."""
        units, widths = self.units(text, size)
        lines = _greedy(widths, self.box_w)
        for keep in range(min(self.t.title_max_lines, len(lines)), 0, -1):
            texts = ["".join(units[i] for i in line).strip() for line in lines[: keep - 1]]
            tail = [units[i] for i in lines[keep - 1]]
            while True:
                last = _TRAILING.sub("", "".join(tail)) + ELLIPSIS
                ink = self.line(last, size).ink
                if ink[2] - ink[0] <= self.box_w or not tail[0]:
                    break
                if len(tail) > 1:
                    tail.pop()
                else:
                    tail = [tail[0][: -len(regex.findall(r"\X", tail[0])[-1])]]
            texts.append(last)
            if keep == 1 or self.fits(texts, size):
                return tuple(texts)
        return (ELLIPSIS,)


_PHRASE_END = set("，、。：；！？」』）】》〉”’…·・,.:;!?)")


def _break_penalty(before: str) -> float:
    """Cost of breaking a line after this unit: free after a space or punctuation."""
    last = before[-1]
    if last.isspace() or last in _PHRASE_END:
        return 0.0
    return 0.5 if last in _BREAK_AFTER else 1.0


def _balanced(
    units: Sequence[str], widths: Sequence[tuple[float, float]], max_width: float, count: int
) -> list[list[int]]:
    """Break into `count` lines of even length, preferring breaks at spaces and punctuation.

    Minimizes the sum of squared slack over all lines (even lengths, as CSS `text-wrap:
    balance`) plus a penalty for each break inside a phrase, by dynamic programming.
    """
    total = len(units)
    prefix = [0.0]
    for _, full in widths:
        prefix.append(prefix[-1] + full)
    penalty = (0.35 * max_width) ** 2
    best: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, -1)}
    for line in range(1, count + 1):
        for end in range(line, total + 1):
            for start in range(end - 1, line - 2, -1):
                width = prefix[end - 1] - prefix[start] + widths[end - 1][0]
                if width > max_width:
                    break
                previous = best.get((line - 1, start))
                if previous is None:
                    continue
                cost = previous[0] + (max_width - width) ** 2
                if start:
                    cost += penalty * _break_penalty(units[start - 1])
                if cost < best.get((line, end), (float("inf"), 0))[0]:
                    best[(line, end)] = (cost, start)
    if (count, total) not in best:
        return _greedy(widths, max_width)
    lines: list[list[int]] = []
    end = total
    for line in range(count, 0, -1):
        start = best[(line, end)][1]
        lines.insert(0, list(range(start, end)))
        end = start
    return lines


# --- drawing --------------------------------------------------------------------------------


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
    if direction == "rtl" and not _RAQM:
        raise TidingsError(locale, None, "right-to-left cards need Pillow built with libraqm")
    fonts = fonts or fonts_for(locale, template=t)
    rtl = direction == "rtl"
    canvas = _background(t, image, rtl)
    draw = ImageDraw.Draw(canvas, "RGBA")
    _draw_decor(draw, t, rtl)
    _draw_footer(draw, t, fonts, _clean(site_name), _clean(date_text), rtl)
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
) -> _Line:
    """One line of footer text, cut with an ellipsis when wider than `width`.

    Its direction is its own (the first strong character's), as HTML's `dir="auto"`: an English
    date on an Arabic card still reads left to right.
    """
    rtl = _strong_rtl(text, card_rtl)
    line = _line(text, fonts, weight, size, rtl)
    clusters = regex.findall(r"\X", text)
    while line.ink[2] - line.ink[0] > width and clusters:
        clusters.pop()
        line = _line(_TRAILING.sub("", "".join(clusters)) + ELLIPSIS, fonts, weight, size, rtl)
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
    for line, text, at_left, color, size in (
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
    lines = [_line(text, fonts, t.title_weight, layout.size, rtl) for text in layout.lines]
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
    fonts = fonts or fonts_for(locale, template=t)
    design = {k: v for k, v in dataclasses.asdict(t).items() if k != "source"}
    try:
        picture = hashlib.sha256(image.read_bytes()).hexdigest() if image is not None else None
    except OSError as exc:
        raise TidingsError(
            str(image), None, f"cannot read the story image: {exc.strerror}"
        ) from None
    payload = {
        "version": CARD_VERSION,
        "pillow": PIL.__version__,
        "raqm": features.version("raqm"),
        "freetype": features.version("freetype2"),
        "title": title,
        "site_name": site_name,
        "date_text": date_text,
        "locale": locale,
        "direction": direction,
        "template": design,
        "image": picture,
        "fonts": [_face_identity(face) for face in (*fonts.bold, *fonts.regular)],
        "language": fonts.language,
        "script": fonts.script,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
