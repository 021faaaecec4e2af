"""Nothing is lost: `check`, a build (good or failing) and a `mkdocs serve` rebuild never change a
byte under docs/ or entries/, nor add or remove anything there. Generated pages live in memory."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import get, mkdocs_build, mkdocs_serve, run_cli, wait_for, write

pytestmark = pytest.mark.build

HOSTILE = Path(__file__).parent / "hostile"
ENTRY = (
    'title: "{title}"\ndate: "2019"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
    "summary: Added while serving.[1]\nsources:\n  - publisher: p\n    title: t\n    url: https://example.org/served\n"
)


def checksums(project: Path) -> dict[str, str]:
    """Every path under docs/ and entries/ with the digest of its bytes (or what it is, if not a file)."""
    found = {}
    for top in ("docs", "entries"):
        for path in sorted((project / top).rglob("*")):
            name = path.relative_to(project).as_posix()
            if path.is_symlink():
                found[name] = "symlink to " + os.readlink(path)
            elif path.is_file():
                found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[name] = "folder" if path.is_dir() else "special file"
    return found


def _with_hostile_but_accepted_entries(project: Path) -> None:
    for name in ("script-in-plain-text", "template-syntax", "bom-utf8"):
        (project / f"entries/2016/{name}.yaml").write_bytes((HOSTILE / f"{name}.yaml").read_bytes())


def test_check_changes_nothing(project: Path) -> None:
    _with_hostile_but_accepted_entries(project)
    write(project / "entries/2016/broken.yaml", "title: [\n")
    before = checksums(project)
    assert run_cli("check", cwd=project).returncode == 1
    assert run_cli("check", "--format", "github", cwd=project).returncode == 1
    assert checksums(project) == before


def test_a_build_changes_nothing_whether_it_succeeds_or_fails(project: Path, tmp_path: Path) -> None:
    _with_hostile_but_accepted_entries(project)
    before = checksums(project)
    assert mkdocs_build(project, tmp_path / "good").returncode == 0
    assert checksums(project) == before

    write(project / "entries/2016/broken.yaml", "title: [\n")
    before = checksums(project)
    assert mkdocs_build(project, tmp_path / "bad").returncode == 1
    assert checksums(project) == before


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` on the project at a free port: its base URL and its log."""
    _with_hostile_but_accepted_entries(project)
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as base:
        yield base, log


def test_serve_and_its_rebuilds_change_nothing(served: tuple[str, Path], project: Path) -> None:
    base, log = served
    before = checksums(project)
    entry = write(project / "entries/2019/served.yaml", ENTRY.format(title="First version"))
    ours = checksums(project)  # exactly our own change, nothing else
    assert ours == {**before, "entries/2019": "folder", "entries/2019/served.yaml": ours["entries/2019/served.yaml"]}
    wait_for(lambda: "First version" in (get(base + "/events/served/") or ""), "the rebuild with the new entry")
    assert checksums(project) == ours

    entry.write_text("title: [broken\n", encoding="utf-8")
    ours = checksums(project)
    wait_for(lambda: "Invalid timeline entries" in log.read_text(), "the failed rebuild")
    assert checksums(project) == ours

    entry.write_text(ENTRY.format(title="Fixed version"), encoding="utf-8")
    ours = checksums(project)
    wait_for(lambda: "Fixed version" in (get(base + "/events/served/") or ""), "the rebuild after the fix")
    time.sleep(1)  # a late write by the server would show now
    assert checksums(project) == ours
