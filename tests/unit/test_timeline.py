"""The timeline page's generated Markdown: filter labels escaped, the page kept out of search."""

from __future__ import annotations

import dataclasses

import pytest
import yaml

from conftest import load_fixture
from generator.model.entries import Company, Project
from generator.site.render import render_site


@pytest.fixture(scope="module")
def fixture_project() -> Project:
    return load_fixture()


def test_filter_labels_are_listed_and_escaped(fixture_project: Project) -> None:
    hostile = Company(key="meta", name='Meta "<b>&', country="US")
    project = dataclasses.replace(fixture_project, companies={**fixture_project.companies, "meta": hostile})
    markdown = {a.path: a.content for a in render_site(project)}["timeline.md"]
    assert '<li data-value="meta">Meta &#34;&lt;b&gt;&amp;</li>' in markdown
    assert '<li data-value="n/a">Not a copy</li>' in markdown
    assert "<b>" not in markdown


def test_the_timeline_is_kept_out_of_the_search_index(fixture_project: Project) -> None:
    timeline = {a.path: a.content for a in render_site(fixture_project)}["timeline.md"]
    front = yaml.safe_load(timeline.split("---")[1])
    assert front["search"] == {"exclude": True}
