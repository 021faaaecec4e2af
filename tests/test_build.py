"""Real `mkdocs build --strict` runs of the fixture project in a temp dir."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import load_fixture, mkdocs_build, search_records, write
from generator.site.render import render_site

pytestmark = pytest.mark.build


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def built(project: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_every_page_type_is_built(built: Path) -> None:
    for page in [
        "events/instagram-stories/index.html", "events/snapchat-stories/index.html",
        "timeline/index.html", "companies/index.html", "companies/meta/index.html",
        "themes/index.html", "themes/stories/index.html", "themes/video/index.html",
    ]:
        assert (built / page).is_file(), page


def test_event_page_shows_both_directions_of_copying_and_the_outcome(built: Path) -> None:
    copy = (built / "events/instagram-stories/index.html").read_text(encoding="utf-8")
    assert "Copy of" in copy and 'href="../snapchat-stories/"' in copy
    assert "copied 2 years, 9 months (1,034 days) later" in copy
    original = (built / "events/snapchat-stories/index.html").read_text(encoding="utf-8")
    assert "Copied by" in original and 'href="../instagram-stories/"' in original
    lasso = (built / "events/lasso-launch/index.html").read_text(encoding="utf-8")
    assert "Shut down" in lasso and 'href="../lasso-shutdown/"' in lasso
    assert "What the record shows" in lasso


def test_citation_markers_link_to_their_source_in_the_built_page(built: Path) -> None:
    """Past Markdown and the sanitiser: a raised link named "source 1" to the first source's anchor,
    and in lists the summary without its marker."""
    html = (built / "events/instagram-stories/index.html").read_text(encoding="utf-8")
    link = '<sup class="cv-cite"><a aria-label="source 1" href="#source-1">[1]</a></sup>'
    assert f"crediting Snapchat.{link}</p>" in html.replace('href="#source-1" aria-label="source 1"', 'aria-label="source 1" href="#source-1"')
    assert '<li><span id="source-1"></span>NextShark' in html
    timeline = (built / "timeline/index.html").read_text(encoding="utf-8")
    assert "crediting Snapchat." in timeline and "source-1" not in timeline


def test_edit_button_opens_the_entry_yaml(built: Path) -> None:
    html = (built / "events/instagram-stories/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/fixture/edit/main/entries/2016/instagram-stories.yaml"' in html


def test_hand_written_chapter_gets_its_events_from_the_data(built: Path) -> None:
    html = (built / "themes/stories/index.html").read_text(encoding="utf-8")
    assert "A hand-written essay" in html
    assert "Events in this chapter" in html and 'href="../../events/snapchat-stories/"' in html
    generated = (built / "themes/video/index.html").read_text(encoding="utf-8")
    assert "TikTok and its imitators." in generated and 'href="../../events/lasso-launch/"' in generated


def test_event_pages_stay_out_of_the_navigation(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    navigation = home.split('<div class="md-content"', 1)[0]  # the tabs and the sidebar; the content links events
    assert "events/instagram-stories/" not in navigation
    assert 'href="timeline/"' in navigation


def test_search_indexes_each_event_once_with_its_filters_and_chinese_names(built: Path) -> None:
    records = search_records(built)
    event = records["/events/instagram-stories/"]
    assert event["meta"]["title"] == "Instagram launches Stories"
    assert "Instagram Stories" in event["content"] and "Meta (Facebook)" in event["content"]
    assert event["filters"] == {"company": ["Meta (Facebook)"], "kind": ["Copy"],
                                "chapter": ["The Stories wars"], "year": ["2016"]}
    assert "Skip to content" not in event["content"]  # the article only, not the page around it
    assert not [url for url in records if url.startswith(("/timeline/", "/tags/", "/tag/", "/stats/"))]
    assert "字节跳动" in records["/companies/bytedance/"]["content"]


def test_user_text_is_literal(project: Path, tmp_path: Path) -> None:
    write(project / "entries/2016/hostile.yaml", (
        'title: "{{ 7*7 }} </title><script>alert(1)</script> *not emphasis*"\n'
        'date: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
        'product: "| a | table |"\n'
        "summary: Plain.[1]\n"
        "sources:\n  - publisher: \"<img src=x onerror=alert(1)>\"\n    title: t\n    url: https://example.org/\n"
    ))
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    html = (site / "events/hostile/index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; *not emphasis*" in html
    assert "<script>alert" not in html and "<img src=x" not in html and "</title><" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_build_leaves_docs_and_entries_untouched(project: Path, tmp_path: Path) -> None:
    before = (_tree_digest(project / "docs"), _tree_digest(project / "entries"))
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert (_tree_digest(project / "docs"), _tree_digest(project / "entries")) == before


def test_invalid_entries_abort_with_every_problem_and_no_traceback(project: Path, tmp_path: Path) -> None:
    write(project / "entries/2016/bad-one.yaml", "title: x\ndate: 2016-02-30\n")
    write(project / "entries/2016/bad-two.yaml", "a: [\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Invalid timeline entries (7 problems)" in result.stderr
    assert "entries/2016/bad-one.yaml:2:7: error: date: day must be 01 to 29" in result.stderr
    assert "entries/2016/bad-two.yaml:2:1: error: invalid YAML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "events").exists()


def test_generated_page_never_replaces_a_hand_written_one(project: Path, tmp_path: Path) -> None:
    write(project / "docs/timeline.md", "# My own timeline\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Generated pages would replace hand-written pages in docs/; rename these: timeline.md" in result.stderr


def test_warnings_fail_a_strict_build(project: Path, tmp_path: Path) -> None:
    write(project / "entries/2016/draft.yaml", (
        'title: TODO a draft\ndate: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
        "summary: x[1]\nsources:\n  - publisher: p\n    title: t\n    url: https://example.org/\n"
    ))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "title: still holds placeholder text" in result.stderr


def test_the_build_reports_what_the_generator_did_and_how_long_it_took(project: Path, tmp_path: Path) -> None:
    """The benchmark reads this line (benchmarks/measure.py, GENERATOR_LOG) for the generator's
    share of a build; maintainers see it in every build."""
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    match = re.search(r"timeline: Loaded (\d+) entries and generated (\d+) pages and files in ([0-9.]+) seconds",
                      result.stderr)
    assert match, result.stderr
    entries = len(list((project / "entries").glob("*/*.yaml")))
    assert int(match.group(1)) == entries
    # every artefact: pages and, as the fixture's mkdocs.yml sets site_url, feeds and downloads
    artifacts = render_site(load_fixture(project / "entries"), site_url="https://example.org/")
    assert int(match.group(2)) == len(artifacts) and any(a.kind == "file" for a in artifacts)
    assert float(match.group(3)) < 60


def test_generated_pages_get_their_front_matter_without_yaml(built: Path) -> None:
    """The plugin hands generated pages' front matter to MkDocs directly: title, description,
    tags, search exclusion and share metadata must all still reach the page."""
    page = (built / "events" / "lasso-launch" / "index.html").read_text(encoding="utf-8")
    assert "<title>Facebook launches Lasso - " in page
    assert '<meta name="description" content="' in page and 'property="og:url"' in page
    assert 'href="../../tag/' in page or 'href="../../tags/' in page  # Material's tag links
    assert not [url for url in search_records(built) if url.startswith("/timeline/")]  # not searched


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, as an HTML parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        names = dict(attrs)
        self._in_script = tag == "script" and "src" not in names and names.get("type") in (None, "text/javascript")
        if self._in_script:
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _parse(path: Path) -> _Tags:
    parser = _Tags()
    parser.convert_charrefs = True
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


META_ATTRIBUTES = {"name", "content", "charset", "http-equiv", "property", "data-pagefind-filter"}


def test_the_404_page_keeps_a_quoted_site_description_in_its_attribute(project: Path, tmp_path: Path) -> None:
    """Material printed site_description unescaped: its quotes ended the attribute (12 Nu errors)."""
    description = 'From "copy to China" to "copy from China" & <back>'
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"site_description: '{description}'\n", encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    for page in (site / "404.html", site / "index.html"):
        metas = [dict(attrs) for tag, attrs in _parse(page).tags if tag == "meta"]
        assert all(set(meta) <= META_ATTRIBUTES for meta in metas), metas  # no stray attribute made of text
        assert {"name": "description", "content": description} in metas, page


def test_every_page_has_a_policy_that_allows_its_own_inline_scripts_only(built: Path) -> None:
    pages = [*built.rglob("index.html"), built / "404.html"]
    assert len(pages) > 10
    for page in pages:
        parsed = _parse(page)
        policies = [dict(attrs)["content"] for tag, attrs in parsed.tags
                    if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"]
        assert len(policies) == 1, page
        scripts = next(part.split()[1:] for part in (policies[0] or "").split(";") if part.split()[0] == "script-src")
        hashes = {word for word in scripts if word.startswith("'sha256-")}
        expected = {"'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
                    for script in parsed.scripts}
        assert parsed.scripts and hashes == expected, page
        assert not [name for tag, attrs in parsed.tags for name, _ in attrs if name.startswith("on")], page


class _Assets(HTMLParser):
    """The stylesheets and scripts a page links, as written."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.linked: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet" or tag == "script" and attributes.get("src"):
            self.linked.append(str(attributes.get("href") or attributes.get("src")))


def test_a_page_links_the_timeline_chart_and_copy_map_assets_only_if_it_shows_one(built: Path) -> None:
    """A first visit fetches only what the page uses; every asset a page links is in the site."""
    expected = {
        "timeline/index.html": {"timeline.css", "timeline.js"},
        "stats/index.html": {"charts.css"},
        "events/instagram-stories/index.html": {"copymap.css"},
        "companies/index.html": set(),
    }
    own = {"timeline.css", "timeline.js", "charts.css", "copymap.css"}
    for page, wanted in expected.items():
        linked = _Assets((built / page).read_text(encoding="utf-8")).linked
        assert {Path(address).name for address in linked} & own == wanted, page
        for address in linked:
            assert (built / page).parent.joinpath(address).resolve().is_file(), (page, address)
