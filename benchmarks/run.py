"""The performance benchmark behind issue 7: `make bench`, or `.venv/bin/python benchmarks/run.py`.

For each size it synthesises a project from the real entries (synth.py), then times, with real
subprocesses: `check`, the generator phase (`export --format md`), a full `mkdocs build`, the
same pages built as plain Markdown without the plugin, the build without share cards, with all of
them drawn and with all of them cached, a dirty rebuild after one edit, and save-to-reload under
`mkdocs serve` (with and without --dirty). It writes benchmarks/REPORT.md:
the measured tables, then the hand-written analysis in benchmarks/NOTES.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import get_yaml_loader

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import (  # noqa: E402
    BIN, CommandFailed, Run, Series, Size, kib, largest_page, load_average, machine, run, size_of,
)
from serve import Edit, ServeResult, measure_serve  # noqa: E402
from synth import make_project  # noqa: E402
from webperf import measure as measure_web  # noqa: E402

from generator.load.project import load_project  # noqa: E402
from generator.model.entries import Entry  # noqa: E402
from generator.model.relations import Relations  # noqa: E402
from generator.site.paging import PAGE_LIMIT, year_pages  # noqa: E402

HERE = Path(__file__).resolve().parent
EDITED = ("facebook-stories", "2017", "meta", "stories-wars")  # id, year, company, theme: in every size
PLUGIN_NAME = "timeline"


@dataclass
class SizeResult:
    entries: int
    phases: dict[str, Series] = field(default_factory=dict)
    serve: dict[str, ServeResult] = field(default_factory=dict)
    sizes: dict[str, Size] = field(default_factory=dict)
    pages: int = 0
    errors: list[str] = field(default_factory=list)
    web: dict[str, Any] = field(default_factory=dict)  # webperf.measure(): what a reader pays


PHASES = {
    "check": "`python -m generator check`",
    "generator": "generator phase: `python -m generator export --format md DIR` (load, validate, render)",
    "build": "full `mkdocs build --strict` with the plugin",
    "plain": "`mkdocs build --strict` of the same pages as plain Markdown, no plugin, then the same Pagefind index (plainbuild.py)",
    "material": "full `mkdocs build --strict` with Material's search plugin instead of Pagefind",
    "english": "full `mkdocs build --strict` of the English tree alone (no docs/zh/, the plugin's `languages: [en]`)",
    "dirty": "`mkdocs build --dirty` after editing one entry",
    "nocards": "full `mkdocs build --strict` without share cards (`share_cards: false`)",
    "cards-cold": "full `mkdocs build --strict`, every share card drawn (none in `.cache/cards`)",
    "cards-warm": "full `mkdocs build --strict`, every share card from `.cache/cards`",
}
SERVE_MODES = {"dirty": "`make serve` (`mkdocs serve --dirty`)", "full": "`mkdocs serve` (full rebuilds)"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"{PAGE_LIMIT},1000,10000",
                        help=f"comma-separated entry counts ({PAGE_LIMIT}: the largest timeline on one page, for Lighthouse)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each phase (at least 3 for a median)")
    parser.add_argument("--large", type=int, default=10000, help="from this size on, builds run --large-repeats times")
    parser.add_argument("--large-repeats", type=int, default=1)
    parser.add_argument("--full-serve-limit", type=int, default=1000,
                        help="largest size at which plain `mkdocs serve` (a full rebuild per edit) is timed")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed after)")
    parser.add_argument("--report", type=Path, default=HERE / "REPORT.md")
    parser.add_argument("--from-json", type=Path, action="append",
                        help="write the report again from a REPORT.json, measuring nothing; given more than once, "
                             "one report of several runs (e.g. 10,000 entries run on its own with --phases)")
    parser.add_argument("--phases", default=",".join([*PHASES, "serve"]),
                        help="the phases to run (check and generator always run), e.g. build,material at 10,000")
    parser.add_argument("--no-web", action="store_true",
                        help="skip what readers pay (page weight, a query, Lighthouse: webperf.py)")
    args = parser.parse_args()
    if args.from_json:
        runs = [json.loads(path.read_text(encoding="utf-8")) for path in args.from_json]
        data = runs[0]
        args.repeats, args.large, args.large_repeats = (data["args"][key] for key in ("repeats", "large", "large_repeats"))
        results = _combined([result for run in runs for result in from_raw(run)])
        args.sizes = ",".join(str(result.entries) for result in results)
        real = next((from_raw({"results": [run["real"]]})[0] for run in runs if run.get("real")), None)
        write_report(args.report, results, args, sum(run["elapsed"] for run in runs),
                     [load for run in runs for load in run["loads"]], data["machine"], real=real,
                     joined=sum(run.get("runs", 1) for run in runs))
        print(f"wrote {args.report}")
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="copycat-bench-"))
    started = time.perf_counter()
    results = []
    loads: list[str] = []
    real = None
    try:
        if not args.no_web:
            print("== the real site", flush=True)
            real = bench_real_site(work / "real")
        for size in sizes:
            print(f"== {size} entries", flush=True)
            loads.append(load_average())
            large = size >= args.large
            results.append(bench_size(work / f"n{size}", size, args.repeats,
                                      args.large_repeats if large else args.repeats,
                                      full_serve=size <= args.full_serve_limit, web=not args.no_web,
                                      phases=set(args.phases.split(","))))
            loads.append(load_average())
            write_report(args.report, results, args, time.perf_counter() - started, loads, real=real)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.report}")
    return 1 if any(result.errors for result in results) else 0


# Lighthouse takes about half a minute a page: all five pages at this size, the timeline alone at the
# timeline's largest single page (PAGE_LIMIT events; past it the timeline splits by year), none at other sizes.
LIGHTHOUSE_PAGES = {1000: None, PAGE_LIMIT: ["timeline"]}
REAL_SITE = 0  # the entries of the real site's SizeResult: not counted, its row says "real site"


def bench_real_site(work: Path) -> SizeResult:
    """The repository's own site: only what readers pay, Lighthouse on all five pages."""
    result = SizeResult(REAL_SITE)
    site = work / "site"
    try:
        run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], HERE.parent, 600)
        result.web = measure_web(site, with_lighthouse=True)
    except (CommandFailed, OSError, RuntimeError) as error:
        result.errors.append(f"real site: {error}")
    return result


def material_search_config(project: Path) -> Path:
    """The project's mkdocs.yml with Material's search plugin in place of Pagefind, to time
    against (the issue's target: the build with Pagefind takes at most 1.15× this one)."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader(yaml.SafeLoader))
    plugins = []
    for plugin in config["plugins"]:
        if plugin == PLUGIN_NAME or isinstance(plugin, dict) and PLUGIN_NAME in plugin:
            options = dict(plugin[PLUGIN_NAME] or {}) if isinstance(plugin, dict) else {}
            plugin = {PLUGIN_NAME: {**options, "search_index": False}}
        plugins.append(plugin)
    config["plugins"] = ["search", *plugins]
    path = project / "mkdocs.material-search.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def english_only_config(project: Path) -> Path:
    """The project's mkdocs.yml building English alone: a docs/ copy without docs/zh/, and the
    plugin's `languages: [en]`. It lives in a folder of its own, `english/`, so that its builds
    keep their own .cache/ (a build forgets the share cards its pages do not use: an English
    build sharing the cache would leave the next full build the Chinese cards to draw again)."""
    folder = project / "english"
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project / "docs", docs, ignore=lambda folder, names: ["zh"] if Path(folder) == project / "docs" else [])
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader(yaml.SafeLoader))
    config["theme"]["custom_dir"] = "../" + config["theme"]["custom_dir"]
    config["watch"] = ["../" + watched for watched in config.get("watch", [])]
    config["plugins"] = [
        {PLUGIN_NAME: {**(p[PLUGIN_NAME] if isinstance(p, dict) else {}), "languages": ["en"],
                       "entries_dir": "../" + ((p[PLUGIN_NAME] or {}).get("entries_dir", "entries")
                                               if isinstance(p, dict) else "entries")}}
        if p == PLUGIN_NAME or isinstance(p, dict) and PLUGIN_NAME in p else p
        for p in config["plugins"]
    ]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def bench_size(work: Path, size: int, repeats: int, build_repeats: int, *, full_serve: bool,
               web: bool = True, phases: set[str] | None = None) -> SizeResult:
    result = SizeResult(size)
    wanted = (set(PHASES) | {"serve"} if phases is None else phases) | {"check", "generator"}
    if "dirty" in wanted:
        wanted.add("dirty-prime")
    project = work / "project"
    make_project(project, size)
    timeout = 120 + size * 0.15
    python, mkdocs = str(BIN / "python"), str(BIN / "mkdocs")

    def phase(name: str, count: int, command: list[str], cwd: Path, before=None, planned: int = 0) -> None:
        """Run a phase `count` times (of `planned` in all, when it is taken in turns with another)."""
        if name not in wanted:
            return
        series = result.phases.setdefault(name, Series())
        planned = planned or count
        if planned < repeats:
            series.note = f"{planned} run{'s' if planned > 1 else ''} at this size, to bound the time"
        for number in range(count):
            if before:
                before(number)
            print(f"   {name} {len(series.runs) + 1}", flush=True)
            try:
                series.runs.append(run(command, cwd, timeout))
            except CommandFailed as error:
                result.errors.append(f"{name}: {error}")
                print(error, flush=True)
                return

    export_dir = work / "export"
    phase("check", repeats, [python, "-m", "generator", "check"], project)
    phase("generator", repeats, [python, "-m", "generator", "export", "--format", "md", str(export_dir)], project,
          before=lambda _: shutil.rmtree(export_dir, ignore_errors=True))
    site = work / "site"
    plain = make_plain_project(work / "plain", project, export_dir)
    # Taken in turns, so that a slow spell on the machine (it is shared) slows both alike.
    material = material_search_config(project)
    english = english_only_config(project)
    for _ in range(build_repeats):
        phase("build", 1, [mkdocs, "build", "--strict", "--site-dir", str(site)], project, planned=build_repeats)
        phase("plain", 1, [python, str(HERE / "plainbuild.py"), str(work / "plain-site")], plain,
              planned=build_repeats)
        phase("material", 1, [mkdocs, "build", "--strict", "-f", str(material), "--site-dir",
                              str(work / "material-site")], project, planned=build_repeats)
        phase("english", 1, [mkdocs, "build", "--strict", "-f", str(english), "--site-dir",
                             str(work / "english-site")], project, planned=build_repeats)
    if site.is_dir():
        measure_sizes(result, site)
        if web:
            print("   what readers pay", flush=True)
            try:
                result.web = measure_web(site, with_lighthouse=size in LIGHTHOUSE_PAGES,
                                         lighthouse_pages=LIGHTHOUSE_PAGES.get(size))
            except (OSError, RuntimeError, subprocess.SubprocessError) as error:
                result.errors.append(f"web: {error}")
    # Share cards: the same build without them, with none cached (all drawn) and with all cached.
    without_cards = config_without_cards(project)
    cards_cache = project / ".cache" / "cards"
    # The warm build is compared with the build without cards run right beside it, in alternating
    # order (warm first, then without first), so a machine growing busier slows both alike.
    for turn in range(build_repeats):
        phase("cards-cold", 1, [mkdocs, "build", "--strict", "--site-dir", str(site)], project,
              before=lambda _: shutil.rmtree(cards_cache, ignore_errors=True), planned=build_repeats)
        pair = [("cards-warm", [mkdocs, "build", "--strict", "--site-dir", str(site)]),
                ("nocards", [mkdocs, "build", "--strict", "-f", str(without_cards), "--site-dir",
                             str(work / "nocards-site")])]
        for name, command in pair if turn % 2 == 0 else pair[::-1]:
            phase(name, 1, command, project, planned=build_repeats)

    edit = edit_for(project)
    dirty_site = work / "dirty-site"
    phase("dirty-prime", 1, [mkdocs, "build", "--dirty", "--site-dir", str(dirty_site)], project)
    result.phases.pop("dirty-prime", None)
    original = edit.path.read_text(encoding="utf-8")
    phase("dirty", build_repeats, [mkdocs, "build", "--dirty", "--site-dir", str(dirty_site)], project,
          before=lambda number: edit.path.write_text(re.sub("(?m)^title: ", f"title: Dirty {number} ", original, 1),
                                                     encoding="utf-8"))
    edit.path.write_text(original, encoding="utf-8")
    dirty_runs = result.phases.get("dirty")
    if dirty_runs and dirty_runs.runs and "Dirty" not in (dirty_site / "events" / EDITED[0] / "index.html").read_text():
        result.errors.append("dirty: the edited page was not rebuilt")

    for mode, dirty in (("dirty", True), ("full", False)):
        if "serve" not in wanted or mode == "full" and not full_serve:
            continue
        print(f"   serve ({mode}) x{build_repeats}", flush=True)
        try:
            result.serve[mode] = measure_serve(project, edit, dirty=dirty, edits=build_repeats,
                                               log=work / f"serve-{mode}.log", start_timeout=timeout,
                                               reload_timeout=timeout)
        except CommandFailed as error:
            result.errors.append(f"serve ({mode}): {error}")
            print(error, flush=True)
    return result


def edit_for(project: Path) -> Edit:
    entry_id, year, company, theme = EDITED
    loaded = load_project(project / "entries").project
    assert loaded is not None, f"the synthetic project in {project} does not load"
    rel = Relations(loaded)

    def listing(page: str, entries: Sequence[Entry]) -> str:
        """Where the edited event is listed: the page, or its year's page once the list is split
        (the generator's own rule, paging.year_pages)."""
        return f"{page}{year}/" if year_pages(entries, "") else page

    return Edit(entry_id, project / "entries" / year / f"{entry_id}.yaml", {
        "event page": f"/events/{entry_id}/",
        "timeline": listing("/timeline/", loaded.entries),
        "company page": listing(f"/companies/{company}/", rel.by_company[company]),
        "theme page": listing(f"/themes/{theme}/", rel.by_theme[theme]),
    })


def measure_sizes(result: SizeResult, site: Path) -> None:
    result.pages = sum(1 for _ in site.rglob("index.html"))
    result.sizes["largest page"] = largest_page(site)
    timeline = site / "timeline"
    result.sizes["timeline"] = size_of(site, timeline / "index.html")
    years = sorted(timeline.glob("*/index.html"))
    if years:
        biggest = max((size_of(site, page) for page in years), key=lambda s: s.gz)
        result.sizes["largest timeline year"] = biggest
    index = [path for path in (site / "pagefind").rglob("*") if path.is_file()]
    result.sizes["search index"] = Size("pagefind/ (all files)", sum(p.stat().st_size for p in index),
                                        sum(size_of(site, p).gz for p in index))


def config_without_cards(project: Path) -> Path:
    """The project's mkdocs.yml with the plugin's `share_cards: false`, beside it."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader(yaml.SafeLoader))
    config["plugins"] = [
        {PLUGIN_NAME: {**(p[PLUGIN_NAME] if isinstance(p, dict) else {}), "share_cards": False}}
        if p == PLUGIN_NAME or isinstance(p, dict) and PLUGIN_NAME in p else p
        for p in config["plugins"]
    ]
    target = project / "mkdocs-nocards.yml"
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def make_plain_project(target: Path, project: Path, export_dir: Path) -> Path:
    """The same pages without the plugin: hand-written docs/ plus the exported Markdown.

    A hand-written chapter gets the exported chapter's event list appended, as the plugin does.
    Pages outside the nav are marked not_in_nav, as the plugin marks its generated pages.
    """
    if target.exists():
        shutil.rmtree(target)
    for folder in project.iterdir():  # docs/ and the theme overrides
        if folder.is_dir() and folder.name != "entries":
            shutil.copytree(folder, target / folder.name)
    generated = []
    for path in sorted(export_dir.rglob("*")):
        if not path.is_file():
            continue
        uri = path.relative_to(export_dir).as_posix()
        destination = target / "docs" / uri
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.exists():
            events = path.read_text(encoding="utf-8")
            start = events.find("\n## ")
            events = events[start:] if start >= 0 else ""
            destination.write_text(destination.read_text(encoding="utf-8").rstrip() + "\n\n" + events,
                                   encoding="utf-8")
        else:
            shutil.copy2(path, destination)
            generated.append(uri)
    # MkDocs' own loader: mkdocs.yml uses !ENV (site_url); the copy gets the resolved value.
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader(yaml.SafeLoader))
    config["plugins"] = [p for p in config["plugins"] if not (p == PLUGIN_NAME or isinstance(p, dict) and PLUGIN_NAME in p)]
    extensions = config.setdefault("markdown_extensions", [])
    if "md_in_html" not in extensions:
        extensions.append("md_in_html")  # the plugin adds it for its timeline markup
    config["not_in_nav"] = "\n".join(_not_in_nav(generated, set(_nav_pages(config.get("nav", [])))))
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _not_in_nav(generated: list[str], in_nav: set[str]) -> list[str]:
    """not_in_nav patterns for the generated pages outside the nav: a folder where none of its
    pages is in the nav, else the page. MkDocs matches every page against every pattern, so one
    pattern per page (a thousand or more) would make the plain build slower than the plugin's."""
    pages = [uri for uri in generated if uri.endswith(".md") and uri not in in_nav]
    folders_in_nav = {uri.rpartition("/")[0] for uri in in_nav}
    patterns = set()
    for uri in pages:
        folder = uri.rpartition("/")[0]
        patterns.add(f"/{folder}/" if folder and folder not in folders_in_nav else f"/{uri}")
    return sorted(patterns)


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


# ---------------------------------------------------------------- the report


def write_report(path: Path, results: list[SizeResult], args: argparse.Namespace, elapsed: float,
                 loads: list[str], info: dict[str, str] | None = None, real: SizeResult | None = None,
                 joined: int = 1) -> None:
    """The report; `joined` runs (`--from-json`) keep, for each size and phase, the first run's."""
    info = info or machine()
    how = (f"in {elapsed / 60:.0f} minutes: sizes {args.sizes}, {args.repeats} runs of each phase"
           f" ({args.large_repeats} of each build and serve phase from {args.large:,} entries on)") if joined == 1 else (
           f"from {joined} runs taking {elapsed / 60:.0f} minutes in all: sizes {args.sizes}, each cell with its"
           " own number of runs")
    lines = [
        "# Benchmark report",
        "",
        f"Written by `benchmarks/run.py` (`make bench`) on {dt.date.today().isoformat()}, {how}.",
        "Times are wall-clock medians with the range (min–max) and the number of runs; every command is a",
        "real subprocess, so times include starting Python. Synthetic entries are copies of the real ones",
        f"(`benchmarks/synth.py`). Run it again with `make bench` ({PAGE_LIMIT}, 1,000 and 10,000 entries with every phase: two to three hours on 2 idle cores) or e.g.",
        "`.venv/bin/python benchmarks/run.py --sizes 100,1000` (a few minutes).",
        "CPU is the median user + system time of the process tree (for serve: of the server during the",
        "rebuild): unlike wall time, it hardly grows when other work shares the machine. The 1-minute load",
        f"average, taken before and after each size, was {', '.join(loads)} on {info['CPUs (nproc)']} CPUs.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in info.items()],
        "",
        "## Time per phase",
        "",
        "| phase | " + " | ".join(f"{r.entries:,} entries" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for name, label in PHASES.items():
        lines.append(f"| {label} | " + " | ".join(_phase(r, name).cell() for r in results) + " |")
    lines.append("| generator phase inside the full build: the plugin's own log line (load, check, render) | "
                 + " | ".join(_in_build_cell(_phase(r, "build")) for r in results) + " |")
    for mode, label in SERVE_MODES.items():
        lines.append(f"| save → reloaded page, {label} | "
                     + " | ".join(_serve_cell(r, mode) for r in results) + " |")
    lines += ["", "## Against the targets", ""]
    lines += _targets(results)
    lines += ["", "## Peak memory (resident, MiB)", "",
              "| phase | " + " | ".join(f"{r.entries:,}" for r in results) + " |",
              "|---|" + "---|" * len(results)]
    for name in PHASES:
        lines.append(f"| {name} | " + " | ".join(_mib(_phase(r, name).peak_rss_mib) for r in results) + " |")
    for mode in SERVE_MODES:
        lines.append(f"| serve ({mode}), whole session | "
                     + " | ".join(_mib(r.serve[mode].peak_rss_mib) if mode in r.serve else "–" for r in results)
                     + " |")
    lines += ["", "## Page and search-index sizes (full build)", "",
              "| | " + " | ".join(f"{r.entries:,} entries" for r in results) + " |",
              "|---|" + "---|" * len(results),
              "| HTML pages | " + " | ".join(f"{r.pages:,}" for r in results) + " |"]
    for what in ("largest page", "timeline", "largest timeline year", "search index"):
        lines.append(f"| {what} | " + " | ".join(r.sizes[what].cell() if what in r.sizes else "–" for r in results)
                     + " |")
    lines.append("| search index per entry, gzipped | "
                 + " | ".join(kib(r.sizes["search index"].gz / r.entries) if "search index" in r.sizes else "–"
                              for r in results) + " |")
    lines += _readers(([real] if real else []) + results)
    lines += ["", "## Is the preview right?", "",
              "After each edit under `mkdocs serve`, the edited title must appear on each of these:", "",
              "| | " + " | ".join(f"{r.entries:,}, {mode}" for r in results for mode in r.serve) + " |",
              "|---|" + "---|" * sum(len(r.serve) for r in results)]
    checks = sorted({what for r in results for s in r.serve.values() for what in s.checks})
    for what in checks:
        lines.append(f"| {what} | " + " | ".join("yes" if s.checks.get(what) else "**no**"
                                                 for r in results for s in r.serve.values()) + " |")
    errors = [f"- {r.entries:,} entries: {error}" for r in results for error in r.errors]
    if errors:
        lines += ["", "## Failures", "", *errors]
    notes = HERE / "NOTES.md"
    if notes.is_file():
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = _raw(results, args, elapsed, loads)
    raw["machine"] = info
    raw["runs"] = joined
    if real:
        raw["real"] = _raw([real], args, elapsed, loads)["results"][0]
    path.with_suffix(".json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")


def _phase(result: SizeResult, name: str) -> Series:
    return result.phases.get(name, Series())


def _in_build(series: Series) -> float:
    """The median of what the plugin reported taking, over the builds that reported it."""
    reported = [run.generator_seconds for run in series.runs if run.generator_seconds == run.generator_seconds]
    return statistics.median(reported) if reported else float("nan")


def _in_build_cell(series: Series) -> str:
    inside = _in_build(series)
    return "–" if inside != inside else f"{inside:.2f} s ({_percent(inside, series.median)} of the build)"


def _serve_cell(result: SizeResult, mode: str) -> str:
    serve = result.serve.get(mode)
    if not serve:
        return "not run"
    series = Series(serve.runs)
    return series.cell() + f"; first build {serve.startup_seconds:.1f} s"


def _mib(value: float) -> str:
    return "–" if value != value else f"{value:,.0f}"


def _percent(part: float, whole: float) -> str:
    return "–" if not (part == part and whole == whole and whole) else f"{100 * part / whole:.1f}%"


def _ratio(a: float, b: float) -> str:
    return "–" if not (a == a and b == b and b) else f"{a / b:.2f}"


def _paired(a: list[float], b: list[float]) -> str:
    """The median of a[i] / b[i]: runs taken side by side, in alternating order, so that a slow spell
    or the build that follows another (slower here) weighs on both sides alike."""
    ratios = [x / y for x, y in zip(a, b) if y]
    return f"{statistics.median(ratios):.2f}" if ratios else "–"


def _targets(results: list[SizeResult]) -> list[str]:
    by_size = {r.entries: r for r in results}
    lines = ["| target | measured: wall time | measured: CPU time |", "|---|---|---|"]
    for r in results:
        gen, build, plain = (_phase(r, n) for n in ("generator", "build", "plain"))
        lines.append(f"| generator phase (`export`, own process) ≤ 10% of the full build ({r.entries:,}) | "
                     f"{_percent(gen.median, build.median)} | {_percent(gen.cpu_median, build.cpu_median)} |")
        inside = _in_build(build)
        lines.append(f"| generator phase inside the build ≤ 10% of it ({r.entries:,}) | "
                     f"{_percent(inside, build.median)} | |")
        lines.append(f"| plugin build ≤ 1.1× plain Markdown ({r.entries:,}) | {_ratio(build.median, plain.median)}× | "
                     f"{_ratio(build.cpu_median, plain.cpu_median)}× |")
        without, cold, warm = (_phase(r, n) for n in ("nocards", "cards-cold", "cards-warm"))
        lines.append(f"| share cards, all drawn: build ≤ 1.15× without cards ({r.entries:,}) | "
                     f"{_ratio(cold.median, without.median)}× | {_ratio(cold.cpu_median, without.cpu_median)}× |")
        lines.append(f"| share cards, all cached: build ≤ 1.02× without cards, median of the pairs taken side by side "
                     f"({r.entries:,}) | {_paired(warm.seconds, without.seconds)}× | "
                     f"{_paired([run.cpu_seconds for run in warm.runs], [run.cpu_seconds for run in without.runs])}× |")
    if 1000 in by_size and 10000 in by_size:
        small, large = by_size[1000], by_size[10000]
        for name in ("check", "generator", "build"):
            cells = []
            for a, b in ((_phase(small, name).median, _phase(large, name).median),
                         (_phase(small, name).cpu_median, _phase(large, name).cpu_median)):
                cells.append(f"{a:.3g} → {b / 10:.3g} ms per entry: {_ratio(b / 10, a)}×")
            lines.append(f"| {name}: cost per entry at 10,000 ≤ 1.2× at 1,000 | {cells[0]} | {cells[1]} |")
    for r in results:
        serve = r.serve.get("dirty")
        if serve and serve.runs:
            series = Series(serve.runs)
            lines.append(f"| `make serve` save → reload ≤ 2 s ({r.entries:,}) | {series.median:.2f} s | "
                         f"server CPU {series.cpu_median:.2f} s |")
        if "largest page" in r.sizes:
            lines.append(f"| no page above 300 KiB gzipped ({r.entries:,}) | largest: "
                         f"{r.sizes['largest page'].cell()} | |")
        material = _phase(r, "material")
        if material.runs:
            build = _phase(r, "build")
            lines.append(f"| build with Pagefind ≤ 1.15× the build with Material's search ({r.entries:,}) | "
                         f"{_ratio(build.median, material.median)}× | {_ratio(build.cpu_median, material.cpu_median)}× |")
        english = _phase(r, "english")
        if english.runs:
            build = _phase(r, "build")
            lines.append(f"| both languages ≤ 2.1× English alone ({r.entries:,}) | "
                         f"{_ratio(build.median, english.median)}× | {_ratio(build.cpu_median, english.cpu_median)}× |")
        lines += _reader_targets(r)
    return lines


def _site_name(r: SizeResult) -> str:
    return "real site" if r.entries == REAL_SITE else f"{r.entries:,} entries"


def _reader_targets(r: SizeResult) -> list[str]:
    """The issue 14 targets on what readers pay, for one size."""
    if not r.web:
        return []
    visits = r.web["first visit"]
    heaviest = max(visits, key=lambda name: visits[name]["bytes"])
    lines = [
        f"| first visit ≤ 100 KiB with gzip ({_site_name(r)}) | heaviest: {heaviest} "
        f"{kib(visits[heaviest]['bytes'])} | |",
        f"| no search-index bytes before the box is focused ({_site_name(r)}) | "
        f"{kib(sum(v['search bytes'] for v in visits.values()))} | |",
        f"| one query (\"Lasso\") ≤ 150 KiB, first result ≤ 300 ms ({_site_name(r)}) | {_query_cell(r.web)} | |",
    ]
    for page, scores in r.web.get("lighthouse", {}).items():
        lines.append(f"| Lighthouse {page}: performance ≥ 95, the rest 100 ({_site_name(r)}) | "
                     + ", ".join(f"{name} {score}" for name, score in scores.items()) + " | |")
    return lines


def _query_cell(web: dict[str, Any]) -> str:
    query = web["query"]
    return f"{kib(query['bytes'])}, {query['milliseconds']:.0f} ms" if "error" not in query else f"failed: {query['error']}"


def _readers(results: list[SizeResult]) -> list[str]:
    """What readers pay, per site: page weight of a first visit (gzip), a query, Lighthouse."""
    measured = [r for r in results if r.web]
    if not measured:
        return []
    lines = ["", "## What readers pay (webperf.py: served with gzip, a fresh browser per page)", "",
             "| | " + " | ".join(_site_name(r) for r in measured) + " |", "|---|" + "---|" * len(measured)]
    pages = list(dict.fromkeys(page for r in measured for page in r.web["first visit"]))  # in the order measured
    for page in pages:
        lines.append(f"| first visit: {page} | " + " | ".join(
            f"{kib(r.web['first visit'][page]['bytes'])} (search: {kib(r.web['first visit'][page]['search bytes'])})"
            if page in r.web["first visit"] else "–" for r in measured) + " |")
    lines.append("| one query (\"Lasso\"), from focusing the box: bytes, time to first result | " + " | ".join(
        _query_cell(r.web) for r in measured) + " |")
    for page in pages:
        cells = [", ".join(f"{score}" for score in r.web.get("lighthouse", {}).get(page, {}).values()) or "–"
                 for r in measured]
        if any(cell != "–" for cell in cells):
            lines.append(f"| Lighthouse {page} (performance, accessibility, best practices, SEO) | "
                         + " | ".join(cells) + " |")
    return lines


def _raw(results: list[SizeResult], args: argparse.Namespace, elapsed: float, loads: list[str]) -> dict[str, object]:
    """Everything measured, so that the report can be written again (--from-json) without rerunning."""
    return {
        "args": {"sizes": args.sizes, "repeats": args.repeats, "large": args.large,
                 "large_repeats": args.large_repeats},
        "elapsed": elapsed,
        "loads": loads,
        "machine": machine(),
        "results": [{
            "entries": r.entries,
            "pages": r.pages,
            "phases": {name: {"runs": [asdict(run) for run in series.runs], "note": series.note}
                       for name, series in r.phases.items()},
            "serve": {mode: {"runs": [asdict(run) for run in s.runs], "startup_seconds": s.startup_seconds,
                             "checks": s.checks, "peak_rss_mib": s.peak_rss_mib} for mode, s in r.serve.items()},
            "sizes": {what: asdict(size) for what, size in r.sizes.items()},
            "errors": r.errors,
            "web": r.web,
        } for r in results],
    }


def _combined(results: list[SizeResult]) -> list[SizeResult]:
    """One result per size, by size: a size measured in two runs (the builds in one, what readers
    pay in another) keeps what each run measured, the first run's where both did. A phase that
    failed in every try of a run (no times) leaves the place to another run's measure of it."""
    by_size: dict[int, SizeResult] = {}
    for result in results:
        kept = by_size.setdefault(result.entries, result)
        if kept is not result:
            kept.phases = {**result.phases, **{name: series for name, series in kept.phases.items() if series.runs}}
            kept.serve = {**result.serve, **kept.serve}
            kept.sizes = kept.sizes or result.sizes
            kept.pages = kept.pages or result.pages
            kept.web = kept.web or result.web
            kept.errors += result.errors
    return [by_size[size] for size in sorted(by_size)]


def from_raw(data: dict[str, Any]) -> list[SizeResult]:
    results = []
    for item in data["results"]:
        result = SizeResult(item["entries"], pages=item["pages"], errors=item["errors"], web=item.get("web", {}))
        result.phases = {name: Series([Run(**run) for run in phase["runs"]], phase["note"])
                         for name, phase in item["phases"].items()}
        result.serve = {mode: ServeResult([Run(**run) for run in s["runs"]], s["startup_seconds"], s["checks"],
                                          s["peak_rss_mib"]) for mode, s in item["serve"].items()}
        result.sizes = {what: Size(**size) for what, size in item["sizes"].items()}
        results.append(result)
    return results


if __name__ == "__main__":
    sys.exit(main())
