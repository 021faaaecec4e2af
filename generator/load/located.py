"""An entry with the parsed file it came from, so that rules across files can point into it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.load.yamlread import YamlDocument
from generator.model.entries import Entry


@dataclass(frozen=True)
class LocatedEntry:
    entry: Entry
    doc: YamlDocument
    folder: str  # the year folder the file is in
