"""Finding and reading the files under entries/, without trusting them.

A pull request can put anything in entries/: symlinks pointing out of the tree, FIFOs or folders
named like entries, huge files, text in the wrong encoding. Each becomes a problem; nothing is
followed, nothing blocks, nothing outside entries/ is read or echoed.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.model.problems import Problem
from generator.load.yamlread import line_col

MAX_FILE_BYTES = 256 * 1024
YEAR_FOLDER = re.compile(r"[0-9]{4}")
DATA_FILES = ("companies.yaml", "themes.yaml")
IGNORED_NAMES = frozenset({"README.md"})
HIDDEN_MESSAGE = "a hidden file (its name starts with '.') is never read; name an entry <id>.yaml"


@dataclass(frozen=True)
class EntryFile:
    """A file found under entries/: where it is, and how to show that path to people."""

    path: Path
    display: str


def find_files(entries_dir: Path, display_root: Path) -> tuple[list[EntryFile], list[Problem]]:
    """Every `<YYYY>/<id>.yaml` under entries_dir, sorted; anything else out of place is a problem."""
    found: list[EntryFile] = []
    problems: list[Problem] = []

    prefix = str(display_root) + os.sep

    def shown(path: Path) -> str:
        text = str(path)
        if text.startswith(prefix):  # the usual case, without relpath's cost per file
            return text[len(prefix):].replace(os.sep, "/")
        return os.path.relpath(path, display_root).replace(os.sep, "/")

    for item in _scan(entries_dir):
        path = Path(item.path)
        if _hidden_entry(item.name):
            problems.append(Problem(shown(path), 1, 1, HIDDEN_MESSAGE))
            continue
        if item.name.startswith(".") or item.name in IGNORED_NAMES or item.name in DATA_FILES:
            continue
        if item.is_dir(follow_symlinks=False) and YEAR_FOLDER.fullmatch(item.name):
            for inner in _scan(path):
                if _hidden_entry(inner.name):
                    problems.append(Problem(shown(Path(inner.path)), 1, 1, HIDDEN_MESSAGE))
                if inner.name.startswith("."):
                    continue
                problem = _not_an_entry(inner, shown(Path(inner.path)))
                if problem:
                    problems.append(problem)
                else:
                    found.append(EntryFile(Path(inner.path), shown(Path(inner.path))))
        elif item.is_symlink():
            problems.append(Problem(shown(path), 1, 1, "symbolic links are not allowed in entries/"))
        else:
            message = "entries live in entries/<YYYY>/<id>.yaml; this is out of place"
            problems.append(Problem(shown(path), 1, 1, message))
    return sorted(found, key=lambda f: f.display), problems


def _hidden_entry(name: str) -> bool:
    """`.x.yaml` would be skipped like `.DS_Store`: say so rather than ignore an entry silently."""
    return name.startswith(".") and name.endswith((".yaml", ".yml"))


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as items:
        return sorted(items, key=lambda item: item.name)


def _not_an_entry(item: os.DirEntry[str], display: str) -> Problem | None:
    if item.is_symlink():
        return Problem(display, 1, 1, "symbolic links are not allowed in entries/")
    if not item.name.endswith(".yaml"):
        hint = " (use the .yaml extension)" if item.name.endswith(".yml") else ""
        return Problem(display, 1, 1, f"only <id>.yaml files belong in a year folder{hint}")
    if not item.is_file(follow_symlinks=False):
        return Problem(display, 1, 1, "not a regular file")
    return None


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (a UTF-8 byte-order mark is allowed), or the problem why not."""
    try:
        data = _read_bounded(path)
    except OSError as error:
        return None, [Problem(display, 1, 1, f"cannot read the file ({error.strerror or 'error'})")]
    if data is None:
        return None, [Problem(display, 1, 1, "not a regular file")]
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(display, 1, 1, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(data):
        return None, [Problem(display, 1, 1, "the file is UTF-16; save it as UTF-8")]
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix, len(prefix))
        byte = data[error.start]
        return None, [Problem(display, line, col, f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8")]


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: YAML text starts with ASCII, so every other byte is NUL."""
    start = data[:8]
    return len(start) == 8 and (start[0::2] == b"\0" * 4 or start[1::2] == b"\0" * 4)


def _read_bounded(path: Path) -> bytes | None:
    """At most MAX_FILE_BYTES + 1 bytes; None unless it is a regular file (never blocks on a FIFO)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
