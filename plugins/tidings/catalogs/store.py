"""Gettext catalogs of stories: where they live, how they are written, merged and read.

Layout (one POT per story, one PO per story and locale; Weblate and Poedit handle it):
``translations/stories/<slug>.pot`` and ``translations/<locale>/LC_MESSAGES/stories/<slug>.po``.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from tidings.catalogs.entries import Entry
from tidings.catalogs.keeping import (
    check_charset,
    foreign_headers,
    gettext_header,
    refuse_loss,
    with_headers,
)
from tidings.catalogs.matching import Matcher
from tidings.catalogs.pofile import parse as parse_po
from tidings.catalogs.pofile import unescape as unescape_po
from tidings.catalogs.poformat import format_catalog
from tidings.confine import confined
from tidings.errors import TidingsError, excerpt, not_utf8

# Babel flags prose such as "50% of" as python-format, which msgfmt then rejects.
_FORMAT_FLAGS = ("python-format", "python-brace-format")
# Lines that say when and with what a file was made, not what it says: a change in them alone
# (another day, another Babel release) is not a reason to rewrite a translator's file.
_DATE_LINE = re.compile(
    rb'^"(?:POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.MULTILINE
)


#: Where a read catalog keeps the header fields other tools wrote (see catalogs/keeping.py).
FOREIGN = "_tidings_foreign_headers"


def language_team(locale: str) -> str:
    """A new catalog's Language-Team: the language's English name (CLDR), which Poedit and
    Weblate show, rather than Babel's `xx <LL@li.org>` placeholder."""
    try:
        name = Locale.parse(babel_locale(locale) or locale).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        name = None
    return name or locale


def babel_locale(locale: str | None) -> str | None:
    """Spell a site locale (`zh-Hant`) the way Babel and PO headers do (`zh_Hant`)."""
    return locale.replace("-", "_") if locale else None


def template_path(translations: Path, slug: str, catalog: str | None = None) -> Path:
    """The POT of a catalog name: `stories/<slug>` (the default), `pages/about`, `site`."""
    return translations / f"{catalog or 'stories/' + slug}.pot"


def catalog_path(translations: Path, locale: str, slug: str, catalog: str | None = None) -> Path:
    """The PO of a catalog name in a locale: `<locale>/LC_MESSAGES/<name>.po`."""
    return translations / locale / "LC_MESSAGES" / f"{catalog or 'stories/' + slug}.po"


def plain(catalog: Catalog) -> Catalog:
    """Drop Babel's automatic format flags (story text is prose, not Python format strings),
    and a previous msgid (`#|`) on an entry that is no longer fuzzy (a translator who clears
    the flag by hand leaves it behind; Poedit removes it)."""
    for message in list(catalog) + list(catalog.obsolete.values()):
        for flag in _FORMAT_FLAGS:
            message.flags.discard(flag)
        if not message.fuzzy:
            message.previous_id = []
    return catalog


#: What `#:` comments say, in xgettext's words (`--add-location=full|file|never`): `file`
#: names the story without line numbers, so that a paragraph added at the top does not
#: rewrite the comment of every entry below it in every PO file of the story.
LOCATIONS = ("file", "full", "never")


def build_template(
    entries: Iterable[Entry], source: str, slug: str, title: str, locations: str = "file"
) -> Catalog:
    """Make the POT catalog of one story from its entries."""
    catalog = Catalog(
        domain=slug,
        project=f"Tidings story {slug}" if title else f"Tidings {slug}",
        header_comment=f"# Translations of {source}: {title}\n"
        "# Managed by `tidings extract` and `tidings update`; translators edit msgstr only.\n#",
        charset="utf-8",
        fuzzy=False,
    )
    for entry in entries:
        line = entry.line if locations == "full" else None  # Babel writes `#: path` for None
        where: list[Any] = [] if locations == "never" else [(source, line)]
        existing = catalog.get(entry.msgid, context=entry.context)
        if existing is not None:
            existing.locations.extend(w for w in where if w not in existing.locations)
            continue
        catalog.add(
            entry.msgid,
            locations=where,
            auto_comments=list(entry.comments),
            context=entry.context,
        )
    return plain(catalog)


def serialize(catalog: Catalog) -> bytes:
    """The catalog as GNU gettext's own tools write it (msgcat, msgmerge, Poedit: 79 columns,
    Unicode line breaking, `#|` previous msgids; catalogs/poformat.py), so that a save in a
    translator's tool and the next `tidings update` leave each other's lines alone."""
    written = with_headers(format_catalog(plain(catalog)), getattr(catalog, FOREIGN, []))
    return gettext_header(written)


def write_catalog(
    path: Path, catalog: Catalog, display: str | None = None, keep_translations: bool = True
) -> bool:
    """Write a catalog if its content changed (dates aside); return whether it was written.

    Refuses (TidingsError, nothing written) when the new file would lack a translation the
    old one has: active, fuzzy or obsolete. Only an editor of translations (a test acting as
    a translator) passes `keep_translations=False`.
    """
    data = serialize(catalog)
    if path.exists():
        old = path.read_bytes()
        if _DATE_LINE.sub(b"", old) == _DATE_LINE.sub(b"", data):
            return False
        if keep_translations:
            refuse_loss(old, data, display or str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # atomic: a translator's file is never left half-written
    return True


_PO_LINE = re.compile(
    r'^(?:#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+"(?:[^"\\]|\\.)*"|"(?:[^"\\]|\\.)*")?[ \t]*$'
)


def _syntax_error(data: bytes, shown: str) -> None:
    """Reject lines Babel's lenient parser would accept but msgfmt (and Poedit) would not."""
    for number, line in enumerate(data.decode("utf-8").split("\n"), 1):
        line = line.removesuffix("\r")
        if not _PO_LINE.match(line):
            raise TidingsError(
                shown,
                number,
                f"PO syntax error: expected a keyword and a quoted string: {excerpt(line.strip())}",
            )


_OBSOLETE_PREVIOUS = re.compile(rb"^#~\|[^\n]*\n", re.MULTILINE)
_PIECE = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _previous_from_comments(message: Message) -> None:
    """Babel reads a previous msgid only when it fits on one `#| msgid "..."` line; msgmerge
    (and Poedit) wrap long ones over `#| "..."` lines, which Babel keeps as translator
    comments "| msgid ..." (and writes back as `# | msgid`). Those become the previous msgid."""
    lines = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not lines:
        return
    parts: dict[str, list[str]] = {}
    current = None
    for line in lines:
        keyword = line.split(" ", 1)[0]
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            current, line = keyword, line[len(keyword) :]
        if current is not None:
            parts.setdefault(current, []).extend(_PIECE.findall(line))
    if "msgid" in parts:
        text = [unescape_po("".join(parts[k])) for k in ("msgid", "msgid_plural") if k in parts]
        message.previous_id = text
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]


def read_catalog(
    path: Path, display: str | None = None, locale: str | None = None, root: Path | None = None
) -> Catalog:
    """Read a PO or POT file; syntax errors become `path:line: message`.

    With `root`, a symbolic link that leads out of that folder is refused.
    """
    shown = display or str(path)
    if root is not None:
        confined(path, root, shown)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
        check_charset(data, shown)
        _syntax_error(data, shown)
        entries = parse_po(
            text, shown
        )  # duplicates are errors here, as for msgfmt (Babel keeps the first)
        # Babel refuses `#~|` (an obsolete entry's previous msgid, from `msgmerge --previous`);
        # an obsolete entry keeps its translation without it.
        babel_data = _OBSOLETE_PREVIOUS.sub(b"", data) if b"#~|" in data else data
        catalog = read_po(io.BytesIO(babel_data), locale=babel_locale(locale), abort_invalid=True)
        setattr(catalog, FOREIGN, foreign_headers(entries))
        for message in [*catalog, *catalog.obsolete.values()]:
            _previous_from_comments(message)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise TidingsError(
            shown, exc.lineno, f"PO syntax error: {message}: {excerpt(exc.line.strip())}"
        ) from None
    except UnicodeDecodeError as exc:
        raise TidingsError(shown, *not_utf8(exc)) from None
    except ValueError as exc:
        raise TidingsError(shown, None, f"cannot read catalog: {excerpt(str(exc), 120)}") from None
    except OSError as exc:
        raise TidingsError(shown, None, f"cannot read catalog: {exc.strerror}") from None
    return plain(catalog)


def merge(
    existing: Catalog | None,
    template: Catalog,
    locale: str,
    memory: Mapping[tuple[str | None, str], str],
    plural_forms: str | None = None,
) -> Catalog:
    """Bring a locale's catalog up to date with the template, losing nothing.

    Changed source text is matched fuzzily by Babel (cutoff 0.6) and marked fuzzy; entries
    that left the story stay as obsolete (`#~`) entries, and come back with their translation
    when the text returns; untranslated entries that another story of the same locale already
    translated get that translation as a fuzzy suggestion. A new catalog takes `plural_forms`
    (the locale's other catalogs' header) so that every catalog of a locale agrees.

    `template` is not changed: Babel's `Catalog.update` inserts the template's own Message
    objects for new entries, so filling them in here would hand one locale's translation to
    the next locale merged from the same template.
    """
    template = copy.deepcopy(template)
    if existing is None:
        catalog = Catalog(
            locale=babel_locale(locale), domain=template.domain, charset="utf-8", fuzzy=False
        )
        catalog.header_comment = template.header_comment
        catalog.project = template.project
        catalog.language_team = language_team(locale)
        if plural_forms:
            catalog.mime_headers = [("Plural-Forms", plural_forms)]
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    else:
        catalog = existing
        catalog.charset = "utf-8"  # written as UTF-8 whatever an old header said
        # Babel keeps a previous msgid only where it fuzzy-matches now; an entry still fuzzy
        # from an earlier source edit would lose its own, and with it what changed.
        previous = {
            (m.context, str(m.id)): m.previous_id for m in existing if m.fuzzy and m.previous_id
        }
        translated = [m for m in existing if m.id and isinstance(m.id, str) and m.string]
        known = {(m.context, str(m.id)) for m in existing if m.id}
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        _match_edited(catalog, translated, known)
        for message in catalog:
            key = (message.context, str(message.id))
            if message.fuzzy and not message.previous_id and key in previous:
                message.previous_id = previous[key]
        for message in catalog.obsolete.values():  # as msgmerge leaves them: no longer anywhere
            message.locations, message.auto_comments = [], []
    for message in catalog:
        key = (message.context, str(message.id))
        old = catalog.obsolete.get(catalog._key_for(message.id, message.context))
        if message.id and not message.string and old is not None and old.string:
            # The text came back (a paragraph deleted and restored): so does its translation.
            message.string = old.string
            message.flags = set(old.flags)
            del catalog.obsolete[catalog._key_for(message.id, message.context)]
            continue
        if message.id and not message.string and key in memory:
            message.string = memory[key]
            message.flags.add("fuzzy")
    return plain(catalog)


def _match_edited(
    catalog: Catalog, translated: list[Message], known: set[tuple[str | None, str]]
) -> None:
    """Babel's fuzzy step, through an index (catalogs/matching.py): a unit the catalog did
    not have (`known`) that is an old one edited gets the old translation, fuzzy, with the
    old text as its previous msgid; the old entry is then no obsolete entry (as in Babel)."""
    new = [
        m
        for m in catalog
        if m.id and isinstance(m.id, str) and not m.string and (m.context, m.id) not in known
    ]
    if not new or not translated:
        return
    # Keyed as Babel's candidates are (the last one wins there too), but per msgctxt: a
    # hashtag is not an edited tag, nor a title an edited paragraph (Babel matches across).
    by_key: dict[str | None, dict[str, Message]] = {}
    for message in translated:
        by_key.setdefault(message.context, {})[str(message.id).lower().strip()] = message
    matchers = {context: Matcher(keys) for context, keys in by_key.items()}
    for message in new:
        matcher = matchers.get(message.context)
        found = matcher.best(str(message.id)) if matcher else None
        if found is None:
            continue
        old = by_key[message.context][found]
        message.string = old.string
        message.flags |= set(old.flags) | {"fuzzy"}
        message.previous_id = [str(old.id)]
        message.user_comments = list(old.user_comments)
        key = catalog._key_for(old.id, old.context)
        if key in catalog.obsolete:
            del catalog.obsolete[key]


@dataclass(frozen=True)
class Translation:
    """A translated entry as read from a PO file."""

    msgstr: str
    fuzzy: bool
    line: int
    previous: bool = False
    """Fuzzy after its source changed (a previous msgid `#|`), not a suggestion."""


def read_translations(
    path: Path, display: str | None = None, root: Path | None = None
) -> dict[tuple[str | None, str], Translation]:
    """Every non-empty translation of a PO file, read fast (see tidings.catalogs.pofile).

    With `root`, a symbolic link that leads out of that folder is refused.
    """
    shown = display or str(path)
    if root is not None:
        confined(path, root, shown)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TidingsError(shown, *not_utf8(exc)) from None
    except OSError as exc:
        raise TidingsError(shown, None, f"cannot read catalog: {exc.strerror}") from None
    check_charset(data, shown)
    return {
        (e.context, e.msgid): Translation(e.msgstr, e.fuzzy, e.line, e.fuzzy and e.previous)
        for e in parse_po(text, shown)
        if e.msgid and e.msgstr
    }


def memory_of(catalogs: Iterable[Catalog]) -> dict[tuple[str | None, str], str]:
    """Collect finished translations of a locale, for suggestions across stories."""
    memory: dict[tuple[str | None, str], str] = {}
    for catalog in catalogs:
        for message in catalog:
            if (
                message.id
                and isinstance(message.string, str)
                and message.string
                and not message.fuzzy
            ):
                memory.setdefault((message.context, str(message.id)), message.string)
    return memory
