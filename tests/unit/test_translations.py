"""The Chinese text: fingerprints, check's warnings (exact message and place), and the zh/ tree."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.load.project import load_project
from generator.model.dates import PartialDate, Span
from generator.model.entries import KIND_LABELS, STATUS_LABELS
from generator.model.figures import SPAN_BUCKETS, YEAR_ONLY_LABEL
from generator.model.translation import Translation, fingerprint, mostly_cjk, state
from generator.site.copymap import SHAPE_LABELS
from generator.site.language import chinese, chinese_spacing, dates_in
from generator.site.render import render_site
from generator.site.templating import TEMPLATES_DIR

LAUNCH = "entries/2011/snapchat-launch.yaml"
STORIES = "entries/2016/instagram-stories.yaml"


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
    pages = {a.path: a.content for a in render_site(result.project, site_url="https://example.org/")}
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
            "title": "Snapchat上线", "summary": "阅后即焚的照片消息。", "body": None, "translates": "d57857b4"}
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
    page = next(a.content for a in render_site(result.project) if a.path == "zh/events/snapchat-launch.md")
    assert "# \\<script\\>alert\\(1\\)\\</script\\>\\[链接\\]\\(javascript\\:x\\)" in page


def test_chinese_text_loses_the_spaces_its_line_breaks_leave_and_keeps_the_rest() -> None:
    folded = "Facebook低调上线。[1][2] 它比Reels早一年。 Facebook Live Shopping 随后关闭。"
    assert chinese_spacing(folded) == "Facebook低调上线。[1][2]它比Reels早一年。Facebook Live Shopping 随后关闭。"
    body = "第一句。[1]\n第二句由 Brady\nVoss 牵头。\n\n### 小标题\n正文\n- 列表项"
    # a break between Latin words stays a space (a line break); a heading and a list keep their lines
    assert chinese_spacing(body) == "第一句。[1]第二句由 Brady\nVoss 牵头。\n\n### 小标题\n正文\n- 列表项"
