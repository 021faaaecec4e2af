"""Hostile entries in a real browser: no script of theirs runs, no element carries an event handler.

A copy of the fixture project gets every accepted file of tests/hostile plus a hostile company and
chapter (their names appear on many pages: timeline, tables, chapter lists, search). Every page of
the built site is opened in headless Chromium; the payloads try to open a dialog or to set
`window.__pwned`. Material's search and the timeline's filters, which put text into the page from
the search index and the address bar, get hostile queries too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import FIXTURE, write
from test_hostile import ACCEPTED

from .conftest import Tab, build_site, open_tab, serve, type_search

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1;alert(1)</script>"
HOSTILE_CATALOG_ENTRY = (
    'title: "A hostile company and chapter"\ndate: "2016"\nkind: milestone\ncompany: pwn\n'
    "themes: [pwn-chapter]\ntags: [pwn]\nsummary: Plain.[1]\n"
    "sources:\n  - publisher: Example\n    title: A source\n    url: https://example.org/hostile-catalog\n"
)
# Every element's attributes, and which of them are event handlers or unsafe addresses.
FIND_LIVE_MARKUP = """() => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value.replace(/\\s+/g, '').toLowerCase();
            if (name.startsWith('on')) found.push(`<${element.localName} ${name}>`);
            if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)
                && /^(javascript|data|vbscript):/.test(value)) found.push(`<${element.localName} ${name}=${value}>`);
        }
    }
    return found;
}"""


def _add_hostile_catalogs(project: Path) -> None:
    companies = project / "entries/companies.yaml"
    companies.write_text(companies.read_text(encoding="utf-8") + (
        "pwn:\n"
        f"  name: '{PAYLOAD}'\n"
        "  aliases: ['\"><svg onload=window.__pwned=1>', '{{ 7*7 }}']\n"
        "  name_zh: '</title><script>window.__pwned=1</script>'\n"
        "  country: US\n"
        "  description: '\" onmouseover=\"window.__pwned=1'\n"
    ), encoding="utf-8")
    themes = project / "entries/themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8") + (
        "pwn-chapter:\n"
        f"  title: '{PAYLOAD}'\n"
        "  summary: '[x](javascript:window.__pwned=1) <svg onload=window.__pwned=1>'\n"
        '  order: "99"\n'
    ), encoding="utf-8")
    write(project / "entries/2016/hostile-catalog.yaml", HOSTILE_CATALOG_ENTRY)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The built and served hostile project: its base URL and the path of every page in it."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURE, project)
    for case in ACCEPTED:
        target = project / case.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(case.content)
    _add_hostile_catalogs(project)
    site = build_site(project, project.parent / "site")
    pages = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    with serve(site) as url:
        yield url, [page.removeprefix("./") for page in pages]


@pytest.fixture
def watched(browser: Browser, hostile_site: tuple[str, list[str]]) -> Iterator[tuple[Tab, list[str]]]:
    """A tab on the hostile site, and the dialogs any page of it tried to open (dismissed)."""
    dialogs: list[str] = []
    with open_tab(browser, hostile_site[0]) as tab:
        tab.page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
        yield tab, dialogs


def _assert_inert(page: Page, tab: Tab, dialogs: list[str], where: str) -> None:
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)  # let an onerror or a timer fire if one got in
    assert dialogs == [], where
    assert page.evaluate("() => window.__pwned") is None, where
    assert page.evaluate(FIND_LIVE_MARKUP) == [], where
    # Hostile markup would show as an uncaught error in the theme's scripts or a request elsewhere
    # (missing files, which the fixture site has, are tests/browser/test_site.py's business).
    assert [e for e in tab.errors if e.startswith("uncaught")] == [], where
    assert tab.foreign_requests == [], where


def test_the_hostile_site_has_the_hostile_pages(hostile_site: tuple[str, list[str]]) -> None:
    _, pages = hostile_site
    for case in ACCEPTED:
        assert f"events/{case.entry_id}/" in pages
    assert {"events/hostile-catalog/", "companies/pwn/", "themes/pwn-chapter/", "timeline/"} <= set(pages)


def test_no_page_runs_hostile_script_or_carries_an_event_handler(
    hostile_site: tuple[str, list[str]], watched: tuple[Tab, list[str]]
) -> None:
    _, pages = hostile_site
    tab, dialogs = watched
    for path in pages:
        tab.page.goto(path)
        _assert_inert(tab.page, tab, dialogs, path)
    # The hostile text is on the pages, as text.
    tab.page.goto("companies/pwn/")
    expect(tab.page.locator("h1")).to_contain_text(PAYLOAD)
    tab.page.goto(f"events/{ACCEPTED[0].entry_id}/")
    expect(tab.page.locator("article")).to_contain_text(ACCEPTED[0].literals[0])


@pytest.mark.parametrize("query", ["pwned", "script", "onerror", "7*7", PAYLOAD])
def test_search_results_show_hostile_text_inert(watched: tuple[Tab, list[str]], query: str) -> None:
    tab, dialogs = watched
    page = tab.page
    type_search(page, query)
    _assert_inert(page, tab, dialogs, f"search for {query!r}")


@pytest.mark.parametrize(
    "address",
    [
        f"timeline/?company={quote(PAYLOAD)}&kind={quote(PAYLOAD)}&theme={quote(PAYLOAD)}",
        f"timeline/?direction={quote(PAYLOAD)}&outcome=%22%3E%3Csvg%20onload%3Dwindow.__pwned%3D1%3E",
        f"?q={quote(PAYLOAD)}",
        f"timeline/#{quote(PAYLOAD)}",
    ],
    ids=["timeline-filters", "timeline-direction", "search-share-link", "fragment"],
)
def test_hostile_addresses_are_inert(watched: tuple[Tab, list[str]], address: str) -> None:
    tab, dialogs = watched
    tab.page.goto(address)
    _assert_inert(tab.page, tab, dialogs, address)
