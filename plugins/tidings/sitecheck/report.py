"""Findings and per-validator results, and how they are printed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one output file, located by path (relative to the site) and 1-based line."""

    path: str
    line: int
    validator: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.validator}: {self.message}"


@dataclass
class Result:
    """What one validator found, which tool and version did it, and how long it took."""

    name: str
    version: str = ""
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    checked: int = 0
    """How many files (or pages, feeds, catalogs) the validator looked at."""
    error: str = ""
    """Set when the validator could not run at all (a missing tool): that fails the check too."""

    @property
    def failed(self) -> bool:
        return bool(self.findings or self.error)

    def add(self, path: str, line: int | None, message: str, validator: str | None = None) -> None:
        self.findings.append(Finding(path, line or 1, validator or self.name, message))


@contextmanager
def timed(result: Result) -> Iterator[Result]:
    """Measure the wall time of the block into `result.seconds`."""
    start = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - start


def text_report(results: list[Result]) -> str:
    """Findings one per line (GNU style), then one summary row per validator."""
    lines = [str(f) for r in results for f in sorted(r.findings)]
    lines += [f"-: {r.name}: cannot run: {r.error}" for r in results if r.error]
    if lines:
        lines.append("")
    width = max([len(r.name) for r in results] + [9])
    vwidth = max([len(r.version) for r in results] + [7])
    lines.append(
        f"{'validator':<{width}}  {'version':<{vwidth}}  {'seconds':>7}  {'checked':>7}  findings"
    )
    for r in results:
        status = "CANNOT RUN" if r.error else str(len(r.findings))
        lines.append(
            f"{r.name:<{width}}  {r.version:<{vwidth}}  {r.seconds:7.2f}  {r.checked:7d}  {status}"
        )
    total = sum(len(r.findings) for r in results)
    broken = sum(1 for r in results if r.error)
    verdict = "FAILED" if total or broken else "passed"
    lines.append(f"site check {verdict}: {total} finding(s), {broken} validator(s) could not run")
    return "\n".join(lines)


def json_report(results: list[Result]) -> str:
    """Everything as one JSON document (findings, versions, timings)."""
    payload = {
        "passed": not any(r.failed for r in results),
        "validators": [
            {
                "name": r.name,
                "version": r.version,
                "seconds": round(r.seconds, 3),
                "checked": r.checked,
                "error": r.error,
                "findings": [asdict(f) for f in sorted(r.findings)],
            }
            for r in results
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def github_report(results: list[Result]) -> str:
    """Every finding as a GitHub Actions error annotation on its file and line, then the text
    report (the log stays readable)."""
    lines = [
        f"::error file={_property(f.path)},line={f.line},title={_property('check-site ' + f.validator)}"
        f"::{_data(f.message)}"
        for r in results
        for f in sorted(r.findings)
    ]
    lines += [
        f"::error title={_property('check-site ' + r.name)}::{_data('cannot run: ' + r.error)}"
        for r in results
        if r.error
    ]
    return "\n".join([*lines, text_report(results)])


def markdown_summary(results: list[Result], shown: int = 20) -> str:
    """The check as Markdown for a job summary: one row per validator, then the findings."""
    total = sum(len(r.findings) for r in results)
    broken = sum(1 for r in results if r.error)
    verdict = "failed" if total or broken else "passed"
    lines = [
        "",  # a blank line first: what came before may be an HTML block (<details>)
        f"### Site check {verdict}: {total} finding(s), {broken} validator(s) could not run",
        "",
        "| validator | version | checked | findings | seconds |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for r in results:
        found = "cannot run" if r.error else str(len(r.findings))
        lines.append(f"| {r.name} | {_cell(r.version)} | {r.checked} | {found} | {r.seconds:.1f} |")
    findings = [f for r in results for f in sorted(r.findings)]
    if findings:
        lines += ["", "<details><summary>Findings</summary>", ""]
        lines += [
            f"- `{f.path}:{f.line}` {f.validator}: {_cell(f.message)}" for f in findings[:shown]
        ]
        if len(findings) > shown:
            lines.append(f"- … and {len(findings) - shown} more (see the log)")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


# Workflow-command escaping, as the Actions runner reads it back (actions/toolkit command.ts).
# The site check imports nothing of Tidings (it is an independent oracle), hence its own copy.
def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    """Text for a Markdown table cell or list item: no pipes, no raw HTML, one line."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    ).replace("\n", " ")
