"""A long timeline is split into a page per year, with the same markup and filters on each."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import paging
from generator.loader import load_project
from generator.render import render_site


@pytest.fixture
def site(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    result = load_project(project / "entries")
    assert result.project is not None
    monkeypatch.setattr(paging, "TIMELINE_PAGE_LIMIT", 3)  # the fixture has 5 events
    return render_site(result.project).pages


def test_a_short_timeline_is_one_page(project: Path) -> None:
    result = load_project(project / "entries")
    assert result.project is not None
    pages = render_site(result.project).pages
    assert [uri for uri in pages if uri.startswith("timeline")] == ["timeline.md"]
    assert 'class="cv-timeline"' in pages["timeline.md"] and "a page for each year" not in pages["timeline.md"]


def test_a_long_timeline_has_an_index_of_years_and_a_page_per_year(site: dict[str, str]) -> None:
    years = sorted(uri for uri in site if uri.startswith("timeline/"))
    assert years == ["timeline/2011.md", "timeline/2013.md", "timeline/2016.md", "timeline/2018.md",
                     "timeline/2020.md"]
    index = site["timeline.md"]
    assert "5 events, a page for each year" in index and "[2016](timeline/2016.md) (1)" in index
    assert "cv-timeline" not in index  # the index lists years, not events
    year = site["timeline/2016.md"]
    assert "# Timeline: 2016" in year and "[2018](2018.md)" in year
    assert 'data-year="2016"' in year and 'data-year="2018"' not in year
    assert "](../events/instagram-stories.md)" in year and 'data-facet="company"' in year
