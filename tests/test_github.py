"""The .github/ folder: workflows, issue forms and templates are valid and do what the guide says.

The files are validated against GitHub's own JSON Schemas as vendored (offline) by the
check-jsonschema package; the tests below add the rules a schema cannot state: which events run
what, with which rights, and that CI runs the commands the README and the guide promise.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ENV, ROOT
from generator.model.entries import KINDS
from generator.site.pagemeta import CORRECTION_LABEL

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = [GITHUB / "ISSUE_TEMPLATE" / "new-event.yml", GITHUB / "ISSUE_TEMPLATE" / "correction.yml"]
MAINTAINERS = "@copycat-valley/maintainers"
# `make` targets a contributor runs on their own machine; every other target the README names, CI runs.
LOCAL_ONLY_TARGETS = {"serve", "new", "bench", "clean"}


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _on(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` block (YAML 1.1 reads the key `on` as True)."""
    triggers = workflow.get("on", workflow.get(True))
    assert isinstance(triggers, dict)
    return triggers


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _runs(workflow: dict[Any, Any]) -> list[str]:
    return [line.strip() for step in _steps(workflow) for line in step.get("run", "").splitlines()]


@pytest.mark.parametrize(("schema", "paths"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", FORMS),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
], ids=["workflows", "issue-forms", "issue-config"])
def test_files_match_githubs_schemas(schema: str, paths: list[Path]) -> None:
    assert paths and all(path.is_file() for path in paths)
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
        env=ENV, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        env=ENV, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1 and "'stepz' was unexpected" in result.stdout


def test_the_workflows_are_the_three_expected() -> None:
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "deploy.yml", "links.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_rights(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = _load(path)
    assert "pull_request_target" not in _on(workflow)
    assert "workflow_run" not in _on(workflow)
    assert workflow["permissions"] == {"contents": "read"}  # the default for every job
    assert not re.search(r"\$\{\{[^}]*secrets\.", text)
    for step in _steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_githubs_own_and_pinned_to_a_version(path: Path) -> None:
    uses = [step["uses"] for step in _steps(_load(path)) if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"actions/[a-z-]+@(v[0-9]+(\.[0-9]+){0,2}|[0-9a-f]{40})", action), action


def test_ci_runs_on_every_pull_request_and_on_main() -> None:
    ci = _load(GITHUB / "workflows" / "ci.yml")
    assert set(_on(ci)) == {"pull_request", "push"}
    assert _on(ci)["pull_request"] is None  # every pull request, from any fork, to any branch
    assert _on(ci)["push"] == {"branches": ["main"]}
    assert all("permissions" not in job for job in ci["jobs"].values())  # nothing beyond reading


def test_ci_runs_every_command_the_readme_promises() -> None:
    runs = _runs(_load(GITHUB / "workflows" / "ci.yml"))
    promised = set(re.findall(r"`make ([a-z]+)`", (ROOT / "README.md").read_text(encoding="utf-8")))
    promised |= set(re.findall(r"`make ([a-z]+)`", (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")))
    assert {"check", "test", "build"} <= promised
    assert {f"make {target}" for target in promised - LOCAL_ONLY_TARGETS} <= set(runs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for run in runs:
        if run.startswith("make "):
            assert re.search(rf"^{run.split()[1]}:", makefile, re.MULTILINE), run


def test_ci_installs_what_the_project_ci_script_installs() -> None:
    """GitHub's runner starts as bare as the project's own CI machine: the same Debian packages."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    needed = {package for line in re.findall(r"apt-get install ([^\n]+)", script)
              for package in line.split() if not package.startswith("-")}
    installed = {package for run in _runs(_load(GITHUB / "workflows" / "ci.yml")) if "apt-get install" in run
                 for package in run.split("apt-get install", 1)[1].split() if not package.startswith("-")}
    assert needed and needed <= installed


def test_ci_annotates_entry_problems_and_keeps_the_built_site() -> None:
    ci = _load(GITHUB / "workflows" / "ci.yml")
    assert any("generator check --format github" in run for run in _runs(ci))
    [upload] = [step for step in _steps(ci) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert upload["with"]["name"] == "site"


def test_deploy_publishes_main_to_pages_with_the_least_rights() -> None:
    deploy = _load(GITHUB / "workflows" / "deploy.yml")
    assert set(_on(deploy)) <= {"push", "workflow_dispatch"}
    assert _on(deploy)["push"] == {"branches": ["main"]}
    assert deploy["concurrency"]["group"] and deploy["concurrency"]["cancel-in-progress"] is False
    jobs = deploy["jobs"]
    writers = {name for name, job in jobs.items() if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    build = jobs["build"]["steps"]
    actions = [step.get("uses", "").split("@")[0] for step in build]
    assert [action for action in actions if action] == [
        "actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact"]
    upload = actions.index("actions/upload-pages-artifact")
    assert [step.get("run", "").strip() for step in build].index("make build") < upload
    assert build[upload]["with"]["path"].rstrip("/") == "site"


def test_the_link_watch_runs_weekly_and_only_writes_issues() -> None:
    watch = _load(GITHUB / "workflows" / "links.yml")
    assert set(_on(watch)) == {"schedule", "workflow_dispatch"}  # never on a pull request
    assert [item["cron"] for item in _on(watch)["schedule"]]
    [job] = watch["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = _runs(watch)
    assert any("generator links --format text" in run for run in runs)
    script = "\n".join(runs)
    assert "--label link-rot" in script and "gh issue create" in script and "gh issue edit" in script
    assert "--body-file" in script  # entry text never goes through the shell's command line
    assert "github.token" in (GITHUB / "workflows" / "links.yml").read_text(encoding="utf-8")


def _form_fields(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in _load(path)["body"] if "id" in item}


def test_the_correction_form_carries_the_label_of_the_correction_links() -> None:
    form = _load(GITHUB / "ISSUE_TEMPLATE" / "correction.yml")
    assert CORRECTION_LABEL in form["labels"]
    assert form["title"].startswith("Correction: ")
    fields = _form_fields(GITHUB / "ISSUE_TEMPLATE" / "correction.yml")
    assert {"entry", "wrong", "right", "source"} <= set(fields)
    assert all(fields[name]["validations"]["required"] for name in ("entry", "source"))
    # The event pages' links open a prefilled blank issue, so blank issues must stay possible.
    assert _load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is True


def test_the_new_event_form_asks_for_what_an_entry_needs() -> None:
    fields = _form_fields(GITHUB / "ISSUE_TEMPLATE" / "new-event.yml")
    assert fields["kind"]["attributes"]["options"] == list(KINDS)
    for required in ("title", "date", "company", "kind", "summary", "sources"):
        assert fields[required]["validations"]["required"] is True, required
    promises = [option["label"] for option in fields["agreement"]["attributes"]["options"] if option["required"]]
    assert any("read every source" in label for label in promises)
    assert any("CC BY 4.0" in label for label in promises)


def test_the_forms_and_templates_link_to_pages_that_exist() -> None:
    site_url = "https://copycat-valley.github.io/copycat-valley/"
    files = [*FORMS, GITHUB / "ISSUE_TEMPLATE" / "config.yml", GITHUB / "pull_request_template.md"]
    links = [url for path in files for url in re.findall(rf"{re.escape(site_url)}[^\s)>]*", path.read_text("utf-8"))]
    pages = {url.removeprefix(site_url) for url in links}
    assert "contributing/" in pages
    docs = {path.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/" for path in (ROOT / "docs").rglob("*.md")}
    events = {f"events/{path.stem}/" for path in ROOT.glob("entries/*/*.yaml")}
    assert pages <= docs | events | {"timeline/"}


def test_the_pull_request_template_is_a_short_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert 3 <= len(items) <= 10
    assert any("`make check`" in item for item in items)
    assert any("read every source" in item for item in items)
    assert "contributing" in text


def _owners(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """GitHub's rule for anchored patterns: the last matching line wins."""
    owners: list[str] = []
    for pattern, names in rules:
        anchored = pattern.lstrip("/")
        if path == anchored or (anchored.endswith("/") and path.startswith(anchored)):
            owners = names
    return owners


def test_codeowners_puts_the_build_and_publishing_under_maintainers() -> None:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *names = line.split()
            assert pattern.startswith("/") and names, line
            assert all(re.fullmatch(r"@[a-z0-9-]+/[a-z0-9-]+", name) for name in names), line
            rules.append((pattern, names))
    for path in ["mkdocs.yml", "overrides/main.html", "generator/cli.py", "generator/templates/event.md.j2",
                 ".github/workflows/ci.yml", ".github/CODEOWNERS", "Makefile", ".ci/run", "pyproject.toml"]:
        assert _owners(path, rules) == [MAINTAINERS], path
    for path in ["entries/2016/instagram-stories.yaml", "docs/about.md"]:
        assert _owners(path, rules) == [], path
