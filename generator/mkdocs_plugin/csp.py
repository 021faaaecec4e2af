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

_SCRIPT = re.compile(r"<script(?P<attrs>\s[^>]*)?>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(page: str) -> str:
    """The policy for one finished page: its inline scripts and style attributes by hash."""
    scripts: dict[str, None] = {}
    for match in _SCRIPT.finditer(page):
        attrs = match.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            scripts.setdefault(_sha256(match.group("body")), None)
    styles: dict[str, None] = {}
    for match in _STYLE_ATTR.finditer(page):
        value = match.group(1) if match.group(1) is not None else match.group(2)
        styles.setdefault(_sha256(html.unescape(value)), None)
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
