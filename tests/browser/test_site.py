"""The real site read as a reader reads it: headless Chromium against the built site on 127.0.0.1.

The timeline's filters are tried on the real site built with its timeline on one page
(`timeline_tab`): past the page limit the real site's timeline is an index with a page per year,
and each year's page carries the same filters over fewer events."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.model.entries import Project
from generator.model.relations import Relations
from generator.site import urls
from generator.site.paging import PAGE_LIMIT, timeline_pages

from .conftest import Tab, assert_no_serious_violations, open_tab, screenshot

pytestmark = pytest.mark.browser

# Page path in the real site -> the name its screenshots get.
PAGES = {
    "": "home",
    "timeline/": "timeline",
    "events/lasso-launch/": "event",
    "stats/": "stats",
    "graveyard/": "graveyard",
    "companies/meta/": "company",
    "themes/stories-wars/": "chapter",
}
# The same, in the site whose timeline is one page (`timeline_tab`).
WHOLE_TIMELINE_PAGES = {
    "timeline/?company=meta&kind=copy": "timeline-filtered",
    "zh/timeline/?company=meta&kind=copy": "zh-timeline-filtered",
}
# Each page with the fixture of its site's tab: `tab` (the real site) or `timeline_tab`.
SITE_PAGES = [("tab", path, name) for path, name in PAGES.items()] + [
    ("timeline_tab", path, name) for path, name in WHOLE_TIMELINE_PAGES.items()
]


# checkVisibility() is false under display: none (a filtered-out item or year) and, unlike
# Playwright's :visible, true for parts of the page that are off-screen.
def _visible_items(page: Page) -> list[dict[str, str]]:
    return page.locator(".cv-timeline li[data-kind]").evaluate_all(
        "items => items.filter(li => li.checkVisibility()).map(li => ({...li.dataset}))"
    )


def _visible_years(page: Page) -> set[str]:
    return set(page.locator(".cv-year").evaluate_all(
        "years => years.filter(y => y.checkVisibility()).map(y => y.querySelector('h2').id)"
    ))


def test_the_real_timelines_busiest_page_filters_its_own_events(tab: Tab, project: Project) -> None:
    """The timeline as readers get it: one page, or past the page limit a page per year, each with
    the filters over its own events."""
    pages = [page for page in timeline_pages(Relations(project).by_year, PAGE_LIMIT) if page.years]
    busiest = max(pages, key=lambda page: sum(len(entries) for _, entries in page.years))
    entries = [entry for _, year in busiest.years for entry in year]
    tab.page.goto(urls.page_address(busiest.uri) + "?kind=copy")
    expected = [entry for entry in entries if entry.kind == "copy"]
    assert len(_visible_items(tab.page)) == len(expected) > 0
    expect(tab.page.locator(".cv-count")).to_have_text(f"{len(expected)} of {len(entries)} events")


def _year_link_queries(page: Page) -> dict[str, dict[str, list[str]]]:
    """Each year link of a split timeline: its year and the query it carries."""
    links = page.locator(".cv-timeline__years a").evaluate_all("links => links.map(a => [a.textContent, a.href])")
    return {year: parse_qs(urlsplit(href).query) for year, href in links}


def test_the_split_timelines_year_links_keep_a_shared_filtered_view(tab: Tab, project: Project) -> None:
    """A filtered address (shared, or a chapter's link to its copies) that lands on the index of a
    split timeline: the index says its year links keep the filters, and each year opens filtered."""
    by_year = Relations(project).by_year
    assert len(timeline_pages(by_year, PAGE_LIMIT)) > 1, "the real site's timeline is past the page limit"
    page = tab.page
    page.goto("timeline/")
    expect(page.locator(".cv-timeline__filtered")).to_be_hidden()
    assert all(query == {} for query in _year_link_queries(page).values())

    page.goto("timeline/?company=meta&kind=copy")
    expect(page.locator(".cv-timeline__filtered")).to_be_visible()
    queries = _year_link_queries(page)
    assert list(queries) == [str(year) for year in by_year]
    assert all(query == {"company": ["meta"], "kind": ["copy"]} for query in queries.values())

    def meta_copies(year: int) -> int:
        return sum(1 for entry in by_year[year] if entry.company == "meta" and entry.kind == "copy")

    busiest = max(by_year, key=meta_copies)
    page.locator(".cv-timeline__years a", has_text=str(busiest)).click()
    expect(page.locator(".cv-count")).to_have_text(f"{meta_copies(busiest)} of {len(by_year[busiest])} events")
    assert {(item["company"], item["kind"]) for item in _visible_items(page)} == {("meta", "copy")}
    # A filter changed on a year's page goes with its links to the other years.
    page.get_by_label("Kind", exact=True).select_option("")
    assert all(query == {"company": ["meta"]} for query in _year_link_queries(page).values())


def test_a_year_without_the_filtered_value_keeps_the_filter(tab: Tab, project: Project) -> None:
    """Meta is in few of the early years: a year without it shows none of its events and keeps the
    filter, so the reader's next year is filtered still."""
    without_meta = next(page for page in timeline_pages(Relations(project).by_year, PAGE_LIMIT)
                        if page.years and all(entry.company != "meta" for entry in page.years[0][1]))
    page = tab.page
    page.goto(urls.page_address(without_meta.uri) + "?company=meta")
    expect(page.locator(".cv-count")).to_have_text(f"0 of {len(without_meta.years[0][1])} events")
    expect(page.get_by_label("Company", exact=True)).to_have_value("meta")
    assert parse_qs(urlsplit(page.url).query) == {"company": ["meta"]}
    assert all(query == {"company": ["meta"]} for query in _year_link_queries(page).values())


def test_a_filtered_timeline_url_shows_only_matching_events(timeline_tab: Tab, project: Project) -> None:
    page = timeline_tab.page
    page.goto("timeline/?company=meta&kind=copy")
    expected = [e for e in project.entries if e.company == "meta" and e.kind == "copy"]
    visible = _visible_items(page)
    assert len(visible) == len(expected) > 0
    assert all(item["company"] == "meta" and item["kind"] == "copy" for item in visible)
    expect(page.locator(".cv-count")).to_have_text(f"{len(expected)} of {len(project.entries)} events")
    expect(page.get_by_label("Company", exact=True)).to_have_value("meta")
    # A year with no matching event loses its heading, in the page and in the table of contents.
    years = {str(e.date.year) for e in expected}
    assert _visible_years(page) == years
    toc_years = page.locator(".md-nav--secondary .md-nav__link:visible").all_inner_texts()
    assert {y.strip() for y in toc_years} == years


def test_changing_a_filter_updates_the_items_the_counts_and_the_url(timeline_tab: Tab, project: Project) -> None:
    page = timeline_tab.page
    page.goto("timeline/?company=meta&kind=copy")
    page.get_by_label("Kind", exact=True).select_option("shutdown")
    assert parse_qs(urlsplit(page.url).query) == {"company": ["meta"], "kind": ["shutdown"]}
    expected = [e for e in project.entries if e.company == "meta" and e.kind == "shutdown"]
    assert len(_visible_items(page)) == len(expected)
    # Every option's count says how many events choosing it would show.
    label = page.locator("#cv-filter-kind option[value=copy]").inner_text()
    meta_copies = sum(1 for e in project.entries if e.company == "meta" and e.kind == "copy")
    assert label == f"Copy ({meta_copies})"

    page.get_by_label("Company", exact=True).select_option("")
    assert parse_qs(urlsplit(page.url).query) == {"kind": ["shutdown"]}
    page.get_by_role("button", name="Show all").click()
    assert urlsplit(page.url).query == ""
    assert len(_visible_items(page)) == len(project.entries)


def test_a_shared_filtered_view_reloads_as_it_was(timeline_tab: Tab, project: Project) -> None:
    page = timeline_tab.page
    page.goto("timeline/")
    page.get_by_label("Direction of copying", exact=True).select_option("cn-us")
    page.get_by_label("Outcome of copies", exact=True).select_option("shut-down")
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"direction": ["cn-us"], "outcome": ["shut-down"]}
    rel = Relations(project)
    expected = {
        e.id for e in project.entries
        if "CN→US" in rel.directions(e) and e.outcome is not None and e.outcome.status == "shut-down"
    }
    page.goto(shared)
    expect(page.get_by_label("Direction of copying", exact=True)).to_have_value("cn-us")
    links = page.locator(".cv-timeline li[data-kind]").evaluate_all(
        "items => items.filter(li => li.checkVisibility()).map(li => li.querySelector(':scope > strong > a').href)"
    )
    assert {urlsplit(href).path.strip("/").removeprefix("events/") for href in links} == expected


def test_filters_work_from_the_keyboard(timeline_tab: Tab, project: Project) -> None:
    page = timeline_tab.page
    page.goto("timeline/")
    page.get_by_label("Chapter", exact=True).focus()
    page.keyboard.press("ArrowDown")  # the first chapter, as a keyboard user picks it
    first_theme = next(iter(project.themes))
    assert parse_qs(urlsplit(page.url).query) == {"theme": [first_theme]}
    assert all(first_theme in item["themes"].split() for item in _visible_items(page))
    outline = page.get_by_label("Chapter", exact=True).evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the focused filter shows a focus ring"


def test_the_timeline_without_javascript_lists_every_event(
    browser: Browser, whole_timeline_url: str, project: Project
) -> None:
    with open_tab(browser, whole_timeline_url, javascript=False) as tab:
        tab.page.goto("timeline/?company=meta")
        assert len(_visible_items(tab.page)) == len(project.entries)
        assert tab.page.locator(".cv-filters").count() == 0
        assert not tab.problems()


def test_reduced_motion_turns_the_timeline_animation_off(timeline_tab: Tab) -> None:
    def duration() -> str:
        return timeline_tab.page.locator(".cv-timeline li").first.evaluate(
            "li => getComputedStyle(li, '::before').transitionDuration"
        )

    timeline_tab.page.goto("timeline/")
    assert duration() != "0s"
    timeline_tab.page.emulate_media(reduced_motion="reduce")
    assert duration() == "0s"


@pytest.mark.parametrize(("site_tab", "path", "name"), SITE_PAGES)
def test_pages_log_no_errors_and_load_nothing_from_other_hosts(
    request: pytest.FixtureRequest, site_tab: str, path: str, name: str
) -> None:
    tab: Tab = request.getfixturevalue(site_tab)
    tab.page.goto(path)
    tab.page.wait_for_load_state("networkidle")
    assert not tab.problems()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("site_tab", "path", "name"), SITE_PAGES)
def test_no_serious_accessibility_violations_and_a_screenshot(
    request: pytest.FixtureRequest, site_tab: str, path: str, name: str, scheme: str, axe_script: Path
) -> None:
    page = request.getfixturevalue(site_tab).page
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    page.wait_for_load_state("networkidle")
    screenshot(page, f"{name}-{scheme}")  # also renders every part of the page for axe
    assert_no_serious_violations(page, axe_script)
