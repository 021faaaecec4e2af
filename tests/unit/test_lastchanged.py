"""When files last changed (the sitemap's <lastmod>): from git, or the file's time outside it."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from generator.load.lastchanged import FileDates, last_changed

OLD = "2020-01-02T03:04:05+00:00"


def _git(root: Path, *args: str, date: str = OLD) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _files(root: Path) -> None:
    for name in ("entries/2016/a.yaml", "entries/2016/b.yaml", "docs/index.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")


def test_a_committed_file_has_its_commit_day_and_a_changed_one_today(tmp_path: Path) -> None:
    root = tmp_path / "repo" / "site"  # the project in a subfolder of its repository
    _files(root)
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", ".")
    _git(tmp_path / "repo", "commit", "-qm", "first")
    (root / "docs/index.md").write_text("changed and committed", encoding="utf-8")
    _git(tmp_path / "repo", "commit", "-qam", "second", date="2021-03-04T05:06:07+00:00")
    (root / "entries/2016/b.yaml").write_text("changed", encoding="utf-8")
    (root / "entries/2016/c.yaml").write_text("new", encoding="utf-8")
    dates = last_changed(root, ["entries", "docs"])
    today, old = datetime.now(UTC).date(), date(2020, 1, 2)
    assert dates == {"entries/2016/a.yaml": FileDates(old, old), "entries/2016/b.yaml": FileDates(old, today),
                     "entries/2016/c.yaml": FileDates(today, today),
                     "docs/index.md": FileDates(old, date(2021, 3, 4))}
    assert last_changed(root, ["entries", "docs"]) == dates  # the same checkout, the same dates


def test_outside_git_a_file_has_its_modification_day(tmp_path: Path) -> None:
    _files(tmp_path)
    stamp = datetime(2019, 5, 6, 12, tzinfo=UTC).timestamp()
    os.utime(tmp_path / "entries/2016/a.yaml", (stamp, stamp))
    dates = last_changed(tmp_path, ["entries"])
    assert dates["entries/2016/a.yaml"] == FileDates(date(2019, 5, 6), date(2019, 5, 6))
    assert dates["entries/2016/b.yaml"].changed == datetime.now(UTC).date()
