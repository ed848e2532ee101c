"""A site's own catalogs of Tidings' interface (`translations/<locale>/LC_MESSAGES/ui.po`).

Read like every other catalog of the site (strictly: UTF-8, charset header, duplicates, no
symbolic link out of translations/, errors at path:line) and checked entry by entry: a
translation whose placeholders differ from the English (`%(tag)s`) would fail to render, so
it is not used and a warning names its line. See tidings/ui.py for how they are looked up.
"""

from __future__ import annotations

from collections.abc import Iterable

from tidings.catalogs.store import read_translations
from tidings.errors import Problem, TidingsError
from tidings.project import Project
from tidings.ui import Overrides, candidates, catalog_file, usable


def read_interface(
    project: Project, locales: Iterable[str] | None = None
) -> tuple[Overrides, list[Problem]]:
    """The site's usable interface translations for `locales` (and their base languages)."""
    codes = dict.fromkeys(
        code
        for locale in (locales or [lang.locale for lang in project.languages])
        for code in candidates(locale)
    )
    found: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for code in codes:
        path = catalog_file(project.translations_dir, code)
        if not path.exists() and not path.is_symlink():
            continue
        shown = project.relative(path)
        try:
            entries = read_translations(path, shown, project.translations_dir)
        except TidingsError as exc:
            problems.extend(exc.problems)
            continue
        messages: dict[str, str] = {}
        for (_context, msgid), entry in entries.items():
            if entry.fuzzy:
                continue
            if not usable(msgid, entry.msgstr):
                problems.append(
                    Problem(
                        shown,
                        entry.line,
                        "translation not used (its placeholders differ from the English: "
                        f"{msgid!r}); the shipped translation shows",
                        "warning",
                    )
                )
                continue
            messages[msgid] = entry.msgstr
        found[code] = messages
    return found, problems
