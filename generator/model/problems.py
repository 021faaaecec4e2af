"""Problems found in entry files, and how they are printed.

Every stage (reading, schema, cross-entry rules) reports problems instead of raising, so that a
contributor sees every mistake in every file at once, each with the place to fix it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    # "translation" for the warnings about Chinese text (load/translations.py, load/fields.py),
    # which a build reports as a count only: a site not yet all in Chinese is not a broken build.
    topic: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.level}: {printable(self.message)}"

    def github(self) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the pull request."""
        command = "error" if self.level == "error" else "warning"
        message = _escape_github(printable(self.message))
        path = _escape_github(printable(self.path), property_value=True)
        return f"::{command} file={path},line={self.line},col={self.col}::{message}"


# Control, format (bidi, zero-width), separator, private-use, surrogate and unassigned characters.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def printable(text: str) -> str:
    """Text safe for a terminal or a CI log: a file name or value from an entry cannot move the
    cursor, colour the output, reorder the line or start a new one. Such characters are shown as
    escapes (\\x1b, \\u202e); a byte that was not UTF-8 in a file name is shown as \\xff."""
    return "".join(_escaped(char) if unicodedata.category(char) in _UNPRINTABLE_CATEGORIES else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def non_ascii(text: str) -> str | None:
    """The first non-ASCII character of `text`, named: where only ASCII is allowed, a look-alike
    (Cyrillic 'а' for Latin 'a') or an accent is invisible in the message without its name."""
    char = next((char for char in text if not char.isascii()), None)
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}" if char else None


def excerpt(text: str, limit: int = 60) -> str:
    """At most `limit` characters of user text, for quoting it in a message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
