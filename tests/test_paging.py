"""A site whose lists are split into pages per year and per tag, built by MkDocs (the splitting
itself: tests/unit/test_paging.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mkdocs_build


@pytest.mark.build
def test_a_split_site_builds_strictly_and_tags_on_event_pages_lead_to_the_tag_pages(
    project: Path, tmp_path: Path
) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline\n", "  - timeline:\n      page_limit: 1\n"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr

    def html(path: str) -> str:
        return (site / path / "index.html").read_text(encoding="utf-8")

    assert 'href="2016/"' in html("companies/meta") and 'href="2013/"' in html("themes/stories")
    assert 'href="../../../events/instagram-stories/"' in html("companies/meta/2016")
    assert 'href="../../../events/snapchat-stories/"' in html("themes/stories/2013")
    assert 'href="../tag/stories/"' in html("tags")
    tag = html("tag/stories")
    assert 'href="../../events/instagram-stories/"' in tag and 'href="../../events/snapchat-stories/"' in tag
    assert 'href="../../events/lasso-launch/"' not in tag
    assert 'href="../../tag/stories/#tag:stories" class="md-tag"' in html("events/instagram-stories")
