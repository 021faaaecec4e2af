"""The copying, measured: copy lags, directions and survival, computed from Relations.

Pure arithmetic, no rendering. Dates are known to the day, the month or only the year, so every
span carries the precision of its vaguer end, and every figure follows one rule (the stats page
states it to readers):

- a span between two dates known to the day is exact;
- a span where the vaguer date is known to the month is approximate (off by up to a month) and
  still counts in medians, ranges and buckets, which are then marked approximate;
- a span where either date is known only to the year could be off by up to a year, so it is
  left out of every figure in days or months and counted separately as "known only to the year".

A copy that names several originals is measured from the earliest of them (the first product it
followed), so each copy counts once in the per-company figures and on the stats page; the page
of each original lists all of its copies.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from generator.model.dates import LANGUAGE, PartialDate, Span, words_zh
from generator.model.entries import KINDS, Entry, Kind, Status
from generator.model.relations import CopyLink, Relations

T = TypeVar("T")

STATUSES: tuple[Status, ...] = ("active", "shut-down", "merged", "unknown")
# (label, upper bound in whole months, exclusive; None = no bound), in ascending order.
SPAN_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("Under 1 year", 12),
    ("1 to 2 years", 24),
    ("2 to 3 years", 36),
    ("3 to 5 years", 60),
    ("5 years or more", None),
)
YEAR_ONLY_LABEL = "Known only to the year"
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Timed(Generic[T]):
    """Something measured (a copy link, a dead copy) with the span that measures it."""

    item: T
    span: Span


@dataclass(frozen=True)
class SpanSummary(Generic[T]):
    """Median and range of a set of spans, with the year-only ones kept apart."""

    measured: tuple[Timed[T], ...]  # known to the month or the day, shortest first
    year_only: tuple[Timed[T], ...]

    @classmethod
    def of(cls, timed: Iterable[Timed[T]]) -> SpanSummary[T]:
        items = list(timed)
        measured = sorted((t for t in items if t.span.measurable), key=lambda t: t.span.days)
        return cls(tuple(measured), tuple(t for t in items if not t.span.measurable))

    @property
    def count(self) -> int:
        return len(self.measured) + len(self.year_only)

    @property
    def approximate(self) -> bool:
        """True when a month-precision span is among the measured ones."""
        return any(t.span.precision != "day" for t in self.measured)

    @property
    def median_days(self) -> float | None:
        return statistics.median(t.span.days for t in self.measured) if self.measured else None

    @property
    def median_words(self) -> str:
        """An exact odd count's median is one real span, worded as the event pages word it."""
        if len(self.measured) % 2 and not self.approximate:
            return self.measured[len(self.measured) // 2].span.words
        return "" if self.median_days is None else describe_days(self.median_days, self.approximate)

    @property
    def shortest(self) -> Timed[T] | None:
        return self.measured[0] if self.measured else None

    @property
    def longest(self) -> Timed[T] | None:
        return self.measured[-1] if self.measured else None

    def buckets(self) -> list[Bucket[T]]:
        """The measured spans in SPAN_BUCKETS by whole months, then the year-only ones."""
        grouped: list[list[Timed[T]]] = [[] for _ in SPAN_BUCKETS]
        for timed in self.measured:
            grouped[_bucket_index(timed.span.months)].append(timed)
        buckets = [Bucket(label, tuple(items)) for (label, _), items in zip(SPAN_BUCKETS, grouped, strict=True)]
        return [*buckets, Bucket(YEAR_ONLY_LABEL, self.year_only, year_only=True)]


@dataclass(frozen=True)
class Bucket(Generic[T]):
    label: str
    items: tuple[Timed[T], ...]
    year_only: bool = False


@dataclass(frozen=True)
class CompanyCopies:
    """What one company copied: how many, how fast, and what became of the copies."""

    copies: tuple[Entry, ...]
    lags: SpanSummary[CopyLink]
    outcomes: tuple[tuple[Status, int], ...]  # in STATUSES order, only those that occur


@dataclass(frozen=True)
class Death:
    """A copy that was shut down or merged, with the entry recording its end if there is one."""

    copy: Entry
    record: Entry | None

    @property
    def died(self) -> PartialDate | None:
        return self.copy.outcome.date if self.copy.outcome else None

    @property
    def lifespan(self) -> Span | None:
        return Span(self.copy.date, self.died) if self.died else None


@dataclass(frozen=True)
class DirectionTotal:
    direction: str
    copies: int
    first_year: int
    last_year: int


class Stats:
    """Every figure the site shows about the copying, computed once per build from Relations."""

    def __init__(self, rel: Relations) -> None:
        self.rel = rel

    @cached_property
    def copies(self) -> list[Entry]:
        """Entries that name an original, in timeline order."""
        return [entry for entry in self.rel.project.entries if entry.copy_of]

    @cached_property
    def lag_of_copy(self) -> dict[str, Timed[CopyLink]]:
        """Each copy's lag, from the earliest of its originals."""
        return {
            copy.id: timed_link(min(self.rel.originals_of[copy.id], key=lambda link: link.original.sort_key))
            for copy in self.copies
        }

    @cached_property
    def lags(self) -> SpanSummary[CopyLink]:
        return SpanSummary.of(self.lag_of_copy.values())

    def copies_of_original(self, entry_id: str) -> SpanSummary[CopyLink]:
        """All copies of one original, each measured from it."""
        return SpanSummary.of(timed_link(link) for link in self.rel.copies_of.get(entry_id, []))

    @cached_property
    def by_company(self) -> dict[str, CompanyCopies]:
        grouped: dict[str, list[Entry]] = {}
        for copy in self.copies:
            grouped.setdefault(copy.company, []).append(copy)
        return {key: self._company_copies(copies) for key, copies in grouped.items()}

    def _company_copies(self, copies: list[Entry]) -> CompanyCopies:
        counts = Counter(copy.outcome.status for copy in copies if copy.outcome)
        return CompanyCopies(
            copies=tuple(copies),
            lags=SpanSummary.of(self.lag_of_copy[copy.id] for copy in copies),
            outcomes=tuple((status, counts[status]) for status in STATUSES if counts[status]),
        )

    @cached_property
    def years(self) -> list[int]:
        """Every year from the first event to the last, including years without any."""
        found = [entry.date.year for entry in self.rel.project.entries]
        return list(range(min(found), max(found) + 1)) if found else []

    @cached_property
    def kinds(self) -> list[Kind]:
        """The kinds that occur, in their fixed order."""
        present = {entry.kind for entry in self.rel.project.entries}
        return [kind for kind in KINDS if kind in present]

    @cached_property
    def kinds_by_year(self) -> dict[int, Counter[str]]:
        counts: dict[int, Counter[str]] = {year: Counter() for year in self.years}
        for entry in self.rel.project.entries:
            counts[entry.date.year][entry.kind] += 1
        return counts

    @cached_property
    def directions_by_year(self) -> dict[int, Counter[str]]:
        """Copies per launch year and direction (the direction from the copy's earliest original)."""
        counts: dict[int, Counter[str]] = {year: Counter() for year in self.years}
        for copy in self.copies:
            counts[copy.date.year][self.lag_of_copy[copy.id].item.direction] += 1
        return counts

    @cached_property
    def directions(self) -> list[DirectionTotal]:
        """Each direction with its number of copies, most copies first."""
        years: dict[str, list[int]] = {}
        for copy in self.copies:
            years.setdefault(self.lag_of_copy[copy.id].item.direction, []).append(copy.date.year)
        totals = [DirectionTotal(key, len(found), min(found), max(found)) for key, found in years.items()]
        return sorted(totals, key=lambda total: (-total.copies, total.direction))

    @cached_property
    def outcomes(self) -> list[tuple[Status, int]]:
        """How many copies are still running, shut down, merged or of unknown fate (all four)."""
        counts = Counter(copy.outcome.status for copy in self.copies if copy.outcome)
        return [(status, counts[status]) for status in STATUSES]

    @cached_property
    def shut_down(self) -> list[Death]:
        return self._deaths("shut-down")

    @cached_property
    def merged(self) -> list[Death]:
        return self._deaths("merged")

    def _deaths(self, status: Status) -> list[Death]:
        """Newest end first; copies whose end is undated come last, in timeline order."""
        deaths = [
            Death(copy, self.rel.by_id.get(copy.outcome.entry) if copy.outcome.entry else None)
            for copy in self.copies if copy.outcome and copy.outcome.status == status
        ]
        dated = sorted((d for d in deaths if d.died), key=lambda d: (d.died, d.copy.sort_key), reverse=True)
        return dated + [d for d in deaths if not d.died]

    @cached_property
    def lifespans(self) -> SpanSummary[Death]:
        """How long the shut-down copies lived, from launch to the recorded end."""
        return SpanSummary.of(Timed(death, death.lifespan) for death in self.shut_down if death.lifespan)


def timed_link(link: CopyLink) -> Timed[CopyLink]:
    return Timed(link, link.span)


def describe_days(days: float, approximate: bool) -> str:
    """Days worded as years and months (to the nearest month), the day count only when exact; in
    Chinese while the Chinese pages are rendered (dates.LANGUAGE), as Span.words words them."""
    if LANGUAGE.get() == "zh":
        text = f"{round(days)}天" if days < 60 else words_zh(*divmod(round(days / DAYS_PER_MONTH), 12)) + (
            "" if approximate else f"（{round(days)}天）")
        return f"约{text}" if approximate else text
    if days < 60:
        text = f"{round(days)} days"
    else:
        text = _years_months(round(days / DAYS_PER_MONTH)) + ("" if approximate else f" ({round(days):,} days)")
    return f"about {text}" if approximate else text


def _years_months(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return ", ".join(parts)


def _bucket_index(months: int) -> int:
    return next(index for index, (_, upper) in enumerate(SPAN_BUCKETS) if upper is None or months < upper)
