"""Where the site is published, and entry text as feeds and data files carry it.

Feeds, downloads and share metadata need absolute addresses, so they are made only when the
caller says where the site lives (`site_url`). Everything here is plain strings: the MkDocs
plugin and the CLI fill a Publication from their own settings.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, partial

import markdown
import nh3

from .model import Entry
from .parallel import both
from .sanitize import sanitize_html

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Publication:
    """The published site: absolute base address, name, and the repository entries are edited in."""

    site_url: str
    site_name: str
    repo_url: str | None = None
    # An entry's path (entries/2016/x.yaml, relative to the project root) appended to this opens
    # the file in the repository's editor.
    edit_url: str | None = None
    directory_urls: bool = True

    def __post_init__(self) -> None:
        if not self.site_url.startswith(("http://", "https://")):
            raise ValueError(f"site_url must be an absolute http(s) address, got '{self.site_url}'")
        object.__setattr__(self, "site_url", self.site_url.rstrip("/") + "/")
        if self.repo_url:
            object.__setattr__(self, "repo_url", self.repo_url.rstrip("/"))

    def url(self, path: str) -> str:
        """The absolute address of a file in the site (`feed.xml`, `data/entries.csv`)."""
        return self.site_url + path

    def page_url(self, uri: str) -> str:
        """The absolute address of the page made from `uri` (`events/x.md`), as MkDocs names it."""
        stem = uri.removesuffix(".md")
        if not self.directory_urls:
            return self.url(stem + ".html")
        if stem == "index" or stem.endswith("/index"):
            return self.url(stem.removesuffix("index"))
        return self.url(stem + "/")

    def event_url(self, entry: Entry) -> str:
        """The permanent address of an entry's page (render.event_uri names the same page)."""
        return self.page_url(f"events/{entry.id}.md")

    def edit_link(self, entry: Entry) -> str | None:
        return self.edit_url + entry.path if self.edit_url else None


@cache
def _markdown() -> markdown.Markdown:
    # The same literal-backslash rule as the site (pymdownx.escapeall), so text reads the same.
    return markdown.Markdown(extensions=["pymdownx.escapeall"], output_format="html")


# One line that starts with a letter, ends with no space and has none of the characters with
# which Markdown starts anything (emphasis, code, links, escapes, HTML, entities; control
# characters, which it expands or removes): Markdown would only escape it and wrap it in <p>.
# About half of all summaries.
PLAIN_LINE = re.compile(r"[^\W\d_](?:[^\\`*_\[\]<>&\x00-\x1f\x7f]*[^\\`*_\[\]<>&\s\x00-\x1f\x7f])?")


# Converted summaries (HTML, text) by their Markdown: the feeds, share metadata and downloads each
# want them. Bounded: a long `serve` session sees many edited summaries.
_converted: dict[str, tuple[str, str]] = {}
CONVERTED_LIMIT = 32768


def summary_html(summary: str) -> str:
    """An entry's summary (inline Markdown) as safe HTML, for feed readers and TimelineJS."""
    return _summary(summary)[0]


def summary_text(summary: str) -> str:
    """An entry's summary as plain text, on one line: for meta descriptions and CSV cells."""
    return _summary(summary)[1]


def convert_summaries(summaries: Iterable[str]) -> None:
    """Convert every summary not yet converted, half of them in a second process where a core is
    free (parallel.py): the event pages and the feeds, rendered at once in two processes, both
    want them all, and this was a fifth of rendering a site."""
    todo = list(dict.fromkeys(summary for summary in summaries if summary not in _converted))
    _markdown()  # made here, once: making it took each process as long as converting 100 summaries
    half = len(todo) // 2
    mine, theirs = both(partial(_converted_all, todo[:half]), partial(_converted_all, todo[half:]), items=len(todo))
    for found in (mine, theirs):
        for summary, pair in found.items():
            _remember(summary, pair)


def _converted_all(summaries: list[str]) -> dict[str, tuple[str, str]]:
    return {summary: _convert(summary) for summary in summaries}


def _summary(summary: str) -> tuple[str, str]:
    pair = _converted.get(summary)
    if pair is None:
        pair = _convert(summary)
        _remember(summary, pair)
    return pair


def _remember(summary: str, pair: tuple[str, str]) -> None:
    if len(_converted) >= CONVERTED_LIMIT:
        _converted.clear()
    _converted[summary] = pair


def _convert(summary: str) -> tuple[str, str]:
    """Plain text skips the Markdown converter, which costs 0.1 ms a summary; property tests
    check that the two give the same HTML and text."""
    if PLAIN_LINE.fullmatch(summary):
        return sanitize_html(f"<p>{html.escape(summary, quote=False)}</p>"), " ".join(summary.split())
    markup = converted_html(summary)
    return markup, html_text(markup)


def converted_html(text: str) -> str:
    """Markdown as safe HTML, through the converter."""
    converter = _markdown()
    converter.reset()
    return sanitize_html(converter.convert(text))


def html_text(markup: str) -> str:
    """The text of HTML, on one line."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
