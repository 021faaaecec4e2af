"""Share cards in a real build: drawn, named in the page head, and drawn again only when their words change."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import mkdocs_build

pytestmark = pytest.mark.build

SITE_URL = "https://example.org/"


def _head(page: Path) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))


def _json_ld(page: Path) -> dict[str, object]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"))
    assert found
    return json.loads(found.group(1))


def test_an_event_card_exists_is_1200_by_630_and_is_named_in_og_image(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)  # tests that build the fixture in place leave one
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    # 5 events, 3 companies, 2 chapters and the home page, in English and in Chinese
    assert "Drawing 22 share cards" in result.stderr
    card = site / "cards/events/instagram-stories.png"
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    head = _head(site / "events/instagram-stories/index.html")
    assert head["og:image"] == SITE_URL + "cards/events/instagram-stories.png"
    assert (head["og:image:width"], head["og:image:height"]) == ("1200", "630")
    assert head["og:image:alt"].startswith("Copy: Instagram launches Stories")
    assert head["twitter:card"] == "summary_large_image" and head["twitter:image"] == head["og:image"]
    data = _json_ld(site / "events/instagram-stories/index.html")
    assert data["image"] == head["og:image"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", str(data["datePublished"])) and data["dateModified"]
    for page, image_path in (("index.html", "cards/index.png"), ("companies/meta/index.html", "cards/companies/meta.png"),
                             ("themes/stories/index.html", "cards/themes/stories.png")):
        head = _head(site / page)
        assert head["og:image"] == SITE_URL + image_path and (site / image_path).is_file(), page
        assert head["og:type"] == "website" and head["og:url"] == SITE_URL + page.removesuffix("index.html")
    assert not list((project / "docs").rglob("*.png"))  # generated files never go into docs/

    again = mkdocs_build(project, tmp_path / "again")
    assert again.returncode == 0 and "share card" not in again.stderr  # all kept from the cache
    assert (tmp_path / "again/cards/events/instagram-stories.png").read_bytes() == card.read_bytes()
    entry = project / "entries/2016/instagram-stories.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("title: Instagram launches Stories",
                                                               "title: Instagram copies Stories"), encoding="utf-8")
    edited = mkdocs_build(project, tmp_path / "edited")
    assert edited.returncode == 0, edited.stderr
    assert "Drawing 2 share cards" in edited.stderr  # only the edited event's cards (untranslated: both show it)
    assert (tmp_path / "edited/cards/events/instagram-stories.png").read_bytes() != card.read_bytes()


def test_a_chinese_page_names_its_own_chinese_card(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    page = site / "zh/events/instagram-stories/index.html"
    head = _head(page)
    assert head["og:image"] == SITE_URL + "zh/cards/events/instagram-stories.png"
    with Image.open(site / "zh/cards/events/instagram-stories.png") as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert (site / "zh/cards/events/instagram-stories.png").read_bytes() != \
        (site / "cards/events/instagram-stories.png").read_bytes()  # its own words: 模仿, 2016年8月2日
    assert head["og:image:alt"] == "模仿：Instagram launches Stories（2016年8月2日，Meta (Facebook)）。Fixture"
    assert head["og:locale"] == "zh_CN" and "og:locale" not in _head(site / "events/instagram-stories/index.html")
    assert _json_ld(page)["image"] == head["og:image"]
    for page_path, image_path in (("zh/index.html", "zh/cards/index.png"),
                                  ("zh/companies/meta/index.html", "zh/cards/companies/meta.png"),
                                  ("zh/themes/stories/index.html", "zh/cards/themes/stories.png")):
        head = _head(site / page_path)
        assert head["og:image"] == SITE_URL + image_path and (site / image_path).is_file(), page_path
        assert head["og:url"] == SITE_URL + page_path.removesuffix("index.html")


def test_without_share_cards_no_page_names_a_card(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - timeline\n", "  - timeline:\n      share_cards: false\n"), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "cards").exists() and not (project / ".cache/cards").exists()
    for page in ("events/instagram-stories/index.html", "zh/events/instagram-stories/index.html"):
        head = _head(site / page)
        assert "og:image" not in head and head["twitter:card"] == "summary", page
        data = _json_ld(site / page)
        assert "image" not in data and data["dateModified"], page  # no address of a picture that is not there
