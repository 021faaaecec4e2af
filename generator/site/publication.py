"""Where the site is published, and entry text as feeds and data files carry it.

Feeds, downloads and share metadata need absolute addresses, so they are made only when the
caller says where the site lives (`site_url`). Everything here is plain strings: the MkDocs
plugin and the CLI fill a Publication from their own settings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache, partial

import markdown
import nh3

from generator.model.citations import parts
from generator.model.entries import Entry
from generator.site import urls
from generator.site.sanitize import sanitize_html

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
    summaries: Summaries = field(default_factory=lambda: Summaries(), compare=False, repr=False)

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
        return self.url(urls.page_address(uri, self.directory_urls))

    def event_url(self, entry: Entry) -> str:
        """The permanent address of an entry's page."""
        return self.page_url(urls.event(entry.id))

    def edit_link(self, entry: Entry) -> str | None:
        return self.edit_url + entry.path if self.edit_url else None


@cache
def _markdown() -> markdown.Markdown:
    # The same literal-backslash rule as the site (pymdownx.escapeall), so text reads the same.
    return markdown.Markdown(extensions=["pymdownx.escapeall"], output_format="html")


class Summaries:
    """Entry summaries (inline Markdown) as safe HTML and as plain text, each converted once per
    build: feeds, share metadata and the downloads all want them.

    Citation markers are swapped for placeholders before the conversion (control characters, which
    no checked entry holds and Markdown leaves alone), so Markdown reads the text as written; only
    in the converted, escaped HTML does a placeholder become a link to the source on the event
    page, or nothing in plain text."""

    def __init__(self) -> None:
        self._converted: dict[str, str] = {}
        self._html: dict[tuple[str, str], str] = {}
        self._text: dict[str, str] = {}

    def html(self, summary: str, event_url: str) -> str:
        """As safe HTML, for feed readers and TimelineJS: each marker a superscript link to its
        source in the list on the event page at `event_url`."""
        markup = self._html.get((summary, event_url))
        if markup is None:
            link = partial(_cite_link, html.escape(event_url))
            markup = self._html[summary, event_url] = sanitize_html(_PLACEHOLDER.sub(link, self._marked(summary)))
        return markup

    def text(self, summary: str) -> str:
        """As plain text on one line, without markers, for meta descriptions and CSV cells."""
        text = self._text.get(summary)
        if text is None:
            text = self._text[summary] = html_text(sanitize_html(_PLACEHOLDER.sub("", self._marked(summary))))
        return text

    def _marked(self, summary: str) -> str:
        """The summary as HTML, not yet sanitised, with a placeholder for each marker."""
        markup = self._converted.get(summary)
        if markup is None:
            marked = "".join(part if isinstance(part, str) else f"\x0e{part}\x0f" for part in parts(summary))
            markup = self._converted[summary] = converted_html(marked, sanitize=False)
        return markup


_PLACEHOLDER = re.compile("\x0e([0-9]+)\x0f")


def _cite_link(event_url: str, match: re.Match[str]) -> str:
    number = int(match.group(1))
    return f'<sup><a href="{event_url}#source-{number}" aria-label="source {number}">[{number}]</a></sup>'


def converted_html(text: str, *, sanitize: bool = True) -> str:
    """Markdown as safe HTML, through the converter (`sanitize=False` for a caller that finishes
    the HTML and sanitises it itself)."""
    converter = _markdown()
    converter.reset()
    markup = converter.convert(text)
    return sanitize_html(markup) if sanitize else markup


def html_text(markup: str) -> str:
    """The text of HTML, on one line."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
