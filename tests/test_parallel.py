"""Work split over two processes: the same result as in one, and any failure still reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT
from generator import parallel, publish
from generator.loader import load_project
from generator.render import render_site


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork whatever the size, even on one core (where it is merely slower)."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


def test_the_second_share_runs_in_another_process(forking: None) -> None:
    here, there = parallel.both(os.getpid, os.getpid, items=1)
    assert here == os.getpid()
    assert there != here


def test_small_work_stays_in_this_process() -> None:
    assert parallel.both(os.getpid, os.getpid, items=parallel.PARALLEL_FROM - 1) == (os.getpid(), os.getpid())


def test_an_error_in_the_child_is_raised_here_as_itself(forking: None) -> None:
    def there() -> int:
        raise LookupError("from the second share")

    with pytest.raises(LookupError, match="from the second share"):
        parallel.both(lambda: 1, there, items=1)


def test_a_child_that_dies_has_its_work_done_here(forking: None) -> None:
    parent = os.getpid()

    def there() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    assert parallel.both(lambda: "first", there, items=1) == ("first", "done here")


def test_the_child_is_collected_when_this_share_fails(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    children = []
    fork = os.fork

    def recorded_fork() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    def here() -> None:
        raise ValueError("first share")

    monkeypatch.setattr(os, "fork", recorded_fork)
    with pytest.raises(ValueError, match="first share"):
        parallel.both(here, lambda: None, items=1)
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # already collected: no process left behind
        os.waitpid(children[0], os.WNOHANG)


def _site(entries: Path) -> tuple[object, ...]:
    publish._converted.clear()  # so that each run converts the summaries itself
    result = load_project(entries)
    assert result.project is not None, result.problems
    site = render_site(result.project, site_url="https://example.org/cv/", repo_url="https://github.com/o/r",
                       edit_url="https://github.com/o/r/edit/main/", page_limit=20)
    return (result.problems, result.project, list(site.pages.items()), list(site.files.items()), site.chapters,
            site.chapter_events, site.origins, site.feeds)


def test_loading_and_rendering_in_two_processes_gives_exactly_what_one_gives(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    split = _site(ROOT / "entries")
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert split == _site(ROOT / "entries")  # pages and files in the same order, too


def test_summaries_converted_in_the_child_are_kept_here(forking: None, monkeypatch: pytest.MonkeyPatch) -> None:
    summaries = [f"Summary *{number}*, [a link](https://example.org/{number})." for number in range(6)]
    converted_here = []  # what the child converts is recorded only in the child's copy of this list
    convert = publish._convert

    def recorded(summary: str) -> tuple[str, str]:
        converted_here.append(summary)
        return convert(summary)

    monkeypatch.setattr(publish, "_convert", recorded)
    publish._converted.clear()
    publish.convert_summaries(summaries)
    assert converted_here == summaries[:3]
    assert publish._converted == {summary: convert(summary) for summary in summaries}
    assert publish.summary_text(summaries[5]) == "Summary 5, a link."
    assert converted_here == summaries[:3]  # kept: not converted again


def test_the_summary_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "CONVERTED_LIMIT", 3)
    publish._converted.clear()
    for number in range(7):
        publish.summary_html(f"Summary {number}.")
    assert 0 < len(publish._converted) <= 3
    assert publish.summary_html("Summary 6.") == "<p>Summary 6.</p>"
