"""The copying, measured: lags, precision rules, buckets, directions, survival (model/figures.py),
on a small hand-made Project. tests/test_stats.py reads the same figures in a real build."""

from __future__ import annotations

import pytest

from conftest import rendered_site
from generator.model.dates import PartialDate
from generator.model.entries import Company, Entry, Outcome, Project, Source, Status, Theme
from generator.model.relations import Relations
from generator.model.dates import LANGUAGE, Span
from generator.model.figures import SPAN_BUCKETS, YEAR_ONLY_LABEL, SpanSummary, Stats, Timed, describe_days


def d(text: str) -> PartialDate:
    return PartialDate.parse(text)


def entry(
    entry_id: str, date: str, company: str, kind: str = "original", copy_of: tuple[str, ...] = (),
    status: Status | None = None, ended: str | None = None, record: str | None = None,
) -> Entry:
    outcome = Outcome(status, d(ended) if ended else None, record) if status else None
    return Entry(
        id=entry_id, path=f"entries/{date[:4]}/{entry_id}.yaml", title=entry_id.title(), date=d(date),
        kind=kind, company=company, themes=("t",), summary="s.", sources=(Source("p", "t"),),  # type: ignore[arg-type]
        product=entry_id.replace("-", " ").title(), copy_of=copy_of, outcome=outcome,
    )


def make_project() -> Project:
    entries = [
        entry("snap-launch", "2011", "snap"),
        entry("snap-stories", "2013-10-03", "snap"),
        entry("musically", "2014-04", "bytedance"),
        entry("poke", "2012-12-21", "meta", "copy", ("snap-launch",), "shut-down", "2014-05"),
        entry("ig-stories", "2016-08-02", "meta", "copy", ("snap-stories",), "active"),
        entry("wa-status", "2017-02-20", "meta", "copy", ("snap-stories",), "merged", "2018-01"),
        entry("lasso", "2018-11", "meta", "copy", ("musically",), "shut-down", "2020-07-10", "lasso-end"),
        entry("wechat-stories", "2019", "tencent", "copy", ("ig-stories",), "active"),
        entry("lasso-end", "2020-07-10", "meta", "shutdown"),
        entry("fleets", "2020-11-17", "twitter", "copy", ("ig-stories", "snap-stories"), "shut-down", "2021-08-03"),
    ]
    companies = {
        key: Company(key, key.title(), country)
        for key, country in [("snap", "US"), ("meta", "US"), ("twitter", "US"), ("bytedance", "CN"), ("tencent", "CN")]
    }
    return Project(tuple(sorted(entries, key=lambda e: e.sort_key)), companies, {"t": Theme("t", "T", "S.", 1)})


@pytest.fixture
def stats() -> Stats:
    return Stats(Relations(make_project()))


def spans(*pairs: tuple[str, str]) -> SpanSummary[str]:
    return SpanSummary.of(Timed(f"{start}..{end}", Span(d(start), d(end))) for start, end in pairs)


# --- Spans and their precision ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "end", "precision", "months", "days"),
    [
        ("2013-10-03", "2016-08-02", "day", 33, 1034),
        ("2016-08-02", "2017-08-01", "day", 11, 364),  # a day short of a year: 11 whole months
        ("2016-08-02", "2017-08-02", "day", 12, 365),
        ("2014-04", "2018-11-09", "month", 55, 1683),  # the vaguer date sets the precision
        ("2011", "2012-12-21", "year", 12, 720),
    ],
)
def test_span_counts_at_the_precision_of_its_vaguer_date(
    start: str, end: str, precision: str, months: int, days: int
) -> None:
    span = Span(d(start), d(end))
    assert (span.precision, span.months, span.days) == (precision, months, days)
    assert span.measurable == (precision != "year")


def test_median_of_an_odd_count_is_the_middle_span() -> None:
    summary = spans(("2020-01-01", "2020-01-31"), ("2020-01-01", "2020-01-11"), ("2020-01-01", "2020-01-21"))
    assert summary.median_days == 20
    assert summary.median_words == "20 days"
    assert [t.span.days for t in summary.measured] == [10, 20, 30]  # shortest first


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_spans() -> None:
    summary = spans(("2020-01-01", "2020-01-11"), ("2020-01-01", "2020-01-21"),
                    ("2020-01-01", "2020-01-31"), ("2020-01-01", "2020-02-11"))
    assert summary.median_days == 25
    assert not summary.approximate


def test_year_only_spans_stay_out_of_medians_and_ranges() -> None:
    summary = spans(("2010-01-01", "2011-01-01"), ("2010-01-01", "2013-01-01"), ("2005", "2006-06-01"))
    assert summary.count == 3 and len(summary.year_only) == 1
    assert summary.median_days == (365 + 1096) / 2
    assert summary.shortest is not None and summary.shortest.span.days == 365
    assert summary.longest is not None and summary.longest.span.days == 1096


def test_month_precision_makes_a_median_approximate() -> None:
    summary = spans(("2010-01-01", "2012-03-05"), ("2010-01", "2013-03"))
    assert summary.approximate
    assert summary.median_words.startswith("about ")
    assert "days" not in summary.median_words  # day counts are not shown for approximate figures


def test_nothing_measurable_gives_no_median() -> None:
    summary = spans(("2005", "2007"))
    assert summary.median_days is None and summary.median_words == ""
    assert summary.shortest is None and summary.longest is None


@pytest.mark.parametrize(
    ("days", "approximate", "words"),
    [
        (45, False, "45 days"),
        (1253, False, "3 years, 5 months (1,253 days)"),
        (2525, True, "about 6 years, 11 months"),
        (365, False, "1 year (365 days)"),
        (304, True, "about 10 months"),
    ],
)
def test_describe_days(days: float, approximate: bool, words: str) -> None:
    assert describe_days(days, approximate) == words


def test_describe_days_in_chinese_as_the_chinese_pages_word_spans() -> None:
    token = LANGUAGE.set("zh")
    try:
        assert [describe_days(45, False), describe_days(1253, False), describe_days(2525, True),
                describe_days(365, False)] == ["45天", "3年5个月（1253天）", "约6年11个月", "1年（365天）"]
    finally:
        LANGUAGE.reset(token)


@pytest.mark.parametrize(
    ("end", "label"),
    [("2000-12", "Under 1 year"), ("2001-01", "1 to 2 years"), ("2002-12", "2 to 3 years"),
     ("2003-01", "3 to 5 years"), ("2004-12", "3 to 5 years"), ("2005-01", "5 years or more")],
)
def test_buckets_count_whole_months(end: str, label: str) -> None:
    buckets = spans(("2000-01", end)).buckets()
    assert [b.label for b in buckets if b.items] == [label]


def test_buckets_end_with_the_year_only_spans() -> None:
    buckets = spans(("2000", "2001-05"), ("2000-01", "2000-03")).buckets()
    assert [b.label for b in buckets] == [label for label, _ in SPAN_BUCKETS] + [YEAR_ONLY_LABEL]
    assert buckets[-1].year_only and len(buckets[-1].items) == 1
    assert len(buckets[0].items) == 1


# --- Stats over a project --------------------------------------------------------------------------

def test_a_copy_of_several_originals_is_measured_from_the_earliest(stats: Stats) -> None:
    assert [copy.id for copy in stats.copies] == ["poke", "ig-stories", "wa-status", "lasso", "wechat-stories", "fleets"]
    assert stats.lag_of_copy["fleets"].item.original.id == "snap-stories"
    assert stats.lags.count == 6
    assert [t.item.copy.id for t in stats.lags.year_only] == ["poke", "wechat-stories"]


def test_directions_are_counted_per_copy_and_per_year(stats: Stats) -> None:
    assert [(t.direction, t.copies, t.first_year, t.last_year) for t in stats.directions] == [
        ("US→US", 4, 2012, 2020), ("CN→US", 1, 2018, 2018), ("US→CN", 1, 2019, 2019),
    ]
    assert stats.directions_by_year[2018] == {"CN→US": 1}
    assert stats.directions_by_year[2019] == {"US→CN": 1}
    assert sum(sum(counts.values()) for counts in stats.directions_by_year.values()) == len(stats.copies)


def test_kinds_per_year_cover_every_year_including_empty_ones(stats: Stats) -> None:
    assert stats.years == list(range(2011, 2021))
    assert stats.kinds_by_year[2015] == {}
    assert stats.kinds_by_year[2020] == {"shutdown": 1, "copy": 1}
    assert stats.kinds == ["original", "copy", "shutdown"]


def test_outcomes_and_deaths(stats: Stats) -> None:
    assert stats.outcomes == [("active", 2), ("shut-down", 3), ("merged", 1), ("unknown", 0)]
    assert [death.copy.id for death in stats.shut_down] == ["fleets", "lasso", "poke"]  # newest end first
    lasso = stats.shut_down[1]
    assert lasso.record is not None and lasso.record.id == "lasso-end"
    assert lasso.lifespan is not None and lasso.lifespan.words == "about 1 year, 8 months"
    assert [death.copy.id for death in stats.merged] == ["wa-status"]


def test_lifespans_of_shut_down_copies(stats: Stats) -> None:
    lifespans = stats.lifespans
    assert [t.item.copy.id for t in lifespans.measured] == ["fleets", "poke", "lasso"]
    assert lifespans.median_days == 496  # poke's: 2012-12-21 to 2014-05, from first possible days
    assert lifespans.approximate


def test_company_figures(stats: Stats) -> None:
    meta = stats.by_company["meta"]
    assert [copy.id for copy in meta.copies] == ["poke", "ig-stories", "wa-status", "lasso"]
    assert meta.outcomes == (("active", 1), ("shut-down", 2), ("merged", 1))
    assert meta.lags.median_days == 1236  # ig-stories 1034, wa-status 1236, lasso 1675; poke is year-only
    assert meta.lags.shortest is not None and meta.lags.shortest.item.copy.id == "ig-stories"
    assert meta.lags.longest is not None and meta.lags.longest.item.copy.id == "lasso"
    assert [t.item.copy.id for t in meta.lags.year_only] == ["poke"]
    assert "snap" not in stats.by_company  # it made no copies


def test_copies_of_an_original_count_every_copy_that_names_it(stats: Stats) -> None:
    summary = stats.copies_of_original("snap-stories")
    assert summary.count == 3
    assert summary.shortest is not None and summary.shortest.item.copy.id == "ig-stories"
    assert summary.longest is not None and summary.longest.item.copy.id == "fleets"
    assert stats.copies_of_original("lasso-end").count == 0


def test_an_empty_project_has_no_figures() -> None:
    empty = Stats(Relations(Project(())))
    assert (empty.years, empty.copies, empty.directions, empty.shut_down) == ([], [], [], [])
    assert empty.outcomes == [("active", 0), ("shut-down", 0), ("merged", 0), ("unknown", 0)]


def test_a_copy_shut_down_on_an_unrecorded_date_comes_last_in_the_graveyard() -> None:
    project = make_project()
    undated = entry("vine-clone", "2021-05", "meta", "copy", ("snap-launch",), "shut-down")
    project = Project(tuple(sorted([*project.entries, undated], key=lambda e: e.sort_key)),
                      project.companies, project.themes)
    assert [death.copy.id for death in Stats(Relations(project)).shut_down] == ["fleets", "lasso", "poke", "vine-clone"]
    graveyard = {a.path: a.content for a in rendered_site(project)}["graveyard.md"]
    assert "launched May 2021; shut down on a date not recorded." in graveyard
    assert graveyard.index("[Fleets](events/fleets.md)") < graveyard.index("[Vine Clone](events/vine-clone.md)")
    assert "lived **about 1 year, 8 months**, from November 2018 to 10 July 2020." in graveyard
