"""`links`: are the entries' sources still there? The core of the command, free of MkDocs.

`load_links` finds every address with its place, `check_urls` asks the servers (only those
addresses), `ResultCache` remembers answers for a day, and `judge` turns results into problems
printed by the same reporter as `check`: dead is an error, moved, timed out or unsure a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.links.cache import ResultCache
from generator.links.checker import Result, Settings, check_urls
from generator.links.sources import Link, load_links
from generator.model.problems import Problem, excerpt

__all__ = ["Link", "Report", "Result", "ResultCache", "Settings", "check_urls", "judge", "load_links", "check_links"]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    uncovered_dead: int = 0  # dead sources with no (working) archived copy: the exit status

    @property
    def exit_code(self) -> int:
        return 1 if self.uncovered_dead else 0


def check_links(links: list[Link], settings: Settings, cache: ResultCache) -> tuple[dict[str, Result], int]:
    """A result for every address: from the cache when fresh, else from its server. Returns the
    results and how many came from the cache."""
    wanted = list(dict.fromkeys(link.url for link in links))
    cached = {url: hit for url in wanted if (hit := cache.get(url)) is not None}
    fresh = check_urls([url for url in wanted if url not in cached], settings)
    cache.update(fresh.values())
    return {**cached, **fresh}, len(cached)


def judge(links: list[Link], results: dict[str, Result]) -> Report:
    report = Report()
    for link in links:
        result = results[link.url]
        report.counts[result.verdict] += 1
        if result.verdict == "ok":
            continue
        if result.verdict == "dead":
            archive = results.get(link.archive_url) if link.archive_url else None
            if link.is_archive:
                note = "the archived copy is gone: find another snapshot or remove archive_url"
            elif link.archive_url and (archive is None or archive.verdict != "dead"):
                note = "readers are sent to its archive_url; consider replacing the source"
            else:
                report.uncovered_dead += 1
                note = ("no working archived copy: add archive_url (https://web.archive.org/web/<YYYYMMDD>/<url>) "
                        "or replace the source")
            report.problems.append(link.problem(f"dead link ({result.detail}): {note}", "error"))
        elif result.verdict == "moved":
            moved = excerpt(result.moved_to or "", 300)
            report.problems.append(link.problem(f"moved permanently to {moved}: update the address", "warning"))
        elif result.verdict == "timeout":
            report.problems.append(link.problem(f"timed out ({result.detail})", "warning"))
        else:
            report.problems.append(link.problem(f"could not be confirmed ({result.detail}): open it in a browser",
                                                "warning"))
    return report
