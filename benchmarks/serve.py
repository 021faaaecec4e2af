"""Save-to-reload under `mkdocs serve`: edit one entry, wait until the served page shows it.

MkDocs' dev server holds every HTML request while a rebuild runs and answers with the new site
once it is complete (the moment browsers are told to reload), so the first response with the
edit marks the end of the rebuild. Each edit is then checked across the previewed site.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.config import load_config

from measure import BIN, ENV, CommandFailed, Run


@dataclass
class Edit:
    """One edited entry and where its change must show."""

    entry_id: str
    path: Path
    pages: dict[str, str]  # what -> URL path


@dataclass
class ServeResult:
    runs: list[Run] = field(default_factory=list)
    startup_seconds: float = 0.0
    checks: dict[str, bool] = field(default_factory=dict)  # what -> shown correctly after every edit
    peak_rss_mib: float = 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 120) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def measure_serve(project: Path, edit: Edit, *, dirty: bool, edits: int, log: Path,
                  start_timeout: float, reload_timeout: float) -> ServeResult:
    """Start `mkdocs serve`, make `edits` edits to one entry, time each save-to-reloaded-page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}" + mount_path(project / "mkdocs.yml")
    command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    result = ServeResult()
    original = edit.path.read_text(encoding="utf-8")
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            _wait(lambda: fetch(base + "/", timeout=5) is not None, start_timeout, "the server to start", process)
            result.startup_seconds = time.perf_counter() - start
            # The first index is written beside the server, after the first build: wait for it, or
            # an edit would be compared with no index at all.
            _wait(lambda: _search_index(base)["pages"], start_timeout, "the first search index", process)
            index_before = _search_index(base)
            time.sleep(1.0)  # let the file watcher take its first snapshot
            for number in range(1, edits + 1):
                marker = f"Benchmark edit {number} {int(time.time() * 1000) % 100000}"
                data = yaml.load(original, Loader=yaml.BaseLoader)  # every value stays text
                data["title"] = marker
                cpu_before = _cpu_seconds(process.pid)
                saved = time.perf_counter()
                edit.path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
                _wait(lambda: marker in (fetch(base + edit.pages["event page"]) or ""), reload_timeout,
                      "the edited page", process, interval=0.05)
                result.runs.append(Run(time.perf_counter() - saved, 0.0, _cpu_seconds(process.pid) - cpu_before))
                for what, url in edit.pages.items():
                    shown = marker in (fetch(base + url) or "")
                    result.checks[what] = result.checks.get(what, True) and shown
                # The index is rebuilt beside the server after the reload: wait for it.
                deadline = time.perf_counter() + reload_timeout
                index = _search_index(base)
                # A full rebuild (plain `mkdocs serve`) cleans the site, index and all, before the
                # new index is written: an absent index is not yet the rebuilt one.
                while (index["hashes"] == index_before["hashes"] or not index["pages"]) \
                        and time.perf_counter() < deadline:
                    time.sleep(0.2)
                    index = _search_index(base)
                result.checks["search index rebuilt"] = (result.checks.get("search index rebuilt", True)
                                                         and index["hashes"] != index_before["hashes"])
                result.checks["search index keeps every page once"] = (
                    result.checks.get("search index keeps every page once", True)
                    and index["pages"] == index_before["pages"]
                )
                index_before = index
            result.peak_rss_mib = _peak_rss_mib(process.pid)
        finally:
            edit.path.write_text(original, encoding="utf-8")
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return result


def mount_path(config_file: Path) -> str:
    """The path part of site_url, under which `mkdocs serve` serves the site ('' for the root);
    read by MkDocs itself, since site_url may come from the environment (`!ENV`)."""
    return urlsplit(load_config(str(config_file)).site_url or "").path.rstrip("/")


def _wait(condition, timeout: float, what: str, process: subprocess.Popen[bytes], interval: float = 0.3) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise CommandFailed(f"mkdocs serve exited while waiting for {what}")
        if condition():
            return
        time.sleep(interval)
    raise CommandFailed(f"timed out after {timeout:.0f} s waiting for {what}")


def _search_index(base: str) -> dict[str, object]:
    """Pagefind's entry file: each language's index hash (new after a rebuild that changed text)
    and the number of pages (an edit must not add or lose any)."""
    languages = json.loads(fetch(base + "/pagefind/pagefind-entry.json") or "{}").get("languages", {})
    return {"hashes": sorted(language["hash"] for language in languages.values()),
            "pages": sum(language["page_count"] for language in languages.values())}


def _cpu_seconds(pid: int) -> float:
    """User + system time the server has used so far (fields 14 and 15 of /proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mib(pid: int) -> float:
    """The server's high-water mark of resident memory (VmHWM), while it still runs."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")
