"""The publication itself: every entry valid and sourced, the narrative long enough and our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from generator.load.project import load_project
from generator.model.entries import Project

SEED = ROOT.parent / "shared" / "seed" / "000_7c6f5bad587e2042.txt"
SHARED_RUN = 10  # words in a row that would mean a sentence was carried over


@pytest.fixture(scope="module")
def content() -> Project:
    result = load_project(ROOT / "entries")
    assert result.problems == []
    assert result.project is not None
    return result.project


def test_check_passes_on_the_real_entries() -> None:
    result = run_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no problems")


def test_there_are_enough_events_and_every_copy_says_how_it_fared(content: Project) -> None:
    assert len(content.entries) >= 120
    copies = [e for e in content.entries if e.kind == "copy"]
    assert copies and all(e.outcome is not None and e.copy_of for e in copies)
    assert all(e.sources for e in content.entries)


def test_the_seed_articles_known_errors_are_corrected(content: Project) -> None:
    corrected = {e.id for e in content.entries if e.corrections}
    for entry_id in [
        "snapchat-rejects-facebook", "reels-global-launch", "lasso-launch", "facebook-gaming-app",
        "soundbites", "appfigures-downloads", "zuckerberg-cloning-email",
    ]:
        assert entry_id in corrected, entry_id


def test_chinese_companies_carry_their_chinese_names(content: Project) -> None:
    # Chinese media write Musical.ly by its brand: it has no Chinese name to give.
    chinese = [c for c in content.companies.values() if c.country == "CN" and c.key != "musically"]
    assert chinese and all(c.name_zh for c in chinese)
    assert content.companies["meta"].name.startswith("Meta")


QUOTED = re.compile(r'"[^"]{0,300}"|“[^”]{0,300}”')


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _own_words(text: str) -> list[str]:
    """Words outside quotation marks: an attributed quotation is not carried-over prose."""
    return _words(QUOTED.sub(" ", text))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHARED_RUN]) for i in range(len(words) - SHARED_RUN + 1)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed article lives in ../shared, beside the checkout")
def test_no_sentence_is_carried_over_from_the_seed_article() -> None:
    seed_runs = _runs(_words(SEED.read_text(encoding="utf-8")))
    ours = [*ROOT.glob("docs/**/*.md"), *ROOT.glob("entries/*/*.yaml")]
    shared = {path.relative_to(ROOT).as_posix(): run for path in ours
              for run in _runs(_own_words(path.read_text(encoding="utf-8"))) & seed_runs}
    assert shared == {}


def test_the_narrative_is_at_least_7500_words() -> None:
    pages = [ROOT / "docs/index.md", *sorted((ROOT / "docs/themes").glob("*.md"))]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in pages)
    assert words >= 7500


def test_every_theme_has_its_hand_written_chapter(content: Project) -> None:
    for key in content.themes:
        page = ROOT / "docs" / "themes" / f"{key}.md"
        assert page.is_file(), key
        assert f"chapter: {key}" in page.read_text(encoding="utf-8")


def test_no_url_is_invented_only_seen(content: Project) -> None:
    facts = (ROOT.parent / "shared" / "research" / "facts.md")
    if not facts.exists():
        pytest.skip("the fact sheet lives in ../shared")
    listed = (Path(__file__).parent / "fixtures" / "urls-seen-in-search.txt").read_text(encoding="utf-8")
    seen_elsewhere = {line for line in listed.splitlines() if line and not line.startswith("#")}
    known = facts.read_text(encoding="utf-8")
    urls = {s.url for e in content.entries for s in (*e.sources, *(c.source for c in e.corrections)) if s.url}
    unseen = sorted(u for u in urls if u not in known and u not in seen_elsewhere)
    assert unseen == []


def test_every_source_with_an_address_has_an_archived_copy(content: Project) -> None:
    """`check` accepts only known archives; this says every source has one, of its own address."""
    missing = [f"{entry.id}: {source.url}"
               for entry in content.entries
               for source in (*entry.sources, *(c.source for c in entry.corrections))
               if source.url and not (source.archive_url or "").endswith("/" + source.url)]
    assert missing == []
