"""The MkDocs plugin `timeline`: a thin adapter from the pure core to MkDocs 1.6.

It loads and renders the entries (core), then hands the pages to MkDocs in memory with
File.generated: nothing is ever written into docs/ or entries/. Invalid entries abort the build
with every problem listed; under `mkdocs serve` the server keeps running and recovers on the
next save.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .loader import load_project
from .problems import format_problems, has_errors
from .render import Site, chapter_uri, render_site
from .sanitize import sanitize_html

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger("timeline")

TEMPLATES_DIR = Path(__file__).parent / "templates"
HTML_META_KEYS = ("title", "description")
IN_NAV = frozenset({"timeline.md", "companies/index.md", "themes/index.md"})


class TimelineConfig(base.Config):
    entries_dir = c.Dir(exists=True, default="entries")
    """The folder of entry files, relative to mkdocs.yml."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    def __init__(self) -> None:
        self.site = Site()
        self.chapter_pages: set[str] = set()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Validate every entry, render every page, and add the pages in memory."""
        result = load_project(Path(self.config.entries_dir), display_root=Path(config.config_file_path).parent)
        if has_errors(result.problems):
            count = len(result.problems)
            raise PluginError(
                f"Invalid timeline entries ({count} problem{'s' if count != 1 else ''}):\n"
                + format_problems(result.problems)
            )
        for problem in result.problems:
            log.warning(str(problem))
        assert result.project is not None
        self.site = render_site(result.project)
        self.chapter_pages = set()
        collisions = [uri for uri in [*self.site.pages, *self.site.files] if files.get_file_from_path(uri)]
        if collisions:
            raise PluginError(
                "Generated pages would replace hand-written pages in docs/; rename these: "
                + ", ".join(sorted(collisions))
            )
        for uri, markdown in self.site.pages.items():
            files.append(self._generated(config, uri, markdown))
        for uri, content in self.site.files.items():
            files.append(File.generated(config, uri, content=content))
        for key, markdown in self.site.chapters.items():
            uri = chapter_uri(key)
            if files.get_file_from_path(uri):
                self.chapter_pages.add(uri)  # hand-written: its event list is appended below
            else:
                files.append(self._generated(config, uri, markdown))
        return files

    def _generated(self, config: MkDocsConfig, uri: str, markdown: str) -> File:
        inclusion = InclusionLevel.UNDEFINED if uri in IN_NAV else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, uri, content=markdown, inclusion=inclusion)
        origin = self.site.origins.get(uri)
        if origin:
            file.edit_uri = _edit_path(config, origin)
        return file

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Make entry text in front matter safe for the theme; give chapters their events."""
        if page.file.generated_by:
            # MkDocs themes print page.meta.title and .description into HTML unescaped.
            for key in HTML_META_KEYS:
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = html.escape(page.meta[key])
        if page.file.src_uri in self.chapter_pages:
            key = page.file.src_uri.removeprefix("themes/").removesuffix(".md")
            return markdown.rstrip() + "\n\n" + self.site.chapter_events[key]
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Second wall: pages made from entries keep only safe HTML, whatever got through."""
        if page.file.generated_by or page.file.src_uri in self.chapter_pages:
            return sanitize_html(html)
        return html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when an entry or one of the generator's templates changes, as for docs/."""
        server.watch(self.config.entries_dir)
        server.watch(str(TEMPLATES_DIR))
        return server


def _edit_path(config: MkDocsConfig, origin: str) -> str:
    """The entry file's path relative to docs_dir, which the edit button joins to edit_uri."""
    project_root = Path(config.config_file_path).parent
    return os.path.relpath(project_root / origin, config.docs_dir).replace(os.sep, "/")
