"""The second wall: HTML rendered from entries keeps only what Markdown itself produces.

Entry Markdown is checked when it is loaded, but a rule can be missed; nh3 (the Ammonia
sanitiser) then removes scripts, event handlers, unsafe link schemes and unknown elements from
the rendered page content before the theme wraps it.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"style"},
    "th": {"style"},
    "time": {"datetime"},
}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        generic_attribute_prefixes={"data-"},
        url_schemes={"http", "https"},
        filter_style_properties={"text-align"},
        link_rel=None,  # our own links are internal; external ones never open new windows
    )
