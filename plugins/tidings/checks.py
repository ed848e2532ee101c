"""Translations are untrusted text: check each one against its source before it is used.

A translation must keep the source's link targets, inline code, images, footnote references,
attribute lists and raw HTML, add no HTML of its own, and open no Markdown block the source
unit does not have (a catalog is not a way to inject script or restructure a page).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tidings.markup import BLOCK_START, markup

_LABELS = {
    "target": "link target",
    "reference": "link reference",
    "autolink": "link",
    "url": "URL",
    "code": "inline code",
    "footnote": "footnote reference",
    "attrs": "attribute list",
    "html": "HTML",
    "image": "image",
    "math": "math",
}
_DANGEROUS = re.compile(r"javascript:|vbscript:|data:text/html|<\s*script|\bon\w+\s*=", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _check(msgid: str, msgstr: str) -> tuple[str, ...]:
    return tuple(_problems(msgid, msgstr))


def check_translation(msgid: str, msgstr: str) -> list[str]:
    """Return what is wrong with a translation of `msgid` (empty when it is safe to use)."""
    return list(_check(msgid, msgstr))


def _problems(msgid: str, msgstr: str) -> list[str]:
    problems: list[str] = []
    source, target = markup(msgid), markup(msgstr)
    for (kind, value), count in sorted((target - source).items()):
        label = _LABELS.get(kind, kind)
        if kind == "html":
            problems.append(f"adds HTML the source does not have: {value}")
        elif kind == "image":
            problems.append(f"adds {count} image(s) the source does not have")
        else:
            problems.append(f"{label} {value!r} is not in the source")
    for (kind, value), _count in sorted((source - target).items()):
        label = _LABELS.get(kind, kind)
        if kind == "image":
            problems.append("drops an image of the source")
        else:
            problems.append(f"{label} {value!r} of the source is missing")
    for match in _DANGEROUS.finditer(msgstr):
        if match.group().lower() not in msgid.lower():
            problems.append(f"contains {match.group()!r}, which the source does not have")
    if re.search(r"\n[ \t]*\n", msgstr) and not re.search(r"\n[ \t]*\n", msgid):
        problems.append("adds a blank line, which would start a new paragraph")
    source_starts = {m.group().strip() for line in msgid.split("\n") if (m := BLOCK_START.match(line))}
    for line in msgstr.split("\n"):
        start = BLOCK_START.match(line)
        if start and start.group().strip() not in source_starts:
            problems.append(f"a line starts with {start.group().strip()!r}, which would start a new Markdown block")
    return list(dict.fromkeys(problems))
