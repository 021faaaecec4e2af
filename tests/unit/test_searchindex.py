"""What the search indexes and how an event is filtered (generator/site/searchindex.py), and the
copy of a page the indexer reads (generator/mkdocs_plugin/pagefind.py)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.mkdocs_plugin.pagefind import indexed_copy
from generator.model.entries import Project
from generator.site.searchindex import event_filters, han_suffixes, is_searched

from .test_timeline import fixture_project  # noqa: F401 - the fixture


def test_an_event_is_filtered_by_names_readers_see(fixture_project: Project) -> None:  # noqa: F811
    entry = next(e for e in fixture_project.entries if e.id == "instagram-stories")
    assert event_filters(entry, fixture_project) == [
        ("company", "Meta (Facebook)"), ("kind", "Copy"), ("chapter", "The Stories wars"), ("year", "2016")]
    several = dataclasses.replace(entry, themes=("stories", "video"))
    assert [v for k, v in event_filters(several, fixture_project) if k == "chapter"] == [
        "The Stories wars", "The short-video wars"]


def test_the_inner_words_of_chinese_runs() -> None:
    assert han_suffixes("Tencent (腾讯控股) and 字节跳动, 微信") == ["讯控股", "控股", "节跳动", "跳动"]
    assert han_suffixes("No Chinese here") == []


def page(lang: str, article: str, nav: str = "") -> str:
    return (f'<html lang="{lang}"><body><nav>{nav}</nav><article><div data-pagefind-body>{article}</div>'
            "</article></body></html>")


def test_only_pages_not_in_chinese_get_the_inner_words_of_their_article() -> None:
    english = page("en", "<p>Tencent (腾讯控股)</p>", nav="简体中文")
    copy = indexed_copy(english)
    assert copy.startswith(english.removesuffix("</body></html>"))
    assert copy.endswith("<div data-pagefind-body><p>讯控股 控股</p></div></body></html>")  # not 中文 from the nav
    chinese = page("zh-Hans", "<p>腾讯控股</p>")
    assert indexed_copy(chinese) is chinese  # Pagefind's extended build segments Chinese itself
    plain = page("en", "<p>Meta</p>", nav="简体中文")
    assert indexed_copy(plain) is plain


@pytest.mark.parametrize(("path", "searched"), [
    ("events/lasso-launch.md", True), ("zh/events/lasso-launch.md", True), ("themes/stories.md", True),
    ("stats.md", False), ("stats/copies.md", False), ("zh/stats/copies.md", False),
    ("copy-map.md", False), ("copy-map/2.md", False), ("zh/copy-map/3.md", False), ("timeline/2016.md", False),
    ("graveyard.md", False), ("graveyard/2020.md", False), ("zh/graveyard/2015.md", False),
])
def test_lists_that_repeat_events_are_not_searched(path: str, searched: bool) -> None:
    assert is_searched(path) is searched
