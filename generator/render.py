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
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import jinja2

from .datasets import dataset_files
from .charts import stats_page_charts
from .feeds import FeedRef, company_feed, feed_files, theme_feed
from .markdown_rules import escape_markdown
from .model import KIND_LABELS, STATUS_LABELS, Entry, Project
from .pagemeta import EventMeta, event_meta
from .paging import timeline_pages
from .publish import Publication
from .relations import Relations
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


@cache
def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
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
    env.filters["hostname"] = lambda url: urlsplit(url).hostname or url
    env.globals["KIND_LABELS"] = KIND_LABELS
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    return env


# Characters JSON leaves as they are but a YAML reader refuses or reads as a line break.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def front_matter(**fields: object) -> str:
    """One `key: value` line per field, the value in JSON: what a YAML reader gets back is exactly
    `fields`, whatever the text holds. (PyYAML's representer took a third of the generator's time.)"""
    lines = ["---"]
    for key, value in fields.items():
        if value not in (None, [], ""):
            text = json.dumps(value, ensure_ascii=False)
            lines.append(f"{key}: {_NOT_YAML_SAFE.sub(_escaped, text)}")
    lines.append("---\n")
    return "\n".join(lines)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def render_site(
    project: Project,
    *,
    site_url: str | None = None,
    site_name: str = "Copycat Valley",
    repo_url: str | None = None,
    edit_url: str | None = None,
    directory_urls: bool = True,
) -> Site:
    """All pages for a project; linear in the number of entries.

    Feeds, data downloads, share metadata and citations need absolute addresses: they are made
    only when `site_url` says where the site is published. `repo_url` adds the "suggest a
    correction" link; `edit_url` (to which an entry's path is appended) the "edit" link.
    `directory_urls` says whether pages live at `events/x/` (True, as MkDocs) or `events/x.html`.
    """
    env = make_env()
    rel = Relations(project)
    stats = Stats(rel)
    site = Site()
    pub = Publication(site_url, site_name, repo_url, edit_url, directory_urls) if site_url else None

    def render(template: str, **context: object) -> str:
        return env.get_template(template).render(rel=rel, project=project, stats=stats, **context)

    event_template = env.get_template("event.md.j2")
    for entry in project.entries:
        uri = event_uri(entry.id)
        share = event_meta(entry, rel, pub) if pub else None
        site.pages[uri] = event_template.render(
            rel=rel, project=project, stats=stats, entry=entry, root="../",
            meta=_event_meta(entry, rel, share), share=share,
        )
        site.origins[uri] = entry.path
    for page in timeline_pages(rel.by_year):  # one page, or a page per year once it is long
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
        site.pages[uri] = render(
            "company.md.j2", root="../", company=company,
            meta=front_matter(title=company.name, description=company.description, feeds=feeds),
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
        events = render("chapter_events.md.j2", root="../", entries=rel.by_theme.get(theme.key, []))
        site.chapter_events[theme.key] = events
        feeds = _feeds(site, chapter_uri(theme.key), theme_feed(theme, site_name) if pub else None)
        site.chapters[theme.key] = render(
            "chapter.md.j2", root="../", theme=theme, events=events,
            meta=front_matter(title=theme.title, description=theme.summary, feeds=feeds),
        )
    if pub:
        site.files.update(feed_files(project, rel, pub))
        site.files.update(dataset_files(project, rel, pub))
    return site


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
