"""Fonts for a card: found per script among installed files, checked glyph by glyph.

Every character is checked against the font's cmap (read with fontTools) before drawing, so a
card never shows tofu: a character no font covers is an error that names the package to install.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from babel.core import get_global
from fontTools.ttLib import TTCollection, TTFont
from PIL import ImageFont, features

from tidings.cards.template import CardTemplate, Weight, default_template
from tidings.errors import TidingsError
from tidings.locales import locale as parse_locale

FONT_DIR_ENV = "TIDINGS_FONT_DIR"
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),  # fonts-noto-cjk
    Path("/usr/share/fonts/truetype/noto"),  # fonts-noto-core
    Path("/usr/share/fonts/truetype/dejavu"),  # fonts-dejavu-core
)

RAQM = features.check_feature("raqm")
"""Whether Pillow has libraqm, for shaping (Arabic joining) and right-to-left layout."""
_LAYOUT = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC


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
def freetype_font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    """Load a face at a size, laid out by RAQM when Pillow has it."""
    return ImageFont.truetype(str(face.path), size, index=face.index, layout_engine=_LAYOUT)


@lru_cache(maxsize=64)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def face_identity(face: FontFace) -> str:
    """Name, index and content hash of a face, so that `card_key` changes with the font."""
    stat = face.path.stat()
    return (
        f"{face.path.name}#{face.index}:{_file_digest(face.path, stat.st_size, stat.st_mtime_ns)}"
    )


# --- coverage: which face has a glyph for which characters -------------------------------------

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


def _ignorable(ch: str) -> bool:
    """Format controls (ZWJ, ZWNJ, bidi marks) and variation selectors need no glyph."""
    cp = ord(ch)
    return unicodedata.category(ch) == "Cf" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def covers(face: FontFace, cluster: str) -> bool:
    """Whether the face has a glyph for every character of a grapheme cluster."""
    cmap = _cmap(face)
    return all(ord(ch) in cmap or _ignorable(ch) for ch in cluster)


def face_index(cluster: str, faces: Sequence[FontFace], locale: str, text: str) -> int:
    """Index of the first face that covers the cluster; an error naming a package if none does."""
    for index, face in enumerate(faces):
        if covers(face, cluster):
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
