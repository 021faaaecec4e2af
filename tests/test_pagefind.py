"""The search index step (pagefind.py) with the real Pagefind binary, on small sites."""

from __future__ import annotations

import gzip
import json
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


def unreadable_index_files(site: Path) -> list[str]:
    """The files of `site`'s index that are not whole: the entry file must parse as JSON, every
    compressed file (the WebAssembly, metadata, chunks, fragments, filters) must decompress to its
    end, and no file may be empty."""
    broken = []
    for path in sorted((site / "pagefind").rglob("*")):
        if path.is_dir():
            continue
        data = path.read_bytes()
        try:
            if not data:
                raise ValueError("empty")
            if path.name == "pagefind-entry.json":
                json.loads(data)
            elif path.suffix == ".pagefind" or path.suffix.startswith(".pf_"):
                gzip.decompress(data)
        except (ValueError, EOFError, gzip.BadGzipFile):
            broken.append(path.relative_to(site).as_posix())
    return broken


def test_every_file_of_the_index_is_whole_when_the_indexer_returns(tmp_path: Path) -> None:
    """Pagefind's Python API could answer before its last writes were done and then be stopped,
    leaving files cut short when the CPU was busy (Pagefind/pagefind#1271); the indexer's command
    line finishes them before it exits. A site of a few hundred pages, in two languages."""
    for number in range(300):
        lang, words = ("zh-Hans", "腾讯控股 字节跳动 抖音") if number % 3 == 0 else ("en", "Stories Reels Lasso")
        write(tmp_path / f"p{number}/index.html", PAGE.replace('lang="en"', f'lang="{lang}"').format(
            f"{words} {number} " + " ".join(f"word{number * 7 + k}" for k in range(200))))
    count, _ = index_site(tmp_path, [f"p{number}/index.html" for number in range(300)])
    assert count == 300
    assert unreadable_index_files(tmp_path) == []
    languages = json.loads((tmp_path / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert {code: language["page_count"] for code, language in languages.items()} == {"en": 200, "zh-hans": 100}


def test_the_site_is_left_alone_until_the_finished_index_moves_in_under_the_lock(site: Path) -> None:
    """Under `mkdocs serve` a newer build may clean the site at any moment; it takes the lock
    first. So the indexer writes nothing into the site before it holds the lock, and it asks once
    more, holding it, whether a newer build has begun."""
    index_site(site, ["a/index.html"])
    old_index = sorted(path.relative_to(site).as_posix() for path in (site / "pagefind").rglob("*"))
    held = False
    seen: list[tuple[bool, list[str], list[str]]] = []

    def still_current() -> bool:
        seen.append((held, sorted(path.name for path in site.iterdir()),
                     sorted(path.relative_to(site).as_posix() for path in (site / "pagefind").rglob("*"))))
        return True

    class Lock:
        def __enter__(self) -> None:
            nonlocal held
            held = True

        def __exit__(self, *exc: object) -> None:
            nonlocal held
            held = False

    index_site(site, ["a/index.html", "b/index.html"], still_current=still_current, site_lock=Lock())
    assert seen and all(names == ["a", "b", "pagefind"] and index == old_index for _, names, index in seen)
    assert seen[-1][0] and not any(locked for locked, _, _ in seen[:-1])
    assert set(search_records(site)) == {"/a/", "/b/"}
