"""What a translator sees: a story's units as catalog entries with context and comments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tidings.story.schema import Story
from tidings.units.segment import Unit, segment


@dataclass(frozen=True)
class Entry:
    """One catalog entry of a story: front-matter fields carry a `context`, body units do not."""

    msgid: str
    context: str | None
    kind: str
    line: int
    comments: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


def field_entries(story: Story, budgets: Mapping[str, str] | None = None) -> list[Entry]:
    """Return the translatable front-matter fields; `budgets` maps a field to a length note."""
    budgets = budgets or {}
    found: list[tuple[str, str, str]] = []  # (context, line key, text)
    for name in ("title", "summary", "image_alt", "snippet"):
        value = getattr(story, name)
        if value:
            found.append((name, name, value))
    for channel, text in story.snippets.items():
        found.append((f"snippets.{channel}", f"snippets.{channel}", text))
    for index, tag in enumerate(story.hashtags):
        found.append(("hashtags", f"hashtags.{index}", tag))
    for index, tag in enumerate(story.tags):
        found.append(("tags", f"tags.{index}", tag))
    for index, author in enumerate(story.authors):
        found.append(("authors", f"authors.{index}", author.name))
        if author.role:
            found.append(("roles", f"authors.{index}", author.role))
    for index, (context, text) in enumerate(story.texts):
        found.append((context, f"texts.{index}", text))
    entries = []
    for context, line_key, text in found:
        if story.texts:  # the site's own texts, from mkdocs.yml
            comments = [f"{story.path}: {context}"]
        else:
            comments = [f"front matter: {context}", f"{_label(story)}: {story.title}"]
        if context in budgets:
            comments.append(f"budget: {budgets[context]}")
        if context == "hashtags":
            comments.append("one word, no spaces, no '#'")
        if context == "authors":
            comments.append("a name, written as your newsroom writes foreign names")
        if context == "roles":
            comments.append("a role in the byline (Reporter, Photographer); the order is ui.po's")
        entries.append(Entry(text, context, context, story.line_of(line_key), tuple(comments)))
    return entries


def _label(story: Story) -> str:
    return "page" if story.catalog else "story"


def body_entries(story: Story, units: list[Unit]) -> list[Entry]:
    """Return the body units as entries, with their block type and the story title."""
    label = f"{_label(story)}: {story.title or story.path}"
    return [Entry(u.text, None, u.kind, u.line, (u.kind, label)) for u in units]


def story_entries(
    story: Story, budgets: Mapping[str, str] | None = None
) -> tuple[list[Unit], list[Entry]]:
    """Segment a story and return its units and all its catalog entries, fields first."""
    units = segment(story.body, story.body_line)
    return units, field_entries(story, budgets) + body_entries(story, units)
