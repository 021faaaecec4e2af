"""The browser harness: a project built into a temp site, served on 127.0.0.1, read in Chromium.

Reusable pieces for any browser test:
- `copy_site_sources(target)`: this repository's mkdocs.yml, docs/, overrides/ and entries/ in a
  folder of the test's own, to add or change entries before building;
- `build_site(project_dir, site_dir)`: a real `mkdocs build --strict`, failing with MkDocs' output;
- `serve(site_dir)`: a context manager serving the folder on 127.0.0.1 at a random port, giving
  its base URL (ending in "/");
- the `browser` fixture (one headless Debian Chromium for this package's tests) and `open_tab(browser, base)`,
  a fresh browser context whose page records console errors, uncaught exceptions and requests to
  any other host in `Tab.problems()`;
- `screenshot(page, name)` into test-artifacts/screenshots/;
- `site_url` (the real site of this repository, built once per session) and `tab` (a Tab on it
  that fails the test when the page logged an error or reached for another host);
- `whole_timeline_url` and `timeline_tab`: the same, for the real site built with its timeline on
  one page whatever the number of entries (past the page limit the real site's timeline is a page
  per year), so that the filters, the years and the phone layout are tried on every event;
- `assert_no_serious_violations(page, axe_script)`: axe-core run in the page, as a browser's tools do.

Chromium comes from Debian (`apt-get install chromium`, which .ci/run does), never from
`playwright install`: a missing /usr/bin/chromium fails the tests instead of skipping them.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

from conftest import ROOT, mkdocs_build
from generator.load.project import load_project
from generator.model.entries import Project

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "entries")


def copy_site_sources(target: Path) -> Path:
    """The real site's sources, copied, so a test can change its entries and build it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def build_site(project: Path, site: Path) -> Path:
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"mkdocs build --strict of {project} failed:\n{result.stderr}"
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        """Requests are not news; failures show up in the tests."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port, in a background thread, for as long as the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Tab:
    """A page in its own browser context, and what it did that a page of ours never should."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"console or page error: {e}" for e in self.errors] + [
            f"request to another host: {url}" for url in self.foreign_requests
        ]

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '?')})")

    def _on_request(self, request: Request) -> None:
        if urlsplit(request.url).netloc != urlsplit(self.base_url).netloc and not request.url.startswith(
            ("data:", "blob:", "about:")
        ):
            self.foreign_requests.append(request.url)


@contextmanager
def open_tab(browser: Browser, base_url: str, *, javascript: bool = True) -> Iterator[Tab]:
    """A fresh context (no stored palette or search state) watching for errors and other hosts."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript, base_url=base_url
    )
    try:
        page = context.new_page()
        tab = Tab(page, base_url)
        page.on("console", tab._on_console)
        page.on("pageerror", lambda error: tab.errors.append(f"uncaught {error.name}: {error.message}"))
        page.on("request", tab._on_request)
        yield tab
    finally:
        context.close()


# Package scope, not session: Playwright's sync API keeps an asyncio loop running in the main
# thread while it is open, and the tests after this package (the link checker's) call asyncio.run().
@pytest.fixture(scope="package")
def project() -> Project:
    """This repository's entries, as the tests compare pages with them."""
    result = load_project(ROOT / "entries", display_root=ROOT)
    assert result.project is not None, result.problems
    return result.project


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium; .ci/run installs it). `playwright install` is not used here.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, built once per session."""
    return build_site(ROOT, tmp_path_factory.mktemp("real-site") / "site")


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


PLUGIN_OPTIONS = "  - timeline:\n      entries_dir: entries\n"


@pytest.fixture(scope="session")
def whole_timeline_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site with every list on one page (a page limit above any number of entries)."""
    project = copy_site_sources(tmp_path_factory.mktemp("whole-timeline") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert PLUGIN_OPTIONS in text, "mkdocs.yml lists the timeline plugin's options differently now"
    config.write_text(text.replace(PLUGIN_OPTIONS, PLUGIN_OPTIONS + "      page_limit: 1000000\n"), encoding="utf-8")
    with serve(build_site(project, project.parent / "site")) as url:
        yield url


@contextmanager
def checked_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A tab whose test fails if any page it opened logged an error or left the host."""
    with open_tab(browser, base_url) as opened:
        yield opened
        problems = opened.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def tab(browser: Browser, site_url: str) -> Iterator[Tab]:
    """A checked tab on the real site."""
    with checked_tab(browser, site_url) as opened:
        yield opened


@pytest.fixture
def timeline_tab(browser: Browser, whole_timeline_url: str) -> Iterator[Tab]:
    """A checked tab on the real site built with its timeline on one page."""
    with checked_tab(browser, whole_timeline_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci --ignore-scripts`)",
            pytrace=False,
        )
    return AXE_SCRIPT


def assert_no_serious_violations(page: Page, axe_script: Path) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    page.evaluate(axe_script.read_text(encoding="utf-8"))  # as the browser's tools do: the page's CSP refuses inline scripts
    results = page.evaluate("() => axe.run()")
    serious = [
        f"{v['impact']}: {v['id']}: {v['help']} at " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in results["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


def type_search(page: Page, query: str) -> None:
    """Open the search box in the header from the home page and type `query`; returns once it has searched."""
    page.goto("./")
    box = page.locator(".md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    # The box searches on input; fill() is how a Chinese input method delivers text, as one input.
    box.fill(query)
    box.press("End")
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Type to start searching", timeout=15_000)


def show_whole_page(page: Page) -> None:
    """Make the viewport as tall as the page, so that parts rendered only when in view are all
    rendered, for a screenshot or for axe."""
    width = page.viewport_size["width"] if page.viewport_size else 1280
    for _ in range(5):  # rendered parts change the page's height; a few rounds settle it
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        if page.evaluate("document.documentElement.scrollHeight") == height:
            return


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in test-artifacts/screenshots/ for a person to look at (never committed).
    Leaves the viewport as tall as the page."""
    show_whole_page(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
