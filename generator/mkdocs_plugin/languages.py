"""The Chinese tree in MkDocs: hand-written pages that fall back to English, the Chinese
navigation, and what the theme needs to know on each page (its language and the other one's page).

Every page of the Chinese site is at zh/<the English page's path>; pages under zh/ are kept out of
the configured (English) navigation, and a Chinese navigation of the same shape is given to them
instead, page by page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page

from generator.site import urls
from generator.site.language import ENGLISH, Language

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig



def language_of(src_uri: str, others: tuple[Language, ...]) -> Language:
    return next((language for language in others if src_uri.startswith(language.prefix)), ENGLISH)


def add_fallbacks(files: Files, config: MkDocsConfig, language: Language) -> set[str]:
    """Every hand-written English page without its translation gets one made of its English text
    under a note, so the trees keep the same pages (a contributor may write English only). Pages
    of the tree, hand-written or not, stay out of the configured navigation. Returns the paths of
    the pages it made, which hold hand-written (trusted) text like the pages they copy."""
    made = set()
    for file in list(files.documentation_pages()):
        if file.src_uri.startswith(language.prefix):
            file.inclusion = InclusionLevel.NOT_IN_NAV
        elif not file.generated_by and files.get_file_from_path(language.prefix + file.src_uri) is None:
            files.append(File.generated(
                config, language.prefix + file.src_uri, content=_with_note(file.content_string, language),
                inclusion=InclusionLevel.NOT_IN_NAV,
            ))
            made.add(language.prefix + file.src_uri)
    return made


def _with_note(markdown: str, language: Language) -> str:
    """The English page with the untranslated note under its title (trusted docs/ text)."""
    front, body = "", markdown
    if markdown.startswith("---\n") and "\n---\n" in markdown[3:]:
        end = markdown.index("\n---\n", 3) + 5
        front, body = markdown[:end], markdown[end:]
    title = re.match(r"\s*# [^\n]*\n", body)
    if title:
        front, body = front + title.group() + "\n", body[title.end():]
    note = f'!!! note "{language.t("No translation yet")}"\n    {language.t("This page has not been translated yet: its text is shown in English.")}\n\n'
    return front + note + body


def translated_nav(nav: Navigation, files: Files, language: Language) -> Navigation:
    """The configured navigation with each page replaced by its page in `language` and each
    section and given title translated; parents and previous/next links as MkDocs sets them."""
    pages: list[Page] = []

    def item(node: Any) -> Any:
        if isinstance(node, Section):
            return Section(language.t(node.title), [item(child) for child in node.children])
        if isinstance(node, Page):
            file = files.get_file_from_path(language.prefix + node.file.src_uri)
            page = file.page if file else None
            if page is None:
                return Link(node.title or node.file.src_uri, "/" + node.url)
            if node.file.src_uri == urls.HOME:  # titled in mkdocs.yml, not by the page
                page.title = language.t("Home")
            pages.append(page)
            return page
        return node

    items = [item(node) for node in nav.items]
    _add_parent_links(items)
    _add_previous_and_next_links(pages)
    return Navigation(items, pages)


def alternates(page: Page, languages: tuple[Language, ...], files: Files) -> list[dict[str, str]]:
    """The page in every language (for the switcher and hreflang): its path in each tree."""
    src = page.file.src_uri
    here = language_of(src, languages[1:])
    base = src.removeprefix(here.prefix)
    found = []
    for language in languages:
        file = files.get_file_from_path(language.prefix + base)
        if file is not None:
            found.append({"lang": language.html_lang, "name": language.name, "url": file.url,
                          "current": language.code == here.code})
    return found
