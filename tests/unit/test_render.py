"""render_site on the fixture project: one list of Artifacts an adapter loops over once."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from conftest import FIXTURE, load_fixture, rendered_site
from generator.model.entries import Project
from generator.site import urls
from generator.site.language import ENGLISH
from generator.site.render import Artifact
from generator.site.templating import split_front_matter

SITE_URL = "https://example.org/"


@pytest.fixture(scope="module")
def fixture_project() -> Project:
    return load_fixture()


@pytest.fixture(scope="module")
def published(fixture_project: Project) -> list[Artifact]:
    return rendered_site(fixture_project, site_url=SITE_URL, repo_url="https://github.com/example/fixture",
                       edit_url="https://github.com/example/fixture/edit/main/", languages=[ENGLISH])


@pytest.fixture(scope="module")
def unpublished(fixture_project: Project) -> list[Artifact]:
    return rendered_site(fixture_project, languages=[ENGLISH])  # the Chinese tree: test_translations.py


@pytest.mark.parametrize("site", ["published", "unpublished"])
def test_every_artifact_path_is_unique(site: str, request: pytest.FixtureRequest) -> None:
    artifacts: list[Artifact] = request.getfixturevalue(site)
    assert [path for path, n in Counter(a.path for a in artifacts).items() if n > 1] == []


def test_event_pages_come_first_and_name_the_entry_file_they_were_made_from(
    published: list[Artifact], fixture_project: Project
) -> None:
    events = published[:len(fixture_project.entries)]
    assert [(a.path, a.origin, a.kind) for a in events] == [
        (urls.event(e.id), e.path, "page") for e in fixture_project.entries]
    assert all(a.origin is None for a in published[len(events):])  # only event pages have an entry file


def test_each_theme_has_a_chapter_whose_page_holds_its_appendix(published: list[Artifact], fixture_project: Project) -> None:
    chapters = [a for a in published if a.kind == "chapter"]
    assert [a.path for a in chapters] == [urls.chapter(key) for key in fixture_project.themes]
    for chapter in chapters:
        assert chapter.appendix and chapter.appendix in chapter.content, chapter.path
        assert "](../events/" in chapter.appendix
    assert all(a.appendix is None for a in published if a.kind != "chapter" and a.path != urls.HOME)


def test_companies_chapters_and_updates_carry_their_feeds_when_published(
    published: list[Artifact], unpublished: list[Artifact], fixture_project: Project
) -> None:
    with_feeds = {a.path: a.feed for a in published if a.feed}
    assert set(with_feeds) == {urls.company(k) for k in fixture_project.companies} | {
        urls.chapter(k) for k in fixture_project.themes} | {urls.UPDATES}
    files = {a.path for a in published if a.kind == "file"}
    for feed in with_feeds.values():
        assert feed is not None and {feed.atom, feed.json} <= files
    assert {"feed.xml", "feed.json", urls.ENTRIES_JSON, urls.ENTRIES_CSV, urls.TIMELINEJS_JSON, urls.ENTRY_SCHEMA} <= files
    assert [a for a in unpublished if a.kind == "file" or a.feed] == []


def test_pages_are_markdown_with_front_matter_and_files_are_not(published: list[Artifact]) -> None:
    for artifact in published:
        if artifact.kind == "file":
            assert not artifact.path.endswith(".md") and not artifact.content.startswith("---\n")
        else:
            assert artifact.path.endswith(".md"), artifact.path
            fields, body = split_front_matter(artifact.content)
            assert fields.get("title") or artifact.path == urls.TAGS, artifact.path
            assert body.strip(), artifact.path


def test_the_generated_lists_are_in_the_navigation_and_nothing_else(published: list[Artifact]) -> None:
    assert {a.path for a in published if a.in_nav} == urls.IN_NAV


def test_no_generated_page_has_the_path_of_a_hand_written_one_but_those_with_an_appendix(
    published: list[Artifact]
) -> None:
    hand_written = {p.relative_to(FIXTURE / "docs").as_posix() for p in (FIXTURE / "docs").rglob("*.md")}
    clashes = {a.path: a.kind for a in published if a.path in hand_written}
    assert clashes == {"themes/stories.md": "chapter", "index.md": "page"}  # the appendix goes under the essay
    assert all(a.appendix for a in published if a.path in hand_written)


def test_an_event_page_says_what_its_entry_says(published: list[Artifact]) -> None:
    page = next(a for a in published if a.path == urls.event("lasso-launch"))
    fields, body = split_front_matter(page.content)
    assert fields["title"] == "Facebook launches Lasso" and fields["date"] == "2018-11" and fields["kind"] == "copy"
    assert fields["company"] == "Meta (Facebook)" and "share" in fields
    assert "](../events/snapchat-launch.md)" in body and "](../events/lasso-shutdown.md)" in body


CITE = '<sup class="cv-cite"><a href="#source-{0}" aria-label="source {0}">[{0}]</a></sup>'


def test_markers_are_superscript_links_to_anchored_sources_on_the_event_page(fixture_project: Project) -> None:
    first = dataclasses.replace(
        fixture_project.entries[0], summary="Said so *twice*.[1][2] Escaped \\[1], `code [2]`.",
        body="A paragraph.[2]\n\n- an item.[1]", sources=fixture_project.entries[0].sources * 2,
    )
    project = dataclasses.replace(fixture_project, entries=(first, *fixture_project.entries[1:]))
    page = next(a for a in rendered_site(project) if a.path == urls.event(first.id))
    _, body = split_front_matter(page.content)
    assert f"Said so *twice*.{CITE.format(1)}{CITE.format(2)} Escaped \\[1], `code [2]`." in body
    assert f"A paragraph.{CITE.format(2)}\n\n- an item.{CITE.format(1)}" in body
    assert '1. <span id="source-1"></span>' in body and '2. <span id="source-2"></span>' in body


def test_lists_show_summaries_without_markers(published: list[Artifact]) -> None:
    """A list has no source list to point at: its items link to the event pages, which have one."""
    for path in ("timeline.md", urls.company("meta"), "themes/video.md"):
        page = next(a for a in published if a.path == path)
        assert "Lasso closes." in page.content and "[1]" not in page.content, path
    event = next(a for a in published if a.path == urls.event("lasso-shutdown"))
    assert split_front_matter(event.content)[0]["description"] == "Lasso closes."


def test_the_same_project_renders_the_same_artifacts(fixture_project: Project, published: list[Artifact]) -> None:
    again = rendered_site(fixture_project, site_url=SITE_URL, repo_url="https://github.com/example/fixture",
                        edit_url="https://github.com/example/fixture/edit/main/", languages=[ENGLISH])
    assert again == published
