"""The timeline page's markup: the facets each item carries for the filters, and escaping.

The filters themselves run in a browser (tests/browser); this checks the generated HTML, fast.
"""

from __future__ import annotations

import yaml

import dataclasses
import re

import pytest

from conftest import FIXTURE, mkdocs_build
from generator.load.project import load_project
from generator.model.entries import Company, Project
from generator.model.relations import Relations
from generator.site.render import render_site

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


def test_filter_labels_are_listed_and_escaped(fixture_project: Project) -> None:
    hostile = Company(key="meta", name='Meta "<b>&', country="US")
    project = dataclasses.replace(fixture_project, companies={**fixture_project.companies, "meta": hostile})
    markdown = render_site(project).pages["timeline.md"]
    assert '<li data-value="meta">Meta &#34;&lt;b&gt;&amp;</li>' in markdown
    assert '<li data-value="n/a">Not a copy</li>' in markdown
    assert "<b>" not in markdown


def test_the_timeline_is_kept_out_of_the_search_index(fixture_project: Project) -> None:
    front = yaml.safe_load(render_site(fixture_project).pages["timeline.md"].split("---")[1])
    assert front["search"] == {"exclude": True}


def test_an_entry_copying_two_originals_from_one_country_has_one_direction(fixture_project: Project) -> None:
    entries = tuple(
        dataclasses.replace(e, copy_of=("snapchat-launch", "snapchat-stories")) if e.id == "lasso-launch" else e
        for e in fixture_project.entries
    )
    rel = Relations(dataclasses.replace(fixture_project, entries=entries))
    assert len(rel.originals_of["lasso-launch"]) == 2
    assert rel.directions(rel.by_id["lasso-launch"]) == ["US→US"]
    assert rel.directions(rel.by_id["snapchat-stories"]) == []
