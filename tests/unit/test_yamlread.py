"""The strict YAML reader, with libyaml and with the pure-Python parser: the same strictness."""

from __future__ import annotations

import time

import pytest

from generator.load.yamlread import read_yaml

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
