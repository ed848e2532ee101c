"""What a `mkdocs build` printed, read back as Problems, for CI annotations.

MkDocs prints each log record as `LEVEL    -  message` (mkdocs/__main__.py, ColorFormatter).
Tidings' own messages start with `tidings: path:line: ...` (or `path: ...`); MkDocs' link
messages name a page of docs_dir (`Doc file 'stories/x.md' contains ...`). Everything else is
a problem of the build without a file. With `--strict` MkDocs fails on any warning, so then
every warning is an error.
"""

from __future__ import annotations

import re

from tidings.errors import Problem, Severity

_RECORD = re.compile(r"^(WARNING|ERROR|CRITICAL) +-  (.*)$")
_LOCATED = re.compile(
    r"^(?P<path>[^\s:'\"][^:\n]*?\.[A-Za-z]{1,5})(?::(?P<line>\d+))?: (?P<message>.+)$"
)
_DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' ")
#: MkDocs' own closing line under --strict; the warnings it counts are reported already.
_ABORTED = re.compile(r"^Aborted with \d+ warnings? in strict mode!$")


_ANY_RECORD = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) +-  ")
_QUIET = re.compile(r"^(?:DEBUG|INFO) +-  ")


def said(output: str) -> str:
    """`output` without MkDocs' INFO and DEBUG records (and their continuation lines)."""
    kept, quiet = [], False
    for line in output.splitlines(keepends=True):
        if _ANY_RECORD.match(line):
            quiet = bool(_QUIET.match(line))
        if not quiet:
            kept.append(line)
    return "".join(kept)


def log_problems(output: str, docs_dir: str, strict: bool = False) -> list[Problem]:
    """The warnings and errors in `output` (as printed by `mkdocs build`), each once."""
    problems: list[Problem] = []
    seen: set[Problem] = set()
    for line in output.splitlines():
        record = _RECORD.match(line.rstrip())
        if not record:
            continue
        level, message = record.groups()
        if _ABORTED.match(message):
            continue
        severity: Severity = "error" if level != "WARNING" or strict else "warning"
        message = message.removeprefix("tidings: ")
        located = _LOCATED.match(message)
        doc_file = _DOC_FILE.match(message)
        if located:
            line_number = int(located["line"]) if located["line"] else None
            problem = Problem(located["path"], line_number, located["message"], severity)
        elif doc_file:
            problem = Problem(f"{docs_dir}/{doc_file['page']}", None, message, severity)
        else:
            problem = Problem("", None, message, severity)
        if problem not in seen:  # shards repeat what every language pass says about the source
            seen.add(problem)
            problems.append(problem)
    return problems
