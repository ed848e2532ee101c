"""A story's authors: a name, or a name with the role a byline gives it and a page about them.

    authors: [孙悦]                                   # a name
    authors: [{name: 孙悦, role: 记者}, {name: 陈嘉禾, role: 摄影, url: https://…}]

Names and roles are translated apart (a byline puts them together in each language's order,
`{role} {name}` in the `ui` catalog: "Reporter Sun Yue", "Sun Yue, journaliste", "쑨웨 기자"),
so that structured data can say who wrote a story without their job title (schema.org Person:
`name`, `jobTitle`, `url`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

KEYS = ("name", "role", "url")


@dataclass(frozen=True)
class Author:
    name: str
    role: str | None = None
    url: str | None = None


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def read_authors(value: Any, error: Callable[[str, str], None]) -> tuple[Author, ...]:
    """The authors of a story's front matter; `error(key, message)` says what is wrong where."""
    if value is None:
        return ()
    if isinstance(value, (str, Mapping)):
        value = [value]
    if not isinstance(value, list):
        error("authors", "'authors' must be a name or a list of names")
        return ()
    authors = []
    for index, item in enumerate(value):
        key = f"authors.{index}"
        if isinstance(item, Mapping):
            unknown = [str(k) for k in item if k not in KEYS]
            if unknown:
                error(key, f"an author takes name, role and url, not '{unknown[0]}'")
            name, role, url = (_text(item.get(k)) for k in KEYS)
            if name is None:
                error(key, f"author {index + 1} needs a 'name'")
                continue
            if item.get("role") is not None and role is None:
                error(key, f"the role of author {index + 1} must be non-empty text")
            if url is not None and not re.match(r"^https?://[^\s/]+\S*$", url):
                error(key, f"the url of author {index + 1} must be an absolute http(s) URL")
                url = None
            authors.append(Author(name, role, url))
        elif (name := _text(item)) is not None:
            authors.append(Author(name))
        else:
            error(key, f"'authors' item {index + 1} must be a name or {{name: ..., role: ...}}")
    return tuple(authors)
