"""Folders of valid and invalid entries, each checked by the real CLI against its expected problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli

CASES = Path(__file__).parent / "cases"


def _place(project: Path, case: Path) -> str:
    year = case.read_text(encoding="utf-8").splitlines()[0].removeprefix("# year: ").strip()
    target = project / "entries" / year / f"{case.stem}.yaml"
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(case, target)
    return f"entries/{year}/{case.stem}.yaml"


@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_case_has_no_problem(project: Path, case: Path) -> None:
    shown = _place(project, case)
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    # Like the fixture's entries, the case is in English only: that warning, once per file, and nothing else.
    *reported, _ = result.stdout.splitlines()
    assert all(": warning: " in line and "no Chinese translation yet (optional)" in line for line in reported), reported
    assert len([line for line in reported if line.startswith(shown + ":")]) == 1


@pytest.mark.parametrize("case", sorted((CASES / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_case_reports_exactly_the_expected_problems(project: Path, case: Path) -> None:
    shown = _place(project, case)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr == ""
    reported = [line.removeprefix(shown + ":") for line in result.stdout.splitlines() if line.startswith(shown)]
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert reported == expected
