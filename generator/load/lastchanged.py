"""When each file of the project was made and last changed: the dates a sitemap and an event's
structured data (datePublished, dateModified) give for its page.

A file was made by the first commit that has it and last changed by the last commit that touched
it; a file with changes not yet committed (or one git does not track, or any file outside a git
work tree) was last changed at its modification time, and made then too if git never had it. So a rebuild of an unchanged checkout gives the same dates, and a page whose file did not
change keeps its date however often the site is built. Dates are UTC calendar days. A shallow
clone knows only its last commit: publish from a full clone (`fetch-depth: 0`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

GIT_TIMEOUT = 30  # seconds; past that every file gets its modification time


@dataclass(frozen=True)
class FileDates:
    made: date
    changed: date


def last_changed(root: Path, folders: Iterable[str]) -> dict[str, FileDates]:
    """When each file under `folders` (relative to `root`) was made and last changed, by its path
    relative to `root` with forward slashes."""
    folders = list(folders)
    files = [path for folder in folders for path in sorted((root / folder).rglob("*")) if path.is_file()]
    committed = _commit_dates(root, folders)
    dirty = _uncommitted(root, folders)
    dates: dict[str, FileDates] = {}
    for path in files:
        name = path.relative_to(root).as_posix()
        known = committed.get(name)
        if known is None:
            dates[name] = FileDates(_modified(path), _modified(path))
        else:
            dates[name] = FileDates(known.made, _modified(path)) if name in dirty else known
    return dates


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=GIT_TIMEOUT,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _commit_dates(root: Path, folders: list[str]) -> dict[str, FileDates]:
    """The oldest and newest commit of each path, from one `git log` (newest commit first)."""
    out = _git(root, "log", "--relative", "--no-renames", "--name-only", "--format=@%ct", "--", *folders)
    newest: dict[str, date] = {}
    oldest: dict[str, date] = {}
    current: date | None = None
    for line in (out or "").splitlines():
        if line.startswith("@"):
            current = datetime.fromtimestamp(int(line[1:]), UTC).date()
        elif line and current is not None:
            newest.setdefault(line, current)
            oldest[line] = current
    return {name: FileDates(oldest[name], day) for name, day in newest.items()}


def _uncommitted(root: Path, folders: list[str]) -> set[str]:
    """Paths (relative to `root`) that differ from the last commit, or that git does not track."""
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", *folders)
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    paths = set()
    for item in (out or "").split("\0"):
        if len(item) > 3:
            paths.add(item[3:].removeprefix(prefix))
    return paths


def _modified(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
