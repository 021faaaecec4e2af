"""A Project -> every artefact of the site, through the Jinja templates in templates/.

The output is engine-free: Markdown pages with front matter, feeds and data files, each an
Artifact that an adapter (the MkDocs plugin, or `export`) loops over once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import jinja2

from generator.model.citations import without_markers
from generator.model.entries import Entry, Project
from generator.model.figures import Stats
from generator.model.relations import CopyLink, Relations
from generator.site import urls
from generator.site.charts import stats_page_charts
from generator.site.copymap import (
    HOME_ROW_LIMIT, Family, all_families, chapter_families, copy_map, event_families, on_event_page, parts,
    within_limit,
)
from generator.site.datasets import dataset_files, timelinejs_file
from generator.site.feeds import FeedRef, company_feed, feed_files, newest_updates, theme_feed, updates_feed
from generator.site.language import Language, dates_in, languages as site_languages, localize, states
from generator.site.pagemeta import EventMeta, event_meta
from generator.site.paging import (
    LATEST_COUNT, graveyard_pages, tag_counts, tags_split, timeline_pages, year_links, year_pages,
)
from generator.site.publication import Publication
from generator.site.reuse import Reuse
from generator.site.templating import CompiledTemplates, front_matter, make_env, templates_stamp

ArtifactKind = Literal["page", "chapter", "file"]


@dataclass(frozen=True)
class Artifact:
    """One generated thing: a page (Markdown with front matter) or a file (a feed, a download).

    A chapter is a page with an `appendix`, its list of events: where docs/ has a hand-written
    page at the same path, an adapter appends the appendix to it instead of using this page. The
    home page has one too: the copy map.
    """

    path: str  # in the docs tree: events/lasso-launch.md, feed.xml, data/entries.json
    content: str
    kind: ArtifactKind = "page"
    origin: str | None = None  # the entry file it was made from, for edit links
    feed: FeedRef | None = None  # the feeds that follow this page, for the theme's <head>
    appendix: str | None = None

    @property
    def in_nav(self) -> bool:
        return self.path in urls.IN_NAV


Render = Callable[..., str]
# A page of a list (a path, what it shows, its template and the template's context); see _render_tree
ListPageRender = Callable[..., str]
Draw = Callable[..., str]  # copy_map with the build's relations and URL style


def render_site(
    project: Project,
    *,
    site_url: str | None = None,
    site_name: str = "Copycat Valley",
    repo_url: str | None = None,
    edit_url: str | None = None,
    directory_urls: bool = True,
    page_limit: int | None = None,
    compiled_templates: jinja2.BytecodeCache | None = None,
    languages: Sequence[Language] | None = None,
    reuse: Reuse | None = None,
) -> list[Artifact]:
    """Every artefact of the site in every language (English at the root, then the Chinese tree
    under zh/, the same pages at the same paths), event pages first; linear in the number of entries.

    Feeds, data downloads, share metadata and citations need absolute addresses: they are made
    only when `site_url` says where the site is published. `repo_url` adds the "suggest a
    correction" link; `edit_url` (to which an entry's path is appended) the "edit" link.
    `directory_urls` says whether pages live at `events/x/` (True, as MkDocs) or `events/x.html`.
    `page_limit` is how many events a list shows on one page before it is split (paging.py).
    `compiled_templates` keeps the templates' compiled code between renders (templating.make_env);
    without it, each template is compiled once for this render, not once per language.
    `languages` are the trees to make (site/language.py), by default every language of the site.
    `reuse` is what the last render left for this one (reuse.py), for a caller that renders
    again and again.
    """
    reuse = reuse or Reuse()
    compiled_templates = compiled_templates or CompiledTemplates()
    reuse.start((templates_stamp(), site_url, site_name, repo_url, edit_url, directory_urls,
                       tuple(project.companies.items()), tuple(project.themes.items())))
    artifacts: list[Artifact] = []
    for language in languages or site_languages():
        pub = Publication(site_url + language.prefix if site_url.endswith("/") else f"{site_url}/{language.prefix}",
                          site_name, repo_url, edit_url, directory_urls, reuse.summaries) if site_url else None
        with dates_in(language):
            tree = _render_tree(project, language, pub, page_limit, compiled_templates, directory_urls, reuse)
        artifacts += [dataclasses.replace(a, path=language.prefix + a.path) for a in tree] if language.prefix else tree
    return artifacts


def _render_tree(
    original: Project, language: Language, pub: Publication | None, page_limit: int | None,
    compiled_templates: jinja2.BytecodeCache, directory_urls: bool, reuse: Reuse,
) -> list[Artifact]:
    """One language's artefacts, at paths relative to its own root."""
    t = language.t
    env = make_env(compiled_templates, language)
    project = localize(original, language, reuse)
    rel = Relations(project)
    stats = Stats(rel)

    def render(template: str, **context: object) -> str:
        return env.get_template(template).render(rel=rel, project=project, stats=stats, **context)

    def draw(families: list[Family], page: str | None, caption: str | None, **options: Any) -> str:
        """A copy map for `page`, or without one (and its caption) for any event page
        (copymap.on_event_page): each family's map is drawn once for all the event pages of the family."""
        key = (language.code, "copy map", page or tuple(family.original.id for family in families), caption)
        return reuse.part(key, (families, options), lambda: copy_map(
            families, rel, page=page, map_id="copy-map", caption=caption, directory_urls=directory_urls,
            language=language, **options))

    def list_page(path: str, shown: object, template: str, **context: object) -> str:
        """A page of a list (a company's events, a chapter's, a year's page of a long list), made
        again only when what it shows (`shown`: its events with their copy links, the year links)
        differs from the last render's; an edit touches the lists that show the entry (reuse.py)."""
        return reuse.part((language.code, path, template), shown, lambda: render(template, **context))

    artifacts = list(_event_pages(project, rel, pub, render, draw, language, states(original), reuse, directory_urls))
    artifacts += _home(rel, render, draw, language)
    artifacts += _timeline(rel, render, list_page, page_limit, language)
    artifacts += _companies(project, rel, stats, pub, render, list_page, page_limit, language)
    artifacts.append(Artifact(urls.STATS, render(
        "stats.md.j2", root="", charts=stats_page_charts(stats, language),
        meta=front_matter(title=t("Stats"), description=t("The copying, measured: lags, directions, survival.")),
    )))
    artifacts.append(Artifact(urls.STATS_COPIES, render(
        "stats_copies.md.j2", root="../",
        meta=front_matter(title=t("The copies, by lag and lifespan"),
                          description=t("Every copy on the stats page, by the time it took and how long it lived.")),
    )))
    artifacts += _graveyard(stats, render, page_limit, language)
    artifacts += _chapters(project, rel, pub, render, list_page, draw, page_limit, language)
    artifacts += _tags(project, render, page_limit, language)
    artifacts.append(_updates(project, render, pub, language))
    if pub:
        # The downloads hold every language's text, each tree's copy linking to its own pages;
        # TimelineJS shows one text, the tree's own.
        original_rel = rel if project is original else Relations(original)
        files = {**feed_files(project, rel, pub, reuse, language),
                 **dataset_files(original, original_rel, pub, reuse, language),
                 urls.TIMELINEJS_JSON: timelinejs_file(project, rel, pub, language)}
        artifacts += [Artifact(path, content, "file") for path, content in files.items()]
    return artifacts


def _event_pages(
    project: Project, rel: Relations, pub: Publication | None, render: Render, draw: Draw, language: Language,
    translations: dict[str, str], reuse: Reuse, directory_urls: bool,
) -> Iterator[Artifact]:
    t = language.t

    def page(entry: Entry, path: str, families: list[Family]) -> str:
        share = event_meta(entry, rel, pub, language) if pub else None
        caption = (
            t("This original and every copy of it, each at its launch date: the longer the line, the longer the copying took.")  # noqa: E501
            if entry.id in rel.copies_of else
            t("The original this copy followed and every copy of it, each at its launch date: the longer the line, the longer the copying took.")  # noqa: E501
        )
        return render(
            "event.md.j2", entry=entry, root="../", meta=_event_meta(entry, rel, share, language), share=share,
            translation=translations[entry.id], english_page=urls.relative(path, language.prefix + path),
            copy_map=on_event_page(draw(families, None, None), entry.id, caption, directory_urls),
        )

    for entry in project.entries:
        path = urls.event(entry.id)
        families = event_families(rel, entry)
        # Everything the page shows beside the shared inputs: the entry, the families drawn (its
        # originals and copies among them), the events related to it and its outcome's event.
        outcome = entry.outcome.entry if entry.outcome else None
        inputs = (entry, translations[entry.id], families, rel.related_to.get(entry.id),
                  rel.by_id.get(outcome) if outcome else None)
        markdown = reuse.part((language.code, path), inputs, lambda: page(entry, path, families))
        yield Artifact(path, markdown, origin=entry.path)


def _home(rel: Relations, render: Render, draw: Draw, language: Language) -> Iterator[Artifact]:
    """The copy map, under the hand-written home page: every family while they are few, else the
    most-copied ones and a link to the whole map, a page (or, past ROW_LIMIT rows, pages) of its own."""
    t = language.t
    families = all_families(rel)
    caption = t("Each copied original in its lane, with its copies at their launch dates: the longer the line, the longer the copying took.")  # noqa: E501
    shown = within_limit(families, HOME_ROW_LIMIT)
    drawing = draw(shown, urls.HOME, caption, total=len(families), whole_map=urls.COPY_MAP)
    if drawing:
        section = render("copymap.md.j2", heading=t("Who copied whom"), copy_map=drawing)
        yield Artifact(urls.HOME, front_matter(title=t("Home")) + section, appendix=section)
    cut = parts(families) if len(shown) < len(families) else []
    pages = [urls.COPY_MAP] + [urls.copy_map_part(number) for number in range(2, len(cut) + 1)]
    description = t("Every copied original with its copies, the most-copied first.")
    for number, (page, part) in enumerate(zip(pages, cut), start=1):
        several = len(cut) > 1
        title = t("Who copied whom, part {n} of {count}", n=number, count=len(cut)) if several else t("Who copied whom")
        links = [(other, urls.relative(target, page)) for other, target in enumerate(pages, start=1)] if several else []
        yield Artifact(page, render(
            "copymap_page.md.j2", title=title, copy_map=draw(part, page, caption), part_links=links, part=number,
            meta=front_matter(title=title, description=description),
        ))


def _event_meta(entry: Entry, rel: Relations, share: EventMeta | None, language: Language) -> str:
    """The front matter of an event page. Only English pages give Material's tags plugin their
    tags: it lists every page of a tag on every listing, so the other trees list theirs (_tags)."""
    return front_matter(
        title=entry.title,
        description=" ".join(without_markers(entry.summary).split()),
        tags=list(entry.tags) if not language.prefix else None,
        date=entry.date.iso,
        kind=entry.kind,
        company=rel.company(entry).name,
        share=share.front_matter() if share else None,
    )


def _timeline(
    rel: Relations, render: Render, list_page: ListPageRender, page_limit: int | None, language: Language,
) -> Iterator[Artifact]:
    """One page, or a page per year once it is long, whose index shows the newest events as the
    index of a long company or chapter does. Its summaries are indexed on their event pages:
    search leads there, and holds no text twice."""
    newest = [entry for entries in rel.by_year.values() for entry in entries][:-LATEST_COUNT - 1:-1]
    for page in timeline_pages(rel.by_year, page_limit, language.t):
        context: dict[str, Any] = dict(root=page.root, years=page.years, year_links=page.year_links,
                                       meta=front_matter(title=page.title, description=page.description))
        if page.years and page.year_links:
            entries = page.years[0][1]
            markdown = list_page(page.uri, (entries, _copy_links(rel, entries), page.year_links),
                                 "timeline.md.j2", **context)
        else:  # the whole timeline, or the index of its years, which counts every event
            markdown = render("timeline.md.j2", latest=newest, **context)
        yield Artifact(page.uri, markdown)


def _graveyard(stats: Stats, render: Render, page_limit: int | None, language: Language) -> Iterator[Artifact]:
    """One page, or past the page limit an index and a page per year in which copies ended."""
    for page in graveyard_pages(stats.shut_down, stats.merged, page_limit, language.t):
        yield Artifact(page.uri, render(
            "graveyard.md.j2", root=page.root, page=page.uri, year=page.year, shut_down=page.shut_down,
            merged=page.merged, year_links=page.year_links,
            meta=front_matter(title=page.title, description=page.description),
        ))


def _companies(
    project: Project, rel: Relations, stats: Stats, pub: Publication | None, render: Render, list_page: ListPageRender,
    page_limit: int | None, language: Language,
) -> Iterator[Artifact]:
    """The companies index, a page per company and, past the page limit, a page per company and year."""
    t = language.t
    yield Artifact(urls.COMPANIES, render(
        "companies.md.j2", root="../", page=urls.COMPANIES,
        meta=front_matter(title=t("Companies"), description=t("Who copied whom.")),
    ))
    for company in project.companies.values():
        path = urls.company(company.key)
        feed = _in_tree(company_feed(company, pub.site_name), language) if pub else None
        events = rel.by_company.get(company.key, [])
        copied_by = rel.copied_from_company.get(company.key, [])
        years = year_pages(events, path, page_limit)
        meta = front_matter(title=company.name, description=company.description, feeds=_heads(feed))
        if not years:
            yield Artifact(path, list_page(
                path, (events, _copy_links(rel, events), copied_by, stats.by_company.get(company.key)),
                "company.md.j2", root="../", page=path, company=company, events=events, copied_by=copied_by,
                year=None, year_links=[], meta=meta,
            ), feed=feed)
            continue
        yield Artifact(path, render(
            "company.md.j2", root="../", page=path, company=company, events=[], copied_by=[], year=None,
            year_links=year_links(years, path), latest=events[:-LATEST_COUNT - 1:-1], meta=meta,
        ), feed=feed)
        copied_by_year = _by_original_year(copied_by)
        beside = year_links(years, years[0].uri)  # the same on every year's page
        for one in years:
            copies = copied_by_year.get(one.year, [])
            yield Artifact(one.uri, list_page(
                one.uri, (one.entries, _copy_links(rel, one.entries), copies, beside),
                "company.md.j2", root="../../", page=one.uri, company=company, events=one.entries,
                copied_by=copies, year=one.year, year_links=beside,
                meta=front_matter(title=f"{company.name}{t(': ')}{one.year}",
                                  description=t("{name} in {year}.", name=company.name, year=one.year)),
            ))


def _chapters(
    project: Project, rel: Relations, pub: Publication | None, render: Render, list_page: ListPageRender,
    draw: Draw, page_limit: int | None, language: Language,
) -> Iterator[Artifact]:
    """The chapters index, and each chapter's events: past the page limit, a page per year."""
    t = language.t
    yield Artifact(urls.CHAPTERS, render(
        "themes.md.j2", root="../", page=urls.CHAPTERS,
        meta=front_matter(title=t("Chapters"), description=t("The story, chapter by chapter.")),
    ))
    for theme in project.themes.values():
        path = urls.chapter(theme.key)
        entries = rel.by_theme.get(theme.key, [])
        years = year_pages(entries, path, page_limit)
        families = chapter_families(rel, theme.key)
        caption = t("The copies in this chapter, each in the lane of the original it followed, at its launch date: the longer the line, the longer the copying took.")  # noqa: E501
        drawing = draw(within_limit(families), path, caption, total=len(families), rest=f"?kind=copy&theme={theme.key}")
        index = year_links(years, path)
        section = render("copymap.md.j2", heading=t("Who copied whom"), copy_map=drawing) if drawing else ""
        listing = section + list_page(path, (entries, index), "chapter_events.md.j2", root="../", entries=entries,
                                      year_links=index, latest=entries[:-LATEST_COUNT - 1:-1])
        beside = year_links(years, years[0].uri) if years else []
        for one in years:
            yield Artifact(one.uri, list_page(
                one.uri, (one.entries, beside),
                "chapter_year.md.j2", root="../../", page=one.uri, theme=theme, year=one.year,
                entries=one.entries, year_links=beside,
                meta=front_matter(title=f"{theme.title}{t(': ')}{one.year}",
                                  description=t("{name} in {year}.", name=theme.title, year=one.year)),
            ))
        feed = _in_tree(theme_feed(theme, pub.site_name), language) if pub else None
        page = render(
            "chapter.md.j2", root="../", theme=theme, events=listing,
            meta=front_matter(title=theme.title, description=theme.summary, feeds=_heads(feed)),
        )
        yield Artifact(path, page, "chapter", feed=feed, appendix=listing)


def _tags(project: Project, render: Render, page_limit: int | None, language: Language) -> Iterator[Artifact]:
    """The tags page, and past the page limit a page per tag.

    Material's tags plugin still makes the listings: it links the tags shown on every event page
    to the listing of each tag, which is on the tags page while it is short, on the tag's own page
    once it is split (the tags page then lists no pages, only the tags with their counts). Our own
    listings would have needed our own tag links on event pages, in place of the theme's. A dirty
    build (`make serve`) shows Material only the pages it rebuilds, so a listing it rebuilds can
    miss pages until the next full build. The pages of another language than English are not
    tagged for Material (_event_meta): their tags page and tag pages list them from `tagged`.
    """
    counts = tag_counts(project.entries)
    split = tags_split(counts, page_limit)
    tagged: dict[str, list[Entry]] = {}
    if language.prefix:
        for entry in project.entries:
            for tag in entry.tags:
                tagged.setdefault(tag, []).append(entry)
    yield Artifact(urls.TAGS, render(
        "tags.md.j2", page=urls.TAGS, tags=counts if split else {}, tagged=dict(sorted(tagged.items())),
        meta=front_matter(title=language.t("Tags"), description=language.t("Every event by tag.")),
    ))
    if split:
        for tag, count in counts.items():
            yield Artifact(urls.tag(tag), render(
                "tag.md.j2", tag=tag, count=count, tagged=tagged.get(tag, []),
                meta=front_matter(title=f"{language.t('Tag:')} {tag}",
                                  description=language.t("Every event tagged {tag}.", tag=tag)),
            ))


def _updates(project: Project, render: Render, pub: Publication | None, language: Language) -> Artifact:
    """Every update made to an entry after it was published, newest first, in one list with the
    feeds that carry the newest (feeds.py); each event page lists its own."""
    t = language.t
    feed = _in_tree(updates_feed(pub.site_name, language), language) if pub else None
    return Artifact(urls.UPDATES, render(
        "updates.md.j2", updates=newest_updates(project.entries),
        meta=front_matter(title=t("Updates"), description=t("Changes made to entries after they were published."),
                          feeds=_heads(feed)),
    ), feed=feed)


def _copy_links(rel: Relations, entries: Sequence[Entry]) -> tuple[tuple[CopyLink, ...], ...]:
    """What a list shows of its events beyond the entries: the originals each copied (with the
    lag and direction), which another entry's edit can change."""
    return tuple(tuple(rel.originals_of.get(entry.id, ())) for entry in entries)


def _by_original_year(links: list[CopyLink]) -> dict[int, list[CopyLink]]:
    """Copies of a company's events, by the year of the original: the year page that lists it."""
    grouped: dict[int, list[CopyLink]] = {}
    for link in links:
        grouped.setdefault(link.original.date.year, []).append(link)
    return grouped


def _in_tree(feed: FeedRef, language: Language) -> FeedRef:
    """A page's feeds as the theme links them, from the site's root: under zh/ for a Chinese page."""
    return dataclasses.replace(feed, page=language.prefix + feed.page)


def _heads(feed: FeedRef | None) -> list[dict[str, str]] | None:
    """The front matter that names a page's feeds for the theme's <head>."""
    return [feed.head()] if feed else None
