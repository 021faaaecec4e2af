"""Shared fixtures: a small real project in a temp dir, and the real CLI and MkDocs as subprocesses."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.model.entries import Project
from generator.site.render import Artifact, render_site
from generator.site.templating import CompiledTemplates

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "project"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def search_records(site: Path) -> dict[str, dict[str, object]]:
    """Pagefind's record of each indexed page (url, content, meta, filters), by URL: its fragment
    files are gzipped JSON after a signature."""
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        records[record["url"]] = record
    return records


def search_page_count(base: str) -> int:
    """How many pages the served site's search index holds, for every language together."""
    entry = json.loads(get(base + "/pagefind/pagefind-entry.json") or "{}")
    return sum(language["page_count"] for language in entry.get("languages", {}).values())


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


# The unit tests render the site hundreds of times: each template is compiled once for all of them,
# as `mkdocs serve` keeps the compiled templates from one rebuild to the next.
TEMPLATES = CompiledTemplates()


def rendered_site(project: Project, **options: object) -> list[Artifact]:
    """render_site, with the session's compiled templates."""
    return render_site(project, compiled_templates=TEMPLATES, **options)  # type: ignore[arg-type]


def get(url: str) -> str | None:
    """The body of a local page, or None while it is not there (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def mkdocs_serve(project: Path, log: Path, *options: str) -> Iterator[str]:
    """A real `mkdocs serve` of `project` on a free local port; yields its base URL once it answers.
    Its output goes to `log`, which tests read for the problems it reports."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(lambda: get(base + "/") is not None, "the server's first build")
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)
