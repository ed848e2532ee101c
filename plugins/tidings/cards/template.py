"""The card template: the design as data, `templates/card.toml` with a site's own file on top.

Every field is `[section] key` in the TOML file and documented there. A site's file lists only
the keys it changes; unknown keys, wrong types and impossible sizes are errors naming the file.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from tidings.errors import TidingsError

WIDTH, HEIGHT = 1200, 630
DEFAULT_TEMPLATE = Path(__file__).parent.parent / "templates" / "card.toml"

Weight = Literal["bold", "regular"]


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
