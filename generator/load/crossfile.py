"""Rules across files: unique ids, references that resolve, folders and dates that agree."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence, Set
from typing import NamedTuple

from generator.load.located import LocatedEntry
from generator.model.entries import Company, Entry, Theme
from generator.model.problems import Level, Problem
from generator.load.fields import did_you_mean
from generator.load.yamlread import Path_, YamlDocument

PLACEHOLDER = "TODO"


def check_project(
    located: Sequence[LocatedEntry], companies: Mapping[str, Company], themes: Mapping[str, Theme],
    unread: Set[str] = frozenset(),
) -> tuple[list[Problem], Counter[str]]:
    """Every problem across files, and how many entries refer to each id in `unread` (files that
    exist but could not be read): such references are counted, not reported as unknown ids."""
    by_id = {item.entry.id: item.entry for item in located}
    problems: list[Problem] = []
    referrers: Counter[str] = Counter()
    for item in located:
        for problem in _check_entry(item, by_id, companies, themes):
            wanted = problem.missing_id
            if wanted in unread:
                referrers[wanted] += 1
            else:
                problems.append(problem.problem)
    return problems, referrers


def duplicate_ids(located: Sequence[LocatedEntry]) -> tuple[list[LocatedEntry], list[Problem]]:
    """The first file with each id wins (by path order); the others are errors."""
    seen: dict[str, LocatedEntry] = {}
    unique, problems = [], []
    for item in located:
        first = seen.get(item.entry.id)
        if first:
            message = f"the id '{item.entry.id}' is already used by {first.entry.path}; ids are unique"
            problems.append(Problem(item.entry.path, 1, 1, message))
        else:
            seen[item.entry.id] = item
            unique.append(item)
    return unique, problems


class _Found(NamedTuple):
    problem: Problem
    missing_id: str | None  # for a reference to an unknown id: that id


def _check_entry(
    item: LocatedEntry,
    by_id: Mapping[str, Entry],
    companies: Mapping[str, Company],
    themes: Mapping[str, Theme],
) -> Iterator[_Found]:
    entry, doc = item.entry, item.doc

    def problem(path: Path_, message: str, level: Level = "error", missing_id: str | None = None) -> _Found:
        line, col = doc.position(path)
        return _Found(Problem(entry.path, line, col, message, level), missing_id)

    if item.folder != f"{entry.date.year:04d}":
        yield problem(("date",), f"date: the year {entry.date.year} does not match the folder "
                      f"'{item.folder}' (move the file to entries/{entry.date.year:04d}/)")
    if entry.company not in companies:
        yield problem(("company",), f"company: unknown company '{entry.company}'"
                      f"{suggest_company(entry.company, companies)} (companies are listed in entries/companies.yaml)")
    for index, theme in enumerate(entry.themes):
        if theme not in themes:
            yield problem(("themes", index), f"themes: unknown theme '{theme}'{did_you_mean(theme, themes)}")
    if entry.copy_of and entry.kind != "copy":
        yield problem(("copy_of",), "copy_of: only entries of kind 'copy' name what they copied")
    for index, original_id in enumerate(entry.copy_of):
        original = by_id.get(original_id)
        if original is None:
            yield problem(("copy_of", index), _unknown_entry("copy_of", original_id, by_id), missing_id=original_id)
        elif original_id == entry.id:
            yield problem(("copy_of", index), "copy_of: an entry cannot copy itself")
        elif original.date > entry.date:
            yield problem(("copy_of", index), f"copy_of: '{original_id}' ({original.date}) is later than "
                          f"this copy ({entry.date}); an original comes first")
    if entry.outcome:
        if entry.outcome.entry and entry.outcome.entry not in by_id:
            yield problem(("outcome", "entry"), _unknown_entry("outcome.entry", entry.outcome.entry, by_id),
                          missing_id=entry.outcome.entry)
        if entry.outcome.date and entry.outcome.date < entry.date:
            yield problem(("outcome", "date"), f"outcome.date: {entry.outcome.date} is before the event ({entry.date})")
    for index, related_id in enumerate(entry.related):
        if related_id not in by_id:
            yield problem(("related", index), _unknown_entry("related", related_id, by_id), missing_id=related_id)
        elif related_id == entry.id:
            yield problem(("related", index), "related: an entry cannot be related to itself")
    for path in _placeholder_fields(entry):
        yield problem(path, f"{path[0]}: still holds placeholder text ('{PLACEHOLDER}'); replace it", "warning")


def _unknown_entry(field: str, wanted: str, by_id: Mapping[str, Entry]) -> str:
    return f"{field}: no entry has the id '{wanted}'{did_you_mean(wanted, by_id)}"


def suggest_company(key: str, companies: Mapping[str, Company]) -> str:
    """Did-you-mean over keys, names and aliases, so 'Facebook' or 'facebok' suggests 'meta'."""
    names = {company.key: company.key for company in companies.values()}
    for company in companies.values():
        for name in (company.name, *company.aliases):
            names.setdefault(name.lower(), company.key)
    match = difflib.get_close_matches(key.lower(), list(names), n=1, cutoff=0.6)
    return f" (did you mean '{names[match[0]]}'?)" if match else ""


def _placeholder_fields(entry: Entry) -> Iterator[Path_]:
    """Fields still starting with the placeholder that `new` writes."""
    for name in ("title", "summary"):
        if getattr(entry, name).startswith(PLACEHOLDER):
            yield (name,)
    for index, source in enumerate(entry.sources):
        for name in ("publisher", "title", "note"):
            if (getattr(source, name) or "").startswith(PLACEHOLDER):
                yield ("sources", index, name)
