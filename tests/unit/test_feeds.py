"""Atom and JSON feeds, read back with real parsers."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import load_fixture, rendered_site
from generator.model.dates import PartialDate
from generator.site.feeds import FEED_LENGTH
from generator.site.language import ENGLISH
from generator.model.entries import Project, Update
from generator.site.publication import Publication

SITE_URL = "https://example.org/fixture/"
A = "{http://www.w3.org/2005/Atom}"
NEWEST_FIRST = ["lasso-shutdown", "lasso-launch", "instagram-stories", "snapchat-stories", "snapchat-launch"]
HOSTILE = "</title><script>alert(1)</script> ]]> & \" onload=\"x <![CDATA[ x"


def _files(project: Project | None = None) -> dict[str, str]:
    site = rendered_site(project or load_fixture(), site_url=SITE_URL, site_name="Fixture",
                       repo_url="https://github.com/example/fixture", languages=[ENGLISH])  # zh: test_translations.py
    return {a.path: a.content for a in site if a.kind == "file"}


def _atom(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def _entry_ids(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{A}id", "") for entry in feed.findall(f"{A}entry")]


def test_atom_feed_has_every_event_newest_first_with_absolute_links() -> None:
    feed = _atom(_files()["feed.xml"])
    assert feed.tag == f"{A}feed"
    assert _entry_ids(feed) == [f"{SITE_URL}events/{key}/" for key in NEWEST_FIRST]
    assert feed.findtext(f"{A}id") == SITE_URL + "feed.xml"
    assert feed.findtext(f"{A}updated") == "2020-07-10T00:00:00Z"  # the newest event
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == SITE_URL + "feed.xml"
    for link in feed.iter(f"{A}link"):
        assert link.get("href", "").startswith("https://"), link.attrib
    first = feed.find(f"{A}entry")
    assert first is not None
    assert first.findtext(f"{A}title") == "Lasso shuts down"
    assert first.findtext(f"{A}summary") == "Lasso closes."  # plain text: the marker [1] is left out
    content = first.find(f"{A}content")
    assert content is not None and content.get("type") == "html"
    cited = f'<p>Lasso closes.<sup><a href="{SITE_URL}events/lasso-shutdown/#source-1" aria-label="source 1">[1]</a></sup></p>'
    assert cited in (content.text or "") and 'href="https://news.example.org/lasso"' in (content.text or "")


def test_atom_dates_are_the_first_day_of_what_is_known() -> None:
    entries = {e.findtext(f"{A}id"): e for e in _atom(_files()["feed.xml"]).findall(f"{A}entry")}
    assert entries[SITE_URL + "events/lasso-launch/"].findtext(f"{A}updated") == "2018-11-01T00:00:00Z"  # 2018-11
    assert entries[SITE_URL + "events/snapchat-launch/"].findtext(f"{A}published") == "2011-01-01T00:00:00Z"  # 2011
    assert entries[SITE_URL + "events/instagram-stories/"].findtext(f"{A}updated") == "2016-08-02T00:00:00Z"


def test_ids_and_files_are_the_same_in_two_builds() -> None:
    first, second = _files(), _files(load_fixture())
    assert first == second
    assert _entry_ids(_atom(first["feed.xml"])) == _entry_ids(_atom(second["feed.xml"]))


def test_json_feed_1_1_matches_the_atom_feed() -> None:
    files = _files()
    feed = json.loads(files["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == SITE_URL + "feed.json" and feed["home_page_url"] == SITE_URL + "timeline/"
    assert [item["id"] for item in feed["items"]] == _entry_ids(_atom(files["feed.xml"]))
    lasso = feed["items"][1]
    assert lasso["url"] == SITE_URL + "events/lasso-launch/"
    assert lasso["title"] == "Facebook launches Lasso"
    assert lasso["date_published"] == "2018-11-01T00:00:00Z"
    assert lasso["_copycat_valley"] == {
        "entry_id": "lasso-launch", "date": "2018-11", "date_precision": "month", "kind": "copy", "company": "meta",
        "chapters": ["video"],
    }
    assert lasso["tags"] == []  # the tags alone, not the kind's label nor the chapter's title
    assert feed["items"][2]["tags"] == ["stories", "ephemeral"]
    assert feed["description"] == "The 50 newest events on the timeline, newest first."
    assert all(item["content_html"] and item["summary"] for item in feed["items"])


def test_each_company_and_chapter_has_its_own_feeds() -> None:
    files = _files()
    snap = _atom(files["companies/snap/feed.xml"])
    assert _entry_ids(snap) == [f"{SITE_URL}events/snapchat-stories/", f"{SITE_URL}events/snapchat-launch/"]
    video = json.loads(files["themes/video/feed.json"])
    assert [item["id"] for item in video["items"]] == [f"{SITE_URL}events/{k}/" for k in ("lasso-shutdown", "lasso-launch")]
    assert video["home_page_url"] == SITE_URL + "themes/video/"
    bytedance = _atom(files["companies/bytedance/feed.xml"])  # no events yet: still a valid feed
    assert _entry_ids(bytedance) == [] and bytedance.findtext(f"{A}updated")
    for kind in ("companies/meta/", "companies/snap/", "companies/bytedance/", "themes/stories/", "themes/video/"):
        assert {kind + "feed.xml", kind + "feed.json"} <= files.keys()


def test_hostile_text_stays_text_in_both_feeds() -> None:
    project = load_fixture()
    first = dataclasses.replace(project.entries[0], title=HOSTILE, product=HOSTILE)
    files = _files(dataclasses.replace(project, entries=(first, *project.entries[1:])))
    entry = _atom(files["feed.xml"]).findall(f"{A}entry")[-1]
    assert entry.findtext(f"{A}title") == HOSTILE
    content = entry.findtext(f"{A}content") or ""
    assert "<script>" not in content and "&lt;/title&gt;&lt;script&gt;" in content
    item = json.loads(files["feed.json"])["items"][-1]
    assert item["title"] == HOSTILE and "<script>" not in item["content_html"]


def test_feeds_carry_the_newest_events_only() -> None:
    """A feed is polled for what is new: past FEED_LENGTH events it stops growing."""
    project = load_fixture()
    template = next(e for e in project.entries if e.id == "snapchat-launch")  # Snap, 2011
    many = [dataclasses.replace(template, id=f"snap-{n:03d}", date=PartialDate(1900 + n)) for n in range(FEED_LENGTH + 5)]
    files = _files(dataclasses.replace(project, entries=(*many, *project.entries)))
    site_ids = _entry_ids(_atom(files["feed.xml"]))
    assert len(site_ids) == FEED_LENGTH
    assert site_ids[:len(NEWEST_FIRST)] == [f"{SITE_URL}events/{key}/" for key in NEWEST_FIRST]
    snap = [item["id"] for item in json.loads(files["companies/snap/feed.json"])["items"]]
    assert len(snap) == FEED_LENGTH
    assert snap[:3] == [f"{SITE_URL}events/{key}/" for key in ("snapchat-stories", "snapchat-launch", "snap-054")]
    assert f"{SITE_URL}events/snap-004/" not in snap  # the oldest fell out


def test_no_site_url_no_feeds() -> None:
    site = rendered_site(load_fixture())
    assert [a.path for a in site if a.kind == "file" or a.feed] == []
    pages = {a.path: a.content for a in site}
    assert "Cite this entry" not in pages["events/instagram-stories.md"]


def test_page_addresses_follow_the_url_style() -> None:
    pub = Publication("https://example.org/x", "X")
    assert pub.site_url == "https://example.org/x/"
    assert pub.page_url("events/a.md") == "https://example.org/x/events/a/"
    assert pub.page_url("companies/index.md") == "https://example.org/x/companies/"
    flat = Publication("https://example.org/x/", "X", directory_urls=False)
    assert flat.page_url("events/a.md") == "https://example.org/x/events/a.html"
    with pytest.raises(ValueError):
        Publication("example.org", "X")


def test_atom_categories_name_what_they_are_so_a_kind_never_reads_as_a_tag() -> None:
    feed = _atom(_files()["feed.xml"])
    entry = feed.findall(f"{A}entry")[1]
    labels = {c.get("scheme", "").rsplit("#", 1)[1]: c.get("label") for c in entry.findall(f"{A}category")}
    assert labels["kind"] == "Kind: Copy" and labels["chapter"] == "Chapter: The short-video wars"
    assert labels["company"] == "Company: Meta (Facebook)"
    assert feed.findtext(f"{A}subtitle") == "The 50 newest events on the timeline, newest first."


def test_an_updated_entry_says_when_it_last_changed_and_dates_its_feed() -> None:
    project = load_fixture()
    entries = [dataclasses.replace(e, updates=(Update(PartialDate.parse("2026-12-05"), "A figure was corrected."),))
               if e.id == "snapchat-launch" else e for e in project.entries]
    files = _files(dataclasses.replace(project, entries=entries))
    atom = _atom(files["feed.xml"])
    assert atom.findtext(f"{A}updated") == "2026-12-05T00:00:00Z"  # an item in it changed after the newest event
    entry = next(e for e in atom.findall(f"{A}entry") if e.findtext(f"{A}id") == f"{SITE_URL}events/snapchat-launch/")
    assert (entry.findtext(f"{A}published"), entry.findtext(f"{A}updated")) == (
        "2011-01-01T00:00:00Z", "2026-12-05T00:00:00Z")
    items = {item["id"]: item for item in json.loads(files["feed.json"])["items"]}
    assert items[f"{SITE_URL}events/snapchat-launch/"]["date_modified"] == "2026-12-05T00:00:00Z"
    assert items[f"{SITE_URL}events/lasso-launch/"]["date_modified"] == items[f"{SITE_URL}events/lasso-launch/"][
        "date_published"]  # never updated: last changed when it happened


def test_the_updates_feed_carries_each_update_newest_first_and_is_empty_without_any() -> None:
    empty = _files()
    assert _atom(empty["updates/feed.xml"]).findall(f"{A}entry") == []
    assert json.loads(empty["updates/feed.json"])["items"] == []
    project = load_fixture()
    older, newer = (Update(PartialDate.parse(day), note) for day, note in (
        ("2026-11-02", "The <b>year</b> was corrected."), ("2026-12-05", "A source was replaced.")))
    updates = {"snapchat-launch": (older, newer), "lasso-launch": (older,)}
    entries = [dataclasses.replace(e, updates=updates.get(e.id, ())) for e in project.entries]
    files = _files(dataclasses.replace(project, entries=entries))
    atom = _atom(files["updates/feed.xml"])
    assert atom.findtext(f"{A}title") == "Updates · Fixture"
    assert atom.findtext(f"{A}updated") == "2026-12-05T00:00:00Z"
    assert _entry_ids(atom) == [f"{SITE_URL}events/snapchat-launch/#update-2", f"{SITE_URL}events/lasso-launch/#update-1",
                                f"{SITE_URL}events/snapchat-launch/#update-1"]  # newest first, then the later event
    first = atom.find(f"{A}entry")
    assert first is not None and first.findtext(f"{A}summary") == "A source was replaced."
    link = first.find(f"{A}link")
    assert link is not None and link.get("href") == f"{SITE_URL}events/snapchat-launch/#entry-updates"
    items = json.loads(files["updates/feed.json"])["items"]
    assert [(item["id"], item["date_published"]) for item in items][-1] == (
        f"{SITE_URL}events/snapchat-launch/#update-1", "2026-11-02T00:00:00Z")
    assert items[-1]["content_html"] == "<p>The &lt;b&gt;year&lt;/b&gt; was corrected.</p>"  # text, escaped
