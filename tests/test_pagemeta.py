"""Event pages for people and machines: share cards, JSON-LD, citation, edit and correction links.

These read a real strict MkDocs build of the fixture with an HTML parser, the way a browser or a
link-preview bot does; the core that makes them: tests/unit/test_pagemeta.py.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURE, mkdocs_build, write

SITE_URL = "https://example.org/"  # the fixture's mkdocs.yml says the same
REPO = "https://github.com/example/fixture"
HOSTILE_TITLE = '</script><script>alert(1)</script>" onload="x'
HOSTILE_ENTRY = (
    f"title: '{HOSTILE_TITLE}'\n"
    'date: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
    "summary: 'Quote \" onload=\"x & more.[1]'\n"
    "sources:\n  - publisher: P\n    title: T\n    url: https://example.org/source\n"
)


# A real build ------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Every tag's attributes, and the text of each JSON-LD script."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        self.tags.append((tag, attributes))
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)

    def meta(self, key: str) -> str:
        found = [a["content"] for t, a in self.tags if t == "meta" and key in (a.get("property"), a.get("name"))]
        assert len(found) == 1, (key, found)
        return found[0]

    def feeds(self) -> list[tuple[str, str]]:
        return [(a["type"], a["href"]) for t, a in self.tags if t == "link" and a.get("rel") == "alternate"]

    def feed_anchors(self) -> list[str]:
        return [a["href"] for t, a in self.tags if t == "a" and a.get("href", "").endswith(("feed.xml", "feed.json"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pagemeta")
    project = root / "project"
    shutil.copytree(FIXTURE, project)
    write(project / "entries/2016/hostile-title.yaml", HOSTILE_ENTRY)
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _page(site: Path, path: str) -> _Page:
    return _Page((site / path).read_text(encoding="utf-8"))


def _resolve(site: Path, page: str, href: str) -> Path:
    """The built file a link points to (404.html links from the site's root path)."""
    if href.startswith("/"):
        return site / href.lstrip("/")
    return site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.mark.build
def test_every_page_links_the_site_feeds(built: Path) -> None:
    pages = [p.relative_to(built).as_posix() for p in built.rglob("*.html")]
    assert len(pages) > 10
    for page in pages:
        feeds = _page(built, page).feeds()
        types = [kind for kind, _ in feeds]
        assert "application/atom+xml" in types and "application/feed+json" in types, page
        for _, href in feeds:
            assert _resolve(built, page, href).is_file(), (page, href)
    assert (built / "feed.xml").read_text(encoding="utf-8").count("<entry>") == 6


@pytest.mark.build
@pytest.mark.parametrize("page, folder", [
    ("companies/meta/index.html", "companies/meta"),
    ("themes/stories/index.html", "themes/stories"),  # a hand-written chapter
    ("themes/video/index.html", "themes/video"),  # a generated chapter
])
def test_company_and_chapter_pages_link_their_own_feeds(built: Path, page: str, folder: str) -> None:
    own = {_resolve(built, page, href) for href in _page(built, page).feed_anchors()}
    assert {built / folder / "feed.xml", built / folder / "feed.json"} <= own
    # <head> names only the site's feeds: Material fetches a sitemap.xml beside each alternate link,
    # and there is one only at the root of the site.
    assert {_resolve(built, page, href) for _, href in _page(built, page).feeds()} == {
        built / "feed.xml", built / "feed.json"}


@pytest.mark.build
def test_event_page_has_share_card_and_json_ld(built: Path) -> None:
    page = _page(built, "events/instagram-stories/index.html")
    url = SITE_URL + "events/instagram-stories/"
    assert page.meta("og:type") == "article" and page.meta("twitter:card") == "summary"
    assert page.meta("og:title") == "Instagram launches Stories"
    assert page.meta("og:description") == "Instagram adds 24-hour stories, crediting Snapchat."
    assert page.meta("og:url") == url
    canonical = [a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "canonical"]
    assert canonical == [url]
    (text,) = page.json_ld
    data = json.loads(text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Instagram launches Stories" and data["url"] == url
    assert data["about"]["startDate"] == "2016-08-02"
    assert data["citation"] == ["https://nextshark.com/instagrams-stories-copied-snapchat"] == data["isBasedOn"]
    assert data["publisher"]["name"] == "Fixture"
    assert _page(built, "timeline/index.html").json_ld == []  # only event pages describe an article


@pytest.mark.build
def test_event_page_shows_citation_and_edit_and_correction_links(built: Path) -> None:
    html = (built / "events/instagram-stories/index.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert "Cite this entry" in html and "<summary>BibTeX</summary>" in html
    assert "@misc{fixture:instagram-stories," in html
    links = [a for t, a in page.tags if t == "a"]
    button = [a["href"] for a in links if a.get("rel") == "edit"]
    assert button == [REPO + "/edit/main/entries/2016/instagram-stories.yaml"]  # Material's edit button
    assert f'<a href="{button[0]}">Edit this entry</a>' in html
    correction = next(a["href"] for a in links if a.get("href", "").startswith(REPO + "/issues/new?"))
    assert parse_qs(urlsplit(correction).query)["labels"] == ["correction"]


@pytest.mark.build
def test_hostile_title_cannot_leave_the_json_ld_or_an_attribute(built: Path) -> None:
    html = (built / "events/hostile-title/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = _Page(html)
    assert page.meta("og:title") == HOSTILE_TITLE  # the parser unescapes what the template escaped
    assert page.meta("twitter:title") == HOSTILE_TITLE
    assert page.meta("og:description") == 'Quote " onload="x & more.'  # the marker [1] left out
    (text,) = page.json_ld  # one script, closed where the template closes it
    assert "</script" not in text.lower() and "<" not in text
    assert json.loads(text)["headline"] == HOSTILE_TITLE
    assert not any("onload" in attributes for _, attributes in page.tags)
    scripts = [a for t, a in page.tags if t == "script"]
    assert all(a.get("src") or a.get("type") in (None, "application/ld+json", "application/json") for a in scripts)
    assert sum(1 for a in scripts if a.get("type") == "application/ld+json") == 1


@pytest.mark.build
def test_a_build_without_site_url_says_why_it_fails(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url:", "# site_url:"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "site_url is not set in mkdocs.yml" in result.stderr
