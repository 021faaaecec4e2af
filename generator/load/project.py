"""Load entries/ into a Project, collecting every problem in every file on the way.

This is the one entry point the CLI and the MkDocs plugin share: read, validate each file,
then check the rules across files. A project is returned only when there is no error at all,
so nothing downstream ever renders half-valid data.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.load.entrycache import EntryCache
from generator.load.convert import companies_from, entry_from, themes_from
from generator.load.crossfile import check_project, duplicate_ids
from generator.load.duplicates import keys_of, near_duplicates
from generator.load.located import LocatedEntry
from generator.load.translations import catalog_translation_problems, entry_translation_problems
from generator.load.files import EntryFile, find_files, read_text
from generator.model.entries import Company, Project, Theme
from generator.model.ids import ID_PATTERN, MAX_ID_LENGTH, slug
from generator.model.problems import Problem, excerpt, has_errors, non_ascii
from generator.load.fields import SchemaName, check_file
from generator.load.yamlread import YamlDocument, read_yaml

MAX_PROBLEMS_SHOWN_PER_FILE = 25


@dataclass
class LoadResult:
    project: Project | None
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return self.project is not None


def load_project(
    entries_dir: Path, *, display_root: Path | None = None, fast_yaml: bool = True,
    cache: EntryCache[LocatedEntry | None] | None = None,
) -> LoadResult:
    """Read and validate everything under `entries_dir`; paths in problems are shown
    relative to `display_root` (by default the folder that holds entries/). With a `cache`
    (kept by the caller between loads), unchanged entry files are not parsed again."""
    if entries_dir.is_symlink():  # it could point anywhere on the machine that builds the site
        return LoadResult(None, [Problem(str(entries_dir), 1, 1, "the entries folder must not be a symbolic link")])
    entries_dir = entries_dir.resolve()
    root = (display_root or entries_dir.parent).resolve()
    if not entries_dir.is_dir():
        return LoadResult(None, [Problem(str(entries_dir), 1, 1, "the entries folder does not exist")])
    files, problems = find_files(entries_dir, root)
    companies_raw, themes_raw, catalog_problems = read_catalogs(entries_dir, root, fast_yaml)
    problems += catalog_problems
    companies: dict[str, Company] = companies_from(companies_raw) if companies_raw is not None else {}
    themes: dict[str, Theme] = themes_from(themes_raw) if themes_raw is not None else {}

    results = [cache.read(file, partial(_read_entry, file, fast_yaml)) if cache else _read_entry(file, fast_yaml)
               for file in files]
    located: list[LocatedEntry] = []
    file_ids = {file.path.stem for file in files}
    unread: dict[str, EntryFile] = {}  # files that exist but could not be read, by the id their name gives
    for file, (item, file_problems) in zip(files, results, strict=True):
        # Not cached: whether a bad name collides with another file's id depends on the other files.
        bad_name = file_name_problem(file.path.stem, file_ids)
        if bad_name:
            problems.append(Problem(file.display, 1, 1, bad_name))
        problems += file_problems
        if item and not bad_name:
            located.append(item)
        elif not bad_name:
            unread[file.path.stem] = file
    if cache:
        cache.keep_only(files)
    located, duplicate_problems = duplicate_ids(located)
    problems += duplicate_problems
    problems += near_duplicates(located)
    if companies_raw is not None and themes_raw is not None:
        cross_problems, referrers = check_project(located, companies, themes, unread=set(unread))
        problems += cross_problems
        problems = _with_referrers(problems, {unread[key].display: count for key, count in referrers.items()})
    problems = sorted(set(problems))
    files_checked = len(files) + 2
    if has_errors(problems):
        return LoadResult(None, problems, files_checked)
    entries = tuple(sorted((item.entry for item in located), key=lambda e: e.sort_key))
    return LoadResult(Project(entries, companies, themes), problems, files_checked)


def _with_referrers(problems: list[Problem], referrers: dict[str, int]) -> list[Problem]:
    """Each unreadable file's first problem says how many entries refer to it: those references
    are not reported again as unknown ids, since the one fix is in this file."""
    noted: set[str] = set()
    out = []
    for problem in sorted(problems):
        count = referrers.get(problem.path, 0)
        if count and problem.path not in noted and problem.level == "error":
            noted.add(problem.path)
            others = f"{count} entr{'y refers' if count == 1 else 'ies refer'} to this one"
            problem = Problem(problem.path, problem.line, problem.col, f"{problem.message} ({others})")
        out.append(problem)
    return out


def read_catalogs(
    entries_dir: Path, root: Path | None = None, fast_yaml: bool = True
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[Problem]]:
    """companies.yaml and themes.yaml as checked mappings (None where a file has errors)."""
    root = root or entries_dir.resolve().parent
    companies, company_problems = _read_data_file(entries_dir.resolve() / "companies.yaml", root, "companies", fast_yaml)
    themes, theme_problems = _read_data_file(entries_dir.resolve() / "themes.yaml", root, "themes", fast_yaml)
    return companies, themes, company_problems + theme_problems


def _parse(path: Path, display: str, schema: SchemaName, fast_yaml: bool) -> tuple[YamlDocument | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    doc, issues = read_yaml(text, fast=fast_yaml)
    problems = [Problem(display, issue.line, issue.col, issue.message) for issue in issues]
    if problems:
        return None, problems
    return doc, _capped(check_file(doc, schema, display))


def _read_data_file(
    path: Path, root: Path, schema: SchemaName, fast_yaml: bool
) -> tuple[dict[str, Any] | None, list[Problem]]:
    display = os.path.relpath(path, root).replace(os.sep, "/")
    if path.is_symlink():
        return None, [Problem(display, 1, 1, f"entries/{path.name} must be a regular file, not a symbolic link")]
    if not path.is_file():
        return None, [Problem(display, 1, 1, f"entries/{path.name} is missing (or not a regular file)")]
    doc, problems = _parse(path, display, schema, fast_yaml)
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    return doc.data, problems + catalog_translation_problems(doc, schema, display)


def _capped(problems: list[Problem]) -> list[Problem]:
    """The first problems of a file and a count of the rest: a pasted list of 60,000 bad sources
    should not bury every other file's report. (The YAML reader caps its own problems.)"""
    if len(problems) <= MAX_PROBLEMS_SHOWN_PER_FILE:
        return problems
    ordered = sorted(problems)
    kept, first_hidden = ordered[:MAX_PROBLEMS_SHOWN_PER_FILE], ordered[MAX_PROBLEMS_SHOWN_PER_FILE]
    more = len(ordered) - len(kept)
    note = f"{more} more problem{'s' if more != 1 else ''} in this file not shown; fix the ones above first"
    return [*kept, Problem(first_hidden.path, first_hidden.line, first_hidden.col, note, first_hidden.level)]


def file_name_problem(entry_id: str, taken: Collection[str] = ()) -> str | None:
    """Why a file name is not a usable id, naming a look-alike or invisible character if that is
    why (a Cyrillic 'а' looks exactly like a Latin 'a'), and the name to use when there is one.
    `taken` are the other files' ids: Instagram-Stories beside instagram-stories is a duplicate."""
    if ID_PATTERN.fullmatch(entry_id) and len(entry_id) <= MAX_ID_LENGTH:
        return None
    rule = f"use lowercase a-z, 0-9 and single hyphens, at most {MAX_ID_LENGTH} characters"
    if any("\udc80" <= char <= "\udcff" for char in entry_id):  # how os.fsdecode keeps undecodable bytes
        rule = f"the name is not UTF-8 text; {rule}"
    elif non_ascii(entry_id):
        rule = f"it contains {non_ascii(entry_id)}; {rule}"
    suggestion = slug(entry_id)
    suggestion = suggestion if suggestion != entry_id else None
    if suggestion in taken:
        advice = f" (the id '{suggestion}' exists already: ids must differ in more than case or accents)"
    else:
        advice = f" (rename the file to {suggestion}.yaml)" if suggestion else ""
    return f"the file name '{excerpt(entry_id, 90)}' is not a valid id: {rule}{advice}"


def _read_entry(file: EntryFile, fast_yaml: bool) -> tuple[LocatedEntry | None, list[Problem]]:
    doc, problems = _parse(file.path, file.display, "entry", fast_yaml)
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    entry = entry_from(doc.data, entry_id=file.path.stem, path=file.display)
    problems = problems + entry_translation_problems(doc, entry, file.display)
    return LocatedEntry(entry, doc, file.path.parent.name, keys_of(entry)), problems
