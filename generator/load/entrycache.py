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

    A file's problems are kept with it and returned on every load: the rules that read one file
    depend only on its text, so an unchanged file has the same problems, and they are reported
    every time without parsing it again.
    """

    def __init__(self) -> None:
        self._results: dict[EntryFile, tuple[Stamp, tuple[T, list[Problem]]]] = {}

    def read(self, file: EntryFile, read: Callable[[], tuple[T, list[Problem]]]) -> tuple[T, list[Problem]]:
        """`read()`, or its result from the last load if the file is unchanged since. The stamp
        is taken before reading, so a file changed meanwhile is read again next time."""
        stamp = file_stamp(file.path)
        cached = self._results.get(file)
        if stamp is not None and cached is not None and cached[0] == stamp:
            item, problems = cached[1]
            return item, list(problems)
        item, problems = read()
        if stamp is not None:
            self._results[file] = (stamp, (item, list(problems)))
        else:
            self._results.pop(file, None)
        return item, problems

    def keep_only(self, files: Iterable[EntryFile]) -> None:
        """Forget files that are gone (deleted or renamed)."""
        wanted = set(files)
        for file in [file for file in self._results if file not in wanted]:
            del self._results[file]
