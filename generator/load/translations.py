"""Warnings about the Chinese text: missing, stale, without its fingerprint, or lacking a note.

Never errors: a contributor may write in English only, and a translation that lags behind the
English still builds (its page says so). A missing translation is one warning per entry, company or
chapter, at its own place, so a contributor sees it beside their file's other problems. Each warning
that asks for a fingerprint names the current one, so the fix is a copy and paste.
"""

from __future__ import annotations

from typing import Any

from generator.load.yamlread import YamlDocument
from generator.model.entries import Entry
from generator.model.problems import Problem

TOPIC = "translation"


def entry_translation_problems(doc: YamlDocument, entry: Entry, path: str) -> list[Problem]:
    """The warnings about one entry's `zh` block (or its absence)."""
    current = entry.fingerprint
    zh = entry.zh
    if zh is None:
        line, col = doc.position(("title",), of_key=True)
        names = ["title", "summary"] + [name for name, has in _english_has(entry).items() if has]
        parts = ", ".join(names[:-1]) + " and " + names[-1]
        message = f"no Chinese translation yet (optional): add a zh block ({parts}) with translates: {current}"
        return [_warning(path, line, col, message)]
    problems = []
    if zh.translates is None:
        line, col = doc.position(("zh",), of_key=True)
        problems.append(_warning(path, line, col, f"zh: no translates fingerprint: once the Chinese says what the "
                                                  f"English says, add translates: {current}"))
    elif zh.translates != current:
        line, col = doc.position(("zh", "translates"))
        problems.append(_warning(path, line, col, f"zh.translates: the English title, summary, body or notes "
                                                  f"changed since this translation ({zh.translates}); update the "
                                                  f"Chinese, then set translates: {current}"))
    if entry.body and not zh.body:
        line, col = doc.position(("zh",), of_key=True)
        problems.append(_warning(path, line, col, "zh: the English has a body, the Chinese has none (add zh.body)"))
    elif zh.body and not entry.body:
        line, col = doc.position(("zh", "body"), of_key=True)
        problems.append(_warning(path, line, col, "zh.body: the English entry has no body to translate"))
    return problems + _note_problems(doc, entry, path)


# Each English note: where it is in the file, how a message names it, and the zh field of its Chinese.
_NOTE_FIELDS = (
    (("date_note",), "this note", "date_note"),
    (("outcome", "note"), "this note", "outcome_note"),
    (("corrections",), "these corrections", "corrections"),
    (("updates",), "these updates", "updates"),
)


LISTS = ("corrections", "updates")  # translated item for item; load/fields.py compares the lengths


def _english_has(entry: Entry) -> dict[str, bool]:
    """Which of the zh fields beside title and summary the English gives something to translate."""
    return {"body": bool(entry.body), "date_note": bool(entry.date_note),
            "outcome_note": bool(entry.outcome and entry.outcome.note), "corrections": bool(entry.corrections),
            "updates": bool(entry.updates)}


def _note_problems(doc: YamlDocument, entry: Entry, path: str) -> list[Problem]:
    """An English note the Chinese lacks (the Chinese page shows the English one), warned at the
    English note; a Chinese note with no English to translate, at the Chinese one. A list of
    Chinese corrections or updates of another length is an error of load/fields.py."""
    english = _english_has(entry)
    problems = []
    for location, what, name in _NOTE_FIELDS:
        chinese = getattr(entry.zh, name)
        if english[name] and not chinese:
            line, col = doc.position(location, of_key=True)
            extra = ", one for each, in the same order" if name in LISTS else ""
            message = f"{'.'.join(location)}: the Chinese page shows {what} in English (add zh.{name}{extra})"
            problems.append(_warning(path, line, col, message))
        elif chinese and not english[name] and name not in LISTS:
            line, col = doc.position(("zh", name), of_key=True)
            problems.append(_warning(path, line, col, f"zh.{name}: the English entry has no "
                                                      f"{name.replace('_', ' ')} to translate"))
    return problems


# The Chinese field each English field of a catalogue item is translated in.
CATALOG_FIELDS = {
    "companies": {"description": "description_zh"},
    "themes": {"title": "title_zh", "summary": "summary_zh"},
}


def catalog_translation_problems(doc: YamlDocument, schema: str, path: str) -> list[Problem]:
    """A company or chapter with English text and no Chinese for it: one warning per item."""
    fields = CATALOG_FIELDS.get(schema, {})
    data: Any = doc.data
    problems = []
    for key, item in data.items() if isinstance(data, dict) else ():
        if not isinstance(item, dict):
            continue
        missing = [zh for english, zh in fields.items() if item.get(english) and not item.get(zh)]
        if missing:
            line, col = doc.position((key,), of_key=True)
            message = f"{key}: no Chinese translation yet (optional): add {' and '.join(missing)}"
            problems.append(_warning(path, line, col, message))
    return problems


def _warning(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, "warning", TOPIC)
