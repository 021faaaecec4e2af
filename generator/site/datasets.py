"""The data behind the site as downloads: JSON, CSV, the schemas, and a TimelineJS file.

Every file is made from data structures by a serialiser (json.dumps, the csv module), never by
pasting strings. Dates are ISO strings no more precise than the record (`2016`, `2016-08`,
`2016-08-02`), each with its precision beside it, so nobody mistakes a year for 1 January.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from generator.model.dates import PartialDate
from generator.model.entries import Entry, Project, Source
from generator.site.publication import LICENCE_NAME, LICENCE_URL, Publication
from generator.model.relations import CopyLink, Relations
from generator.model.translation import state
from generator.site import urls
from generator.site.language import ENGLISH, Language, chinese_spacing
from generator.site.reuse import Reuse


CSV_COLUMNS = (
    "id", "url", "date", "date_precision", "title", "kind", "company", "company_name", "company_country",
    "product", "themes", "tags", "summary", "copy_of", "copy_directions", "copy_lag_days", "copy_lag_precision",
    "outcome_status", "outcome_date", "outcome_date_precision", "outcome_entry", "outcome_note",
    "source_urls", "related", "date_note", "path", "title_zh", "summary_zh", "translation",
    "date_note_zh", "outcome_note_zh",
)
LIST_SEPARATOR = ";"
# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dataset_files(project: Project, rel: Relations, pub: Publication, reuse: Reuse,
                  language: Language = ENGLISH) -> dict[str, str]:
    """The downloads of every entry and the schemas, by path in the site (the tree of `language`:
    its records link to its pages; its TimelineJS file is `timelinejs_file`). An entry's record,
    as JSON and as a CSV line, is kept in `reuse` while the entry and its copy links are unchanged:
    `mkdocs serve` serialises again only the entries an edit touched."""
    def record(entry: Entry) -> tuple[str, str]:
        inputs = (entry, rel.originals_of.get(entry.id), rel.copies_of.get(entry.id))
        return reuse.part((language.code, "record", entry.id), inputs,
                          lambda: _serialised(entry_record(entry, rel, pub), pub))

    records = [record(entry) for entry in project.entries]
    return {
        urls.ENTRIES_JSON: entries_json([text for text, _ in records], pub),
        urls.ENTRIES_CSV: _csv_line(CSV_COLUMNS) + "".join(row for _, row in records),
        urls.ENTRY_SCHEMA: _schema("entry"),
        urls.RECORD_SCHEMA: _schema("record"),
    }


def _serialised(record: dict[str, Any], pub: Publication) -> tuple[str, str]:
    """A record as the JSON download holds it, and as its line in the CSV."""
    return json.dumps(record, separators=(",", ":")), _csv_line(csv_row(record, pub))


def _schema(name: str) -> str:
    """A schema of the package as published: `entry` for the YAML files, `record` for the download."""
    return resources.files("generator").joinpath(f"schema/{name}.schema.json").read_text("utf-8")


def _json(data: object) -> str:
    # Compact and ASCII (other characters as \u escapes); any JSON reader gives back the same text.
    return json.dumps(data, separators=(",", ":")) + "\n"


def _date(date: PartialDate | None, prefix: str = "") -> dict[str, str | None]:
    return {
        f"{prefix}date": date.iso if date else None,
        f"{prefix}date_precision": date.precision if date else None,
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "publisher": source.publisher,
        "title": source.title,
        **_date(source.date),
        "url": source.url,
        "archive_url": source.archive_url,
        "note": source.note,
    }


def _link(link: CopyLink) -> dict[str, Any]:
    return {
        "id": link.original.id,
        "company": link.original.company,
        "direction": link.direction,
        "lag_days": link.lag_days,
        "lag_precision": link.lag_precision,
        "lag": link.lag,
    }


def entry_record(entry: Entry, rel: Relations, pub: Publication) -> dict[str, Any]:
    """One entry with every field, its company resolved and its copy links measured."""
    company = rel.company(entry)
    outcome = entry.outcome
    return {
        "id": entry.id,
        "url": pub.event_url(entry),
        "path": entry.path,
        "title": entry.title,
        **_date(entry.date),
        "date_note": entry.date_note,
        "kind": entry.kind,
        "company": {
            "key": company.key,
            "name": company.name,
            "name_zh": company.name_zh,
            "description_zh": company.description_zh,
            "country": company.country,
            "aliases": list(company.aliases),
        },
        "product": entry.product,
        "themes": list(entry.themes),
        "tags": list(entry.tags),
        "summary": entry.summary,
        "body": entry.body,
        "copy_of": [_link(link) for link in rel.originals_of.get(entry.id, [])],
        "copied_by": [link.copy.id for link in rel.copies_of.get(entry.id, [])],
        "outcome": {
            "status": outcome.status,
            **_date(outcome.date),
            "entry": outcome.entry,
            "note": outcome.note,
        } if outcome else None,
        "sources": [_source(source) for source in entry.sources],
        "corrections": [
            {"claim": c.claim, "claimed_by": c.claimed_by, "finding": c.finding, "source": _source(c.source)}
            for c in entry.corrections
        ],
        "updates": [{"date": u.date.iso, "note": u.note} for u in entry.updates],
        "related": list(entry.related),
        # The Chinese text as the Chinese pages print it, without the spaces line breaks leave in YAML.
        "zh": {
            "title": chinese_spacing(entry.zh.title),
            "summary": chinese_spacing(entry.zh.summary),
            "body": _spaced(entry.zh.body),
            "date_note": _spaced(entry.zh.date_note),
            "outcome_note": _spaced(entry.zh.outcome_note),
            "corrections": [{"claim": chinese_spacing(c.claim), "claimed_by": chinese_spacing(c.claimed_by),
                             "finding": chinese_spacing(c.finding)} for c in entry.zh.corrections],
            "updates": [{"note": chinese_spacing(note)} for note in entry.zh.updates],
            "translates": entry.zh.translates,
        } if entry.zh else None,
        # current, stale (the English changed since) or missing (model/translation.py)
        "translation": state(entry.zh, entry.fingerprint),
    }


def _spaced(text: str | None) -> str | None:
    return chinese_spacing(text) if text else text


def entries_json(records: list[str], pub: Publication) -> str:
    """The JSON download: the site's details, then `entries`, each record already as JSON text
    (as `_json` would write it: compact, so the list is its items joined by commas)."""
    head = _json({
        "title": pub.site_name,
        "home_page_url": pub.site_url,
        "license": LICENCE_NAME,
        "license_url": LICENCE_URL,
        "entry_schema_url": pub.url(urls.RECORD_SCHEMA),  # what each of `entries` is
        "count": len(records),
        "entries": [],
    })
    return head.removesuffix("[]}\n") + "[" + ",".join(records) + "]}\n"


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula: risky first characters get a `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _joined(values: list[Any]) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def _csv_line(cells: Sequence[str]) -> str:
    """One line of the CSV download, quoted by the csv module, ending in CRLF as RFC 4180 has it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def csv_row(r: dict[str, Any], pub: Publication) -> list[str]:
    """A record as a row of CSV_COLUMNS: list fields joined with `;`, the summary as plain text."""
    outcome = r["outcome"] or {}
    links = r["copy_of"]
    row = {
        **{key: r[key] for key in ("id", "url", "date", "date_precision", "title", "kind", "product",
                                   "related", "date_note", "path")},
        "company": r["company"]["key"],
        "company_name": r["company"]["name"],
        "company_country": r["company"]["country"],
        "themes": r["themes"],
        "tags": r["tags"],
        "summary": pub.summaries.text(r["summary"]),
        "copy_of": [link["id"] for link in links],
        "copy_directions": [link["direction"] for link in links],
        "copy_lag_days": [link["lag_days"] for link in links],
        "copy_lag_precision": [link["lag_precision"] for link in links],
        "outcome_status": outcome.get("status"),
        "outcome_date": outcome.get("date"),
        "outcome_date_precision": outcome.get("date_precision"),
        "outcome_entry": outcome.get("entry"),
        "outcome_note": outcome.get("note"),
        "source_urls": [s["url"] for s in r["sources"] if s["url"]],
        "title_zh": r["zh"]["title"] if r["zh"] else None,
        "summary_zh": pub.summaries.text(r["zh"]["summary"]) if r["zh"] else None,
        "translation": r["translation"],
        "date_note_zh": r["zh"]["date_note"] if r["zh"] else None,
        "outcome_note_zh": r["zh"]["outcome_note"] if r["zh"] else None,
    }
    return [safe_cell(_joined(value) if isinstance(value, list) else value) for value in map(row.get, CSV_COLUMNS)]


def timelinejs_file(project: Project, rel: Relations, pub: Publication, language: Language = ENGLISH) -> str:
    return _json(timelinejs(project, rel, pub, language))


def timelinejs(project: Project, rel: Relations, pub: Publication, language: Language = ENGLISH) -> dict[str, Any]:
    """The TimelineJS JSON format: one slide per event, grouped by chapter; text is safe HTML, in
    the language of `project` (site/language.py) and of `language`."""
    e = html.escape
    site = f'<a href="{e(pub.site_url)}">{e(pub.site_name)}</a>'
    intro = "<p>" + e(language.t("Every event on {site}, with its sources. Content {licence}.")).format(
        site=site, licence=e(LICENCE_NAME)) + "</p>"
    sources_link = e(language.t("The entry and its sources"))
    events = []
    for entry in project.entries:
        date: dict[str, Any] = {"year": entry.date.year}
        if entry.date.month:
            date["month"] = entry.date.month
        if entry.date.day:
            date["day"] = entry.date.day
        url = pub.event_url(entry)
        company = rel.company(entry)
        events.append({
            "start_date": date,
            "display_date": entry.date.human(),
            "text": {
                "headline": e(entry.title),
                "text": f"<p>{e(company.name)}</p>" + pub.summaries.html(entry.summary, url)
                + f'<p><a href="{e(url)}">{sources_link}</a></p>',
            },
            "group": e(project.themes[entry.themes[0]].title),
            "unique_id": entry.id,
        })
    return {"title": {"text": {"headline": e(pub.site_name), "text": intro}}, "events": events}
