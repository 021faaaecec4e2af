"""The search index step (pagefind.py) with the real Pagefind binary, on a two-page site."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import search_records, write
from generator.mkdocs_plugin.pagefind import Superseded, index_site

PAGE = '<!doctype html><html lang="en"><body><article data-pagefind-body><h1>{}</h1></article></body></html>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path / "a/index.html", PAGE.format("Stories arrive"))
    write(tmp_path / "b/index.html", PAGE.format("Reels arrive"))
    return tmp_path


def test_the_index_replaces_the_last_one_and_leaves_nothing_beside_it(site: Path) -> None:
    assert index_site(site, ["a/index.html"])[0] == 1
    count, _ = index_site(site, ["a/index.html", "b/index.html"])
    assert count == 2
    assert set(search_records(site)) == {"/a/", "/b/"}
    assert sorted(path.name for path in site.iterdir()) == ["a", "b", "pagefind"]


@pytest.mark.parametrize("checks_before_it_is_stale", [0, 1])
def test_an_index_overtaken_by_a_newer_build_is_dropped_and_the_last_one_kept(
        site: Path, checks_before_it_is_stale: int) -> None:
    index_site(site, ["a/index.html"])
    checks = iter([True] * checks_before_it_is_stale + [False] * 3)
    # stale before Pagefind runs, or after it wrote the new index
    with pytest.raises(Superseded):
        index_site(site, ["a/index.html", "b/index.html"], still_current=lambda: next(checks))
    assert set(search_records(site)) == {"/a/"}
    assert sorted(path.name for path in site.iterdir()) == ["a", "b", "pagefind"]
