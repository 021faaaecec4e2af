"""Dates at the precision the record allows."""

from __future__ import annotations

import pytest

from generator.model.dates import PartialDate, describe_span


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
    assert describe_span(PartialDate.parse(start), PartialDate.parse(end)) == expected
