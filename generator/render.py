"""Project -> Markdown pages, through the Jinja templates in templates/.

The output is Markdown for any static site engine (MkDocs reads it through the plugin; `export`
writes it to a folder). User text is only ever template *data*: plain-text fields pass through
the `md` filter, which makes them literal; Markdown fields were checked when they were loaded.
Front matter is YAML whose values are written by json.dumps (JSON is a subset of YAML), never by
string templating.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from .charts import stats_page_charts
from .datasets import dataset_files
from .feeds import FeedRef, company_feed, feed_files, theme_feed
from .markdown_rules import escape_markdown
from .model import KIND_LABELS, STATUS_LABELS, Entry, Project
from .pagemeta import EventMeta, event_meta
from .paging import (
    LATEST_COUNT,
    TAGS_URI,
    tag_counts,
    tag_uri,
    tags_split,
    timeline_pages,
    year_links,
    year_pages,
)
from .parallel import both
from .publish import Publication, convert_summaries
from .relations import CopyLink, Relations
from .stats import Stats


@dataclass
class Site:
    """Every generated page, by its path in the docs tree (`events/lasso-launch.md`)."""

    pages: dict[str, str] = field(default_factory=dict)
    # Chapter pages, used where docs/ has no hand-written page of the same path.
    chapters: dict[str, str] = field(default_factory=dict)
    # The data-driven part of each chapter, appended to a hand-written chapter page.
    chapter_events: dict[str, str] = field(default_factory=dict)
    # Page path -> the entry file it was made from (for edit links).
    origins: dict[str, str] = field(default_factory=dict)
    # Files that are not pages (feeds, data downloads), by their path in the site.
    files: dict[str, str] = field(default_factory=dict)
    # Page path -> the feeds that follow that page (companies, chapters), for the theme's <head>.
    feeds: dict[str, FeedRef] = field(default_factory=dict)


def event_uri(entry_id: str) -> str:
    return f"events/{entry_id}.md"


def chapter_uri(theme_key: str) -> str:
    return f"themes/{theme_key}.md"


TEMPLATES_DIR = Path(__file__).parent / "templates"


def make_env() -> jinja2.Environment:
    """The templates' environment, made again only when a template file has changed (`mkdocs
    serve` watches them). Within it Jinja does not look at a template's file again each time it
    is used, which it did three times for every event page."""
    return _env(tuple((path.name, path.stat().st_mtime_ns) for path in sorted(TEMPLATES_DIR.glob("*.j2"))))


@lru_cache(maxsize=1)
def _env(templates: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        auto_reload=False,
        # Compiled templates kept between runs (in the system's temporary folder, one per user,
        # keyed on each template's source), as Python keeps .pyc files: compiling took 0.1 s a run.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; user text goes through the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["hostname"] = _hostname
    env.globals["KIND_LABELS"] = KIND_LABELS
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    # The macro files, given to every template as modules made once: an {% import %} is run again
    # on every page, which cost as much as a short page. (_copy_figures uses `m`, so it comes after.)
    for name, macros in (("m", "_macros.md.j2"), ("figures", "_copy_figures.md.j2"), ("paging", "_paging.md.j2")):
        env.globals[name] = env.get_template(macros).module
    return env


@lru_cache(maxsize=65536)  # sources share hosts; a build shows each many times
def _hostname(url: str) -> str:
    return urlsplit(url).hostname or url


# Characters JSON leaves as they are but a YAML reader refuses or reads as a line break.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


# One encoder for every value: json.dumps with options builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def front_matter(**fields: object) -> str:
    """One `key: value` line per field, the value in JSON: what a YAML reader gets back is exactly
    `fields`, whatever the text holds. (PyYAML's representer took a third of the generator's time.)"""
    lines = ["---"]
    for key, value in fields.items():
        if value not in (None, [], ""):
            lines.append(f"{key}: {_to_json(value)}")
    lines.append("---\n")
    text = "\n".join(lines)
    if text.isascii() and "\x7f" not in text:  # most pages: nothing to escape, found without a regex
        return text
    return _NOT_YAML_SAFE.sub(_escaped, text)  # keys are names: only values can hold these


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def split_front_matter(page: str) -> tuple[dict[str, Any], str]:
    """The fields and the Markdown of a page made here: front_matter read back with json.loads,
    not a YAML parser (each value is one line of JSON), for the MkDocs plugin, which hands the
    fields to MkDocs directly instead of having it parse YAML for every page."""
    if not page.startswith("---\n"):
        return {}, page
    end = page.index("\n---\n", 3)
    fields = {}
    for line in page[4:end].split("\n"):
        if line:
            key, _, value = line.partition(": ")
            fields[key] = json.loads(value)
    return fields, page[end + 5:].lstrip("\n")


def render_site(
    project: Project,
    *,
    site_url: str | None = None,
    site_name: str = "Copycat Valley",
    repo_url: str | None = None,
    edit_url: str | None = None,
    directory_urls: bool = True,
    page_limit: int | None = None,
) -> Site:
    """All pages for a project; linear in the number of entries.

    Feeds, data downloads, share metadata and citations need absolute addresses: they are made
    only when `site_url` says where the site is published. `repo_url` adds the "suggest a
    correction" link; `edit_url` (to which an entry's path is appended) the "edit" link.
    `directory_urls` says whether pages live at `events/x/` (True, as MkDocs) or `events/x.html`.
    `page_limit` is how many events a list shows on one page before it is split (paging.py).
    """
    env = make_env()
    rel = Relations(project)
    stats = Stats(rel)
    site = Site()
    pub = Publication(site_url, site_name, repo_url, edit_url, directory_urls) if site_url else None

    items: dict[tuple[str, str], str] = {}

    def event_item(entry: Entry, root: str) -> str:
        """An event's line in a list (the macro m.event_item). A company's and a chapter's year
        pages are as deep in the site, so their lines are the same: each is made once."""
        key = (entry.id, root)
        if key not in items:
            items[key] = str(env.globals["m"].event_item(entry, rel, root))
        return items[key]

    def render(template: str, **context: object) -> str:
        return env.get_template(template).render(
            rel=rel, project=project, stats=stats, event_item=event_item, **context
        )

    event_template = env.get_template("event.md.j2")

    def event_pages() -> dict[str, str]:
        pages = {}
        for entry in project.entries:
            share = event_meta(entry, rel, pub) if pub else None
            pages[event_uri(entry.id)] = event_template.render(
                rel=rel, project=project, stats=stats, entry=entry, root="../",
                meta=_event_meta(entry, rel, share), share=share,
            )
        return pages

    # Both shares below need every summary as HTML and text: converted first, half in each
    # process (publish.py keeps them), rather than all in each.
    if pub:
        convert_summaries(entry.summary for entry in project.entries)

    def lists_and_files() -> None:
        _render_lists(site, render, project, rel, stats, pub, site_name, page_limit)
        if pub:
            site.files = {**feed_files(project, rel, pub), **dataset_files(project, rel, pub)}

    # Two shares of about equal work, taken at once where a second core is free (parallel.py):
    # the event pages in the other process, which sends back only them; the lists, feeds and
    # downloads here, where they are kept (the feeds and downloads are 8 MB at 1,000 entries:
    # sending them back would cost a quarter of what making them does).
    _, events = both(lists_and_files, event_pages, items=len(project.entries))
    site.pages = {**events, **site.pages}
    site.origins = {event_uri(entry.id): entry.path for entry in project.entries}
    return site


def _render_lists(
    site: Site, render: Callable[..., str], project: Project, rel: Relations, stats: Stats,
    pub: Publication | None, site_name: str, page_limit: int | None,
) -> None:
    """Every page but the event pages: the timeline, companies, stats, graveyard, chapters, tags."""
    for page in timeline_pages(rel.by_year, page_limit):  # one page, or a page per year once it is long
        site.pages[page.uri] = render(
            "timeline.md.j2", root=page.root, years=page.years, year_links=page.year_links,
            # Its summaries are indexed on their event pages: search leads there, and holds no text twice.
            meta=front_matter(title=page.title, description=page.description, search={"exclude": True}),
        )
    site.pages["companies/index.md"] = render(
        "companies.md.j2", root="../", meta=front_matter(title="Companies", description="Who copied whom.")
    )
    for company in project.companies.values():
        uri = f"companies/{company.key}.md"
        feeds = _feeds(site, uri, company_feed(company, site_name) if pub else None)
        events = rel.by_company.get(company.key, [])
        copied_by = rel.copied_from_company.get(company.key, [])
        years = year_pages(events, f"companies/{company.key}", page_limit)
        meta = front_matter(title=company.name, description=company.description, feeds=feeds)
        if not years:
            site.pages[uri] = render(
                "company.md.j2", root="../", company=company, events=events, copied_by=copied_by,
                year=None, year_links=[], meta=meta,
            )
            continue
        site.pages[uri] = render(
            "company.md.j2", root="../", company=company, events=[], copied_by=[], year=None,
            year_links=year_links(years, f"{company.key}/"), latest=events[:-LATEST_COUNT - 1:-1], meta=meta,
        )
        copied_by_year = _by_original_year(copied_by)
        beside = year_links(years, "")  # the same on every year's page
        for year_page in years:
            site.pages[year_page.uri] = render(
                "company.md.j2", root="../../", company=company, events=year_page.entries,
                copied_by=copied_by_year.get(year_page.year, []), year=year_page.year, year_links=beside,
                meta=front_matter(title=f"{company.name}: {year_page.year}", description=f"{company.name} in {year_page.year}.",
                                  search={"exclude": True}),
            )
    site.pages["stats.md"] = render(
        "stats.md.j2", root="", charts=stats_page_charts(stats),
        meta=front_matter(title="Stats", description="The copying, measured: lags, directions, survival."),
    )
    site.pages["graveyard.md"] = render(
        "graveyard.md.j2", root="",
        meta=front_matter(title="Graveyard", description="Copies that were shut down or merged, newest end first."),
    )
    site.pages["themes/index.md"] = render(
        "themes.md.j2", root="../", meta=front_matter(title="Chapters", description="The story, chapter by chapter.")
    )
    for theme in project.themes.values():
        entries = rel.by_theme.get(theme.key, [])
        years = year_pages(entries, f"themes/{theme.key}", page_limit)
        listing = render(
            "chapter_events.md.j2", root="../", entries=entries,
            year_links=year_links(years, f"{theme.key}/"), latest=entries[:-LATEST_COUNT - 1:-1],
        )
        beside = year_links(years, "")
        for year_page in years:
            site.pages[year_page.uri] = render(
                "chapter_year.md.j2", root="../../", theme=theme, year=year_page.year, entries=year_page.entries,
                year_links=beside,
                meta=front_matter(title=f"{theme.title}: {year_page.year}", description=f"{theme.title} in {year_page.year}.",
                                  search={"exclude": True}),
            )
        site.chapter_events[theme.key] = listing
        feeds = _feeds(site, chapter_uri(theme.key), theme_feed(theme, site_name) if pub else None)
        site.chapters[theme.key] = render(
            "chapter.md.j2", root="../", theme=theme, events=listing,
            meta=front_matter(title=theme.title, description=theme.summary, feeds=feeds),
        )
    _render_tags(site, render, project, page_limit)


def _render_tags(site: Site, render: Callable[..., str], project: Project, page_limit: int | None) -> None:
    """The tags page, and past the page limit a page per tag.

    Material's tags plugin still makes the listings: it links the tags shown on every event page
    to the listing of each tag, which is on the tags page while it is short, on the tag's own page
    once it is split (the tags page then lists no pages, only the tags with their counts). Our own
    listings would have needed our own tag links on event pages, in place of the theme's. Material
    matches each page with each tag's listing: pages × tags set lookups, cheap for a vocabulary of
    tags. A dirty build (`make serve`) shows Material only the pages it rebuilds, so a listing it
    rebuilds can miss pages until the next full build, as the single tags page could before.
    """
    counts = tag_counts(project.entries)
    split = tags_split(counts, page_limit)
    site.pages[TAGS_URI] = render(
        "tags.md.j2", tags=counts if split else {},
        meta=front_matter(title="Tags", description="Every event by tag."),
    )
    if split:
        for tag, count in counts.items():
            site.pages[tag_uri(tag)] = render(
                "tag.md.j2", tag=tag, count=count,
                meta=front_matter(title=f"Tag: {tag}", description=f"Every event tagged {tag}.",
                                  search={"exclude": True}),
            )


def _by_original_year(links: list[CopyLink]) -> dict[int, list[CopyLink]]:
    """Copies of a company's events, by the year of the original: the year page that lists it."""
    grouped: dict[int, list[CopyLink]] = {}
    for link in links:
        grouped.setdefault(link.original.date.year, []).append(link)
    return grouped


def _feeds(site: Site, uri: str, feed: FeedRef | None) -> list[dict[str, str]] | None:
    """Record the feed that follows a page; front matter names it for the theme's <head>."""
    if feed is None:
        return None
    site.feeds[uri] = feed
    return [feed.head()]


def _event_meta(entry: Entry, rel: Relations, share: EventMeta | None) -> str:
    company = rel.company(entry)
    return front_matter(
        title=entry.title,
        description=" ".join(entry.summary.split()),
        tags=list(entry.tags),
        date=entry.date.iso,
        kind=entry.kind,
        company=company.name,
        share=share.front_matter() if share else None,
    )
