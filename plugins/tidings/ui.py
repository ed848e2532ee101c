"""The `ui` gettext domain: the strings of Tidings' own page parts, in every locale.

Tidings ships `tidings/locale/<locale>/LC_MESSAGES/ui.po`; a site adds a locale Tidings does
not ship, or corrects a shipped string, in its own `translations/<locale>/LC_MESSAGES/ui.po`
(`tidings ui <locale>` writes it). A string is looked up per string, first in the site's
catalog, then in the shipped one, each for the locale and then its base language (`pt-BR`,
then `pt`); only a string nobody translated shows the English original, and `missing` says
which, so that the build can warn instead of showing a mixed-language page.

Shipped catalogs are read with Babel directly (finished, non-fuzzy entries, the same
placeholders as the English), so no compiled `.mo` files are kept in the repository. A site's
catalogs are untrusted: `tidings.catalogs.interface` reads them strictly and hands the usable
entries over as `Overrides`.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
TEMPLATE = LOCALE_DIR / "ui.pot"


class CatalogTranslations(gettext.NullTranslations):
    """gettext translations backed by finished PO entries; a missing string stays English."""

    def __init__(self, messages: Mapping[str, str]) -> None:
        super().__init__()
        self.messages = dict(messages)

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def candidates(locale: str) -> list[str]:
    """The locale, then its shorter forms: `zh-Hant-TW`, `zh-Hant`, `zh`."""
    parts = locale.replace("_", "-").split("-")
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]


def catalog_file(root: Path, locale: str) -> Path:
    return root / locale / "LC_MESSAGES" / "ui.po"


# printf-style placeholders as gettext's python-format knows them: `%(name)s`, `%d`, `%%`.
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def placeholders(text: str) -> Counter[str]:
    """The placeholders a string is formatted with (`%%` is text, not a placeholder)."""
    return Counter(
        f"{m.group(1) or ''}:{m.group(2)}" for m in _PLACEHOLDER.finditer(text) if m.group(2) != "%"
    )


def usable(msgid: str, msgstr: str) -> bool:
    """A translation that formats with the same placeholders as its English (else the page
    would fail to render: `%(tag)s` in, `%(tags)s` out)."""
    return placeholders(msgid) == placeholders(msgstr)


@cache
def _messages(path: Path, mtime_ns: int) -> Mapping[str, str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and usable(str(m.id), str(m.string))
    }


def shipped(locale: str) -> Mapping[str, str]:
    """Tidings' own translation of its interface into exactly `locale` (empty: none)."""
    path = catalog_file(LOCALE_DIR, locale)
    try:
        return _messages(path, path.stat().st_mtime_ns)
    except OSError:
        return {}


@cache
def template_ids() -> tuple[str, ...]:
    """Every string of Tidings' interface (the shipped `ui.pot`)."""
    with TEMPLATE.open("rb") as handle:
        return tuple(str(m.id) for m in read_po(handle) if m.id)


Overrides = Mapping[str, Mapping[str, str]]
"""A site's own interface translations: locale code -> English -> text (already checked)."""


def ui_translations(locale: str, site: Overrides | None = None) -> CatalogTranslations:
    """The interface strings of `locale`: the site's (`site`), then the shipped ones."""
    messages: dict[str, str] = {}
    codes = candidates(locale)
    for found in (*((site or {}).get(code, {}) for code in codes), *map(shipped, codes)):
        for key, value in found.items():
            messages.setdefault(key, value)
    return CatalogTranslations(messages)


def missing(locale: str, site: Overrides | None = None) -> list[str]:
    """Interface strings that `locale` would show in English (none for English itself)."""
    if candidates(locale)[-1] == "en":
        return []
    known = ui_translations(locale, site).messages
    return [message for message in template_ids() if message not in known]
