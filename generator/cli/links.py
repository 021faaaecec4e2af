"""`python -m generator links`: report dead, moved and timed-out sources (see generator/links)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from generator.model.problems import format_problems, summary_line

DEFAULT_CACHE = Path(".cache/links.json")


def add_command(commands: Any) -> None:
    links = commands.add_parser(
        "links", help="request every source address and report dead (error), moved and timed-out ones (warning)",
        description="Requests every source's url (and archive_url with --archives), and nothing else. "
        "Exit 1 when a source is dead and has no working archived copy.",
    )
    links.add_argument("paths", nargs="*", type=Path, help="only the sources in these files or folders")
    links.add_argument("--archives", action="store_true", help="also check every archive_url")
    links.add_argument("--format", choices=["text", "github"], default="text")
    links.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                       help=f"results kept for a day, by address (default: {DEFAULT_CACHE})")
    links.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    links.add_argument("--max-age", type=_positive, default=24.0, metavar="HOURS",
                       help="how long a cached result counts (default: 24)")
    links.add_argument("--timeout", type=_positive, default=20.0, metavar="S",
                       help="seconds per address, redirects and retries included (default: 20)")
    links.add_argument("--per-host", type=_count, default=4, metavar="N",
                       help="requests at a time to one host (default: 4)")
    links.add_argument("--concurrency", type=_count, default=16, metavar="N",
                       help="addresses checked at a time (default: 16)")
    links.add_argument("--retries", type=_whole, default=2, metavar="N",
                       help="retries after 429 or 5xx, with exponential backoff (default: 2)")
    links.add_argument("--allow-private", action="store_true",
                       help="also request localhost and private network addresses (tests, local mirrors)")
    links.set_defaults(run=run)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got '{text}'")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000, got '{text}'")
    return int(text)


def _whole(text: str) -> int:
    if not text.isdigit() or int(text) > 10:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 10, got '{text}'")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from generator.links import ResultCache, Settings, check_links, judge, load_links  # only `links` needs httpx

    started = time.monotonic()
    result, links = load_links(args.entries, Path.cwd(), archives=args.archives)
    if result.project is None:
        print(format_problems(result.problems, args.format))
        print(summary_line(result.problems, result.files_checked))
        print("error: fix the problems above (`check`); no address was requested", file=sys.stderr)
        return 1
    if args.paths:
        wanted = [os.path.relpath(p.resolve(), Path.cwd()).replace(os.sep, "/").rstrip("/") for p in args.paths]
        links = [link for link in links if any(link.path == w or link.path.startswith(w + "/") for w in wanted)]
    settings = Settings(timeout=args.timeout, per_host=args.per_host, concurrency=args.concurrency,
                        retries=args.retries, allow_private=args.allow_private)
    cache = ResultCache(None if args.no_cache else args.cache, max_age=args.max_age * 3600)
    results, from_cache = check_links(links, settings, cache)
    cache.save()
    report = judge(links, results)
    if report.problems:
        print(format_problems(report.problems, args.format))
    files = len({link.path for link in links})
    print(summary_line(report.problems, files))
    addresses = len(results)
    counts = ", ".join(f"{report.counts[v]} {label}" for v, label in
                       (("dead", "dead"), ("moved", "moved"), ("timeout", "timed out"), ("unsure", "unconfirmed")))
    print(f"{addresses} address{'es' if addresses != 1 else ''} ({from_cache} from the cache) in "
          f"{time.monotonic() - started:.1f} s: {counts}")
    return report.exit_code
