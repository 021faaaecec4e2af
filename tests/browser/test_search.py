"""The search box (Pagefind) and the Content-Security-Policy, read in headless Chromium on the real site."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.model.entries import Project

from .conftest import Tab, open_tab, screenshot, type_search

pytestmark = pytest.mark.browser

# Records every Content-Security-Policy violation the page reports, from before its first script.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sample || ""));
});
"""


@pytest.fixture
def requests(tab: Tab) -> Iterator[list[str]]:
    """The paths of every request the tab makes."""
    seen: list[str] = []
    tab.page.on("request", lambda request: seen.append(urlsplit(request.url).path))
    yield seen


RESULTS_SHOWN_AT_ONCE = 10  # search.js: PAGE_SIZE


def _results(page: Page) -> list[str]:
    """The paths of the results shown, once all of the first page is there: they appear one by one,
    in order, as their excerpts arrive, so the first alone is not the list."""
    links = page.locator(".md-search-result__item a")
    expect(links.first).to_be_visible(timeout=15_000)
    count = re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())
    expect(links).to_have_count(min(int(count.group()) if count else 1, RESULTS_SHOWN_AT_ONCE), timeout=15_000)
    return [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize("path", ["", "timeline/", "events/lasso-launch/", "stats/"])
def test_a_page_view_fetches_no_search_index_and_no_sitemap(tab: Tab, requests: list[str], path: str) -> None:
    tab.page.goto(path)
    tab.page.wait_for_load_state("networkidle")
    assert requests, "the page made no request at all"
    assert not [p for p in requests if "/pagefind/" in p or p.endswith("search_index.json")]
    assert not [p for p in requests if p.endswith("sitemap.xml")]


def test_focusing_the_box_loads_the_search_and_a_query_shows_highlighted_results(
    tab: Tab, requests: list[str]
) -> None:
    tab.page.goto("./")
    tab.page.wait_for_load_state("networkidle")
    tab.page.locator(".md-search__input").focus()
    tab.page.wait_for_load_state("networkidle")
    assert [p for p in requests if p.endswith("/pagefind/pagefind.js")]
    type_search(tab.page, "Lasso")
    paths = _results(tab.page)
    assert "/events/lasso-launch/" in paths
    assert "/events/lasso-hobbi-shutdown/" in paths
    assert not [p for p in paths if p.startswith("/timeline/")], "each event is found on its own page"
    marks = tab.page.locator(".md-search-result__item mark").all_inner_texts()
    assert "lasso" in {mark.lower() for mark in marks}
    assert not [p for p in requests if p.endswith(".pf_filter")], "the filters' values wait until they are opened"


@pytest.mark.parametrize("query", ["控股", "腾讯控股", "腾讯"])
def test_a_chinese_name_is_found_also_from_inside_a_longer_name(tab: Tab, query: str) -> None:
    type_search(tab.page, query)
    assert "/companies/tencent/" in _results(tab.page)


def test_bytedance_chinese_name_finds_its_events(tab: Tab, project: Project) -> None:
    type_search(tab.page, "字节跳动")
    events = {p for p in _results(tab.page) if p.startswith("/events/")}
    bytedance = {f"/events/{entry.id}/" for entry in project.entries if entry.company == "bytedance"}
    assert events & bytedance, events


def _count(page: Page) -> int:
    text = page.locator(".md-search-result__meta").inner_text()
    return 0 if text.startswith("No ") else 1 if text.startswith("1 ") else int(text.split()[0])


def test_a_filter_narrows_the_results(tab: Tab, requests: list[str], project: Project) -> None:
    page = tab.page
    type_search(page, "copy")
    _results(page)
    before = _count(page)
    page.locator(".cv-search-filters__toggle").click()
    company = page.locator('select[data-filter="company"]')
    option = company.locator("option", has_text="ByteDance")
    expect(option).to_have_count(1)
    company.select_option(label=option.inner_text())
    expect(page.locator(".md-search-result__meta")).not_to_have_text(f"{before} matching documents")
    paths = set(_results(page))
    bytedance = {f"/events/{entry.id}/" for entry in project.entries if entry.company == "bytedance"}
    assert paths <= bytedance, paths - bytedance
    assert 0 < _count(page) < before
    assert [p for p in requests if p.endswith(".pf_filter")], "opening the filters fetched their values"


def test_the_keyboard_shortcut_opens_the_search_and_escape_closes_it(tab: Tab) -> None:
    page = tab.page
    page.goto("./")
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize("refused", ["**/pagefind/**", "**/pagefind/pagefind-entry.json*"],
                         ids=["the whole index", "the index's entry file"])
def test_a_search_that_could_not_load_the_index_tries_again(browser: Browser, site_url: str, refused: str) -> None:
    """The index can be missing for a moment (a preview writes it anew after each save) or the
    network can drop: the box says the search could not be loaded, and the next keystroke loads
    it afresh instead of failing for as long as the page is open: without its script the import
    fails; without its entry file Pagefind's own start fails, and the module keeps that failure,
    so the next search must import a new one."""
    with open_tab(browser, site_url) as tab:
        page = tab.page
        page.route(refused, lambda route: route.abort())
        page.goto("./")
        box = page.locator(".md-search__input")
        status = page.locator(".md-search-result__meta")
        box.click()
        box.fill("Lasso")
        expect(status).to_have_text("The search could not be loaded: type again to retry.", timeout=15_000)
        page.unroute(refused)
        box.press("End")
        box.press("Space")
        assert "/events/lasso-launch/" in _results(page)


@pytest.mark.parametrize("rebuilt", [False, True], ids=["the network drops", "a preview writes a new index"])
def test_a_part_of_the_index_that_never_arrived_is_not_read_as_no_match(
    browser: Browser, site_url: str, rebuilt: bool
) -> None:
    """Pagefind, once loaded, fetches a part of the index for each new word, and reports a part it
    could not fetch as no match at all. The box says the search failed instead, and the next
    keystroke loads the index afresh: when the network has dropped (nothing of the index can be
    fetched), and when a preview has written a new index whose parts have new names (the old
    parts are gone, the entry file has changed)."""
    with open_tab(browser, site_url) as tab:
        page = tab.page
        page.goto("./")
        box = page.locator(".md-search__input")
        status = page.locator(".md-search-result__meta")
        box.click()
        expect(status).to_have_text("Type to start searching", timeout=15_000)
        page.wait_for_load_state("networkidle")  # Pagefind is loaded; no part of the index yet
        refused = "**/pagefind/index/**" if rebuilt else "**/pagefind/**"
        page.context.route(refused, lambda route: route.abort())
        if rebuilt:
            page.context.route("**/pagefind/pagefind-entry.json*", lambda route: route.fulfill(
                status=200, content_type="application/json", body='{"version": "new", "languages": {}}'))
        box.fill("Lasso")
        expect(status).to_have_text("The search could not be loaded: type again to retry.", timeout=15_000)
        page.context.unroute_all()
        box.press("End")
        box.press("Space")
        assert "/events/lasso-launch/" in _results(page)


def test_a_link_with_a_query_opens_the_search_with_it(tab: Tab) -> None:
    tab.page.goto("./?q=Lasso")
    assert "/events/lasso-launch/" in _results(tab.page)


def _settle(page: Page, width: int) -> None:
    """Wait (up to 5 s) for the layout to be the screen's width again. On a phone, Material opens
    the search by scaling a small circle in the header (`.md-search__overlay`, ×45) into the panel's
    background; while it grows it reaches past the screen's right edge, and Material fixes the body
    in place (`data-md-scrolllock`) only 400 ms after the search opens, so for that moment the page
    is wider than the screen, as with Material's own search. A reader is left with the settled layout."""
    deadline = time.monotonic() + 5
    while page.evaluate("window.innerWidth") != width and time.monotonic() < deadline:
        page.wait_for_timeout(100)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_on_a_phone(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  base_url=site_url, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto("./")
        page.locator('label.md-header__button[for="__search"]').tap()
        box = page.locator(".md-search__input")
        expect(box).to_be_focused()
        box.fill("Lasso")
        first = page.locator(".md-search-result__item a").first
        expect(first).to_be_visible(timeout=15_000)
        _settle(page, 390)
        box_rect = first.bounding_box()
        assert box_rect and box_rect["x"] >= 0 and box_rect["x"] + box_rect["width"] <= 390
        page.locator(".cv-search-filters__toggle").tap()
        expect(page.locator('select[data-filter="company"] option')).not_to_have_count(1)
        _settle(page, 390)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the filled filters widen the page"
        first.tap()
        page.wait_for_url("**/events/**")
    finally:
        context.close()


def _violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


def _keeps_its_policy(browser: Browser, base_url: str, path: str) -> None:
    with open_tab(browser, base_url) as tab:
        tab.page.add_init_script(RECORD_VIOLATIONS)
        tab.page.goto(path)
        tab.page.wait_for_load_state("networkidle")
        policy = tab.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
        assert not _violations(tab.page)
        if path != "404.html":  # served here at the root, it asks for its assets under the published path
            assert not tab.problems()


@pytest.mark.parametrize("path", ["", "timeline/", "events/lasso-launch/", "stats/", "404.html"])
def test_no_page_reports_a_content_security_policy_violation(browser: Browser, site_url: str, path: str) -> None:
    _keeps_its_policy(browser, site_url, path)


def test_the_whole_timeline_reports_no_content_security_policy_violation(
    browser: Browser, whole_timeline_url: str
) -> None:
    """The timeline on one page, with its filters (conftest.whole_timeline_url)."""
    _keeps_its_policy(browser, whole_timeline_url, "timeline/")


def test_a_search_reports_no_content_security_policy_violation(browser: Browser, site_url: str) -> None:
    with open_tab(browser, site_url) as tab:
        tab.page.add_init_script(RECORD_VIOLATIONS)
        type_search(tab.page, "Lasso")
        _results(tab.page)
        tab.page.locator(".cv-search-filters__toggle").click()
        year = tab.page.locator('select[data-filter="year"]')
        expect(year.locator("option")).not_to_have_count(1)  # the values arrive after the click
        year.select_option(index=1)
        tab.page.wait_for_load_state("networkidle")
        assert not _violations(tab.page)
        assert not tab.problems()


def test_the_policy_blocks_an_injected_inline_script(browser: Browser, site_url: str) -> None:
    """The policy is in force: a script that is not one of the page's own is refused."""
    with open_tab(browser, site_url) as tab:
        tab.page.add_init_script(RECORD_VIOLATIONS)
        tab.page.goto("events/lasso-launch/")
        tab.page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.body.append(script);
        }""")
        assert tab.page.evaluate("window.__ran") is None
        assert [v for v in _violations(tab.page) if v.startswith("script-src")]



@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_with_results_has_no_serious_accessibility_violation(
    browser: Browser, site_url: str, scheme: str, axe_script: Path
) -> None:
    with open_tab(browser, site_url) as tab:
        page = tab.page
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        type_search(page, "Lasso")
        _results(page)
        page.locator(".cv-search-filters__toggle").click()
        expect(page.locator('select[data-filter="company"] option')).not_to_have_count(1)
        screenshot(page, f"search-{scheme}")
        page.evaluate(axe_script.read_text(encoding="utf-8"))
        results = page.evaluate("() => axe.run(document.querySelector('[data-cv-search]'))")
        serious = [f"{v['impact']}: {v['id']}: {v['help']} at " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, "\n".join(serious)
