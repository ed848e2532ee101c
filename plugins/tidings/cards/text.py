"""Lines of text as runs of one font each, shaped by Pillow's RAQM layout (HarfBuzz + FriBiDi).

Arabic joins and runs right to left. A line whose characters need two fonts is drawn as runs,
one per font, ordered with one level of bidi embedding (a Latin name inside an Arabic title);
inside a run, RAQM does the full bidi algorithm.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

import regex

from tidings.cards.fonts import RAQM, FontFace, FontSet, covers, face_index, freetype_font
from tidings.cards.template import Weight

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class _Run:
    text: str
    face: FontFace
    rtl: bool


def strong_rtl(text: str, default: bool) -> bool:
    """Whether text reads right to left, by its first strong character; `default` if none."""
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
    strong = [face_index(c, faces, locale, text) if _is_strong(c) else -1 for c in clusters]
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
            if opening and following != -1 and covers(faces[following], cluster):
                index = following
            elif previous != -1 and covers(faces[previous], cluster):
                index = previous
            else:
                index = face_index(cluster, faces, locale, text)
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
                and strong_rtl(after[0], rtl) == rtl
                and strong_rtl(texts[-1], rtl) != rtl
            ):
                target = after[1]
            if not covers(faces[target], piece):
                target = face_index(piece, faces, locale, text)
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
    return [_Run(t, faces[i], strong_rtl(t, rtl)) for t, i in zip(texts, owners, strict=True)]


@dataclass(frozen=True)
class Line:
    """One line of text as runs of one font each, at one size, with its measured advance."""

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
            font = freetype_font(run.face, self.size)
            direction = raqm_direction(run.rtl)
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


def raqm_direction(rtl: bool) -> str | None:
    """Direction for RAQM; the basic layout (no libraqm) takes none and lays out left to right."""
    return ("rtl" if rtl else "ltr") if RAQM else None


@lru_cache(maxsize=8192)
def shape_line(text: str, fonts: FontSet, weight: Weight, size: int, rtl: bool) -> Line:
    """Split a line into runs, put them in visual order and measure its advance."""
    runs = _runs(text, fonts.faces(weight), rtl, fonts.locale)
    visual = tuple(reversed(runs)) if rtl else tuple(runs)
    language = fonts.language if RAQM else None
    advance = sum(
        freetype_font(run.face, size).getlength(
            run.text, direction=raqm_direction(run.rtl), language=language
        )
        for run in visual
    )
    return Line(visual, size, language, advance)


def clean_text(text: str) -> str:
    """NFC, and runs of whitespace as one space; an ideographic space (U+3000) is kept."""
    return regex.sub(r"[^\S\u3000]+", " ", unicodedata.normalize("NFC", text)).strip()
