"""Finished HTML (a copy map) goes around Markdown, not through it (mkdocs_plugin/htmlblocks.py)."""

from __future__ import annotations

import markdown

from generator.mkdocs_plugin.htmlblocks import END, START, put_back, set_aside

DRAWING = f'{START}\n<figure class="cv-copymap"><svg><text x="0">*not emphasis* &amp; 1 &lt; 2</text></svg></figure>\n{END}'


def test_a_marked_block_comes_back_unchanged_around_the_conversion() -> None:
    page = f"# Lasso\n\nSome *text*.\n\n{DRAWING}\n\n## Sources\n\n{DRAWING}\n"
    aside, blocks = set_aside(page)
    assert blocks == [DRAWING, DRAWING]
    assert "<svg" not in aside
    html = put_back(markdown.markdown(aside, extensions=["md_in_html"]), blocks)
    assert html.count(DRAWING) == 2
    assert "cv-html 0" not in html and "cv-html 1" not in html
    assert "<em>text</em>" in html and "<h2>Sources</h2>" in html


def test_a_page_without_marks_is_left_as_it_is() -> None:
    assert set_aside("# Plain\n\n<div>raw</div>\n") == ("# Plain\n\n<div>raw</div>\n", [])
    assert put_back("<p>x</p>", []) == "<p>x</p>"
