"""Long lists are split: the timeline, a company's or a chapter's events into a page per year (with
the same markup), the tags page into a page per tag."""

from __future__ import annotations

import posixpath
import shutil
import re
from pathlib import Path

import pytest

from conftest import rendered_site
from generator.load.project import load_project
from generator.site.language import ENGLISH
from generator.site.render import Artifact


@pytest.fixture
def site(project: Path) -> dict[str, str]:
    result = load_project(project / "entries")
    assert result.project is not None
    return pages(rendered_site(result.project, page_limit=3, languages=[ENGLISH]))  # the fixture has 5 events


def test_a_short_timeline_is_one_page(project: Path) -> None:
    result = load_project(project / "entries")
    assert result.project is not None
    site = pages(rendered_site(result.project, languages=[ENGLISH]))
    assert [uri for uri in site if uri.startswith("timeline")] == ["timeline.md"]
    assert 'class="cv-timeline"' in site["timeline.md"] and "a page for each year" not in site["timeline.md"]


def test_a_long_timeline_has_an_index_of_years_and_a_page_per_year(site: dict[str, str]) -> None:
    years = sorted(uri for uri in site if uri.startswith("timeline/"))
    assert years == ["timeline/2011.md", "timeline/2013.md", "timeline/2016.md", "timeline/2018.md",
                     "timeline/2020.md"]
    index = site["timeline.md"]
    assert "5 events, a page for each year" in index and "[2016](timeline/2016.md) (1)" in index
    assert 'class="cv-timeline"' not in index  # the index lists years, and the newest events as a list
    # Its year links, and each year's, are where timeline.js keeps the filters of the page's address;
    # the index says so when it is opened with filters.
    assert '<div class="cv-timeline__years" markdown>\n[2011](timeline/2011.md) (1)' in index
    assert index.count('class="cv-timeline__filtered"') == 1
    latest = index.split("## Latest events", 1)[1]
    newest_first = [latest.index(f"](events/{id}.md)") for id in ("lasso-launch", "instagram-stories", "snapchat-stories")]
    assert newest_first == sorted(newest_first)
    year = site["timeline/2016.md"]
    assert "# Timeline: 2016" in year and "[2018](2018.md)" in year
    assert '<div class="cv-timeline__years" markdown>' in year and "cv-timeline__filtered" not in year
    assert 'data-year="2016"' in year and 'data-year="2018"' not in year
    assert "](../events/instagram-stories.md)" in year and 'data-facet="company"' in year


# Companies, chapters and tags are split past the same limit; the fixture's events by company:
# Snap 2011, 2013; Meta 2016, 2018, 2020 (Instagram Stories copies Snapchat Stories, Lasso copies
# Snapchat); chapter "stories" 2011, 2013, 2016; tags "stories" twice, "ephemeral" once.

LINK = re.compile(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)")


def rendered(project: Path, page_limit: int) -> list[Artifact]:
    result = load_project(project / "entries")
    assert result.project is not None
    return rendered_site(result.project, site_url="https://example.org/", page_limit=page_limit, languages=[ENGLISH])


def pages(site: list[Artifact]) -> dict[str, str]:
    """Generated pages (chapters included, whole) by path; not the feeds and downloads."""
    return {a.path: a.content for a in site if a.kind != "file"}


def appendix(site: list[Artifact], path: str) -> str:
    """The events of a chapter: appended to a hand-written chapter page (the fixture's "stories")."""
    found = [a.appendix for a in site if a.path == path and a.kind == "chapter"]
    assert len(found) == 1 and found[0] is not None, path
    return found[0]


def section(page: str, heading: str) -> str:
    """The text under a `## heading`, up to the next one."""
    return page.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def event_links(text: str) -> list[str]:
    return re.findall(r"\]\((?:\.\./)+events/([a-z0-9-]+)\.md\)", text)


def items(text: str) -> list[str]:
    """The events listed as items (date, kind, company, then the link), not those named in passing."""
    return re.findall(r"^- \*\*.*\n  \[[^\n]*?\]\((?:\.\./)+events/([a-z0-9-]+)\.md\)", text, re.MULTILINE)


def test_small_companies_chapters_and_tags_stay_one_page(project: Path) -> None:
    site = pages(rendered(project, page_limit=500))
    assert not [uri for uri in site if uri.count("/") > 1 or uri.startswith("tag/")]
    assert "## All events" in site["companies/meta.md"]
    assert "<!-- material/tags -->" in site["tags.md"]


def test_a_long_company_page_keeps_its_figures_and_links_to_a_page_per_year(project: Path) -> None:
    site = pages(rendered(project, page_limit=1))
    meta = site["companies/meta.md"]
    assert "**2 copies**" in meta and "## All events" not in meta and "## Who copied it" not in meta
    assert "3 events, a page for each year" in meta
    assert "[2016](meta/2016.md) (1) · [2018](meta/2018.md) (1) · [2020](meta/2020.md) (1)" in meta
    assert items(meta) == ["lasso-shutdown", "lasso-launch", "instagram-stories"]  # the latest, newest first
    year = site["companies/meta/2016.md"]
    assert "# Meta \\(Facebook\\): 2016" in year and "[2018](2018.md)" in year and "](../meta.md)" in year
    assert event_links(section(year, "What it copied")) == ["instagram-stories", "snapchat-stories"]
    assert items(section(year, "Events in 2016")) == ["instagram-stories"]
    # Copies by others are listed on the page of the original's year.
    assert event_links(section(site["companies/snap/2011.md"], "Who copied it")) == [
        "lasso-launch", "snapchat-launch"]
    assert event_links(section(site["companies/snap/2013.md"], "Who copied it")) == [
        "instagram-stories", "snapchat-stories"]


@pytest.mark.parametrize(("folder", "years"), [
    ("timeline/", [2011, 2013, 2016, 2018, 2020]),
    ("companies/meta/", [2016, 2018, 2020]),
    ("themes/stories/", [2011, 2013, 2016]),
])
def test_a_year_page_marks_its_own_year_and_ends_with_the_years_beside_it(
    project: Path, folder: str, years: list[int]
) -> None:
    """A reader who reaches the end of a year reads on to the next without scrolling back up."""
    site = pages(rendered(project, page_limit=1))
    for at, year in enumerate(years):
        page = site[f"{folder}{year}.md"]
        assert f"**{year}**" in page and f"[{year}]({year}.md)" not in page
        steps = page.rstrip().rsplit("\n", 1)[1]
        if folder == "timeline/":
            assert page.rstrip().endswith("</div>")
            steps = page.rstrip().rsplit("\n", 2)[1]  # inside the block whose links keep the filters
        earlier = f"[← Earlier: {years[at - 1]}]({years[at - 1]}.md)" if at else ""
        later = f"[Later: {years[at + 1]} →]({years[at + 1]}.md)" if at < len(years) - 1 else ""
        assert steps == " · ".join(step for step in (earlier, later) if step), (folder, year)


def test_every_event_of_a_split_company_or_chapter_is_on_exactly_one_year_page(project: Path) -> None:
    site = pages(rendered(project, page_limit=1))
    for folder, expected in [
        ("companies/meta/", ["instagram-stories", "lasso-launch", "lasso-shutdown"]),
        ("companies/snap/", ["snapchat-launch", "snapchat-stories"]),
        ("themes/stories/", ["snapchat-launch", "snapchat-stories", "instagram-stories"]),
    ]:
        listed = [entry_id for uri, page in site.items() if uri.startswith(folder) for entry_id in items(page)]
        assert sorted(listed) == sorted(expected), folder


def test_a_long_chapter_lists_its_years_after_its_story(project: Path) -> None:
    artifacts = rendered(project, page_limit=2)
    site = pages(artifacts)
    events = appendix(artifacts, "themes/stories.md")  # appended to the hand-written essay
    assert "3 events, a page for each year" in events and "[2013](stories/2013.md) (1)" in events
    assert sorted(uri for uri in site if uri.startswith("themes/")) == [
        "themes/index.md", "themes/stories.md", "themes/stories/2011.md", "themes/stories/2013.md", "themes/stories/2016.md",
        "themes/video.md"]
    year = site["themes/stories/2013.md"]
    assert "# The Stories wars: 2013" in year and "](../stories.md)" in year
    assert items(year) == ["snapchat-stories"]
    assert "themes/video/2018.md" not in site and "## Events in this chapter" in site["themes/video.md"]
    assert events in site["themes/stories.md"]  # the generated chapter page, where none is hand-written


def test_a_long_tags_page_lists_tags_with_counts_and_each_tag_has_a_page(project: Path) -> None:
    site = pages(rendered(project, page_limit=2))  # the tags page would list 3 events
    tags = site["tags.md"]
    assert "<!-- material/tags" not in tags
    assert "| [ephemeral](tag/ephemeral.md) | 1 |" in tags and "| [stories](tag/stories.md) | 2 |" in tags
    assert sorted(uri for uri in site if uri.startswith("tag/")) == ["tag/ephemeral.md", "tag/stories.md"]
    page = site["tag/stories.md"]
    assert '<!-- material/tags { include: ["stories"] } -->' in page and "2 events tagged stories" in page


@pytest.mark.parametrize("page_limit", [1, 2, 500])
def test_links_resolve_and_no_two_pages_share_an_address(project: Path, page_limit: int) -> None:
    artifacts = rendered(project, page_limit)
    site = pages(artifacts)
    hand_written = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
    for uri, text in site.items():
        for link in LINK.findall(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), link))
            assert target in site or target in hand_written, f"{uri} links to {link}"
    # As MkDocs lays them out with directory URLs: tags.md is tags/index.html, hence tag/<tag>.md.
    addresses = [uri.removesuffix(".md").removesuffix("index").rstrip("/") for uri in site]
    assert len(addresses) == len(set(addresses))
    assert not set(addresses) & {a.path for a in artifacts if a.kind == "file"}  # feeds are companies/<key>/feed.xml, beside the year pages


# The graveyard is split by the year each copy ended. The fixture has one dead copy (Lasso, shut
# down 10 July 2020); tests/fixtures/graveyard adds Slingshot (shut down December 2015), Messenger
# Day (merged March 2020) and Flash (shut down on a date not recorded).

GRAVEYARD = Path(__file__).resolve().parent.parent / "fixtures" / "graveyard"


def with_graveyard(project: Path, page_limit: int) -> dict[str, str]:
    """Every page of both languages, with the three more dead copies."""
    shutil.copytree(GRAVEYARD, project / "entries", dirs_exist_ok=True)
    result = load_project(project / "entries")
    assert result.project is not None, result.problems
    return pages(rendered_site(result.project, page_limit=page_limit))


def dead(text: str) -> list[str]:
    """The copies a graveyard page lists, in order."""
    return re.findall(r"^- \*\*\[[^\]]+\]\((?:\.\./)*events/([a-z0-9-]+)\.md\)\*\*", text, re.MULTILINE)


@pytest.mark.parametrize("page_limit", [4, 500])
def test_a_graveyard_within_the_limit_is_one_page_as_before(project: Path, page_limit: int) -> None:
    site = with_graveyard(project, page_limit)  # 4 dead copies: not more than the limit
    assert [uri for uri in site if "graveyard" in uri] == ["graveyard.md", "zh/graveyard.md"]
    page = site["graveyard.md"]
    assert 'description: "Copies that were shut down or merged, newest end first."' in page
    assert dead(section(page, "Shut down")) == ["lasso-launch", "slingshot-launch", "flash-launch"]
    assert dead(section(page, "Merged")) == ["messenger-day"]
    assert "a page for each year" not in page.lower() and "graveyard/" not in page


def test_a_long_graveyard_links_to_a_page_per_year_of_closure_newest_first(project: Path) -> None:
    site = with_graveyard(project, page_limit=3)
    assert sorted(uri for uri in site if uri.startswith("graveyard")) == [
        "graveyard.md", "graveyard/2015.md", "graveyard/2020.md"]
    index = site["graveyard.md"]
    assert 'title: "Graveyard"' in index
    assert 'description: "Copies that were shut down or merged, by the year they ended: choose a year."' in index
    # The introduction and its counts stay; the years follow, newest first, with their counts.
    assert "Copies that did not last: 3 shut down and 1 merged into another product" in index
    assert "[2020](graveyard/2020.md) (2) · [2015](graveyard/2015.md) (1)" in index
    # Only the copy whose end has no date is still listed here: it has no year to go to.
    assert dead(index) == ["flash-launch"] and "## Merged" not in index
    assert "launched February 2016; shut down on a date not recorded." in index
    year = site["graveyard/2020.md"]
    assert 'title: "Graveyard: 2020"' in year and "# Graveyard: 2020\n" in year
    assert 'description: "Copies that were shut down or merged in 2020, newest end first."' in year
    assert "2 copies shut down or merged in 2020" in year and "[the graveyard](../graveyard.md)" in year
    assert "**2020** · [2015](2015.md)\n" in year  # every year, without counts, its own not a link
    # Its foot steps to the years beside it, the earlier first though the list runs newest first.
    assert year.rstrip().endswith("\n[← Earlier: 2015](2015.md)")
    assert site["graveyard/2015.md"].rstrip().endswith("\n[Later: 2020 →](2020.md)")
    assert dead(section(year, "Shut down")) == ["lasso-launch"] and dead(section(year, "Merged")) == ["messenger-day"]
    assert "](../events/lasso-shutdown.md)" in year and "](../companies/meta.md)" in year
    assert "[how the numbers are measured](../stats.md#how-the-numbers-are-measured)" not in year
    earlier = site["graveyard/2015.md"]
    assert dead(earlier) == ["slingshot-launch"] and "## Merged" not in earlier
    assert "1 copy shut down or merged in 2015" in earlier
    assert "lived **about 1 year, 6 months**, from June 2014 to December 2015." in earlier
    # Every dead copy is on exactly one page.
    listed = [copy for uri, page in site.items() if uri.startswith("graveyard") for copy in dead(page)]
    assert sorted(listed) == ["flash-launch", "lasso-launch", "messenger-day", "slingshot-launch"]


def test_the_chinese_graveyard_is_split_the_same_way_in_its_own_words(project: Path) -> None:
    site = with_graveyard(project, page_limit=3)
    assert sorted(uri for uri in site if uri.startswith("zh/graveyard")) == [
        "zh/graveyard.md", "zh/graveyard/2015.md", "zh/graveyard/2020.md"]
    index = site["zh/graveyard.md"]
    assert 'description: "已关停或并入其他产品的模仿产品，按结束年份排列：请选择年份。"' in index
    assert "没能活下来的模仿产品：3个已关停，1个并入其他产品" in index
    assert "有模仿产品结束的每一年各有一页，由近及远排列：\n\n[2020](graveyard/2020.md) (2) · [2015](graveyard/2015.md) (1)" in index
    assert "本页列出的是结束日期未见记录的模仿产品。" in index and dead(index) == ["flash-launch"]
    year = site["zh/graveyard/2020.md"]
    assert 'title: "墓地：2020"' in year and "# 墓地：2020\n" in year
    assert 'description: "2020年关停或并入其他产品的模仿产品，按结束时间由近及远排列。"' in year
    assert "2020年共有2个模仿产品关停或并入其他产品" in year and "见[墓地](../graveyard.md)。所有年份：" in year
    assert "## 已关停" in year and "## 已并入" in year
    assert dead(year) == ["lasso-launch", "messenger-day"]
    assert year.rstrip().endswith("\n[← 较早：2015年](2015.md)")
    assert site["zh/graveyard/2015.md"].rstrip().endswith("\n[较晚：2020年 →](2020.md)")
    for page in (index, year, site["zh/graveyard/2015.md"]):  # no English left in the page's own words
        prose = re.sub(r"\[[^\]]*\]\([^)]*\)|^---\n.*?\n---\n", "", page, flags=re.DOTALL | re.MULTILINE)
        assert not re.search(r"\b(?:copies|copy|shut|merged|graveyard|years?)\b", prose, re.IGNORECASE), prose


def test_the_links_of_a_split_graveyard_resolve(project: Path) -> None:
    site = with_graveyard(project, page_limit=3)
    hand_written = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
    for uri, text in site.items():
        if "graveyard" in uri:
            for link in LINK.findall(text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), link))
                assert target in site or target in hand_written, f"{uri} links to {link}"
