"""The command line: `python -m generator check | new | export | links`, a thin layer over the core.

Exit codes: 0 success, 1 problems found (or refused to overwrite), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.model.dates import PartialDate
from generator.cli import links as links_command
from generator.cli.interactive import NewEntry, complete
from generator.load.project import load_project
from generator.load.markdown_rules import is_safe_url
from generator.model.entries import KINDS
from generator.model.problems import OutputFormat, Problem, format_problems, has_errors, summary_line
from generator.scaffold import ScaffoldError, create_entry

# Where the site is published (mkdocs.yml says the same): feeds and data files need absolute addresses.
DEFAULT_SITE_URL = "https://copycat-valley.github.io/copycat-valley/"
DEFAULT_REPO_URL = "https://github.com/copycat-valley/copycat-valley"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Copycat Valley's timeline tools.")
    parser.add_argument("--entries", type=Path, default=Path("entries"), help="the entries folder (default: entries)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate entries and print every problem")
    check.add_argument("paths", nargs="*", type=Path, help="only report problems in these files or folders")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="scaffold a new entry file (in a terminal, asks for what the flags omit)")
    new.add_argument("--title")
    new.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--company", help="a key in entries/companies.yaml")
    new.add_argument("--kind", choices=KINDS)
    new.add_argument("--id", dest="entry_id", help="the id (default: made from the title)")
    new.add_argument("--copy-of", action="append", default=[], help="for --kind copy: id of an original")
    new.add_argument("--theme", action="append", default=[], help="a key in entries/themes.yaml")
    new.set_defaults(run=_new, usage_error=new.error)

    export = commands.add_parser("export", help="write every generated page, feed and data file to a folder")
    export.add_argument("--format", choices=["md"], required=True)
    export.add_argument("--site-url", type=_http_url, default=DEFAULT_SITE_URL,
                        help=f"the address the site is published at, for feeds and data (default: {DEFAULT_SITE_URL})")
    export.add_argument("--repo-url", type=_http_url, default=DEFAULT_REPO_URL,
                        help=f"the repository, for edit and correction links (default: {DEFAULT_REPO_URL}); "
                        "entries are edited on its main branch")
    export.add_argument("out", type=Path, help="an empty or new folder")
    export.set_defaults(run=_export)

    links_command.add_command(commands)
    return parser


def _http_url(text: str) -> str:
    if not is_safe_url(text):
        raise argparse.ArgumentTypeError(f"expected an absolute http:// or https:// address, got '{text}'")
    return text


def _report(problems: list[Problem], fmt: OutputFormat = "text") -> None:
    if problems:
        print(format_problems(problems, fmt))


def _check(args: argparse.Namespace) -> int:
    result = load_project(args.entries, display_root=Path.cwd())
    problems = result.problems
    if args.paths:
        wanted = [_shown(path) for path in args.paths]
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    _report(problems, args.format)
    print(summary_line(problems, result.files_checked))
    return 1 if has_errors(problems) else 0


def _shown(path: Path) -> str:
    return os.path.relpath(path.resolve(), Path.cwd()).replace(os.sep, "/")


def _new(args: argparse.Namespace) -> int:
    entry = NewEntry(args.title, args.date, args.company, args.kind, args.entry_id, args.copy_of, args.theme)
    missing = entry.missing_flags()
    if missing and not sys.stdin.isatty():  # never wait for answers nobody can type
        args.usage_error(f"missing {', '.join(missing)}: give them as flags, or run `new` in a terminal to be asked")
    try:
        if missing:
            entry = complete(args.entries, entry)
        date = PartialDate.parse(entry.date or "")
        path = create_entry(
            args.entries,
            title=entry.title or "",
            date=date,
            company=entry.company or "",
            kind=entry.kind or "",
            entry_id=entry.entry_id,
            copy_of=entry.copy_of,
            themes=entry.themes,
        )
    except ValueError as error:
        print(f"error: --date: {error}", file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shown = _shown(path)
    result = load_project(args.entries, display_root=Path.cwd())
    # The placeholders come first; a translation (and its fingerprint) only once the English is written.
    own = [p for p in result.problems if p.path == shown and p.topic != "translation"]
    _report(own)
    print(f"created {shown}: fill in the summary and sources, then run `make check`")
    return 1 if has_errors(own) else 0


def _export(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"error: {out} exists and is not an empty folder; nothing was written", file=sys.stderr)
        return 1
    result = load_project(args.entries, display_root=Path.cwd())
    _report(result.problems)
    if result.project is None:
        print(summary_line(result.problems, result.files_checked))
        print("error: fix the problems above; nothing was written", file=sys.stderr)
        return 1
    from generator.site.render import render_site  # here, not above: `new` and `check` never need the renderer

    artifacts = render_site(
        result.project, site_url=args.site_url, repo_url=args.repo_url,
        edit_url=args.repo_url.rstrip("/") + "/edit/main/",
    )
    for artifact in artifacts:
        target = out / artifact.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(artifact.content, encoding="utf-8")
    print(f"wrote {len(artifacts)} files to {out}")
    return 0
