"""An entry with the parsed file it came from, so that rules across files can point into it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.load.yamlread import YamlDocument
from generator.model.entries import Entry

if TYPE_CHECKING:
    from generator.load.duplicates import Keys


@dataclass(frozen=True)
class LocatedEntry:
    entry: Entry
    doc: YamlDocument
    folder: str  # the year folder the file is in
    # What near-duplicate checks compare (duplicates.keys_of), made where the file is read, so
    # that `mkdocs serve`'s entry cache keeps them with the unchanged files.
    keys: Keys
