"""The MkDocs plugin `timeline`: a thin adapter from the engine-free core to MkDocs 1.6.

It loads and renders the entries (core), then hands every artefact to MkDocs in memory with
File.generated: nothing is ever written into docs/ or entries/. Invalid entries abort the build
with every problem listed; under `mkdocs serve` the server keeps running and recovers on the
next save. Dirty builds (`make serve` runs `mkdocs serve --dirty`) take the pages from files in
.cache/ instead, so that only changed pages are rebuilt (pagefiles.py says how).
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import posixpath
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.load.entrycache import EntryCache
from generator.load.lastchanged import FileDates, last_changed
from generator.load.project import load_project
from generator.mkdocs_plugin.cardfiles import CardFiles
from generator.mkdocs_plugin.csp import with_policy
from generator.mkdocs_plugin.htmlblocks import put_back, set_aside
from generator.mkdocs_plugin.languages import (
    add_fallbacks, alternates, language_of, translated_nav,
)
from generator.mkdocs_plugin.pagefiles import PageFiles
from generator.mkdocs_plugin.pagefind import Superseded, index_site
from generator.model.problems import format_problems, has_errors
from generator.model.relations import Relations
from generator.site import urls
from generator.site.cards import Card, site_cards
from generator.site.paging import PAGE_LIMIT
from generator.site.language import Language, languages, localize
from generator.site.render import Artifact, render_site
from generator.site.reuse import Reuse
from generator.site.sanitize import sanitize_html
from generator.site.searchindex import event_filters, is_searched
from generator.site.templating import TEMPLATES_DIR, CompiledTemplates, split_front_matter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("timeline")

HTML_META_KEYS = ("title", "description")
PAGE_FILES_DIR = ".cache/timeline-pages"  # beside mkdocs.yml; .cache/ is git-ignored
CARDS_DIR = ".cache/cards"


class TimelineConfig(base.Config):
    entries_dir = c.Dir(exists=True, default="entries")
    """The folder of entry files, relative to mkdocs.yml."""
    page_limit = c.Type(int, default=PAGE_LIMIT)
    """Events on one page before the timeline, a company, a chapter, the tags page or the graveyard
    is split (paging.py)."""
    search_index = c.Type(bool, default=True)
    """Build the search index (Pagefind) after the site; off only to time a build without it (benchmarks/)."""
    share_cards = c.Type(bool, default=True)
    """Draw a share card (og:image) for every event, company and chapter page and the home page, in each language."""
    languages = c.ListOfItems(c.Choice([language.code for language in languages()]),
                              default=[language.code for language in languages()])
    """The trees to build, English first; English alone only to time a build without the Chinese
    tree (benchmarks/, whose docs/ copy then has no docs/zh/)."""


class TimelinePlugin(BasePlugin[TimelineConfig]):
    def __init__(self) -> None:
        self.artifacts: dict[str, Artifact] = {}
        # Hand-written pages in docs/ that get a generated appendix (a chapter's events, the home
        # page's copy map), by path.
        self.chapter_pages: set[str] = set()
        self.dirty = False
        self.serving = False
        self.entry_cache: EntryCache[Any] = EntryCache()
        self.reuse = Reuse()  # under `mkdocs serve`: what each rebuild's render leaves for the next
        self.page_files: PageFiles | None = None
        self.search_filters: dict[str, list[tuple[str, str]]] = {}
        self.searched_pages: list[str] = []  # the HTML files of the pages in the search index
        # Under `mkdocs serve` the index is built beside the server, one rebuild after another.
        self.indexer: ThreadPoolExecutor | None = None
        self.builds_begun = 0  # the indexer drops a build's pages once a newer build has begun
        self.site_lock = threading.Lock()  # held while the indexer puts a finished index into the site
        self.page_meta: dict[str, dict[str, Any]] = {}
        self.compiled_templates = CompiledTemplates()
        self.changed: dict[str, str] = {}  # page path -> the day its file (or its data) last changed
        self.file_dates: dict[str, FileDates] = {}  # entry and docs files, by path from the project root
        self.cards: dict[str, Card] = {}  # page path -> its share card
        self.card_files: CardFiles | None = None
        self.files: Files | None = None
        self.navs: dict[str, Navigation] = {}  # each other language's navigation, by language code
        self.fallbacks: set[str] = set()  # untranslated hand-written pages, copied from docs/
        self.html_blocks: dict[str, list[str]] = {}  # a page's finished HTML, kept out of Markdown

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this hook keeps one instance, and its caches, for a whole `mkdocs serve`.
        Dirty builds (`make serve`) get the generated pages from files (see pagefiles.py)."""
        self.dirty = dirty
        self.serving = command == "serve"

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Count the build before it cleans or writes anything, once the indexer is not moving an
        index into the site: from here on it leaves the site alone (see _index)."""
        with self.site_lock:
            self.builds_begun += 1

    def on_config(self, config: MkDocsConfig, /) -> MkDocsConfig:
        """The timeline's items are HTML around entry Markdown, which only md_in_html renders."""
        if "md_in_html" not in config.markdown_extensions:
            config.markdown_extensions.append("md_in_html")
        if "admonition" not in config.markdown_extensions:  # the notes on untranslated pages
            config.markdown_extensions.append("admonition")
        return config

    @property
    def languages(self) -> tuple[Language, ...]:
        return tuple(language for language in languages() if language.code in self.config.languages)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Validate every entry, render every artefact, and add each to the site once (in memory,
        or in a dirty build from cache files that change only with their content)."""
        root = Path(config.config_file_path).parent
        started = time.perf_counter()
        # The entry cache serves the rebuilds of `mkdocs serve`; a build reads every file once.
        cache = self.entry_cache if self.serving else None
        result = load_project(Path(self.config.entries_dir), display_root=root, cache=cache)
        # Translation warnings are a count in the log (`check` lists them): not build problems.
        problems = [p for p in result.problems if p.topic != "translation"]
        translation = len(result.problems) - len(problems)
        if has_errors(problems):
            count = len(problems)
            raise PluginError(
                f"Invalid timeline entries ({count} problem{'s' if count != 1 else ''}):\n" + format_problems(problems)
            )
        for problem in problems:
            log.warning(str(problem))
        if translation:  # untranslated or stale text builds (with a note on its page); `check` lists each
            log.info(f"{translation} translation warnings (run `make check` to see them)")
        assert result.project is not None
        if not config.site_url:
            log.warning("site_url is not set in mkdocs.yml: feeds, data downloads and share metadata need it")
        previous = self.artifacts
        # Under `mkdocs serve`, what the last render made; in a build, this render's own parts only.
        reuse = self.reuse if self.serving else Reuse()
        artifacts = render_site(
            result.project,
            site_url=config.site_url or None,
            site_name=config.site_name,
            repo_url=config.repo_url or None,
            edit_url=_edit_base(config),
            directory_urls=config.use_directory_urls,
            page_limit=self.config.page_limit,
            compiled_templates=self.compiled_templates,
            languages=self.languages,
            reuse=reuse,
        )
        self.artifacts = {artifact.path: artifact for artifact in artifacts}
        log.info(f"Loaded {len(result.project.entries)} entries and generated {len(artifacts)} pages and files "
                 f"in {time.perf_counter() - started:.2f} seconds")
        collisions = [a.path for a in artifacts if a.appendix is None and files.get_file_from_path(a.path)]
        if collisions:
            raise PluginError(
                "Generated pages would replace hand-written pages in docs/; rename these: "
                + ", ".join(sorted(collisions))
            )
        self.fallbacks = set()
        for language in self.languages[1:]:
            self.fallbacks |= add_fallbacks(files, config, language)
        self.files = files
        self.page_files = self._page_files(root, config)
        self.chapter_pages = set()
        self.page_meta = {}
        edit_root = _edit_root(config)
        for artifact in artifacts:
            handwritten = files.get_file_from_path(artifact.path) if artifact.appendix is not None else None
            if handwritten:
                self.chapter_pages.add(artifact.path)
                old = previous.get(artifact.path)
                if self.page_files and (old is None or old.appendix != artifact.appendix):
                    _mark_stale(handwritten.abs_dest_path)  # so a dirty build renders it again
            elif artifact.kind == "file":
                files.append(File.generated(config, artifact.path, content=artifact.content))
            else:
                files.append(self._generated(config, artifact, edit_root))
        if self.page_files:
            for path in self.page_files.remove_others():  # deleted or renamed entries
                _remove_output(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
        # Each tree as its pages show it, with the entries the render localized.
        shown = {language: localize(result.project, language, reuse) for language in self.languages}
        self.search_filters = {}
        for language, project in shown.items():
            self.search_filters.update({language.prefix + urls.event(entry.id): event_filters(
                entry, project, language.kind_labels) for entry in project.entries})
        self.searched_pages = [file.dest_uri for file in files.documentation_pages() if is_searched(file.src_uri)]
        self.changed = self._page_dates(root, config, files)
        self.cards = {}
        if config.site_url and self.config.share_cards:
            for language, project in shown.items():  # each tree's pages get cards in their own language
                self.cards.update(site_cards(Relations(project), config.site_name, language))
            self.card_files = CardFiles(root / CARDS_DIR)
            drawing = self.card_files.start(self.cards.values())
            if drawing:
                log.info(f"Drawing {drawing} share card{'s' if drawing != 1 else ''} while the pages are built")
        return files

    def _page_dates(self, root: Path, config: MkDocsConfig, files: Files) -> dict[str, str]:
        """The sitemap's <lastmod> of each page: an event page's entry file, a hand-written page's
        own file; a list made from many entries (and a chapter with its events) the newest change
        to the entry files (lastchanged.py)."""
        docs, entries = (os.path.relpath(folder, root).replace(os.sep, "/")
                         for folder in (config.docs_dir, self.config.entries_dir))
        self.file_dates = last_changed(root, [entries, docs])
        known = {path: dates.changed for path, dates in self.file_dates.items()}
        data = max((day for path, day in known.items() if path.startswith(entries + "/")), default=None)
        dates = {}
        for file in files.documentation_pages():
            artifact = self.artifacts.get(file.src_uri)
            own = known.get(f"{docs}/{file.src_uri}") if not file.generated_by else None
            if artifact and artifact.origin:
                day = known.get(artifact.origin)
            elif artifact:  # a generated list, or a hand-written page with a generated appendix
                day = max(filter(None, (own, data)), default=None)
            else:
                day = own
            if day:
                dates[file.src_uri] = day.isoformat()
        return dates

    def _page_files(self, root: Path, config: MkDocsConfig) -> PageFiles | None:
        """Files for the pages of a dirty build, kept by one PageFiles for a whole `mkdocs serve`;
        other builds remove them, as they would go stale."""
        folder = root / PAGE_FILES_DIR
        if not self.dirty:
            PageFiles(folder).clear()
            return None
        if self.page_files is None or self.page_files.folder != folder:
            self.page_files = PageFiles(folder)
        self.page_files.start(config.site_dir)
        return self.page_files

    def _generated(self, config: MkDocsConfig, artifact: Artifact, edit_root: str) -> File:
        inclusion = InclusionLevel.UNDEFINED if artifact.in_nav else InclusionLevel.NOT_IN_NAV
        if self.page_files:
            source = str(self.page_files.path_for(artifact.path, artifact.content))
            file = File.generated(config, artifact.path, abs_src_path=source, inclusion=inclusion)
        else:  # the front matter goes to the page directly: MkDocs would parse it as YAML
            self.page_meta[artifact.path], body = split_front_matter(artifact.content)
            file = File.generated(config, artifact.path, content=body, inclusion=inclusion)
        if artifact.origin:
            file.edit_uri = posixpath.normpath(posixpath.join(edit_root, artifact.origin))
        return file

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Give generated pages their front matter, with entry text made safe for the theme;
        give hand-written chapters their events; set finished HTML aside (htmlblocks.py). (Material's
        tags plugin reads the tags after this.)"""
        path = page.file.src_uri
        if path in self.page_meta:
            page.meta = dict(self.page_meta[path])
        self._share_meta(page, path, config)
        if page.file.generated_by and path not in self.fallbacks:
            # MkDocs themes print page.meta.title and .description into HTML unescaped.
            for key in HTML_META_KEYS:
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = html.escape(page.meta[key])
        if path in self.chapter_pages:
            chapter = self.artifacts[path]
            if chapter.feed:  # a hand-written chapter has no generated front matter to name its feed
                page.meta.setdefault("feeds", [chapter.feed.head()])
            markdown = markdown.rstrip() + "\n\n" + (chapter.appendix or "")
        markdown, self.html_blocks[path] = set_aside(markdown)
        return markdown

    def _share_meta(self, page: Page, path: str, config: MkDocsConfig) -> None:
        """A page's share card for the theme's og:image; an event's JSON-LD gets the days its entry
        file was made and last changed (datePublished, dateModified), and names its card as `image`
        only if one is drawn (not with `share_cards: false`)."""
        card = self.cards.get(path)
        if card:
            page.meta["card"] = card.head(config.site_url.rstrip("/") + "/")
        artifact = self.artifacts.get(path)
        share = page.meta.get("share")
        if not isinstance(share, dict) or not isinstance(share.get("json_ld"), dict):
            return
        json_ld = {key: value for key, value in share["json_ld"].items() if card or key != "image"}
        dates = self.file_dates.get(artifact.origin) if artifact and artifact.origin else None
        if dates:
            json_ld.update(datePublished=dates.made.isoformat(), dateModified=dates.changed.isoformat())
        page.meta["share"] = {**share, "json_ld": json_ld}

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The finished HTML set aside before Markdown goes back in. Second wall: pages made from
        entries keep only safe HTML, whatever got through."""
        path = page.file.src_uri
        html = put_back(html, self.html_blocks.pop(path, []))
        if (page.file.generated_by and path not in self.fallbacks) or path in self.chapter_pages:
            return sanitize_html(html)
        return html

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A dirty build reads only the pages it rebuilds, so the navigation on those would show
        "None" for the others' titles: read the source (front matter and Markdown) of those."""
        self.navs = {language.code: translated_nav(nav, files, language) for language in self.languages[1:]}
        if self.page_files:
            for page in [*nav.pages, *(page for other in self.navs.values() for page in other.pages)]:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Each rebuild under `mkdocs serve` has a new theme environment: keep what it compiles.
        Every page has been read by now: give each the day it last changed, for the sitemap."""
        env.bytecode_cache = self.compiled_templates
        for file in files.documentation_pages():
            if file.page is not None and file.src_uri in self.changed:
                file.page.update_date = self.changed[file.src_uri]
        return env

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Tell the theme (overrides/main.html) whether the page is searched, and its search filters.
        A page of another language gets that language's navigation, and the theme its language
        (overrides/partials/language.html) and its page in each language (the switcher, hreflang)."""
        page.meta["search_body"] = is_searched(page.file.src_uri)
        page.meta["search_filters"] = self.search_filters.get(page.file.src_uri, [])
        language = language_of(page.file.src_uri, self.languages[1:])
        if language.code in self.navs:
            context["nav"] = self.navs[language.code]
        context["cv_language"] = language.html_lang
        context["cv_prefix"] = language.prefix  # where the page's feeds are (overrides/main.html)
        context["cv_t"] = language.t
        context["cv_alternates"] = alternates(page, self.languages, self.files) if self.files else []
        return context

    @event_priority(-100)  # last: the policy hashes the inline scripts the other plugins left in
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Every page gets its Content-Security-Policy (csp.py)."""
        return with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """So does a page made from a theme template alone (404.html)."""
        return with_policy(output_content) if template_name.endswith(".html") else output_content

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build stops drawing cards (the next build draws what is still missing)."""
        if self.card_files:
            self.card_files.cancel()

    @event_priority(-100)  # last: the index reads the HTML as the other plugins left it
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The share cards, drawn meanwhile, go into the site. Then Pagefind indexes the searched
        pages of the finished site (pagefind.py). A dirty build reads the pages it did not rebuild
        from the last build's output, so the index is always the whole site's. Under `mkdocs serve`
        the reloaded page does not wait for the index: it follows a few seconds later, in a thread
        that indexes one build after another."""
        if self.card_files and self.cards:
            self.card_files.finish(Path(config.site_dir))
        if not self.config.search_index:
            return
        job = functools.partial(self._index, Path(config.site_dir), list(self.searched_pages), self.builds_begun)
        if not self.serving:
            job()
            return
        if self.indexer is None:
            self.indexer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
        self.indexer.submit(job)

    def _index(self, site_dir: Path, pages: list[str], build: int) -> None:
        """Index one build's pages, unless a newer build has begun to rewrite them meanwhile."""
        try:
            count, seconds = index_site(site_dir, pages, still_current=lambda: self.builds_begun == build,
                                        site_lock=self.site_lock)
        except Superseded:
            log.debug("Search index skipped: a newer build began while it was made")
            return
        except Exception as error:  # the indexer is another program: say what failed, in one line
            if not self.serving:
                raise PluginError(f"Pagefind could not index the site: {error}") from error
            log.error(f"Pagefind could not index the site: {error}")
            return
        log.info(f"Indexed {count} pages for search in {seconds:.2f} seconds")

    def on_shutdown(self) -> None:
        if self.indexer is not None:
            self.indexer.shutdown(wait=True)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when an entry or one of the generator's templates changes, as for docs/."""
        server.watch(self.config.entries_dir)
        server.watch(str(TEMPLATES_DIR))
        return server


def _mark_stale(path: str) -> None:
    """Make MkDocs' dirty build (which compares file times) treat this page's output as old."""
    if os.path.isfile(path):
        os.utime(path, (0, 0))


def _remove_output(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _edit_base(config: MkDocsConfig) -> str | None:
    """The address an entry's path (relative to the project root) is appended to for editing:
    the edit button's address for the project root, e.g. https://github.com/o/r/edit/main/."""
    if not config.edit_uri or config.edit_uri_template:
        return None
    repo_url = config.repo_url or ""
    if repo_url and not repo_url.endswith("/"):
        repo_url += "/"
    return urljoin(repo_url, config.edit_uri + _edit_root(config) + "/")


def _edit_root(config: MkDocsConfig) -> str:
    """The project root relative to docs_dir (`..`): an entry's path joined to it is what the
    edit button joins to edit_uri."""
    return os.path.relpath(Path(config.config_file_path).parent, config.docs_dir).replace(os.sep, "/")
