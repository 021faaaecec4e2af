"""Entry files read in an earlier load, kept while they stay unchanged.

A long-lived caller (the MkDocs plugin under `mkdocs serve`) keeps one EntryCache between loads,
so after a one-entry edit only that file is parsed and validated again. Rules across files still
run on every load, over all entries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from generator.load.files import EntryFile
from generator.model.problems import Problem

T = TypeVar("T")
Stamp = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def file_stamp(path: Path) -> Stamp | None:
    """What changes whenever the file's content does (None if it cannot be looked at)."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


class EntryCache(Generic[T]):
    """Results of reading entry files, kept while each file stays unchanged.

    Only results without problems are kept: a file with problems is read again on every load,
    so its problems are always current and always reported; such files are few.
    """

    def __init__(self) -> None:
        self._results: dict[EntryFile, tuple[Stamp, T]] = {}

    def read(self, file: EntryFile, read: Callable[[], tuple[T, list[Problem]]]) -> tuple[T, list[Problem]]:
        """`read()`, or its result from the last load if the file is unchanged since. The stamp
        is taken before reading, so a file changed meanwhile is read again next time."""
        stamp = file_stamp(file.path)
        cached = self._results.get(file)
        if stamp is not None and cached is not None and cached[0] == stamp:
            return cached[1], []
        item, problems = read()
        if stamp is not None and not problems:
            self._results[file] = (stamp, item)
        else:
            self._results.pop(file, None)
        return item, problems

    def keep_only(self, files: Iterable[EntryFile]) -> None:
        """Forget files that are gone (deleted or renamed)."""
        wanted = set(files)
        for file in [file for file in self._results if file not in wanted]:
            del self._results[file]
