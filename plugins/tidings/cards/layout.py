"""Wrapping a title into the template's box.

Line breaking: at spaces, and between any two CJK characters, keeping light kinsoku (no line
starts with closing punctuation such as 。，、）」 and none ends with an opening one). The title
shrinks from the template's largest size to its smallest and is then cut with an ellipsis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from tidings.cards.fonts import FontSet
from tidings.cards.template import CardTemplate
from tidings.cards.text import Direction, Line, clean_text, shape_line

ELLIPSIS = "…"

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u3000-\u303F\uFF00-\uFFEF]")
# Light kinsoku: these never start a line ...
_NO_START = set("、。，．,.：:；;？?！!‼⁇⁈⁉）)］]｝}〕〉》」』】〙〗〟’”»›・‥…ー々〻ゝゞヽヾ％%")
# ... and these never end one.
_NO_END = set("（(［[｛{〔〈《「『【〘〖〝‘“«‹")
_BREAK_AFTER = set("-‐–—/")
TRAILING_PUNCTUATION = regex.compile(r"[\s,.;:、，。；：\-–—·]+\Z")


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
            or (units[-1][-1] in _BREAK_AFTER and head.isalpha() and units[-1][:-1][-1:].isalpha())
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
    text = clean_text(title)
    fitter = _Fitter(t, fonts, direction == "rtl")
    sizes = [*range(t.title_size_max, t.title_size_min, -t.title_size_step), t.title_size_min]
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


class _Fitter:
    """Measures and wraps one title into one template's box at a given font size."""

    def __init__(self, t: CardTemplate, fonts: FontSet, rtl: bool) -> None:
        self.t, self.fonts, self.rtl = t, fonts, rtl
        left, top, right, bottom = t.title_box
        self.box_w, self.box_h = right - left, bottom - top
        self.factor = dict(t.title_line_height_by_script).get(fonts.script, t.title_line_height)

    def line_height(self, size: int) -> int:
        return round(size * self.factor)

    def line(self, text: str, size: int) -> Line:
        return shape_line(text, self.fonts, self.t.title_weight, size, self.rtl)

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
                last = TRAILING_PUNCTUATION.sub("", "".join(tail)) + ELLIPSIS
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
