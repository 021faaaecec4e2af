"""Where the site is published, and entry text as feeds and data files carry it.

Feeds, downloads and share metadata need absolute addresses, so they are made only when the
caller says where the site lives (`site_url`). Everything here is plain strings: the MkDocs
plugin and the CLI fill a Publication from their own settings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache

import markdown
import nh3

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
    build: feeds, share metadata and the downloads all want them."""

    def __init__(self) -> None:
        self._converted: dict[str, tuple[str, str]] = {}

    def html(self, summary: str) -> str:
        """As safe HTML, for feed readers and TimelineJS."""
        return self._pair(summary)[0]

    def text(self, summary: str) -> str:
        """As plain text on one line, for meta descriptions and CSV cells."""
        return self._pair(summary)[1]

    def _pair(self, summary: str) -> tuple[str, str]:
        pair = self._converted.get(summary)
        if pair is None:
            markup = converted_html(summary)
            pair = self._converted[summary] = (markup, html_text(markup))
        return pair


def converted_html(text: str) -> str:
    """Markdown as safe HTML, through the converter."""
    converter = _markdown()
    converter.reset()
    return sanitize_html(converter.convert(text))


def html_text(markup: str) -> str:
    """The text of HTML, on one line."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
