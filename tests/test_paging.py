"""A site whose lists are split into pages per year and per tag, built by MkDocs (the splitting
itself: tests/unit/test_paging.py)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURE, mkdocs_build

# Three more dead copies (Slingshot, shut down in 2015; Messenger Day, merged in 2020; Flash, its
# end undated): with Lasso (2020), four, which a page limit of 1 splits into 2020 and 2015.
GRAVEYARD = Path(__file__).resolve().parent / "fixtures" / "graveyard"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with the dead copies, every list split (page_limit: 1), built once."""
    project = tmp_path_factory.mktemp("split") / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copytree(GRAVEYARD, project / "entries", dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - timeline\n", "  - timeline:\n      page_limit: 1\n"), encoding="utf-8")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_split_site_builds_strictly_and_tags_on_event_pages_lead_to_the_tag_pages(site: Path) -> None:
    assert 'href="2016/"' in html(site, "companies/meta") and 'href="2013/"' in html(site, "themes/stories")
    assert 'href="../../../events/instagram-stories/"' in html(site, "companies/meta/2016")
    assert 'href="../../../events/snapchat-stories/"' in html(site, "themes/stories/2013")
    assert 'href="../tag/stories/"' in html(site, "tags")
    tag = html(site, "tag/stories")
    assert 'href="../../events/instagram-stories/"' in tag and 'href="../../events/snapchat-stories/"' in tag
    assert 'href="../../events/lasso-launch/"' not in tag
    assert 'href="../../tag/stories/#tag:stories" class="md-tag"' in html(site, "events/instagram-stories")


@pytest.mark.build
def test_a_split_graveyard_has_a_page_per_year_with_meta_alternates_and_a_place_in_the_sitemap(site: Path) -> None:
    assert sorted(p.name for p in (site / "graveyard").iterdir()) == ["2015", "2020", "index.html"]
    index = html(site, "graveyard")
    assert 'href="2020/">2020</a> (2) · <a href="2015/">2015</a> (1)' in index
    assert 'href="../events/flash-launch/"' in index and 'href="../events/lasso-launch/"' not in index
    year = html(site, "graveyard/2020")
    assert "<title>Graveyard: 2020 - Fixture</title>" in year
    assert '<meta name="description" content="Copies that were shut down or merged in 2020, newest end first.">' in year
    assert 'href="../">the graveyard</a>' in year and 'href="../2015/">2015</a>' in year
    assert 'href="../../events/lasso-launch/"' in year and 'href="../../events/messenger-day/"' in year
    assert 'href="../../events/slingshot-launch/"' not in year
    assert 'rel="alternate " hreflang="zh-Hans" href="https://example.org/zh/graveyard/2020/"' in year
    assert "data-pagefind-body" not in year  # a list of events, left out of search like the timeline's years
    chinese = html(site, "zh/graveyard/2020")
    assert '<html lang="zh-Hans"' in chinese and "<title>墓地：2020 - " in chinese
    assert 'href="../2015/">2015</a>' in chinese and 'href="../../events/lasso-launch/">Lasso</a>' in chinese
    assert 'rel="alternate " hreflang="en" href="https://example.org/graveyard/2020/"' in chinese
    assert 'href="2020/">2020</a> (2)' in html(site, "zh/graveyard")
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = {u.findtext(f"{ns}loc") for u in ET.parse(site / "sitemap.xml").getroot().iter(f"{ns}url")}
    assert {f"https://example.org/{tree}graveyard/{year}/" for tree in ("", "zh/") for year in (2015, 2020)} <= listed
