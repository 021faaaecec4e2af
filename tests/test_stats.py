"""The copying, measured, in a real strict MkDocs build of the fixture project: /stats/, /graveyard/
and the pages that carry lag summaries (the figures themselves: tests/unit/test_figures.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE, mkdocs_build, write


# --- A real strict build ---------------------------------------------------------------------------

HOSTILE_COPY = (
    'title: "Hostile <script>alert(1)</script> copy"\ndate: 2019-01-05\nkind: copy\ncompany: meta\n'
    'product: "<img src=x onerror=alert(1)> | cell"\ncopy_of: [snapchat-stories]\n'
    "outcome:\n  status: shut-down\n  date: 2019-03-01\n  note: \"<b>gone</b>\"\n"
    "themes: [stories]\nsummary: Plain.[1]\n"
    "sources:\n  - publisher: p\n    title: t\n    url: https://example.org/\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project plus one copy with hostile text, built once for these tests."""
    project = tmp_path_factory.mktemp("stats") / "project"
    shutil.copytree(FIXTURE, project)
    write(project / "entries/2019/hostile-copy.yaml", HOSTILE_COPY)
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.build
def test_stats_and_graveyard_are_built_and_in_the_navigation(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="stats/"' in home and 'href="graveyard/"' in home
    stats = (built / "stats/index.html").read_text(encoding="utf-8")
    assert stats.count('<svg class="cv-chart__svg"') == 5
    assert stats.count('role="img"') == 5
    # The sanitiser kept what the charts need: the accessible name, description and shapes.
    assert '<title id="chart-kinds-title">Events per year, by kind</title>' in stats
    assert '<desc id="chart-lags-desc">' in stats and '<rect class="cv-chart__bar--uncertain"' in stats
    assert "How the numbers are measured" in stats


@pytest.mark.build
def test_graveyard_lists_dead_copies_newest_first_with_lifespans(built: Path) -> None:
    html = (built / "graveyard/index.html").read_text(encoding="utf-8")
    # Lasso ended on 2020-07-10, the hostile copy on 2019-03-01: the newer death comes first.
    assert html.index('href="../events/lasso-launch/"') < html.index('href="../events/hostile-copy/"')
    assert 'href="../events/lasso-shutdown/"' in html
    assert "about 1 year, 8 months" in html  # 2018-11 to 2020-07-10, worded at month precision
    assert "55 days" in html  # 2019-01-05 to 2019-03-01, both known to the day
    assert 'href="../events/instagram-stories/"' not in html  # still running


@pytest.mark.build
def test_lag_summaries_on_company_and_event_pages(built: Path) -> None:
    meta = (built / "companies/meta/index.html").read_text(encoding="utf-8")
    assert "<strong>3 copies</strong>: 1 still running, 2 shut down." in meta
    assert "1 copy is left out of these figures because a date is known only to the year." in meta
    original = (built / "events/snapchat-stories/index.html").read_text(encoding="utf-8")
    assert "Copied 2 times: fastest" in original
    slowest = original.index("slowest")
    assert original.index('href="../instagram-stories/"') < slowest < original.index('href="../hostile-copy/"')


@pytest.mark.build
@pytest.mark.parametrize("page", ["stats/index.html", "graveyard/index.html", "companies/meta/index.html"])
def test_user_text_stays_text_on_the_measured_pages(built: Path, page: str) -> None:
    html = (built / page).read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
