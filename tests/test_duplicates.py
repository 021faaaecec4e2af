"""Near-duplicate warnings as `check` prints them: limited to a file, and as annotations (the
rules: tests/unit/test_duplicates.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from unit.test_duplicates import _entry


def test_the_warning_shows_in_a_check_limited_to_the_new_file_and_as_an_annotation(project: Path) -> None:
    shown = _entry(project, "2016", "stories-on-instagram", title="Stories launch on Instagram",
                   date="2016-08", kind="milestone")
    result = run_cli("check", "--format", "github", shown, cwd=project)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::warning file={shown},line=1,col=1::no Chinese translation yet")  # English only
    assert lines[1].startswith(f"::warning file={shown},line=1,col=8::title: looks like 'instagram-stories' (entries/2016/")
    assert len(lines) == 3  # the two annotations and the summary line
