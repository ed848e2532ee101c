"""The links and images of a story's body, checked where the writer wrote them (`md:line`).

A relative link must lead to a file of the site (a page, a story, an image) or to a page
Tidings makes (home, archive, tags); a `#fragment` on a link to a story must be one of that
story's heading ids (see `tidings.editions.anchors`), in every language alike. Links with a
scheme (`https:`, `mailto:`) are not followed: the site check (`tidings check-site`) does that
offline for the built site.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tidings.errors import Problem
from tidings.story.schema import Story

# `[text](target "title")` and `![alt](src)`: the target up to a space or the closing paren.
_LINK = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
# `[name]: target "title"`, the target of reference links (`[text][name]`), at its own line.
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)(?:[^\[\]\\]|\\.)+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
# Raw HTML: `<a href="...">` and `<img src="...">`, which MkDocs checks like Markdown links.
_HTML = re.compile(
    r"<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE
)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1|^(?:```|~~~).*?^(?:```|~~~)", re.DOTALL | re.MULTILINE)
#: Pages Tidings generates in every language; links to them are links to real pages.
GENERATED = re.compile(
    r"^(?:index\.md|page/\d+\.md|archive/(?:index|\d{4})\.md|tags/[^/]+\.md|snippets\.md)$"
)


@dataclass(frozen=True)
class LinkProblem(Problem):
    """A broken link or image; `target` as written, `page` the path of its page in docs_dir,
    so that MkDocs' own report of the same link can be recognised (and not said twice)."""

    target: str = ""
    page: str = ""


def body_links(story: Story) -> Iterator[tuple[int, bool, str]]:
    """(line, is_image, target) of every link and image of the body outside code: inline,
    reference definitions, and raw HTML `<a href>` / `<img src>`, in the order written."""
    body = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), story.body)
    found: list[tuple[int, bool, str]] = []
    for match in _LINK.finditer(body):
        found.append((match.start(), bool(match.group(1)), match.group(2)))
    for match in _DEFINITION.finditer(body):
        found.append((match.start(1), False, match.group(1)))
    for match in _HTML.finditer(body):
        target = match.group(2) if match.group(2) is not None else match.group(3)
        found.append((match.start(), match.group(1).lower() == "img", target.strip()))
    for offset, image, target in sorted(found):
        if target:
            yield story.body_line + body.count("\n", 0, offset), image, target


def link_problems(
    story: Story,
    docs_dir: Path,
    story_uri: str,
    anchors_of: Callable[[str], set[str] | None],
) -> list[Problem]:
    """What is wrong with the story's links and images, each at its line.

    `story_uri` is the story's path inside docs_dir (`stories/x.md`); `anchors_of(uri)` gives
    the heading ids of the story at `uri`, or None when `uri` is not a story.
    """
    problems: list[Problem] = []
    here = posixpath.dirname(story_uri)
    for line, image, target in body_links(story):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            continue
        path = unquote(parts.path)
        uri = posixpath.normpath(posixpath.join(here, path)) if path else story_uri
        what = "image" if image else "link"

        def problem(message: str, target: str = target, line: int = line) -> LinkProblem:
            return LinkProblem(story.path, line, message, target=target, page=story_uri)

        if uri.startswith("../") or uri == "..":
            problems.append(problem(f"{what} '{target}' leads out of the site's pages"))
            continue
        exists = (docs_dir / uri).is_file() or (not image and bool(GENERATED.match(uri)))
        if not exists:
            problems.append(problem(f"{what} '{target}': there is no {uri} in {docs_dir.name}/"))
            continue
        if parts.fragment and not image:
            anchors = anchors_of(uri)
            if anchors is not None and unquote(parts.fragment) not in anchors:
                known = ", ".join(sorted(anchors)) or "none"
                problems.append(
                    problem(
                        f"link '{target}': {uri} has no heading '#{parts.fragment}' (its headings: {known})"
                    )
                )
    return problems
