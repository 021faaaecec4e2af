"""Properties over generated input: nothing but accepted entries or clean problems, and nothing live.

(a) Any bytes as an entry file: load_project returns a project or problems, never raises, and
every problem points at a real line and column of that file.
(b) Real entries, mutated the way careless or hostile pull requests change them (fields deleted,
duplicated, renamed, retyped, swapped, hostile text injected): the same, and when the result is
accepted, its event page rendered by the real Markdown extensions of mkdocs.yml carries no script,
no event handler and no unsafe link, before the sanitiser (first wall) and after it (second wall).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Collection, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import FIXTURE, ROOT, rendered_site
from generator.load.project import LoadResult, load_project
from generator.model.problems import Problem, has_errors
from generator.site import urls
from generator.site.templating import escape_markdown, front_matter, split_front_matter
from generator.site.sanitize import sanitize_html
from generator.load.fields import explaining_validator, is_valid
from generator.load.yamlread import read_yaml

REAL_ENTRIES = sorted((ROOT / "entries").glob("[0-9][0-9][0-9][0-9]/*.yaml"))
BOUNDED = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

HOSTILE_TEXT = [
    "<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>", "<svg/onload=alert(1)>",
    "javascript:alert(1)", "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x]( javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)", "<javascript:alert(1)>", "<https://example.org>",
    '<a href="javascript:alert(1)">x</a>', '[x](https://ok.example "onclick=alert(1)")',
    "https://example.org/x)[y](javascript:alert(1)", "https://[x/", "https://ok.example/(a)", "http://\\evil/",
    "{: onclick=alert(1)}", "{#id .class onclick=x}", "{{ 7*7 }}", "{% include 'x' %}", "{# x #}",
    '--8<-- "/etc/passwd"', "[a]: https://evil.example", "[^1]: x", "*[HTML]: Hyper", "!!! note", "??? note",
    "---\ntitle: x\n---", "| a | b |\n|---|---|", "<div>", "</div>", "<!--", "]]>", "</title><script>alert(1)</script>",
    "&lt;script&gt;", "&#x3C;script&#x3E;", "&#106;avascript:alert(1)", "`<script>`", "\\<script\\>",
    "<<script>script>", "<scr<script>ipt>", "# h1", "## h2", "Title\n===", "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)", "\u202e", "\u200b", "\u2028", "\x00", "\x1b[31m", "\x85", "\ufeff",
    "\\", "\\\\", "*", "_", "<", ">", "&", "\n\n", "   ", "", "\t", "\r\n", "а",  # Cyrillic a
    "../../README", "/etc/passwd", "2016-02-30", "2016-8-2", "0000", "2016\n", "NO", "0755", "1:30", "~", "null",
]
YAML_PIECES = [
    b"title: ", b"date: ", b"kind: ", b"company: ", b"themes: ", b"summary: ", b"sources:", b"body: ",
    b"copy", b"meta", b"stories", b'"2016"', b"2016-02-30", b"\n", b"  ", b"- ", b"[", b"]", b"{", b"}", b",",
    b": ", b"? ", b"&a ", b"*a", b"<<: ", b"!!python/object/apply:os.system ", b"!x ", b"'", b'"', b"\\",
    b"\\x", b"\t", b"---\n", b"...\n", b"#", b"|\n", b">-\n", b"%YAML 1.1\n", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\x00", b"\xff", b"\xc3", b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\xc2\x85", b"\r", b"<script>", b"https://x/",
]


# The fixture is in English only: a warning for each entry and chapter without Chinese text.
FIXTURE_WARNINGS = frozenset(load_project(FIXTURE / "entries").problems)


@pytest.fixture(scope="module")
def fixture_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture project's entries, to receive one generated file at a time."""
    target = tmp_path_factory.mktemp("fuzz") / "entries"
    shutil.copytree(FIXTURE / "entries", target)
    return target


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's real entries, where one file at a time is replaced by a mutation."""
    target = tmp_path_factory.mktemp("real") / "entries"
    shutil.copytree(ROOT / "entries", target, symlinks=True)
    return target


def _load_with(entries: Path, relative: str, content: bytes, original: bytes | None = None) -> LoadResult:
    """load_project with `relative` holding `content`, then the tree put back as it was."""
    path = entries / relative
    path.write_bytes(content)
    try:
        return load_project(entries)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def _assert_clean(result: LoadResult, allowed_paths: set[str], known: Collection[Problem] = ()) -> None:
    """Either a project and no error, or errors and no project; every problem placed in a file
    (`known`: the warnings the untouched files had already)."""
    assert (result.project is None) == has_errors(result.problems)
    for problem in result.problems:
        if problem in known:
            continue
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.path in allowed_paths, problem
        assert problem.message and str(problem).isprintable(), problem


# ---------------------------------------------------------------------------------------------
# (a) bytes


yamlish_bytes = st.lists(st.sampled_from(YAML_PIECES) | st.binary(max_size=4), max_size=60).map(b"".join)


@BOUNDED
@given(content=st.binary(max_size=3000) | yamlish_bytes)
def test_any_bytes_give_a_project_or_clean_problems_in_that_file(fixture_copy: Path, content: bytes) -> None:
    result = _load_with(fixture_copy, "2016/fuzzed.yaml", content)
    _assert_clean(result, {"entries/2016/fuzzed.yaml"}, known=FIXTURE_WARNINGS)


@BOUNDED
@given(data=st.data())
def test_real_entries_with_bytes_changed_give_clean_problems(fixture_copy: Path, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(REAL_ENTRIES), label="entry")
    original = bytearray(source.read_bytes())
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        at = data.draw(st.integers(0, len(original)), label="offset")
        cut = data.draw(st.integers(0, 8), label="deleted")
        original[at:at + cut] = data.draw(st.sampled_from(YAML_PIECES) | st.binary(max_size=3), label="inserted")
    result = _load_with(fixture_copy, "2016/mutated.yaml", bytes(original))
    # Another file can get a warning: a mutation that still parses may repeat one of its sources.
    fixture_files = {f"entries/{p.relative_to(FIXTURE / 'entries').as_posix()}" for p in (FIXTURE / "entries").rglob("*.yaml")}
    _assert_clean(result, {"entries/2016/mutated.yaml", *fixture_files})


# ---------------------------------------------------------------------------------------------
# (b) structured mutations of real entries


def _string_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, str):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _string_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _string_paths(value, (*path, index))


def _all_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _all_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _all_paths(value, (*path, index))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(node, path[:-1])[path[-1]] = value


def _delete(node: Any, path: tuple[Any, ...]) -> None:
    del _get(node, path[:-1])[path[-1]]


OTHER_TYPES = [None, "", "text", ["a", "b"], {"a": "b"}, [{"status": "active"}], "2016", ["meta"], [[["deep"]]]]


STRUCTURAL = ["inject", "replace", "delete", "retype", "swap", "rename", "duplicate"]
TEXTUAL = ["inject", "replace"]
# Where people write prose (plain text or Markdown), as opposed to ids, dates and addresses.
PROSE_FIELDS = frozenset({"title", "product", "date_note", "summary", "body", "publisher", "note", "claim", "claimed_by", "finding"})


def _mutate(data: st.DataObject, entry: dict[str, Any], kinds: list[str]) -> tuple[dict[str, Any], str]:
    """One to four mutations of a parsed entry; returns it and extra YAML text to append."""
    appended = ""
    for _ in range(data.draw(st.integers(1, 4 if kinds is STRUCTURAL else 2), label="mutations")):
        paths = list(_all_paths(entry))
        strings = [p for p in _string_paths(entry) if kinds is STRUCTURAL or p[-1] in PROSE_FIELDS]
        kind = data.draw(st.sampled_from(kinds), label="mutation")
        if kind in {"inject", "replace"} and strings:
            where = data.draw(st.sampled_from(strings), label="string field")
            hostile = data.draw(st.sampled_from(HOSTILE_TEXT), label="hostile text")
            old = _get(entry, where)
            at = data.draw(st.integers(0, len(old)), label="at")
            _set(entry, where, old[:at] + hostile + old[at:] if kind == "inject" else hostile)
        elif kind == "delete" and paths:
            _delete(entry, data.draw(st.sampled_from(paths), label="deleted"))
        elif kind == "retype" and paths:
            # a fresh copy: later mutations must never change OTHER_TYPES itself (or make cycles through it)
            value = copy.deepcopy(data.draw(st.sampled_from(OTHER_TYPES)))
            _set(entry, data.draw(st.sampled_from(paths), label="retyped"), value)
        elif kind == "swap" and len(paths) > 1:
            first, second = data.draw(st.lists(st.sampled_from(paths), min_size=2, max_size=2, unique=True))
            if first[: len(second)] != second and second[: len(first)] != first:  # neither inside the other
                a, b = _get(entry, first), _get(entry, second)
                _set(entry, first, b)
                _set(entry, second, a)
        elif kind == "rename" and entry:
            key = data.draw(st.sampled_from(sorted(entry)), label="renamed")
            entry[data.draw(st.sampled_from([key.upper(), key[:-1], key + "s", "id", "<<", "?"]))] = entry.pop(key)
        elif kind == "duplicate" and entry:
            key = data.draw(st.sampled_from(sorted(entry)), label="duplicated")
            appended += f"{json.dumps(key)}: {json.dumps(entry[key])}\n"
    return entry, appended


@cache
def _markdown() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions and settings of the real mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.h1: list[str] = []
        self.in_h1 = False
        self.in_map = False  # the copy map draws <svg> of its own (its text is checked like any other)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure" and ("class", "cv-copymap") in attrs:
            self.in_map = True
        live = {"script", "style", "iframe", "object", "embed", "img", "form", "math", "base", "meta", "link"}
        if tag in live or tag == "svg" and not self.in_map:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.found.append(f"<{tag} {name}>")
            compact = "".join((value or "").split()).lower()
            if name in {"href", "src", "action", "formaction"} and not compact.startswith(("https:", "http:", "#", "../", "./")):
                self.found.append(f"<{tag} {name}={value!r}>")
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self.in_h1 = False
        if tag == "figure":
            self.in_map = False

    def handle_data(self, data: str) -> None:
        if self.in_h1:
            self.h1.append(data)


def _inspect(html: str) -> _Attributes:
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    return parser


def _split_front_matter(page: str) -> tuple[dict[str, Any], str]:
    _, meta, body = page.split("---\n", 2)
    return yaml.safe_load(meta), body


@BOUNDED
@given(data=st.data())
def test_real_entries_mutated_in_structure_are_accepted_inert_or_rejected_cleanly(
    real_copy: Path, data: st.DataObject
) -> None:
    _check_mutation(real_copy, data, STRUCTURAL)


@BOUNDED
@given(data=st.data())
def test_real_entries_with_hostile_text_are_accepted_inert_or_rejected_cleanly(
    real_copy: Path, data: st.DataObject
) -> None:
    _check_mutation(real_copy, data, TEXTUAL)


def _check_mutation(real_copy: Path, data: st.DataObject, kinds: list[str]) -> None:
    source = data.draw(st.sampled_from(REAL_ENTRIES), label="entry")
    relative = source.relative_to(ROOT / "entries").as_posix()
    original = source.read_bytes()
    doc, issues = read_yaml(original.decode("utf-8"))
    assert not issues
    entry, appended = _mutate(data, json.loads(json.dumps(doc.data)), kinds)
    text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False) + appended
    result = _load_with(real_copy, relative, text.encode("utf-8"), original)
    _assert_clean(result, {f"entries/{p.relative_to(ROOT / 'entries').as_posix()}" for p in REAL_ENTRIES})
    event("accepted" if result.project else "rejected")
    if result.project is None:
        return
    mutated = next(e for e in result.project.entries if e.path == f"entries/{relative}")
    pages = {artifact.path: artifact.content for artifact in rendered_site(result.project)}
    meta, body = _split_front_matter(pages[urls.event(mutated.id)])
    assert meta["title"] == mutated.title  # hostile text cannot break out of the front matter
    html = _markdown().reset().convert(body)
    first_wall = _inspect(html)
    assert first_wall.found == [], first_wall.found
    assert "".join(first_wall.h1).removesuffix("¶") == " ".join(mutated.title.split())  # the title is literal
    assert _inspect(sanitize_html(html)).found == []


@BOUNDED
@given(data=st.data())
def test_the_compiled_schema_and_jsonschema_agree(data: st.DataObject) -> None:
    """load/fields.py accepts a file when the compiled schema does, and asks jsonschema only to explain
    a rejection: the two must never disagree, or a bad file would pass (or a good one fail)."""
    source = data.draw(st.sampled_from(REAL_ENTRIES), label="entry")
    doc, _ = read_yaml(source.read_text(encoding="utf-8"))
    entry, _ = _mutate(data, json.loads(json.dumps(doc.data)), STRUCTURAL)
    explained = [error.message for error in explaining_validator("entry").iter_errors(entry)]
    event("valid" if not explained else "invalid")
    assert is_valid("entry", entry) == (not explained), explained


def test_the_compiled_schema_and_jsonschema_agree_on_every_test_file() -> None:
    files = [*(ROOT / "tests" / "cases").rglob("*.yaml"), *(ROOT / "tests" / "hostile").glob("*.yaml"), *REAL_ENTRIES]
    verdicts = set()
    for path in files:
        try:
            doc, issues = read_yaml(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        schema = {"companies.yaml": "companies", "themes.yaml": "themes"}.get(path.name, "entry")
        if issues or not isinstance(doc.data, dict):
            continue
        valid = not any(explaining_validator(schema).iter_errors(doc.data))
        verdicts.add(valid)
        assert is_valid(schema, doc.data) == valid, path
    assert verdicts == {True, False}


_META_VALUES = st.recursive(
    st.text() | st.booleans() | st.integers(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1), inner, max_size=3),
    max_leaves=8,
)


# Keys are the generator's own field names (title, tags, share ...), never words YAML reads as
# something other than text: hypothesis found that `no:` is read as the key False.
_FIELD_NAMES = st.from_regex(r"[a-z_]{1,12}", fullmatch=True).filter(
    lambda name: name not in {"yes", "no", "true", "false", "on", "off", "null"}
)


@BOUNDED
@given(fields=st.dictionaries(_FIELD_NAMES, _META_VALUES, max_size=6), body=st.text())
def test_front_matter_reads_back_the_same_with_yaml_and_with_the_plugin_shortcut(
    fields: dict[str, Any], body: str
) -> None:
    """MkDocs reads front matter as YAML (export, `serve`); the plugin's build reads it with
    split_front_matter. Whatever the text, both must give back exactly the fields written."""
    page = front_matter(**fields) + "\n" + body
    kept = {key: value for key, value in fields.items() if value not in (None, [], "")}
    assume(kept)  # every page has a title
    assert split_front_matter(page)[0] == kept
    yaml_body, yaml_fields = get_data(page)
    assert yaml_fields == kept
    assert split_front_matter(page)[1] == yaml_body


@BOUNDED
@given(st.text(alphabet=st.sampled_from("\\`*_{}[]()#+-.!|<>&~^=:\"'$%@ \t\nab\u00e9\u201c")) | st.text())
def test_escaped_text_has_a_backslash_before_every_punctuation_mark_and_nothing_else(text: str) -> None:
    """escape_markdown, one replace per mark, against its definition, one character at a time."""
    special = "\\`*_{}[]()#+-.!|<>&~^=:\"'$%@"
    assert escape_markdown(text) == "".join("\\" + char if char in special else char for char in " ".join(text.split()))
