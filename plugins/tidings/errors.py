"""Problems a writer, translator or CI config can cause, reported GNU style as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about a file a person wrote, located by path and 1-based line."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def github(self, strict: bool = False) -> str:
        """Format as a GitHub Actions workflow command (an annotation on the file and line);
        with `strict`, a warning is an error (it fails the run)."""
        kind = "error" if self.severity == "error" or strict else "warning"
        where = [f"file={_property(self.path)}"] if self.path else []
        if self.path and self.line:
            where.append(f"line={self.line}")
        properties = " " + ",".join(where) if where else ""
        return f"::{kind}{properties}::{_data(self.message)}"


# Escaping of workflow commands, as the Actions runner undoes it (actions/toolkit, command.ts):
# the message escapes % CR LF; a property also : and , (a path with a comma stays one path).
def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def excerpt(text: str, limit: int = 40) -> str:
    """Quote a piece of a person's file in a message: short, with control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return repr(short)


def not_utf8(exc: UnicodeDecodeError) -> tuple[int, str]:
    """The line of an undecodable byte, and a message naming it (an encoded lone surrogate too)."""
    data = bytes(exc.object)
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return (
        line,
        f"not UTF-8 text: byte 0x{data[exc.start]:02X} at column {column} ({exc.reason}); save the file as UTF-8",
    )


class TidingsError(Exception):
    """Mistakes in a person's input; printed as ``path:line: message`` lines, never a traceback."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.problem = Problem(str(path), line, message)
        self.problems: tuple[Problem, ...] = (self.problem,)
        super().__init__(str(self.problem))

    @classmethod
    def from_problems(cls, problems: list[Problem] | tuple[Problem, ...]) -> TidingsError:
        """Raise several findings about one input at once; the first one names the error."""
        first = problems[0]
        error = cls(first.path, first.line, first.message)
        error.problems = tuple(problems)
        return error

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line
