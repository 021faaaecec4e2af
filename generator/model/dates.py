"""Dates as precise as the record allows: a year, a month, or a day."""

from __future__ import annotations

import calendar
import contextvars
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # [0-9]: \d also matches other scripts' digits
_WITH_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ].*", re.DOTALL)
_UNPADDED = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")
FORMAT_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


# The language dates and spans are worded in: "en", or "zh" while the Chinese pages are rendered
# (site/language.py sets it around them), so every template and file prints one language's dates.
LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("LANGUAGE", default="en")

# The site is English whatever the machine's locale (calendar.month_name follows the locale).
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; sorts by its first possible day."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError says what is wrong."""
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError(_format_error(text))
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if year < 1:
            raise ValueError(f"year 0 does not exist, got '{text}'")
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"month must be 01 to 12, got '{text}'")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"day must be 01 to {last} in that month, got '{text}'")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day:
            return "day"
        return "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the date may stand for: 31 December for a year, the month's last day for a month."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def human(self) -> str:
        """'2 August 2016', 'August 2016' or '2016' (in Chinese 2016年8月2日, 2016年8月, 2016年): never
        more precise than known."""
        if LANGUAGE.get() == "zh":
            return f"{self.year}年" + (f"{self.month}月" if self.month else "") + (f"{self.day}日" if self.day else "")
        if self.day:
            return f"{self.day} {MONTH_NAMES[self.month]} {self.year}"
        if self.month:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso


def _format_error(text: str) -> str:
    """Why `text` is not a date in our format, with the fix when it is a near miss."""
    shown = text if len(text) <= 40 else text[:37] + "..."
    with_time = _WITH_TIME.fullmatch(text)
    if with_time:
        return f"a date has no time of day: write '{with_time.group(1)}', got '{shown}'"
    unpadded = _UNPADDED.fullmatch(text)
    if unpadded:
        padded = "-".join([unpadded.group(1)] + [part.zfill(2) for part in unpadded.groups()[1:] if part])
        return f"months and days have two digits: write '{padded}', got '{shown}'"
    return f"{FORMAT_HINT}, got '{shown}'"


def coarser(a: Precision, b: Precision) -> Precision:
    order: list[Precision] = ["year", "month", "day"]
    return order[min(order.index(a), order.index(b))]


@dataclass(frozen=True)
class Span:
    """The time from one date to a later one, known no better than the vaguer of the two: the one
    place where spans between dates (copy lags, lifespans) are counted and worded."""

    start: PartialDate
    end: PartialDate

    @property
    def precision(self) -> Precision:
        return coarser(self.start.precision, self.end.precision)

    @property
    def measurable(self) -> bool:
        """False when a year-only date makes any figure in days or months a guess."""
        return self.precision != "year"

    @property
    def days(self) -> int:
        """Days between the first possible days of both dates; exact only at day precision."""
        return (self.end.first_day - self.start.first_day).days

    @property
    def months(self) -> int:
        """Whole months elapsed, counted at the span's precision (as `words` counts them)."""
        months = (self.end.year - self.start.year) * 12
        if self.precision != "year":
            months += self.end.month - self.start.month
        if self.precision == "day" and self.end.day < self.start.day:
            months -= 1
        return months

    @property
    def words(self) -> str:
        """The span worded no more precisely than the vaguer date allows."""
        if LANGUAGE.get() == "zh":
            return self._words_zh
        if self.precision == "day":
            days = self.days
            return f"{_words(self.months // 12, self.months % 12)} ({days:,} days)" if days >= 60 else f"{days} days"
        if self.precision == "month":
            months = self.months
            return "under a month" if months == 0 else "about " + _words(months // 12, months % 12)
        years = self.months // 12
        return "within the same year" if years == 0 else f"about {years} year{'s' if years != 1 else ''}"

    @property
    def _words_zh(self) -> str:
        """The same, as Chinese media write it: 2年3个月（852天）, 约1年, 不到一个月."""
        if self.precision == "day":
            days = self.days
            return f"{words_zh(self.months // 12, self.months % 12)}（{days}天）" if days >= 60 else f"{days}天"
        if self.precision == "month":
            months = self.months
            return "不到一个月" if months == 0 else "约" + words_zh(months // 12, months % 12)
        years = self.months // 12
        return "同一年内" if years == 0 else f"约{years}年"


def words_zh(years: int, months: int) -> str:
    """Years and months as Chinese media write them: 2年3个月, 8个月, 1年."""
    return (f"{years}年" if years else "") + (f"{months}个月" if months or not years else "")


def _words(years: int, months: int) -> str:
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return ", ".join(parts)
