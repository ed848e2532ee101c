"""Translations are untrusted text: check each one against its source before it is used.

Three layers, cheapest first; any finding keeps the source text for that unit:

1. Characters: nothing that cannot be text (control characters, lone surrogates, see
   `tidings.characters`), no line break added to a one-line field.
2. Patterns (fast, with messages that name the piece): the same link targets, inline code,
   images, footnote references, attribute lists and HTML as the source; no line that would
   open a Markdown block the source unit does not open; no text that a Markdown preprocessor
   would act on before rendering (`--8<--` file includes, `{{ }}` templates).
3. Rendering (decides): the unit and its translation rendered with the site's own
   Python-Markdown configuration must give the same HTML structure (`tidings.catalogs.rendered`).

Front-matter fields (title, summary, tags ...) are plain text: they are escaped wherever they
are shown, and a translation that adds HTML-looking text to one is refused all the same, so the
translator learns that the page will not show what they typed as markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tidings.catalogs.rendered import TAG_LIKE, rendered_differences
from tidings.characters import first_bad_character
from tidings.project import MarkdownSetup
from tidings.units.markup import BLOCK_START, markup
from tidings.units.segment import KINDS, split_cells

DEFAULT_SETUP = MarkdownSetup()

_LABELS = {
    "target": "link target",
    "reference": "link reference",
    "collapsed": "link reference",
    "shortcut": "link reference",
    "autolink": "link",
    "url": "URL",
    "code": "inline code",
    "footnote": "footnote reference",
    "attrs": "attribute list",
    "html": "HTML",
    "image": "image",
    "math": "math",
}
_DANGEROUS = re.compile(
    r"javascript:|vbscript:|data:text/html|<\s*script|\bon\w+\s*=|--8<--|\{\{|\{%",
    re.IGNORECASE,
)
#: Front-matter fields that are one line of text.
ONE_LINE = frozenset(
    {"title", "image_alt", "tags", "authors", "roles", "hashtags", "site_name", "nav"}
)

# Python-Markdown extensions for which text without these characters renders as plain text
# (checked by tests/test_trust.py against the full rendering): such a translation of a unit
# that is itself plain text needs no rendering. Any other extension: always render.
_PLAIN = re.compile(r"^(?![ \t]|[-+!?:>=]|\d+[.)])[^\n\r\t<>&\[\]()`*_{}|\\#=~^$+]*$")
VETTED_EXTENSIONS = frozenset(
    {
        "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
        "tables", "toc", "sane_lists", "smarty", "codehilite", "meta", "legacy_attrs", "legacy_em",
        "extra", "pymdownx.arithmatex", "pymdownx.details", "pymdownx.superfences",
        "pymdownx.tabbed", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.caret",
        "pymdownx.mark", "pymdownx.tilde", "pymdownx.betterem", "pymdownx.smartsymbols",
        "pymdownx.saneheaders", "pymdownx.tasklist", "pymdownx.critic", "pymdownx.escapeall",
        "pymdownx.keys",
    }
)  # fmt: skip


def is_field(kind: str) -> bool:
    """Say whether a unit kind is a front-matter field (plain text), not a Markdown block."""
    return kind not in KINDS


def check_translation(
    msgid: str, msgstr: str, kind: str = "paragraph", setup: MarkdownSetup | None = None
) -> list[str]:
    """Return what is wrong with a translation of `msgid` (empty when it is safe to use).

    `kind` is the unit kind (`paragraph`, `table cell` ...) or the front-matter field
    (`title`, `snippets.x` ...); `setup` is the site's Markdown configuration.
    """
    return list(_check(msgid, msgstr, kind, setup or DEFAULT_SETUP))


def _check_uncached(msgid: str, msgstr: str, kind: str, setup: MarkdownSetup) -> tuple[str, ...]:
    bad = first_bad_character(msgstr)
    if bad is not None:
        multiline = "\n" in msgstr
        return (f"contains {bad.describe(with_line=multiline)}",)
    problems = _pattern_problems(msgid, msgstr, keep_source=not is_field(kind))
    if is_field(kind):
        if kind in ONE_LINE and "\n" in msgstr and "\n" not in msgid:
            problems.append("adds a line break to a one-line field")
        if kind == "hashtags" and re.search(r"\s|#", msgstr):
            problems.append("a hashtag is one word, without spaces or '#'")
        tag = TAG_LIKE.search(msgstr)
        if tag and tag.group() not in msgid:
            problems.append(
                f"adds text that looks like HTML ({tag.group()!r}); this field is plain text, shown as typed"
            )
        return tuple(dict.fromkeys(problems))
    if kind in ("table cell", "table header") and len(split_cells(f"| {msgstr} |")) != len(
        split_cells(f"| {msgid} |")
    ):
        # Python-Markdown drops cells beyond the header's count: rendering alone would not see it.
        problems.append(
            "adds a '|', which would split the table cell (write \\| for a literal bar)"
        )
    if problems:
        return tuple(dict.fromkeys(problems))
    if _is_plain(msgid, setup) and _is_plain(msgstr, setup):
        return ()
    return tuple(dict.fromkeys(rendered_differences(setup, kind, msgid, msgstr)))


# Wrapped, not decorated, so that mutation testing (mutmut skips decorated functions) reaches them.
_check = lru_cache(maxsize=65536)(_check_uncached)


def _is_plain(text: str, setup: MarkdownSetup) -> bool:
    return _PLAIN.match(text) is not None and _vetted(setup)


def _vetted_uncached(setup: MarkdownSetup) -> bool:
    names = {name.removeprefix("markdown.extensions.") for name in setup.extensions}
    return names <= VETTED_EXTENSIONS and not (setup.configs.get("pymdownx.superfences") or {}).get(
        "custom_fences"
    )


_vetted = lru_cache(maxsize=64)(_vetted_uncached)


def _pattern_problems(msgid: str, msgstr: str, keep_source: bool = True) -> list[str]:
    """What patterns see; `keep_source=False` (plain-text fields) only looks for additions."""
    problems: list[str] = []
    source, target = markup(msgid), markup(msgstr)
    for (kind, value), count in sorted((target - source).items()):
        label = _LABELS[kind]
        if kind == "html":
            problems.append(f"adds HTML the source does not have: {value}")
        elif kind == "image":
            problems.append(f"adds {count} image(s) the source does not have")
        else:
            problems.append(f"{label} {value!r} is not in the source")
    for (kind, value), _count in sorted((source - target).items()) if keep_source else ():
        label = _LABELS[kind]
        if kind == "image":
            problems.append("drops an image of the source")
        else:
            problems.append(f"{label} {value!r} of the source is missing")
    for match in _DANGEROUS.finditer(msgstr):
        if match.group().lower() not in msgid.lower():
            problems.append(f"contains {match.group()!r}, which the source does not have")
    if re.search(r"\n[ \t]*\n", msgstr) and not re.search(r"\n[ \t]*\n", msgid):
        problems.append("adds a blank line, which would start a new paragraph")
    source_starts = {
        m.group().strip() for line in msgid.split("\n") if (m := BLOCK_START.match(line))
    }
    for line in msgstr.split("\n"):
        start = BLOCK_START.match(line)
        if start and start.group().strip() not in source_starts:
            problems.append(
                f"a line starts with {start.group().strip()!r}, which would start a new Markdown block"
            )
    return problems
