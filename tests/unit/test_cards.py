"""Share cards: what each says, the picture drawn from it, and the cache that keeps them."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from PIL import Image

from conftest import load_fixture
from generator.mkdocs_plugin.cardfiles import CardFiles
from generator.model.relations import Relations
from generator.site import urls
from generator.site.cards import HEIGHT, MARGIN, TITLE_SIZES, WIDTH, Card, card_font, title_lines, draw, site_cards
from generator.site.language import chinese, localize


def _cards() -> dict[str, Card]:
    return site_cards(Relations(load_fixture()), "Fixture")


def test_every_event_company_and_chapter_page_and_the_home_page_has_a_card() -> None:
    project = load_fixture()
    cards = _cards()
    assert set(cards) == {urls.event(e.id) for e in project.entries} | {urls.company(k) for k in project.companies} \
        | {urls.chapter(k) for k in project.themes} | {urls.HOME}
    stories = cards["events/instagram-stories.md"]
    assert stories.path == "cards/events/instagram-stories.png"
    assert stories.alt == "Copy: Instagram launches Stories (2 August 2016, Meta (Facebook)). Fixture"
    assert cards["companies/snap.md"].facts == ("2 events",)
    assert cards["index.md"].facts == ("5 events", "2 copies", "2011–2020")


def test_a_chinese_page_has_its_own_card_in_chinese() -> None:
    project = load_fixture()
    zh = chinese()
    cards = site_cards(Relations(localize(project, zh)), "Fixture", zh)
    assert set(cards) == {"zh/" + page for page in _cards()}
    stories = cards["zh/events/instagram-stories.md"]
    assert stories.path == "zh/cards/events/instagram-stories.png"
    assert (stories.label, stories.facts) == ("模仿", ("2016年8月2日", "Meta (Facebook)"))
    assert stories.alt == "模仿：Instagram launches Stories（2016年8月2日，Meta (Facebook)）。Fixture"
    assert stories.digest != _cards()["events/instagram-stories.md"].digest  # cached by its own words
    assert cards["zh/companies/snap.md"].label == "公司" and cards["zh/companies/snap.md"].facts == ("2个事件",)
    home = cards["zh/index.md"]
    assert (home.label, home.title) == ("时间线", "谁模仿了谁，模仿者后来怎样了")
    assert home.facts == ("5个事件", "2个模仿产品", "2011—2020年")


def test_a_card_is_a_1200_by_630_png() -> None:
    image = Image.open(io.BytesIO(draw(_cards()["events/lasso-launch.md"])))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    assert len(image.getcolors() or []) > 20  # text, antialiased, on the background and the accent


def test_the_digest_changes_with_the_words_only() -> None:
    card = _cards()["events/lasso-launch.md"]
    assert card.digest == dataclasses.replace(card).digest
    assert card.digest != dataclasses.replace(card, title=card.title + ".").digest
    assert card.digest != dataclasses.replace(card, site_name="Other").digest


def test_long_and_chinese_titles_are_wrapped_within_the_card() -> None:
    width = WIDTH - 2 * MARGIN
    for title in ("字节跳动推出抖音，" * 6, "A very long title " * 12, "Onewordthatneverendsanywhere" * 4):
        size, lines = title_lines(title)
        assert 1 <= len(lines) <= max(most for _, most in TITLE_SIZES)
        assert lines[-1].endswith("…") or "".join(lines).replace(" ", "") == title.replace(" ", "")
        assert all(card_font(size).getlength(line) <= width for line in lines), lines
    assert title_lines("字节跳动推出抖音")[1] == ["字节跳动推出抖音"]


def test_the_cache_draws_only_cards_whose_words_changed(tmp_path: Path) -> None:
    cards = list(_cards().values())
    files = CardFiles(tmp_path / "cache")
    assert files.start(cards) == len(cards)
    files.finish(tmp_path / "site")
    first = tmp_path / "site" / cards[0].path
    assert Image.open(first).size == (WIDTH, HEIGHT)
    changed = [dataclasses.replace(cards[0], title="A new title"), *cards[1:]]
    files = CardFiles(tmp_path / "cache")
    assert files.start(cards) == 0  # nothing changed: nothing drawn
    files.finish(tmp_path / "site")
    assert files.start(changed) == 1
    files.finish(tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(f"{c.digest}.png" for c in changed)
    assert (tmp_path / "site" / cards[0].path).read_bytes() == draw(changed[0])
