"""The timeline page's generated Markdown: filter labels escaped, the page kept out of search."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import load_fixture, rendered_site
from generator.model.entries import Company, Project
from generator.site.searchindex import is_searched


@pytest.fixture(scope="module")
def fixture_project() -> Project:
    return load_fixture()


def test_filter_labels_are_listed_and_escaped(fixture_project: Project) -> None:
    hostile = Company(key="meta", name='Meta "<b>&', country="US")
    project = dataclasses.replace(fixture_project, companies={**fixture_project.companies, "meta": hostile})
    markdown = {a.path: a.content for a in rendered_site(project)}["timeline.md"]
    assert '<li data-value="meta">Meta &#34;&lt;b&gt;&amp;</li>' in markdown
    assert '<li data-value="n/a">Not a copy</li>' in markdown
    assert "<b>" not in markdown


def test_the_lists_that_repeat_events_are_kept_out_of_the_search_index() -> None:
    assert is_searched("events/lasso-launch.md") and is_searched("zh/events/lasso-launch.md")
    assert is_searched("companies/meta.md") and is_searched("index.md") and is_searched("themes/stories.md")
    assert is_searched("events/2016.md") and is_searched("companies/2016.md")  # ids that look like years
    for path in ["timeline.md", "timeline/2016.md", "tags.md", "tag/stories.md", "stats.md", "graveyard.md",
                 "companies/index.md", "companies/meta/2016.md", "themes/stories/2016.md", "zh/timeline.md",
                 "zh/tag/stories.md", "zh/companies/meta/2016.md", "graveyard/2020.md", "copy-map/2.md"]:
        assert not is_searched(path), path
