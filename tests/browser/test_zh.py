"""The Chinese edition read in Chromium: the language switcher both ways, the Chinese timeline's
filters, and no errors, other hosts or serious accessibility violations on /zh/ pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from generator.model.entries import Project

from .conftest import Tab, assert_no_serious_violations, screenshot

pytestmark = pytest.mark.browser

# Page path in the Chinese site -> the name its screenshots get.
ZH_PAGES = {
    "zh/": "zh-home",
    "zh/timeline/": "zh-timeline",  # the filtered timeline: test_site.WHOLE_TIMELINE_PAGES
    "zh/events/lasso-launch/": "zh-event",
    "zh/stats/": "zh-stats",
    "zh/companies/bytedance/": "zh-company",
    "zh/themes/stories-wars/": "zh-chapter",
}


def test_the_switcher_goes_to_the_same_page_in_the_other_language_and_back(tab: Tab) -> None:
    page = tab.page
    page.goto("events/lasso-launch/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a.cv-language[hreflang=zh-Hans]").click()
    expect(page).to_have_url(tab.base_url + "zh/events/lasso-launch/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    expect(page.locator(".md-tabs")).to_contain_text("时间线")  # the Chinese navigation
    page.locator("a.cv-language[hreflang=en]").click()
    expect(page).to_have_url(tab.base_url + "events/lasso-launch/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_every_page_names_both_languages_in_its_head(tab: Tab) -> None:
    tab.page.goto("zh/companies/meta/")
    links = tab.page.locator("link[hreflang]").evaluate_all(
        "links => links.map(l => [l.hreflang, new URL(l.href).pathname])")
    paths = {lang: urlsplit(path).path for lang, path in links}
    assert paths["en"].endswith("/companies/meta/") and paths["zh-Hans"].endswith("/zh/companies/meta/")
    assert paths["x-default"] == paths["en"]


def test_the_chinese_timeline_filters_in_chinese(timeline_tab: Tab, project: Project) -> None:
    """On the site built with its timeline on one page (conftest.timeline_tab)."""
    page = timeline_tab.page
    page.goto("zh/timeline/?company=meta&kind=copy")
    expected = [e for e in project.entries if e.company == "meta" and e.kind == "copy"]
    visible = page.locator(".cv-timeline li[data-kind]").evaluate_all(
        "items => items.filter(li => li.checkVisibility()).map(li => ({...li.dataset}))")
    assert len(visible) == len(expected) > 0
    page.get_by_label("类型", exact=True).select_option("shutdown")
    assert parse_qs(urlsplit(page.url).query) == {"company": ["meta"], "kind": ["shutdown"]}
    copies = sum(1 for e in project.entries if e.company == "meta" and e.kind == "copy")
    assert page.locator("#cv-filter-kind option[value=copy]").inner_text() == f"模仿 ({copies})"
    page.get_by_role("button", name="显示全部").click()
    assert urlsplit(page.url).query == ""
    expect(page.locator(".cv-count")).to_have_text(f"共{len(project.entries)}个事件，显示{len(project.entries)}个")


@pytest.mark.parametrize("path", ZH_PAGES)
def test_chinese_pages_log_no_errors_and_load_nothing_from_other_hosts(tab: Tab, path: str) -> None:
    tab.page.goto(path)
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator("html").get_attribute("lang") == "zh-Hans"
    assert not tab.problems()


@pytest.mark.parametrize("path", ZH_PAGES)
def test_no_serious_accessibility_violations_on_chinese_pages(tab: Tab, path: str, axe_script: Path) -> None:
    page = tab.page
    page.goto(path)
    page.wait_for_load_state("networkidle")
    screenshot(page, ZH_PAGES[path])  # also renders every part of the page for axe
    assert_no_serious_violations(page, axe_script)


def test_a_chinese_search_on_the_chinese_pages_finds_an_event_by_its_chinese_title(tab: Tab) -> None:
    """Pagefind keeps an index per <html lang>: on /zh/ the box searches the Chinese pages."""
    page = tab.page
    page.goto("zh/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill("抖音")  # as a Chinese input method delivers text: one input
    box.press("End")
    links = page.locator(".md-search-result__item a")
    expect(links.first).to_be_visible(timeout=15_000)
    paths = [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]
    assert "/zh/events/douyin-launch/" in paths, paths
    assert all(path.startswith("/zh/") for path in paths), paths  # the Chinese index only
