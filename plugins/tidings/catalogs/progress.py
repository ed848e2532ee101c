"""How far a story is translated into a locale, and whether that is enough to publish it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

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
    failed: int
    words: int
    translated_words: int
    missing_required: tuple[str, ...]

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy - self.failed

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0

    def publishable(self, min_translated: float) -> bool:
        return not self.missing_required and self.ratio >= min_translated - 1e-9


def measure(
    entries: Sequence[Entry],
    found: Mapping[tuple[str | None, str], Translation],
    setup: MarkdownSetup | None = None,
) -> Progress:
    """Count translated, fuzzy and failing entries (each distinct entry once)."""
    unique = list({entry.key: entry for entry in entries}.values())
    translated = fuzzy = failed = total_words = done_words = 0
    missing: list[str] = []
    for entry in unique:
        count = words(entry.msgid)
        total_words += count
        hit = found.get(entry.key)
        if hit is None:
            state = "untranslated"
        elif hit.fuzzy:
            state = "fuzzy"
        elif check_translation(entry.msgid, hit.msgstr, entry.kind, setup):
            state = "failed"
        else:
            state = "translated"
        if state == "translated":
            translated += 1
            done_words += count
        elif state == "fuzzy":
            fuzzy += 1
        elif state == "failed":
            failed += 1
        if entry.context in REQUIRED and state != "translated":
            missing.append(entry.context)
    return Progress(len(unique), translated, fuzzy, failed, total_words, done_words, tuple(missing))
