"""The contributor's path: the guide agrees with the code, and the tools it names do what it says."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENV, ROOT, run_cli, write
from mkdocs.config import load_config

from generator.model.entries import KINDS
from generator.load.fields import load_schema

GUIDE = ROOT / "docs" / "contributing.md"
SHORT = ROOT / "CONTRIBUTING.md"
SCHEMA_LINE = "# yaml-language-server: $schema="


def _section(heading_text: str) -> str:
    """The guide's text under a heading, up to the next heading of the same or a higher level
    (a `#` line inside a code block is not a heading)."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines(keepends=True)
    level, fenced = 0, False
    taken: list[str] = []
    for line in lines:
        fenced ^= line.startswith("```")
        heading = re.match(r"(#+) (.+)\n", line) if not fenced else None
        if level and heading and len(heading.group(1)) <= level:
            break
        if level:
            taken.append(line)
        elif heading and heading.group(2) == heading_text:
            level = len(heading.group(1))
    assert level, f"the guide has no heading '{heading_text}'"
    return "".join(taken)


def _table_fields(section: str) -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", section, re.MULTILINE))


def _documented_fields(schema: dict[str, Any], node: dict[str, Any], prefix: str, seen: set[str]) -> Iterator[str]:
    """Every field a file may hold, as the guide names them: `outcome.status`, `sources[].url`.
    A definition reached a second time (a correction's source) is named but not walked again."""
    for name, spec in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path
        target, suffix = spec, "."
        if target.get("type") == "array" and "$ref" in target.get("items", {}):
            target, suffix = target["items"], "[]."
        reference = target.get("$ref", "")
        if reference:
            if reference in seen:
                continue
            seen.add(reference)
            target = schema["definitions"][reference.rsplit("/", 1)[1]]
        if "properties" in target:
            yield from _documented_fields(schema, target, path + suffix, seen)


def _fields(name: str) -> set[str]:
    schema = load_schema(name)
    root = schema if name == "entry" else schema["additionalProperties"]
    return set(_documented_fields(schema, root, "", set()))


@pytest.mark.parametrize(("schema", "heading"), [
    ("entry", "Entry fields"), ("companies", "companies.yaml"), ("themes", "themes.yaml"),
])
def test_the_guide_documents_every_field_of_every_schema(schema: str, heading: str) -> None:
    fields = _fields(schema)
    assert {"title", "summary"} <= fields or {"name", "country"} <= fields  # the walk found something
    assert _table_fields(_section(heading)) == fields


def test_the_guide_names_every_kind_and_outcome_status() -> None:
    assert _table_fields(_section("Kinds")) == set(KINDS)
    statuses = load_schema("entry")["properties"]["outcome"]["properties"]["status"]["enum"]
    row = next(line for line in _section("Entry fields").splitlines() if line.startswith("| `outcome.status`"))
    assert all(f"`{status}`" in row for status in statuses)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold Python tags (`!!python/name:...`), which are read here as nothing."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _mkdocs_config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_the_full_example_is_a_valid_entry_among_the_real_ones(tmp_path: Path) -> None:
    """It is a shortened lasso-launch.yaml: in its place, the real project still has no problem."""
    example = _yaml_blocks(_section("A full example"))[0]
    assert example.startswith(SCHEMA_LINE)
    used = set(yaml.safe_load(example))
    # all but two fields in use: the real entry has no date note and no updates (the guide shows those apart)
    assert used == set(load_schema("entry")["properties"]) - {"date_note", "updates"}
    project = tmp_path / "project"
    shutil.copytree(ROOT / "entries", project / "entries")
    write(project / "entries/2018/lasso-launch.yaml", example)
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no problems"), result.stdout


def test_both_guides_show_the_warning_check_gives_an_entry_in_english_only(tmp_path: Path) -> None:
    """Their example is the real lasso-launch.yaml without its zh block (the last block of the file)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "entries", project / "entries")
    path = project / "entries/2018/lasso-launch.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nzh:\n") + 1], encoding="utf-8")
    result = run_cli("check", "entries/2018/lasso-launch.yaml", cwd=project)
    assert result.returncode == 0, result.stdout
    warning, summary = result.stdout.splitlines()
    assert summary.endswith(": 0 errors, 1 warning in 1 file")
    assert warning in GUIDE.read_text(encoding="utf-8")
    assert warning in (ROOT / "docs/zh/contributing.md").read_text(encoding="utf-8")


def test_the_seed_article_is_cited_in_the_guide_as_the_entries_cite_it() -> None:
    snippet = yaml.safe_load(_yaml_blocks(_section("Sourcing rules"))[0])[0]
    assert "url" not in snippet and "no URL" in snippet["note"]
    cited = [source for path in sorted(ROOT.glob("entries/*/*.yaml"))
             for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
             if source["publisher"] == snippet["publisher"]]
    assert cited, "no entry cites the seed article as the guide shows"
    assert all(s["title"] == snippet["title"] and s["date"] == snippet["date"] and "url" not in s for s in cited)


def test_contributing_md_is_a_summary_of_the_guide_and_links_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    short = SHORT.read_text(encoding="utf-8")
    guide = GUIDE.read_text(encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)  # the published address, not a local preview's
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    assert "(docs/contributing.md)" in short
    assert f"({site_url}contributing/)" in short
    spans = set(re.findall(r"`([^`\n]+)`", short))
    assert spans and {span for span in spans if span not in guide} == set()
    for target in re.findall(r"\]\((?!https?://)([^)#]+)(?:#([^)]+))?\)", short):
        path, anchor = target
        assert (ROOT / path).is_file(), path
        if anchor:
            headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(encoding="utf-8"), re.MULTILINE)
            assert anchor in {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}, anchor


def test_the_guide_is_on_the_site_under_about() -> None:
    nav = _mkdocs_config()["nav"]
    about = next(item["About"] for item in nav if isinstance(item, dict) and "About" in item)
    assert "contributing.md" in about


def test_every_make_command_the_guides_name_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, re.MULTILINE))
    for document in (GUIDE, SHORT):
        named = set(re.findall(r"`make ([a-z]+)`", document.read_text(encoding="utf-8")))
        assert {"serve", "new", "check"} <= named, document.name
        assert named <= targets, document.name


# The tools the guide promises ------------------------------------------------------------------


def test_every_entry_file_points_editors_at_its_schema() -> None:
    for path in [*sorted(ROOT.glob("entries/*/*.yaml")), ROOT / "entries/companies.yaml", ROOT / "entries/themes.yaml"]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(SCHEMA_LINE), path
        schema = (path.parent / first.removeprefix(SCHEMA_LINE)).resolve()
        assert schema.parent == ROOT / "generator" / "schema" and schema.is_file(), path
        kind = "entry" if path.parent.name.isdigit() else path.stem
        assert schema.name == f"{kind}.schema.json", path


def test_new_writes_the_schema_line_the_real_entries_use(project: Path) -> None:
    result = run_cli("new", "--title", "Snap launches Spotlight", "--date", "2020-11-23", "--company", "snap",
                     "--kind", "milestone", cwd=project)
    assert result.returncode == 0, result.stderr
    written = (project / "entries/2020/snap-launches-spotlight.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert written == (ROOT / "entries/2018/lasso-launch.yaml").read_text(encoding="utf-8").splitlines()[0]


def test_an_unknown_id_suggests_the_closest_one(project: Path) -> None:
    write(project / "entries/2017/typo.yaml", (
        'title: A typo\ndate: "2017"\nkind: copy\ncompany: meta\ncopy_of: [snapchat-stroies]\n'
        "outcome:\n  status: active\n  entry: lasso-shutdwn\nthemes: [stories]\nsummary: S.\n"
        "sources:\n  - publisher: P\n    title: T\n    url: https://example.org/\nrelated: [instagram-story]\n"
    ))
    result = run_cli("check", "entries/2017/typo.yaml", cwd=project)
    assert result.returncode == 1
    assert "copy_of: no entry has the id 'snapchat-stroies' (did you mean 'snapchat-stories'?)" in result.stdout
    assert "outcome.entry: no entry has the id 'lasso-shutdwn' (did you mean 'lasso-shutdown'?)" in result.stdout
    assert "related: no entry has the id 'instagram-story' (did you mean 'instagram-stories'?)" in result.stdout


# pre-commit ------------------------------------------------------------------------------------


def _hook() -> dict[str, Any]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    return dict(hook)


def test_the_pre_commit_hook_runs_check_on_changed_entry_files_only() -> None:
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "system" and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in ["entries/2016/instagram-stories.yaml", "entries/companies.yaml"]:
        assert files.search(path), path
    for path in ["docs/about.md", "generator/schema/entry.schema.json", "tests/fixtures/project/entries/x.yaml",
                 "entries/2016/notes.yml"]:
        assert not files.search(path), path


def test_the_pre_commit_hook_command_passes_a_good_file_and_stops_a_bad_one(project: Path) -> None:
    """pre-commit runs `entry` from the repository root with the changed files appended."""
    (project / ".venv").symlink_to(ROOT / ".venv")
    command = shlex.split(_hook()["entry"])
    assert (project / command[0]).exists(), "the hook's interpreter is the one `make` installs"
    write(project / "entries/2016/bad.yaml", "title: x\n")

    def hook(*paths: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *paths], cwd=project, env=ENV, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL)

    good = hook("entries/2016/instagram-stories.yaml", "entries/companies.yaml")
    assert good.returncode == 0  # the fixture's entry has no Chinese text: a warning, which never stops a commit
    assert good.stdout.splitlines()[-1] == "8 files checked: 0 errors, 1 warning in 1 file"
    bad = hook("entries/2016/bad.yaml")
    assert bad.returncode == 1
    assert "entries/2016/bad.yaml:1:1: error: missing required field 'date'" in bad.stdout


# make build fails closed -----------------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_make_build_replaces_site_only_when_the_build_succeeds(project: Path) -> None:
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    stamp = project / "installed-stamp"
    stamp.touch()  # newer than pyproject.toml and constraints.txt: make installs nothing
    variables = [f"BIN={ROOT / '.venv' / 'bin'}", f"STAMP={stamp}"]

    def make_build() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "build", *variables], cwd=project, env={**ENV, "MAKEFLAGS": ""},
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)

    first = make_build()
    assert first.returncode == 0, first.stderr
    assert (project / "site/events/instagram-stories/index.html").is_file()
    before = _digest(project / "site")

    write(project / "entries/2016/instagram-stories.yaml", "title: broken\n")
    write(project / "entries/2016/hostile.yaml", "title: <script>alert(1)</script>\n")
    failed = make_build()
    assert failed.returncode != 0
    assert "Invalid timeline entries" in failed.stderr + failed.stdout
    assert _digest(project / "site") == before
    assert not (project / "site/events/hostile").exists()
    assert os.listdir(project / "site")
