"""Python-Markdown's block containers, which markdown-it does not know, as a markdown-it rule.

`!!! type "Title"` (admonition), `??? type "Title"` (details, pymdownx.details) and
`=== "Tab"` (pymdownx.tabbed), each with its body indented 4 spaces. The token carries the
kind in `info` and the title's source span in `meta["title"]`.
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

_CONTAINER = re.compile(
    r'^(!!!|\?\?\?\+?|===[+!]*)(?:[ \t]+([^"\n]*?))?[ \t]*(?:"([^"\n]*)")?[ \t]*$'
)
_CONTAINER_KINDS = {"!": "admonition", "?": "details", "=": "tab"}


def container_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Parse `!!! type "Title"`, `??? type "Title"` and `=== "Tab"` blocks, body indented 4."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line_end = state.eMarks[start_line]
    if state.src[begin : begin + 3] not in ("!!!", "???", "==="):
        return False
    match = _CONTAINER.match(state.src[begin:line_end])
    if not match or (match.group(1).startswith("=") and match.group(3) is None):
        return False
    if silent:
        return True
    next_line = start_line + 1
    last_content = start_line
    body_indent = state.blkIndent + 4
    while next_line < end_line:
        if state.isEmpty(next_line):
            next_line += 1
            continue
        if state.sCount[next_line] < body_indent:
            break
        last_content = next_line
        next_line += 1
    body_end = last_content + 1

    kind = _CONTAINER_KINDS[match.group(1)[0]]
    token = state.push("container_open", "div", 1)
    token.map = [start_line, body_end]
    token.info = kind
    if match.group(3) is not None:
        title_start = begin + match.start(3)
        token.meta = {"title": (title_start, begin + match.end(3))}

    old_indent, old_parent, old_max = state.blkIndent, state.parentType, state.lineMax
    state.blkIndent = body_indent
    state.parentType = "container"
    state.lineMax = body_end
    state.md.block.tokenize(state, start_line + 1, body_end)
    state.blkIndent, state.parentType, state.lineMax = old_indent, old_parent, old_max
    state.push("container_close", "div", -1)
    state.line = body_end
    return True
