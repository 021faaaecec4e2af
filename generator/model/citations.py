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

_MARKER = re.compile(r"\[([0-9]{1,6})\](?!\(|\]\()")
# Where brackets are not markers: code spans (a run of backticks to the same run) and link
# destinations with their titles (one level of parentheses inside, as Markdown allows).
_OPAQUE = re.compile(r"(`+)[\s\S]*?(?<!`)\1(?!`)|\]\((?:[^()\n]|\([^()\n]*\))*\)")


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
    opaque = [match.span() for match in _OPAQUE.finditer(text)]
    found = []
    for match in _MARKER.finditer(text):
        start = match.start()
        if _escaped(text, start) or any(begin <= start < end for begin, end in opaque):
            continue
        found.append(Marker(start, match.end(), int(match.group(1))))
    return found


def _escaped(text: str, index: int) -> bool:
    """True when an odd number of backslashes stands before `index`."""
    backslashes = 0
    while backslashes < index and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


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
