"""Near-duplicate warnings: an entry that looks like another gets a warning naming it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, write
from generator import duplicates
from generator.model.dates import PartialDate
from generator.load.duplicates import normalise_url, title_words
from generator.load.project import load_project
from generator.model.entries import Entry, Source

SAME_EVENT = "if it is the same event, edit that entry instead"


def _entry(project: Path, year: str, entry_id: str, *, title: str, date: str, kind: str = "copy",
           product: str | None = None, url: str | None = None, extra: str = "") -> str:
    """Write a valid entry and return its path as `check` shows it."""
    lines = [f"title: {title}", f'date: "{date}"', f"kind: {kind}", "company: meta"]
    if product:
        lines.append(f"product: {product}")
    if kind == "copy":
        lines += ["copy_of: [snapchat-launch]", "outcome:", "  status: active"]
    lines += ["themes: [stories]", "summary: Something happened.", "sources:", "  - publisher: P",
              "    title: T", f"    url: {url or 'https://example.org/' + entry_id}"]
    write(project / "entries" / year / f"{entry_id}.yaml", "\n".join(lines) + "\n" + extra)
    return f"entries/{year}/{entry_id}.yaml"


def _warnings(project: Path) -> list[str]:
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line for line in result.stdout.splitlines() if SAME_EVENT in line]


def test_the_real_entries_have_no_near_duplicates() -> None:
    result = load_project(ROOT / "entries", display_root=ROOT)
    assert [str(p) for p in result.problems if SAME_EVENT in p.message] == []


def test_a_similar_title_warns_on_both_entries_naming_the_other(project: Path) -> None:
    shown = _entry(project, "2017", "instagram-stories-launch", title="Instagram launched its Stories",
                   date="2017", kind="milestone")
    assert _warnings(project) == [
        "entries/2016/instagram-stories.yaml:2:8: warning: title: looks like 'instagram-stories-launch' "
        f"({shown}); {SAME_EVENT}, otherwise add 'instagram-stories-launch' to related",
        f"{shown}:1:8: warning: title: looks like 'instagram-stories' (entries/2016/instagram-stories.yaml); "
        f"{SAME_EVENT}, otherwise add 'instagram-stories' to related",
    ]


def test_the_warning_shows_in_a_check_limited_to_the_new_file_and_as_an_annotation(project: Path) -> None:
    shown = _entry(project, "2016", "stories-on-instagram", title="Stories launch on Instagram",
                   date="2016-08", kind="milestone")
    result = run_cli("check", "--format", "github", shown, cwd=project)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith(
        f"::warning file={shown},line=1,col=8::title: looks like 'instagram-stories' (entries/2016/"
    )
    assert len(result.stdout.splitlines()) == 2  # the annotation and the summary line


def test_different_titles_do_not_warn(project: Path) -> None:
    _entry(project, "2017", "facebook-stories", title="Facebook adds Stories to its main app", date="2017-03-28")
    _entry(project, "2020", "reels-india", title="Instagram launches Reels in India", date="2020-07")
    _entry(project, "2021", "reels-facebook", title="Facebook launches Reels in the US", date="2021-09")
    assert _warnings(project) == []


def test_the_same_product_warns_only_with_the_same_kind_and_nearly_the_same_date(project: Path) -> None:
    same = _entry(project, "2016", "ig-stories", title="A different wording entirely", date="2016-08-03",
                  product="instagram  stories")
    _entry(project, "2016", "ig-stories-test", title="Another event", date="2016-08-20", product="Instagram Stories")
    _entry(project, "2016", "ig-stories-shut", title="A third event", date="2016-08-02", kind="milestone",
           product="Instagram Stories")
    assert _warnings(project) == [
        f"{same}:5:10: warning: product: the same product, kind and date as 'instagram-stories' "
        f"(entries/2016/instagram-stories.yaml); {SAME_EVENT}, otherwise add 'instagram-stories' to related",
        "entries/2016/instagram-stories.yaml:6:10: warning: product: the same product, kind and date as "
        f"'ig-stories' ({same}); {SAME_EVENT}, otherwise add 'ig-stories' to related",
    ]


def test_a_year_is_close_to_any_day_in_it(project: Path) -> None:
    _entry(project, "2016", "stories-year", title="Unrelated words here", date="2016", product="Instagram Stories")
    assert len(_warnings(project)) == 2


def test_the_same_source_address_warns_with_the_same_kind_and_date(project: Path) -> None:
    same = _entry(project, "2016", "copied-snapchat", title="Words that differ", date="2016-08",
                  url="http://WWW.NextShark.com/instagrams-stories-copied-snapchat/?utm_source=x#top")
    _entry(project, "2016", "other-kind", title="Other words", date="2016-08-02", kind="milestone",
           url="https://nextshark.com/instagrams-stories-copied-snapchat")
    _entry(project, "2019", "much-later", title="Later words", date="2019",
           url="https://nextshark.com/instagrams-stories-copied-snapchat")
    warnings = _warnings(project)
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{same}:13:10: warning: sources[0].url: the same source, kind and date as "
                                  "'instagram-stories' (entries/2016/instagram-stories.yaml)")


def test_entries_that_name_each_other_are_known_to_be_distinct(project: Path) -> None:
    _entry(project, "2016", "stories-again", title="Instagram launches Stories", date="2016-08-02",
           kind="milestone", extra="related: [instagram-stories]\n")
    assert _warnings(project) == []


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.example.org/a/b/", "http://example.org/a/b"),
    ("https://Example.org:443/a?utm_source=x&id=2&fbclid=y", "https://example.org/a?id=2"),
    ("https://example.org/a?b=2&a=1#section", "https://example.org/a?a=1&b=2"),
    ("https://example.org./a", "https://example.org/a"),
])
def test_urls_that_lead_to_the_same_page_normalise_alike(a: str, b: str) -> None:
    assert normalise_url(a) == normalise_url(b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/A", "https://example.org/a"),  # paths are case-sensitive
    ("https://example.org/a?id=1", "https://example.org/a?id=2"),
    ("https://example.org:8080/a", "https://example.org/a"),
    ("https://example.org/a", "https://example.com/a"),
])
def test_urls_that_lead_to_different_pages_stay_different(a: str, b: str) -> None:
    assert normalise_url(a) != normalise_url(b)


def test_malformed_addresses_do_not_crash() -> None:
    assert normalise_url("https://example.org:99999/a") == "example.org:99999/a"
    assert normalise_url("http://[::1/a") == "http://[::1/a"


def test_products_with_no_words_are_not_alike(project: Path) -> None:
    _entry(project, "2016", "bracket-one", title="First words", date="2016-08-02", product="(—)")
    _entry(project, "2016", "bracket-two", title="Other text", date="2016-08-02", product="(…)")
    assert _warnings(project) == []


def test_title_words_ignore_case_small_words_and_inflection() -> None:
    assert title_words("Instagram COPIES Snapchat's Stories") == title_words("instagram copy the snapchat story")
    assert title_words("Facebook launches Lasso") == title_words("Facebook launched Lasso")


def test_the_work_stays_linear_when_thousands_of_titles_look_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a timing: the number of title comparisons is bounded by NEIGHBOURS per word of the prefix."""
    base = Entry(id="x", path="entries/2020/x.yaml", title="Facebook launches Stories", date=PartialDate(2020),
                 kind="copy", company="meta", themes=("stories",), summary="S",
                 sources=(Source(publisher="P", title="T", url="https://example.org/same"),))
    entries = [replace(base, id=f"x{i}", path=f"entries/2020/x{i}.yaml") for i in range(3000)]
    comparisons = 0
    real_jaccard = duplicates._jaccard

    def counting(a: frozenset[str], b: frozenset[str]) -> float:
        nonlocal comparisons
        comparisons += 1
        return real_jaccard(a, b)

    monkeypatch.setattr(duplicates, "_jaccard", counting)
    keys = [duplicates.keys_of(entry) for entry in entries]
    pairs = list(duplicates._similar_titles(entries, keys))
    prefix = 3 - 2 + 1  # words - ceil(0.6 * words) + 1
    assert 0 < comparisons <= len(entries) * duplicates.NEIGHBOURS * prefix
    assert {b for _, b in pairs} == set(range(1, 3000))  # every later copy is still found
    assert len(list(duplicates._shared_urls(entries, keys))) <= len(entries) * duplicates.NEIGHBOURS
