"""Gettext catalogs of stories: where they live, how they are written, merged and read.

Layout (one POT per story, one PO per story and locale; Weblate and Poedit handle it):
``translations/stories/<slug>.pot`` and ``translations/<locale>/LC_MESSAGES/stories/<slug>.po``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from tidings.catalogs.entries import Entry
from tidings.catalogs.pofile import parse as parse_po
from tidings.confine import confined
from tidings.errors import TidingsError, excerpt, not_utf8

# Babel flags prose such as "50% of" as python-format, which msgfmt then rejects.
_FORMAT_FLAGS = ("python-format", "python-brace-format")
_DATE_LINE = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def babel_locale(locale: str | None) -> str | None:
    """Spell a site locale (`zh-Hant`) the way Babel and PO headers do (`zh_Hant`)."""
    return locale.replace("-", "_") if locale else None


def template_path(translations: Path, slug: str) -> Path:
    return translations / "stories" / f"{slug}.pot"


def catalog_path(translations: Path, locale: str, slug: str) -> Path:
    return translations / locale / "LC_MESSAGES" / "stories" / f"{slug}.po"


def plain(catalog: Catalog) -> Catalog:
    """Drop Babel's automatic format flags: story text is prose, not Python format strings."""
    for message in list(catalog) + list(catalog.obsolete.values()):
        for flag in _FORMAT_FLAGS:
            message.flags.discard(flag)
    return catalog


def build_template(entries: Iterable[Entry], source: str, slug: str, title: str) -> Catalog:
    """Make the POT catalog of one story from its entries."""
    catalog = Catalog(
        domain=slug,
        project=f"Tidings story {slug}",
        header_comment=f"# Translations of {source}: {title}\n"
        "# Managed by `tidings extract` and `tidings update`; translators edit msgstr only.\n#",
        charset="utf-8",
        fuzzy=False,
    )
    for entry in entries:
        existing = catalog.get(entry.msgid, context=entry.context)
        if existing is not None:
            existing.locations.append((source, entry.line))
            continue
        catalog.add(
            entry.msgid,
            locations=[(source, entry.line)],
            auto_comments=list(entry.comments),
            context=entry.context,
        )
    return plain(catalog)


def serialize(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, plain(catalog), width=76, include_previous=False)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write a catalog if its content changed (dates aside); return whether it was written."""
    data = serialize(catalog)
    if path.exists() and _DATE_LINE.sub(b"", path.read_bytes()) == _DATE_LINE.sub(b"", data):
        return False
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
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not _PO_LINE.match(line):
            raise TidingsError(
                shown,
                number,
                f"PO syntax error: expected a keyword and a quoted string: {excerpt(line.strip())}",
            )


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
        data.decode("utf-8")
        _syntax_error(data, shown)
        catalog = read_po(io.BytesIO(data), locale=babel_locale(locale), abort_invalid=True)
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
) -> Catalog:
    """Bring a locale's catalog up to date with the template, losing nothing.

    Changed source text is matched fuzzily by Babel (cutoff 0.6) and marked fuzzy; entries
    that left the story stay as obsolete (`#~`) entries; untranslated entries that another
    story of the same locale already translated get that translation as a fuzzy suggestion.
    """
    if existing is None:
        catalog = Catalog(
            locale=babel_locale(locale), domain=template.domain, charset="utf-8", fuzzy=False
        )
        catalog.header_comment = template.header_comment
        catalog.project = template.project
        catalog.update(template, update_creation_date=True)
    else:
        catalog = existing
        catalog.update(template, update_creation_date=False)
    for message in catalog:
        key = (message.context, str(message.id))
        if message.id and not message.string and key in memory:
            message.string = memory[key]
            message.flags.add("fuzzy")
    return plain(catalog)


@dataclass(frozen=True)
class Translation:
    """A translated entry as read from a PO file."""

    msgstr: str
    fuzzy: bool
    line: int


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
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TidingsError(shown, *not_utf8(exc)) from None
    except OSError as exc:
        raise TidingsError(shown, None, f"cannot read catalog: {exc.strerror}") from None
    return {
        (e.context, e.msgid): Translation(e.msgstr, e.fuzzy, e.line)
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
