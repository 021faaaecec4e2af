"""The timeline in pages: one page while it is small, one page per year once it is large.

Ten thousand events on one page are megabytes of HTML that every visitor downloads and that every
preview rebuild converts again. Past TIMELINE_PAGE_LIMIT events, /timeline/ becomes an index of
the years and each year gets its page, /timeline/<year>/, with the same markup and filters; an
edit then rebuilds one year's page. The page count grows with the years, not the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Entry

TIMELINE_PAGE_LIMIT = 500  # events on the single timeline page before it is split by year
INDEX_URI = "timeline.md"


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    link: str  # relative to the page that shows it


@dataclass(frozen=True)
class TimelinePage:
    uri: str
    root: str  # from this page to the docs root
    title: str
    description: str
    years: list[tuple[int, list[Entry]]]  # the years listed in full on this page
    year_links: list[YearLink] = field(default_factory=list)  # only when the timeline is split


def year_uri(year: int) -> str:
    return f"timeline/{year:04d}.md"


def timeline_pages(by_year: dict[int, list[Entry]], limit: int | None = None) -> list[TimelinePage]:
    """The timeline's pages, `timeline.md` first; `by_year` is in timeline order."""
    years = list(by_year.items())
    if sum(len(entries) for _, entries in years) <= (TIMELINE_PAGE_LIMIT if limit is None else limit):
        return [TimelinePage(INDEX_URI, "", "Timeline", "Every event, by year.", years)]

    def links(prefix: str) -> list[YearLink]:
        return [YearLink(year, len(entries), f"{prefix}{year:04d}.md") for year, entries in years]

    pages = [TimelinePage(INDEX_URI, "", "Timeline", "Every event, by year: choose a year.", [], links("timeline/"))]
    for year, entries in years:
        pages.append(TimelinePage(
            year_uri(year), "../", f"Timeline: {year}", f"Every event of {year}.", [(year, entries)], links("")
        ))
    return pages
