"""Every address in the entries, with the file, line and column it is written at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.load.entrycache import EntryCache
from generator.load.fields import field_name
from generator.load.files import EntryFile
from generator.load.located import LocatedEntry
from generator.load.project import LoadResult, load_project
from generator.load.yamlread import Path_
from generator.model.problems import Problem


@dataclass(frozen=True)
class Link:
    """One address as written in one place: a source's `url`, or its `archive_url`."""

    url: str
    path: str  # the file, as problems show it
    line: int
    col: int
    field: str  # sources[0].url
    archive_url: str | None = None  # for a source's url: its archived copy, if it has one
    is_archive: bool = False
    source_url: str | None = None  # for an archive_url: the address it is a copy of

    def problem(self, message: str, level: str) -> Problem:
        return Problem(self.path, self.line, self.col, f"{self.field}: {message}", level)  # type: ignore[arg-type]


class _Keeping(EntryCache[LocatedEntry | None]):
    """Not a cache: a way to keep each entry's parsed file (with its positions) from the load."""

    def __init__(self) -> None:
        super().__init__()
        self.located: list[LocatedEntry] = []

    def read(
        self, file: EntryFile, read: Callable[[], tuple[LocatedEntry | None, list[Problem]]]
    ) -> tuple[LocatedEntry | None, list[Problem]]:
        item, problems = read()
        if item is not None:
            self.located.append(item)
        return item, problems


def load_links(entries: Path, display_root: Path, *, archives: bool) -> tuple[LoadResult, list[Link]]:
    """The entries loaded and checked as `check` does, and every address in them (`archive_url`
    too with `archives`), in file order. No address is returned when any file has an error."""
    keeping = _Keeping()
    result = load_project(entries, display_root=display_root, cache=keeping)
    if result.project is None:
        return result, []
    links = [link for item in sorted(keeping.located, key=lambda i: i.entry.path) for link in _links(item, archives)]
    return result, links


def _links(item: LocatedEntry, archives: bool) -> Iterator[Link]:
    data = item.doc.data
    assert isinstance(data, dict)
    places: list[tuple[Path_, object]] = [(("sources", i), s) for i, s in enumerate(data.get("sources") or [])]
    places += [(("corrections", i, "source"), c.get("source")) for i, c in enumerate(data.get("corrections") or [])
               if isinstance(c, dict)]
    for where, source in places:
        if not isinstance(source, dict):
            continue
        url, archive = source.get("url"), source.get("archive_url")
        if isinstance(url, str):
            yield _link(item, (*where, "url"), url, archive_url=archive if isinstance(archive, str) else None)
        if archives and isinstance(archive, str):
            yield _link(item, (*where, "archive_url"), archive, is_archive=True,
                        source_url=url if isinstance(url, str) else None)


def _link(item: LocatedEntry, location: Path_, url: str, **more: object) -> Link:
    line, col = item.doc.position(location)
    return Link(url, item.entry.path, line, col, field_name(location), **more)  # type: ignore[arg-type]
