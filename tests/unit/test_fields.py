"""Rules for one file (load/fields.py): the schema, then FIELD_RULES, one registry walked once over
every value and key of every file, each finding placed at its line and column."""

from __future__ import annotations

import pytest

from conftest import FIXTURE
from generator.load.fields import FIELD_RULES, check_file, field_name, is_valid
from generator.load.yamlread import read_yaml
from generator.model.problems import Problem

ENTRY = (FIXTURE / "entries/2016/instagram-stories.yaml").read_text(encoding="utf-8")
COMPANIES = (FIXTURE / "entries/companies.yaml").read_text(encoding="utf-8")
THEMES = (FIXTURE / "entries/themes.yaml").read_text(encoding="utf-8")


def problems(text: str, schema: str = "entry") -> list[str]:
    doc, issues = read_yaml(text)
    assert issues == []
    return [f"{p.line}:{p.col}: {p.level}: {p.message}" for p in check_file(doc, schema, "x.yaml")]


@pytest.mark.parametrize(("text", "schema"), [(ENTRY, "entry"), (COMPANIES, "companies"), (THEMES, "themes")])
def test_the_fixture_files_are_clean(text: str, schema: str) -> None:
    assert problems(text, schema) == []


def test_an_invisible_character_deep_in_an_otherwise_clean_file_is_found() -> None:
    text = ENTRY.replace("title: Instagram's CEO", "title: Instagram's\u200b CEO")
    assert problems(text) == [
        "19:23: error: sources[0].title: invisible or direction-changing character U+200B is not allowed"]


@pytest.mark.parametrize(("text", "schema", "expected"), [
    (COMPANIES.replace("country: US\nsnap", "country: US\u202e\nsnap"), "companies",
     "5:14: error: meta.country: invisible or direction-changing character U+202E is not allowed"),
    (THEMES.replace("TikTok and", "TikTok\u00ad and"), "themes",
     "7:18: error: video.summary: invisible or direction-changing character U+00AD is not allowed"),
    (ENTRY.replace("date: 2016-08-02\n    url", "date: 2016-08-02\n    note: a\u2066b\n    url"), "entry",
     "21:12: error: sources[0].note: invisible or direction-changing character U+2066 is not allowed"),
])
def test_a_rule_in_the_registry_applies_to_every_file(text: str, schema: str, expected: str) -> None:
    assert expected in problems(text, schema)


def test_an_invisible_character_in_a_key_is_found_too() -> None:
    found = problems(ENTRY.replace("product:", "prod\u200buct:"))
    assert "6:5: error: key: invisible or direction-changing character U+200B is not allowed" in found


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("date: 2016-08-02\nkind", "date: 2016-8-2\nkind",
     "3:7: error: date: months and days have two digits: write '2016-08-02', got '2016-8-2'"),
    ("    date: 2016-08-02", "    date: 2016-02-30",
     "20:11: error: sources[0].date: day must be 01 to 29 in that month, got '2016-02-30'"),
    ("copied-snapchat", "copied-snapchat)x",
     "21:10: error: sources[0].url: the address has unbalanced parentheses: write ( as %28 and ) as %29"),
    ("crediting Snapchat.", "crediting [Snapchat](javascript:alert(1)).",
     "12:63: error: summary: links must be http:// or https:// addresses, got 'javascript:alert(1'"),
    ("  - a list item", "  ## a heading",
     "16:3: error: body: headings above level 3 are not allowed (use ### at most)"),
])
def test_dates_addresses_and_markdown_are_checked_where_they_are_written(old: str, new: str, expected: str) -> None:
    assert old in ENTRY
    assert expected in problems(ENTRY.replace(old, new))


def test_markdown_rules_apply_to_the_fields_that_hold_markdown_only() -> None:
    assert problems(ENTRY.replace("product: Instagram Stories", "product: '## Stories <b>'")) == []
    summary = problems(ENTRY.replace("summary: Instagram adds 24-hour stories, crediting Snapchat.", "summary: |\n  One.\n\n  Two."))
    assert any("summary: a summary is one paragraph" in p for p in summary)
    assert not any("one paragraph" in p for p in problems(ENTRY.replace("  - a list item", "  more\n\n  paragraphs")))


def test_a_founded_date_in_the_companies_file_is_a_date() -> None:
    text = COMPANIES.replace("  country: US\nsnap", "  country: US\n  founded: 2004-13\nsnap")
    assert "6:12: error: meta.founded: month must be 01 to 12, got '2004-13'" in problems(text, "companies")


@pytest.mark.parametrize(("text", "what"), [("", "empty"), ("- a\n", "a list"), ("x\n", "a single value")])
def test_a_file_that_is_not_a_mapping(text: str, what: str) -> None:
    doc, _ = read_yaml(text)
    assert check_file(doc, "entry", "x.yaml") == [
        Problem("x.yaml", 1, 1, f"the file must be a mapping of fields, but it is {what}")]


def test_schema_errors_are_explained_at_their_place() -> None:
    found = problems(ENTRY.replace("kind: copy", "kind: copie").replace("summary:", "description:"))
    assert any(p.startswith("4:7: error: kind:") and p.endswith("(did you mean 'copy'?)") for p in found)
    assert "12:1: error: unknown field 'description' (did you mean 'summary'?)" in found
    assert any("missing required field 'summary'" in p for p in found)
    assert not is_valid("entry", read_yaml(ENTRY.replace("kind: copy", "kind: copie"))[0].data)


def test_field_names_as_people_write_them() -> None:
    assert field_name(("sources", 0, "url")) == "sources[0].url"
    assert field_name(("outcome", "entry")) == "outcome.entry"
    assert field_name(()) == ""


@pytest.mark.parametrize("schema", ["entry", "companies", "themes"])
def test_the_registry_has_a_rule_for_invisible_characters_at_any_depth_of_any_file(schema: str) -> None:
    deep = ("a", 0, "b", 1, "c")
    found = [rule.check("a\u200bb", deep, {}) for rule in FIELD_RULES if rule.takes is str and rule.applies(schema, deep)]
    assert [finding for finding in found if finding] == [
        [(1, "invisible or direction-changing character U+200B is not allowed")]]


CITED = """title: Instagram launches Stories
date: 2016-08-02
kind: original
company: meta
themes: [stories]
summary: >-
  Instagram adds 24-hour stories.[1] Its chief executive
  credits Snapchat.[4] Reported the same day.[0][2]
body: |
  A sentence.[2]

  - a list item with `code [9]` in it.[5]
sources:
  - publisher: A
    title: First
    url: https://a.example/1
  - publisher: B
    title: Second
    url: https://a.example/2
  - publisher: C
    title: Third
    url: https://a.example/3
"""


def test_a_marker_that_names_no_source_is_an_error_where_it_is_written() -> None:
    """In a folded summary (whose line breaks the value no longer holds) and a literal body alike."""
    assert problems(CITED) == [
        "8:20: error: summary: marker [4] points at no source: the entry has 3 sources, [1] to [3]",
        "8:46: error: summary: marker [0] points at no source: the entry has 3 sources, [1] to [3]",
        "12:39: error: body: marker [5] points at no source: the entry has 3 sources, [1] to [3]",
        "20:5: warning: sources[2]: no marker cites this source: write [3] after each sentence it supports",
    ]


def test_one_source_and_a_cited_list_are_clean() -> None:
    one = CITED.split("  - publisher: B")[0].replace("[4]", "[1]").replace("[0][2]", "").replace("[2]", "").replace("[5]", "")
    assert problems(one) == []
    assert "marker [3] points at no source: the entry has 1 source, [1]" in problems(one.replace("day.", "day.[3]"))[0]


def test_every_field_that_cites_sources_counts_for_the_warning() -> None:
    cited_in_body = CITED.replace("[5]", "[3]")
    assert not any("sources[2]" in p for p in problems(cited_in_body))
    assert not any(p.endswith("[3] after each sentence it supports") for p in problems(CITED.replace("[4]", "[3]")))


def test_fields_that_cite_nothing_have_no_marker_rule() -> None:
    text = CITED.replace("    title: Third\n", "    title: Third [7]\n").replace("[4]", "[3]").replace("[0]", "").replace("[5]", "")
    assert problems(text) == []


def test_sources_written_as_a_mapping_are_a_schema_error_not_a_crash() -> None:
    text = CITED.split("sources:")[0] + "sources:\n  first:\n    publisher: A\n    title: T\n    url: https://a.example/1\n"
    found = problems(text)
    assert any("sources: must be a list of sources" in p for p in found)
    assert any("marker [4] points at no source: the entry has 0 sources" in p for p in found)
