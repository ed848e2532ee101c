"""MkDocs' own link warnings, each said once.

Tidings checks every link and image of a story's body where the writer wrote it
(`content/stories/x.md:7: link 'y.md': ...`, see `tidings.story.links`). MkDocs checks the
rendered page too and says the same without a line, once per language pass of
mkdocs-static-i18n: eleven copies of one mistake in the demo. This filter, on MkDocs' page
logger, drops MkDocs' report of a link Tidings already reported at its line, and any repeat
of a message within one build; everything else MkDocs says (links Tidings does not check)
reaches the writer, once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from mkdocs.plugins import get_plugin_logger

from tidings.errors import Problem
from tidings.story.links import LinkProblem

#: The logger of `mkdocs.structure.pages`, which validates links and anchors.
PAGES_LOGGER = "mkdocs.structure.pages"
_LINK = re.compile(r"^Doc file '(?P<page>[^']*)' contains an? (?:\w+ )*?link '(?P<target>[^']*)'")
_MISSING = re.compile(r"but the target '(?P<uri>[^']*)' is not found among documentation files")


class LinkWarnings(logging.Filter):
    """Drop what Tidings already said with a line, and repeats from other language passes."""

    def __init__(self) -> None:
        super().__init__()
        self.reported: set[tuple[str, str]] = set()
        self.seen: set[str] = set()
        self.left_out: set[str] = set()

    def start(self, problems: Iterable[Problem], left_out: Iterable[str] = ()) -> None:
        """A new build: these are the links Tidings reported, and the pages (`stories/x.md`)
        a preview does not build."""
        self.reported = {
            (problem.page, problem.target)
            for problem in problems
            if isinstance(problem, LinkProblem)
        }
        self.seen = set()
        self.left_out = set(left_out)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        link = _LINK.match(message)
        if link and (link["page"], link["target"]) in self.reported:
            return False
        missing = _MISSING.search(message)
        if link and missing and missing["uri"] in self.left_out:
            return False
        if message in self.seen:
            return False
        self.seen.add(message)
        return True


LINK_WARNINGS = LinkWarnings()


def say_link_warnings_once(problems: Iterable[Problem], left_out: Iterable[str] = ()) -> None:
    """Install (once) and reset the filter for a build whose Tidings problems are these."""
    logger = logging.getLogger(PAGES_LOGGER)
    logger.addFilter(LINK_WARNINGS)  # a no-op when it is already there
    LINK_WARNINGS.start(problems, left_out)


def log_problems(problems: list[Problem]) -> None:
    """The problems of a build's stories and catalogs, each once, as warnings of the stories
    plugin: not errors, so that `mkdocs serve` keeps running while a writer fixes a story, and
    `mkdocs build --strict` still fails on them."""
    stories_log = get_plugin_logger("tidings.mkdocs_plugins.stories")
    for problem in dict.fromkeys(problems):
        stories_log.warning(str(problem))
