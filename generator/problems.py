"""Problems found in entry files, and how they are printed.

Every stage (reading, schema, cross-entry rules) reports problems instead of raising, so that a
contributor sees every mistake in every file at once, each with the place to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
OutputFormat = Literal["text", "github"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the pull request."""
        command = "error" if self.level == "error" else "warning"
        message = _escape_github(self.message)
        path = _escape_github(self.path, property_value=True)
        return f"::{command} file={path},line={self.line},col={self.col}::{message}"


def _escape_github(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.level == "error" for problem in problems)


def format_problems(problems: Iterable[Problem], fmt: OutputFormat = "text") -> str:
    """All problems, sorted by file and position, one per line."""
    ordered = sorted(set(problems))
    if fmt == "github":
        return "\n".join(problem.github() for problem in ordered)
    return "\n".join(str(problem) for problem in ordered)


def summary_line(problems: Iterable[Problem], files_checked: int) -> str:
    """The last line of `check`: counts of errors and warnings, and over how many files."""
    ordered = list(problems)
    errors = sum(1 for p in ordered if p.level == "error")
    warnings = len(ordered) - errors
    files = len({p.path for p in ordered})
    checked = f"{files_checked} file{'s' if files_checked != 1 else ''} checked"
    if not ordered:
        return f"{checked}: no problems"
    return (
        f"{checked}: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    )
