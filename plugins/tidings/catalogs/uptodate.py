"""Whether `tidings update` would leave a PO file as it is: decided from its text, fast.

A full merge reads the PO file and its template with Babel, merges, and writes the result
out to compare it with the file: most of `update`'s time on a large site where little
changed. A PO file Tidings wrote is up to date when its entries, in order, with their `#.`
and `#:` comments and their msgids, are its template's (the lines other than translations,
translator comments, flags, previous msgids and obsolete entries are the same), and the merge
would add nothing: no untranslated entry the locale's translation memory could suggest or an
obsolete entry could give back, and the published mark present if the story publishes.
Anything else goes through the full merge, which is the reference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tidings.catalogs.pofile import PoEntry
from tidings.catalogs.progress import units_publishable

_KEPT = ("#.", "#:", "msgctxt", "msgid", "msgid_plural")


def _shape(text: str) -> list[str]:
    """The lines of a catalog a template decides, header entry left out."""
    lines: list[str] = []
    keep = False
    for line in text.split("\n"):
        if line.startswith(_KEPT):
            keep = line.startswith(("msgctxt", "msgid"))
            lines.append(line)
        elif line.startswith('"'):
            if keep:
                lines.append(line)
        else:
            keep = False
    first = next((i for i, line in enumerate(lines) if line.startswith("msgid")), None)
    if first is None:
        return lines
    # The header entry: `msgid ""` and nothing after it before the next entry's lines.
    return lines[first + 1 :] if lines[first] == 'msgid ""' else lines


def up_to_date(
    po: str,
    template: str,
    active: Sequence[PoEntry],
    obsolete_msgids: set[tuple[str | None, str]],
    memory: Mapping[tuple[str | None, str], str],
    min_translated: float,
    marked: bool,
) -> bool:
    """Whether merging `template` into `po` (active entries `active`) would change nothing."""
    if _shape(po) != _shape(template):
        return False
    units = [e for e in active if e.msgid]
    for entry in units:
        key = (entry.context, entry.msgid)
        if not entry.msgstr and (key in memory or key in obsolete_msgids):
            return False  # a suggestion or a translation coming back
    done = [(e.context, bool(e.msgstr) and (not e.fuzzy or e.previous)) for e in units]
    return marked or not units_publishable(done, min_translated)
