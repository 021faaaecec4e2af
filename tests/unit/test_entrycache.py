"""What a preview keeps between loads and builds: entry files read earlier (load/entrycache.py) and
generated pages as files rewritten only when they change (mkdocs_plugin/pagefiles.py). Dirty
builds that rely on both: tests/test_cache.py."""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.entrycache import EntryCache
from generator.load.project import load_project
from generator.mkdocs_plugin.pagefiles import PageFiles

ENTRY = "entries/2016/instagram-stories.yaml"


def test_the_entry_cache_rereads_changed_files_and_reports_problems_every_time(project: Path) -> None:
    cache: EntryCache[object] = EntryCache()
    entries = project / "entries"
    first = load_project(entries, cache=cache)
    assert first.project is not None
    entry = project / ENTRY
    stat = entry.stat()
    text = entry.read_text(encoding="utf-8")
    same_size = text.replace("Instagram launches Stories", "Instagram launchez Stories")
    entry.write_text(same_size, encoding="utf-8")
    os.utime(entry, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and modification time
    second = load_project(entries, cache=cache)
    assert second.project is not None
    assert "Instagram launchez Stories" in [e.title for e in second.project.entries]

    entry.write_text("title: [broken\n", encoding="utf-8")
    for _ in range(2):  # reported again on a load with nothing changed
        broken = load_project(entries, cache=cache)
        assert broken.project is None
        assert any(p.path == ENTRY and p.level == "error" for p in broken.problems)

    entry.unlink()
    gone = load_project(entries, cache=cache)
    assert gone.project is not None and [p for p in gone.problems if p.topic != "translation"] == []
    assert "instagram-stories" not in [e.id for e in gone.project.entries]


def test_page_files_are_rewritten_only_when_their_text_changes(tmp_path: Path) -> None:
    pages = PageFiles(tmp_path / "cache")
    pages.start("site-a")
    path = pages.path_for("events/a.md", "one")
    pages.path_for("events/b.md", "two")
    os.utime(path, ns=(0, 0))
    pages.start("site-a")
    assert pages.path_for("events/a.md", "one").stat().st_mtime_ns == 0  # same text: untouched
    assert pages.remove_others() == ["events/b.md"]
    assert pages.path_for("events/a.md", "changed").stat().st_mtime_ns > 0
    os.utime(path, ns=(0, 0))
    fresh = PageFiles(tmp_path / "cache")  # another process (a new `mkdocs serve`) compares with the file
    fresh.start("site-a")
    assert fresh.path_for("events/a.md", "changed").stat().st_mtime_ns == 0
    assert fresh.path_for("events/a.md", "again").stat().st_mtime_ns > 0
    pages.start("site-b")  # another output folder: start afresh
    assert not (tmp_path / "cache/events/a.md").exists()
