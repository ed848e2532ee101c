"""Small, precise tests of the trust checks, written to kill the mutants that mutation testing
(`make mutate`, mutmut) found alive under tests/test_trust.py and tests/test_trust_build.py.

scripts/MUTATION.md has the run and the mutants left on purpose. The tests call the functions
themselves, with inputs no other test uses, and build their own `UnitRenderer`: mutmut gives a
mutant only the tests that called its function during a first, unmutated run, and the checks'
caches (and the build tests' shared site) hide most calls from every test but the first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.slugs import slugify

from tidings.catalogs.checks import _pattern_problems, check_translation
from tidings.catalogs.rendered import UnitRenderer, describe_difference, rendered_differences
from tidings.characters import BadCharacter, bad_characters, first_bad_character
from tidings.confine import confined
from tidings.errors import TidingsError
from tidings.mkdocs_plugins.support import front_matter
from tidings.project import MarkdownSetup, markdown_setup, read_config

ROOT = Path(__file__).resolve().parents[1]
SITE = markdown_setup(
    read_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
)
UNKNOWN = MarkdownSetup(("tidings_no_such_extension",))

# --- characters: XML 1.0 section 2.2 ------------------------------------------------------


# XML 1.0 (Fifth Edition) section 2.2, production [2]:
#   Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
# tidings.characters also refuses what the same section "discourages" (DEL, C1 controls,
# noncharacters). Each edge of those ranges, on both sides.
@pytest.mark.parametrize(
    ("char", "is_text"),
    [
        ("\x1f", False), ("\x20", True), ("\x7e", True), ("\x7f", False), ("\x9f", False), ("\xa0", True),
        ("\ud7ff", True), (chr(0xD800), False), (chr(0xDFFF), False), ("\ue000", True),
        ("\ufdcf", True), ("\ufdd0", False), ("\ufdef", False), ("\ufdf0", True),
        ("\ufffd", True), ("\ufffe", False), ("\uffff", False), ("\U00010000", True),
        ("\U0010fffd", True), ("\U0010fffe", False),
    ],
)  # fmt: skip
def test_the_edges_of_the_xml_char_ranges(char: str, is_text: bool) -> None:
    assert (first_bad_character(f"a{char}b") is None) is is_text


def test_line_and_column_when_the_text_starts_with_a_line_feed() -> None:
    # The first line feed is at offset 0: it must still count for the line and the column.
    assert [(b.char, b.line, b.column) for b in bad_characters("\nab\x00")] == [("\x00", 2, 3)]
    bad = first_bad_character("\n\x07")
    assert bad is not None and (bad.line, bad.column) == (2, 1)


@pytest.mark.parametrize(
    ("char", "description"),
    [
        # A control character that has no Unicode name: no empty "()" and no made-up name.
        (
            "\x01",
            "the control character U+0001 at column 4, which cannot be shown as text; remove it",
        ),
        (
            "\x1b",
            "the control character U+001B (ESCAPE) at column 4, which cannot be shown as text; remove it",
        ),
        # Both ends of the surrogate block D800-DFFF.
        # (written with chr(): linters decode both literals to the same replacement character)
        (chr(0xD800), "a lone surrogate at column 4, which cannot be shown as text; remove it"),
        (chr(0xDFFF), "a lone surrogate at column 4, which cannot be shown as text; remove it"),
        ("\ufdd0", "the noncharacter U+FDD0 at column 4, which cannot be shown as text; remove it"),
    ],
)
def test_descriptions_name_the_character_exactly(char: str, description: str) -> None:
    (bad,) = bad_characters(f"abc{char}")
    assert bad == BadCharacter(char, 1, 4)
    assert bad.describe() == description


# --- patterns -----------------------------------------------------------------------------


def test_collapsed_reference_is_named_by_its_text() -> None:
    # `[label][]` has no entry in checks._LABELS: the message falls back to the kind's name.
    added = _pattern_problems("Text.", "Texte [ici][].")
    dropped = _pattern_problems("Text [here][].", "Texte.")
    assert len(added) == 1 and added[0].endswith("'[ici][]' is not in the source")
    assert len(dropped) == 1 and dropped[0].endswith("'[here][]' of the source is missing")
    assert not any(p.startswith("None") for p in added + dropped)


def test_plain_text_fields_only_look_for_additions() -> None:
    # A front-matter field is plain text: dropping the source's markup is not a problem.
    assert (
        _pattern_problems(
            "See ![map](map.png), `tea` and [the shop](https://x.org).", "Voir.", keep_source=False
        )
        == []
    )
    assert (
        check_translation(
            "Along the `canal` [walk](https://x.org/walk)", "Le long du canal", "title", SITE
        )
        == []
    )


def test_blank_lines_and_images_messages() -> None:
    assert _pattern_problems("Text ![x](y.png) here.", "Texte ici.") == [
        "drops an image of the source",
        "link target 'y.png' of the source is missing",
    ]
    assert _pattern_problems("One. Two.", "Un.\n\nDeux.") == [
        "adds a blank line, which would start a new paragraph"
    ]
    # A unit that already has a blank line (a footnote or admonition body) may keep it.
    assert _pattern_problems("One.\n\nTwo.", "Un.\n\nDeux.") == []
    assert _pattern_problems("One.\n  \nTwo.", "Un.\n\t\nDeux.") == []


def test_check_translation_defaults_to_a_paragraph() -> None:
    # Without a kind, the unit is Markdown (a paragraph), not a plain-text field: the link that
    # the translation drops is reported.
    problems = check_translation(
        "The [tea shop](https://example.org/tea-shop).", "La boutique de thé."
    )
    assert "link target 'https://example.org/tea-shop' of the source is missing" in problems


def test_check_translation_uses_the_setup_it_is_given() -> None:
    with pytest.raises(TidingsError):
        check_translation("Le **thé** noir.", "Le **thé** noir.", "paragraph", UNKNOWN)


# --- rendering ----------------------------------------------------------------------------


def test_unloadable_extensions_are_a_mkdocs_yml_error() -> None:
    with pytest.raises(TidingsError) as error:
        UnitRenderer(UNKNOWN)
    assert (error.value.path, error.value.line) == ("mkdocs.yml", None)
    assert error.value.problem.message.startswith(
        "cannot load the Markdown extensions ['tidings_no_such_extension']: "
    )


def test_the_renderer_loads_the_sites_extensions() -> None:
    events = UnitRenderer(SITE).render("admonition", "Boire du thé.").events
    assert events[0] == ("start", "div", (("class", "admonition note"),))


@pytest.mark.parametrize(
    "setup",
    [
        SITE,
        MarkdownSetup(("toc",)),
        MarkdownSetup(("markdown.extensions.toc",)),
        MarkdownSetup(("toc",), {"toc": {"permalink": "#"}}),
    ],
    ids=["site", "toc", "markdown.extensions.toc", "toc-with-options"],
)
def test_heading_ids_do_not_depend_on_the_language(setup: MarkdownSetup) -> None:
    renderer = UnitRenderer(setup)
    source, translated = (
        renderer.render("heading", "How it works"),
        renderer.render("heading", "Comment ça marche"),
    )
    assert source.events == translated.events
    assert source.events[0] == ("start", "h2", (("id", "tidings"),))


def test_tab_ids_do_not_depend_on_the_language() -> None:
    setup = MarkdownSetup(
        ("pymdownx.tabbed",),
        {"pymdownx.tabbed": {"alternate_style": True, "slugify": slugify(case="lower")}},
    )
    renderer = UnitRenderer(setup)
    assert (
        renderer.render("tab title", "Green tea").events
        == renderer.render("tab title", "Thé vert").events
    )


def test_an_unknown_kind_renders_as_a_paragraph() -> None:
    renderer = UnitRenderer(SITE)
    assert (
        renderer.render("tidings no such kind", "Le **thé**.").events
        == renderer.render("paragraph", "Le **thé**.").events
    )


def test_a_line_break_in_an_admonition_stays_in_the_admonition() -> None:
    # The continuation lines get the unit's indentation, as `localize.rebuild` writes them.
    assert (
        rendered_differences(
            SITE, "admonition", "Line one and line two.", "Ligne un\net ligne deux."
        )
        == []
    )
    assert (
        rendered_differences(
            SITE, "list item", "Line one and line two.", "Ligne un\net ligne deux."
        )
        == []
    )


def test_a_heading_id_change_names_both_ids() -> None:
    assert rendered_differences(
        SITE, "heading", "Where the tea grows", "Où pousse le thé { #ailleurs }"
    ) == ["changes id of a heading from 'tidings' to 'ailleurs'"]


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        (
            "Le village <?php echo 1; ?> vend du thé.",
            "adds an HTML declaration, which the source does not have here",
        ),
        (
            "Le village <![CDATA[x]]> vend du thé.",
            "adds an HTML declaration, which the source does not have here",
        ),
        ("<!DOCTYPE html>", "has an HTML declaration where the source has a paragraph break"),
    ],
)
def test_declarations_and_processing_instructions_are_seen(translation: str, message: str) -> None:
    assert rendered_differences(SITE, "paragraph", "Le village vend du thé.", translation) == [
        message
    ]


def test_the_order_of_duplicate_attributes_counts() -> None:
    # WHATWG HTML, tokenization: a repeated attribute name is a "duplicate-attribute" parse
    # error and the later attribute is dropped, so a browser follows the first href.
    source = 'Le <a href="https://a.example/" href="https://b.example/">thé</a>'
    swapped = 'Le <a href="https://b.example/" href="https://a.example/">thé</a>'
    assert rendered_differences(SITE, "paragraph", source, source) == []
    assert rendered_differences(SITE, "paragraph", source, swapped) != []


def test_a_redefined_link_reference_is_seen() -> None:
    problems = rendered_differences(
        SITE,
        "paragraph",
        "Le thé.\n[shop]: https://a.example/",
        "Le thé.\n[shop]: https://evil.example/",
    )
    assert problems == [
        "defines the link reference [shop], which would change other parts of the page"
    ]


def test_only_the_units_own_definition_is_masked() -> None:
    # In an abbreviation unit, the abbreviation the context defines holds the unit's own text;
    # any other definition must keep its value.
    expected = ["defines the abbreviation *[CITY], which would change other parts of the page"]
    paragraph = rendered_differences(
        SITE, "paragraph", "Le thé.\n*[CITY]: Ville", "Le thé.\n*[CITY]: Evil"
    )
    abbreviation = rendered_differences(
        SITE, "abbreviation", "Tea cooperative\n*[CITY]: Ville", "Coopérative de thé\n*[CITY]: Evil"
    )
    assert paragraph == expected
    assert abbreviation == expected


def test_html_in_an_alt_text_is_seen_next_to_another_alt_text() -> None:
    # The source's alt texts "Le thé <" and "vert" do not make a tag between them.
    source = "![Le thé <](a.png) ![vert](b.png)"
    translated = "![Le thé <](a.png) ![<b>vert</b>](b.png)"
    assert rendered_differences(SITE, "paragraph", source, translated) == [
        "puts text that looks like HTML ('<b') into an alt text or title, which is plain text"
    ]


class _Explodes(Extension):
    """A third-party extension that fails on some input."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.preprocessors.register(_ExplodingPreprocessor(md), "tidings-explodes", 0)


class _ExplodingPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if any("BOOM" in line for line in lines):
            raise RuntimeError("boom")
        return lines


def makeExtension(**kwargs: Any) -> Extension:  # Python-Markdown's name
    return _Explodes(**kwargs)


def test_a_failing_extension_is_named_by_its_exception() -> None:
    setup = MarkdownSetup((__name__,))
    assert rendered_differences(setup, "paragraph", "Calm tea.", "BOOM") == [
        "cannot be rendered as Markdown (RuntimeError)"
    ]


def test_an_end_tag_that_moves_is_not_what_was_added() -> None:
    # Source <p><strong><code/></strong></p>; translation <p><strong/><em/><code/></p>: the
    # inserted events start with </strong>, but what the translation adds is the italic text.
    problems = rendered_differences(
        SITE, "paragraph", "Le **`thé`** vert.", "Le **thé** *vert* `thé`."
    )
    assert problems == ["adds italic text (*…*), which the source does not have here"]


# --- describing differences ---------------------------------------------------------------

P, END_P = ("start", "p", ()), ("end", "p")
EM, END_EM = ("start", "em", ()), ("end", "em")
STRONG, END_STRONG = ("start", "strong", ()), ("end", "strong")
CODE, END_CODE = ("start", "code", ()), ("end", "code")
COMMENT = ("comment",)
DROPS = " of the source (check closing ** ` ] and the line breaks)"


@pytest.mark.parametrize(
    ("source", "target", "description"),
    [
        ([P, COMMENT, END_P], [P, END_P], "drops an HTML comment" + DROPS),
        ([P, COMMENT, STRONG, END_STRONG, END_P], [P, END_P], "drops an HTML comment" + DROPS),
        ([P, EM, STRONG, END_STRONG, END_EM, END_P], [P, END_P], "drops italic text (*…*)" + DROPS),
        (
            [P, STRONG, END_STRONG, COMMENT, EM, END_EM, END_P],
            [P, STRONG, EM, END_EM, END_STRONG, END_P],
            "drops an HTML comment" + DROPS,
        ),
        (
            [P, EM, END_EM, END_P],
            [P, EM, CODE, END_CODE, END_P],
            "has inline code (`…`) where the source has italic text (*…*)",
        ),
        (
            [P, CODE, COMMENT, END_CODE, END_P],
            [P, CODE, END_CODE, STRONG, COMMENT, END_STRONG, END_P],
            "adds bold text (**…**), which the source does not have here",
        ),
        ([P, END_P], [P, END_P], "renders differently from the source"),
    ],
)
def test_differences_name_the_first_element_that_changed(
    source: list[Any], target: list[Any], description: str
) -> None:
    assert describe_difference(source, target) == description


def test_a_changed_attribute_is_the_one_whose_value_changed() -> None:
    a1 = ("start", "a", (("class", "shop"), ("href", "https://a.example/")))
    a2 = ("start", "a", (("class", "shop"), ("href", "https://b.example/")))
    assert (
        describe_difference([a1], [a2])
        == "changes href of a link from 'https://a.example/' to 'https://b.example/'"
    )


def test_long_units_are_compared_element_by_element() -> None:
    # difflib's "autojunk" treats the elements that fill more than 1% of a sequence of 200 or
    # more as junk and stops matching them: a long unit must still name its one change.
    many = [P, STRONG, END_STRONG, END_P] * 60
    assert (
        describe_difference([P, COMMENT, END_P, *many], [P, END_P, *many])
        == "drops an HTML comment" + DROPS
    )


# --- files --------------------------------------------------------------------------------


def test_a_link_out_of_the_project_is_refused_with_the_path_as_typed(tmp_path: Path) -> None:
    root, outside = tmp_path / "newsroom", tmp_path / "outside"
    (root / "content").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "content" / "shared.md").write_text("ok", encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "content" / "story.md")
    os.symlink(root / "content" / "shared.md", root / "content" / "alias.md")
    confined(root / "content" / "alias.md", root, "content/alias.md")
    with pytest.raises(TidingsError) as error:
        confined(root / "content" / "story.md", root, "content/story.md")
    assert str(error.value) == (
        "content/story.md: refused: a symbolic link to a file outside newsroom/ (files are read only inside the project)"
    )


# --- front matter handed to the theme -----------------------------------------------------


def test_front_matter_escapes_what_the_theme_prints_raw() -> None:
    title = 'Le "canal" & l\'eau <b>茶</b>'
    meta = {
        "title": title,
        "description": "<script>'x'</script>",
        "tags": ["thé"],
        "date": "2026-04-01",
    }
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("\n---\n\n")
    data = yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n\n"))
    assert data == {
        "title": "Le &quot;canal&quot; &amp; l&#x27;eau &lt;b&gt;茶&lt;/b&gt;",
        "description": "&lt;script&gt;&#x27;x&#x27;&lt;/script&gt;",
        "tags": ["thé"],
        "date": "2026-04-01",
        "tidings_title": title,
    }
    assert list(data) == [
        "title",
        "description",
        "tags",
        "date",
        "tidings_title",
    ]  # page order kept
    assert "茶" in text and "thé" in text  # readable UTF-8, not \u escapes
    assert meta["title"] == title  # the caller's dict is not changed


def test_front_matter_leaves_other_values_alone() -> None:
    text = front_matter({"title": 3, "description": None, "summary": "<b>"})
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n\n")) == {
        "title": 3,
        "description": None,
        "summary": "<b>",
    }


# --- exact messages and edges of checks._check_uncached, _vetted, _pattern_problems ---------


def test_messages_are_exact() -> None:
    assert check_translation("Line", "Li\x08ne", "paragraph") == [
        "contains the control character U+0008 (BACKSPACE) at column 3, which cannot be shown as text; remove it"
    ]
    assert check_translation("Line\nnext", "Li\x08ne\nnext", "paragraph") == [
        "contains the control character U+0008 (BACKSPACE) at line 1, column 3, which cannot be shown as text; remove it"
    ]
    assert check_translation("The canal", "Le\ncanal", "title") == [
        "adds a line break to a one-line field"
    ]
    assert check_translation("Tea", "Thé Vert", "hashtags") == [
        "a hashtag is one word, without spaces or '#'"
    ]
    assert check_translation("Spring tea", "Thé | plus", "table cell") == [
        "adds a '|', which would split the table cell (write \\| for a literal bar)"
    ]


def test_a_line_break_the_source_has_is_allowed_in_one_line_fields() -> None:
    assert check_translation("Line one\nline two", "Ligne un\nligne deux", "title") == []
    assert check_translation("A summary.", "Un\nrésumé.", "summary") == []  # not a one-line field


def test_every_markup_kind_has_a_label() -> None:
    from tidings.catalogs.checks import _LABELS
    from tidings.units.markup import _PATTERNS

    shown = set(_PATTERNS) - {"escape", "entity", "emoji"}  # prose-like, never compared
    assert shown | {"image", "shortcut"} <= set(_LABELS)


def test_vetted_extensions_by_any_name() -> None:
    from tidings.catalogs.checks import VETTED_EXTENSIONS, _vetted

    assert _vetted(MarkdownSetup(("markdown.extensions.toc", "markdown.extensions.tables")))
    assert _vetted(MarkdownSetup(tuple(sorted(VETTED_EXTENSIONS))))  # all of them, not a subset
    assert not _vetted(MarkdownSetup(("toc", "pymdownx.emoji")))
    assert not _vetted(
        MarkdownSetup(("toc",), {"pymdownx.superfences": {"custom_fences": [{"name": "mermaid"}]}})
    )
    assert _vetted(MarkdownSetup(("toc",), {"pymdownx.superfences": {}}))


def test_the_site_extension_options_are_applied() -> None:
    # toc's `permalink` adds an anchor to every heading: rendered only when options are passed.
    with_link = UnitRenderer(MarkdownSetup(("toc",), {"toc": {"permalink": True}})).render(
        "heading", "Title"
    )
    without = UnitRenderer(MarkdownSetup(("toc",), {})).render("heading", "Title")
    assert any(e[0] == "start" and e[1] == "a" for e in with_link.events)
    assert not any(e[0] == "start" and e[1] == "a" for e in without.events)
