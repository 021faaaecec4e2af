"""What entry Markdown may contain (load/markdown_rules.py), with the offset of each finding."""

from __future__ import annotations

import pytest

from generator.load.markdown_rules import (
    invisible_characters,
    is_safe_url,
    link_target_problem,
    markdown_problems,
)


@pytest.mark.parametrize(("text", "offset", "fragment"), [
    ("a <b>bold</b>", 2, "raw HTML"),
    ("x {: .cls }", 2, "attribute lists"),
    ('--8<-- "/etc/passwd"', 0, "snippet includes"),
    ("[a]: https://evil.example", 0, "link or footnote definitions"),
    ("*[HTML]: Hyper", 0, "abbreviation definitions"),
    ("![x](https://example.org/x.png)", 0, "images"),
    ("!!! note", 0, "admonitions"),
    ("## big", 0, "headings above level 3"),
    ("Title\n===", 6, "setext headings"),
    ("[x](javascript:alert(1))", 4, "links must be http:// or https://"),
    ("   # after spaces", 3, "headings above level 3"),
])
def test_what_reaches_past_an_entry_is_found_where_it_starts(text: str, offset: int, fragment: str) -> None:
    found = markdown_problems(text, inline_only=False)
    assert any(at == offset and fragment in message for at, message in found), found


def test_ordinary_markdown_is_allowed() -> None:
    text = "Some *emphasis*, `code`, a [link](https://example.org/a_(b)).\n\n- a list\n\n> a quote\n\n### small heading"
    assert markdown_problems(text, inline_only=False) == []


def test_a_summary_is_one_inline_paragraph() -> None:
    assert [m for _, m in markdown_problems("one\n\ntwo", inline_only=True)] == ["a summary is one paragraph (put more in body)"]
    assert any("a summary is inline Markdown" in m for _, m in markdown_problems("- item", inline_only=True))
    assert markdown_problems("- item", inline_only=False) == []


def test_invisible_characters_with_their_offsets() -> None:
    assert invisible_characters("plain text") == []
    assert invisible_characters("tab\tand\nbreaks\r\n") == []
    assert invisible_characters("a\x1bb") == [(1, "control character U+001B is not allowed")]
    assert invisible_characters("é\u202e\u200b") == [
        (1, "invisible or direction-changing character U+202E is not allowed"),
        (2, "invisible or direction-changing character U+200B is not allowed")]
    assert invisible_characters("漢字 café") == []


@pytest.mark.parametrize(("url", "safe"), [
    ("https://example.org/a", True), ("http://example.org", True), ("HTTPS://example.org", True),
    ("javascript:alert(1)", False), ("https://", False), ("//example.org", False), ("ftp://example.org", False),
    (" https://example.org", False), ("https://[x/", False), ("data:text/html,x", False),
])
def test_safe_urls_are_absolute_http_with_a_host(url: str, safe: bool) -> None:
    assert is_safe_url(url) == safe


@pytest.mark.parametrize(("url", "problem"), [
    ("https://example.org/a_(b)", None),
    ("https://example.org/x)[y](javascript:alert(1)", "unbalanced parentheses"),
    ("https://example.org/a\\b", "backslash"),
    ("https:///path", "no valid host name"),
])
def test_link_targets_that_would_break_the_markdown_link(url: str, problem: str | None) -> None:
    found = link_target_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize(("text", "offset", "fragment"), [
    ("harmless <[1]script>", 9, "raw HTML"),
    ("[x][1]: https://evil.example", 0, "link or footnote definitions"),
    ("![1][x](https://example.org/x.png)", 0, "images"),
    ("a {[2]: .cls }", 2, "attribute lists"),
])
def test_leaving_the_markers_out_cannot_make_markdown_the_rules_refuse(text: str, offset: int, fragment: str) -> None:
    """Lists and plain-text files show the text without its markers, so the rules read that too
    and report what they find where it is written."""
    found = markdown_problems(text, inline_only=True)
    assert any(at == offset and fragment in message for at, message in found), found


def test_markers_themselves_are_ordinary_text() -> None:
    assert markdown_problems("Said so in a tweet.[1] Then more.[2][3]", inline_only=True) == []
