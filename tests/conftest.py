"""Shared fixtures: a small real project in a temp dir, and the real CLI and MkDocs as subprocesses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loader import load_project
from generator.model import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project (mkdocs.yml, docs/, entries/)."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )


def mkdocs_build(project: Path, site: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of `project` into `site`."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=ENV, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_fixture(entries: Path = FIXTURE / "entries") -> Project:
    """The fixture project's entries, loaded and validated as the plugin loads them."""
    result = load_project(entries)
    assert result.project is not None, result.problems
    return result.project
