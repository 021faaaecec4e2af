"""The strict YAML reader, with libyaml and with the pure-Python parser: the same strictness."""

from __future__ import annotations

import time

import pytest

from conftest import ROOT
from generator.load.yamlread import MAX_PROBLEMS_PER_FILE, read_yaml

BOTH = pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure"])


@BOTH
def test_every_scalar_stays_text(fast: bool) -> None:
    doc, issues = read_yaml("a: NO\nb: 0755\nc: 1:30\nd: 1.10\ne: 2016-08-02\nf: true\n", fast=fast)
    assert issues == []
    assert doc.data == {"a": "NO", "b": "0755", "c": "1:30", "d": "1.10", "e": "2016-08-02", "f": "true"}


@BOTH
def test_null_words_are_none_only_when_plain(fast: bool) -> None:
    doc, _ = read_yaml("a: ~\nb: null\nc: 'null'\nd:\n", fast=fast)
    assert doc.data == {"a": None, "b": None, "c": "null", "d": None}


@BOTH
@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)"),
        ("a: &x [1]\n", 1, 4, "anchors"),
        ("a: [1]\nb: *x\n", 2, 4, "aliases"),
        ("a: !!python/object/apply:os.system ['ls']\n", 1, 4, "tags are not allowed"),
        ("a: !!binary aGVsbG8=\n", 1, 4, "tags are not allowed"),
        ("a: !custom x\n", 1, 4, "tags are not allowed"),
        ("a:\n  <<: {b: 1}\n", 2, 3, "merge keys"),
        ("a: 1\n---\nb: 2\n", 2, 1, "only one YAML document"),
        ("? [a]\n: 1\n", 1, 3, "keys must be plain text"),
        ("a: b\nc: d\x00\n", 2, 5, "control character U+0000"),
    ],
)
def test_yaml_surprises_are_problems_with_positions(fast: bool, text: str, line: int, col: int, fragment: str) -> None:
    _, issues = read_yaml(text, fast=fast)
    assert issues, text
    assert (issues[0].line, issues[0].col) == (line, col)
    assert fragment in issues[0].message


@BOTH
def test_syntax_errors_have_positions(fast: bool) -> None:
    _, issues = read_yaml("a:\n\tb: 1\n", fast=fast)
    assert [(i.line, i.col) for i in issues] == [(2, 1)]
    assert issues[0].message.startswith("invalid YAML")


@BOTH
def test_alias_bomb_is_rejected_without_expanding(fast: bool) -> None:
    bomb = (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    )
    started = time.perf_counter()
    doc, issues = read_yaml(bomb, fast=fast)
    assert time.perf_counter() - started < 1.0
    assert any("aliases" in issue.message for issue in issues)
    assert doc.data["d"] == [None] * 9  # aliases are never expanded


@BOTH
def test_deep_nesting_stops_early_without_crashing(fast: bool) -> None:
    _, issues = read_yaml("a: " + "[" * 100_000 + "]" * 100_000, fast=fast)
    assert [i.message for i in issues] == ["nested too deeply (more than 32 levels)"]


@BOTH
def test_positions_of_keys_and_values(fast: bool) -> None:
    doc, _ = read_yaml("title: x\nsources:\n  - url: y\n", fast=fast)
    assert doc.keys[("sources",)] == (2, 1)
    assert doc.values[("sources", 0, "url")] == (3, 10)
    assert doc.position(("sources", 0, "missing")) == (3, 5)


@BOTH
def test_offsets_inside_block_scalars_map_to_file_positions(fast: bool) -> None:
    doc, _ = read_yaml("a: 1\nbody: |\n  hello\n  so <b>\n", fast=fast)
    offset = doc.data["body"].index("<")
    assert doc.position_in_value(("body",), offset) == (4, 6)


@BOTH
def test_offsets_inside_folded_scalars_follow_the_lines_not_the_folded_text(fast: bool) -> None:
    text = "summary: >-\n  One sentence.[1] And a\n  second one.[2]\n\n    kept indented.[3]\nnext: x\n"
    doc, _ = read_yaml(text, fast=fast)
    value = doc.data["summary"]
    assert "\n" not in value.split("[2]")[0]  # folded: the first break became a space
    assert doc.position_in_value(("summary",), value.index("[1]")) == (2, 16)
    assert doc.position_in_value(("summary",), value.index("[2]")) == (3, 14)
    assert doc.position_in_value(("summary",), value.index("[3]")) == (5, 19)


@BOTH
def test_positions_are_recorded_for_every_file_even_one_without_problems(fast: bool) -> None:
    doc, issues = read_yaml("title: x\nthemes:\n  - a\n  - b\n", fast=fast)
    assert issues == []
    assert doc.values == {(): (1, 1), ("title",): (1, 8), ("themes",): (3, 3), ("themes", 0): (3, 5), ("themes", 1): (4, 5)}
    assert doc.keys == {("title",): (1, 1), ("themes",): (2, 1)}


@BOTH
def test_an_invisible_line_break_stops_reading_before_any_position_is_wrong(fast: bool) -> None:
    _, issues = read_yaml("a: x\nb: y\u2028z\n", fast=fast)
    assert [(i.line, i.col, i.message) for i in issues] == [
        (2, 5, "invisible line-breaking character U+2028 is not allowed")]


@BOTH
def test_problems_per_file_are_capped_but_the_reason_to_stop_is_always_given(fast: bool) -> None:
    text = "".join(f"k{n}: &a{n} x\n" for n in range(40)) + "---\nb: 1\n"
    _, issues = read_yaml(text, fast=fast)
    assert len(issues) == MAX_PROBLEMS_PER_FILE + 1
    assert issues[-1].message.startswith("only one YAML document")


def test_libyaml_and_the_pure_parser_read_every_yaml_file_of_the_repository_alike() -> None:
    """`fast` only chooses the parser: the same data at the same positions, and a file one rejects
    the other rejects too (where a syntax error is placed can differ between the two parsers)."""
    paths = sorted({*ROOT.glob("entries/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")})
    assert len(paths) > 150
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        (fast, fast_issues), (pure, pure_issues) = read_yaml(text, fast=True), read_yaml(text, fast=False)
        assert fast.data == pure.data and fast.values == pure.values and fast.keys == pure.keys, path
        assert bool(fast_issues) == bool(pure_issues), path
