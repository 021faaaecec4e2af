"""Share cards: the 1200×630 picture a link preview shows for an event, a company, a chapter and
the home page, drawn at build time with Pillow in Noto Sans CJK (installed as a Python package,
so it covers English and Chinese alike and nothing is fetched).

Every language has its own cards: a Chinese page's card (zh/cards/events/x.png) says what the
page says, in its words, dates and labels (`site_cards` with the language).

What a card says is data (`Card`); `draw` turns it into PNG bytes and does nothing else. A card's
`digest` covers everything that decides its pixels (its text, CARD_VERSION, the font), so an
adapter can keep drawn cards by digest and draw again only those whose text changed.

To be quick (a thousand cards add little to a build), a card is drawn in one 8-bit channel, the
value being how much text covers a pixel, then given a palette: no colour conversion, and a PNG
of a third the bytes of an RGB one. Values 0-127 run from the background to the text colour;
255 is the accent colour of solid shapes, which are never antialiased.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import noto_cjk_sans_otc
from PIL import Image, ImageDraw, ImageFont

from generator.model.relations import Relations
from generator.site import urls
from generator.site.language import ENGLISH, Language, dates_in

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "1"  # change it when the drawing changes: every card is drawn again
FONT_FILE = noto_cjk_sans_otc.FONT_PATH
FONT_INDEX = 2  # the collection's Simplified Chinese face: "Noto Sans CJK SC"
BACKGROUND, TEXT, ACCENT = (33, 33, 33), (250, 250, 250), (255, 87, 34)  # Material's grey 900, deep orange
INK = 127  # full text colour; lower values are paler text
MARGIN = 80
TITLE_SIZES = ((64, 3), (54, 4))  # (px, most lines): the largest that fits the whole title


@dataclass(frozen=True)
class Card:
    """What one card says, and where it is published (`cards/events/x.png`, `zh/cards/events/x.png`)."""

    path: str
    label: str  # what the page is about: the kind of event, "Company", "Chapter"
    title: str
    facts: tuple[str, ...]  # one line under the title: date, company ...
    site_name: str
    alt: str  # the card in words, in its language, for og:image:alt (not drawn: not in the digest)

    @cached_property  # asked for several times a build, per card: a hash of JSON each time
    def digest(self) -> str:
        """Changes exactly when the drawing would: its words, the drawing's version and the font."""
        key = [CARD_VERSION, FONT_FILE.name, FONT_INDEX, self.label, self.title, self.facts, self.site_name]
        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]

    def head(self, site_url: str) -> dict[str, object]:
        """What a page's front matter carries for the theme's og:image and twitter:image tags."""
        return {"url": site_url + self.path, "width": WIDTH, "height": HEIGHT, "alt": self.alt}


def site_cards(rel: Relations, site_name: str, language: Language = ENGLISH) -> dict[str, Card]:
    """A card for every event, company and chapter page and the home page of `language`'s tree,
    by the page's path in the docs tree (`zh/events/x.md`). `rel` is of the project as that
    language's pages show it (language.localize)."""
    with dates_in(language):
        return {language.prefix + page: card for page, card in _cards(rel, site_name, language)}


def _cards(rel: Relations, site_name: str, language: Language) -> Iterator[tuple[str, Card]]:
    t = language.t
    project = rel.project

    def card(page: str, label: str, title: str, facts: tuple[str, ...]) -> tuple[str, Card]:
        alt = (t("{label}: {title} ({facts}). {site}", label=label, title=title, facts=t(", ").join(facts),
                 site=site_name) if facts else t("{label}: {title}. {site}", label=label, title=title, site=site_name))
        return page, Card(language.prefix + urls.card(page), label, title, facts, site_name, alt)

    kinds = language.kind_labels
    for entry in project.entries:
        yield card(urls.event(entry.id), kinds[entry.kind], entry.title, (entry.date.human(), rel.company(entry).name))
    for company in project.companies.values():
        yield card(urls.company(company.key), t("Company"), company.name,
                   (_count(len(rel.by_company.get(company.key, [])), t),))
    for theme in project.themes.values():
        yield card(urls.chapter(theme.key), t("Chapter"), theme.title,
                   (_count(len(rel.by_theme.get(theme.key, [])), t),))
    copies = sum(1 for entry in project.entries if entry.copy_of)
    years = t("{first}–{last}", first=project.entries[0].date.year,
              last=project.entries[-1].date.year) if project.entries else ""
    facts = (_count(len(project.entries), t), _count(copies, t, "{n} copy", "{n} copies"), years)
    yield card(urls.HOME, t("Timeline"), t("Who copied whom, and what became of the copies"),
               tuple(fact for fact in facts if fact))


def draw(card: Card) -> bytes:
    """The card as PNG bytes."""
    image = _blank().copy()
    pen = ImageDraw.Draw(image)
    pen.text((MARGIN, 64), card.label.upper(), font=card_font(28), fill=90)
    size, lines = title_lines(card.title)
    y = 120.0
    for line in lines:
        pen.text((MARGIN, y), line, font=card_font(size), fill=INK)
        y += size * 1.28
    facts = _fit(" · ".join(card.facts), card_font(32), WIDTH - 2 * MARGIN)
    pen.text((MARGIN, max(y + 28, 430)), facts, font=card_font(32), fill=100)
    pen.rectangle((MARGIN, 540, MARGIN + 20, 560), fill=255)
    pen.text((MARGIN + 36, 532), card.site_name, font=card_font(30), fill=INK)
    image.putpalette(_palette())  # drawn in "L", saved as "P": the palette gives the colours
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # level 1: as small within a few per cent, several times faster
    return out.getvalue()


@cache
def _blank() -> Image.Image:
    """The background with the accent bar, in the one channel text is drawn in (antialiased)."""
    image = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(image).rectangle((0, 0, 23, HEIGHT), fill=255)
    return image


@cache
def _palette() -> list[int]:
    """Values 0-INK from the background to the text colour; 255 the accent."""
    palette: list[int] = []
    for value in range(256):
        colour = ACCENT if value == 255 else tuple(
            round(b + (t - b) * min(value, INK) / INK) for b, t in zip(BACKGROUND, TEXT, strict=True))
        palette += colour
    return palette


@cache
def card_font(size: int) -> ImageFont.FreeTypeFont:
    """The cards' typeface at `size` px (loaded once per size)."""
    return ImageFont.truetype(str(FONT_FILE), size, index=FONT_INDEX)


def title_lines(title: str) -> tuple[int, list[str]]:
    """The largest title size at which the whole title fits; else the smallest, cut with "…"."""
    width = WIDTH - 2 * MARGIN
    for size, most in TITLE_SIZES:
        lines = [_fit(line, card_font(size), width) for line in _wrap(title, card_font(size), width)]
        if len(lines) <= most:
            return size, lines
    lines = lines[:most]
    lines[-1] = _fit(lines[-1] + "…", card_font(size), width)
    return size, lines


# A line may break after a space, or between two Chinese (or Japanese) characters.
_BREAKS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+\s*|\s+")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines = [""]
    for piece in _BREAKS.findall(" ".join(text.split())):
        if lines[-1] and font.getlength((lines[-1] + piece).rstrip()) > width:
            lines.append(piece.lstrip())
        else:
            lines[-1] += piece
    return [line.rstrip() for line in lines if line.strip()]


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """`text`, cut with "…" if it is wider than `width`."""
    if font.getlength(text) <= width:
        return text
    while text and font.getlength(text.rstrip("…") + "…") > width:
        text = text.rstrip("…")[:-1]
    return text.rstrip("…").rstrip() + "…"


def _count(n: int, t: Callable[..., str], one: str = "{n} event", many: str = "{n} events") -> str:
    return t(one if n == 1 else many, n=f"{n:,}")
