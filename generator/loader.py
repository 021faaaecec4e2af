"""Load entries/ into a Project, collecting every problem in every file on the way.

This is the one entry point the CLI and the MkDocs plugin share: read, validate each file,
then check the rules across files. A project is returned only when there is no error at all,
so nothing downstream ever renders half-valid data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .convert import companies_from, entry_from, themes_from
from .crosscheck import LocatedEntry, check_project, duplicate_ids
from .entryfiles import EntryFile, find_files, read_text
from .model import Company, Project, Theme
from .problems import Problem, has_errors
from .validate import SchemaName, check_file
from .yamlread import YamlDocument, read_yaml

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80


@dataclass
class LoadResult:
    project: Project | None
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return self.project is not None


def load_project(entries_dir: Path, *, display_root: Path | None = None, fast_yaml: bool = True) -> LoadResult:
    """Read and validate everything under `entries_dir`; paths in problems are shown
    relative to `display_root` (by default the folder that holds entries/)."""
    entries_dir = entries_dir.resolve()
    root = (display_root or entries_dir.parent).resolve()
    if not entries_dir.is_dir():
        return LoadResult(None, [Problem(str(entries_dir), 1, 1, "the entries folder does not exist")])
    files, problems = find_files(entries_dir, root)
    companies_raw, themes_raw, catalog_problems = read_catalogs(entries_dir, root, fast_yaml)
    problems += catalog_problems
    companies: dict[str, Company] = companies_from(companies_raw) if companies_raw is not None else {}
    themes: dict[str, Theme] = themes_from(themes_raw) if themes_raw is not None else {}

    located: list[LocatedEntry] = []
    for file in files:
        item, file_problems = _read_entry(file, fast_yaml)
        problems += file_problems
        if item:
            located.append(item)
    located, duplicate_problems = duplicate_ids(located)
    problems += duplicate_problems
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
    return doc, check_file(doc, schema, display)


def _read_data_file(
    path: Path, root: Path, schema: SchemaName, fast_yaml: bool
) -> tuple[dict[str, Any] | None, list[Problem]]:
    display = path.relative_to(root).as_posix()
    if path.is_symlink() or not path.is_file():
        return None, [Problem(display, 1, 1, f"entries/{path.name} is missing (or not a regular file)")]
    doc, problems = _parse(path, display, schema, fast_yaml)
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    return doc.data, problems


def _read_entry(file: EntryFile, fast_yaml: bool) -> tuple[LocatedEntry | None, list[Problem]]:
    entry_id = file.path.stem
    problems = []
    if not ID_PATTERN.fullmatch(entry_id) or len(entry_id) > MAX_ID_LENGTH:
        shown = entry_id.encode("ascii", "backslashreplace").decode("ascii")
        problems.append(Problem(file.display, 1, 1, f"the file name '{shown}' is not a valid id: use lowercase "
                                f"a-z, 0-9 and single hyphens, at most {MAX_ID_LENGTH} characters"))
    doc, file_problems = _parse(file.path, file.display, "entry", fast_yaml)
    problems += file_problems
    if doc is None or has_errors(problems):
        return None, problems
    assert isinstance(doc.data, dict)
    entry = entry_from(doc.data, entry_id=entry_id, path=file.display)
    return LocatedEntry(entry, doc, file.path.parent.name), problems
