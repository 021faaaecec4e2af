"""A render that reuses the last one's parts (site/reuse.py) makes exactly what a fresh render
makes, whatever was edited in between: the preview of `make serve` is never stale."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from conftest import load_fixture, rendered_site
from generator.model.entries import Entry, Project
from generator.model.relations import Relations
from generator.site.language import ENGLISH, Language, languages, localize
from generator.site import urls
from generator.site.render import Artifact
from generator.site.reuse import Reuse

SITE_URL = "https://example.org/"
Edit = Callable[[Project], Project]


def render(project: Project, reuse: Reuse | None = None, languages: tuple[Language, ...] = (ENGLISH,),
           page_limit: int | None = None) -> list[Artifact]:
    return rendered_site(project, site_url=SITE_URL, repo_url="https://github.com/example/fixture", reuse=reuse,
                       languages=languages, page_limit=page_limit)


def with_entry(project: Project, entry_id: str, **changes: object) -> Project:
    entries = tuple(dataclasses.replace(e, **changes) if e.id == entry_id else e for e in project.entries)
    return dataclasses.replace(project, entries=entries)


def an_original(project: Project) -> Entry:
    return Relations(project).by_id[next(iter(Relations(project).copies_of))]


def a_copy(project: Project) -> Entry:
    return next(e for e in project.entries if e.copy_of)


def retitle_an_original(project: Project) -> Project:
    """Its copies' pages, its family's copy maps and the lists name it."""
    return with_entry(project, an_original(project).id, title="A retitled original")


def move_an_original(project: Project) -> Project:
    """Every lag to it changes, on its copies' pages too."""
    original = an_original(project)
    return with_entry(project, original.id, date=dataclasses.replace(original.date, year=original.date.year - 1))


def cut_a_copy_loose(project: Project) -> Project:
    """Its original's family loses a member."""
    return with_entry(project, a_copy(project).id, copy_of=())


def delete_an_entry(project: Project) -> Project:
    """No event links to it here (the fixture's rules would reject that), but lists lose it."""
    linked = {i for e in project.entries for i in (*e.copy_of, *e.related,
                                                   *([e.outcome.entry] if e.outcome and e.outcome.entry else []))}
    gone = next(e for e in project.entries if e.id not in linked)
    return dataclasses.replace(project, entries=tuple(e for e in project.entries if e is not gone))


def rename_a_company(project: Project) -> Project:
    """Shared by every page: nothing is reused."""
    key = a_copy(project).company
    companies = {**project.companies, key: dataclasses.replace(project.companies[key], name="Renamed Inc.")}
    return dataclasses.replace(project, companies=companies)


@pytest.mark.parametrize("page_limit", [None, 1], ids=["whole lists", "a page per year"])
@pytest.mark.parametrize("edit", [retitle_an_original, move_an_original, cut_a_copy_loose, delete_an_entry,
                                  rename_a_company])
def test_a_render_after_an_edit_equals_a_fresh_render(edit: Edit, page_limit: int | None) -> None:
    reuse = Reuse()
    before = load_fixture()
    render(before, reuse, page_limit=page_limit)
    after = edit(before)
    assert render(after, reuse, page_limit=page_limit) == render(after, page_limit=page_limit)


def test_each_language_keeps_its_own_pages() -> None:
    reuse = Reuse()
    project = load_fixture()
    render(project, reuse, languages())
    edited = retitle_an_original(project)
    assert render(edited, reuse, languages()) == render(edited, languages=languages())


def renders_around_a_retitle(page_limit: int | None = None) -> tuple[dict[str, str], dict[str, str], Project]:
    """The pages before and after retitling an original, the second render reusing the first's."""
    reuse = Reuse()
    project = load_fixture()
    first = {a.path: a.content for a in render(project, reuse, page_limit=page_limit)}
    edited = retitle_an_original(project)
    second = {a.path: a.content for a in render(edited, reuse, page_limit=page_limit)}
    return first, second, edited


def test_an_edit_renders_again_only_the_event_pages_that_show_the_entry() -> None:
    first, second, edited = renders_around_a_retitle()
    rel = Relations(edited)
    original = an_original(edited)
    unrelated = [e for e in edited.entries if e.id != original.id and e.id not in
                 {link.copy.id for link in rel.copies_of[original.id]}
                 and original not in rel.related_to.get(e.id, [])]
    assert unrelated
    for entry in unrelated:
        path = f"events/{entry.id}.md"
        assert second[path] is first[path]  # the very same text: not rendered again
    assert second[f"events/{original.id}.md"] != first[f"events/{original.id}.md"]


def test_an_edit_renders_again_only_the_year_pages_that_show_the_entry() -> None:
    first, second, edited = renders_around_a_retitle(page_limit=1)
    original = an_original(edited)
    # its own year's page shows it; its copies' pages hold their links to it
    touched = {f"timeline/{entry.date.year}.md"
               for entry in (original, *(link.copy for link in Relations(edited).copies_of[original.id]))}
    timeline_years = {path for path in second if path.startswith("timeline/")}
    assert touched < timeline_years
    assert second[f"timeline/{original.date.year}.md"] != first[f"timeline/{original.date.year}.md"]
    for path in timeline_years - touched:
        assert second[path] is first[path], path  # the very same text: not rendered again


def test_an_edit_renders_again_only_the_company_pages_that_show_the_entry() -> None:
    first, second, edited = renders_around_a_retitle()
    rel = Relations(edited)
    original = an_original(edited)
    shown = (original, *(link.copy for link in rel.copies_of[original.id]))  # its copies' lines name it
    untouched = [key for key in edited.companies if key not in {e.company for e in shown}]
    assert untouched
    for key in untouched:
        path = f"companies/{key}.md"
        assert second[path] is first[path], path  # the very same text: not rendered again
    assert second[f"companies/{original.company}.md"] != first[f"companies/{original.company}.md"]


def test_an_edit_rewrites_only_the_feeds_that_carry_the_entry() -> None:
    first, second, edited = renders_around_a_retitle()
    original = an_original(edited)
    pages = [urls.TIMELINE, urls.company(original.company), *map(urls.chapter, original.themes)]
    carrying = {feed(page) for page in pages for feed in (urls.atom_feed, urls.json_feed)}
    feeds = {path for path in second if path.endswith(("feed.xml", "feed.json"))}
    assert carrying < feeds
    for path in carrying:
        assert second[path] != first[path], path
    for path in feeds - carrying:
        assert second[path] is first[path], path  # the very same text: not serialised again


def test_an_unchanged_entry_keeps_its_chinese_object_from_one_render_to_the_next() -> None:
    zh = next(language for language in languages() if language.code == "zh")
    reuse = Reuse()
    project = load_fixture()
    reuse.start("shared")
    first = localize(project, zh, reuse)
    edited = retitle_an_original(project)
    reuse.start("shared")
    second = localize(edited, zh, reuse)
    retitled = an_original(edited).id
    assert [a is b for a, b in zip(first.entries, second.entries) if a.id != retitled] == [True] * (len(first.entries) - 1)
    assert next(e for e in second.entries if e.id == retitled) == localize(edited, zh).entries[
        [e.id for e in edited.entries].index(retitled)]
