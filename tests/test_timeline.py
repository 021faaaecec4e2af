"""The timeline page's markup in a real build: the facets each item carries for the filters.

The filters themselves run in a browser (tests/browser); the generated Markdown and the escaping
of filter labels: tests/unit/test_timeline.py.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURE, mkdocs_build
from generator.load.project import load_project
from generator.model.entries import Project

pytestmark = pytest.mark.build

ITEM = re.compile(r"<li (data-[^>]*)>")
ATTRIBUTE = re.compile(r'data-([a-z]+)="([^"]*)"')


@pytest.fixture(scope="module")
def fixture_project() -> Project:
    result = load_project(FIXTURE / "entries")
    assert result.project is not None, result.problems
    return result.project


@pytest.fixture(scope="module")
def timeline_html(fixture_project: Project, tmp_path_factory: pytest.TempPathFactory) -> str:
    site = tmp_path_factory.mktemp("timeline") / "site"
    result = mkdocs_build(FIXTURE, site)
    assert result.returncode == 0, result.stderr
    return (site / "timeline" / "index.html").read_text(encoding="utf-8")


def _items(html: str) -> dict[str, dict[str, str]]:
    """Each timeline item's data attributes, by the event it links to."""
    items = {}
    for match in ITEM.finditer(html):
        link = re.search(r'href="\.\./events/([a-z0-9-]+)/"', html[match.end():])
        assert link, match.group(0)
        items[link.group(1)] = dict(ATTRIBUTE.findall(match.group(1)))
    return items


def test_every_event_is_an_item_with_its_facets(timeline_html: str, fixture_project: Project) -> None:
    items = _items(timeline_html)
    assert set(items) == {entry.id for entry in fixture_project.entries}
    assert items["instagram-stories"] == {
        "year": "2016", "company": "meta", "kind": "copy", "themes": "stories",
        "direction": "us-us", "outcome": "active",
    }
    assert items["snapchat-stories"]["direction"] == "none"
    assert items["snapchat-stories"]["outcome"] == "n/a"
    assert items["lasso-launch"]["outcome"] == "shut-down"


def test_items_render_their_markdown_and_years_group_them(timeline_html: str) -> None:
    assert '<div class="cv-year" data-year="2016">' in timeline_html
    assert '<h2 id="2016">' in timeline_html
    assert '<time datetime="2016-08-02">2 August 2016</time>' in timeline_html
    assert "**" not in timeline_html and "](" not in timeline_html  # no Markdown left raw
