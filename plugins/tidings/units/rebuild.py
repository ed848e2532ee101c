"""Put a story back together in another language by substituting translated source slices."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tidings.units.segment import Unit

#: Returns the translation of a unit, or None to keep the source text.
Translate = Callable[[Unit], "str | None"]


def rebuild(
    body: str, units: Sequence[Unit], translate: Translate, keep_identical: bool = True
) -> str:
    """Return `body` with each unit's slice replaced by its translation.

    A unit without a translation, or whose translation equals its msgid, keeps its source
    slice byte for byte, so the identity translation gives back the source exactly.
    With `keep_identical=False` such units are written as their msgid (soft breaks collapsed).
    """
    out: list[str] = []
    position = 0
    for unit in units:
        translation = translate(unit)
        if translation is None or (keep_identical and translation == unit.text):
            continue
        out.append(body[position : unit.start])
        out.append(translation.replace("\n", "\n" + unit.prefix) if unit.prefix else translation)
        position = unit.end
    out.append(body[position:])
    return "".join(out)


def collapse_soft_breaks(body: str, units: Sequence[Unit]) -> str:
    """Join wrapped lines of every unit as its msgid does (no stray spaces between CJK lines)."""
    return rebuild(
        body,
        [u for u in units if "\n" in body[u.start : u.end]],
        lambda u: u.text,
        keep_identical=False,
    )
