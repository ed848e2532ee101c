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
