"""How far a story is translated into a locale, and whether that is enough to publish it.

The publishing rule (README, "Publishing policy"): a story is published in a locale when the
share of its units that are translated reaches `min_translated` and its title and summary
are among them. A unit whose source was edited after it was translated (fuzzy with a
previous msgid, `#|`) still counts: while its translation is updated, readers get the new
source text for that unit, and the page says so. So a typo fix in the source does not take
a published translation off the site; a paragraph that is new does, until it is translated,
and the build says so (`was_published`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex
from babel.messages.catalog import Catalog

from tidings.catalogs.checks import check_translation
from tidings.catalogs.entries import Entry
from tidings.catalogs.store import Translation
from tidings.project import MarkdownSetup
from tidings.units.markup import prose

#: Fields without which a story cannot be published in a locale.
REQUIRED = ("title", "summary")
_WORDS = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*"
)


def words(text: str) -> int:
    """Count words the way translators are paid: a CJK or Thai character counts as one."""
    return len(_WORDS.findall(prose(text)))


@dataclass(frozen=True)
class Progress:
    """Counts of one story in one locale; `failed` entries are translated but unsafe."""

    total: int
    translated: int
    fuzzy: int
    """Fuzzy suggestions (translation memory, a fuzzy match of new text): not yet translated."""
    failed: int
    words: int
    translated_words: int
    missing_required: tuple[str, ...]
    updated: int = 0
    """Translated before their source was edited (fuzzy with a previous msgid): published, as
    the source text, until the translation is updated."""
    fuzzy_lines: tuple[int, ...] = ()
    """PO lines of the fuzzy entries, updated ones included: where a translator looks."""

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy - self.failed - self.updated

    @property
    def ratio(self) -> float:
        return (self.translated + self.updated) / self.total if self.total else 1.0

    def publishable(self, min_translated: float) -> bool:
        return not self.missing_required and self.ratio >= min_translated - 1e-9

    def reason(self, catalog: str, min_translated: float) -> str:
        """Why it is or is not published, for `tidings status` and the build's warnings."""
        parts = []
        if self.untranslated:
            parts.append(f"{self.untranslated} untranslated")
        if self.fuzzy:
            parts.append(f"{self.fuzzy} fuzzy")
        if self.failed:
            parts.append(f"{self.failed} failing checks (`tidings check`)")
        if self.updated:
            parts.append(
                f"{self.updated} updated in the source since translated, shown in the source"
            )
        lines = ", ".join(str(line) for line in self.fuzzy_lines[:5])
        lines += ", ..." if len(self.fuzzy_lines) > 5 else ""
        many = "s" if len(self.fuzzy_lines) > 1 else ""
        detail = "; ".join(parts) + (f" ({catalog}, line{many} {lines})" if lines else "")
        if self.publishable(min_translated):
            return f"published; {detail}" if detail else "published"
        missing = (
            f"{' and '.join(self.missing_required)} not translated; "
            if self.missing_required
            else ""
        )
        return f"not published ({self.ratio:.0%} of {min_translated:.0%}): {missing}{detail}"


def measure(
    entries: Sequence[Entry],
    found: Mapping[tuple[str | None, str], Translation],
    setup: MarkdownSetup | None = None,
) -> Progress:
    """Count translated, fuzzy and failing entries (each distinct entry once)."""
    unique = list({entry.key: entry for entry in entries}.values())
    translated = fuzzy = failed = updated = total_words = done_words = 0
    missing: list[str] = []
    fuzzy_lines: list[int] = []
    for entry in unique:
        count = words(entry.msgid)
        total_words += count
        hit = found.get(entry.key)
        if hit is None:
            state = "untranslated"
        elif hit.fuzzy:
            state = "updated" if hit.previous else "fuzzy"
            fuzzy_lines.append(hit.line)
        elif check_translation(entry.msgid, hit.msgstr, entry.kind, setup):
            state = "failed"
        else:
            state = "translated"
        if state == "translated":
            translated += 1
            done_words += count
        elif state == "fuzzy":
            fuzzy += 1
        elif state == "updated":
            updated += 1
        elif state == "failed":
            failed += 1
        if entry.context in REQUIRED and state not in ("translated", "updated"):
            missing.append(entry.context)
    return Progress(
        len(unique),
        translated,
        fuzzy,
        failed,
        total_words,
        done_words,
        tuple(missing),
        updated,
        tuple(sorted(fuzzy_lines)),
    )


def units_publishable(units: Sequence[tuple[str | None, bool]], min_translated: float) -> bool:
    """The publishing rule on (msgctxt, done) per unit, without the translation checks (done:
    translated, or fuzzy with a previous msgid): `tidings update` asks it of a catalog as it
    stands, before and after it merges a changed template."""
    if not units:
        return False
    required = all(
        any(done for context, done in units if context == name)
        for name in REQUIRED
        if any(context == name for context, _ in units)
    )
    share = sum(1 for _, done in units if done) / len(units)
    return required and share >= min_translated - 1e-9


def catalog_publishable(catalog: Catalog, min_translated: float) -> bool:
    """`units_publishable` on a Babel catalog's active entries (its story's units)."""
    units = [
        (m.context, bool(m.string) and (not m.fuzzy or bool(m.previous_id)))
        for m in catalog
        if m.id
    ]
    return units_publishable(units, min_translated)
