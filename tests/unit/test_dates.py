"""Dates at the precision the record allows, and the one span between two of them (model/dates.py)."""

from __future__ import annotations

import pytest

import datetime as dt

from generator.model.dates import PartialDate, Span, coarser


@pytest.mark.parametrize(
    ("text", "human", "precision"),
    [("2016", "2016", "year"), ("2016-08", "August 2016", "month"), ("2016-08-02", "2 August 2016", "day")],
)
def test_parse_keeps_precision(text: str, human: str, precision: str) -> None:
    date = PartialDate.parse(text)
    assert (date.iso, date.human(), date.precision) == (text, human, precision)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2016-02-30", "day must be 01 to 29 in that month"),
        ("2015-02-29", "day must be 01 to 28 in that month"),
        ("2016-13", "month must be 01 to 12"),
        ("2016-00-10", "month must be 01 to 12"),
        ("0000", "year 0 does not exist"),
        ("2016-8-2", "months and days have two digits: write '2016-08-02'"),
        ("2016-08-02T10:00", "a date has no time of day: write '2016-08-02'"),
        ("16", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_parse_rejects_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(text)


def test_dates_sort_by_their_first_possible_day() -> None:
    dates = [PartialDate.parse(t) for t in ["2016-08-02", "2016", "2016-08", "2015-12-31"]]
    assert [d.iso for d in sorted(dates)] == ["2015-12-31", "2016", "2016-08", "2016-08-02"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2013-10-03", "2016-08-02", "2 years, 9 months (1,034 days)"),
        ("2020-06-17", "2020-07-10", "23 days"),
        ("2018-11", "2020-07", "about 1 year, 8 months"),
        ("2018-11-09", "2018-11", "under a month"),
        ("2011", "2018-11-09", "about 7 years"),
        ("2016", "2016-03", "within the same year"),
    ],
)
def test_spans_are_worded_no_more_precisely_than_the_vaguer_date(start: str, end: str, expected: str) -> None:
    assert Span(PartialDate.parse(start), PartialDate.parse(end)).words == expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
        ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
        ("2015-02", dt.date(2015, 2, 1), dt.date(2015, 2, 28)),
        ("2016-08-02", dt.date(2016, 8, 2), dt.date(2016, 8, 2)),
        ("9999", dt.date(9999, 1, 1), dt.date(9999, 12, 31)),
    ],
)
def test_a_date_stands_for_the_days_from_its_first_to_its_last(text: str, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(text)
    assert (date.first_day, date.last_day) == (first, last)


@pytest.mark.parametrize(
    ("start", "end", "precision", "measurable", "days", "months"),
    [
        ("2013-10-03", "2016-08-02", "day", True, 1034, 33),
        ("2016-01-31", "2016-02-29", "day", True, 29, 0),  # not yet a whole month
        ("2016-01-31", "2016-03-01", "day", True, 30, 1),
        ("2018-11", "2020-07-10", "month", True, 617, 20),
        ("2011", "2018-11-09", "year", False, 2869, 84),
        ("2016-08-02", "2016-08-02", "day", True, 0, 0),
    ],
)
def test_a_span_is_counted_at_the_precision_of_its_vaguer_date(
    start: str, end: str, precision: str, measurable: bool, days: int, months: int
) -> None:
    span = Span(PartialDate.parse(start), PartialDate.parse(end))
    assert (span.precision, span.measurable, span.days, span.months) == (precision, measurable, days, months)


def test_a_span_is_a_value() -> None:
    a, b = PartialDate.parse("2016"), PartialDate.parse("2017-05")
    assert Span(a, b) == Span(PartialDate(2016), PartialDate(2017, 5)) and hash(Span(a, b)) == hash(Span(a, b))


@pytest.mark.parametrize("days", [0, 1, 59, 60, 61, 365, 366, 1000])
def test_short_exact_spans_are_days_and_longer_ones_years_and_months_with_the_days(days: int) -> None:
    start = PartialDate(2020, 1, 1)
    end_day = start.first_day + dt.timedelta(days=days)
    words = Span(start, PartialDate(end_day.year, end_day.month, end_day.day)).words
    if days < 60:
        assert words == f"{days} days"
    else:
        assert words.endswith(f" ({days:,} days)") and ("year" in words or "month" in words)


def test_coarser_is_the_vaguer_precision() -> None:
    assert coarser("day", "month") == coarser("month", "day") == "month"
    assert coarser("year", "day") == "year" and coarser("day", "day") == "day"
