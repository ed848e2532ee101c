"""The front matter Tidings hands MkDocs for a generated page reads back as exactly the values
given (issue "Rebuild only what changed": it is written as one line of JSON, not by PyYAML's
emitter). The oracle is MkDocs' own reader, `mkdocs.utils.meta.get_data` (PyYAML's SafeLoader,
YAML 1.1), which drops the *whole* front matter without a word when the YAML is unreadable."""

from __future__ import annotations

import datetime as dt
import html
import random

import pytest
from mkdocs.utils.meta import get_data

from attacks import FIELD_ATTACKS
from tidings.mkdocs_plugins.support import front_matter


def read_back(meta: dict[str, object]) -> dict[str, object]:
    body, data = get_data(front_matter(meta) + "The body.\n")
    assert body == "The body.\n"
    return data


def texts() -> list[str]:
    rng = random.Random(5)
    ranges = [(0, 0x80), (0x80, 0x3000), (0xE000, 0x10000), (0x10000, 0x110000)]
    found = [
        "",
        "yes",
        "no",
        "null",
        "~",
        "2024-01-01",
        "1e3",
        "- a",
        ": b",
        "# c",
        '"',
        "\\",
        "---",
        "...",
        "{a: b}",
        "a\nb",
        "\t",
        # YAML 1.1 line breaks a quoted scalar would fold to a space, and what PyYAML refuses
        "\x85",
        "\u2028",
        "\u2029",
        "\x7f",
        "\x9f",
        "\ufeff",
        "\ufffe",
        "\x00",
        "\x1b[31m",
    ]
    found += [text for _name, text in FIELD_ATTACKS]
    for _ in range(3000):
        found.append(
            "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(12)))
        )
    return found


@pytest.mark.parametrize("chunk", range(6))
def test_every_text_reads_back_as_written(chunk: int) -> None:
    for text in texts()[chunk::6]:
        data = read_back({"title": text, "description": text})
        shown = html.escape(text, quote=True)
        assert data == {"title": shown, "description": shown, "tidings_title": text}, repr(text)


def test_other_values_keep_their_types() -> None:
    meta = {"title": "T", "tags": ["a", "b"], "n": 3, "x": 1.5, "on": True, "none": None}
    assert read_back(meta) == {**meta, "tidings_title": "T", "title": "T"}
    # A value JSON cannot say (a page's own front matter may hold dates) goes through YAML.
    dated = {"title": "T", "date": dt.date(2026, 12, 2)}
    assert read_back(dated) == {**dated, "tidings_title": "T"}
