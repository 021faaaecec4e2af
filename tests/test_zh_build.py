"""A real `mkdocs build --strict` of the fixture project with Chinese content: both trees, the
notes on untranslated and stale pages, the hand-written fallbacks, the page's language and its
alternates, the Chinese feeds and their sitemap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import mkdocs_build, run_cli, write

SWITCHER = "\nextra:\n  alternate: true\n"


def _add(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def site(project: Path, tmp_path: Path) -> Path:
    _add(project / "mkdocs.yml", SWITCHER)
    _add(project / "entries/2011/snapchat-launch.yaml",
         "zh:\n  title: Snapchat上线\n  summary: 阅后即焚的照片消息。\n  translates: d57857b4\n")
    _add(project / "entries/2016/instagram-stories.yaml",
         "zh:\n  title: Instagram推出快拍\n  summary: 旧的译文。\n  body: 旧的正文。\n  translates: 0123abcd\n")
    themes = project / "entries/themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace(
        "  order: \"1\"", "  order: \"1\"\n  title_zh: 快拍之战\n  summary_zh: Snapchat的形式被到处模仿。"), encoding="utf-8")
    write(project / "docs/zh/index.md", "# 示例首页\n\n从[快拍之战](themes/stories.md)或[时间线](timeline.md)读起。\n")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    # One stale entry, three without Chinese and a chapter without it: the count `check` lists one by one.
    listed = run_cli("check", cwd=project).stdout.splitlines()[:-1]
    assert len(listed) == 5 and all(": warning: " in line for line in listed)
    assert "5 translation warnings (run `make check` to see them)" in result.stderr
    return site


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_both_trees_have_the_same_pages(site: Path) -> None:
    english = {p.relative_to(site).as_posix() for p in site.rglob("index.html") if not p.is_relative_to(site / "zh")}
    chinese = {p.relative_to(site / "zh").as_posix() for p in (site / "zh").rglob("index.html")}
    assert english - {"404.html"} <= chinese and "events/lasso-launch/index.html" in chinese


def test_a_translated_page_is_chinese_and_links_to_its_english_page(site: Path) -> None:
    page = _page(site, "zh/events/snapchat-launch")
    assert '<html lang="zh-Hans"' in page and "<h1" in page and "Snapchat上线" in page
    assert "阅后即焚的照片消息。" in page and "2011年" in page and "尚无中文译文" not in page
    assert re.search(r'<a href="../../../events/snapchat-launch/" hreflang="en"[^>]*>English</a>', page)
    assert 'rel="alternate " hreflang="zh-Hans" href="https://example.org/zh/events/snapchat-launch/"' in page
    assert "跳转至" in page  # the theme's own strings in Chinese
    english = _page(site, "events/snapchat-launch")
    assert '<html lang="en"' in english and 'hreflang="zh-Hans"' in english and "Snapchat上线" not in english


def test_missing_and_stale_translations_say_so(site: Path) -> None:
    missing = _page(site, "zh/events/lasso-launch")
    assert "尚无中文译文" in missing and "A short-video app." in missing
    assert '"inLanguage": "zh-Hans"' in missing
    stale = _page(site, "zh/events/instagram-stories")
    assert "译文可能已过时" in stale and "旧的译文。" in stale


def test_hand_written_pages_are_translated_or_fall_back_to_english(site: Path) -> None:
    assert "示例首页" in _page(site, "zh")
    chapter = _page(site, "zh/themes/stories")
    assert "本页尚未译成中文" in chapter and "A hand-written essay" in chapter
    assert "本章事件" in chapter and "Snapchat上线" in chapter  # its events, in Chinese
    assert "快拍之战" in _page(site, "zh/themes")


def test_the_chinese_feeds(site: Path) -> None:
    feed = (site / "zh/feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="zh-Hans"' in feed and "https://example.org/zh/events/snapchat-launch/" in feed
    assert 'href="../feed.xml"' in _page(site, "zh/timeline")


def test_each_tags_page_lists_the_pages_of_its_own_language(site: Path) -> None:
    english = _page(site, "tags")
    assert "events/instagram-stories/" in english and "zh/events/" not in english
    chinese = _page(site, "zh/tags")
    assert 'href="../events/instagram-stories/"' in chinese and "Instagram推出快拍" in chinese
