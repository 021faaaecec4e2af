"""What the generator keeps between two builds of the same site, so a preview rebuild is quick.

Under `mkdocs serve` the plugin instance lives as long as the server, and these make its
rebuilds after a one-entry edit cheap:

- EntryCache: a valid entry file is parsed and validated again only when its size, times or
  inode changed. Rules across files still run on every load, over all entries.
- PageFiles: generated pages are written to files under a cache folder (never into docs/ or
  entries/), and a file is rewritten only when its text changed. MkDocs' dirty build compares
  a page's source time with its output's, so it converts and renders only the changed pages.
- CompiledTemplates: each rebuild gets a new theme environment that would compile every theme
  template again; their compiled code is kept instead (checked against the template source).

merge_search_docs completes the search index of a dirty build, which indexes only what it rebuilt.
Nothing here knows MkDocs: the plugin decides when to use them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

import jinja2

from .entryfiles import EntryFile
from .problems import Problem

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


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates in memory; Jinja recompiles a template whose source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PageFiles:
    """Generated pages as files in `folder`, each rewritten only when its content changes.

    The folder belongs to one output folder (`owner`): a build into another folder, or a clean
    build, starts it afresh, since the output it was compared with is gone or rebuilt.
    """

    OWNER_FILE = ".owner"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: set[str] = set()

    def start(self, owner: str) -> None:
        """Prepare for a build into `owner`; empty the folder if it was made for another one."""
        marker = self.folder / self.OWNER_FILE
        try:
            same = marker.read_text(encoding="utf-8") == owner
        except OSError:
            same = False
        if not same:
            self.clear()
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(owner, encoding="utf-8")
        self._written = set()

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def path_for(self, uri: str, content: str) -> Path:
        """The file holding `content` for the page `uri`, written only if its text differs."""
        path = self.folder / uri
        data = content.encode("utf-8")
        try:
            unchanged = path.read_bytes() == data
        except OSError:
            unchanged = False
        if not unchanged:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
                temporary.write(data)
            os.replace(temporary.name, path)  # never a half-written page, even for a reader
        self._written.add(uri)
        return path

    def remove_others(self) -> list[str]:
        """Delete the files of pages not written in this build; returns their uris."""
        gone = []
        for path in sorted(self.folder.rglob("*")):
            uri = path.relative_to(self.folder).as_posix()
            if path.is_file() and uri != self.OWNER_FILE and uri not in self._written:
                path.unlink()
                gone.append(uri)
        return gone


def merge_search_docs(
    previous: list[dict[str, object]], fresh: list[dict[str, object]], rebuilt: set[str], live: set[str]
) -> list[dict[str, object]]:
    """The search documents after a dirty build, which indexes only the pages it rebuilt: the
    fresh documents, and the previous ones of every page that still exists and was not rebuilt.
    A document's page is its location without the #anchor."""

    def page(doc: dict[str, object]) -> str:
        return str(doc.get("location", "")).split("#", 1)[0]

    return [doc for doc in previous if page(doc) in live and page(doc) not in rebuilt] + fresh
