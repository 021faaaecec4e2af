"""Schema-valid mappings into the model's dataclasses (only called on data that passed the schema)."""

from __future__ import annotations

from typing import Any, cast

from generator.model.dates import PartialDate
from generator.model.entries import Company, Correction, Entry, Kind, Outcome, Source, Status, Theme, Update
from generator.model.translation import CorrectionText, Translation


def _date(value: object) -> PartialDate | None:
    return PartialDate.parse(value) if isinstance(value, str) else None


def _texts(value: object) -> tuple[str, ...]:
    return tuple(cast(list[str], value or []))


def source_from(data: dict[str, Any]) -> Source:
    return Source(
        publisher=data["publisher"],
        title=data["title"],
        date=_date(data.get("date")),
        url=data.get("url"),
        archive_url=data.get("archive_url"),
        note=data.get("note"),
    )


def entry_from(data: dict[str, Any], *, entry_id: str, path: str) -> Entry:
    outcome = data.get("outcome")
    return Entry(
        id=entry_id,
        path=path,
        title=data["title"],
        date=PartialDate.parse(data["date"]),
        date_note=data.get("date_note"),
        kind=cast(Kind, data["kind"]),
        company=data["company"],
        product=data.get("product"),
        copy_of=_texts(data.get("copy_of")),
        outcome=Outcome(
            status=cast(Status, outcome["status"]),
            date=_date(outcome.get("date")),
            entry=outcome.get("entry"),
            note=outcome.get("note"),
        )
        if outcome
        else None,
        themes=_texts(data["themes"]),
        tags=_texts(data.get("tags")),
        summary=data["summary"].strip(),
        body=data["body"].strip() if data.get("body") else None,
        sources=tuple(source_from(s) for s in data["sources"]),
        corrections=tuple(
            Correction(c["claim"], c["claimed_by"], c["finding"], source_from(c["source"]))
            for c in data.get("corrections") or []
        ),
        updates=tuple(Update(PartialDate.parse(u["date"]), u["note"]) for u in data.get("updates") or []),
        related=_texts(data.get("related")),
        zh=_translation(data.get("zh")),
    )


def _translation(data: dict[str, Any] | None) -> Translation | None:
    if not data:
        return None
    return Translation(
        title=data["title"],
        summary=data["summary"].strip(),
        body=data["body"].strip() if data.get("body") else None,
        translates=data.get("translates"),
        date_note=data.get("date_note"),
        outcome_note=data.get("outcome_note"),
        corrections=tuple(CorrectionText(c["claimed_by"], c["claim"], c["finding"])
                          for c in data.get("corrections") or []),
        updates=tuple(u["note"] for u in data.get("updates") or []),
    )


def companies_from(data: dict[str, Any]) -> dict[str, Company]:
    return {
        key: Company(
            key=key,
            name=item["name"],
            country=item["country"],
            aliases=_texts(item.get("aliases")),
            name_zh=item.get("name_zh"),
            founded=_date(item.get("founded")),
            description=item.get("description"),
            description_zh=item.get("description_zh"),
        )
        for key, item in data.items()
    }


def themes_from(data: dict[str, Any]) -> dict[str, Theme]:
    themes = [
        Theme(key=key, title=item["title"], summary=item["summary"].strip(), order=int(item["order"]),
              title_zh=item.get("title_zh"),
              summary_zh=item["summary_zh"].strip() if item.get("summary_zh") else None)
        for key, item in data.items()
    ]
    return {theme.key: theme for theme in sorted(themes, key=lambda t: (t.order, t.key))}
