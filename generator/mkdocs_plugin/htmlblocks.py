"""Finished HTML in a page's Markdown, kept out of Markdown's way.

A copy map is finished, escaped HTML when it is rendered (site/copymap.py); Markdown would only
pass it through, but to do so its HTML parser reads every tag of every drawing on every page.
The drawing's template marks it with `<!-- cv-html -->` … `<!-- /cv-html -->` (comments, so the
exported Markdown shows the same page in any engine). Before MkDocs converts a page, each marked
block is set aside and a placeholder comment left in its place; after the conversion the block
is put back, before the page is sanitised like the rest of it.
"""

from __future__ import annotations

import re

START, END = "<!-- cv-html -->", "<!-- /cv-html -->"
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
_PLACEHOLDER = re.compile(r"<!-- cv-html ([0-9]+) -->")


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder, and the blocks in order."""
    if START not in markdown:
        return markdown, []
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return f"<!-- cv-html {len(blocks) - 1} -->"

    return _BLOCK.sub(keep, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by its block."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)
