"""Near-duplicate warnings (load/duplicates.py), through load_project: an entry that looks like
another, or records the same event, gets a warning naming it. (`check` shows them: tests/test_duplicates.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, write
from generator.load import duplicates
from generator.load.duplicates import NEIGHBOURS, keys_of, near_duplicates, normalise_url, title_words
from generator.load.convert import entry_from
from generator.load.located import LocatedEntry
from generator.load.project import load_project
from generator.load.yamlread import read_yaml

SAME_EVENT = "if it is the same event, edit that entry instead"


def _entry(project: Path, year: str, entry_id: str, *, title: str, date: str, kind: str = "copy",
           product: str | None = None, url: str | None = None, extra: str = "") -> str:
    """Write a valid entry and return its path as `check` shows it."""
    lines = [f"title: {title}", f'date: "{date}"', f"kind: {kind}", "company: meta"]
    if product:
        lines.append(f"product: {product}")
    if kind == "copy":
        lines += ["copy_of: [snapchat-launch]", "outcome:", "  status: active"]
    lines += ["themes: [stories]", "summary: Something happened.[1]", "sources:", "  - publisher: P",
              "    title: T", f"    url: {url or 'https://example.org/' + entry_id}"]
    write(project / "entries" / year / f"{entry_id}.yaml", "\n".join(lines) + "\n" + extra)
    return f"entries/{year}/{entry_id}.yaml"


def _warnings(project: Path) -> list[str]:
    """The near-duplicate warnings of a valid project, as `check` prints them."""
    result = load_project(project / "entries")
    assert result.project is not None, result.problems
    return [str(problem) for problem in result.problems if SAME_EVENT in problem.message]


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
    # a day apart: close enough for the product rule, not the same event
    _entry(project, "2016", "bracket-two", title="Other text", date="2016-08-03", product="(…)")
    assert _warnings(project) == []


def test_title_words_ignore_case_small_words_and_inflection() -> None:
    assert title_words("Instagram COPIES Snapchat's Stories") == title_words("instagram copy the snapchat story")
    assert title_words("Facebook launches Lasso") == title_words("Facebook launched Lasso")


def _located(count: int) -> list[LocatedEntry]:
    """`count` entries whose titles, products and sources are all alike."""
    made = []
    for n in range(count):
        text = ("title: Facebook launches Stories\ndate: 2020-01-01\nkind: milestone\ncompany: meta\n"
                "product: Stories\nthemes: [stories]\nsummary: S.\nsources:\n"
                "  - publisher: P\n    title: T\n    url: https://example.org/same\n")
        doc, issues = read_yaml(text)
        assert not issues
        assert isinstance(doc.data, dict)
        entry = entry_from(doc.data, entry_id=f"x{n}", path=f"entries/2020/x{n}.yaml")
        made.append(LocatedEntry(entry, doc, "2020", keys_of(entry)))
    return made


def _calls_in_near_duplicates(count: int) -> int:
    """How many Python function calls near_duplicates makes for `count` look-alike entries:
    deterministic, unlike a timing."""
    located = _located(count)
    calls = 0

    def profile(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal calls
        if event == "call" and frame.f_code.co_filename == duplicates.__file__:
            calls += 1

    sys.setprofile(profile)
    try:
        warned = near_duplicates(located)
    finally:
        sys.setprofile(None)
    for rule in ("title: looks like", "product: the same product", "sources[0].url: the same source"):
        # every entry is still found
        assert {p.path for p in warned if p.message.startswith(rule)} == {item.entry.path for item in located}, rule
    return calls


def test_the_work_stays_linear_when_hundreds_of_entries_look_alike() -> None:
    """Not a timing: three times the entries make about three times the calls (all pairs: nine)."""
    few, many = 4 * NEIGHBOURS, 12 * NEIGHBOURS
    ratio = _calls_in_near_duplicates(many) / _calls_in_near_duplicates(few)
    assert ratio < 4.5, ratio


# The same event, whatever the wording: same company, kind and date, same original or outcome entry.

LASSO = "entries/2018/lasso-launch.yaml"


def test_a_second_copy_of_the_same_original_by_the_same_company_on_the_same_date_is_warned(project: Path) -> None:
    # lasso-launch: meta copies snapchat-launch in 2018-11. This one shares no title word, product or source.
    again = _entry(project, "2018", "short-video-app", title="A wholly different wording", date="2018-11")
    assert _warnings(project) == [
        f"{LASSO}:2:7: warning: date: the same company, kind, date and original (or outcome) as "
        f"'short-video-app' ({again}); {SAME_EVENT}, otherwise add 'short-video-app' to related",
        f"{again}:2:7: warning: date: the same company, kind, date and original (or outcome) as "
        f"'lasso-launch' ({LASSO}); {SAME_EVENT}, otherwise add 'lasso-launch' to related",
    ]


@pytest.mark.parametrize(("date", "kind", "extra"), [
    ("2018-11-09", "copy", ""),  # another precision is another date for this rule
    ("2018-12", "copy", ""),
    ("2018-11", "milestone", ""),
    ("2018-11", "copy", "related: [lasso-launch]\n"),  # its author knows they are distinct
])
def test_another_date_kind_or_a_known_relation_is_not_the_same_event(project: Path, date: str, kind: str, extra: str) -> None:
    _entry(project, "2018", "short-video-app", title="A wholly different wording", date=date, kind=kind, extra=extra)
    assert [w for w in _warnings(project) if "date: the same company" in w] == []


def test_a_copy_of_another_original_is_another_event(project: Path) -> None:
    path = project / _entry(project, "2018", "short-video-app", title="A wholly different wording", date="2018-11")
    path.write_text(path.read_text(encoding="utf-8").replace("[snapchat-launch]", "[snapchat-stories]"), encoding="utf-8")
    assert _warnings(project) == []


def test_the_same_outcome_entry_on_the_same_date_is_the_same_event(project: Path) -> None:
    """Two records of one end: the same company, kind and date, ending in the same entry."""
    text = ("title: {title}\ndate: 2019-03\nkind: milestone\ncompany: meta\nthemes: [video]\n"
            "summary: S.\nsources:\n  - publisher: P\n    title: T\n    url: https://example.org/{id}\n")
    # outcome.entry belongs to copies; the rule reads copy_of or outcome, so two copies ending alike:
    for entry_id, title in (("first-record", "Lasso is wound down"), ("second-record", "Meta closes its clip app")):
        write(project / f"entries/2019/{entry_id}.yaml", text.format(title=title, id=entry_id).replace(
            "kind: milestone\n", "kind: copy\ncopy_of: [snapchat-launch]\noutcome:\n  status: shut-down\n  entry: lasso-shutdown\n"
        ).replace("copy_of: [snapchat-launch]", f"copy_of: [{'snapchat-launch' if entry_id == 'first-record' else 'snapchat-stories'}]"))
    warnings = [w for w in _warnings(project) if "date: the same company" in w]
    assert [w.split(":")[0] for w in warnings] == ["entries/2019/first-record.yaml", "entries/2019/second-record.yaml"]
    assert "as 'second-record'" in warnings[0] and "as 'first-record'" in warnings[1]
