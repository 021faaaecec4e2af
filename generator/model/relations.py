"""What the data says beyond single entries: who copied whom, how fast, and in which direction.

Everything here is derived in one pass over the project (linear in the number of entries), so
pages for companies, themes and statistics never search the whole timeline again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from generator.model.dates import Precision, Span
from generator.model.entries import Company, Entry, Project


@dataclass(frozen=True)
class CopyLink:
    """One copy of one original, with what can be computed about the pair."""

    copy: Entry
    original: Entry
    direction: str  # "CN→US": from the original's country to the copier's

    @property
    def span(self) -> Span:
        """From the original to the copy: the copy lag."""
        return Span(self.original.date, self.copy.date)

    @property
    def lag(self) -> str:
        return self.span.words

    @property
    def lag_days(self) -> int:
        """Days between the first possible days of both dates; read with `lag_precision`."""
        return self.span.days

    @property
    def lag_precision(self) -> Precision:
        return self.span.precision


class Relations:
    """Indexes over a project: by id, company, theme, tag, year, and the copy graph both ways."""

    def __init__(self, project: Project) -> None:
        self.project = project

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {entry.id: entry for entry in self.project.entries}

    @cached_property
    def by_company(self) -> dict[str, list[Entry]]:
        return _group(self.project.entries, lambda e: [e.company])

    @cached_property
    def by_theme(self) -> dict[str, list[Entry]]:
        return _group(self.project.entries, lambda e: list(e.themes))

    @cached_property
    def by_year(self) -> dict[int, list[Entry]]:
        grouped: dict[int, list[Entry]] = defaultdict(list)
        for entry in self.project.entries:
            grouped[entry.date.year].append(entry)
        return dict(grouped)

    @cached_property
    def links(self) -> list[CopyLink]:
        """Every (copy, original) pair, in timeline order of the copies."""
        return [
            CopyLink(entry, self.by_id[original_id], self.direction(self.by_id[original_id], entry))
            for entry in self.project.entries
            for original_id in entry.copy_of
        ]

    @cached_property
    def copies_of(self) -> dict[str, list[CopyLink]]:
        grouped: dict[str, list[CopyLink]] = defaultdict(list)
        for link in self.links:
            grouped[link.original.id].append(link)
        return dict(grouped)

    @cached_property
    def originals_of(self) -> dict[str, list[CopyLink]]:
        grouped: dict[str, list[CopyLink]] = defaultdict(list)
        for link in self.links:
            grouped[link.copy.id].append(link)
        return dict(grouped)

    @cached_property
    def copied_from_company(self) -> dict[str, list[CopyLink]]:
        """Copies of each company's products, by the original's company."""
        grouped: dict[str, list[CopyLink]] = defaultdict(list)
        for link in self.links:
            grouped[link.original.company].append(link)
        return dict(grouped)

    @cached_property
    def related_to(self) -> dict[str, list[Entry]]:
        """`related` read both ways: an entry lists what it names and what names it."""
        grouped: dict[str, dict[str, Entry]] = defaultdict(dict)
        for entry in self.project.entries:
            for other_id in entry.related:
                grouped[entry.id][other_id] = self.by_id[other_id]
                grouped[other_id][entry.id] = entry
        return {key: sorted(value.values(), key=lambda e: e.sort_key) for key, value in grouped.items()}

    def company(self, entry: Entry) -> Company:
        return self.project.companies[entry.company]

    def direction(self, original: Entry, copy: Entry) -> str:
        return f"{self.company(original).country}→{self.company(copy).country}"

    def directions(self, entry: Entry) -> list[str]:
        """The distinct directions an entry copied in ("CN→US"), in the order of its originals."""
        return list(dict.fromkeys(link.direction for link in self.originals_of.get(entry.id, [])))


def _group(entries: tuple[Entry, ...], keys: Callable[[Entry], list[str]]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            grouped[key].append(entry)
    return dict(grouped)
