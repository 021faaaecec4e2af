"""The link checker against real servers on 127.0.0.1 (tests/linkserver.py): never the internet.

Each kind of answer gets its verdict; the real CLI prints `path:line:col: level: message` and
exits 1 only for a dead source without an archived copy; a rerun is answered from the cache; the
servers see requests for nothing but the listed addresses (and where they redirect); and 200
addresses with 10% hanging finish within the timeout plus 10%, in little memory.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli, write
from generator.links import Link, Result, judge
from generator.links.cache import ResultCache
from generator.links.checker import Settings, check_urls, private_address, retry_after

sys.path.insert(0, str(Path(__file__).parent))
from linkserver import FIXED, GarbageServer, HangServer, LinkServer  # noqa: E402

FAST = Settings(timeout=2.5, backoff=0.1, allow_private=True)
# path -> (verdict, the path it moved to)
EXPECTED = {
    "/ok": ("ok", None),
    "/missing": ("dead", None),
    "/gone": ("dead", None),
    "/forbidden": ("unsure", None),
    "/always-503": ("unsure", None),
    "/moved": ("moved", "/new-home"),  # 301 then 308: the final address
    "/moved-then-temporary": ("moved", "/temporary-hop"),  # only the permanent part of the chain
    "/temporary": ("ok", None),
    "/moved-to-missing": ("dead", None),
    "/loop-a": ("dead", None),
    "/busy-seconds": ("ok", None),  # 429, Retry-After: 1, then 200
    "/busy-date": ("ok", None),  # 429, Retry-After: an HTTP date, then 200
    "/flaky": ("ok", None),  # 503 then 200
    "/no-head": ("ok", None),  # HEAD refused with 405, GET answers
}


@pytest.fixture
def servers() -> Iterator[tuple[LinkServer, HangServer, GarbageServer]]:
    with LinkServer() as http, HangServer() as hang, GarbageServer() as garbage:
        yield http, hang, garbage


def _redirect_targets(paths: set[str]) -> set[str]:
    """The paths the server's redirects lead to from `paths`, followed to the end."""
    found = set(paths)
    while True:
        more = {FIXED[p][1] for p in found if p in FIXED and FIXED[p][1]} - found
        if not more:
            return {p for p in found if p is not None}
        found |= more  # type: ignore[arg-type]


def test_each_answer_gets_its_verdict(servers: tuple[LinkServer, HangServer, GarbageServer]) -> None:
    http, hang, garbage = servers
    urls = {http.url(path): want for path, want in EXPECTED.items()}
    hanging, not_http, tls = hang.url("/slow"), garbage.url("/noise"), http.url("/ok").replace("http://", "https://")
    started = time.monotonic()
    results = check_urls([*urls, hanging, not_http, tls], FAST)
    elapsed = time.monotonic() - started

    for url, (verdict, moved) in urls.items():
        assert (results[url].verdict, results[url].moved_to) == (verdict, moved and http.url(moved)), url
    assert results[hanging].verdict == "timeout"
    assert results[not_http].verdict == "dead" and "not answer in HTTP" in results[not_http].detail
    assert results[tls].verdict == "dead" and "TLS" in results[tls].detail
    assert results[http.url("/loop-a")].detail == "redirect loop"
    assert results[http.url("/missing")].status == 404
    assert elapsed < FAST.timeout * 1.5  # the hang costs the timeout once, concurrently with the rest

    # Nothing but the listed addresses and where they redirect: no robots.txt, no favicon.
    seen = http.paths()
    assert set(seen) <= _redirect_targets(set(EXPECTED)), set(seen) - _redirect_targets(set(EXPECTED))
    methods = [(m, p) for m, p, _ in http.requests if p == "/no-head"]
    assert methods == [("HEAD", "/no-head"), ("GET", "/no-head")]
    times = [t for _, p, t in http.requests if p == "/busy-seconds"]
    assert len(times) == 2 and times[1] - times[0] >= 0.9  # Retry-After: 1 was honoured
    assert seen.count("/always-503") == FAST.retries + 1  # retried, then given up
    assert hang.accepted == 1 and garbage.accepted == 1


def test_retry_after_reads_seconds_and_dates() -> None:
    now = 1_000_000.0
    assert retry_after("7", now) == 7.0
    assert retry_after("Mon, 12 Jan 1970 13:46:50 GMT", now) == pytest.approx(10.0)
    assert retry_after("Mon, 12 Jan 1970 13:46:30 GMT", now) == 0.0  # in the past: no wait
    assert retry_after("soon", now) is None and retry_after(None, now) is None


def test_a_long_retry_after_is_capped_by_the_time_left(servers: tuple[LinkServer, HangServer, GarbageServer]) -> None:
    http, _, _ = servers
    started = time.monotonic()
    # Retry-After: 1 with 0.5 s in total: no time to wait, the 429 stands (unconfirmed, not dead).
    result = check_urls([http.url("/busy-seconds")], Settings(timeout=0.5, allow_private=True))
    assert result[http.url("/busy-seconds")].verdict == "unsure"
    assert time.monotonic() - started < 0.9


def test_private_addresses_are_not_requested_unless_allowed(servers: tuple[LinkServer, HangServer, GarbageServer]) -> None:
    http, _, _ = servers
    url = http.url("/ok")
    result = check_urls([url], Settings(timeout=2))[url]
    assert result.verdict == "unsure" and "not requested" in result.detail
    assert http.requests == []
    assert private_address("http://localhost:8000/") and private_address("http://[::1]/")
    assert private_address("http://169.254.169.254/latest/") and private_address("http://10.0.0.1/")
    assert not private_address("https://web.archive.org/web/2018/https://example.org/")


ENTRY = """\
title: Links of every kind
date: "2016"
kind: original
company: snap
themes: [stories]
summary: A source for each answer a server can give.[1][2][3][4][5]
sources:
  - publisher: A
    title: Still there
    url: {ok}
  - publisher: B
    title: Gone, with no archived copy
    url: {missing}
  - publisher: C
    title: Gone, with an archived copy
    url: {gone}
    archive_url: https://web.archive.org/web/2016/{gone}
  - publisher: D
    title: Moved
    url: {moved}
  - publisher: E
    title: Hangs
    url: {hang}
"""


def _project_with(project: Path, text: str) -> Path:
    """The fixture project with only this entry: no other address can be requested."""
    for folder in (project / "entries").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)
    return write(project / "entries" / "2016" / "links-of-every-kind.yaml", text)


def test_the_cli_reports_each_source_where_it_is_written_and_caches_the_answers(
    project: Path, servers: tuple[LinkServer, HangServer, GarbageServer],
) -> None:
    http, hang, _ = servers
    _project_with(project, ENTRY.format(
        ok=http.url("/ok"), missing=http.url("/missing"), gone=http.url("/gone"), moved=http.url("/moved"),
        hang=hang.url("/slow"),
    ))
    assert run_cli("check", cwd=project).returncode == 0
    args = ["links", "--allow-private", "--timeout", "1.5", "--cache", "state/links.json"]
    result = run_cli(*args, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr  # a dead source with no archived copy
    shown = "entries/2016/links-of-every-kind.yaml"
    lines = [line for line in result.stdout.splitlines() if line.startswith(shown)]
    assert [re.sub(r"\(.*", "", line.removeprefix(shown + ":")) for line in lines] == [
        "13:10: error: sources[1].url: dead link ",
        "16:10: error: sources[2].url: dead link ",
        "20:10: warning: sources[3].url: moved permanently to " + http.url("/new-home") + ": update the address",
        "23:10: warning: sources[4].url: timed out ",
    ]
    assert "no working archived copy: add archive_url" in lines[0]
    assert "readers are sent to its archive_url" in lines[1]
    assert "1 file checked: 2 errors, 2 warnings in 1 file" in result.stdout
    # The archived copy is not requested without --archives (it is on the internet).
    assert set(http.paths()) == {"/ok", "/missing", "/gone", "/moved", "/moved-again", "/new-home"}

    cache = json.loads((project / "state" / "links.json").read_text(encoding="utf-8"))
    assert set(cache["results"]) == {http.url(p) for p in ("/ok", "/missing", "/gone", "/moved")} | {hang.url("/slow")}

    requests, accepted = len(http.requests), hang.accepted
    again = run_cli(*args, "--format", "github", cwd=project)
    assert len(http.requests) == requests and hang.accepted == accepted  # nothing requested again
    assert again.returncode == 1
    assert f"::error file={shown},line=13,col=10::sources[1].url: dead link (HTTP 404 Not Found)" in again.stdout
    assert "5 addresses (5 from the cache)" in again.stdout

    # Only some files: the dead one is elsewhere, so this run passes.
    write(project / "entries" / "2017" / "fine.yaml", ENTRY.split("  - publisher: B")[0].replace("[1][2][3][4][5]", "[1]").replace('"2016"', '"2017"').format(ok=http.url("/ok")))
    only = run_cli(*args, "entries/2017", cwd=project)
    assert only.returncode == 0, only.stdout
    assert "1 address (1 from the cache)" in only.stdout


def test_a_damaged_cache_is_ignored_and_replaced(project: Path, servers: tuple[LinkServer, HangServer, GarbageServer]) -> None:
    http, _, _ = servers
    _project_with(project, ENTRY.split("  - publisher: B")[0].replace("[1][2][3][4][5]", "[1]").format(ok=http.url("/ok")))
    write(project / ".cache" / "links.json", '{"version": 1, "results": {"x": {"url": 5}}, ')
    result = run_cli("links", "--allow-private", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert http.paths() == ["/ok"]
    assert json.loads((project / ".cache" / "links.json").read_text(encoding="utf-8"))["version"] == 1


def test_entries_with_errors_are_not_checked(project: Path, servers: tuple[LinkServer, HangServer, GarbageServer]) -> None:
    http, _, _ = servers
    _project_with(project, ENTRY.split("  - publisher: B")[0].replace("[1][2][3][4][5]", "[1]").format(ok=http.url("/ok")).replace("kind: original", "kind: nope"))
    result = run_cli("links", "--allow-private", "--no-cache", cwd=project)
    assert result.returncode == 1
    assert "kind: must be one of" in result.stdout and "no address was requested" in result.stderr
    assert http.requests == []


def test_a_dead_archive_leaves_its_dead_source_uncovered() -> None:
    source = Link("https://example.org/a", "entries/2016/a.yaml", 10, 10, "sources[0].url",
                  archive_url="https://web.archive.org/web/2016/https://example.org/a")
    archive = Link(source.archive_url or "", "entries/2016/a.yaml", 11, 18, "sources[0].archive_url",
                   is_archive=True, source_url=source.url)
    dead = {url: Result(url, "dead", "HTTP 404 Not Found", 404) for url in (source.url, archive.url)}
    report = judge([source, archive], dead)
    assert report.exit_code == 1
    assert [p.level for p in report.problems] == ["error", "error"]
    assert "the archived copy is gone" in report.problems[1].message
    alive = {**dead, archive.url: Result(archive.url, "ok", "HTTP 200 OK", 200)}
    assert judge([source, archive], alive).exit_code == 0
    assert judge([source], {source.url: dead[source.url]}).exit_code == 0  # archive not checked: trusted


def test_old_cache_results_are_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    cache = ResultCache(path)
    cache.update([Result("https://a.example/", "ok", "HTTP 200 OK", 200, None, time.time() - 2 * 86400),
                  Result("https://b.example/", "dead", "HTTP 404 Not Found", 404, None, time.time())])
    cache.save()
    assert set(ResultCache(path).results) == {"https://b.example/"}


def test_two_hundred_addresses_with_ten_percent_hanging_finish_within_the_timeout(
    servers: tuple[LinkServer, HangServer, GarbageServer],
) -> None:
    http, hang, _ = servers
    timeout = 2.0
    urls = [hang.url(f"/hang/{i}") if i % 10 == 0 else http.url(f"/ok/{i}") for i in range(200)]
    settings = Settings(timeout=timeout, allow_private=True)
    started = time.monotonic()
    results = check_urls(urls, settings)
    elapsed = time.monotonic() - started
    verdicts = [results[url].verdict for url in urls]
    assert verdicts.count("timeout") == 20 and verdicts.count("ok") == 180
    assert elapsed <= timeout * 1.1, elapsed
    assert len(http.requests) == 180 and hang.accepted <= settings.per_host  # a silent host is left alone

    # The same run again, traced (tracing slows Python too much to time it): memory stays small.
    tracemalloc.start()
    check_urls([url.replace("/hang/", "/hang-again/") for url in urls], settings)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\n200 addresses, 20 hanging, timeout {timeout:g} s: {elapsed:.2f} s; peak traced memory {peak / 1e6:.1f} MB")
    assert peak < 20e6, peak
