"""The copy map read in Chromium: its links lead to event pages, keyboards reach them, and on a
390 px phone no text in it is smaller than 11 px."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from .conftest import Tab, open_tab

pytestmark = pytest.mark.browser

PAGES = ["", "events/snapchat-stories/", "events/instagram-stories/", "themes/stories-wars/", "zh/",
         "zh/events/instagram-stories/"]

# Every text in the visible drawing, table and legend, with the size it is drawn at on screen:
# an SVG's text is scaled with its drawing, so its font size counts times the drawing's scale.
TEXT_SIZES = """() => {
  const sizes = [];
  for (const figure of document.querySelectorAll('.cv-copymap, .cv-copymap__table')) {
    const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || element.closest('title') || !element.getClientRects().length) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      const svg = element.closest('svg');
      if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      sizes.push([node.textContent.trim().slice(0, 40), size]);
    }
  }
  return sizes;
}"""


def test_every_link_of_the_home_map_leads_to_an_event_page(tab: Tab, real_site: Path) -> None:
    tab.page.goto("")
    hrefs = tab.page.locator(".cv-copymap a, .cv-copymap__table a").evaluate_all(
        "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)")  # an SVG link's href is no string
    assert len(hrefs) > 40
    for href in hrefs:
        path = urlsplit(href).path.lstrip("/")
        assert path.startswith("events/") and (real_site / path / "index.html").is_file(), href


@pytest.mark.parametrize("path", PAGES)
def test_at_390_px_the_narrow_map_shows_and_no_text_in_it_is_under_11_px(browser: Browser, site_url: str,
                                                                          path: str) -> None:
    with open_tab(browser, site_url) as tab:
        page = tab.page
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(path)
        assert page.locator(".cv-copymap__scroll--narrow").is_visible()
        assert not page.locator(".cv-copymap__scroll--wide").is_visible()
        page.locator(".cv-copymap__table summary").click()  # the table too, once opened
        sizes = page.evaluate(TEXT_SIZES)
        assert any(text.isdigit() for text, _ in sizes)  # the years of the axis were measured
        small = [(text, round(size, 1)) for text, size in sizes if size < 11]
        assert not small, small
        box = page.locator(".cv-copymap__scroll--narrow svg").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # no sideways scrolling
        assert not tab.problems()


def test_the_chinese_home_map_speaks_chinese(tab: Tab) -> None:
    """Legend, title, marks' descriptions, lags and the table: nothing left in English but names and CN→US."""
    page = tab.page
    page.goto("zh/")
    legend = page.locator(".cv-copymap__legend li").all_inner_texts()
    assert {"原创", "仍在运营", "已关停"} <= set(legend), legend
    assert {"US→CN", "CN→US"} <= set(legend)
    assert not [text for text in legend if re.search("[a-z]{2,}", text)], legend
    caption = page.locator(".cv-copymap__caption").first.inner_text()
    assert caption.startswith("每款被模仿的原创产品") and "标有“~”的时间差" in caption
    title = page.locator(".cv-copymap__scroll--wide svg > title").text_content() or ""
    assert re.fullmatch(r"谁模仿了谁：\d+个原创产品，\d+个模仿产品", title), title
    labels = page.locator(".cv-copymap__scroll--wide .cv-copymap__label").all_text_contents()
    assert any(re.search(r"\d个月$|\d\.\d年$", label) for label in labels) and not any(
        label.endswith((" mo", " yr")) for label in labels)
    tips = page.locator(".cv-copymap__scroll--wide a > title").all_text_contents()
    assert tips and all("：模仿" in tip or "：原创（" in tip for tip in tips), tips[:3]
    page.locator(".cv-copymap__table summary").click()
    assert page.locator(".cv-copymap__table th").all_inner_texts() == [
        "原创", "模仿", "模仿者", "上线时间", "晚了多久", "方向", "结局"]
    assert not tab.problems()


def test_keyboard_users_reach_every_mark(tab: Tab) -> None:
    page = tab.page
    page.goto("events/snapchat-stories/")
    links = page.locator(".cv-copymap__scroll--wide a")
    count = links.count()
    assert count >= 2
    expected = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    links.first.focus()
    reached = []
    for _ in range(count):  # Tab goes from mark to mark, in the drawing's order
        reached.append(page.evaluate("() => document.activeElement.getAttribute('href')"))
        page.keyboard.press("Tab")
    assert reached == expected


@pytest.mark.parametrize("width", [768, 960, 1280, 1600])
def test_from_768_px_the_wide_map_fits_its_column(browser: Browser, site_url: str, width: int) -> None:
    with open_tab(browser, site_url) as tab:
        tab.page.set_viewport_size({"width": width, "height": 900})
        tab.page.goto("")
        scroll = tab.page.locator(".cv-copymap__scroll--wide")
        assert scroll.is_visible()
        assert scroll.evaluate("box => box.scrollWidth <= box.clientWidth"), "the drawing scrolls sideways"
