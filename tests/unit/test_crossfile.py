"""Rules across files (load/crossfile.py): ids unique, references resolve, folders and dates agree;
and a file that cannot be read does not cascade into unknown-id errors in the files that name it."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from conftest import FIXTURE
from generator.load.convert import companies_from, entry_from, themes_from
from generator.load.crossfile import check_project, duplicate_ids, suggest_company
from generator.load.duplicates import keys_of
from generator.load.located import LocatedEntry
from generator.load.project import load_project
from generator.load.yamlread import read_yaml


def _messages(project: Path) -> list[str]:
    result = load_project(project / "entries")
    return [str(p) for p in result.problems if p.topic != "translation"]  # test_translations.py


def _located(entries: Path = FIXTURE / "entries") -> list[LocatedEntry]:
    located = []
    for path in sorted(entries.glob("[0-9]*/*.yaml")):
        doc, issues = read_yaml(path.read_text(encoding="utf-8"))
        assert not issues and isinstance(doc.data, dict)
        entry = entry_from(doc.data, entry_id=path.stem, path=f"entries/{path.parent.name}/{path.name}")
        located.append(LocatedEntry(entry, doc, path.parent.name, keys_of(entry)))
    return located


def _catalogs() -> tuple[dict, dict]:  # type: ignore[type-arg]
    companies, _ = read_yaml((FIXTURE / "entries/companies.yaml").read_text(encoding="utf-8"))
    themes, _ = read_yaml((FIXTURE / "entries/themes.yaml").read_text(encoding="utf-8"))
    assert isinstance(companies.data, dict) and isinstance(themes.data, dict)
    return companies_from(companies.data), themes_from(themes.data)


def test_the_fixture_has_no_problem_across_files() -> None:
    problems, referrers = check_project(_located(), *_catalogs())
    assert problems == [] and referrers == Counter()


def test_a_broken_file_is_one_problem_that_counts_the_entries_referring_to_it(project: Path) -> None:
    # snapchat-launch is the original of lasso-launch and related to instagram-stories
    (project / "entries/2011/snapchat-launch.yaml").write_text("title: [broken\n", encoding="utf-8")
    messages = _messages(project)
    assert len(messages) == 1, messages
    assert messages[0].startswith("entries/2011/snapchat-launch.yaml:")
    assert messages[0].endswith("(2 entries refer to this one)")
    assert not any("no entry has the id" in m for m in messages)


def test_one_referrer_is_counted_in_the_singular(project: Path) -> None:
    (project / "entries/2020/lasso-shutdown.yaml").write_text("title: x\n", encoding="utf-8")  # schema errors
    messages = _messages(project)
    assert sum(m.endswith("(1 entry refers to this one)") for m in messages) == 1
    assert all(m.startswith("entries/2020/lasso-shutdown.yaml:") for m in messages), messages


def test_the_unread_ids_are_counted_not_reported() -> None:
    located = [item for item in _located() if item.entry.id != "snapchat-launch"]
    problems, referrers = check_project(located, *_catalogs(), unread={"snapchat-launch"})
    assert problems == [] and referrers == Counter({"snapchat-launch": 2})
    problems, referrers = check_project(located, *_catalogs())
    assert [str(p) for p in problems] == [
        "entries/2016/instagram-stories.yaml:22:11: error: related: no entry has the id 'snapchat-launch'",
        "entries/2018/lasso-launch.yaml:7:11: error: copy_of: no entry has the id 'snapchat-launch'",
    ] and referrers == Counter()


def test_a_missing_file_is_still_an_unknown_id_with_a_suggestion(project: Path) -> None:
    path = project / "entries/2018/lasso-launch.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("entry: lasso-shutdown", "entry: lasso-shutdwn"), encoding="utf-8")
    assert _messages(project) == [
        "entries/2018/lasso-launch.yaml:11:10: error: outcome.entry: no entry has the id 'lasso-shutdwn' "
        "(did you mean 'lasso-shutdown'?)"]


def test_folder_company_theme_and_order_of_dates(project: Path) -> None:
    path = project / "entries/2018/lasso-launch.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2018-11\n", "date: 2019-11\n").replace("company: meta", "company: facebok")
                    .replace("themes: [video]", "themes: [vidoe]"), encoding="utf-8")
    assert _messages(project) == [
        "entries/2018/lasso-launch.yaml:2:7: error: date: the year 2019 does not match the folder '2018' "
        "(move the file to entries/2019/)",
        "entries/2018/lasso-launch.yaml:5:10: error: company: unknown company 'facebok' (did you mean 'meta'?) "
        "(companies are listed in entries/companies.yaml)",
        "entries/2018/lasso-launch.yaml:12:10: error: themes: unknown theme 'vidoe' (did you mean 'video'?)",
    ]


def test_an_original_comes_before_its_copy() -> None:
    located = _located()
    copy = next(item for item in located if item.entry.id == "lasso-launch")
    early = dataclasses.replace(copy, entry=dataclasses.replace(copy.entry, copy_of=("lasso-shutdown",)))
    problems, _ = check_project([early if item is copy else item for item in located], *_catalogs())
    assert [p.message for p in problems] == [
        "copy_of: 'lasso-shutdown' (2020-07-10) is later than this copy (2018-11); an original comes first"]


def test_the_first_file_with_an_id_wins() -> None:
    located = _located()
    unique, problems = duplicate_ids([*located, located[0]])
    assert unique == located
    assert [p.message for p in problems] == [
        f"the id '{located[0].entry.id}' is already used by {located[0].entry.path}; ids are unique"]


def test_company_suggestions_read_names_and_aliases() -> None:
    companies, _ = _catalogs()
    assert suggest_company("Snapchat", companies) == " (did you mean 'snap'?)"
    assert suggest_company("bytedanse", companies) == " (did you mean 'bytedance'?)"
    assert suggest_company("zzzz", companies) == ""
