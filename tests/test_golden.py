"""Golden Markdown: every page the fixture project renders, compared with tests/golden/.

The Markdown is our output (any engine can read it through `export`), so a change to a template
shows here as a reviewable diff. After an intended change, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py` and review `git diff tests/golden`.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"


def test_rendered_markdown_matches_the_golden_files(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("export", "--format", "md", "--site-url", "https://example.org/",
                     "--repo-url", "https://github.com/example/fixture", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    rendered = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for uri, text in rendered.items():
            (GOLDEN / uri).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / uri).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(rendered) == sorted(golden)
    for uri in sorted(rendered):
        assert rendered[uri] == golden[uri], f"{uri} differs from tests/golden/{uri}"
