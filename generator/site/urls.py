"""The site's one URL scheme: where every generated page and file lives.

A page is named by its path in the docs tree (`events/lasso-launch.md`), as MkDocs names a source
file; `page_address` turns that into the address a reader sees (`events/lasso-launch/`). Python
and the templates (as the Jinja global `url`) both take every path from here, so moving a page
means changing one function.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
TIMELINE = "timeline.md"
COMPANIES = "companies/index.md"
CHAPTERS = "themes/index.md"
STATS = "stats.md"
STATS_COPIES = "stats/copies.md"  # the copies counted in the stats page's lag and lifespan rows
GRAVEYARD = "graveyard.md"
COPY_MAP = "copy-map.md"  # every copied original, drawn; the home page draws the most-copied
TAGS = "tags.md"
UPDATES = "updates.md"  # every change made to an entry after it was published, newest first
# The generated lists that appear in the site's navigation; every other generated page is reached by links.
IN_NAV = frozenset({TIMELINE, STATS, GRAVEYARD, COMPANIES, CHAPTERS, TAGS})

ENTRIES_JSON = "data/entries.json"
ENTRIES_CSV = "data/entries.csv"
TIMELINEJS_JSON = "data/timelinejs.json"
ENTRY_SCHEMA = "schema/entry.schema.json"  # the entry files (YAML)
RECORD_SCHEMA = "schema/record.schema.json"  # a record of ENTRIES_JSON


def event(entry_id: str) -> str:
    return f"events/{entry_id}.md"


def company(key: str) -> str:
    return f"companies/{key}.md"


def chapter(key: str) -> str:
    return f"themes/{key}.md"


def copy_map_part(number: int) -> str:
    """A part of the whole copy map past the first (COPY_MAP): `copy-map/2.md`."""
    return f"{COPY_MAP.removesuffix('.md')}/{number}.md"


def tag(name: str) -> str:
    """A tag's page: under tag/, not tags/, since tags.md is served at tags/ and a tag may be "index"."""
    return f"tag/{name}.md"


def year_page(list_page: str, year: int) -> str:
    """One year of a long list: `timeline.md` -> `timeline/2016.md`, `companies/meta.md` -> `companies/meta/2016.md`."""
    return f"{list_page.removesuffix('.md')}/{year:04d}.md"


def year_list(path: str) -> str | None:
    """The list of which `path` is one year's page, or None: `companies/meta/2016.md` ->
    `companies/meta.md` (year_page undone)."""
    folder, _, name = path.rpartition("/")
    year = name.removesuffix(".md")
    return folder + ".md" if folder and name.endswith(".md") and len(year) == 4 and year.isdigit() else None


def feed_folder(page: str) -> str:
    """The folder of the feeds that follow a page: the timeline's are at the root, a company's or
    a chapter's beside its year pages (`companies/meta/`)."""
    return "" if page == TIMELINE else page.removesuffix(".md") + "/"


def atom_feed(page: str) -> str:
    return feed_folder(page) + "feed.xml"


def json_feed(page: str) -> str:
    return feed_folder(page) + "feed.json"


def card(page: str) -> str:
    """The share card of a page: `events/x.md` -> `cards/events/x.png`, the home page's `cards/index.png`."""
    return f"cards/{page.removesuffix('.md')}.png"


def relative(target: str, page: str) -> str:
    """The link from `page` to `target`, both paths in the docs tree."""
    return _relpath(target, posixpath.dirname(page))


def href(target: str, page: str, directory_urls: bool = True) -> str:
    """The link, as served, from the page made from `page` to the one made from `target`: for
    raw HTML (a drawing's links), which MkDocs does not rewrite as it does Markdown links."""
    here, there = page_address(page, directory_urls), page_address(target, directory_urls)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    link = _relpath(there, folder)
    return link + "/" if there.endswith("/") or not there else link


def _relpath(target: str, folder: str) -> str:
    """posixpath.relpath for two paths inside the site tree, which are relative and never climb
    out of it, worked out on the strings alone: posixpath.relpath makes both paths absolute, which
    asks the operating system for the working directory, once per link."""
    to, start = target.strip("/").split("/"), folder.strip("/").split("/")
    to, start = [part for part in to if part], [part for part in start if part]
    shared = 0
    while shared < min(len(to), len(start)) and to[shared] == start[shared]:
        shared += 1
    return "/".join([".."] * (len(start) - shared) + to[shared:]) or "."


def page_address(path: str, directory_urls: bool = True) -> str:
    """Where the page made from `path` is served, relative to the site's root, as MkDocs names it:
    `events/x/` (or `events/x.html` without directory URLs); the home page is ""."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
