"""The CLI through a subprocess, as contributors and CI run it."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import ENV, run_cli, write

RENDERING_MODULES = ("generator.site.render", "generator.site.feeds", "generator.site.charts", "generator.site.datasets")


def test_check_passes_on_a_valid_project(project: Path) -> None:
    result = run_cli("check", cwd=project)
    assert result.returncode == 0
    *warnings, summary = result.stdout.splitlines()
    # The fixture is in English only: five entries and two chapters with no Chinese text, warnings only.
    assert len(warnings) == 7 and all("warning: " in line and "no Chinese translation yet" in line for line in warnings)
    assert summary == "7 files checked: 0 errors, 7 warnings in 6 files"


def test_check_reports_every_problem_in_every_file_sorted(project: Path) -> None:
    write(project / "entries/2016/b-bad.yaml", "title: x\ndate: 2016-02-30\n")
    write(project / "entries/2016/a-bad.yaml", "title: [\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "no Chinese translation yet" not in line]
    assert lines[0].startswith("entries/2016/a-bad.yaml:2:1: error: invalid YAML")
    assert "entries/2016/b-bad.yaml:2:7: error: date: day must be 01 to 29 in that month, got '2016-02-30'" in lines
    assert lines[-1] == "9 files checked: 7 errors, 7 warnings in 8 files"
    assert "Traceback" not in result.stdout + result.stderr


def test_check_places_citation_problems_exactly_where_they_are_written(project: Path) -> None:
    write(project / "entries/2016/cited.yaml", (
        'title: Cited\ndate: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
        "summary: >-\n  First sentence.[1] A second\n  sentence that folds.[3]\n"
        "body: |\n  Body text.[1]\n\n  More.[0]\n"
        "sources:\n  - publisher: A\n    title: One\n    url: https://example.org/1\n"
        "  - publisher: B\n    title: Two\n    url: https://example.org/2\n"
    ))
    result = run_cli("check", "entries/2016/cited.yaml", cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "entries/2016/cited.yaml:8:23: error: summary: marker [3] points at no source: the entry has 2 sources, [1] to [2]",
        "entries/2016/cited.yaml:12:8: error: body: marker [0] points at no source: the entry has 2 sources, [1] to [2]",
        "entries/2016/cited.yaml:17:5: warning: sources[1]: no marker cites this source: write [2] after each sentence it supports",
        "8 files checked: 2 errors, 1 warning in 1 file",
    ]


def test_check_paths_limit_the_report_but_not_the_rules(project: Path) -> None:
    write(project / "entries/2016/bad.yaml", "title: x\n")
    assert run_cli("check", "entries/2013", cwd=project).returncode == 0
    result = run_cli("check", "entries/2016/bad.yaml", cwd=project)
    assert result.returncode == 1
    assert all(line.startswith("entries/2016/bad.yaml:") for line in result.stdout.splitlines()[:-1])


def test_check_github_format_prints_annotations(project: Path) -> None:
    write(project / "entries/2016/bad.yaml", "title: x\n")
    result = run_cli("check", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert "::error file=entries/2016/bad.yaml,line=1,col=1::missing required field 'date'" in result.stdout


def test_new_scaffolds_an_entry_that_passes_check_with_warnings(project: Path) -> None:
    result = run_cli("new", "--title", "Facebook launches Lasso: a TikTok clone", "--date", "2018-11-09",
                     "--company", "meta", "--kind", "copy", "--copy-of", "snapchat-launch", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "entries/2018/facebook-launches-lasso-a-tiktok-clone.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["title"] == "Facebook launches Lasso: a TikTok clone"
    assert data["copy_of"] == ["snapchat-launch"]
    check = run_cli("check", cwd=project)
    assert check.returncode == 0
    assert "warning: summary: still holds placeholder text" in check.stdout


def test_new_refuses_to_overwrite_or_reuse_an_id(project: Path) -> None:
    before = (project / "entries/2016/instagram-stories.yaml").read_bytes()
    result = run_cli("new", "--title", "Again", "--date", "2019", "--company", "meta", "--kind", "milestone",
                     "--id", "instagram-stories", cwd=project)
    assert result.returncode == 1
    assert "already used" in result.stderr
    assert (project / "entries/2016/instagram-stories.yaml").read_bytes() == before
    assert not (project / "entries/2019").exists()


def test_new_rejects_bad_input_with_a_message(project: Path) -> None:
    cases = [
        (["--date", "2016-13"], "month must be 01 to 12"),
        (["--company", "facebok"], "did you mean 'meta'?"),
        (["--id", "../../README"], "not a valid id"),
        (["--kind", "copy"], "--copy-of"),
    ]
    for extra, message in cases:
        args = {"--title": "T", "--date": "2016", "--company": "meta", "--kind": "milestone"}
        for flag, value in zip(extra[::2], extra[1::2]):
            args[flag] = value
        result = run_cli("new", *[part for pair in args.items() for part in pair], cwd=project)
        assert result.returncode == 1, extra
        assert message in result.stderr, (extra, result.stderr)
        assert "Traceback" not in result.stderr


def test_export_writes_every_page_as_markdown(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("export", "--format", "md", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "events/instagram-stories.md" in written
    assert {"timeline.md", "companies/index.md", "themes/index.md", "themes/stories.md", "themes/video.md"} <= set(written)
    assert "stats.md" in written and "stats/copies.md" in written and "graveyard.md" in written
    # events, the home page's copy map, timeline, companies + index, themes index, chapters, stats with its
    # copies and graveyard, tags, updates (no copy-map.md: the home page draws every family of so few)
    english = [path for path in written if not path.startswith("zh/")]
    assert len(english) == 5 + 1 + 1 + 4 + 1 + 2 + 3 + 1 + 1 and "copy-map.md" not in english and "updates.md" in english
    assert sorted(path.removeprefix("zh/") for path in written if path.startswith("zh/")) == english  # the Chinese tree


def test_export_writes_nothing_when_entries_are_invalid_or_target_is_not_empty(project: Path, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    write(busy / "keep.txt", "mine")
    assert run_cli("export", "--format", "md", str(busy), cwd=project).returncode == 1
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]
    write(project / "entries/2016/bad.yaml", "title: x\n")
    out = tmp_path / "out"
    result = run_cli("export", "--format", "md", str(out), cwd=project)
    assert result.returncode == 1
    assert not out.exists()


def test_export_writes_the_feeds_and_data(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("export", "--format", "md", "--site-url", "https://example.net/tl/", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    feed = ET.fromstring((out / "feed.xml").read_bytes())
    first = feed.find("{http://www.w3.org/2005/Atom}entry")
    assert first is not None and first.findtext("{http://www.w3.org/2005/Atom}id") == "https://example.net/tl/events/lasso-shutdown/"
    assert json.loads((out / "data/entries.json").read_text(encoding="utf-8"))["count"] == 5
    page = (out / "events/instagram-stories.md").read_text(encoding="utf-8")
    assert "https://github.com/copycat-valley/copycat-valley/edit/main/entries/2016/instagram-stories.yaml" in page
    bad = run_cli("export", "--format", "md", "--site-url", "javascript:alert(1)", str(tmp_path / "bad"), cwd=project)
    assert bad.returncode == 2 and "absolute http:// or https:// address" in bad.stderr
    assert not (tmp_path / "bad").exists()


def test_new_and_check_never_import_the_renderer(project: Path) -> None:
    """`new` and `check` only read and write entries: the site's modules stay unloaded. A fresh
    interpreter, since other tests have imported everything into this one."""
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        "code = main(['new', '--title', 'Snap launches Spotlight', '--date', '2020-11-23', '--company', 'snap',"
        " '--kind', 'original', '--theme', 'stories'])\n"
        "code = max(code, main(['check']))\n"
        f"loaded = [name for name in {RENDERING_MODULES!r} if name in sys.modules]\n"
        "print(__import__('json').dumps([code, loaded]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=project, env=ENV, capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    code, loaded = json.loads(result.stdout.splitlines()[-1])
    assert (project / "entries/2020/snap-launches-spotlight.yaml").is_file()
    assert code == 0 and loaded == []


def test_check_warns_once_about_a_new_entry_without_chinese_at_its_title(project: Path) -> None:
    """A contributor may write in English only: one warning on their file, never an error."""
    write(project / "entries/2016/english-only.yaml", (
        "# yaml-language-server: $schema=../../../generator/schema/entry.schema.json\n"
        'title: An English-only entry\ndate: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
        "summary: Plain.[1]\nsources:\n  - publisher: Example\n    title: A source\n    url: https://example.org/\n"
    ))
    result = run_cli("check", "entries/2016/english-only.yaml", cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "entries/2016/english-only.yaml:2:1: warning: no Chinese translation yet (optional): add a zh block "
        "(title and summary) with translates: 7dbbb2d2",
        "8 files checked: 0 errors, 1 warning in 1 file",
    ]
    github = run_cli("check", "--format", "github", "entries/2016/english-only.yaml", cwd=project)
    assert github.returncode == 0 and github.stdout.splitlines()[0] == (
        "::warning file=entries/2016/english-only.yaml,line=2,col=1::no Chinese translation yet (optional): "
        "add a zh block (title and summary) with translates: 7dbbb2d2")


def test_check_warns_about_a_stale_translation_with_its_place(project: Path) -> None:
    path = project / "entries/2018/lasso-launch.yaml"
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    path.write_text(text + "zh:\n  title: Facebook推出Lasso\n  summary: 一款短视频应用。\n  date_note: 上线日期据报道为11月9日。\n"
                    "  corrections:\n    - claimed_by: 种子文章\n      claim: Lasso在Reels之后推出。\n"
                    "      finding: Lasso在先。\n  translates: 0123abcd\n", encoding="utf-8")
    result = run_cli("check", "entries/2018", cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"entries/2018/lasso-launch.yaml:{lines + 9}:15: warning: zh.translates: the English title, summary, body "
        "or notes changed since this translation (0123abcd); update the Chinese, then set translates: 0b7852bc",
        "7 files checked: 0 errors, 1 warning in 1 file",
    ]
