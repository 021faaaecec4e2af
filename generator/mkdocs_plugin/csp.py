"""A Content-Security-Policy for every built page, as a <meta http-equiv> (GitHub Pages sets no
headers): a second wall behind the sanitising of untrusted entries.

Scripts, styles, images, fonts and requests come from the site itself. The theme's few inline
scripts run because the policy lists the SHA-256 of each, computed from the finished page; no
other inline script and no inline event handler can run. The inline `style` attributes Markdown
writes for aligned table columns are allowed the same way, by hash. `data:` images are allowed
because Material draws its icons in CSS from data: SVGs; `'wasm-unsafe-eval'` lets the search
(Pagefind) compile its WebAssembly, which is not JavaScript evaluation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

# The scans run over the page's UTF-8 bytes with ASCII letters lowered: HTML's tag and attribute
# names are ASCII case-insensitive, and a case-sensitive pattern that starts with a literal lets
# `re` jump from one candidate to the next instead of trying every whitespace character of every
# page. Lowering bytes changes no length, so a match's offsets in the lowered copy cut the value
# from the original.
_SCRIPT = re.compile(rb"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.DOTALL)
_SRC = re.compile(rb"\bsrc\s*=")
_TYPE = re.compile(rb"""\btype\s*=\s*["']?([^"'\s>]+)""")
_STYLE_ATTR = re.compile(rb"""style\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_HEAD = re.compile(r"<head(?:\s[^>]*)?>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
_JS_TYPES = {b"", b"text/javascript", b"application/javascript", b"module"}


def _sha256(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode("ascii") + "'"


def policy(page: str) -> str:
    """The policy for one finished page: its inline scripts and style attributes by hash."""
    original = page.encode("utf-8")
    lowered = original.lower()
    scripts: dict[str, None] = {}
    for match in _SCRIPT.finditer(lowered):
        attrs = match.group("attrs") or b""
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1) if kind else b"") in _JS_TYPES:
            start, end = match.span("body")
            scripts.setdefault(_sha256(original[start:end]), None)
    styles: dict[str, None] = {}
    for match in _STYLE_ATTR.finditer(lowered):
        if not lowered[match.start() - 1 : match.start()].isspace():
            continue  # a longer name that ends in "style", not the attribute
        start, end = match.span(1) if match.group(1) is not None else match.span(2)
        value = html.unescape(original[start:end].decode("utf-8"))
        styles.setdefault(_sha256(value.encode("utf-8")), None)
    style_src = ["'self'"] + (["'unsafe-hashes'", *styles] if styles else [])
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *scripts]),
        "style-src " + " ".join(style_src),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(page: str) -> str:
    """The page with its policy as the first element of <head> after the charset, before any
    script; a page without <head> (not HTML) is returned as it is."""
    match = _HEAD.search(page)
    if not match:
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page), quote=False)}">'
    return page[: match.end()] + meta + page[match.end():]
