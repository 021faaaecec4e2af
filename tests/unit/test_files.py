"""Finding and reading the files under entries/ without trusting them (load/files.py)."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from generator.load.files import MAX_FILE_BYTES, find_files, read_text


def _tree(root: Path) -> Path:
    entries = root / "entries"
    for relative in ("companies.yaml", "themes.yaml", "README.md", "2016/a.yaml", "2016/b.yaml", "2011/c.yaml"):
        (entries / relative).parent.mkdir(parents=True, exist_ok=True)
        (entries / relative).write_text("x: y\n", encoding="utf-8")
    return entries


def _found(entries: Path) -> tuple[list[str], list[str]]:
    files, problems = find_files(entries, entries.parent)
    return [f.display for f in files], [f"{p.path}: {p.message}" for p in problems]


def test_entries_are_year_folder_files_sorted_by_path(tmp_path: Path) -> None:
    files, problems = find_files(_tree(tmp_path), tmp_path)
    assert [f.display for f in files] == ["entries/2011/c.yaml", "entries/2016/a.yaml", "entries/2016/b.yaml"]
    assert [f.path for f in files] == [tmp_path / "entries" / f.display.removeprefix("entries/") for f in files]
    assert problems == []


def test_anything_out_of_place_is_a_problem_and_nothing_is_followed(tmp_path: Path) -> None:
    entries = _tree(tmp_path)
    outside = tmp_path / "secret.yaml"
    outside.write_text("x: y\n", encoding="utf-8")
    (entries / "2016/linked.yaml").symlink_to(outside)
    (entries / "2017").symlink_to(entries / "2016")
    (entries / "2016/d.yml").write_text("x: y\n", encoding="utf-8")
    (entries / "2016/.hidden.yaml").write_text("x: y\n", encoding="utf-8")
    (entries / "2016/folder.yaml").mkdir()
    (entries / "stray.yaml").write_text("x: y\n", encoding="utf-8")
    os.mkfifo(entries / "2016/pipe.yaml")
    files, problems = _found(entries)
    assert files == ["entries/2011/c.yaml", "entries/2016/a.yaml", "entries/2016/b.yaml"]
    assert sorted(problems) == [
        "entries/2016/.hidden.yaml: a hidden file (its name starts with '.') is never read; name an entry <id>.yaml",
        "entries/2016/d.yml: only <id>.yaml files belong in a year folder (use the .yaml extension)",
        "entries/2016/folder.yaml: not a regular file",
        "entries/2016/linked.yaml: symbolic links are not allowed in entries/",
        "entries/2016/pipe.yaml: not a regular file",
        "entries/2017: symbolic links are not allowed in entries/",
        "entries/stray.yaml: entries live in entries/<YYYY>/<id>.yaml; this is out of place",
    ]


@pytest.mark.parametrize(("data", "text", "message"), [
    (b"a: b\n", "a: b\n", None),
    (codecs.BOM_UTF8 + b"a: b\n", "a: b\n", None),
    ("a: caf\u00e9\n".encode(), "a: caf\u00e9\n", None),
    ("a: b\n".encode("utf-16"), None, "the file is UTF-16; save it as UTF-8"),
    ("a: b\n".encode("utf-16-le"), None, "the file is UTF-16; save it as UTF-8"),
    (b"a: b\nc: caf\xe9\n", None, "not valid UTF-8 (byte 0xE9); save the file as UTF-8"),
    (b"x" * (MAX_FILE_BYTES + 1), None, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB"),
])
def test_a_file_is_read_as_utf8_or_says_why_not(tmp_path: Path, data: bytes, text: str | None, message: str | None) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    read, problems = read_text(path, "entries/2016/x.yaml")
    assert read == text
    assert [p.message for p in problems] == ([message] if message else [])


def test_a_bad_byte_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: b\nc: caf\xe9\n")
    _, problems = read_text(path, "x.yaml")
    assert [(p.line, p.col) for p in problems] == [(2, 7)]


def test_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    assert [p.message for p in read_text(tmp_path / "pipe.yaml", "pipe.yaml")[1]] == ["not a regular file"]
