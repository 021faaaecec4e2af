"""The copy map: each copied original in a lane, its copies at their dates, drawn at build time.

Time runs left to right. A lane starts with the original; under it, one row per copy, where a
line runs from the original's date to the copy's, so the line's length is the copy lag. A copy's
mark says what became of it (its shape) and which way the copying went (its colour); every mark
and its label are one link to the event's page, with a <title> that says all of it in words, and
a table with the same facts follows the drawing.

The drawing comes in two variants of one layout: a wide one, labels beside the rows, and a narrow
one (phones), labels above them. Each is drawn at its own size, never scaled, so its text keeps
the size the stylesheet gives it (overrides/assets/stylesheets/copymap.css shows one variant by the
screen's width). Like charts.py, this module only positions things: the markup is
templates/charts/copymap.html.j2, autoescaped, and colours are classes, never style attributes.
Its words come through the page's language (`t`); dates and lags are worded in it already, as
render.py draws each tree's maps inside `dates_in(language)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
import re
import unicodedata

from markupsafe import Markup, escape

from generator.model.entries import STATUS_LABELS, Entry
from generator.model.relations import CopyLink, Relations
from generator.site import urls
from generator.site.charts import Translate, drawing_env, nice_step, rounded
from generator.site.language import ENGLISH, Language

ROW_LIMIT = 120  # copies drawn on one page: past this, the most-copied originals only
HOME_ROW_LIMIT = 32  # on the home page, which a first visit loads whole (the bound is 100 KiB with gzip)
DIRECTIONS = ("US→US", "CN→US", "US→CN")  # each has its colour; any other shares one
CHAR_WIDTH = 6.8  # a generous average advance of a 12 px sans-serif character, in px

CURRENT = " cv-copymap__link--current"  # the class of the page's own mark
# A family's map is the same on each of its event pages but for the page's own mark (its class,
# and its link, "./") and the caption (an original's page and a copy's word it differently): it is
# drawn once with a slot for each mark's link and class and for the caption, which `on_event_page`
# fills. Slots are control characters, which no checked entry holds.
_HREF_SLOT = re.compile("\x1e([^\x1e]+)\x1e")
_CURRENT_SLOT = re.compile("\x1f([^\x1f]+)\x1f")
_CAPTION_SLOT = "\x1d"

Href = Callable[[Entry], str]  # an event's address, relative to the page the map is on
Current = Callable[[Entry], str]  # the class that marks the page's own event, or ""
Scale = Callable[[date], float]  # a day's x


@dataclass(frozen=True)
class Family:
    """An original and the copies of it that a page shows (all of them, or a chapter's)."""

    original: Entry
    links: tuple[CopyLink, ...]


@dataclass(frozen=True)
class Variant:
    """The measures of one variant of the drawing, in px (it is drawn at this size)."""

    name: str
    width: int
    label_width: float  # 0: the label sits above its row's track
    row: float
    header: float
    most_ticks: int

    @property
    def track(self) -> tuple[float, float]:
        return (self.label_width + 14 if self.label_width else 8.0), self.width - 8.0

    @property
    def label_chars(self) -> int:
        return int((self.label_width or self.width) / CHAR_WIDTH)


WIDE = Variant("wide", 660, 270.0, 22.0, 26.0, 7)  # fits the column from 768 px up, with sidebars too
NARROW = Variant("narrow", 340, 0.0, 34.0, 34.0, 4)


@dataclass(frozen=True)
class Glyph:
    """A mark's shape at its centre: a square for an original; for a copy, what became of it."""

    shape: str  # original, active, shut-down, merged, unknown
    x: float
    y: float
    size: float = 6.0

    @property
    def corner(self) -> tuple[float, float]:
        return rounded(self.x - self.size + 1), rounded(self.y - self.size + 1)

    @property
    def points(self) -> str:
        """The polygon of a shut-down copy (a cross) or a merged one (a diamond)."""
        x, y, r = self.x, self.y, self.size
        if self.shape == "merged":
            return _points((x, y - r), (x + r, y), (x, y + r), (x - r, y))
        a = r / 3  # a cross: arms two thirds of r wide
        return _points((x - a, y - r), (x + a, y - r), (x + a, y - a), (x + r, y - a), (x + r, y + a), (x + a, y + a),
                       (x + a, y + r), (x - a, y + r), (x - a, y + a), (x - r, y + a), (x - r, y - a), (x - a, y - a))


@dataclass(frozen=True)
class Mark:
    """One event in a drawing: its link, its words, its glyph and where they go."""

    href: str
    tip: str
    label: str
    glyph: Glyph
    css: str  # the direction's colour class; "" for an original
    current: str  # CURRENT on the page's own event, else ""
    label_y: float  # its label starts at the left edge
    line_from: float | None  # the original's x, for a copy's lag line
    approximate: bool = False  # the lag is known only to the year: a dashed line


@dataclass(frozen=True)
class Lane:
    original: Mark
    copies: tuple[Mark, ...]

    @property
    def marks(self) -> tuple[Mark, ...]:
        return (self.original, *self.copies)

    @property
    def stem(self) -> tuple[float, float, float] | None:
        """The vertical line from the original down to its last copy's row: (x, top, bottom)."""
        return (self.original.glyph.x, self.original.glyph.y, self.copies[-1].glyph.y) if self.copies else None


@dataclass(frozen=True)
class Drawing:
    variant: Variant
    height: float
    ticks: tuple[tuple[float, str, str], ...]  # (x, year, text-anchor)
    axis_y: float
    lanes: tuple[Lane, ...]


@dataclass(frozen=True)
class TableRow:
    original: Entry
    original_href: str
    copy: Entry
    copy_href: str
    copier: str
    lag: str
    direction: str
    outcome: str


def all_families(rel: Relations) -> list[Family]:
    """Every copied original with all its copies, the most-copied first (then the earliest)."""
    families = [Family(rel.by_id[key], tuple(links)) for key, links in rel.copies_of.items()]
    return sorted(families, key=lambda f: (-len(f.links), f.original.sort_key))


def chapter_families(rel: Relations, theme: str) -> list[Family]:
    """A chapter's part: an original in the chapter with all its copies, or another original
    with those of its copies that are in the chapter."""
    chosen = []
    for family in all_families(rel):
        links = family.links if theme in family.original.themes else tuple(
            link for link in family.links if theme in link.copy.themes)
        if links:
            chosen.append(Family(family.original, links))
    return chosen


def event_families(rel: Relations, entry: Entry) -> list[Family]:
    """An original's own family, and for a copy the family of each original it copied."""
    keys = [entry.id] if entry.id in rel.copies_of else []
    keys += [link.original.id for link in rel.originals_of.get(entry.id, []) if link.original.id not in keys]
    return [Family(rel.by_id[key], tuple(rel.copies_of[key])) for key in keys]


def within_limit(families: Sequence[Family], limit: int = ROW_LIMIT) -> list[Family]:
    """The first families (most-copied first) whose copies fit in `limit` rows; at least one."""
    chosen: list[Family] = []
    rows = 0
    for family in families:
        if chosen and rows + len(family.links) > limit:
            break
        chosen.append(family)
        rows += len(family.links)
    return chosen


def parts(families: Sequence[Family], limit: int = ROW_LIMIT) -> list[list[Family]]:
    """All the families, in order, cut into parts of at most `limit` rows (a part has at least one
    family): the pages of the whole copy map."""
    cut: list[list[Family]] = []
    rest = list(families)
    while rest:
        cut.append(within_limit(rest, limit))
        rest = rest[len(cut[-1]):]
    return cut


def copy_map(
    families: Sequence[Family], rel: Relations, *, page: str | None, map_id: str, caption: str | None,
    directory_urls: bool = True, total: int | None = None, rest: str = "?kind=copy",
    whole_map: str | None = None, language: Language = ENGLISH,
) -> str:
    """The figure (both variants, the legend and the table) in `language` as one raw-HTML block,
    or "" when there is nothing to draw. `total` is how many families there are when `families`
    is a part; `rest` the timeline's filter that lists the copies of the rest, or `whole_map` the
    page that draws them all (urls.COPY_MAP). Without a `page` (and then without a `caption`), the
    map is drawn for any event page: `on_event_page` makes it one page's."""
    if not families:
        return ""
    t = language.t

    def href(entry: Entry) -> str:
        return urls.href(urls.event(entry.id), page, directory_urls) if page else f"\x1e{entry.id}\x1e"

    def current(entry: Entry) -> str:
        return "" if page else f"\x1f{entry.id}\x1f"

    directions = {link.direction for family in families for link in family.links}
    precisions = {link.lag_precision for family in families for link in family.links}
    shapes = {_shape(link.copy) for family in families for link in family.links}
    copies = sum(len(f.links) for f in families)
    left_out = (total - len(families)) if total else 0
    context = {
        "t": t,
        "id": map_id,
        "caption": _CAPTION_SLOT if page is None else caption,
        "note": _note(precisions, t),
        "title": t("Who copied whom: {originals} and {copies}",
                   originals=t("{n} original" if len(families) == 1 else "{n} originals", n=len(families)),
                   copies=t("{n} copy" if copies == 1 else "{n} copies", n=copies)),
        "drawings": [layout(families, rel, variant, href, current, t) for variant in (WIDE, NARROW)],
        "directions": [(d, _direction_css(d)) for d in (*DIRECTIONS, "other")
                       if d in directions or (d == "other" and directions - set(DIRECTIONS))],
        "shapes": [(Glyph(shape, 7, 7, 5), t(label)) for shape, label in SHAPE_LABELS.items()
                   if shape == "original" or shape in shapes],
        "rows": [_table_row(link, rel, href, t) for family in families for link in family.links],
        "year_only": "year" in precisions,
        "more": None if page is None else (
            _whole(left_out, total or 0, urls.href(whole_map, page, directory_urls), t) if whole_map
            else _more(left_out, urls.href(urls.TIMELINE, page, directory_urls) + rest, t)),
    }
    return drawing_env().get_template("copymap.html.j2").render(**context).strip() + "\n"


def on_event_page(drawing: str, entry_id: str, caption: str, directory_urls: bool = True) -> str:
    """A map drawn for any event page (`copy_map` without a page) as the page of `entry_id` shows
    it: every link relative to that page, the page's own mark set apart, under `caption`."""
    page = urls.event(entry_id)
    hrefs: dict[str, str] = {}

    def href(match: re.Match[str]) -> str:
        target = match.group(1)
        if target not in hrefs:
            hrefs[target] = urls.href(urls.event(target), page, directory_urls)
        return hrefs[target]

    drawing = _HREF_SLOT.sub(href, drawing).replace(_CAPTION_SLOT, escape(caption), 1)
    return _CURRENT_SLOT.sub(lambda match: CURRENT if match.group(1) == entry_id else "", drawing)


def layout(families: Iterable[Family], rel: Relations, variant: Variant, href: Href, current: Current,
           t: Translate = ENGLISH.t) -> Drawing:
    """Every lane of one variant positioned: an axis of years on top, then lane after lane."""
    families = list(families)
    dates = [d for f in families for d in (f.original.date.first_day, *(link.copy.date.first_day for link in f.links))]
    first, last = min(dates).year, max(dates).year + 1
    step = nice_step(max(last - first, 1), variant.most_ticks)
    first -= first % step
    left, right = variant.track

    def x(day: date) -> float:
        fraction = (day.toordinal() - date(first, 1, 1).toordinal()) / 365.25
        return rounded(left + fraction / (last - first) * (right - left))

    ticks = tuple((tick, str(year), "start" if tick < 16 else "end" if tick > variant.width - 16 else "middle")
                  for year in range(first, last + 1, step) for tick in [x(date(year, 1, 1))])
    axis_y = 18.0
    y = axis_y + 12
    lanes = []
    for family in families:
        original = _mark(family.original, rel, variant, href, current, x, y, variant.header, None, "original", "", t)
        y += variant.header
        copies = []
        for link in family.links:
            copies.append(_mark(link.copy, rel, variant, href, current, x, y, variant.row, link, _shape(link.copy),
                                _direction_css(link.direction), t))
            y += variant.row
        lanes.append(Lane(original, tuple(copies)))
        y += 8
    return Drawing(variant, rounded(y), ticks, axis_y, tuple(lanes))


def _mark(
    entry: Entry, rel: Relations, variant: Variant, href: Href, current: Current, x: Scale, top: float,
    height: float, link: CopyLink | None, shape: str, css: str, t: Translate,
) -> Mark:
    company = rel.company(entry).name
    name = entry.product or entry.title
    when = entry.date.human()
    if link is None:
        suffix = f" · {entry.date.year}"
        tip = t("{title}: the original ({company}, {date})", title=entry.title, company=company, date=when)
    else:
        suffix = f" · {_short_lag(link, t)}"
        tip = t("{title} ({company}, {date}): a copy of {original}, {lag} later, {direction}; {outcome}",
                title=entry.title, company=company, date=when, original=link.original.title, lag=link.lag,
                direction=link.direction, outcome=_outcome(entry, t).lower())
    label = _label(name, company, suffix, variant.label_chars)
    if variant.label_width:
        centre, label_y = top + height / 2, top + height / 2 + 4
    else:
        centre, label_y = top + height - 9, top + 13
    day = entry.date.first_day
    return Mark(
        href=href(entry), tip=tip, label=label, glyph=Glyph(shape, x(day), rounded(centre)), css=css,
        current=current(entry), label_y=rounded(label_y),
        line_from=x(link.original.date.first_day) if link else None,
        approximate=bool(link and not link.span.measurable),
    )


def _table_row(link: CopyLink, rel: Relations, href: Href, t: Translate) -> TableRow:
    copy = link.copy
    return TableRow(
        original=link.original, original_href=href(link.original), copy=copy, copy_href=href(copy),
        copier=rel.company(copy).name, lag=link.lag, direction=link.direction, outcome=_outcome(copy, t),
    )


def _outcome(copy: Entry, t: Translate) -> str:
    return t(STATUS_LABELS[copy.outcome.status] if copy.outcome else STATUS_LABELS["unknown"])


def _note(precisions: set[str], t: Translate) -> str:
    """The caption's footnote on lags measured from vague dates, or "". It follows the caption on
    a line of its own after a space in English; Chinese runs its sentences on (t(" ") is "")."""
    if not precisions & {"month", "year"}:
        return ""
    gap = t(" ")
    note = t("A lag marked “~” is measured from a date known only to the month") + (
        t("; one marked “≈” (a dashed line), from a date known only to the year") if "year" in precisions else "")
    return ("\n" + gap if gap else "") + note + t(".")


def _more(left_out: int, rest_href: str, t: Translate) -> Markup | None:
    """The sentence under a map that leaves families out, with its link to the timeline's copies."""
    if not left_out:
        return None
    link = Markup('<a href="{}">{}</a>').format(rest_href, t("copies on the timeline"))
    # The sentence is our own text (zh.json); only the link's address and the count are filled in.
    return Markup(t("The most-copied originals are drawn here; {n} other, each drawn with its copies on its own page, is among the {link}." if left_out == 1 else "The most-copied originals are drawn here; {n} others, each drawn with its copies on its own page, are among the {link}.", n=left_out, link=link))  # noqa: E501


def _whole(left_out: int, total: int, whole_href: str, t: Translate) -> Markup | None:
    """The sentence under a summary map, with its link to the whole map."""
    if not left_out:
        return None
    link = Markup('<a href="{}">{}</a>').format(whole_href, t("whole copy map"))
    # Our own text (zh.json); only the link's address and the counts are filled in.
    return Markup(t("The most-copied originals are drawn here; the {link} draws all {total} of them.", link=link,
                    total=total))


SHAPE_LABELS = {
    "original": "Original",
    "active": STATUS_LABELS["active"],
    "shut-down": STATUS_LABELS["shut-down"],
    "merged": STATUS_LABELS["merged"],
    "unknown": "Fate unknown",
}


def _shape(copy: Entry) -> str:
    return copy.outcome.status if copy.outcome else "unknown"


def _direction_css(direction: str) -> str:
    if direction not in DIRECTIONS:
        return "cv-dir-other"
    return "cv-dir-" + direction.lower().replace("→", "-")


def _short_lag(link: CopyLink, t: Translate) -> str:
    """The lag in a few characters: `8 mo`, `2.8 yr` (8个月, 2.8年); `~` when a date is known only
    to the month, `≈` only to the year."""
    days = link.lag_days
    text = t("{n} mo", n=round(days / 30.44)) if days < 365 else t("{n} yr", n=f"{days / 365.25:.1f}")
    return {"day": "", "month": "~", "year": "≈"}[link.lag_precision] + text


def _label(name: str, company: str, suffix: str, chars: int) -> str:
    """`name · company · suffix` in the room of `chars` Latin characters: the name is shortened first."""
    tail = f" · {company}{suffix}"
    if _width(name + tail) <= chars or chars - _width(tail) < 12:
        return _fit(f"{name} · {company}", chars - _width(suffix)) + suffix
    return _fit(name, chars - _width(tail)) + tail


def _width(text: str) -> int:
    """Room taken, in Latin characters: a Chinese character is about two."""
    return sum(map(_char_width, text))


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fit(text: str, chars: int) -> str:
    """`text`, or its longest start that leaves room for "…" within `chars`, and the "…"."""
    if _width(text) <= chars:
        return text
    end, used = 0, 0
    for end, char in enumerate(text):
        used += _char_width(char)
        if used > chars - 1:
            break
    return text[:end].rstrip() + "…"


def _points(*pairs: tuple[float, float]) -> str:
    return " ".join(f"{rounded(px)},{rounded(py)}" for px, py in pairs)
