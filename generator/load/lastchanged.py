"""When each file of the project last changed: the date a sitemap gives crawlers for its page.

A file's date is that of the last commit that touched it; a file with changes not yet committed
(or one git does not track, or any file outside a git work tree) has its modification time
instead. So a rebuild of an unchanged checkout gives the same dates, and a page whose file did not
change keeps its date however often the site is built. Dates are UTC calendar days. A shallow
clone knows only its last commit: publish from a full clone (`fetch-depth: 0`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

GIT_TIMEOUT = 30  # seconds; past that every file gets its modification time


def last_changed(root: Path, folders: Iterable[str]) -> dict[str, date]:
    """The date each file under `folders` (relative to `root`) last changed, by its path relative
    to `root` with forward slashes."""
    folders = list(folders)
    files = [path for folder in folders for path in sorted((root / folder).rglob("*")) if path.is_file()]
    committed = _commit_dates(root, folders)
    dirty = _uncommitted(root, folders)
    dates: dict[str, date] = {}
    for path in files:
        name = path.relative_to(root).as_posix()
        known = committed.get(name)
        dates[name] = known if known is not None and name not in dirty else _modified(path)
    return dates


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=GIT_TIMEOUT,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _commit_dates(root: Path, folders: list[str]) -> dict[str, date]:
    """The newest commit of each path, from one `git log` (newest commit first)."""
    out = _git(root, "log", "--relative", "--no-renames", "--name-only", "--format=@%ct", "--", *folders)
    dates: dict[str, date] = {}
    current: date | None = None
    for line in (out or "").splitlines():
        if line.startswith("@"):
            current = datetime.fromtimestamp(int(line[1:]), UTC).date()
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


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
