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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from generator.model import dates
from generator.model.entries import KIND_LABELS, STATUS_LABELS, Company, Entry, Project, Theme
from generator.model.translation import TranslationState, state
from generator.site.templating import TEMPLATES_DIR


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


def localize(project: Project, language: Language) -> Project:
    """The project as the pages of `language` show it: for Chinese, every text that has a Chinese
    version uses it. Linear in the size of the project; English is returned as it is."""
    if language.code == "en":
        return project
    return Project(
        tuple(_entry(entry) for entry in project.entries),
        {key: _company(company) for key, company in project.companies.items()},
        {key: _theme(theme) for key, theme in project.themes.items()},
    )


def _entry(entry: Entry) -> Entry:
    if entry.zh is None:
        return entry
    return dataclasses.replace(entry, title=entry.zh.title, summary=entry.zh.summary, body=entry.zh.body or entry.body)


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
