"""Build-time SVG charts (generator/site/charts.py): well-formed, accessible, escaped, proportional,
kept by the sanitiser, and saying the same as the tables that follow them on the stats page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import rendered_site
from generator.site.charts import (
    NARROW_WIDTH, Bar, Series, bar_chart, column_chart, narrow_bars, narrow_columns, nice_step, render_chart,
    stats_page_charts, text_width, with_narrow,
)
from generator.site.language import chinese, dates_in, localize
from generator.model.relations import Relations
from generator.site.sanitize import sanitize_html
from generator.model.figures import Stats
from .test_figures import make_project


def parse(figure: str) -> ET.Element:
    """The <figure> as XML: it must be well-formed for that to work."""
    return ET.fromstring(figure)


def tips(figure: ET.Element) -> list[str]:
    """The tooltips of a bar chart's bars."""
    return [rect.findtext("title") or "" for rect in figure.iter("rect")]


def column(series: list[Series], categories: tuple[str, ...] = ("2019", "2020", "2021")) -> str:
    return render_chart(column_chart("c", "Title & <more>", "Desc", "Caption", categories, series))


@pytest.mark.parametrize(
    ("maximum", "step"), [(0, 1), (5, 1), (6, 2), (10, 2), (11, 5), (25, 5), (26, 10), (100, 20), (101, 50)]
)
def test_nice_step(maximum: int, step: int) -> None:
    assert nice_step(maximum) == step


def test_a_chart_is_a_figure_with_a_labelled_svg_and_a_visible_caption() -> None:
    figure = parse(column([Series("Copy", (1, 0, 3), 2), Series("Original", (2, 1, 0), 1)]))
    assert figure.tag == "figure" and figure.get("id") == "c"
    assert figure.findtext("figcaption", "").startswith("Caption")
    svg = figure.find("svg")
    assert svg is not None and svg.get("role") == "img" and svg.get("viewBox") == "0 0 720 300"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find("title").get("id") == "c-title" and svg.findtext("title") == "Title & <more>"  # type: ignore[union-attr]
    assert svg.find("desc").get("id") == "c-desc" and svg.findtext("desc") == "Desc"  # type: ignore[union-attr]
    assert ["".join(li.itertext()) for li in figure.iter("li")] == ["Copy", "Original"]  # legend, more than one series


def test_labels_are_escaped() -> None:
    markup = column([Series('<script>alert("x")</script> & co', (1, 1, 1), 1), Series("B", (1, 0, 0), 2)])
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert any("<script>" in "".join(li.itertext()) for li in parse(markup).iter("li"))  # the text survives, as text


def layer_boxes(figure: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Each stacked layer (class, x, y, width, height), from the one path a series is drawn as."""
    return [(path.get("class", ""), *map(float, box))
            for path in figure.iter("path")
            for box in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-[\d.]+z", path.get("d", ""))]


def test_stacked_columns_are_proportional_and_omit_empty_layers() -> None:
    figure = parse(column([Series("A", (1, 0, 3), 1), Series("B", (2, 1, 0), 2)]))
    assert [path.get("class") for path in figure.iter("path")] == ["cv-series-1", "cv-series-2"]  # a path a series
    assert not list(figure.iter("rect")) and not [t for t in figure.iter("title") if t.get("id") is None]
    (_, a_x, a_y, _, a_2019), (_, _, _, _, a_2021), (_, b_x, b_y, _, b_2019), _ = layer_boxes(figure)
    assert a_2019 * 2 == pytest.approx(b_2019, abs=0.2)
    assert a_2019 * 3 == pytest.approx(a_2021, abs=0.2)
    # Layers stack: B in 2019 sits right on top of A.
    assert b_x == a_x and b_y + b_2019 == pytest.approx(a_y, abs=0.2)
    totals = [text.text for text in figure.iter("text") if text.get("class") == "cv-chart__value"]
    assert totals == ["3", "1", "3"]


def test_a_single_series_has_no_legend() -> None:
    assert parse(column([Series("A", (1, 2, 3), 1)])).find("figcaption/ul") is None


def test_bars_are_proportional_and_a_zero_bar_still_shows_its_value() -> None:
    drawing = bar_chart("b", "T", "D", "C", [Bar("Short", 2, "cv-series-1"), Bar("Long", 4, "cv-series-1"),
                                             Bar("None", 0, "cv-series-1")])
    figure = parse(render_chart(drawing))
    widths = [float(rect.get("width", 0)) for rect in figure.iter("rect")]
    assert len(widths) == 2 and widths[0] * 2 == pytest.approx(widths[1], abs=0.2)
    texts = [text.text for text in figure.iter("text")]
    assert texts == ["Short", "2", "Long", "4", "None", "0"]


def test_a_chart_has_no_blank_line_so_markdown_keeps_it_one_html_block() -> None:
    for markup in stats_page_charts(Stats(Relations(make_project()))).values():
        assert "\n\n" not in markup.strip()
        parse(markup)


def test_the_sanitiser_keeps_chart_markup_and_still_strips_what_is_dangerous() -> None:
    chart = stats_page_charts(Stats(Relations(make_project())))["kinds"]
    assert ET.tostring(parse(sanitize_html(chart))) == ET.tostring(parse(chart))
    hostile = (
        '<svg viewBox="0 0 1 1" onload="alert(1)"><script>alert(2)</script>'
        '<foreignObject><img src=x onerror="alert(3)"></foreignObject>'
        '<a href="javascript:alert(4)"><text>x</text></a><use href="#y"/>'
        '<animate attributeName="href" to="javascript:alert(5)"/><rect onclick="alert(6)" style="x"/>'
        '<path onmouseover="alert(7)" d="M0 0h1v1h-1z"/></svg>'
    )
    clean = sanitize_html(hostile)
    assert "alert" not in clean and "javascript" not in clean and "style" not in clean
    assert "<rect>" in clean.replace("</rect>", "") and '<svg viewBox="0 0 1 1">' in clean
    assert '<path d="M0 0h1v1h-1z">' in clean


# --- The stats page: each chart says what its table says -------------------------------------------

@pytest.fixture(scope="module")
def stats_page() -> str:
    return {a.path: a.content for a in rendered_site(make_project())}["stats.md"]


def figure_in(page: str, chart_id: str) -> ET.Element:
    match = re.search(rf'<figure class="cv-chart" id="{chart_id}">.*?</figure>', page, re.S)
    assert match, chart_id
    return parse(match.group(0))


def table_after(page: str, chart_id: str) -> list[list[str]]:
    """The rows of the first Markdown table after a chart, header first."""
    rest = page[page.index(f'id="{chart_id}"'):]
    lines = rest[rest.index("\n|"):].strip().split("\n\n")[0].splitlines()
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines if not line.startswith("|---")]


def collapsed_table_after(page: str, chart_id: str) -> list[list[str]]:
    """The rows of the year-by-year table collapsed under a chart (raw HTML), header first."""
    rest = page[page.index(f'id="{chart_id}"'):]
    match = re.search(r'\A.*?</figure>\n+<details class="cv-chart__table">\n<summary>The same numbers as a table</summary>\n'
                      r'(<table>.*?</table>)\n</details>', rest, re.S)
    assert match, f"no table collapsed right under {chart_id}"
    table = parse(match.group(1))
    return [[cell.text or "" for cell in row] for row in table.iter("tr")]


def totals_and_layers(figure: ET.Element, chart_id: str) -> tuple[list[str], int]:
    """A stacked chart's printed totals, in order, and its number of layers (wide drawing)."""
    wide = next(svg for svg in figure.iter("svg") if svg.get("aria-labelledby", "").startswith(f"{chart_id}-title"))
    totals = [text.text or "" for text in wide.iter("text") if text.get("class") == "cv-chart__value"]
    return totals, len(layer_boxes(wide))


def test_events_per_year_table_matches_its_chart(stats_page: str) -> None:
    header, *rows = collapsed_table_after(stats_page, "chart-kinds")
    assert header == ["Year", "Events", "By kind"]
    totals, layers = totals_and_layers(figure_in(stats_page, "chart-kinds"), "chart-kinds")
    assert totals == [row[1] for row in rows]
    assert layers == sum(len(kinds.split(", ")) for _, _, kinds in rows)
    assert [row[0] for row in rows] == ["2011", "2012", "2013", "2014", "2016", "2017", "2018", "2019", "2020"]
    assert ["2020", "2", "Copy 1, Shutdown 1"] in rows


def test_directions_table_matches_its_chart(stats_page: str) -> None:
    header, *rows = collapsed_table_after(stats_page, "chart-directions")
    assert header == ["Year", "US→US", "CN→US", "US→CN", "Total"]
    totals, layers = totals_and_layers(figure_in(stats_page, "chart-directions"), "chart-directions")
    assert totals == [row[-1] for row in rows]
    assert layers == sum(count != "0" for row in rows for count in row[1:-1])
    assert "| US→US | 4 | 2012 | 2020 |" in stats_page  # totals by direction


@pytest.mark.parametrize(
    ("chart_id", "expected"),
    [
        ("chart-lags", {"2 to 3 years": "1", "3 to 5 years": "2", "5 years or more": "1",
                        "Known only to the year": "2"}),
        ("chart-outcomes", {"Still running": "2", "Shut down": "3", "Merged": "1", "Unknown": "0"}),
        ("chart-lifespans", {"Under 1 year": "1", "1 to 2 years": "2"}),
    ],
)
def test_bar_tables_match_their_charts(stats_page: str, chart_id: str, expected: dict[str, str]) -> None:
    _, *rows = table_after(stats_page, chart_id)
    from_table = {row[0]: row[1] for row in rows}
    texts = [text.text for text in figure_in(stats_page, chart_id).iter("text")]
    from_chart = dict(zip(texts[::2], texts[1::2]))
    assert from_table == from_chart
    assert {label: count for label, count in from_table.items() if count != "0" or chart_id == "chart-outcomes"} == expected


def test_the_copies_of_each_lag_and_lifespan_row_are_on_a_page_the_stats_page_links_to(stats_page: str) -> None:
    """The stats page keeps the counts, which grow with the years; the copies, which grow with the
    entries, are listed on stats/copies.md, row for row."""
    copies = {a.path: a.content for a in rendered_site(make_project())}["stats/copies.md"]
    assert "[The copies in each row](stats/copies.md) are listed on a page of their own." in stats_page
    assert "| 3 to 5 years | 2 |\n" in stats_page and "| 1 to 2 years | 2 |\n" in stats_page  # counts, no names
    assert "| 3 to 5 years | 2 | [Wa Status](../events/wa-status.md), [Lasso](../events/lasso.md) |" in copies
    assert "| 1 to 2 years | 2 | [Poke](../events/poke.md), [Lasso](../events/lasso.md) |" in copies
    assert "[stats page](../stats.md)" in copies


def test_the_phone_drawings_keep_every_label_inside_a_narrow_view_box() -> None:
    years = tuple(str(year) for year in range(1980, 2025))  # many years: the drawing grows taller, not smaller
    narrow = narrow_columns("c", "T", "D", years, [Series("A", tuple(range(45)), 1), Series("B", (3,) * 45, 2)])
    bars = narrow_bars("b", "T", "D", [Bar("A long label of forty characters or so..", 12, "cv-series-1")])
    for drawing in (narrow, bars):
        assert drawing.width == NARROW_WIDTH
        assert all(0 <= text.x <= NARROW_WIDTH - 20 for text in drawing.texts)
        rects = [*drawing.rects, *drawing.stacked]
        assert rects and all(rect.x + rect.width <= NARROW_WIDTH for rect in rects)
    assert narrow.height >= 45 * 20


def test_a_chart_with_a_phone_drawing_carries_both_with_their_own_ids() -> None:
    wide = column_chart("c", "T", "D", "C", ("2019", "2020"), [Series("A", (1, 2), 1)])
    figure = parse(render_chart(with_narrow(wide, narrow_columns("c", "T", "D", ("2019", "2020"), [Series("A", (1, 2), 1)]))))
    svgs = figure.findall("svg")
    assert [svg.get("class") for svg in svgs] == ["cv-chart__svg cv-chart__svg--wide", "cv-chart__svg cv-chart__svg--narrow"]
    ids = [element.get("id") for element in figure.iter() if element.get("id")]
    assert len(ids) == len(set(ids))


def _zh_charts() -> dict[str, str]:
    zh = chinese()
    with dates_in(zh):
        return stats_page_charts(Stats(Relations(localize(make_project(), zh))), zh)


def test_the_chinese_stats_page_draws_its_charts_in_chinese() -> None:
    charts = _zh_charts()
    kinds, lags = parse(charts["kinds"]), parse(charts["lags"])
    assert "每年事件数（按类型）" in [title.text for title in kinds.iter("title")]
    assert kinds.findtext("figcaption", "").startswith("每年事件数，按类型分")
    assert ["".join(li.itertext()) for li in kinds.iter("li")][:1] == ["原创"]
    labels = [text.text for text in lags.iter("text") if text.get("class") == "cv-chart__label"]
    assert labels[:2] == ["不到1年", "1至2年"] and "日期只精确到年" in labels
    assert all(re.search("[\u4e00-\u9fff]", tip) for tip in tips(lags))  # 2至3年：1
    assert not re.search("[A-Za-z]{3,}", "".join(parse(markup).findtext("figcaption", "") for markup in charts.values()))


def test_every_chinese_label_fits_the_room_it_is_given() -> None:
    """Left-hand labels end at x (right-aligned), the phone's labels start at 0 and must end inside the drawing."""
    for markup in _zh_charts().values():
        for svg in parse(markup).iter("svg"):
            width = float(svg.get("viewBox", "").split()[2])
            for text in svg.iter("text"):
                x, room = float(text.get("x", 0)), text_width(text.text or "")
                if text.get("text-anchor") == "end":
                    assert room <= x, (text.text, x)
                elif text.get("text-anchor") == "start":
                    assert x + room <= width, (text.text, x, width)


def test_a_long_chinese_label_widens_the_label_column_and_an_english_one_keeps_it() -> None:
    english = parse(render_chart(bar_chart("b", "T", "D", "C", [Bar("Known only to the year", 1, "cv-series-1")])))
    assert [text.get("x") for text in english.iter("text")][0] == "182"
    label = "日期只精确到年份的模仿产品数量合计"  # 17 characters: 204 units
    chinese_bar = parse(render_chart(bar_chart("b", "T", "D", "C", [Bar(label, 1, "cv-series-1")])))
    first = next(chinese_bar.iter("text"))
    assert first.text == label and float(first.get("x", 0)) >= text_width(label)
