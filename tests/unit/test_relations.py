"""Indexes over a project and the copy graph both ways (model/relations.py), on the fixture project."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import load_fixture
from generator.model.dates import Span
from generator.model.entries import Project
from generator.model.relations import Relations


@pytest.fixture(scope="module")
def fixture_project() -> Project:
    return load_fixture()


@pytest.fixture(scope="module")
def rel(fixture_project: Project) -> Relations:
    return Relations(fixture_project)


def test_indexes_by_id_company_theme_and_year(rel: Relations, fixture_project: Project) -> None:
    assert set(rel.by_id) == {e.id for e in fixture_project.entries}
    assert [e.id for e in rel.by_company["meta"]] == ["instagram-stories", "lasso-launch", "lasso-shutdown"]
    assert [e.id for e in rel.by_company["snap"]] == ["snapchat-launch", "snapchat-stories"]
    assert "bytedance" not in rel.by_company  # a company without events has no list
    assert [e.id for e in rel.by_theme["video"]] == ["lasso-launch", "lasso-shutdown"]
    assert sorted(rel.by_year) == [2011, 2013, 2016, 2018, 2020]


def test_the_copy_graph_both_ways(rel: Relations) -> None:
    assert [(link.copy.id, link.original.id) for link in rel.links] == [
        ("instagram-stories", "snapchat-stories"), ("lasso-launch", "snapchat-launch")]
    assert [link.copy.id for link in rel.copies_of["snapchat-launch"]] == ["lasso-launch"]
    assert [link.original.id for link in rel.originals_of["instagram-stories"]] == ["snapchat-stories"]
    assert [link.copy.id for link in rel.copied_from_company["snap"]] == ["instagram-stories", "lasso-launch"]
    assert "lasso-shutdown" not in rel.originals_of


def test_a_copy_link_measures_its_lag_with_the_one_span(rel: Relations) -> None:
    link = rel.originals_of["lasso-launch"][0]
    assert link.span == Span(link.original.date, link.copy.date)
    assert (link.lag, link.lag_days, link.lag_precision) == (link.span.words, link.span.days, "year")
    assert link.direction == "US→US"
    exact = rel.originals_of["instagram-stories"][0]
    assert exact.lag_precision == "day" and exact.lag == exact.span.words == "2 years, 9 months (1,034 days)"


def test_related_is_read_both_ways(fixture_project: Project) -> None:
    entries = tuple(dataclasses.replace(e, related=("snapchat-launch",)) if e.id == "lasso-shutdown" else e
                    for e in fixture_project.entries)
    rel = Relations(dataclasses.replace(fixture_project, entries=entries))
    assert [e.id for e in rel.related_to["lasso-shutdown"]] == ["snapchat-launch"]
    assert [e.id for e in rel.related_to["snapchat-launch"]] == ["instagram-stories", "lasso-shutdown"]  # in timeline order


def test_an_entry_copying_two_originals_from_one_country_has_one_direction(fixture_project: Project) -> None:
    entries = tuple(
        dataclasses.replace(e, copy_of=("snapchat-launch", "snapchat-stories")) if e.id == "lasso-launch" else e
        for e in fixture_project.entries
    )
    rel = Relations(dataclasses.replace(fixture_project, entries=entries))
    assert len(rel.originals_of["lasso-launch"]) == 2
    assert rel.directions(rel.by_id["lasso-launch"]) == ["US→US"]
    assert rel.directions(rel.by_id["snapchat-stories"]) == []
