"""What a reader pays, measured on a built site served with gzip (webserver.py), as the issue 14
targets ask: the bytes of a first visit to a page, the search-index bytes fetched before the
reader touches the search box (none), the bytes and time of one query, and Lighthouse's scores.

Run alone on a built site: `.venv/bin/python benchmarks/webperf.py site/ [--lighthouse]`.
Lighthouse is the npm package pinned in package-lock.json (12.2.3), run against Debian's
Chromium (CHROME_PATH=/usr/bin/chromium) with its default mobile settings.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from webserver import SiteServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUERY = "Lasso"
# The time from the last keystroke to the first result on the page, measured inside the page. A
# search that shows no result within QUERY_TIMEOUT_MS gives the search status line instead, so a
# run is never left waiting.
QUERY_TIMEOUT_MS = 30000
TIME_FIRST_RESULT = """([query, timeout]) => new Promise((done) => {
  const list = document.querySelector("[data-cv-search-results]");
  const box = document.querySelector("[data-cv-search-query]");
  const status = document.querySelector("[data-cv-search-status]");
  const observer = new MutationObserver(() => {
    if (list.querySelector("a")) { observer.disconnect(); done(performance.now() - typed); }
  });
  observer.observe(list, { childList: true, subtree: true });
  setTimeout(() => { observer.disconnect(); done("no result after " + timeout + " ms: " + status.textContent); }, timeout);
  box.value = query;
  const typed = performance.now();
  box.dispatchEvent(new Event("input", { bubbles: true }));
})"""


def reader_pages(site: Path) -> dict[str, str]:
    """The pages the targets name, as paths under the site: home, timeline (its first year once
    split), an event page, stats and graveyard (and its largest year's page once split)."""
    events = sorted(p.parent.name for p in (site / "events").glob("*/index.html"))
    lasso = "lasso-launch" if "lasso-launch" in events else events[0]
    pages = {"home": "", "timeline": "timeline/", "event": f"events/{lasso}/", "stats": "stats/",
             "graveyard": "graveyard/"}
    # Past the page limit the graveyard is an index of its years: measure its largest year too.
    years = sorted((site / "graveyard").glob("*/index.html"), key=lambda page: page.stat().st_size)
    if years:
        pages["graveyard year"] = f"graveyard/{years[-1].parent.name}/"
    return pages


class Transfers:
    """Every request a page makes (its workers' too) with the bytes it took on the wire."""

    def __init__(self, page: Page) -> None:
        self.finished: list[Request] = []
        page.on("requestfinished", lambda request: self.finished.append(request))

    def by_path(self, start: int = 0) -> dict[str, int]:
        totals: dict[str, int] = {}
        for request in self.finished[start:]:
            sizes = request.sizes()
            path = urlsplit(request.url).path
            totals[path] = totals.get(path, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return totals


def first_visits(base: str, pages: dict[str, str]) -> dict[str, dict[str, int]]:
    """For each page, in a fresh browser (empty cache): bytes transferred in all, and of those the
    search index's (Pagefind's files) before the search box is touched."""
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, path in pages.items():
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
            page = context.new_page()
            transfers = Transfers(page)
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            sizes = transfers.by_path()
            results[name] = {"bytes": sum(sizes.values()),
                             "search bytes": sum(v for k, v in sizes.items() if "/pagefind/" in k)}
            context.close()
        browser.close()
    return results


def one_query(base: str, query: str = QUERY) -> dict[str, float]:
    """Focus the box on the home page, then type `query` at once: the bytes fetched from the focus
    to the first result (Pagefind's script, WebAssembly, index chunks, fragments), and the time
    from the keystroke to the first result."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context().new_page()
        transfers = Transfers(page)
        page.goto(base)
        page.wait_for_load_state("networkidle")
        start = len(transfers.finished)
        page.locator("[data-cv-search-query]").focus()
        page.wait_for_load_state("networkidle")
        milliseconds = page.evaluate(TIME_FIRST_RESULT, [query, QUERY_TIMEOUT_MS])
        if isinstance(milliseconds, str):
            raise RuntimeError(f"searching {query!r}: {milliseconds}")
        page.wait_for_load_state("networkidle")
        fetched = sum(transfers.by_path(start).values())
        browser.close()
    return {"bytes": fetched, "milliseconds": milliseconds}


def lighthouse(url: str) -> dict[str, float]:
    """Lighthouse's category scores (0-100) for one page, mobile preset."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=--headless=new --no-sandbox"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(100 * (data["categories"][name]["score"] or 0)) for name in CATEGORIES}


def measure(site: Path, *, with_lighthouse: bool, lighthouse_pages: list[str] | None = None) -> dict[str, Any]:
    """Everything above for one built site; Lighthouse on `lighthouse_pages` (names from
    reader_pages; all of them by default) when asked, as it takes about half a minute a page."""
    pages = reader_pages(site)
    with SiteServer(site) as base:
        result: dict[str, Any] = {"first visit": first_visits(base, pages)}
        try:
            result["query"] = one_query(base)
        except RuntimeError as error:  # kept in the report, beside the rest of what was measured
            result["query"] = {"error": str(error)}
        if with_lighthouse:
            names = lighthouse_pages or list(pages)
            result["lighthouse"] = {name: lighthouse(base + pages[name]) for name in names}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse on each page")
    parser.add_argument("--pages", help="comma-separated page names for Lighthouse (home,timeline,event,stats,graveyard)")
    args = parser.parse_args()
    names = args.pages.split(",") if args.pages else None
    print(json.dumps(measure(args.site, with_lighthouse=args.lighthouse, lighthouse_pages=names), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
