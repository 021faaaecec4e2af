"""A small JSON file of recent results, by address, so a rerun within a day asks no server again.

The file is only ever a hint: one that is missing, damaged or from another version is ignored
(and replaced on the next save), and a result older than `max_age` is checked again.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from generator.links.checker import Result

VERSION = 1
DEFAULT_MAX_AGE = 24 * 3600.0


class ResultCache:
    def __init__(self, path: Path | None, max_age: float = DEFAULT_MAX_AGE) -> None:
        self.path = path
        self.max_age = max_age
        self.results: dict[str, Result] = {}
        if path is not None:
            self.results = self._read(path)

    def _read(self, path: Path) -> dict[str, Result]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("results"), dict):
            return {}
        fresh_after = time.time() - self.max_age
        kept = {}
        for url, item in data["results"].items():
            result = Result.from_json(item)
            if result is not None and result.url == url and fresh_after <= result.checked <= time.time() + 60:
                kept[url] = result
        return kept

    def get(self, url: str) -> Result | None:
        return self.results.get(url)

    def update(self, results: Iterable[Result]) -> None:
        for result in results:
            if result.requested:  # an address given up without a request is tried again next run
                self.results[result.url] = result

    def save(self) -> None:
        """Written to a temporary file and renamed, so a crash never leaves half a file."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, "results": {url: r.to_json() for url, r in sorted(self.results.items())}}
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".links-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, indent=1, ensure_ascii=False)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
