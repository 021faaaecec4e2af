"""The caches behind a quick preview give the same site as a clean build.

Dirty builds (`make serve` runs `mkdocs serve --dirty`) rebuild only the pages whose generated
Markdown changed, and reuse entry files that did not change: an edited, deleted or renamed entry
must still show everywhere, problems must still be reported, and the search index must stay whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ENV, get, mkdocs_serve, search_page_count, search_records, wait_for, write

pytestmark = pytest.mark.build

ENTRY = "entries/2016/instagram-stories.yaml"


def dirty_build(project: Path, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(site)],
        cwd=project, env=ENV, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr


def retitle(project: Path, title: str) -> None:
    path = project / ENTRY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Instagram launches Stories", f"title: {title}"), encoding="utf-8")


def test_a_second_dirty_build_shows_an_edit_everywhere_and_keeps_the_search_index_whole(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    dirty_build(project, site)
    untouched = (site / "events/lasso-launch/index.html").stat().st_mtime_ns
    before = search_records(site)

    retitle(project, "Instagram copies Stories")
    dirty_build(project, site)
    for page in ["events/instagram-stories", "timeline", "companies/meta", "themes/stories"]:
        assert "Instagram copies Stories" in (site / page / "index.html").read_text(encoding="utf-8"), page
    assert (site / "events/lasso-launch/index.html").stat().st_mtime_ns == untouched  # not rebuilt
    page = (site / "events/instagram-stories/index.html").read_text(encoding="utf-8")
    assert not re.search(r'md-ellipsis">\s*None\s*<', page)  # titles of nav pages that were not rebuilt
    after = search_records(site)
    assert sorted(after) == sorted(before)  # the pages that were not rebuilt are still searched
    titles = [record["meta"]["title"] for record in after.values()]
    assert "Instagram copies Stories" in titles and "Instagram launches Stories" not in titles
    assert "/events/lasso-launch/" in after
    assert not (project / "docs/events").exists() and not list((project / "entries").rglob("*.md"))


def test_a_deleted_or_renamed_entry_disappears_from_a_dirty_build(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    dirty_build(project, site)
    assert (site / "events/lasso-shutdown/index.html").is_file()

    # lasso-launch names lasso-shutdown as its outcome: rename lasso-launch's reference too
    launch = project / "entries/2018/lasso-launch.yaml"
    launch.write_text(launch.read_text(encoding="utf-8").replace("lasso-shutdown", "lasso-closed"), encoding="utf-8")
    (project / "entries/2020/lasso-shutdown.yaml").rename(project / "entries/2020/lasso-closed.yaml")
    (project / ENTRY).unlink()
    dirty_build(project, site)

    assert not (site / "events/lasso-shutdown/index.html").exists()
    assert not (site / "events/instagram-stories/index.html").exists()
    assert (site / "events/lasso-closed/index.html").is_file()
    searched = search_records(site)
    assert "/events/lasso-closed/" in searched
    assert "/events/lasso-shutdown/" not in searched and "/events/instagram-stories/" not in searched
    timeline = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert "instagram-stories" not in timeline and "lasso-closed" in timeline


@pytest.fixture
def dirty_server(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log, "--dirty") as base:
        yield base, log


def test_make_serve_previews_edits_errors_and_deletions(dirty_server: tuple[str, Path], project: Path) -> None:
    base, log = dirty_server
    retitle(project, "Instagram previews Stories")
    wait_for(lambda: "Instagram previews Stories" in (get(base + "/events/instagram-stories/") or ""), "the edit")
    for page in ["/timeline/", "/companies/meta/", "/themes/stories/"]:
        assert "Instagram previews Stories" in (get(base + page) or ""), page
    wait_for(lambda: search_page_count(base) > 0, "the search index")
    searched = search_page_count(base)

    entry = project / ENTRY
    good = entry.read_text(encoding="utf-8")
    entry.write_text("title: [broken\n", encoding="utf-8")
    wait_for(lambda: f"{ENTRY}:2:1: error: invalid YAML" in log.read_text(), "the error report")
    entry.write_text(good.replace("Instagram previews Stories", "Instagram fixes Stories"), encoding="utf-8")
    wait_for(lambda: "Instagram fixes Stories" in (get(base + "/timeline/") or ""), "recovery")

    added = write(project / "entries/2016/added-live.yaml", good.replace("Instagram previews Stories", "Added live"))
    wait_for(lambda: "Added live" in (get(base + "/events/added-live/") or ""), "the new entry")
    # The search index follows each rebuild, a moment after the page reloads.
    # its page in each language: English and Chinese (untranslated, it shows the English)
    wait_for(lambda: search_page_count(base) == searched + 2, "the new entry in the search index")
    added.unlink()
    wait_for(lambda: get(base + "/events/added-live/") is None, "the deleted entry's page to go")
    wait_for(lambda: search_page_count(base) == searched, "the deleted entry to leave the search index")
    assert "Added live" not in (get(base + "/timeline/") or "")
