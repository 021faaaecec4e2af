"""Charts drawn at build time as inline SVG: no chart library, nothing loaded from another host.

This module does the arithmetic of layout (where each bar, gridline and label goes) and nothing
else; the markup is templates/charts/chart.svg.j2, rendered with autoescaping on, so every label
is XML-escaped even though today's labels are the project's own words, years and country codes.
Every word a chart prints comes through the language's `t` (site/language.py), so the Chinese
stats page draws Chinese charts; labels keep to the room CJK_WIDTH gives a Chinese character.
Colours are CSS classes (overrides/assets/stylesheets/charts.css) that resolve through custom
properties, so one drawing reads in Material's light and dark (slate) schemes.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from generator.model.entries import KINDS
from generator.model.figures import Bucket, Stats
from generator.site.language import ENGLISH, Language

Translate = Callable[..., str]  # Language.t: an interface string in the page's language

WIDTH = 720
COLUMN_HEIGHT = 300
# The phone's drawing: at 390 px a page's column is about 358 px wide, so 12-unit text stays
# above 11 CSS px. charts.css shows one drawing or the other by the width of the screen.
NARROW_WIDTH = 340
COLOUR_SLOTS = 9  # charts.css defines cv-series-1 .. cv-series-9
# The advance of a 12-unit label's character: a generous average for Latin text, a full em for a
# Chinese character (about twice as wide).
CHAR_WIDTH, CJK_WIDTH = 6.8, 12.0


@dataclass(frozen=True)
class Series:
    """One stacked layer of a column chart: a value per category, drawn in colour `slot`."""

    name: str
    values: tuple[int, ...]
    slot: int


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart; `css` picks its colour (or the dashed 'uncertain' style)."""

    label: str
    value: int
    css: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    tip: str = ""  # a bar's tooltip; a stacked layer has none (Drawing.layers)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Drawing:
    """Everything the template needs, already positioned in a WIDTH-wide viewBox."""

    id: str
    title: str
    description: str
    caption: str
    height: float
    lines: tuple[Line, ...]
    rects: tuple[Rect, ...]
    texts: tuple[Text, ...]
    legend: tuple[tuple[str, int], ...] = ()
    width: int = WIDTH
    stacked: tuple[Rect, ...] = ()  # a stacked chart's layers, drawn as `layers`; `rects` are then ()

    @property
    def layers(self) -> list[tuple[str, str]]:
        """A stacked chart's series, each as (css class, path data of all its rectangles), in the
        order the series are stacked.

        One <path> a series, without a tooltip a layer: the stats page's two stacked charts had a
        <rect> and a <title> for each layer of each year, twice (wide and narrow), which the
        browser styled again each time the theme's script changed the page on load (most of the
        page's blocking time on a phone) and which weighed 3 KB gzipped. The numbers of each
        layer are in the table under the chart, and each column's total is printed on it."""
        paths: dict[str, list[str]] = {}
        for r in self.stacked:
            paths.setdefault(r.css, []).append(
                f"M{_printed(r.x)} {_printed(r.y)}h{_printed(r.width)}v{_printed(r.height)}h-{_printed(r.width)}z")
        return [(css, "".join(parts)) for css, parts in sorted(paths.items(), key=lambda item: _slot(item[0]))]
    narrow: Drawing | None = None  # the same numbers laid out for a phone


def nice_step(maximum: int, most_steps: int = 5) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 ... that divides 0..maximum into at most `most_steps`."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if math.ceil(maximum / step) <= most_steps:
                return step
        magnitude *= 10


def column_chart(
    chart_id: str, title: str, description: str, caption: str, categories: Sequence[str], series: Sequence[Series],
) -> Drawing:
    """Stacked columns, one per category (a year), one layer per series; totals on top."""
    left, right, top, bottom = 40.0, 8.0, 22.0, 30.0
    baseline = COLUMN_HEIGHT - bottom
    band = (WIDTH - left - right) / max(len(categories), 1)
    bar_width = min(band * 0.7, 48.0)
    totals = [sum(s.values[index] for s in series) for index in range(len(categories))]
    step = nice_step(max(totals, default=0))
    axis_max = step * max(math.ceil(max(totals, default=0) / step), 1)
    scale = (baseline - top) / axis_max
    lines = [Line(left, baseline, WIDTH - right, baseline, "cv-chart__axis")]
    texts = []
    for value in range(0, axis_max + 1, step):
        y = rounded(baseline - value * scale)
        if value:
            lines.append(Line(left, y, WIDTH - right, y, "cv-chart__grid"))
        texts.append(Text(left - 6, y + 4, str(value), "cv-chart__tick", "end"))
    layers = []
    label_every = math.ceil(34 / band)  # a four-digit year needs about 34 units
    for index, category in enumerate(categories):
        x = rounded(left + index * band + (band - bar_width) / 2)
        centre = rounded(x + bar_width / 2)
        height_so_far = 0.0
        for layer in series:
            value = layer.values[index]
            if value:
                height = value * scale
                layers.append(Rect(x, rounded(baseline - height_so_far - height), rounded(bar_width), rounded(height),
                                   f"cv-series-{layer.slot}"))
                height_so_far += height
        if totals[index]:
            texts.append(Text(centre, rounded(baseline - height_so_far - 5), str(totals[index]), "cv-chart__value"))
        if index % label_every == 0:
            texts.append(Text(centre, baseline + 17, category, "cv-chart__tick"))
    legend = tuple((layer.name, layer.slot) for layer in series) if len(series) > 1 else ()
    return Drawing(chart_id, title, description, caption, COLUMN_HEIGHT, tuple(lines), (), tuple(texts), legend,
                   stacked=tuple(layers))


def bar_chart(chart_id: str, title: str, description: str, caption: str, bars: Sequence[Bar],
              t: Translate = ENGLISH.t) -> Drawing:
    """Horizontal bars with their labels on the left and their values at their ends; the labels'
    column widens past its usual 190 units when a label needs it."""
    value_room, row, bar_height, margin = 40.0, 30.0, 20.0, 6.0
    label_width = max(190.0, rounded(max((text_width(bar.label) for bar in bars), default=0) + 8))
    height = margin * 2 + row * len(bars)
    scale = (WIDTH - label_width - value_room) / (max((bar.value for bar in bars), default=0) or 1)
    lines = [Line(label_width, margin, label_width, height - margin, "cv-chart__axis")]
    rects, texts = [], []
    for index, bar in enumerate(bars):
        y = margin + index * row + (row - bar_height) / 2
        text_y = rounded(y + bar_height / 2 + 4)
        length = rounded(bar.value * scale)
        texts.append(Text(label_width - 8, text_y, bar.label, "cv-chart__label", "end"))
        if bar.value:
            rects.append(Rect(label_width, rounded(y), length, bar_height, bar.css, f"{bar.label}{t(': ')}{bar.value}"))
        texts.append(Text(rounded(label_width + length + 6), text_y, str(bar.value), "cv-chart__value", "start"))
    return Drawing(chart_id, title, description, caption, rounded(height), tuple(lines), tuple(rects), tuple(texts))


def narrow_columns(chart_id: str, title: str, description: str, categories: Sequence[str],
                   series: Sequence[Series]) -> Drawing:
    """A column chart for a phone: a row per category (year), its layers side by side, so the
    labels keep their size however many years there are (the chart grows taller instead)."""
    label, value_room, row, bar_height, margin = 44.0, 34.0, 22.0, 14.0, 4.0
    totals = [sum(s.values[index] for s in series) for index in range(len(categories))]
    scale = (NARROW_WIDTH - label - value_room) / (max(totals, default=0) or 1)
    height = margin * 2 + row * len(categories)
    lines = [Line(label, margin, label, rounded(height - margin), "cv-chart__axis")]
    layers, texts = [], []
    for index, category in enumerate(categories):
        y = margin + index * row + (row - bar_height) / 2
        text_y = rounded(y + bar_height / 2 + 4)
        texts.append(Text(label - 6, text_y, category, "cv-chart__tick", "end"))
        length_so_far = 0.0
        for layer in series:
            value = layer.values[index]
            if value:
                length = value * scale
                layers.append(Rect(rounded(label + length_so_far), rounded(y), rounded(length), bar_height,
                                   f"cv-series-{layer.slot}"))
                length_so_far += length
        if totals[index]:
            texts.append(Text(rounded(label + length_so_far + 5), text_y, str(totals[index]), "cv-chart__value", "start"))
    return Drawing(f"{chart_id}-narrow", title, description, "", rounded(height), tuple(lines), (), tuple(texts),
                   width=NARROW_WIDTH, stacked=tuple(layers))


def narrow_bars(chart_id: str, title: str, description: str, bars: Sequence[Bar],
                t: Translate = ENGLISH.t) -> Drawing:
    """A bar chart for a phone: each label on its own line above its bar, at full width."""
    value_room, row, bar_height, margin = 34.0, 40.0, 14.0, 4.0
    height = margin * 2 + row * len(bars)
    scale = (NARROW_WIDTH - value_room) / (max((bar.value for bar in bars), default=0) or 1)
    rects, texts = [], []
    for index, bar in enumerate(bars):
        top = margin + index * row
        texts.append(Text(0, rounded(top + 13), bar.label, "cv-chart__label", "start"))
        y = top + 19
        length = rounded(bar.value * scale)
        if bar.value:
            rects.append(Rect(0, rounded(y), length, bar_height, bar.css, f"{bar.label}{t(': ')}{bar.value}"))
        texts.append(Text(rounded(length + 5), rounded(y + bar_height / 2 + 4), str(bar.value), "cv-chart__value", "start"))
    return Drawing(f"{chart_id}-narrow", title, description, "", rounded(height), (), tuple(rects), tuple(texts),
                   width=NARROW_WIDTH)


def text_width(text: str) -> float:
    """The room a 12-unit label takes, in viewBox units (CHAR_WIDTH, CJK_WIDTH)."""
    return sum(CJK_WIDTH if unicodedata.east_asian_width(char) in "WF" else CHAR_WIDTH for char in text)


def with_narrow(drawing: Drawing, narrow: Drawing) -> Drawing:
    return dataclasses.replace(drawing, narrow=narrow)


def render_chart(drawing: Drawing) -> str:
    """The <figure> with the SVG and a visible caption, as one raw-HTML block without blank lines."""
    return drawing_env().get_template("chart.svg.j2").render(chart=drawing).strip() + "\n"


def stats_page_charts(stats: Stats, language: Language = ENGLISH) -> dict[str, str]:
    """The five charts of the stats page in `language`, keyed by the name stats.md.j2 places them under."""
    t = language.t
    years = [str(year) for year in stats.years]
    kinds, statuses = language.kind_labels, language.status_labels
    kind_series = [
        Series(kinds[kind], tuple(stats.kinds_by_year[year][kind] for year in stats.years), KINDS.index(kind) + 1)
        for kind in stats.kinds
    ]
    direction_series = [
        Series(total.direction, tuple(stats.directions_by_year[year][total.direction] for year in stats.years),
               index % COLOUR_SLOTS + 1)
        for index, total in enumerate(stats.directions)
    ]
    busiest = max(stats.years, key=lambda year: sum(stats.kinds_by_year[year].values()), default=None)
    span = t("from {first} to {last}", first=years[0], last=years[-1]) if years else t("(no events yet)")
    lags, lifespans = _bucket_bars(stats.lags.buckets(), t), _bucket_bars(stats.lifespans.buckets(), t)
    outcomes = [Bar(statuses[status], count, f"cv-status-{status}") for status, count in stats.outcomes]
    drawings = {
        "kinds": column_chart(
            "chart-kinds", t("Events per year, by kind"),
            t("Stacked columns, one per year {span}, one colour per kind of event.", span=span)
            + (t(" The busiest year is {year} with {n} events.", year=busiest,
                 n=sum(stats.kinds_by_year[busiest].values())) if busiest is not None else ""),
            t("Events per year, by kind. Each column is a year; its layers are the kinds of event."),
            years, kind_series,
        ),
        "directions": column_chart(
            "chart-directions", t("Copies per year, by direction"),
            t("Stacked columns, one per year {span}, one colour per direction of copying. Totals: {totals}.",
              span=span, totals=_listing(((total.direction, total.copies) for total in stats.directions), t)),
            t("Copies per year, by direction (country of the original → country of the copier)."),
            years, direction_series,
        ),
        "lags": bar_chart(
            "chart-lags", t("How long copying took"),
            t("Bars counting copies by the time from the original's launch to the copy's: {counts}.",
              counts=_listing(((bar.label, bar.value) for bar in lags), t)),
            t("Copies by the time from the original's launch to the copy's. The dashed bar counts the copies left out of the figures because a date is known only to the year."),  # noqa: E501
            lags, t,
        ),
        "outcomes": bar_chart(
            "chart-outcomes", t("What became of the copies"),
            t("Bars counting copies by their fate: {counts}.",
              counts=_listing(((bar.label, bar.value) for bar in outcomes), t)),
            t("What became of the copies."),
            outcomes, t,
        ),
        "lifespans": bar_chart(
            "chart-lifespans", t("How long the shut-down copies lived"),
            t("Bars counting shut-down copies by the time from launch to shutdown: {counts}.",
              counts=_listing(((bar.label, bar.value) for bar in lifespans), t)),
            t("Shut-down copies by how long they lived, from launch to shutdown. The dashed bar counts the copies left out of the figures because a date is known only to the year."),  # noqa: E501
            lifespans, t,
        ),
    }
    narrow = {
        "kinds": narrow_columns("chart-kinds", drawings["kinds"].title, drawings["kinds"].description,
                                years, kind_series),
        "directions": narrow_columns("chart-directions", drawings["directions"].title,
                                     drawings["directions"].description, years, direction_series),
        "lags": narrow_bars("chart-lags", drawings["lags"].title, drawings["lags"].description, lags, t),
        "outcomes": narrow_bars("chart-outcomes", drawings["outcomes"].title, drawings["outcomes"].description,
                                outcomes, t),
        "lifespans": narrow_bars("chart-lifespans", drawings["lifespans"].title, drawings["lifespans"].description,
                                 lifespans, t),
    }
    return {name: render_chart(with_narrow(drawing, narrow[name])) for name, drawing in drawings.items()}


def _bucket_bars(buckets: Sequence[Bucket[Any]], t: Translate) -> list[Bar]:
    return [
        Bar(t(bucket.label), len(bucket.items), "cv-chart__bar--uncertain" if bucket.year_only else "cv-series-1")
        for bucket in buckets
    ]


def _listing(pairs: Iterable[tuple[str, int]], t: Translate) -> str:
    return t("; ").join(f"{label}{t(': ')}{count}" for label, count in pairs)


def rounded(value: float) -> float:
    """A coordinate as the drawings print it: to a tenth of a pixel."""
    return round(value, 1)


def _slot(css: str) -> int:
    """The colour slot of a series class (`cv-series-3` -> 3): the stacking order."""
    return int(css.rsplit("-", 1)[1])


def _printed(value: Any) -> Any:
    """A whole number printed without `.0` (22, not 22.0): thousands of coordinates on the stats
    page and in the home page's copy map."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


@cache
def drawing_env() -> jinja2.Environment:
    """The templates of the drawings (templates/charts/: the charts and the copy map)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates/charts"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # SVG and HTML: every title, name and label is escaped
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printed,
    )
