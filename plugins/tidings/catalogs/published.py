"""Whether a story was published in a locale: a mark in its PO file's header.

A story that leaves a locale's site (new text nobody translated yet) should not do so
quietly. `tidings update`, which merges changed templates, knows when it finds a story
published; it marks the PO file, and a build in which the story no longer publishes there
warns (so that a strict CI stops) until it is translated or taken off on purpose.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from tidings.catalogs.store import FOREIGN

#: The header field `tidings update` writes into a PO file whose story it found published
#: in that locale (before merging a changed template): from then on, a build in which the
#: story no longer publishes there says so (a warning, so that a strict CI stops), instead of
#: the translated pages quietly leaving the site.
PUBLISHED = ("X-Tidings-Published", "yes")


def published_mark(path: Path) -> bool:
    """Whether the PO file's header says its story was published (`PUBLISHED`)."""
    with path.open("rb") as handle:
        return is_marked(handle.read(16384).decode("utf-8", "replace"))


def is_marked(text: str) -> bool:
    """`published_mark` on a PO file's text (its header entry, before the first blank line)."""
    return f'"{PUBLISHED[0]}: {PUBLISHED[1]}\\n"' in text.split("\n\n", 1)[0]


def mark_published(catalog: Catalog) -> None:
    fields = getattr(catalog, FOREIGN, None)
    if fields is None:
        fields = []
        setattr(catalog, FOREIGN, fields)
    if PUBLISHED not in fields:
        fields.append(PUBLISHED)
