"""The site on a 390 px phone, in headless Chromium: legible charts, nothing wider than the
screen, a timeline that does not move as it loads, and nothing over the text after a jump."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
"""


@contextmanager
def _phone_on(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=3, base_url=base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    with _phone_on(browser, site_url) as page:
        yield page


@pytest.fixture
def timeline_phone(browser: Browser, whole_timeline_url: str) -> Iterator[Page]:
    """A phone on the site built with its timeline on one page, years and all (conftest)."""
    with _phone_on(browser, whole_timeline_url) as page:
        yield page


@pytest.mark.parametrize("path", ["stats/", "zh/stats/"])  # Chinese labels are about twice as wide
def test_stats_on_a_phone_has_no_chart_text_under_11_px_and_no_sideways_scroll(phone: Page, path: str) -> None:
    phone.goto(path)
    phone.wait_for_load_state("networkidle")
    sizes = phone.evaluate("""() => Array.from(document.querySelectorAll("svg text"))
        .filter(text => text.checkVisibility())
        .map(text => [text.textContent, text.getScreenCTM().a * parseFloat(getComputedStyle(text).fontSize)])""")
    assert len(sizes) > 20, "the charts draw their labels"
    small = [(text, round(size, 1)) for text, size in sizes if size < 11]
    assert not small, small
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def _fits_the_screen(phone: Page, path: str) -> None:
    phone.goto(path)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", ["", "timeline/", "events/lasso-launch/", "graveyard/", "companies/meta/"])
def test_no_page_scrolls_sideways_on_a_phone(phone: Page, path: str) -> None:
    _fits_the_screen(phone, path)


def test_the_whole_timeline_does_not_scroll_sideways_on_a_phone(timeline_phone: Page) -> None:
    _fits_the_screen(timeline_phone, "timeline/")


def test_a_wide_table_shows_that_it_scrolls(phone: Page) -> None:
    phone.goto("stats/")
    phone.wait_for_load_state("networkidle")
    phone.evaluate("document.querySelectorAll('details.cv-chart__table').forEach(d => { d.open = true; })")
    wide = phone.evaluate("""() => Array.from(document.querySelectorAll(".md-typeset__scrollwrap"))
        .filter(wrap => wrap.scrollWidth > wrap.clientWidth)
        .map(wrap => getComputedStyle(wrap).backgroundImage)""")
    assert wide, "a table on the stats page is wider than a phone"
    assert all(image.count("linear-gradient") == 4 for image in wide)


def test_the_back_to_top_button_covers_nothing_after_a_jump(timeline_phone: Page) -> None:
    timeline_phone.goto("timeline/")
    year = timeline_phone.locator(".cv-year h2[id]").nth(3).get_attribute("id")
    timeline_phone.goto(f"timeline/#{year}")
    button = timeline_phone.locator(".md-top")
    expect(button).to_be_visible()  # Material shows it once the page is scrolled down
    timeline_phone.wait_for_timeout(300)  # its entrance transition
    top = button.bounding_box()
    heading = timeline_phone.locator(f"h2[id='{year}']").bounding_box()
    assert top and heading
    assert heading["y"] >= top["y"] + top["height"], (heading, top)


def test_the_timeline_does_not_move_while_it_loads(timeline_phone: Page) -> None:
    """The filter form appears in room kept for it (it used to push the timeline down: 0.34)."""
    timeline_phone.add_init_script(RECORD_SHIFTS)
    timeline_phone.goto("timeline/")
    timeline_phone.wait_for_load_state("networkidle")
    timeline_phone.locator(".cv-filters").wait_for()
    assert sum(timeline_phone.evaluate("window.__shifts")) < 0.02
