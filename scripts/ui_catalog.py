#!/usr/bin/env python3
"""Extract the `ui` domain (Tidings' own template strings) and merge it into every locale.

Run after changing a user-visible string in plugins/tidings/templates or the plugins:
    .venv/bin/python scripts/ui_catalog.py
then translate the new entries in plugins/tidings/locale/<locale>/LC_MESSAGES/ui.po.
Extraction is Babel's (the Jinja2 extractor for templates, Python for `_()` calls).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "tidings"
LOCALE_DIR = PACKAGE / "locale"
METHODS = [
    ("**/templates/**.html", "jinja2"),
    ("**/theme/**.html", "jinja2"),
    ("**.py", "python"),
]
OPTIONS = {
    "**/templates/**.html": {"extensions": "jinja2.ext.i18n"},
    "**/theme/**.html": {"extensions": "jinja2.ext.i18n"},
}
KEYWORDS = {"_": None, "gettext": None, "tidings_text": None}

sys.path.insert(0, str(ROOT / "plugins"))
from tidings.catalogs.store import merge, read_catalog, write_catalog


def template() -> Catalog:
    catalog = Catalog(domain="ui", project="Tidings", fuzzy=False, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), METHODS, keywords=KEYWORDS, options_map=OPTIONS, strip_comment_tags=True
    ):
        if "/locale/" in filename or filename.startswith("locale/"):
            continue
        catalog.add(
            message,
            locations=[(f"plugins/tidings/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def main() -> int:
    pot = template()
    write_catalog(LOCALE_DIR / "ui.pot", pot)
    print(f"{len(pot)} strings in plugins/tidings/locale/ui.pot")
    # Every locale Tidings ships: a folder per locale (add one with `mkdir` and run this).
    locales = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())
    for locale in locales:
        path = LOCALE_DIR / locale / "LC_MESSAGES" / "ui.po"
        existing = read_catalog(path, locale=locale) if path.exists() else None
        catalog = merge(existing, pot, locale, {})
        write_catalog(path, catalog)
        missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        print(f"{path.relative_to(ROOT)}: {missing} to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
