"""Hostile input: whatever a pull request puts in entries/, `check` and the build answer clearly.

Each hazard is run through the real CLI as a subprocess with a timeout, so a hang, a crash or a
segfault fails the test instead of passing unnoticed. Rejected input must produce exactly the
expected problems; accepted hostile text must come out of a real `mkdocs build --strict` literal
and inert. See tests/hostile/README.md for the file format.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ENV, ROOT, mkdocs_build, run_cli, write
from generator.load.yamlread import read_yaml

HOSTILE = Path(__file__).parent / "hostile"
CLI_TIMEOUT = 60  # generous for a loaded 2-core machine; a hang still fails, it never passes
DEFAULT_FOLDER = "entries/2016"
UNTRANSLATED = re.compile(r":\d+:\d+: warning: ([^:]+: )?no Chinese translation yet \(optional\): ")
SUMMARY_LINE = re.compile(r"\d+ files? checked: (no problems|\d+ errors?, \d+ warnings? in \d+ files?)")
VALID_ENTRY = (
    'title: A valid entry\ndate: "2016"\nkind: milestone\ncompany: meta\nthemes: [stories]\n'
    "summary: Plain.[1]\nsources:\n  - publisher: Example\n    title: A source\n    url: https://example.org/\n"
)
SYMLINK_MESSAGE = "1:1: error: symbolic links are not allowed in entries/"
NOT_REGULAR = "1:1: error: not a regular file"
TOO_LARGE = "1:1: error: the file is larger than 256 KiB"
ID_RULE = "use lowercase a-z, 0-9 and single hyphens, at most 80 characters"


@dataclass(frozen=True)
class Case:
    """One file of tests/hostile and what must happen to it."""

    name: str
    hazard: str
    path: str
    accepted: bool
    problems: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()
    zh_literals: tuple[str, ...] = ()  # text the entry's Chinese page must show as typed

    @property
    def content(self) -> bytes:
        return (HOSTILE / f"{self.name}.yaml").read_bytes()

    @property
    def entry_id(self) -> str:
        return Path(self.path).stem


def _read_case(expected: Path) -> Case:
    lines = expected.read_text(encoding="utf-8").splitlines()
    meta = dict(line[2:].split(": ", 1) for line in lines if line.startswith("# "))
    body = [line for line in lines if not line.startswith("#")]
    path = meta.get("path", f"{DEFAULT_FOLDER}/{expected.stem}.yaml")
    if body[:1] == ["accepted"]:
        literals = tuple(line.removeprefix("literal: ") for line in body[1:] if line.startswith("literal: "))
        zh_literals = tuple(line.removeprefix("zh-literal: ") for line in body[1:] if line.startswith("zh-literal: "))
        return Case(expected.stem, meta["hazard"], path, True, literals=literals, zh_literals=zh_literals)
    return Case(expected.stem, meta["hazard"], path, False, problems=tuple(body))


CASES = [_read_case(path) for path in sorted(HOSTILE.glob("*.expected"))]
ACCEPTED = [case for case in CASES if case.accepted]
BY_NAME = {case.name: case for case in CASES}


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every path under `folder` with a digest of what it is: file bytes, link target or kind."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            digest[str(path)] = "link:" + os.readlink(path)
        elif path.is_file():
            digest[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[str(path)] = "dir" if path.is_dir() else "other"
    return digest


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator check`, asserting it ended as a program should, whatever the input."""
    before = _tree_digest(project)
    result = run_cli("check", cwd=project, timeout=CLI_TIMEOUT)
    assert result.returncode in (0, 1), f"exit {result.returncode}: {result.stderr}"
    assert result.stderr == "", result.stderr
    assert all(char.isprintable() for line in result.stdout.splitlines() for char in line), result.stdout
    lines = result.stdout.splitlines()
    assert lines and SUMMARY_LINE.fullmatch(lines[-1]), result.stdout
    assert _tree_digest(project) == before, "check changed a file"
    return result


def _problems_by_path(output: str) -> dict[str, list[str]]:
    """`path:LINE:COL: ...` lines grouped by path (the summary line left out, and the warning that
    every English-only file gets, the fixture's included: tests/test_cli.py checks that one)."""
    grouped: dict[str, list[str]] = {}
    for line in output.splitlines()[:-1]:
        if UNTRANSLATED.search(line):
            continue
        path, rest = line.split(":", 1)
        grouped.setdefault(path, []).append(rest)
    return grouped


def _place(project: Path, case: Case) -> None:
    target = project / case.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.content)


def test_the_corpus_is_large_and_covers_accepted_and_rejected_files() -> None:
    assert len(CASES) >= 40
    assert len(ACCEPTED) >= 8 and all(case.literals for case in ACCEPTED)
    assert all(case.problems for case in CASES if not case.accepted)
    assert {p.stem for p in HOSTILE.glob("*.yaml")} == {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_file_gets_exactly_its_expected_answer(project: Path, case: Case) -> None:
    _place(project, case)
    result = _check(project)
    reported = _problems_by_path(result.stdout)
    if case.accepted:
        assert result.returncode == 0 and reported == {}, result.stdout
    else:
        assert result.returncode == 1
        assert reported == {case.path: list(case.problems)}, result.stdout


# ---------------------------------------------------------------------------------------------
# Hazards built by the test: git cannot hold them as files.


def _link_out_of_tree(project: Path) -> None:
    (project / "entries/2016/outside.yaml").symlink_to("/etc/passwd")


def _link_to_another_entry(project: Path) -> None:
    (project / "entries/2016/alias.yaml").symlink_to("../2013/snapchat-stories.yaml")


def _linked_year_folder(project: Path) -> None:
    (project / "entries/2099").symlink_to("/etc")


def _linked_entries_folder(project: Path) -> None:
    (project / "entries").rename(project / "elsewhere")
    (project / "entries").symlink_to(project / "elsewhere")


def _fifo_entry(project: Path) -> None:
    os.mkfifo(project / "entries/2016/pipe.yaml")


def _fifo_catalog(project: Path) -> None:
    (project / "entries/themes.yaml").unlink()
    os.mkfifo(project / "entries/themes.yaml")


def _folder_named_like_an_entry(project: Path) -> None:
    write(project / "entries/2016/folder.yaml/inside.yaml", VALID_ENTRY)


def _file_over_the_cap(project: Path) -> None:
    write(project / "entries/2016/huge.yaml", VALID_ENTRY + "# padding\n" * 30_000)


def _sparse_gigabyte(project: Path) -> None:
    with (project / "entries/2016/sparse.yaml").open("wb") as file:
        file.truncate(1 << 30)


def _nested(text: str) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        write(project / "entries/2016/deep.yaml", text)
    return build


DEEP_FLOW_SEQUENCE = "a: " + "[" * 100_000 + "]" * 100_000
DEEP_BLOCK_SEQUENCE = "- " * 100_000 + "x\n"
DEEP_FLOW_MAPPING = "{" * 100_000 + "}" * 100_000


def _case_folded_duplicate(project: Path) -> None:
    write(project / "entries/2016/Instagram-Stories.yaml", VALID_ENTRY)  # instagram-stories.yaml exists


def _normalisation_duplicates(project: Path) -> None:
    write(project / "entries/2016/cafe.yaml", VALID_ENTRY)
    write(project / "entries/2016/caf\u00e9.yaml", VALID_ENTRY)
    write(project / "entries/2016/cafe\u0301.yaml", VALID_ENTRY)


def _same_id_in_two_years(project: Path) -> None:
    write(project / "entries/2016/twice.yaml", VALID_ENTRY)
    write(project / "entries/2017/twice.yaml", VALID_ENTRY.replace('"2016"', '"2017"'))


def _named(name: bytes) -> Callable[[Path], None]:
    def build(project: Path) -> None:
        (Path(os.fsdecode(os.fsencode(project / "entries/2016") + b"/" + name))).write_text(VALID_ENTRY)
    return build


@dataclass(frozen=True)
class BuiltHazard:
    """A hazard made on disk by `build`, the exact problems per path, and text never to print."""

    name: str
    build: Callable[[Path], None]
    problems: dict[str, list[str]]
    never_shown: tuple[str, ...] = ()


def _bad_name(shown: str, reason: str = "", advice: str = "") -> list[str]:
    return [f"1:1: error: the file name '{shown}' is not a valid id: {reason}{ID_RULE}{advice}"]


BUILT_HAZARDS = [
    BuiltHazard("symlink-out-of-tree", _link_out_of_tree, {"entries/2016/outside.yaml": [SYMLINK_MESSAGE]},
                never_shown=("/etc", "passwd", "root:")),
    BuiltHazard("symlink-to-another-entry", _link_to_another_entry, {"entries/2016/alias.yaml": [SYMLINK_MESSAGE]},
                never_shown=("../2013",)),
    BuiltHazard("symlinked-year-folder", _linked_year_folder, {"entries/2099": [SYMLINK_MESSAGE]},
                never_shown=("/etc", "passwd")),
    BuiltHazard("symlinked-entries-folder", _linked_entries_folder,
                {"entries": ["1:1: error: the entries folder must not be a symbolic link"]}, never_shown=("elsewhere",)),
    BuiltHazard("fifo-entry", _fifo_entry, {"entries/2016/pipe.yaml": [NOT_REGULAR]}),
    BuiltHazard("fifo-catalog", _fifo_catalog,
                {"entries/themes.yaml": ["1:1: error: entries/themes.yaml is missing (or not a regular file)"]}),
    BuiltHazard("folder-named-like-an-entry", _folder_named_like_an_entry, {"entries/2016/folder.yaml": [NOT_REGULAR]}),
    BuiltHazard("file-over-the-size-cap", _file_over_the_cap, {"entries/2016/huge.yaml": [TOO_LARGE]}),
    BuiltHazard("sparse-gigabyte-file", _sparse_gigabyte, {"entries/2016/sparse.yaml": [TOO_LARGE]}),
    BuiltHazard("nesting-100000-flow-sequences", _nested(DEEP_FLOW_SEQUENCE),
                {"entries/2016/deep.yaml": ["1:35: error: nested too deeply (more than 32 levels)"]}),
    BuiltHazard("nesting-100000-block-sequences", _nested(DEEP_BLOCK_SEQUENCE),
                {"entries/2016/deep.yaml": ["1:65: error: nested too deeply (more than 32 levels)"]}),
    BuiltHazard("nesting-100000-flow-mappings", _nested(DEEP_FLOW_MAPPING), {"entries/2016/deep.yaml": [
        *(f"1:{col}: error: keys must be plain text" for col in range(2, 27)),  # the first 25 problems
        "1:33: error: nested too deeply (more than 32 levels)",  # and always why reading stopped
    ]}),
    BuiltHazard("duplicate-id-under-case-folding", _case_folded_duplicate, {"entries/2016/Instagram-Stories.yaml": _bad_name(
        "Instagram-Stories", advice=" (the id 'instagram-stories' exists already: ids must differ in more than case or accents)")}),
    BuiltHazard("duplicate-ids-under-unicode-normalisation", _normalisation_duplicates, {
        "entries/2016/caf\u00e9.yaml": _bad_name("caf\u00e9", "it contains U+00E9 LATIN SMALL LETTER E WITH ACUTE; ",
                                                  " (the id 'cafe' exists already: ids must differ in more than case or accents)"),
        "entries/2016/cafe\u0301.yaml": _bad_name("cafe\u0301", "it contains U+0301 COMBINING ACUTE ACCENT; ",
                                                   " (the id 'cafe' exists already: ids must differ in more than case or accents)"),
    }),
    BuiltHazard("same-id-in-two-year-folders", _same_id_in_two_years, {"entries/2017/twice.yaml": [
        "1:1: error: the id 'twice' is already used by entries/2016/twice.yaml; ids are unique"]}),
    BuiltHazard("file-name-not-utf8", _named(b"caf\xe9.yaml"), {"entries/2016/caf\\xe9.yaml": _bad_name(
        "caf\\xe9", "the name is not UTF-8 text; ")}),
    BuiltHazard("file-name-with-newline", _named(b"new\nline.yaml"), {"entries/2016/new\\x0aline.yaml": _bad_name(
        "new\\x0aline", advice=" (rename the file to new-line.yaml)")}),
    BuiltHazard("file-name-with-terminal-escape", _named(b"red\x1b[31m.yaml"), {"entries/2016/red\\x1b[31m.yaml": _bad_name(
        "red\\x1b[31m", advice=" (rename the file to red-31m.yaml)")}),
    BuiltHazard("file-name-with-bidi-override", _named("exe\u202eyaml.txt.yaml".encode()), {
        "entries/2016/exe\\u202eyaml.txt.yaml": _bad_name("exe\\u202eyaml.txt", "it contains U+202E RIGHT-TO-LEFT OVERRIDE; ")}),
]


@pytest.mark.parametrize("hazard", BUILT_HAZARDS, ids=lambda hazard: hazard.name)
def test_built_hazard_gets_exactly_its_expected_answer(project: Path, hazard: BuiltHazard) -> None:
    hazard.build(project)
    result = _check(project)
    assert result.returncode == 1
    assert _problems_by_path(result.stdout) == hazard.problems, result.stdout
    for secret in hazard.never_shown:
        assert secret not in result.stdout


# ---------------------------------------------------------------------------------------------
# The YAML reader alone, with both parsers, in a child process so a segfault is seen.

READ_IN_CHILD = (
    "import sys; from generator.load.yamlread import read_yaml; "
    "doc, issues = read_yaml(sys.stdin.read(), fast=sys.argv[1] == 'fast'); "
    "print(*(f'{i.line}:{i.col}: {i.message}' for i in issues[-1:]))"
)


@pytest.mark.parametrize("parser", ["fast", "pure"])
@pytest.mark.parametrize(
    ("text", "last_issue"),
    [
        (DEEP_FLOW_SEQUENCE, "1:35: nested too deeply (more than 32 levels)"),
        (DEEP_BLOCK_SEQUENCE, "1:65: nested too deeply (more than 32 levels)"),
        (DEEP_FLOW_MAPPING, "1:33: nested too deeply (more than 32 levels)"),
        ("a:\n" + "".join("  " * depth + "- b:\n" for depth in range(1, 2_000)), "17:35: nested too deeply (more than 32 levels)"),
    ],
    ids=["flow-sequences", "block-sequences", "flow-mappings", "block-mappings"],
)
def test_deep_nesting_stops_both_parsers_without_a_crash(parser: str, text: str, last_issue: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", READ_IN_CHILD, parser], input=text, cwd=ROOT, env=ENV,
        capture_output=True, text=True, timeout=CLI_TIMEOUT,
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.strip() == last_issue


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure"])
def test_the_342_byte_alias_bomb_is_rejected_at_once(fast: bool) -> None:
    bomb = BY_NAME["alias-bomb"].content.decode()
    assert len(bomb.encode()) == 342
    started = time.perf_counter()
    _, issues = read_yaml(bomb, fast=fast)
    assert time.perf_counter() - started < 1.0  # expanded, it would be 9**9 strings: minutes and gigabytes
    assert issues and all("anchors" in i.message or "aliases" in i.message for i in issues)


# ---------------------------------------------------------------------------------------------
# Real builds: the same answers from `mkdocs build --strict`, and accepted hostile text inert.

BUILD_SUBSET = [
    "alias-bomb", "tag-python", "duplicate-keys", "utf16-le", "latin1", "bidi-title", "date-with-time",
    "traversal-references", "script-in-summary", "source-url-breaks-link", "unclosed-div", "snippet-include",
    "homoglyph-id", "hidden-file",
]


@pytest.mark.build
def test_a_build_with_hostile_files_reports_the_same_problems_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    for name in BUILD_SUBSET:
        _place(project, BY_NAME[name])
    _fifo_entry(project)
    _link_out_of_tree(project)
    before = _tree_digest(project)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Invalid timeline entries" in result.stderr
    for name in BUILD_SUBSET:
        case = BY_NAME[name]
        for problem in case.problems:
            assert f"{case.path}:{problem}" in result.stderr.splitlines(), (name, problem)
    assert f"entries/2016/pipe.yaml:{NOT_REGULAR}" in result.stderr
    assert f"entries/2016/outside.yaml:{SYMLINK_MESSAGE}" in result.stderr.splitlines()
    assert "root:" not in result.stderr  # nothing of the link's target is read or shown
    assert not site.exists() or not any(site.rglob("*")), "a failed build wrote files"
    assert _tree_digest(project) == before


class _PageReader(HTMLParser):
    """What a browser would make live in a page: elements, attributes, scripts; and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str], tuple[str, ...]]] = []  # tag, attributes, ancestors
        self.scripts: list[tuple[str, str, str]] = []  # (type, src, inline text)
        self.text: dict[str, list[str]] = {"title": [], "h1": [], "article": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}, tuple(self.stack)))
        if tag == "script":
            self.scripts.append((dict(attrs).get("type") or "", dict(attrs).get("src") or "", ""))
        if tag not in {"meta", "link", "br", "hr", "img", "input", "source", "wbr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script" and self.scripts:
            kind, src, text = self.scripts[-1]
            self.scripts[-1] = (kind, src, text + data)
        for region in self.text:
            if region in self.stack:
                self.text[region].append(data)


def _read_page(html: str) -> _PageReader:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader


def _code(page: _PageReader) -> list[tuple[str, str]]:
    """The scripts a browser runs; asserting that every data script (JSON, JSON-LD) is whole JSON
    shows that no `</script>` in entry text ended one early."""
    code = []
    for kind, src, text in page.scripts:
        if kind in {"application/json", "application/ld+json"}:
            json.loads(text)
        else:
            code.append((src, text))
    return code


def _live_markup(page: _PageReader) -> list[str]:
    """Event handlers and unsafe link schemes anywhere, and elements in the article that Markdown
    itself does not produce (the theme's own, such as the edit button's icon, are in every page)."""
    found = []
    for tag, attrs, ancestors in page.elements:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "xlink:href"}:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"<{tag} {name}={value!r}>")
        if "article" in ancestors and tag in {"script", "style", "iframe", "object", "embed", "img", "svg", "form", "input", "math"}:
            found.append(f"<{tag}> in the article")
    return found


@pytest.mark.build
def test_accepted_hostile_text_is_literal_and_inert_in_a_real_build(project: Path, tmp_path: Path) -> None:
    for case in ACCEPTED:
        _place(project, case)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, timeout=300)
    assert result.returncode == 0, result.stderr
    # an event in no copy family, as the hostile ones are: no copy map, only the theme's own markup
    reference = _read_page((site / "events/lasso-shutdown/index.html").read_text(encoding="utf-8"))
    for case in ACCEPTED:
        page = _read_page((site / f"events/{case.entry_id}/index.html").read_text(encoding="utf-8"))
        doc, _ = read_yaml(case.content.decode("utf-8-sig"))
        title = doc.data["title"]  # type: ignore[index]
        assert "".join(page.text["title"]) == f"{title} - Fixture", case.name
        assert "".join(page.text["h1"]).removesuffix("¶") == title, case.name
        article = "".join(page.text["article"])
        for literal in case.literals:
            assert literal in article, (case.name, literal)
        assert _live_markup(page) == _live_markup(reference), f"{case.name}: markup the theme does not make"
        assert _code(page) == _code(reference), f"{case.name}: the page runs scripts the theme does not"
        if case.zh_literals:  # the Chinese page, against the Chinese page of the same reference
            page = _read_page((site / f"zh/events/{case.entry_id}/index.html").read_text(encoding="utf-8"))
            chinese = _read_page((site / "zh/events/lasso-shutdown/index.html").read_text(encoding="utf-8"))
            article = "".join(page.text["article"])
            for literal in case.zh_literals:
                assert literal in article, (case.name, literal)
            assert _live_markup(page) == _live_markup(chinese), f"{case.name}: Chinese page markup the theme does not make"
            assert _code(page) == _code(chinese), f"{case.name}: the Chinese page runs scripts the theme does not"
