"""The one URL scheme (site/urls.py): where every page and file lives, and links between them."""

from __future__ import annotations

import pytest

from generator.site import urls


def test_each_kind_of_page_has_its_path() -> None:
    assert urls.event("lasso-launch") == "events/lasso-launch.md"
    assert urls.company("meta") == "companies/meta.md"
    assert urls.chapter("stories") == "themes/stories.md"
    assert urls.tag("index") == "tag/index.md"  # not under tags/: tags.md is served at tags/
    assert urls.year_page(urls.TIMELINE, 2016) == "timeline/2016.md"
    assert urls.year_page(urls.company("meta"), 987) == "companies/meta/0987.md"


@pytest.mark.parametrize(("path", "listed"), [
    ("timeline/2016.md", "timeline.md"), ("companies/meta/0987.md", "companies/meta.md"),
    ("themes/stories/2016.md", "themes/stories.md"), ("companies/meta.md", None), ("events/2016-x.md", None),
    ("2016.md", None), ("timeline/2016.json", None),
])
def test_a_year_page_names_its_list(path: str, listed: str | None) -> None:
    assert urls.year_list(path) == listed
    if listed:
        assert urls.year_page(listed, int(path.rsplit("/", 1)[1].removesuffix(".md"))) == path


def test_feeds_sit_at_the_root_for_the_timeline_and_beside_the_year_pages_otherwise() -> None:
    assert (urls.atom_feed(urls.TIMELINE), urls.json_feed(urls.TIMELINE)) == ("feed.xml", "feed.json")
    assert urls.atom_feed("companies/meta.md") == "companies/meta/feed.xml"
    assert urls.json_feed("themes/video.md") == "themes/video/feed.json"
    assert urls.atom_feed("companies/meta.md").startswith(urls.year_page("companies/meta.md", 2016).rsplit("/", 1)[0])


@pytest.mark.parametrize(("target", "page", "link"), [
    ("events/a.md", "index.md", "events/a.md"),
    ("events/a.md", "events/b.md", "a.md"),
    ("events/a.md", "companies/meta/2016.md", "../../events/a.md"),
    ("companies/meta/2016.md", "companies/meta.md", "meta/2016.md"),
    ("timeline.md", "timeline/2016.md", "../timeline.md"),
    ("timeline/2016.md", "timeline/2016.md", "2016.md"),
    ("themes/a.md", "themes/ab/2016.md", "../a.md"),
])
def test_relative_links(target: str, page: str, link: str) -> None:
    assert urls.relative(target, page) == link


@pytest.mark.parametrize(("target", "page", "directory", "flat"), [
    ("events/a.md", "index.md", "events/a/", "events/a.html"),
    ("index.md", "events/a.md", "../../", "../index.html"),
    ("events/a.md", "events/a.md", "./", "a.html"),
    ("events/a.md", "events/b.md", "../a/", "a.html"),
    ("companies/meta/2016.md", "companies/meta.md", "2016/", "meta/2016.html"),
    ("companies/meta.md", "companies/meta/2016.md", "../", "../meta.html"),
    ("zh/index.md", "index.md", "zh/", "zh/index.html"),
])
def test_links_between_served_pages(target: str, page: str, directory: str, flat: str) -> None:
    assert urls.href(target, page) == directory
    assert urls.href(target, page, directory_urls=False) == flat


@pytest.mark.parametrize(("path", "directory", "flat"), [
    ("index.md", "", "index.html"),
    ("events/a.md", "events/a/", "events/a.html"),
    ("companies/index.md", "companies/", "companies/index.html"),
    ("tags.md", "tags/", "tags.html"),
    ("tag/index.md", "tag/", "tag/index.html"),
])
def test_page_addresses_as_mkdocs_names_them(path: str, directory: str, flat: str) -> None:
    assert urls.page_address(path) == directory
    assert urls.page_address(path, directory_urls=False) == flat


def test_the_navigation_lists_the_generated_lists_only() -> None:
    assert urls.IN_NAV == {urls.TIMELINE, urls.STATS, urls.GRAVEYARD, urls.COMPANIES, urls.CHAPTERS, urls.TAGS}
    assert urls.event("x") not in urls.IN_NAV and urls.HOME not in urls.IN_NAV
