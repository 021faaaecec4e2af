"""The Jinja environment of the site's templates, and the two ways text enters them safely.

User text is only ever template *data*: plain-text fields pass through the `md` filter, which
makes them literal Markdown; Markdown fields were checked when they were loaded. Front matter is
written as JSON values (JSON is a subset of YAML), never by pasting text into YAML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2

from generator.model import citations
from generator.site import urls

if TYPE_CHECKING:
    from generator.site.language import Language

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"

# The backslash first, so that the backslashes added for the others are not escaped again.
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>&~^=:\"'$%@"


def escape_markdown(text: str) -> str:
    """Plain text made literal in Markdown: every punctuation mark is backslash-escaped.

    Relies on pymdownx.escapeall, which makes any backslash-escaped character literal, so no
    character can start emphasis, a link, HTML, an attribute list or a table cell. Line breaks
    become spaces: plain-text fields are single paragraphs.
    """
    escaped = " ".join(text.split())
    for char in _MD_SPECIAL:
        if char in escaped:
            escaped = escaped.replace(char, "\\" + char)
    return escaped


def hostname(url: str) -> str:
    return urlsplit(url).hostname or url


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, for every environment made with it: each language's tree has
    an environment of its own (its `t`), and each rebuild under `mkdocs serve` new ones, which
    would otherwise compile every template again. Jinja compiles a template whose source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def make_env(compiled: jinja2.BytecodeCache | None = None, language: Language | None = None) -> jinja2.Environment:
    """The templates' environment, made for one build (so it never looks at a template file
    again). `compiled` (CompiledTemplates) hands compiled templates from one environment to the
    next: another language's, or a later build's. The macro files are given
    to every template as modules (`m`, `figures`, `paging`), made once here rather than imported
    again on every page. `language` (English by default) gives the templates `t`, which words
    every interface string in it, and `lang`."""
    if language is None:
        from generator.site.language import ENGLISH as language  # noqa: N811 (one import cycle avoided)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        auto_reload=False,
        bytecode_cache=compiled,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; user text goes through the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["hostname"] = hostname
    env.filters["relative"] = urls.relative
    env.globals["KIND_LABELS"] = language.kind_labels
    env.globals["STATUS_LABELS"] = language.status_labels
    env.globals["t"] = language.t
    env.globals["lang"] = language
    env.filters["citation_parts"] = citations.parts
    env.filters["without_markers"] = citations.without_markers
    env.globals["url"] = urls
    # _copy_figures uses `m`, so it comes after.
    for name, macros in (("m", "_macros.md.j2"), ("figures", "_copy_figures.md.j2"), ("paging", "_paging.md.j2")):
        env.globals[name] = env.get_template(macros).module
    return env


# Characters JSON leaves as they are but a YAML reader refuses or reads as a line break.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def templates_stamp() -> tuple[tuple[str, int], ...]:
    """Every template file with its modification time: what changes when a template is edited."""
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in TEMPLATES_DIR.rglob("*") if path.is_file()))


def front_matter(**fields: object) -> str:
    """One `key: value` line per field, the value in JSON: what a YAML reader gets back is exactly
    `fields`, whatever the text holds. Empty values are left out."""
    lines = ["---"]
    for key, value in fields.items():
        if value not in (None, [], ""):
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---\n")
    return _NOT_YAML_SAFE.sub(_escaped, "\n".join(lines))  # keys are names: only values can hold these


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def split_front_matter(page: str) -> tuple[dict[str, Any], str]:
    """The fields and the Markdown of a page made here, read back with json.loads (each value is
    one line of JSON), so that an engine can be handed the fields without parsing YAML."""
    if not page.startswith("---\n"):
        return {}, page
    end = page.index("\n---\n", 3)
    fields = {}
    for line in page[4:end].split("\n"):
        if line:
            key, _, value = line.partition(": ")
            fields[key] = json.loads(value)
    return fields, page[end + 5:].lstrip("\n")
