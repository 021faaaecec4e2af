"""The second wall: HTML rendered from entries keeps only what Markdown itself produces.

Entry Markdown is checked when it is loaded, but a rule can be missed; nh3 (the Ammonia
sanitiser) then removes scripts, event handlers, unsafe link schemes and unknown elements from
the rendered page content before the theme wraps it. The one addition to what Markdown produces
is the SVG of the stats page's charts and of the copy map, element by element (CHART_TAGS, and
why, below).
"""

from __future__ import annotations

import nh3

# The stats page's charts (charts.py) and the copy map (copymap.py, whose marks are <a href>
# links, checked as every link is): exactly the elements and attributes they draw.
# Allowing these beats exempting that page from this wall, because it also carries entry text
# (product names in its tables); nh3 keeps SVG in its own namespace and still strips scripts,
# event handlers, <foreignObject>, <use>, <animate> and anything else not listed.
CHART_TAGS = frozenset({
    "figure", "figcaption", "svg", "title", "desc", "line", "rect", "path", "text", "circle", "polygon",
})
CHART_ATTRIBUTES = {
    "svg": {"viewBox", "role", "aria-labelledby", "aria-hidden", "width", "height"},
    "line": {"x1", "y1", "x2", "y2"},
    "rect": {"x", "y", "width", "height"},
    "path": {"d"},  # a stacked chart's series: rectangles only (M, h, v, z), no link can hide in it
    "text": {"x", "y", "text-anchor"},
    "circle": {"cx", "cy", "r"},
    "polygon": {"points"},
}
ALLOWED_TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}) | CHART_TAGS
ALLOWED_ATTRIBUTES = {
    **CHART_ATTRIBUTES,
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "aria-label"},  # aria-label: a citation marker's link reads "source 2", not "[2]"
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
    "time": {"datetime"},
}


_CLEANER = nh3.Cleaner(  # built once: converting the settings was a sixth of each call
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    generic_attribute_prefixes={"data-"},
    url_schemes={"http", "https"},
    filter_style_properties={"text-align"},
    link_rel=None,  # our own links are internal; external ones never open new windows
)


def sanitize_html(html: str) -> str:
    return _CLEANER.clean(html)
