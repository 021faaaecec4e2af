"""Long lists of events in pages: one page while a list is short, one page per year once it is long.

Ten thousand events on one page are megabytes of HTML that every visitor downloads and that every
preview rebuild converts again. Past PAGE_LIMIT events, a list becomes an index of its years and
each year gets its page with the same markup: the timeline (/timeline/<year>/), a company's events
(/companies/<key>/<year>/) and a chapter's (/themes/<key>/<year>/). An edit then rebuilds one
year's page, and the page count grows with the years, not the events. The tags page becomes an
index of tags with a page per tag (/tag/<tag>/) once it would list more than PAGE_LIMIT events, and
the graveyard an index of the years in which copies ended, with a page per year
(/graveyard/<year>/), once it would list more than PAGE_LIMIT copies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from generator.model.entries import Entry
from generator.model.figures import Death
from generator.site import urls

# Events (dead copies, on the graveyard) on one page before it is split by year or by tag: about
# as many as a phone lays out without a long wait (benchmarks/NOTES.md has the measurements).
PAGE_LIMIT = 200
LATEST_COUNT = 10  # the newest events an index of years still shows in full


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    link: str  # relative to the page that shows it


@dataclass(frozen=True)
class YearPage:
    """One year of a long list of events, on its own page."""

    uri: str
    year: int
    entries: list[Entry]


@dataclass(frozen=True)
class TimelinePage:
    uri: str
    root: str  # from this page to the docs root
    title: str
    description: str
    years: list[tuple[int, list[Entry]]]  # the years listed in full on this page
    year_links: list[YearLink] = field(default_factory=list)  # only when the timeline is split


def year_pages(entries: Sequence[Entry], list_page: str, limit: int | None = None) -> list[YearPage]:
    """A page per year of the list on `list_page` (urls.year_page), when `entries` (in timeline
    order) are more than the limit; none while they fit on one page."""
    if len(entries) <= (PAGE_LIMIT if limit is None else limit):
        return []
    by_year: dict[int, list[Entry]] = {}
    for entry in entries:
        by_year.setdefault(entry.date.year, []).append(entry)
    return [YearPage(urls.year_page(list_page, year), year, group) for year, group in by_year.items()]


def year_links(pages: Iterable[YearPage], from_page: str) -> list[YearLink]:
    """Links to year pages from the page `from_page`."""
    return [YearLink(page.year, len(page.entries), urls.relative(page.uri, from_page)) for page in pages]


def _english(key: str, **values: object) -> str:
    return key.format(**values) if values else key


def timeline_pages(
    by_year: dict[int, list[Entry]], limit: int | None = None, t: Callable[..., str] = _english
) -> list[TimelinePage]:
    """The timeline's pages, `timeline.md` first; `by_year` is in timeline order. `t` words the
    titles in the page's language (site/language.py)."""
    years = list(by_year.items())
    pages = year_pages([entry for _, entries in years for entry in entries], urls.TIMELINE, limit)
    if not pages:
        return [TimelinePage(urls.TIMELINE, "", t("Timeline"), t("Every event, by year."), years)]
    index = TimelinePage(urls.TIMELINE, "", t("Timeline"), t("Every event, by year: choose a year."), [],
                         year_links(pages, urls.TIMELINE))
    beside = year_links(pages, pages[0].uri)  # the same on every year's page
    return [index] + [
        TimelinePage(page.uri, "../", f"{t('Timeline')}{t(': ')}{page.year}", t("Every event of {year}.", year=page.year),
                     [(page.year, page.entries)], beside)
        for page in pages
    ]


@dataclass(frozen=True)
class GraveyardPage:
    """The graveyard, or one year of it once it is split: the copies that ended there."""

    uri: str
    root: str  # from this page to the docs root
    title: str
    description: str
    year: int | None  # the year of closure listed, None on the graveyard itself
    shut_down: list[Death]
    merged: list[Death]
    year_links: list[YearLink] = field(default_factory=list)  # only when the graveyard is split


def graveyard_pages(
    shut_down: Sequence[Death], merged: Sequence[Death], limit: int | None = None, t: Callable[..., str] = _english
) -> list[GraveyardPage]:
    """The graveyard's pages, `graveyard.md` first; both lists newest end first (figures.Stats).

    Past the limit, each year of closure gets a page, newest year first as the graveyard lists
    its copies; the graveyard keeps its introduction and lists only the copies whose end has no
    recorded date, as they have no year to go to."""
    title, description = t("Graveyard"), t("Copies that were shut down or merged, newest end first.")
    if len(shut_down) + len(merged) <= (PAGE_LIMIT if limit is None else limit):
        return [GraveyardPage(urls.GRAVEYARD, "", title, description, None, list(shut_down), list(merged))]
    years: dict[int, tuple[list[Death], list[Death]]] = {}
    for group, deaths in enumerate((shut_down, merged)):
        for death in deaths:
            if death.died:
                years.setdefault(death.died.year, ([], []))[group].append(death)
    years = dict(sorted(years.items(), reverse=True))
    uris = {year: urls.year_page(urls.GRAVEYARD, year) for year in years}

    def links(from_page: str) -> list[YearLink]:
        return [YearLink(year, len(ended) + len(joined), urls.relative(uris[year], from_page))
                for year, (ended, joined) in years.items()]

    undated = ([death for death in shut_down if not death.died], [death for death in merged if not death.died])
    index = GraveyardPage(
        urls.GRAVEYARD, "", title, t("Copies that were shut down or merged, by the year they ended: choose a year."),
        None, *undated, links(urls.GRAVEYARD))
    beside = links(next(iter(uris.values()))) if uris else []  # the same on every year's page
    return [index] + [
        GraveyardPage(uris[year], "../", f"{title}{t(': ')}{year}",
                      t("Copies that were shut down or merged in {year}, newest end first.", year=year),
                      year, ended, joined, beside)
        for year, (ended, joined) in years.items()
    ]


def tag_counts(entries: Iterable[Entry]) -> dict[str, int]:
    """How many events carry each tag, by tag name."""
    counts: dict[str, int] = {}
    for entry in entries:
        for tag in entry.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return dict(sorted(counts.items()))


def tags_split(counts: dict[str, int], limit: int | None = None) -> bool:
    """Whether the tags page, which lists each event once per tag, is too long for one page."""
    return sum(counts.values()) > (PAGE_LIMIT if limit is None else limit)
