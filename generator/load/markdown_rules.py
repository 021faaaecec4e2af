"""What entry Markdown may contain.

Summaries and bodies come from strangers. They may use ordinary Markdown (emphasis, lists, code,
quotes, http/https links), but nothing that reaches past the entry: raw HTML, attribute lists,
snippet includes, link or footnote definitions that retarget other links, images from other hosts,
headings that break the page outline. These rules are the first wall; the plugin sanitises the
rendered HTML as the second.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from generator.model.citations import without_markers_mapped

SAFE_SCHEMES = frozenset({"http", "https"})

# Characters that are invisible or reorder text: a reviewer cannot see what they do. Format
# characters (bidi controls, zero-width spaces and joiners, soft hyphens, tag characters), line and
# paragraph separators, and private-use characters.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Co"})
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but tab and line breaks

_BLOCK_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<[A-Za-z!?/]"), "raw HTML is not allowed (write Markdown; for a link use [text](https://...))"),
    (re.compile(r"\{\s*[:#.]|\{\s*[A-Za-z_-]+\s*=|\{\s*\}"), "attribute lists ({: ...}) are not allowed"),
    (re.compile(r"-{1,2}8<-{1,2}"), "snippet includes (--8<--) are not allowed"),
    (re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:"), "link or footnote definitions ([x]: ...) are not allowed; write links inline"),
    (re.compile(r"(?m)^ {0,3}\*\[[^\]\n]*\]:"), "abbreviation definitions (*[x]: ...) are not allowed"),
    (re.compile(r"!\["), "images are not allowed (the site loads nothing from other hosts)"),
    (re.compile(r"(?m)^ {0,3}(!!!|\?\?\?\+?)"), "admonitions (!!! or ???) are not allowed in entries"),
    (re.compile(r"(?m)^ {0,3}#{1,2}(\s|$)"), "headings above level 3 are not allowed (use ### at most)"),
)
_SETEXT = re.compile(r"(?m)^[^\s\n][^\n]*\n {0,3}(=+|-+)[ \t]*$")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SUMMARY_BLOCK = re.compile(r"(?m)^ {0,3}([#>|]|[-*+] |\d+[.)] |```|~~~)")


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Offsets of control, bidirectional and zero-width characters, which hide what text says."""
    # Python counts every control character and every character of these categories as
    # unprintable (tabs and line breaks too, which text may hold): text it finds printable has none.
    if text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        return []
    found: list[tuple[int, str]] = []
    for match in _CONTROL.finditer(text):
        found.append((match.start(), f"control character U+{ord(match.group()):04X} is not allowed"))
    if text.isascii():
        return found
    for offset, char in enumerate(text):
        if not char.isascii() and unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            found.append((offset, f"invisible or direction-changing character U+{ord(char):04X} is not allowed"))
    return found


def markdown_problems(text: str, *, inline_only: bool) -> list[tuple[int, str]]:
    """Offsets in `text` where entry Markdown does something it may not, with the reason.

    The page gets the text without its leading whitespace (a tab before `# x` would otherwise
    hide a heading), so that is what the rules read."""
    lead = len(text) - len(text.lstrip())
    found = [(lead + offset, message) for offset, message in _problems(text[lead:], inline_only)]
    plain, origin = without_markers_mapped(text)
    if plain != text:  # lists and plain-text files show this form: it must pass the same rules
        lead = len(plain) - len(plain.lstrip())
        seen = {message for _, message in found}
        found += [(origin[lead + offset], message) for offset, message in _problems(plain[lead:], inline_only)
                  if message not in seen]
    return sorted(found)


def _problems(text: str, inline_only: bool) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for pattern, message in _BLOCK_RULES:
        match = pattern.search(text)
        if match:
            found.append((match.start(), message))
    setext = _SETEXT.search(text)
    if setext:
        message = "setext headings (text underlined with === or ---) are not allowed"
        found.append((setext.start(1), message))
    for match in _LINK_TARGET.finditer(text):
        target = match.group(1)
        if not is_safe_url(target):
            found.append((match.start(1), f"links must be http:// or https:// addresses, got '{target[:60]}'"))
    if inline_only:
        if "\n\n" in text.strip():
            found.append((text.index("\n\n"), "a summary is one paragraph (put more in body)"))
        block = _SUMMARY_BLOCK.search(text)
        if block:
            found.append((block.start(), "a summary is inline Markdown: no headings, lists, quotes, tables or code blocks"))
    return sorted(found)


def is_safe_url(url: str) -> bool:
    """True for absolute http(s) addresses with a host, and nothing else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc) and url == url.strip()


def link_target_problem(url: str) -> str | None:
    """Why an address cannot be the target of a Markdown link, or None if it can.

    Source addresses are written into pages as `[host](url)`: a `)` without its `(` would end the
    link early and turn the rest of the address into Markdown (even another link), a backslash
    escapes the character after it, and an address whose host cannot be read names no site.
    """
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    if not host:
        return "the address has no valid host name"
    depth = 0
    for char in url if "(" in url or ")" in url else "":
        depth += 1 if char == "(" else -1 if char == ")" else 0
        if depth < 0:
            break
    if depth:
        return "the address has unbalanced parentheses: write ( as %28 and ) as %29"
    if "\\" in url:
        return "the address has a backslash: write it as %5C"
    return None
