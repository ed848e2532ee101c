"""A Babel extractor for Markdown stories, for `pybabel extract -F babel.cfg`.

    [tidings_story: content/stories/**.md]

Front-matter fields come out with their field name as msgctxt (through `pgettext`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from tidings.catalogs.entries import story_entries
from tidings.story.schema import parse_story


def extract_story(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    """Yield (line, function, message, comments) for every unit of a story file."""
    encoding = str(options.get("encoding", "utf-8"))
    path = getattr(fileobj, "name", "<story>")
    story = parse_story(fileobj.read().decode(encoding), str(path))
    for entry in story_entries(story)[1]:
        if entry.context:
            yield entry.line, "pgettext", (entry.context, entry.msgid), list(entry.comments)
        else:
            yield entry.line, None, entry.msgid, list(entry.comments)
