"""`mkdocs serve` as a maintainer uses it: entries are watched, errors shown, and recovered from."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ENV, write

pytestmark = pytest.mark.build

ENTRY = (
    'title: "{title}"\ndate: "2019"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
    "summary: Added while serving.\nsources:\n  - publisher: p\n    title: t\n    url: https://example.org/\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(lambda: _get(base + "/") is not None, "the server to start")
            yield base, log
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_serve_rebuilds_on_entry_changes_and_recovers_from_errors(server: tuple[str, Path], project: Path) -> None:
    base, log = server
    assert "Watching paths for changes" in log.read_text() and "entries" in log.read_text()
    entry = write(project / "entries/2019/added-live.yaml", ENTRY.format(title="First version"))
    _wait_for(lambda: "First version" in (_get(base + "/events/added-live/") or ""), "the new entry's page")

    entry.write_text("title: [broken\n", encoding="utf-8")
    _wait_for(lambda: "Invalid timeline entries" in log.read_text(), "the error report")
    assert "entries/2019/added-live.yaml:2:1: error: invalid YAML" in log.read_text()
    assert "Traceback" not in log.read_text()

    entry.write_text(ENTRY.format(title="Fixed version"), encoding="utf-8")
    _wait_for(lambda: "Fixed version" in (_get(base + "/events/added-live/") or ""), "recovery after the fix")
    assert "Fixed version" in (_get(base + "/timeline/") or "")
