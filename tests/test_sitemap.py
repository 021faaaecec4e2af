"""The sitemap's <lastmod>: the day each page's file last changed, not the day of the build."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import mkdocs_build

pytestmark = pytest.mark.build

OLD = "2020-01-02T03:04:05+00:00"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": OLD, "GIT_COMMITTER_DATE": OLD, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_lastmod_is_the_day_the_entry_changed(project: Path, tmp_path: Path) -> None:
    (project / "docs/about.md").write_text("# About\n\nA hand-written page.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Tags: tags.md\n", "  - Tags: tags.md\n  - about.md\n"),
                      encoding="utf-8")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "entries of 2020")
    changed = project / "entries/2018/lasso-launch.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# edited today\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{NS}url")
    lastmod = {u.findtext(f"{NS}loc", "").removeprefix("https://example.org/"): u.findtext(f"{NS}lastmod") for u in urls}
    today = datetime.now(UTC).date().isoformat()
    assert lastmod["events/lasso-launch/"] == today
    assert lastmod["events/snapchat-stories/"] == "2020-01-02"  # unchanged since its commit
    assert lastmod["about/"] == "2020-01-02"  # a hand-written page: its own file
    assert lastmod[""] == today  # the home page shows the copy map: its entries' newest change
    assert lastmod["timeline/"] == today  # a list of entries: the newest change among them
