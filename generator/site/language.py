"""The site's two languages: English at the root, Chinese under zh/, from one set of templates.

The templates are written in English and print every interface string through `t`, which looks it
up in the language's strings table (templates/i18n/<code>.json; English needs none). Entry text is
swapped, not looked up: `localize` gives the templates a Project whose entries, companies and
chapters carry their Chinese text (the English where there is none yet), and `states` says which
entries a reader must be told about.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from generator.model import dates
from generator.model.entries import KIND_LABELS, STATUS_LABELS, Company, Entry, Project, Theme
from generator.model.translation import TranslationState, state
from generator.site.templating import TEMPLATES_DIR

if TYPE_CHECKING:
    from generator.site.reuse import Reuse


@dataclass(frozen=True)
class Language:
    """One language of the site: its code, what <html lang> says, and where its pages live."""

    code: str  # "en", "zh": the strings table's name
    html_lang: str  # "en", "zh-Hans"
    prefix: str  # "" or "zh/": the folder of its pages in the docs tree
    name: str  # how the language names itself, for the switcher
    strings: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def t(self, key: str, **values: object) -> str:
        """The interface string `key` (its English text) in this language, with `{name}` filled in."""
        text = self.strings.get(key, key)
        return text.format(**values) if values else text

    @property
    def kind_labels(self) -> dict[str, str]:
        return {kind: self.t(label) for kind, label in KIND_LABELS.items()}

    @property
    def status_labels(self) -> dict[str, str]:
        return {status: self.t(label) for status, label in STATUS_LABELS.items()}


@cache
def strings_table(code: str) -> dict[str, str]:
    table: dict[str, str] = json.loads((TEMPLATES_DIR / "i18n" / f"{code}.json").read_text(encoding="utf-8"))
    return table


ENGLISH = Language("en", "en", "", "English")


@cache
def chinese() -> Language:
    return Language("zh", "zh-Hans", "zh/", "中文", strings_table("zh"))


def languages() -> tuple[Language, ...]:
    """Every language of the site, English first."""
    return (ENGLISH, chinese())


@contextmanager
def dates_in(language: Language) -> Iterator[None]:
    """Dates and spans worded in `language` while the block runs (model/dates.py)."""
    token = dates.LANGUAGE.set(language.code)
    try:
        yield
    finally:
        dates.LANGUAGE.reset(token)


def states(project: Project) -> dict[str, TranslationState]:
    """Each entry's translation state, by id: what its Chinese page tells the reader."""
    return {entry.id: state(entry.zh, entry.fingerprint) for entry in project.entries}


def localize(project: Project, language: Language, reuse: Reuse | None = None) -> Project:
    """The project as the pages of `language` show it: for Chinese, every text that has a Chinese
    version uses it. Linear in the size of the project; English is returned as it is. With `reuse`
    (reuse.py), an entry unchanged since the last render keeps the object made for it then, which
    every later comparison of the render's parts then finds equal at once."""
    if language.code == "en":
        return project

    def entry_in(entry: Entry) -> Entry:
        return reuse.part((language.code, "localized", entry.id), entry, lambda: _entry(entry)) if reuse else _entry(entry)

    return Project(
        tuple(map(entry_in, project.entries)),
        {key: _company(company) for key, company in project.companies.items()},
        {key: _theme(theme) for key, theme in project.themes.items()},
    )


def _entry(entry: Entry) -> Entry:
    """The entry with its Chinese text, each note included; the English where a part has none."""
    if entry.zh is None:
        return entry
    zh = entry.zh
    outcome = entry.outcome
    if outcome is not None and outcome.note and zh.outcome_note:
        outcome = dataclasses.replace(outcome, note=chinese_spacing(zh.outcome_note))
    corrections = entry.corrections
    if zh.corrections and len(zh.corrections) == len(corrections):  # check makes another length an error
        corrections = tuple(
            dataclasses.replace(c, claimed_by=chinese_spacing(text.claimed_by), claim=chinese_spacing(text.claim),
                                finding=chinese_spacing(text.finding))
            for c, text in zip(corrections, zh.corrections))
    updates = entry.updates
    if zh.updates and len(zh.updates) == len(updates):  # as for corrections
        updates = tuple(dataclasses.replace(u, note=chinese_spacing(note)) for u, note in zip(updates, zh.updates))
    return dataclasses.replace(
        entry, title=chinese_spacing(zh.title), summary=chinese_spacing(zh.summary),
        body=chinese_spacing(zh.body) if zh.body else entry.body,
        date_note=chinese_spacing(zh.date_note) if entry.date_note and zh.date_note else entry.date_note,
        outcome=outcome, corrections=corrections, updates=updates,
    )


# Chinese characters and full-width punctuation (_HAN), full-width punctuation alone (_STOP), and
# the citation markers that follow a sentence's full stop.
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_STOP = "\u3000-\u303f\uff00-\uffef"
_MARKERS = "(?:\\[[0-9]+\\])*"
_SPACE_BETWEEN = re.compile(f"(?<=[{_HAN}\\]])[ \t]+(?=[{_HAN}])")
_SPACE_AFTER_STOP = re.compile(f"(?<=[{_STOP}])({_MARKERS})[ \t]+")
_ENDS_HAN = re.compile(f"[{_HAN}\\]][ \t]*$")
_ENDS_STOP = re.compile(f"[{_STOP}]{_MARKERS}[ \t]*$")
_STARTS_HAN = re.compile(f"[ \t]*[{_HAN}]")
_STARTS_WORD = re.compile("[ \t]*[A-Za-z*_]")


def chinese_spacing(text: str) -> str:
    """Chinese text without the spaces that line breaks leave between two sentences or characters.

    Writers break long Chinese lines in YAML; a folded summary (>-) turns each break into a space
    and a body's breaks reach the HTML, and a browser shows both as a space, which Chinese
    typesetting does not have. A line joins the one before where they meet at Chinese characters,
    or after a full stop (with its markers) at a Latin word; never after a heading or across a
    blank line. Spaces between Latin words stay."""
    lines = text.split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        before = kept[-1]
        joins = (_ENDS_HAN.search(before) and _STARTS_HAN.match(line)) or (
            _ENDS_STOP.search(before) and _STARTS_WORD.match(line))
        if joins and not before.lstrip().startswith("#"):
            kept[-1] = before.rstrip() + line.lstrip()
        else:
            kept.append(line)
    return _SPACE_AFTER_STOP.sub(r"\1", _SPACE_BETWEEN.sub("", "\n".join(kept)))


def _company(company: Company) -> Company:
    """The Chinese name in place of the name; `name_zh` then holds the other name (ByteDance)."""
    if not company.name_zh and not company.description_zh:
        return company
    name = company.name_zh or company.name
    return dataclasses.replace(
        company, name=name, name_zh=company.name if name != company.name else None,
        description=company.description_zh or company.description,
    )


def _theme(theme: Theme) -> Theme:
    return dataclasses.replace(theme, title=theme.title_zh or theme.title, summary=theme.summary_zh or theme.summary)
