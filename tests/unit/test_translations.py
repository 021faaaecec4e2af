"""The Chinese text: fingerprints, check's warnings (exact message and place), and the zh/ tree."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOT, rendered_site
from generator.load.project import load_project
from generator.model.dates import PartialDate, Span
from generator.model.entries import KIND_LABELS, STATUS_LABELS
from generator.model.figures import SPAN_BUCKETS, YEAR_ONLY_LABEL
from generator.model.translation import Translation, fingerprint, mostly_cjk, state
from generator.site.copymap import SHAPE_LABELS
from generator.site.language import chinese, chinese_spacing, dates_in
from generator.site.templating import TEMPLATES_DIR

LAUNCH = "entries/2011/snapchat-launch.yaml"
STORIES = "entries/2016/instagram-stories.yaml"
LASSO = "entries/2018/lasso-launch.yaml"  # a date note and a correction; an outcome note is added where needed
LASSO_ZH = "zh:\n  title: Facebook推出Lasso\n  summary: 一款短视频应用。[1]\n"


def _add(project: Path, path: str, text: str) -> None:
    file = project / path
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


def _warnings(project: Path, path: str) -> list[str]:
    result = load_project(project / "entries")
    assert result.project is not None, result.problems
    return [f"{p.line}:{p.col}: {p.message}" for p in result.problems if p.path == path and p.topic == "translation"]


def test_the_fingerprint_ignores_wrapping_and_follows_each_field() -> None:
    base = fingerprint("Snapchat launches", "Disappearing photo messages.", None)
    assert len(base) == 8 and int(base, 16) >= 0
    assert fingerprint("Snapchat  launches", "Disappearing\nphoto messages.", "") == base
    assert fingerprint("Snapchat launches", "Disappearing photo messages!", None) != base
    assert fingerprint("Snapchat", "launches Disappearing photo messages.", None) != base
    # the notes count only where the entry has some, each under its field's name
    assert fingerprint("Snapchat launches", "Disappearing photo messages.", None, ()) == base
    noted = fingerprint("Snapchat launches", "Disappearing photo messages.", None, [("date_note", "Year only.")])
    assert noted != base and noted == fingerprint(
        "Snapchat launches", "Disappearing photo messages.", None, [("date_note", "Year\n only.")])
    assert noted != fingerprint("Snapchat launches", "Disappearing photo messages.", None, [("outcome.note", "Year only.")])
    assert state(None, base) == "missing"
    assert state(Translation("标题", "摘要", translates=base), base) == "current"
    assert state(Translation("标题", "摘要", translates="00000000"), base) == "stale"


def test_a_missing_translation_is_one_warning_at_the_title_naming_the_fingerprint(project: Path) -> None:
    assert _warnings(project, LAUNCH) == [
        "1:1: no Chinese translation yet (optional): add a zh block (title and summary) with translates: d57857b4"]
    assert _warnings(project, STORIES) == [  # its title is on line 2, under the schema comment; it has a body
        "2:1: no Chinese translation yet (optional): add a zh block (title, summary and body) with translates: b2455875"]
    result = load_project(project / "entries")
    assert result.project is not None  # a warning, never an error
    assert [str(p) for p in result.problems if p.path == "entries/themes.yaml"] == [
        "entries/themes.yaml:1:1: warning: stories: no Chinese translation yet (optional): add title_zh and summary_zh",
        "entries/themes.yaml:5:1: warning: video: no Chinese translation yet (optional): add title_zh and summary_zh",
    ]


def test_a_stale_translation_names_the_current_fingerprint(project: Path) -> None:
    _add(project, LAUNCH, "zh:\n  title: Snapchat上线\n  summary: 阅后即焚的照片消息。\n  translates: 0123abcd\n")
    assert _warnings(project, LAUNCH) == [
        "15:15: zh.translates: the English title, summary, body or notes changed since this translation "
        "(0123abcd); update the Chinese, then set translates: d57857b4"]


def test_a_translation_without_fingerprint_and_without_chinese(project: Path) -> None:
    _add(project, LAUNCH, "zh:\n  title: Snapchat launches\n  summary: 阅后即焚的照片消息。\n")
    assert _warnings(project, LAUNCH) == [
        "12:1: zh: no translates fingerprint: once the Chinese says what the English says, add translates: d57857b4",
        "13:10: zh.title: Chinese text holds no Chinese characters (is it still the English?)",
    ]


def test_a_current_translation_is_quiet_and_chinese_in_an_english_field_is_not(project: Path) -> None:
    path = project / LAUNCH
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary: Disappearing photo messages.", "summary: 一款阅后即焚的照片消息应用。"), encoding="utf-8")
    current = load_project(project / "entries").project
    assert current is not None
    mark = next(e for e in current.entries if e.id == "snapchat-launch").fingerprint
    _add(project, LAUNCH, f"zh:\n  title: Snapchat上线\n  summary: 一款阅后即焚的照片消息应用。\n  translates: {mark}\n")
    assert _warnings(project, LAUNCH) == [
        "7:10: summary: mostly Chinese text in an English field (Chinese text goes in the zh fields)"]
    assert not mostly_cjk("The 2021 essay by Wang Wang for Silicon Rabbit Race (硅兔赛跑), republished by Sina")


def _with_outcome_note(project: Path) -> None:
    path = project / LASSO
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  entry: lasso-shutdown\n", "  entry: lasso-shutdown\n  note: Closed after 20 months.\n"), encoding="utf-8")


def _fingerprint(project: Path, entry_id: str) -> str:
    result = load_project(project / "entries")
    assert result.project is not None, result.problems
    return next(e for e in result.project.entries if e.id == entry_id).fingerprint


def test_the_notes_count_in_the_fingerprint_only_where_the_entry_has_them(project: Path) -> None:
    assert _fingerprint(project, "lasso-launch") == "0b7852bc"  # its date note and correction
    assert _fingerprint(project, "snapchat-launch") == "d57857b4"  # no notes: what it always was
    _with_outcome_note(project)
    assert _fingerprint(project, "lasso-launch") == "1d73fdbf"


def test_each_english_note_without_its_chinese_is_a_warning_at_the_english_note(project: Path) -> None:
    _with_outcome_note(project)
    assert _warnings(project, LASSO) == [
        "1:1: no Chinese translation yet (optional): add a zh block (title, summary, date_note, outcome_note "
        "and corrections) with translates: 1d73fdbf"]
    _add(project, LASSO, LASSO_ZH + "  translates: 1d73fdbf\n")
    assert _warnings(project, LASSO) == [
        "3:1: date_note: the Chinese page shows this note in English (add zh.date_note)",
        "12:3: outcome.note: the Chinese page shows this note in English (add zh.outcome_note)",
        "19:1: corrections: the Chinese page shows these corrections in English (add zh.corrections, one for "
        "each, in the same order)",
    ]


def test_chinese_notes_without_chinese_and_english_notes_in_chinese_are_warnings(project: Path) -> None:
    path = project / LASSO
    path.write_text(path.read_text(encoding="utf-8").replace(
        "finding: Lasso came first.", "finding: Lasso比Reels早一年上线，顺序正好相反。"), encoding="utf-8")
    mark = _fingerprint(project, "lasso-launch")
    _add(project, LASSO, LASSO_ZH + "  date_note: The launch day is 9 November.\n  outcome_note: 关停。\n"
                         "  corrections:\n    - claimed_by: The seed article\n      claim: Lasso在Reels之后。\n"
                         f"      finding: Lasso came first.\n  translates: {mark}\n")
    assert _warnings(project, LASSO) == [
        "21:14: corrections[0].finding: mostly Chinese text in an English field (Chinese text goes in the zh fields)",
        "29:14: zh.date_note: Chinese text holds no Chinese characters (is it still the English?)",
        "30:3: zh.outcome_note: the English entry has no outcome note to translate",
        "32:19: zh.corrections[0].claimed_by: Chinese text holds no Chinese characters (is it still the English?)",
        "34:16: zh.corrections[0].finding: Chinese text holds no Chinese characters (is it still the English?)",
    ]


def test_chinese_corrections_of_another_number_are_an_error_at_the_list(project: Path) -> None:
    correction = "    - claimed_by: 种子文章\n      claim: Lasso在后。\n      finding: Lasso在先。\n"
    _add(project, LASSO, LASSO_ZH + "  corrections:\n" + correction * 2)
    _add(project, LAUNCH, "zh:\n  title: Snapchat上线\n  summary: 摘要。\n  corrections:\n" + correction)
    result = load_project(project / "entries")
    assert result.project is None
    assert [str(p) for p in result.problems if p.level == "error"] == [
        "entries/2011/snapchat-launch.yaml:16:5: error: zh.corrections: 1 Chinese correction, but the English has "
        "no corrections: write one for each English correction, in the same order (1 entry refers to this one)",
        "entries/2018/lasso-launch.yaml:30:5: error: zh.corrections: 2 Chinese corrections, but the English has 1 "
        "correction: write one for each English correction, in the same order",
    ]


def test_the_chinese_page_shows_the_chinese_notes_and_the_english_where_there_are_none(project: Path) -> None:
    _with_outcome_note(project)
    _add(project, LASSO, LASSO_ZH + "  date_note: 上线日期据报道为11月9日。\n  corrections:\n"
                         "    - claimed_by: 种子文章\n      claim: Lasso在Reels之后推出。\n      finding: Lasso在先。\n")
    result = load_project(project / "entries")
    assert result.project is not None
    pages = {a.path: a.content for a in rendered_site(result.project, site_url="https://example.org/")}
    chinese, english = pages["zh/events/lasso-launch.md"], pages["events/lasso-launch.md"]
    assert "*关于日期：* 上线日期据报道为11月9日。" in chinese
    assert "**原说法：** 种子文章称，Lasso在Reels之后推出。" in chinese and "**实际情况：** Lasso在先。" in chinese
    assert "**信源：** Axios" in chinese
    assert "。Closed after 20 months\\." in chinese  # no Chinese outcome note: the English one
    assert "*About the date:* The launch day is reported as 9 November\\." in english
    assert "**What was claimed.** The seed article: Lasso came after Reels\\." in english
    assert "Closed after 20 months" in english and "种子文章" not in english
    record = next(r for r in json.loads(pages["data/entries.json"])["entries"] if r["id"] == "lasso-launch")
    assert (record["zh"]["date_note"], record["zh"]["outcome_note"], record["zh"]["corrections"]) == (
        "上线日期据报道为11月9日。", None, [{"claim": "Lasso在Reels之后推出。", "claimed_by": "种子文章", "finding": "Lasso在先。"}])
    assert "上线日期据报道为11月9日。" in pages["data/entries.csv"]


def test_the_real_lasso_page_in_chinese_has_its_outcome_note_and_correction_in_chinese() -> None:
    result = load_project(ROOT / "entries")
    assert result.project is not None
    lasso = next(e for e in result.project.entries if e.id == "lasso-launch")
    assert lasso.zh is not None and lasso.zh.translates == lasso.fingerprint  # the notes were translated
    page = next(a.content for a in rendered_site(result.project, languages=[chinese()])
                if a.path == "zh/events/lasso-launch.md")
    assert "。关停时上线约20个月；据Sensor Tower估算，下载量超过1000万次。" in page
    assert "**原说法：** 硅兔赛跑王旺2021年的文章（新浪科技转载）称，Lasso是在Instagram宣布推出Reels几个月之后发布的。" in page
    assert "**实际情况：** Lasso在先。它于2018年11月9日上线，比Instagram在巴西首次测试Reels（2019年11月12日）早了约一年，" \
           "比Reels全球上线（2020年8月5日）早了约21个月。" in page
    assert "Sensor Tower estimated" not in page and "Lasso was released a few months after" not in page


def test_chinese_dates_and_spans() -> None:
    with dates_in(chinese()):
        assert [PartialDate.parse(d).human() for d in ("2018-11-09", "2018-11", "2018")] == [
            "2018年11月9日", "2018年11月", "2018年"]
        assert Span(PartialDate.parse("2016-08-02"), PartialDate.parse("2018-11-09")).words == "2年3个月（829天）"
    assert PartialDate.parse("2018-11-09").human() == "9 November 2018"


def test_the_chinese_tree_has_every_page_with_notes_where_the_translation_is_missing_or_stale(project: Path) -> None:
    _add(project, LAUNCH, "zh:\n  title: Snapchat上线\n  summary: 阅后即焚的照片消息。\n  translates: d57857b4\n")
    _add(project, STORIES, "zh:\n  title: Instagram推出快拍\n  summary: 旧译文。\n  body: 旧正文。\n  translates: 0123abcd\n")
    result = load_project(project / "entries")
    assert result.project is not None
    pages = {a.path: a.content for a in rendered_site(result.project, site_url="https://example.org/")}
    english = {path for path in pages if not path.startswith("zh/")}
    assert {path for path in pages if path.startswith("zh/")} == {"zh/" + path for path in english}
    launch = pages["zh/events/snapchat-launch.md"]
    assert "# Snapchat上线" in launch and "阅后即焚的照片消息。" in launch and "!!! note" not in launch
    assert "**2011年** · 原创" in launch and "## 信源" in launch
    assert '!!! note "译文可能已过时"' in pages["zh/events/instagram-stories.md"]
    missing = pages["zh/events/lasso-launch.md"]
    assert '!!! note "尚无中文译文"' in missing and "[阅读英文版](../../events/lasso-launch.md)" in missing
    assert '"inLanguage": "zh-Hans"' in missing and '"inLanguage": "en"' in pages["events/lasso-launch.md"]
    assert "https://example.org/zh/events/snapchat-launch/" in pages["zh/feed.xml"]
    for data in (pages["data/entries.json"], pages["zh/data/entries.json"]):
        records = {record["id"]: record for record in json.loads(data)["entries"]}
        assert records["snapchat-launch"]["zh"] == {
            "title": "Snapchat上线", "summary": "阅后即焚的照片消息。", "body": None, "date_note": None,
            "outcome_note": None, "corrections": [], "updates": [], "translates": "d57857b4"}
        assert [records[key]["translation"] for key in ("snapchat-launch", "instagram-stories", "lasso-launch")] == [
            "current", "stale", "missing"]
    assert json.loads(pages["zh/data/timelinejs.json"])["events"][0]["text"]["headline"] == "Snapchat上线"
    assert "Snapchat上线" in pages["data/entries.csv"] and ",current" in pages["data/entries.csv"]


_T_CALL = re.compile(r"""\bt\(\s*"((?:[^"\\]|\\.)*)"(?:\s+if\s[^)]*?\selse\s+"((?:[^"\\]|\\.)*)")?""")


def test_every_interface_string_the_templates_print_has_its_chinese_with_the_same_placeholders() -> None:
    table = json.loads((TEMPLATES_DIR / "i18n" / "zh.json").read_text(encoding="utf-8"))
    used = {key for path in TEMPLATES_DIR.glob("**/*.j2") for match in _T_CALL.finditer(path.read_text(encoding="utf-8"))
            for key in match.groups() if key}
    code = TEMPLATES_DIR.parent / "site"  # the page titles and descriptions made in Python
    used |= {key for path in code.glob("*.py")
             for match in re.finditer(r"""\bt\(\s*(["'])((?:(?!\1).)+)\1""", path.read_text(encoding="utf-8"))
             for key in [match.group(2)]}
    used |= set(KIND_LABELS.values()) | set(STATUS_LABELS.values()) | {label for label, _ in SPAN_BUCKETS}
    used |= {YEAR_ONLY_LABEL} | set(SHAPE_LABELS.values())
    assert len(used) > 100
    assert sorted(used - set(table)) == []
    for key in used:
        assert sorted(re.findall(r"\{\w+\}", key)) == sorted(re.findall(r"\{\w+\}", table[key])), key


def test_the_chinese_fields_keep_the_rules_of_the_english_ones(project: Path) -> None:
    _add(project, LAUNCH, "zh:\n  title: <script>alert(1)</script>标题\n  summary: 摘要<img src=x onerror=alert(1)>。\n"
                          "  body: '## 标题'\n  translates: 4442BEC4\n")
    result = load_project(project / "entries")
    assert result.project is None
    assert [f"{p.line}:{p.col}: {p.message}" for p in result.problems if p.path == LAUNCH and p.level == "error"] == [
        "14:14: zh.summary: raw HTML is not allowed (write Markdown; for a link use [text](https://...))"
        " (2 entries refer to this one)",
        "15:9: zh.body: headings above level 3 are not allowed (use ### at most)",
        "16:15: zh.translates: must be the 8-hex-digit fingerprint that `make check` prints, got '4442BEC4'",
    ]


def test_a_chinese_title_is_plain_text_on_its_page(project: Path) -> None:
    _add(project, LAUNCH, "zh:\n  title: <script>alert(1)</script>[链接](javascript:x)\n  summary: 摘要。\n")
    result = load_project(project / "entries")
    assert result.project is not None
    page = next(a.content for a in rendered_site(result.project) if a.path == "zh/events/snapchat-launch.md")
    assert "# \\<script\\>alert\\(1\\)\\</script\\>\\[链接\\]\\(javascript\\:x\\)" in page


def test_chinese_text_loses_the_spaces_its_line_breaks_leave_and_keeps_the_rest() -> None:
    folded = "Facebook低调上线。[1][2] 它比Reels早一年。 Facebook Live Shopping 随后关闭。"
    assert chinese_spacing(folded) == "Facebook低调上线。[1][2]它比Reels早一年。Facebook Live Shopping 随后关闭。"
    body = "第一句。[1]\n第二句由 Brady\nVoss 牵头。\n\n### 小标题\n正文\n- 列表项"
    # a break between Latin words stays a space (a line break); a heading and a list keep their lines
    assert chinese_spacing(body) == "第一句。[1]第二句由 Brady\nVoss 牵头。\n\n### 小标题\n正文\n- 列表项"


def test_the_downloads_carry_the_chinese_text_as_the_chinese_pages_print_it(project: Path) -> None:
    _add(project, LASSO, "zh:\n  title: Facebook推出Lasso\n  summary: >-\n    一款短视频应用。[1]\n    它比Reels早一年。\n"
                         "  date_note: >-\n    上线日期\n    据报道为11月9日。\n")
    result = load_project(project / "entries")
    assert result.project is not None
    files = {a.path: a.content for a in rendered_site(result.project, site_url="https://example.org/")}
    for tree in ("", "zh/"):
        record = next(r for r in json.loads(files[f"{tree}data/entries.json"])["entries"] if r["id"] == "lasso-launch")
        assert (record["zh"]["summary"], record["zh"]["date_note"]) == ("一款短视频应用。[1]它比Reels早一年。",
                                                                        "上线日期据报道为11月9日。")
        assert "上线日期据报道为11月9日。" in files[f"{tree}data/entries.csv"]


UPDATE = "updates:\n  - date: \"2026-12-05\"\n    note: The launch day was corrected from 10 to 9 November.\n"


def test_updates_are_listed_in_each_language_and_in_the_download(project: Path) -> None:
    before = _fingerprint(project, "lasso-launch")
    _add(project, LASSO, UPDATE + LASSO_ZH + "  updates:\n    - note: 上线日期由11月10日更正为11月9日。\n")
    assert _fingerprint(project, "lasso-launch") != before  # a translation must follow its updates too
    result = load_project(project / "entries")
    assert result.project is not None
    pages = {a.path: a.content for a in rendered_site(result.project, site_url="https://example.org/")}
    english, chinese = pages["events/lasso-launch.md"], pages["zh/events/lasso-launch.md"]
    assert "## Updates\n\n- <span id=\"entry-updates\"></span>**5 December 2026.** The launch day was corrected " \
           "from 10 to 9 November\\.\n" in english
    assert "## 更新记录\n\n- <span id=\"entry-updates\"></span>**2026年12月5日：** 上线日期由11月10日更正为11月9日。\n" in chinese
    # the line under the title says so, and leads to the list
    assert " · [Updated 5 December 2026](#entry-updates)\n" in english
    assert " · [2026年12月5日更新](#entry-updates)\n" in chinese
    assert "## Updates" not in pages["events/snapchat-launch.md"] and "Updated" not in pages["events/snapchat-launch.md"]
    # one page lists every entry's updates, in each language, with the feeds that carry them
    assert "- **5 December 2026** · [Facebook launches Lasso](events/lasso-launch.md): The launch day was corrected " \
           "from 10 to 9 November\\.\n" in pages["updates.md"]
    assert "- **2026年12月5日** · [Facebook推出Lasso](events/lasso-launch.md)：上线日期由11月10日更正为11月9日。\n" in pages[
        "zh/updates.md"]
    assert '"atom": "zh/updates/feed.xml"' in pages["zh/updates.md"] and "[one page](../updates.md)" in english
    record = next(r for r in json.loads(pages["data/entries.json"])["entries"] if r["id"] == "lasso-launch")
    assert record["updates"] == [{"date": "2026-12-05", "note": "The launch day was corrected from 10 to 9 November."}]
    assert record["zh"]["updates"] == [{"note": "上线日期由11月10日更正为11月9日。"}]


def test_the_updates_page_says_so_when_no_entry_has_been_changed(project: Path) -> None:
    result = load_project(project / "entries")
    assert result.project is not None
    pages = {a.path: a.content for a in rendered_site(result.project)}
    assert "No entry has been changed since it was published." in pages["updates.md"]
    assert "目前还没有条目在发表后改动过。" in pages["zh/updates.md"]


def test_an_update_is_dated_to_the_day_and_translated_one_for_one(project: Path) -> None:
    _add(project, LASSO, UPDATE.replace("2026-12-05", "2026-12") + LASSO_ZH + "  updates:\n    - note: 更正。\n"
         "    - note: 又一次更正。\n")
    result = load_project(project / "entries")
    assert result.project is None
    assert [str(p) for p in result.problems if p.level == "error"] == [
        "entries/2018/lasso-launch.yaml:27:11: error: updates[0].date: must be a full date, YYYY-MM-DD, got '2026-12'",
        "entries/2018/lasso-launch.yaml:33:5: error: zh.updates: 2 Chinese updates, but the English has 1 update: "
        "write one for each English update, in the same order",
    ]


def test_english_updates_without_their_chinese_are_a_warning(project: Path) -> None:
    _add(project, LASSO, UPDATE)
    mark = _fingerprint(project, "lasso-launch")
    _add(project, LASSO, LASSO_ZH + "  date_note: 日期。\n  corrections:\n    - claimed_by: 种子文章\n"
                         f"      claim: Lasso在后。\n      finding: Lasso在先。\n  translates: {mark}\n")
    assert _warnings(project, LASSO) == [
        "26:1: updates: the Chinese page shows these updates in English (add zh.updates, one for each, in the same "
        "order)"]


def test_the_line_under_the_title_gives_the_newest_update_whatever_the_order(project: Path) -> None:
    _add(project, LASSO, UPDATE + "  - date: \"2026-11-02\"\n    note: A source was replaced.\n")
    result = load_project(project / "entries")
    assert result.project is not None
    page = next(a.content for a in rendered_site(result.project) if a.path == "events/lasso-launch.md")
    assert " · [Updated 5 December 2026](#entry-updates)\n" in page
