"""`mkdocs serve` as a maintainer uses it: entries are watched, errors shown, and recovered from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import get, mkdocs_serve, wait_for, write

pytestmark = pytest.mark.build

ENTRY = (
    'title: "{title}"\ndate: "2019"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
    "summary: Added while serving.[1]\nsources:\n  - publisher: p\n    title: t\n    url: https://example.org/\n"
)


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as base:
        yield base, log


def test_serve_rebuilds_on_entry_changes_and_recovers_from_errors(server: tuple[str, Path], project: Path) -> None:
    base, log = server
    assert "Watching paths for changes" in log.read_text() and "entries" in log.read_text()
    entry = write(project / "entries/2019/added-live.yaml", ENTRY.format(title="First version"))
    wait_for(lambda: "First version" in (get(base + "/events/added-live/") or ""), "the new entry's page")

    entry.write_text("title: [broken\n", encoding="utf-8")
    wait_for(lambda: "Invalid timeline entries" in log.read_text(), "the error report")
    assert "entries/2019/added-live.yaml:2:1: error: invalid YAML" in log.read_text()
    assert "Traceback" not in log.read_text()

    entry.write_text(ENTRY.format(title="Fixed version"), encoding="utf-8")
    wait_for(lambda: "Fixed version" in (get(base + "/events/added-live/") or ""), "recovery after the fix")
    assert "Fixed version" in (get(base + "/timeline/") or "")
