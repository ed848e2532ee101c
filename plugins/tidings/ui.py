"""The `ui` gettext domain: strings of Tidings' own templates, translated for every locale.

Catalogs live in the package (`tidings/locale/<locale>/LC_MESSAGES/ui.po`) and are read with
Babel directly, so no compiled `.mo` files are kept in the repository.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"


class CatalogTranslations(gettext.NullTranslations):
    """gettext translations backed by a PO file's finished (non-fuzzy) entries."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def _candidates(locale: str) -> list[str]:
    parts = locale.replace("_", "-").split("-")
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]


@cache
def ui_translations(locale: str, locale_dir: Path = LOCALE_DIR) -> CatalogTranslations:
    """Return the UI translations for `locale` (zh-Hant, then zh), or the English originals."""
    for candidate in _candidates(locale):
        path = locale_dir / candidate / "LC_MESSAGES" / "ui.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle)
            messages = {
                str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy
            }
            return CatalogTranslations(messages)
    return CatalogTranslations({})
