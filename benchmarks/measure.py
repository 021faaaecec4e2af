"""Timing, peak memory and sizes, measured on real subprocesses the way a maintainer runs them."""

from __future__ import annotations

import gzip
import os
import re
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
BIN = Path(sys.executable).parent


class CommandFailed(RuntimeError):
    pass


@dataclass
class Run:
    seconds: float  # wall-clock
    peak_rss_mib: float
    cpu_seconds: float = float("nan")  # user + system: less disturbed than wall time by other load
    # What the build's own log says the timeline plugin took (load, check, render), if asked for.
    generator_seconds: float = float("nan")


@dataclass
class Series:
    """Repeated measurements of one phase."""

    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def seconds(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.runs else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(run.cpu_seconds for run in self.runs) if self.runs else float("nan")

    @property
    def peak_rss_mib(self) -> float:
        return max((run.peak_rss_mib for run in self.runs), default=float("nan"))

    def cell(self) -> str:
        if not self.runs:
            return "not run" + (f" ({self.note})" if self.note else "")
        low, high = min(self.seconds), max(self.seconds)
        cpu = f"; CPU {self.cpu_median:.2f} s" if self.cpu_median == self.cpu_median else ""
        return f"{self.median:.2f} s ({low:.2f}–{high:.2f}, n={len(self.runs)}{cpu})"


# The timeline plugin's log line in every build (generator/mkdocs_plugin/plugin.py, on_files).
GENERATOR_LOG = re.compile(rb"timeline: Loaded \d+ entries and generated .* in ([0-9.]+) seconds")


def run(command: list[str], cwd: Path, timeout: float) -> Run:
    """Run `command` to completion; wall time and the peak resident memory of that process tree,
    and the plugin's own time when the output reports it.

    os.wait4 gives the rusage of this child alone (and what it waited for), unlike
    RUSAGE_CHILDREN, which is the maximum over every child so far.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                raise CommandFailed(f"{' '.join(command)} took longer than {timeout:.0f} s")
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
        if process.returncode != 0:
            tail = text.decode("utf-8", "replace")[-3000:]
            raise CommandFailed(f"{' '.join(command)} exited with {process.returncode}:\n{tail}")
    reported = GENERATOR_LOG.findall(text)
    generator = float(reported[-1]) if reported else float("nan")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, generator)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


@dataclass(frozen=True)
class Size:
    path: str
    raw: int
    gz: int

    def cell(self) -> str:
        return f"`{self.path}` {kib(self.raw)} raw, {kib(self.gz)} gzipped"


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KiB"


def size_of(site: Path, path: Path) -> Size:
    data = path.read_bytes()
    return Size(path.relative_to(site).as_posix(), len(data), gzip_size(data))


def largest_page(site: Path) -> Size:
    """The HTML page with the largest gzipped size (gzip only the few largest raw pages)."""
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)[:20]
    return max((size_of(site, page) for page in pages), key=lambda s: s.gz)


def load_average() -> str:
    """The 1-minute load average: above the number of CPUs, other work competed with the benchmark."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU model": cpu,
        "memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "MkDocs": metadata.version("mkdocs"),
        "Material for MkDocs": metadata.version("mkdocs-material"),
        "PyYAML with libyaml": str(_has_libyaml()),
    }


def _has_libyaml() -> bool:
    try:
        from yaml import CSafeLoader  # noqa: F401
    except ImportError:
        return False
    return True
