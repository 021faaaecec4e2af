"""Load entries/ into a Project, collecting every problem in every file on the way.

This is the one entry point the CLI and the MkDocs plugin share: read, validate each file,
then check the rules across files. A project is returned only when there is no error at all,
so nothing downstream ever renders half-valid data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .cache import EntryCache
from .convert import companies_from, entry_from, themes_from
from .crosscheck import LocatedEntry, check_project, duplicate_ids
from .duplicates import keys_of, near_duplicates
from .entryfiles import EntryFile, find_files, read_text
from .model import Company, Project, Theme
from .parallel import both
from .problems import Problem, excerpt, has_errors, non_ascii
from .validate import SchemaName, check_file
from .yamlread import YamlDocument, read_yaml

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80
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

    def read(part: list[EntryFile]) -> list[tuple[LocatedEntry | None, list[Problem]]]:
        return [cache.read(file, partial(_read_entry, file, fast_yaml)) if cache else _read_entry(file, fast_yaml)
                for file in part]

    # Nearly half the files are read in a second process where a core is free (parallel.py): 45%,
    # as it also has to send what it read back. With a cache (`mkdocs serve`) they are read here,
    # where the cache is kept.
    split = len(files) * 11 // 20
    first, later = both(partial(read, files[:split]), partial(read, files[split:]), items=0 if cache else len(files))
    located: list[LocatedEntry] = []
    file_ids = {file.path.stem for file in files}
    for file, (item, file_problems) in zip(files, first + later, strict=True):
        # Not cached: whether a bad name collides with another file's id depends on the other files.
        bad_name = file_name_problem(file.path.stem, file_ids)
        if bad_name:
            problems.append(Problem(file.display, 1, 1, bad_name))
        problems += file_problems
        if item and not bad_name:
            located.append(item)
    if cache:
        cache.keep_only(files)
    located, duplicate_problems = duplicate_ids(located)
    problems += duplicate_problems
    problems += near_duplicates(located)
    if companies_raw is not None and themes_raw is not None:
        problems += check_project(located, companies, themes)
    problems = sorted(set(problems))
    files_checked = len(files) + 2
    if has_errors(problems):
        return LoadResult(None, problems, files_checked)
    entries = tuple(sorted((item.entry for item in located), key=lambda e: e.sort_key))
    return LoadResult(Project(entries, companies, themes), problems, files_checked)


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
    display = path.relative_to(root).as_posix()
    if path.is_symlink():
        return None, [Problem(display, 1, 1, f"entries/{path.name} must be a regular file, not a symbolic link")]
    if not path.is_file():
        return None, [Problem(display, 1, 1, f"entries/{path.name} is missing (or not a regular file)")]
    doc, problems = _parse(path, display, schema, fast_yaml)
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    return doc.data, problems


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
    suggestion = _suggested_id(entry_id)
    if suggestion in taken:
        advice = f" (the id '{suggestion}' exists already: ids must differ in more than case or accents)"
    else:
        advice = f" (rename the file to {suggestion}.yaml)" if suggestion else ""
    return f"the file name '{excerpt(entry_id, 90)}' is not a valid id: {rule}{advice}"


def _suggested_id(name: str) -> str | None:
    """Instagram-Stories -> instagram-stories, café (either Unicode form) -> cafe; None when
    letters would be lost (Cyrillic, Chinese) rather than guess."""
    letters = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    if not letters.isascii():
        return None
    slug = "-".join(re.findall(r"[a-z0-9]+", letters.lower()))[:MAX_ID_LENGTH].strip("-")
    return slug if slug and slug != name else None


def _read_entry(file: EntryFile, fast_yaml: bool) -> tuple[LocatedEntry | None, list[Problem]]:
    doc, problems = _parse(file.path, file.display, "entry", fast_yaml)
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    entry = entry_from(doc.data, entry_id=file.path.stem, path=file.display)
    return LocatedEntry(entry, doc, file.path.parent.name, keys_of(entry)), problems
