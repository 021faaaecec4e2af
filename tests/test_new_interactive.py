"""`new` without all its flags: questions in a real pseudo-terminal, a usage error without one."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import yaml

from conftest import ENV, run_cli


class Terminal:
    """`python -m generator ARGS` attached to a pseudo-terminal, as when a person runs it."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", *args],
            cwd=cwd, env=ENV, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
        )
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 30) -> str:
        """Read until `text` has been printed; what came before it, from the last `expect` on."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"waited for {text!r}; the terminal shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096).decode("utf-8", "replace")
                except OSError:  # the program ended and closed the terminal
                    chunk = ""
                assert chunk, f"the program ended before printing {text!r}:\n{self.seen}"
                self.seen += chunk.replace("\r\n", "\n")
        before, _, self.seen = self.seen.partition(text)
        return before

    def answer(self, line: str) -> None:
        os.write(self.master, line.encode("utf-8") + b"\n")

    def finish(self, timeout: float = 60) -> int:
        try:
            return self.process.wait(timeout)
        finally:
            os.close(self.master)


def test_new_asks_for_each_missing_value_and_asks_again_on_a_bad_answer(project: Path) -> None:
    terminal = Terminal("new", cwd=project)
    terminal.expect("Title (one line of plain text): ")
    terminal.answer("Facebook launches Lasso, a TikTok clone")
    terminal.expect("Date (YYYY, YYYY-MM or YYYY-MM-DD): ")
    terminal.answer("2018-11-31")
    complaint = terminal.expect("Date (YYYY, YYYY-MM or YYYY-MM-DD): ")
    assert "day must be 01 to 30 in that month" in complaint
    terminal.answer("2018-11-09")
    terminal.expect("Company (its key in entries/companies.yaml, e.g. meta): ")
    terminal.answer("facebok")
    assert "did you mean 'meta'?" in terminal.expect("Company (")
    terminal.answer("meta")
    terminal.expect("Kind (original, copy, ")
    terminal.answer("cpoy")
    assert "did you mean 'copy'?" in terminal.expect("Kind (")
    terminal.answer("copy")
    terminal.expect("Id, the file name [facebook-launches-lasso-a-tiktok-clone]: ")
    terminal.answer("instagram-stories")
    assert "already used by" in terminal.expect("Id, the file name [")
    terminal.answer("")  # accepts the suggestion
    terminal.expect("Copy of (ids of the originals, separated by spaces): ")
    terminal.answer("snapchat-launh")
    assert "did you mean 'snapchat-launch'?" in terminal.expect("Copy of (")
    terminal.answer("snapchat-launch")
    terminal.expect("Themes, separated by spaces (stories, video): ")
    terminal.answer("vidoe")
    assert "did you mean 'video'?" in terminal.expect("Themes, ")
    terminal.answer("video")
    report = terminal.expect("created entries/2018/facebook-launches-lasso-a-tiktok-clone.yaml")
    assert "warning: title: looks like 'lasso-launch' (entries/2018/lasso-launch.yaml)" in report
    assert terminal.finish() == 0

    data = yaml.safe_load((project / "entries/2018/facebook-launches-lasso-a-tiktok-clone.yaml").read_text("utf-8"))
    assert data["title"] == "Facebook launches Lasso, a TikTok clone"
    assert (data["date"], data["company"], data["kind"]) == ("2018-11-09", "meta", "copy")
    assert data["copy_of"] == ["snapchat-launch"] and data["themes"] == ["video"]
    assert run_cli("check", cwd=project).returncode == 0


def test_new_asks_only_for_what_the_flags_leave_out_and_again_for_a_bad_flag(project: Path) -> None:
    terminal = Terminal("new", "--title", "Snapchat adds Spotlight", "--date", "2020-13",
                        "--kind", "milestone", "--theme", "video", cwd=project)
    assert "--date: month must be 01 to 12" in terminal.expect("Date (")
    terminal.answer("2020-11")
    terminal.expect("Company (")
    terminal.answer("snap")
    terminal.expect("Id, the file name [snapchat-adds-spotlight]: ")
    terminal.answer("snap-spotlight")
    terminal.expect("created entries/2020/snap-spotlight.yaml")
    assert "Title (" not in terminal.seen and "Themes" not in terminal.seen
    assert terminal.finish() == 0
    data = yaml.safe_load((project / "entries/2020/snap-spotlight.yaml").read_text("utf-8"))
    assert (data["title"], data["date"], data["themes"]) == ("Snapchat adds Spotlight", "2020-11", ["video"])


def test_new_stops_cleanly_when_the_terminal_closes_its_input(project: Path) -> None:
    before = sorted(p.relative_to(project).as_posix() for p in (project / "entries").rglob("*"))
    terminal = Terminal("new", "--date", "2020", cwd=project)
    terminal.expect("Title (")
    os.write(terminal.master, b"\x04")  # Ctrl-D: end of input
    terminal.expect("no answer; nothing was written")
    assert terminal.finish() == 1
    assert "Traceback" not in terminal.seen
    assert sorted(p.relative_to(project).as_posix() for p in (project / "entries").rglob("*")) == before


def test_new_without_a_terminal_and_without_flags_is_a_usage_error_not_a_wait(project: Path) -> None:
    result = run_cli("new", "--title", "Something", cwd=project, timeout=30)  # stdin is /dev/null
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m generator new")
    assert "missing --date, --company, --kind" in result.stderr
    assert sorted((project / "entries").glob("*/something.yaml")) == []


def test_new_without_a_terminal_on_a_pipe_does_not_read_it(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "new"], cwd=project, env=ENV, input="Title\n2020\nmeta\n",
        capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "missing --title, --date, --company, --kind" in result.stderr
