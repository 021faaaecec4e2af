"""The validated data: plain frozen dataclasses, no I/O and no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from generator.model.dates import PartialDate
from generator.model.translation import Translation, fingerprint

Kind = Literal[
    "original", "copy", "acquisition", "bid", "milestone", "shutdown", "statement", "data", "regulation"
]
KINDS: tuple[Kind, ...] = (
    "original", "copy", "acquisition", "bid", "milestone", "shutdown", "statement", "data", "regulation"
)
Status = Literal["active", "shut-down", "merged", "unknown"]

KIND_LABELS = {
    "original": "Original",
    "copy": "Copy",
    "acquisition": "Acquisition",
    "bid": "Failed bid",
    "milestone": "Milestone",
    "shutdown": "Shutdown",
    "statement": "Statement",
    "data": "Data",
    "regulation": "Regulation",
}
STATUS_LABELS = {"active": "Still running", "shut-down": "Shut down", "merged": "Merged", "unknown": "Unknown"}


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    date: PartialDate | None = None
    url: str | None = None
    archive_url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Correction:
    claim: str
    claimed_by: str
    finding: str
    source: Source


@dataclass(frozen=True)
class Update:
    """A change made to the entry after it was published, which its page lists for readers."""

    date: PartialDate
    note: str


@dataclass(frozen=True)
class Outcome:
    status: Status
    date: PartialDate | None = None
    entry: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Entry:
    """One event. `path` is the file it came from, relative to the project root."""

    id: str
    path: str
    title: str
    date: PartialDate
    kind: Kind
    company: str
    themes: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...]
    date_note: str | None = None
    product: str | None = None
    copy_of: tuple[str, ...] = ()
    outcome: Outcome | None = None
    tags: tuple[str, ...] = ()
    body: str | None = None
    corrections: tuple[Correction, ...] = ()
    updates: tuple[Update, ...] = ()
    related: tuple[str, ...] = ()
    zh: Translation | None = None

    @cached_property
    def fingerprint(self) -> str:
        """What a Chinese translation records as the English it follows (model/translation.py).
        Kept on the entry: the downloads and both trees ask for it, and under `mkdocs serve` an
        unchanged entry is the same object from one rebuild to the next."""
        return fingerprint(self.title, self.summary, self.body, self.notes)

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """The English notes a translation renders, each with its field's name, in file order."""
        notes = [("date_note", self.date_note)] if self.date_note else []
        if self.outcome and self.outcome.note:
            notes.append(("outcome.note", self.outcome.note))
        for index, c in enumerate(self.corrections):
            notes += [(f"corrections[{index}].claimed_by", c.claimed_by), (f"corrections[{index}].claim", c.claim),
                      (f"corrections[{index}].finding", c.finding)]
        notes += [(f"updates[{index}].note", u.note) for index, u in enumerate(self.updates)]
        return tuple(notes)

    @property
    def sort_key(self) -> tuple[PartialDate, str]:
        return (self.date, self.id)


@dataclass(frozen=True)
class Company:
    key: str
    name: str
    country: str
    aliases: tuple[str, ...] = ()
    name_zh: str | None = None
    founded: PartialDate | None = None
    description: str | None = None
    description_zh: str | None = None


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    summary: str
    order: int
    title_zh: str | None = None
    summary_zh: str | None = None


@dataclass(frozen=True)
class Project:
    """Everything the site is made from; entries sorted by date, then id."""

    entries: tuple[Entry, ...]
    companies: dict[str, Company] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
