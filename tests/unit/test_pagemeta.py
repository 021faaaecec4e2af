"""Event pages for people and machines, as the core makes them: share cards, JSON-LD, citation,
edit and correction links (a real build: tests/test_pagemeta.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import load_fixture
from generator.model.relations import Relations
from generator.site.pagemeta import bibtex_text, event_meta
from generator.site.publication import Publication

SITE_URL = "https://example.org/"
REPO = "https://github.com/example/fixture"


def _meta(entry_id: str, repo_url: str | None = REPO, edit_url: str | None = REPO + "/edit/main/"):
    project = load_fixture()
    entry = next(e for e in project.entries if e.id == entry_id)
    pub = Publication(SITE_URL, "Fixture", repo_url, edit_url)
    return event_meta(entry, Relations(project), pub)


def test_citation_names_title_site_date_and_permalink() -> None:
    meta = _meta("instagram-stories")
    assert meta.url == SITE_URL + "events/instagram-stories/"
    for part in ("Instagram launches Stories", "Fixture", "2 August 2016", meta.url, "Retrieved"):
        assert part in meta.citation
    assert meta.bibtex.startswith("@misc{fixture:instagram-stories,\n")
    assert "title = {{Instagram launches Stories}}" in meta.bibtex and f"url = {{{meta.url}}}" in meta.bibtex


def test_bibtex_text_is_literal() -> None:
    assert bibtex_text("50% of {R&D} costs $5 #1 a_b ~x^2 \\o") == (
        r"50\% of \{R\&D\} costs \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}2 \textbackslash{}o"
    )


def test_correction_link_opens_a_prefilled_issue() -> None:
    meta = _meta("lasso-launch")
    assert meta.correction_url is not None
    parts = urlsplit(meta.correction_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
    assert " " not in meta.correction_url and "\n" not in meta.correction_url
    query = parse_qs(parts.query)
    assert query["title"] == ["Correction: Facebook launches Lasso (lasso-launch)"]
    assert query["labels"] == ["correction"]
    body = query["body"][0]
    assert "lasso-launch" in body and "entries/2018/lasso-launch.yaml" in body and meta.url in body
    assert meta.edit_url == REPO + "/edit/main/entries/2018/lasso-launch.yaml"


def test_no_repository_no_edit_or_correction_links() -> None:
    meta = _meta("lasso-launch", repo_url=None, edit_url=None)
    assert meta.correction_url is None and meta.edit_url is None


def test_json_ld_describes_the_event_and_its_sources() -> None:
    data = _meta("lasso-launch").json_ld
    assert data["@type"] == "NewsArticle" and data["headline"] == "Facebook launches Lasso"
    assert data["about"]["startDate"] == "2018-11"  # as precise as known
    assert data["publisher"] == {"@type": "Organization", "name": "Fixture", "url": SITE_URL}
    assert data["citation"] == data["isBasedOn"] == []  # its one source has no address
    assert _meta("instagram-stories").json_ld["citation"] == ["https://nextshark.com/instagrams-stories-copied-snapchat"]
