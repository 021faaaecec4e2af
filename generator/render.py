"""Project -> Markdown pages, through the Jinja templates in templates/.

The output is Markdown for any static site engine (MkDocs reads it through the plugin; `export`
writes it to a folder). User text is only ever template *data*: plain-text fields pass through
the `md` filter, which makes them literal; Markdown fields were checked when they were loaded.
Front matter is written with yaml.safe_dump, never by string templating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import jinja2
import yaml

from .markdown_rules import escape_markdown
from .model import Entry, Project
from .relations import Relations

KIND_LABELS = {
    "original": "Original",
    "copy": "Copy",
    "acquisition": "Acquisition",
    "bid": "Failed bid",
    "milestone": "Milestone",
    "shutdown": "Shutdown",
    "statement": "Statement",
    "data": "Data",
    "regulation": "Regulation",
}
STATUS_LABELS = {"active": "Still running", "shut-down": "Shut down", "merged": "Merged", "unknown": "Unknown"}


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


def event_uri(entry_id: str) -> str:
    return f"events/{entry_id}.md"


def chapter_uri(theme_key: str) -> str:
    return f"themes/{theme_key}.md"


@cache
def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
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


def front_matter(**fields: object) -> str:
    data = {key: value for key, value in fields.items() if value not in (None, [], "")}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def render_site(project: Project) -> Site:
    """All pages for a project; linear in the number of entries."""
    env = make_env()
    rel = Relations(project)
    site = Site()

    def render(template: str, **context: object) -> str:
        return env.get_template(template).render(rel=rel, project=project, **context)

    event_template = env.get_template("event.md.j2")
    for entry in project.entries:
        uri = event_uri(entry.id)
        site.pages[uri] = event_template.render(
            rel=rel, project=project, entry=entry, root="../", meta=_event_meta(entry, rel)
        )
        site.origins[uri] = entry.path
    site.pages["timeline.md"] = render(
        "timeline.md.j2", root="", meta=front_matter(title="Timeline", description="Every event, by year.")
    )
    site.pages["companies/index.md"] = render(
        "companies.md.j2", root="../", meta=front_matter(title="Companies", description="Who copied whom.")
    )
    for company in project.companies.values():
        site.pages[f"companies/{company.key}.md"] = render(
            "company.md.j2", root="../", company=company,
            meta=front_matter(title=company.name, description=company.description),
        )
    site.pages["themes/index.md"] = render(
        "themes.md.j2", root="../", meta=front_matter(title="Chapters", description="The story, chapter by chapter.")
    )
    for theme in project.themes.values():
        events = render("chapter_events.md.j2", root="../", entries=rel.by_theme.get(theme.key, []))
        site.chapter_events[theme.key] = events
        site.chapters[theme.key] = render(
            "chapter.md.j2", root="../", theme=theme, events=events,
            meta=front_matter(title=theme.title, description=theme.summary),
        )
    return site


def _event_meta(entry: Entry, rel: Relations) -> str:
    company = rel.company(entry)
    return front_matter(
        title=entry.title,
        description=" ".join(entry.summary.split()),
        tags=list(entry.tags),
        date=entry.date.iso,
        kind=entry.kind,
        company=company.name,
    )
