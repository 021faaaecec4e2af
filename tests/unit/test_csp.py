"""Each built page's Content-Security-Policy (generator/mkdocs_plugin/csp.py)."""

from __future__ import annotations

import base64
import hashlib
import re

from generator.mkdocs_plugin.csp import policy, with_policy

PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<script>var a = 1;</script>"
    '<script type="application/ld+json">{"@type": "Article"}</script>'
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/x.js"></script>'
    "</head><body><header class=\"md-header\"></header>"
    '<table><tr><td style="text-align:right">1</td></tr></table>'
    "<script>\nvar b = 2;\n</script></body></html>"
)


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directive(text: str, name: str) -> list[str]:
    for part in text.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {text}")


def test_inline_scripts_are_allowed_by_their_hash_and_nothing_else_inline() -> None:
    scripts = directive(policy(PAGE), "script-src")
    assert sha("var a = 1;") in scripts and sha("\nvar b = 2;\n") in scripts
    assert len([word for word in scripts if word.startswith("'sha256-")]) == 2  # not the JSON blocks
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts


def test_the_policy_keeps_everything_on_the_site() -> None:
    text = policy(PAGE)
    assert directive(text, "default-src") == ["'self'"]
    assert directive(text, "object-src") == ["'none'"]
    assert directive(text, "base-uri") == ["'self'"]
    assert directive(text, "connect-src") == ["'self'"]
    assert directive(text, "img-src") == ["'self'", "data:"]
    assert directive(text, "style-src") == ["'self'", "'unsafe-hashes'", sha("text-align:right")]


def test_a_page_without_style_attributes_allows_no_inline_style() -> None:
    assert directive(policy("<html><head></head><body></body></html>"), "style-src") == ["'self'"]


def test_the_policy_comes_after_the_charset_and_before_any_script() -> None:
    page = with_policy(PAGE)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert meta and page.index('<meta charset="utf-8">') < meta.start() < page.index("<script")
    assert page.count("Content-Security-Policy") == 1  # not also in <header>
    assert meta.group(1) == policy(PAGE)


def test_a_file_that_is_not_a_page_is_left_alone() -> None:
    assert with_policy('<?xml version="1.0"?><urlset></urlset>') == '<?xml version="1.0"?><urlset></urlset>'


def test_names_in_capitals_and_text_outside_ascii_are_hashed_as_written() -> None:
    page = (
        "<html><head><SCRIPT>var é = '腾讯';</SCRIPT></head><body><p>字节跳动 — İstanbul</p>"
        "<td STYLE='text-align:CENTER'>1</td><td data-style=\"x\" Style=\"color:&quot;red&quot;\">2</td>"
        "</body></html>"
    )
    text = policy(page)
    assert sha("var é = '腾讯';") in directive(text, "script-src")
    assert directive(text, "style-src") == ["'self'", "'unsafe-hashes'", sha("text-align:CENTER"), sha('color:"red"')]
