"""Translations are untrusted: every attack in every unit kind and field is refused, each layer
of the check on its own, and legitimate translations still pass.

The oracle for "what does this render to" is Python-Markdown with the site's extensions
(the renderer of the site) and the standard library's HTML tokenizer; the written rules are
XML 1.0 section 2.2 (characters) and OWASP's "CSV Injection" page (spreadsheet cells).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from attacks import BODY_ATTACKS, FIELD_ATTACKS, SOURCE_BY_KIND
from tidings.catalogs.checks import _is_plain, _pattern_problems, check_translation
from tidings.catalogs.rendered import describe_difference, rendered_differences, renderer_for
from tidings.characters import bad_characters, first_bad_character
from tidings.project import MarkdownSetup, load_project
from tidings.snippets.feeds import spreadsheet_text
from tidings.units.markup import reference_labels
from tidings.units.pseudo import pseudo
from tidings.units.segment import KINDS, segment

ROOT = Path(__file__).resolve().parents[1]
SITE = load_project(ROOT / "mkdocs.yml").markdown  # the demo's Markdown, as the CLI reads it
FIELDS = ("title", "summary", "image_alt", "snippet", "snippets.x", "hashtags", "tags", "authors")
CORPUS = sorted((ROOT / "tests" / "corpus").rglob("*.md"))


def test_every_unit_kind_has_a_source_text() -> None:
    assert set(SOURCE_BY_KIND) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_identity_and_plain_translations_pass(kind: str) -> None:
    source = SOURCE_BY_KIND[kind]
    assert check_translation(source, source, kind, SITE) == []
    assert rendered_differences(SITE, kind, source, source) == []
    translated = source.replace("tea", "thé").replace("village", "bourg").replace("The", "Le")
    assert check_translation(source, translated, kind, SITE) == []


@pytest.mark.parametrize(("name", "attack"), BODY_ATTACKS, ids=[n for n, _ in BODY_ATTACKS])
@pytest.mark.parametrize("kind", KINDS)
def test_body_attacks_are_refused_in_every_kind(kind: str, name: str, attack: str) -> None:
    problems = check_translation(SOURCE_BY_KIND[kind], attack, kind, SITE)
    assert problems, f"{kind}: {name} was accepted"
    assert all(isinstance(p, str) and p for p in problems)


@pytest.mark.parametrize(("name", "attack"), FIELD_ATTACKS, ids=[n for n, _ in FIELD_ATTACKS])
@pytest.mark.parametrize("field", FIELDS)
def test_field_attacks_are_refused_in_every_field(field: str, name: str, attack: str) -> None:
    assert check_translation("Along the canal", attack, field, SITE), (
        f"{field}: {name} was accepted"
    )


# --- each layer on its own, so that removing any one rule fails a test ----------------------

# Attacks that change what the unit renders to: the rendering alone must see each of them.
RENDERED = [
    (
        "paragraph",
        "Le village<iframe/srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;></iframe/x>",
        "the HTML element <iframe>",
    ),
    (
        "paragraph",
        "Le <a/href=&#106;avascript:alert(1)>village</a>",
        "has a link where the source has bold text",
    ),
    (
        "paragraph",
        "Le **village** <meta/http-equiv=refresh/content=0;url=//evil.example>",
        "adds the HTML element <meta>",
    ),
    ("paragraph", "Le **village** <base/href=//evil.example/>", "adds the HTML element <base>"),
    ("paragraph", "Le **village** <style/x>p{}</style/x>", "the HTML element <style>"),
    ("paragraph", "Le **village** <!-- x -->", "adds an HTML comment"),
    (
        "paragraph",
        'Le **village**\n{ x style="position:fixed" }',
        "adds the attribute style='position:fixed' to a paragraph",
    ),
    (
        "paragraph",
        "Le **village**\n[ici]:&#106;avascript:alert(1)",
        "defines the link reference [ici]",
    ),
    ("paragraph", "Le **village**\n*[CITY] : title", "defines the abbreviation *[CITY]"),
    ("paragraph", "Le **village**\n[^9]: une note", "defines the footnote [^9]"),
    ("paragraph", "Marcher **vite**\n===", "has a heading where the source has a paragraph break"),
    (
        "paragraph",
        "Terme **x**\n: définition",
        "has a definition list where the source has a paragraph break",
    ),
    ("paragraph", "Le **village**.\n\nAutre.", "adds a paragraph break"),
    ("paragraph", "Le **village", "drops bold text (**…**) of the source"),
    ("paragraph", "Le *village*", "has italic text (*…*) where the source has bold text (**…**)"),
    ("heading", 'Comment { x style="inset:0" }', "adds the attribute style='inset:0' to a heading"),
    ("heading", "Comment { #evil }", "changes id of a heading from 'tidings' to 'evil'"),
    ("heading", "Comment\nça marche", "adds a paragraph break"),
    ("table cell", "Thé\nplus", "adds a table row"),
    ("admonition title", "Bon<iframe/srcdoc=x>", "adds the HTML element <iframe>"),
    ("footnote", "Chiffres <img/src=x/onerror=alert(1)>", "adds an image"),
    ("term", "Longjing<svg/onload=alert(1)>", "adds the HTML element <svg>"),
    ("definition", "Un thé <a/href=javascript:alert(1)>vert</a>", "adds a link"),
    ("image alt", "x](javascript:alert(1)) ![y", "adds an image"),
    (
        "image alt",
        "Théiers <b>en terrasses</b>",
        "puts text that looks like HTML ('<b') into an alt text or title",
    ),
    (
        "abbreviation",
        "Coopérative <iframe/srcdoc=x>",
        "puts text that looks like HTML ('<i') into an alt text or title",
    ),
    ("abbreviation", "Coopérative\n\n<script>alert(1)</script>", "adds the HTML element <script>"),
]


@pytest.mark.parametrize(("kind", "attack", "message"), RENDERED)
def test_the_rendering_alone_refuses_structural_attacks(
    kind: str, attack: str, message: str
) -> None:
    source = "Le **village** vend du thé." if kind == "paragraph" else SOURCE_BY_KIND[kind]
    problems = rendered_differences(SITE, kind, source, attack)
    assert problems and any(message in p for p in problems), problems


def test_stray_angle_bracket_counts_against_the_source() -> None:
    # Python-Markdown escapes a lone "<"; raw HTML it passes through is what a browser parses.
    renderer = renderer_for(SITE)
    assert renderer.render("paragraph", "3 < 4 and <3").stray == 0
    assert renderer.render("paragraph", "<div>a < b</div>").stray == 1  # a raw HTML block, verbatim
    assert rendered_differences(SITE, "paragraph", "<div>a < b</div>", "<div>x < y</div>") == []
    assert rendered_differences(SITE, "paragraph", "<div>a b</div>", "<div>a < b</div>") == [
        "has a '<' that a browser could read as the start of an HTML tag; write it as &lt;"
    ]


PATTERNS = [
    (
        "The [shop](https://example.org/shop).",
        "La [boutique](https://evil.example/).",
        "link target 'https://evil.example/' is not in the source",
    ),
    (
        "The [shop](https://example.org/shop).",
        "La boutique.",
        "link target 'https://example.org/shop' of the source is missing",
    ),
    ("Run `tea --buy`.", "Lancez `rm -rf`.", "inline code '`rm -rf`' is not in the source"),
    ("See[^1].", "Voir[^2].", "footnote reference '[^2]' is not in the source"),
    ("Text.", "Texte <x/y>", "adds HTML the source does not have: <x/y>"),
    ("Text.", 'Texte { x href="javascript:alert(1)" }', "attribute list"),
    ("Text.", "Texte javascript:alert(1)", "contains 'javascript:'"),
    ("Text.", "Texte ONLOAD = x", "contains 'ONLOAD ='"),
    ("Text.", 'Texte --8<-- "/etc/passwd"', "contains '--8<--'"),
    ("Text.", "Texte {{ config }}", "contains '{{'"),
    ("Text.", "Texte {% include x %}", "contains '{%'"),
    ("Text.", "Texte data:text/html,x", "contains 'data:text/html'"),
    ("Text.", "Texte vbscript:x", "contains 'vbscript:'"),
    ("Text.", "Texte.\n\nAutre.", "adds a blank line"),
    ("Text.", "Texte\n[ici]:x", "a line starts with '[ici]:'"),
    ("Text.", "Texte\n*[CITY] : x", "a line starts with '*[CITY] :'"),
    ("Text.", "Texte\n: x", "a line starts with ':'"),
    ("Text.", "Texte\n***", "a line starts with '***'"),
    ("Text.", "Texte\n===", "a line starts with '==='"),
    ("Text.", "Texte\n## x", "a line starts with '##'"),
    ("Text.", "Texte\n- x", "a line starts with '-'"),
    ("Text.", "Texte\n| x", "a line starts with '|'"),
    ("Text.", "Texte\n<div>", "a line starts with '<d'"),
    ("Text.", "Texte ![x](y.png)", "adds 1 image(s)"),
    ("Text ![x](y.png).", "Texte.", "drops an image"),
]


@pytest.mark.parametrize(("source", "translation", "message"), PATTERNS)
def test_the_patterns_alone_name_what_changed(source: str, translation: str, message: str) -> None:
    problems = _pattern_problems(source, translation)
    assert any(message in p for p in problems), problems


def test_patterns_accept_what_the_source_already_has() -> None:
    assert (
        _pattern_problems(
            "Run `tea --buy` at [the shop](https://x.org).",
            "Lancez `tea --buy` à [la boutique](https://x.org).",
        )
        == []
    )
    assert _pattern_problems("Use javascript: links.", "Utilisez des liens javascript:.") == []
    assert _pattern_problems("Line one\n- item", "Ligne un\n- élément") == []


@pytest.mark.parametrize(
    ("kind", "translation", "message"),
    [
        ("table cell", "Thé | plus", "adds a '|'"),
        ("table header", "Récolte | x", "adds a '|'"),
        ("title", "Le\ncanal", "adds a line break to a one-line field"),
        ("tags", "rural\nx", "adds a line break"),
        ("hashtags", "Thé Vert", "a hashtag is one word"),
        ("hashtags", "#Thé", "a hashtag is one word"),
        ("title", "Le canal <b>", "adds text that looks like HTML ('<b')"),
        ("summary", "Résumé </p>", "adds text that looks like HTML ('</p')"),
        ("paragraph", "Le vil\x08lage", "U+0008 (BACKSPACE) at column 7"),
        ("title", "Le vil\x00lage", "U+0000 (NUL)"),
        ("paragraph", "Ligne\nle vil\x07lage", "at line 2, column 7"),
    ],
)
def test_kind_rules(kind: str, translation: str, message: str) -> None:
    source = {
        "table cell": "Spring tea",
        "table header": "Harvest",
        "paragraph": "Line\nthe village",
    }.get(kind, "The canal")
    problems = check_translation(source, translation, kind, SITE)
    assert any(message in p for p in problems), problems


def test_field_rules_allow_what_the_source_has() -> None:
    assert (
        check_translation("Why <b> tags matter", "Pourquoi les balises <b> comptent", "title", SITE)
        == []
    )
    assert check_translation("Line one\nline two", "Ligne un\nligne deux", "summary", SITE) == []
    assert (
        check_translation(
            "A summary.", '0;url=//evil.example" http-equiv="refresh', "summary", SITE
        )
        == []
    )  # inert text


# --- characters: XML 1.0 section 2.2 -------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x01",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1b",
        "\x1f",
        "\x7f",
        "\x85",
        "\x9f",
        chr(0xD800),
        chr(0xDFFF),
        "\ufffe",
        "\uffff",
        "\ufdd0",
        "\U0001fffe",
        "\U0010ffff",
        "\r",
    ],
)
def test_characters_that_cannot_be_text(char: str) -> None:
    found = bad_characters(f"ok\nab{char}c")
    assert [(b.char, b.line, b.column) for b in found] == [(char, 2, 3)]


@pytest.mark.parametrize(
    "text",
    [
        "tab\there",
        "line\nfeed",
        "crlf\r\nline",
        "\u00a0nbsp",
        "\u200fRLM",
        "\u202bbidi\u202c",
        "😀",
        "\ue000",
        "\ufffd",
        "\U0001fffd",
    ],
)
def test_characters_that_are_text(text: str) -> None:
    assert bad_characters(text) == []
    assert first_bad_character(text) is None


def test_first_bad_character_and_its_description() -> None:
    bad = first_bad_character("a\nbc\x08d\x00")
    assert bad is not None and (bad.line, bad.column) == (2, 3)
    assert (
        bad.describe()
        == "the control character U+0008 (BACKSPACE) at column 3, which cannot be shown as text; remove it"
    )
    assert "lone surrogate" in bad_characters("\ud801")[0].describe()
    assert "noncharacter U+FFFE" in bad_characters("\ufffe")[0].describe()


# --- CSV cells: OWASP "CSV Injection" -------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\nx",
        "  =1",
        "\u3000=1",
        "＝1",
        "＋1",
        "－1",
        "＠x",
    ],
)
def test_formula_cells_are_neutralized(cell: str) -> None:
    assert spreadsheet_text(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Tea", "a=b", "50% off", "", "'quoted", "x-1"])
def test_text_cells_are_kept(cell: str) -> None:
    assert spreadsheet_text(cell) == cell


# --- legitimate translations: the corpus and the fast path ----------------------------------


def _corpus_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for path in CORPUS:
        body = path.read_text(encoding="utf-8")
        keep = frozenset(regex.findall(r"^\*\[([^\]]+)\]", body, flags=regex.M))
        labels = reference_labels(body)
        for unit in segment(body):
            pairs.append(
                (
                    unit.kind,
                    unit.text,
                    pseudo(unit.text, keep, pad=unit.kind != "abbreviation", labels=labels),
                )
            )
    return pairs


def test_corpus_pseudo_translations_pass_as_before() -> None:
    # Measured before the rendered comparison existed (commit 316f025): 2407 of 2411 units of
    # the corpus pass; the 4 that fail are pseudo padding glued to a bare URL (a real change).
    pairs = _corpus_pairs()
    accepted = sum(
        not check_translation(msgid, msgstr, kind, SITE) for kind, msgid, msgstr in pairs
    )
    assert len(pairs) == 2411
    assert accepted == 2407


def test_the_fast_path_agrees_with_the_rendering() -> None:
    """Where both texts count as plain, rendering them must find no difference."""
    pairs = [(k, m, s) for k, m, s in _corpus_pairs()]
    pairs += [(kind, source, source.replace("a", "à")) for kind, source in SOURCE_BY_KIND.items()]
    pairs += [(kind, SOURCE_BY_KIND[kind], attack) for kind in KINDS for _, attack in BODY_ATTACKS]
    plain = [(k, m, s) for k, m, s in pairs if _is_plain(m, SITE) and _is_plain(s, SITE)]
    assert len(plain) > 100
    for kind, msgid, msgstr in plain:
        assert rendered_differences(SITE, kind, msgid, msgstr) == [], (kind, msgid, msgstr)


@pytest.mark.parametrize(
    "text",
    [
        "1. Liste",
        "2026) année",
        "- liste",
        "+ liste",
        "!!! note",
        "??? note",
        "=== x",
        ": def",
        "> q",
        "    code",
        "\tcode",
        "a\nb",
        "a*b",
        "a_b",
        "a`b",
        "a<b",
        "a&b",
        "a[b",
        "a|b",
        "a\\b",
        "a#b",
        "a$b",
        "a~b",
        "a^b",
        "a=b",
        "a+b",
        "a{b",
    ],
)
def test_plain_means_nothing_markdown_could_act_on(text: str) -> None:
    assert not _is_plain(text, SITE)


def test_plain_needs_vetted_extensions() -> None:
    assert _is_plain("Le village vend du thé, depuis 2026.", SITE)
    assert not _is_plain(
        "Le village vend du thé.", MarkdownSetup((*SITE.extensions, "pymdownx.magiclink"))
    )
    assert not _is_plain(
        "Le village.",
        MarkdownSetup(("toc",), {"pymdownx.superfences": {"custom_fences": [{"name": "x"}]}}),
    )


def test_differences_are_described_in_words() -> None:
    p = ("start", "p", ())
    assert describe_difference(
        [p, ("end", "p")], [p, ("start", "iframe", ()), ("end", "iframe"), ("end", "p")]
    ) == ("adds the HTML element <iframe>, which the source does not have here")
    assert describe_difference(
        [p, ("start", "strong", ()), ("end", "strong"), ("end", "p")], [p, ("end", "p")]
    ).startswith("drops bold text (**…**) of the source")
    a1, a2 = ("start", "a", (("href", "x"),)), ("start", "a", (("href", "y"),))
    assert describe_difference([a1], [a2]) == "changes href of a link from 'x' to 'y'"
    assert (
        describe_difference([("start", "a", ())], [a1]) == "adds the attribute href='x' to a link"
    )
    assert describe_difference([a1], [("start", "a", ())]) == "drops the attribute href of a link"


def test_markdown_setup_equality_follows_options() -> None:
    a = MarkdownSetup(("toc",), {"toc": {"permalink": True}})
    assert a == MarkdownSetup(("toc",), {"toc": {"permalink": True}})
    assert a != MarkdownSetup(("toc",), {"toc": {"permalink": False}})
    assert hash(a) == hash(MarkdownSetup(("toc",), {"toc": {"permalink": True}}))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))


def test_undecodable_bytes_are_reported_with_their_line(tmp_path: Path) -> None:
    from tidings.catalogs.store import read_catalog, read_translations
    from tidings.errors import TidingsError
    from tidings.project import Language, Project
    from tidings.story.library import read_story

    story = tmp_path / "content" / "stories" / "x.md"
    story.parent.mkdir(parents=True)
    # An encoded lone surrogate (CESU-8) is not UTF-8: Python's strict decoder says so.
    story.write_bytes(
        b"---\ntitle: t\nsummary: s\ndate: 2026-10-01\n---\n\nBody \xed\xa0\x80 here.\n"
    )
    project = Project(
        tmp_path,
        tmp_path / "mkdocs.yml",
        tmp_path / "content",
        story.parent,
        tmp_path / "translations",
        (Language("en", "English", True),),
    )
    with pytest.raises(TidingsError) as caught:
        read_story(story, project)
    assert str(caught.value).startswith(
        "content/stories/x.md:7: not UTF-8 text: byte 0xED at column 6"
    )
    po = tmp_path / "x.po"
    po.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "caf\xe9"\n')
    for read in (read_translations, read_catalog):
        with pytest.raises(TidingsError) as caught:
            read(po, "x.po")
        assert str(caught.value).startswith("x.po:5: not UTF-8 text: byte 0xE9 at column 12")
