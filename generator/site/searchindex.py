"""What the site's search (Pagefind) indexes, and how each event can be narrowed down.

Only pages a reader would want as a search result are indexed: each event once, on its own page,
plus the hand-written pages, the chapters and the companies. The lists that repeat events (the
timeline and its years, a company's or chapter's years, tags, the graveyard and its years, the
statistics and the copies they count, the whole copy map and its parts, the updates) are left out, so a query
finds an event once and the indexer reads a fraction of the site. A page of another edition
(`zh/events/x.md`) follows the same rule as its English twin.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping

from generator.model.entries import KIND_LABELS, Entry, Project
from generator.site import urls

FILTERS = ("company", "kind", "chapter", "year")  # the order the search box offers them in

_EDITION = re.compile(r"^[a-z]{2}(?:-[A-Za-z]{2,4})?/")  # zh/, pt-BR/: a language's copy of the site
_LISTS = (urls.TIMELINE, urls.TAGS, urls.STATS, urls.STATS_COPIES, urls.GRAVEYARD, urls.COMPANIES, urls.COPY_MAP,
          urls.UPDATES)
# The lists split into pages under their own folder (`timeline/2016.md`, `copy-map/2.md`).
_SPLIT_LISTS = tuple(page.removesuffix(".md") + "/" for page in (urls.TIMELINE, urls.GRAVEYARD, urls.COPY_MAP))
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")


def is_searched(path: str) -> bool:
    """Whether the page made from this docs path (`events/x.md`) is in the search index."""
    path = _EDITION.sub("", path, count=1)
    if path in _LISTS or path.startswith(_SPLIT_LISTS) or _named_by(urls.tag, path):
        return False
    # A company's or chapter's year pages (`companies/meta/2016.md`) repeat its events.
    listed = urls.year_list(path)
    return not (listed and (_named_by(urls.company, listed) or _named_by(urls.chapter, listed)))


def _named_by(page: Callable[[str], str], path: str) -> bool:
    """Whether `path` is the page that `page` (urls.tag, urls.company, ...) gives for some name."""
    return path == page(posixpath.basename(path).removesuffix(".md"))


def event_filters(
    entry: Entry, project: Project, kind_labels: Mapping[str, str] = KIND_LABELS
) -> list[tuple[str, str]]:
    """The (filter, value) pairs of an event page, as readers see the values: names, not keys, in
    the page's language (a localised project and its kind labels)."""
    company = project.companies.get(entry.company)
    pairs = [("company", company.name if company else entry.company), ("kind", kind_labels[entry.kind])]
    pairs += [("chapter", project.themes[key].title) for key in entry.themes if key in project.themes]
    pairs.append(("year", f"{entry.date.year:04d}"))
    return pairs


def han_suffixes(text: str) -> list[str]:
    """The inner words of Chinese runs in a page that is not Chinese: Pagefind splits such a page
    only at spaces and matches a query at the start of a word, so 腾讯控股 is found by 腾讯 but not
    by 控股. Indexing each run's suffixes (讯控股, 控股) lets any part of a run be found."""
    seen: dict[str, None] = {}
    for run in _HAN.findall(text):
        for start in range(1, len(run) - 1):
            seen.setdefault(run[start:], None)
    return list(seen)
