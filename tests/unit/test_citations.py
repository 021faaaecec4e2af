"""Citation markers (model/citations.py): the one reader the checker and every renderer share."""

from __future__ import annotations

import pytest

from generator.model.citations import Marker, cited_numbers, markers, parts, without_markers, without_markers_mapped


def test_markers_after_sentences_and_side_by_side() -> None:
    text = "Announced in a tweet.[1] Reported in November 2019.[2][13]"
    assert markers(text) == [Marker(21, 24, 1), Marker(51, 54, 2), Marker(54, 58, 13)]
    assert parts(text) == ["Announced in a tweet.", 1, " Reported in November 2019.", 2, 13]
    assert without_markers(text) == "Announced in a tweet. Reported in November 2019."
    assert cited_numbers(text) == {1, 2, 13}


def test_chinese_text_takes_markers_the_same_way() -> None:
    assert parts("字节跳动推出抖音。[1]此后……[2]") == ["字节跳动推出抖音。", 1, "此后……", 2]


@pytest.mark.parametrize("text", [
    "a link [1](https://example.org/x) is a link",
    "a link with brackets as its text [[1]](https://example.org/x)",
    "an address holding brackets [x](https://example.org/a[1]b)",
    'a link title [x](https://example.org/a "see [1]")',
    "code: `items[1]` and ``a [2] b``",
    "an escaped \\[1] is literal text",
    "deserve[s] the credit, and a year [20x1]",
])
def test_brackets_that_markdown_already_reads_are_not_markers(text: str) -> None:
    assert markers(text) == []
    assert without_markers(text) == text


def test_an_escaped_backslash_does_not_escape_the_marker() -> None:
    assert [m.number for m in markers("a\\\\[1] b\\[2]")] == [1]


def test_offsets_of_the_text_without_markers_point_back_at_the_written_text() -> None:
    text = "One.[1] Two <[2]b>."
    plain, origin = without_markers_mapped(text)
    assert plain == "One. Two <b>."
    assert text[origin[plain.index("<")]] == "<" and text[origin[plain.index("b>")]] == "b"
    assert without_markers_mapped("no markers") == ("no markers", [])
