"""The copy map: who goes in which drawing, where each mark goes, and the markup it makes."""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import load_fixture, rendered_site
from generator.model.dates import PartialDate
from generator.model.entries import Entry, Outcome, Project
from generator.model.relations import Relations
from generator.site.copymap import (
    HOME_ROW_LIMIT, NARROW, ROW_LIMIT, WIDE, Family, all_families, chapter_families, copy_map, event_families, layout,
    on_event_page, parts, within_limit,
)

GOLDEN = Path(__file__).parent.parent / "golden" / "copymap" / "snapchat-stories.html"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rel() -> Relations:
    return Relations(load_fixture())


def _drawn(rel: Relations, entry_id: str = "snapchat-stories") -> str:
    entry = rel.by_id[entry_id]
    shared = copy_map(event_families(rel, entry), rel, page=None, map_id="copy-map", caption=None)
    return on_event_page(shared, entry_id, "A family.")


def test_one_family_matches_its_golden_drawing(rel: Relations) -> None:
    """After an intended change: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_copymap.py"""
    drawn = _drawn(rel)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(drawn, encoding="utf-8")
    assert drawn == GOLDEN.read_text(encoding="utf-8")


def test_the_markup_is_well_formed_and_every_mark_is_a_titled_link(rel: Relations) -> None:
    root = ET.fromstring(f'<root xmlns="http://www.w3.org/2000/svg">{_drawn(rel)}</root>')
    svgs = root.findall(f".//{SVG}svg[@role='group']")
    assert [svg.get("width") for svg in svgs] == [str(WIDE.width), str(NARROW.width)]
    for svg in svgs:
        links = svg.findall(f"{SVG}a")
        # the original, then its copy; the current page's own mark says so by its class
        assert [a.get("href") for a in links] == ["./", "../instagram-stories/"]
        assert all(a.findtext(f"{SVG}title") and a.findtext(f"{SVG}text") for a in links)
        assert "cv-copymap__link--current" in (links[0].get("class") or "")
    assert "style=" not in _drawn(rel) and " on" not in _drawn(rel).replace(" on its", "")


def test_the_line_from_original_to_copy_is_as_long_as_the_lag(rel: Relations) -> None:
    family = event_families(rel, rel.by_id["snapchat-stories"])
    for variant in (WIDE, NARROW):
        drawing = layout(family, rel, variant, lambda e: e.id, lambda e: "")
        (copy,) = drawing.lanes[0].copies
        (x0, first, _), (x1, last, _) = drawing.ticks[0], drawing.ticks[-1]
        per_day = (x1 - x0) / (date(int(last), 1, 1) - date(int(first), 1, 1)).days
        assert copy.line_from == drawing.lanes[0].original.glyph.x
        assert copy.glyph.x - copy.line_from == pytest.approx(1034 * per_day, abs=0.3)  # 2013-10-03 to 2016-08-02


def test_who_is_in_which_drawing(rel: Relations) -> None:
    assert [(f.original.id, [link.copy.id for link in f.links]) for f in all_families(rel)] == [
        ("snapchat-launch", ["lasso-launch"]), ("snapchat-stories", ["instagram-stories"])]
    # a copy's page: the family of the original it copied
    assert [f.original.id for f in event_families(rel, rel.by_id["lasso-launch"])] == ["snapchat-launch"]
    assert event_families(rel, rel.by_id["lasso-shutdown"]) == []
    # the video chapter holds Lasso, not the Snapchat launch: that family with Lasso alone
    assert [(f.original.id, len(f.links)) for f in chapter_families(rel, "video")] == [("snapchat-launch", 1)]
    assert copy_map([], rel, page="index.md", map_id="m", caption="c") == ""


def test_a_year_only_lag_is_dashed_and_outcomes_have_their_shapes(rel: Relations) -> None:
    lasso = _drawn(rel, "lasso-launch")
    assert 'class="cv-copymap__lag cv-copymap__lag--approximate"' in lasso  # 2011 to November 2018
    assert "cv-copymap__glyph--shut-down" in lasso and "cv-copymap__glyph--active" not in lasso
    assert "cv-copymap__glyph--active" in _drawn(rel)


def test_entry_text_is_escaped(rel: Relations) -> None:
    project = rel.project
    hostile = '<script>alert(1)</script> & "quotes" <a href="javascript:x">'
    entries = tuple(dataclasses.replace(e, title=hostile, product=hostile) if e.id == "instagram-stories" else e
                    for e in project.entries)
    drawn = _drawn(Relations(dataclasses.replace(project, entries=entries)))
    assert "<script" not in drawn and "&lt;script&gt;" in drawn and 'href="javascript' not in drawn


def _big_project(originals: int, copies_each: int) -> Project:
    """`originals` originals, each copied `copies_each` times, with the fixture's companies and themes."""
    base = load_fixture()
    template = base.entries[0]
    entries: list[Entry] = []
    for n in range(originals):
        original = dataclasses.replace(template, id=f"original-{n}", title=f"An original product number {n}",
                                       product=f"Original product {n}", date=PartialDate(2000 + n % 10, 1 + n % 12))
        entries.append(original)
        for k in range(copies_each):
            entries.append(dataclasses.replace(
                template, id=f"copy-{n}-{k}", kind="copy", title=f"A copy of product {n}, number {k}",
                product=f"Copy {k} of {n}", company="meta", copy_of=(original.id,),
                date=PartialDate(2011 + k % 10, 1 + k % 12, 1 + n % 28), outcome=Outcome("shut-down"),
            ))
    return dataclasses.replace(base, entries=tuple(sorted(entries, key=lambda e: e.sort_key)))


def test_at_ten_thousand_entries_the_home_map_is_a_summary_that_links_to_the_whole_map() -> None:
    rel = Relations(_big_project(2500, 3))  # 10,000 entries
    families = all_families(rel)
    shown = within_limit(families, HOME_ROW_LIMIT)
    assert sum(len(f.links) for f in shown) <= HOME_ROW_LIMIT < sum(len(f.links) for f in families)
    drawn = copy_map(shown, rel, page="index.md", map_id="copy-map", caption="All.", total=len(families),
                     whole_map="copy-map.md")
    assert len(gzip.compress(drawn.encode("utf-8"))) < 20 * 1024  # a first visit loads at most 100 KiB in all
    more = re.search(r'<p class="cv-copymap__more">(.*?)</p>', drawn)
    assert more and f"draws all {len(families)} of them" in more.group(1)
    assert '<a href="copy-map/">whole copy map</a>' in more.group(1)


def test_the_whole_map_is_every_family_once_in_parts_of_at_most_the_row_limit() -> None:
    families = all_families(Relations(_big_project(2500, 3)))
    cut = parts(families)
    assert [family for part in cut for family in part] == families
    assert all(sum(len(f.links) for f in part) <= ROW_LIMIT for part in cut)
    assert len(cut) == -(-len(families) // (ROW_LIMIT // 3))  # full parts: 40 families of 3 copies each
    big = Family(families[0].original, families[0].links * 50)  # more rows than a part: a part of its own
    assert parts([big, *families[:2]]) == [[big], families[:2]]


def test_the_home_page_links_to_the_whole_map_whose_parts_link_to_each_other_in_both_trees() -> None:
    pages = {a.path: a.content for a in rendered_site(_big_project(50, 3))}  # 150 copies: two parts
    for prefix in ("", "zh/"):
        home, first, second = pages[prefix + "index.md"], pages[prefix + "copy-map.md"], pages[prefix + "copy-map/2.md"]
        assert '<a href="copy-map/">' in home and home.count("cv-copymap__link cv-dir") <= 2 * HOME_ROW_LIMIT
        drawn = [re.findall(r'<a href="(?:\.\./)*events/([^/"]+)/" class="cv-copymap__link"', page)
                 for page in (first, second)]
        # each original in one part only, drawn in both variants
        assert sorted(drawn[0] + drawn[1]) == sorted(2 * [f"original-{n}" for n in range(50)])
        assert not set(drawn[0]) & set(drawn[1])
        assert "[2](copy-map/2.md)" in first and "[1](../copy-map.md)" in second
    assert "# Who copied whom, part 2 of 2" in pages["copy-map/2.md"]


def test_no_whole_map_page_while_the_home_page_draws_every_family() -> None:
    pages = {a.path for a in rendered_site(_big_project(10, 3))}
    assert "index.md" in pages and not any(page.startswith("copy-map") for page in pages)
