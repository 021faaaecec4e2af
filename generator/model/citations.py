"""Citation markers: `[n]` after a sentence says that the entry's n-th source (1-based) supports it.

This is the one reader of markers, for the checker and for every page and file that shows entry
text, so what `check` accepts is exactly what becomes a link. A marker is `[`, digits, `]`, except
where Markdown already gives the brackets a meaning: inside a code span, inside a link's address
or title (`](...)`), as a link's own text (`[1](...)`, `[[1]](...)`), or after a backslash (`\\[1]`
is the literal text "[1]").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One left-to-right scan, in which each match is one of: a place where brackets are not markers
# (a code span, from a run of backticks to the same run; a link destination with its title, one
# level of parentheses inside, as Markdown allows), an escape (a backslash before a backslash or a
# bracket: `\\[1]` is the literal text "[1]"), or a marker, which a link's own text is not
# (`[1](...)`, `[[1]](...)`). What the first two consume cannot hold a marker.
_SCAN = re.compile(
    r"(`+)[\s\S]*?(?<!`)\1(?!`)|\]\((?:[^()\n]|\([^()\n]*\))*\)"
    r"|\\[\\\[]"
    r"|\[([0-9]{1,6})\](?!\(|\]\()"
)


@dataclass(frozen=True)
class Marker:
    """One marker: where it is written in the text, and the source number it names."""

    start: int
    end: int
    number: int


def markers(text: str) -> list[Marker]:
    """Every marker in `text`, in order."""
    if "[" not in text:
        return []
    return [Marker(match.start(), match.end(), int(match.group(2)))
            for match in _SCAN.finditer(text) if match.group(2)]


def cited_numbers(text: str) -> set[int]:
    return {marker.number for marker in markers(text)}


def parts(text: str) -> list[str | int]:
    """The text cut at its markers: the text between them (Markdown, as written) and each marker's
    number, for a template to render the numbers as links without touching the text."""
    out: list[str | int] = []
    end = 0
    for marker in markers(text):
        if marker.start > end:
            out.append(text[end:marker.start])
        out.append(marker.number)
        end = marker.end
    if end < len(text):
        out.append(text[end:])
    return out


def without_markers(text: str) -> str:
    """The text with its markers left out, for places that show no source list. The checker reads
    this form too (`load.markdown_rules`), so leaving a marker out cannot make Markdown that the
    rules would have refused (`<[1]b>` is harmless text only while the marker is there)."""
    return without_markers_mapped(text)[0]


def without_markers_mapped(text: str) -> tuple[str, list[int]]:
    """The text without its markers, and for each of its characters (and its end) the offset in
    `text` it comes from, so that a problem found in it is reported where it is written. Text
    with no marker comes back as it is, with no offsets (none are needed)."""
    found = markers(text)
    if not found:
        return text, []
    plain: list[str] = []
    origin: list[int] = []
    end = 0
    for marker in found:
        plain.append(text[end:marker.start])
        origin += range(end, marker.start)
        end = marker.end
    plain.append(text[end:])
    origin += range(end, len(text) + 1)
    return "".join(plain), origin
