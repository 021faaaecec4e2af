"""The downloads: entries.json, entries.csv, the schema copy and the TimelineJS file."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, load_fixture, rendered_site
from generator.site.language import ENGLISH
from generator.site.datasets import CSV_COLUMNS, FORMULA_STARTS, safe_cell
from generator.model.entries import Project

SITE_URL = "https://example.org/fixture/"


def _files(project: Project | None = None) -> dict[str, str]:
    """The English tree's downloads (which hold every language's text; the Chinese tree's are
    tested with it, in test_translations.py)."""
    artifacts = rendered_site(project or load_fixture(), site_url=SITE_URL, site_name="Fixture", languages=[ENGLISH])
    return {a.path: a.content for a in artifacts if a.kind == "file"}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return _files()


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_entries_json_has_every_entry_normalised(files: dict[str, str]) -> None:
    project = load_fixture()
    data = json.loads(files["data/entries.json"])
    assert data["count"] == len(data["entries"]) == len(project.entries) == 5
    assert [r["id"] for r in data["entries"]] == [e.id for e in project.entries]
    assert data["license"] == "CC BY 4.0" and data["entry_schema_url"] == SITE_URL + "schema/record.schema.json"
    keys = set(data["entries"][0])
    assert all(set(r) == keys for r in data["entries"])  # every field on every row, null when absent
    by_id = {r["id"]: r for r in data["entries"]}
    stories = by_id["instagram-stories"]
    assert stories["url"] == SITE_URL + "events/instagram-stories/"
    assert stories["path"] == "entries/2016/instagram-stories.yaml"
    assert (stories["date"], stories["date_precision"]) == ("2016-08-02", "day")
    assert stories["company"] == {
        "key": "meta", "name": "Meta (Facebook)", "name_zh": None, "description_zh": None, "country": "US", "aliases": ["Facebook", "Instagram"],
    }
    assert stories["copy_of"] == [{
        "id": "snapchat-stories", "company": "snap", "direction": "US→US",
        "lag_days": 1034, "lag_precision": "day", "lag": "2 years, 9 months (1,034 days)",
    }]
    assert stories["sources"][0]["date_precision"] == "day" and stories["body"].startswith("The chief executive")
    lasso = by_id["lasso-launch"]
    assert (lasso["date"], lasso["date_precision"]) == ("2018-11", "month")
    assert lasso["copy_of"][0]["lag_precision"] == "year"  # against a date known only to the year
    assert lasso["outcome"] == {"status": "shut-down", "date": "2020-07-10", "date_precision": "day",
                                "entry": "lasso-shutdown", "note": None}
    assert by_id["snapchat-stories"]["copied_by"] == ["instagram-stories"]
    assert lasso["corrections"][0]["source"]["publisher"]


def test_csv_round_trips_and_agrees_with_the_json(files: dict[str, str]) -> None:
    rows = _csv_rows(files["data/entries.csv"])
    records = json.loads(files["data/entries.json"])["entries"]
    assert len(rows) == len(records)
    assert tuple(rows[0]) == CSV_COLUMNS
    for row, record in zip(rows, records, strict=True):
        assert row["id"] == record["id"] and row["title"] == record["title"] and row["date"] == record["date"]
        assert row["themes"].split(";") == record["themes"]
        assert row["copy_of"] == ";".join(link["id"] for link in record["copy_of"])
        assert row["source_urls"] == ";".join(s["url"] for s in record["sources"] if s["url"])
    stories = next(r for r in rows if r["id"] == "instagram-stories")
    assert stories["tags"] == "stories;ephemeral"
    assert (stories["copy_directions"], stories["copy_lag_days"], stories["copy_lag_precision"]) == ("US→US", "1034", "day")
    assert stories["company_name"] == "Meta (Facebook)"
    snap = next(r for r in rows if r["id"] == "snapchat-stories")
    assert snap["summary"] == "Snaps strung into a story that lasts 24 hours."  # plain text, not Markdown


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(start: str) -> None:
    assert safe_cell(start + "HYPERLINK(\"https://evil.example\")") == "'" + start + "HYPERLINK(\"https://evil.example\")"


def test_csv_injection_is_defused_in_the_file() -> None:
    project = load_fixture()
    first = dataclasses.replace(
        project.entries[0], title="=HYPERLINK(\"https://evil.example\",\"x\")", product="@SUM(1+1)",
        date_note="-2+3", summary="+cmd|' /C calc'!A0",
    )
    files = _files(dataclasses.replace(project, entries=(first, *project.entries[1:])))
    row = _csv_rows(files["data/entries.csv"])[0]
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"x\")"
    assert row["product"] == "'@SUM(1+1)" and row["date_note"] == "'-2+3" and row["summary"].startswith("'+cmd")
    # The JSON keeps the text exactly as written.
    assert json.loads(files["data/entries.json"])["entries"][0]["title"].startswith("=HYPERLINK")


def test_schema_downloads_are_the_package_schemas(files: dict[str, str]) -> None:
    for name in ("entry", "record"):
        path = f"schema/{name}.schema.json"
        assert files[path] == (ROOT / "generator" / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("entries", [ROOT / "entries", ROOT / "tests/fixtures/project/entries"], ids=["real", "fixture"])
def test_every_download_record_validates_against_the_published_record_schema(entries: Path) -> None:
    files = _files(load_fixture(entries))
    schema = json.loads(files["schema/record.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    records = json.loads(files["data/entries.json"])["entries"]
    assert records
    for record in records:
        assert not list(validator.iter_errors(record)), record["id"]


def test_the_record_schema_refuses_what_a_record_never_holds(files: dict[str, str]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(files["schema/record.schema.json"]))
    record = json.loads(files["data/entries.json"])["entries"][0]
    assert validator.is_valid(record)
    for broken in ({**record, "date": "2016-8"}, {**record, "extra": 1}, {**record, "kind": "Copy"},
                   {k: v for k, v in record.items() if k != "outcome"}):
        assert not validator.is_valid(broken)


def test_timelinejs_file_has_one_slide_per_event(files: dict[str, str]) -> None:
    data = json.loads(files["data/timelinejs.json"])
    assert data["title"]["text"]["headline"] == "Fixture"
    events = data["events"]
    assert [e["unique_id"] for e in events] == [e.id for e in load_fixture().entries]
    for event in events:
        assert set(event) == {"start_date", "display_date", "text", "group", "unique_id"}
        assert set(event["text"]) == {"headline", "text"}
        assert isinstance(event["start_date"]["year"], int)
    by_id = {e["unique_id"]: e for e in events}
    assert by_id["snapchat-launch"]["start_date"] == {"year": 2011}  # no month or day it does not know
    assert by_id["lasso-launch"]["start_date"] == {"year": 2018, "month": 11}
    assert by_id["instagram-stories"]["start_date"] == {"year": 2016, "month": 8, "day": 2}
    assert by_id["instagram-stories"]["display_date"] == "2 August 2016"
    assert by_id["lasso-launch"]["group"] == "The short-video wars"
    assert f'href="{SITE_URL}events/lasso-launch/"' in by_id["lasso-launch"]["text"]["text"]


def test_timelinejs_text_is_escaped() -> None:
    project = load_fixture()
    hostile = "<img src=x onerror=alert(1)> & co"
    first = dataclasses.replace(project.entries[0], title=hostile)
    event = json.loads(_files(dataclasses.replace(project, entries=(first, *project.entries[1:])))["data/timelinejs.json"])
    assert event["events"][0]["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt; &amp; co"


def test_markers_stay_in_the_json_beside_their_sources_and_become_links_in_timelinejs(files: dict[str, str]) -> None:
    record = next(r for r in json.loads(files["data/entries.json"])["entries"] if r["id"] == "snapchat-stories")
    assert record["summary"] == "Snaps strung into a story that lasts *24 hours*.[1]" and len(record["sources"]) == 1
    slide = next(e for e in json.loads(files["data/timelinejs.json"])["events"] if e["unique_id"] == "snapchat-stories")
    link = f'<sup><a href="{SITE_URL}events/snapchat-stories/#source-1" aria-label="source 1">[1]</a></sup>'
    assert f"<p>Snaps strung into a story that lasts <em>24 hours</em>.{link}</p>" in slide["text"]["text"]


def test_a_marker_cannot_stitch_markup_together_in_any_download() -> None:
    """`<[1]script>` is inert text while the marker is there; taking it out must not make a tag."""
    project = load_fixture()
    first = dataclasses.replace(project.entries[0], summary="x <[1]script>alert(1)<[1]/script> [1](javascript:alert(1))")
    files = _files(dataclasses.replace(project, entries=(first, *project.entries[1:])))
    slide = json.loads(files["data/timelinejs.json"])["events"][0]["text"]["text"]
    assert "<script" not in slide and "javascript:" not in slide
    assert "&lt;<sup>" in slide
    assert _csv_rows(files["data/entries.csv"])[0]["summary"] == "x <script>alert(1)</script> 1"  # plain text
