"""Segmentation: unit tables, byte-exact round trips, and pseudo-localization structure."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from markdown_render import leftover_source_text, render, structure
from tidings.story.schema import split_front_matter
from tidings.units.markup import has_words
from tidings.units.pseudo import pseudo_body
from tidings.units.rebuild import rebuild
from tidings.units.segment import KINDS, join_lines, segment

ROOT = Path(__file__).resolve().parents[1]
CONTENT = sorted((ROOT / "content").rglob("*.md"))
CORPUS = sorted((ROOT / "tests" / "corpus").rglob("*.md"))
CORPUS = [p for p in CORPUS if p.name != "SOURCES.md"]


def body_of(path: Path) -> tuple[str, int]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):  # real-world pages may have front matter too
        _, _, body, line = split_front_matter(text, str(path))
        return body, line
    return text, 1


CASES = [
    ("# Title { #anchor }\n", [("heading", "Title")]),
    ("Title\n=====\n", [("heading", "Title")]),
    ("One line\nwrapped here.\n", [("paragraph", "One line wrapped here.")]),
    ("中文第一行\n第二行。\n", [("paragraph", "中文第一行第二行。")]),
    ("Hard  \nbreak\n", [("paragraph", "Hard  \nbreak")]),
    ("- a\n- b\n    - c\n", [("list item", "a"), ("list item", "b"), ("list item", "c")]),
    ("> quoted\n> text\n", [("blockquote", "quoted text")]),
    (
        "| H1 | H2 |\n|----|----|\n| `a|b` x | c \\| d |\n",
        [
            ("table header", "H1"),
            ("table header", "H2"),
            ("table cell", "`a|b` x"),
            ("table cell", "c \\| d"),
        ],
    ),
    ("![A red lantern](img/a.png){ width=300 }\n", [("image alt", "A red lantern")]),
    (
        '!!! note "Mind this"\n    Body text.\n',
        [("admonition title", "Mind this"), ("admonition", "Body text.")],
    ),
    ('???+ tip "Open me"\n    Inside.\n', [("details title", "Open me"), ("details", "Inside.")]),
    ("!!! warning\n    No title.\n", [("admonition", "No title.")]),
    (
        '=== "Python"\n    Tab text.\n\n=== "Shell"\n    More.\n',
        [
            ("tab title", "Python"),
            ("tab", "Tab text."),
            ("tab title", "Shell"),
            ("tab", "More."),
        ],
    ),
    ("Text[^1].\n\n[^1]: The note.\n", [("paragraph", "Text[^1]."), ("footnote", "The note.")]),
    ("Term\n:   Its definition.\n", [("term", "Term"), ("definition", "Its definition.")]),
    ("*[HTML]: Hyper Text Markup Language\n", [("abbreviation", "Hyper Text Markup Language")]),
    ("Para\n{: .lead }\n", [("paragraph", "Para")]),
    ("```python\nprint('no')\n```\n\n    indented code\n", []),
    ('<div class="raw">\n\nNot markdown\n\n</div>\n', []),
    ("<div markdown>\n\nIs markdown\n\n</div>\n", [("paragraph", "Is markdown")]),
    ("[ref]: https://example.org\n\n$$\nE = mc^2\n$$\n", []),
    ("[TOC]\n\n`only code`\n\n<https://example.org>\n", []),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_units(source: str, expected: list[tuple[str, str]]) -> None:
    assert [(u.kind, u.text) for u in segment(source)] == expected


def test_unit_lines_count_from_the_file() -> None:
    units = segment("# A\n\nB\n\n- C\n", first_line=7)
    assert [u.line for u in units] == [7, 9, 11]


def test_rewrapping_keeps_the_msgid() -> None:
    narrow = segment("A long sentence that a writer\nwrapped at a narrow width.\n")[0].text
    wide = segment("A long sentence that a writer wrapped\nat a narrow width.\n")[0].text
    assert narrow == wide


def test_join_lines_mixed_scripts() -> None:
    assert join_lines(["使用", "Markdown 写作"]) == "使用Markdown 写作"
    assert join_lines(["Tidings", "让"]) == "Tidings让"
    assert join_lines(["한국어", "문장"]) == "한국어 문장"


def test_multiline_translation_keeps_container_prefix() -> None:
    body = "> quoted\n> text\n"
    (unit,) = segment(body)
    out = rebuild(body, [unit], lambda u: "first  \nsecond")
    assert out == "> first  \n> second\n"


DOCUMENTS = CONTENT + CORPUS


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_identity_round_trip(path: Path) -> None:
    body, line = body_of(path)
    units = segment(body, line)
    assert rebuild(body, units, lambda u: u.text) == body
    assert all(body[u.start : u.end].strip() for u in units)
    assert {u.kind for u in units} <= set(KINDS)  # every kind translators may see is documented


def _container_types(body: str) -> set[str]:
    return {
        m.capitalize()
        for m in regex.findall(r"^[ \t:]*(?:!!!|\?\?\?\+?)[ \t]+(\w+)", body, flags=regex.M)
    }


@pytest.mark.parametrize("path", DOCUMENTS, ids=_id)
def test_pseudo_localization_keeps_structure(path: Path) -> None:
    body, line = body_of(path)
    keep = frozenset(regex.findall(r"^\*\[([^\]]+)\]", body, flags=regex.M))
    localized = pseudo_body(body, line)
    source_html, pseudo_html = render(body), render(localized)
    assert structure(pseudo_html) == structure(source_html)
    allowed = _container_types(body) | keep
    raw = _raw_html_text(body) + " " + _fenced_text(body)
    left = [
        t
        for t in leftover_source_text(pseudo_html)
        # Markup that renders as literal text (an undefined reference, an attribute list
        # after a shortcode) and the text of raw HTML blocks are not units by design.
        # Fenced code is code even where the site's Markdown does not recognise the fence.
        if t not in allowed
        and has_words(t)
        and " ".join(t.replace("```", "").split()) not in raw
        and not t.startswith(("```", "~~~"))
    ]
    assert left == []


def _fenced_text(body: str) -> str:
    """Whitespace-normalized text of fenced code blocks, found by their fences alone."""
    fences = regex.findall(
        r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", body, flags=regex.M | regex.S
    )
    return " ".join(" ".join(code.split()) for _, code in fences)


def _raw_html_text(body: str) -> str:
    """Whitespace-normalized text of raw HTML: from a line opening a tag to the chunk's end."""
    found = []
    for chunk in regex.split(r"\n[ \t]*\n", body):
        start = regex.search(r"^[ \t]*<([A-Za-z][\w-]*)(?![^>]*\bmarkdown\b)", chunk, flags=regex.M)
        if start:
            found.append(" ".join(regex.sub(r"<[^>]+>", " ", chunk[start.start() :]).split()))
    return " ".join(found)
