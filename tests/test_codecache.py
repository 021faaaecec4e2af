"""Code compiled once and kept: read back when nothing it is made from changed, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator import codecache, validate

SOURCE = "def answer():\n    return 42\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(codecache, "_folder", lambda: tmp_path)
    return tmp_path


def _run(code: object) -> object:
    namespace: dict[str, object] = {}
    exec(code, namespace)  # type: ignore[arg-type]
    return namespace["answer"]()  # type: ignore[operator]


def _not_called() -> str:
    raise AssertionError("compiled again")


def test_code_is_compiled_once_and_then_read_back(folder: Path) -> None:
    assert _run(codecache.cached_code("v1", lambda: SOURCE, "<answer>")) == 42
    assert len(list(folder.glob("copycat-valley-*.code"))) == 1
    assert _run(codecache.cached_code("v1", _not_called, "<answer>")) == 42


def test_a_change_in_what_the_code_is_made_from_compiles_it_again(folder: Path) -> None:
    codecache.cached_code("v1", lambda: SOURCE, "<answer>")
    changed = codecache.cached_code("v2", lambda: SOURCE.replace("42", "43"), "<answer>")
    assert _run(changed) == 43
    assert len(list(folder.glob("copycat-valley-*.code"))) == 2


def test_a_damaged_file_is_compiled_again(folder: Path) -> None:
    codecache.cached_code("v1", lambda: SOURCE, "<answer>")
    [kept] = folder.glob("copycat-valley-*.code")
    kept.write_bytes(b"\x00not marshal data")
    assert _run(codecache.cached_code("v1", lambda: SOURCE, "<answer>")) == 42
    assert _run(codecache.cached_code("v1", _not_called, "<answer>")) == 42  # and written anew


def test_without_a_safe_folder_the_code_is_compiled_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codecache, "_folder", lambda: None)
    calls = []

    def source() -> str:
        calls.append(1)
        return SOURCE

    codecache.cached_code("v1", source, "<answer>")
    codecache.cached_code("v1", source, "<answer>")
    assert len(calls) == 2


def test_the_kept_schema_validator_judges_as_a_freshly_compiled_one(folder: Path) -> None:
    import fastjsonschema

    validate._accepts.cache_clear()
    try:
        kept = validate._accepts("entry")
        validate._accepts.cache_clear()
        read_back = validate._accepts("entry")
        fresh = fastjsonschema.compile(validate._inlined("entry"))
        good = yaml.safe_load(next((ROOT / "entries").glob("*/*.yaml")).read_text(encoding="utf-8"))
        bad = [{**good, "kind": "rumour"}, {**good, "date": "2016\n"}, {**good, "extra": 1}, {}]
        judged = []
        for data in [good, *bad]:
            verdicts = set()
            for validator in (kept, read_back, fresh):
                try:
                    validator(data)
                    verdicts.add(True)
                except fastjsonschema.JsonSchemaException:
                    verdicts.add(False)
            judged.append(verdicts)
        assert judged == [{True}, {False}, {False}, {False}, {False}]
        assert len(list(folder.glob("copycat-valley-*.code"))) == 1
    finally:
        validate._accepts.cache_clear()
