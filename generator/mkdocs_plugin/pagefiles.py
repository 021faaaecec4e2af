"""What the MkDocs plugin keeps between the rebuilds of `mkdocs serve --dirty`, so that a
preview after a one-entry edit rebuilds only the pages that changed: generated pages are written
to files under a cache folder (never into docs/ or entries/), and a file is rewritten only when its
text changed. MkDocs' dirty build compares a page's source time with its output's, so it converts
and renders only the changed pages. (The templates' compiled code, which each rebuild would
otherwise compile again, is kept by site.templating.CompiledTemplates.)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class PageFiles:
    """Generated pages as files in `folder`, each rewritten only when its content changes.

    The folder belongs to one output folder (`owner`): a build into another folder, or a clean
    build, starts it afresh, since the output it was compared with is gone or rebuilt.
    """

    OWNER_FILE = ".owner"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._written: set[str] = set()
        # What this process last wrote or read for each page: under `mkdocs serve`, where one
        # PageFiles lasts for every rebuild, an unchanged page is known without reading its file.
        self._on_disk: dict[str, str] = {}

    def start(self, owner: str) -> None:
        """Prepare for a build into `owner`; empty the folder if it was made for another one."""
        marker = self.folder / self.OWNER_FILE
        try:
            same = marker.read_text(encoding="utf-8") == owner
        except OSError:
            same = False
        if not same:
            self.clear()
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.write_text(owner, encoding="utf-8")
        self._written = set()

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self._on_disk = {}

    def path_for(self, uri: str, content: str) -> Path:
        """The file holding `content` for the page `uri`, written only if its text differs."""
        path = self.folder / uri
        unchanged = self._on_disk.get(uri) == content and path.is_file()
        if not unchanged and uri not in self._on_disk:
            try:
                unchanged = path.read_text(encoding="utf-8") == content
            except (OSError, UnicodeDecodeError):
                unchanged = False
        if not unchanged:
            data = content.encode("utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
                temporary.write(data)
            os.replace(temporary.name, path)  # never a half-written page, even for a reader
        self._on_disk[uri] = content
        self._written.add(uri)
        return path

    def remove_others(self) -> list[str]:
        """Delete the files of pages not written in this build; returns their uris."""
        start = len(str(self.folder)) + 1  # a file's uri is its path after the folder's
        gone = []
        for folder, _, names in os.walk(self.folder):
            for name in names:
                path = os.path.join(folder, name)
                uri = path[start:].replace(os.sep, "/")
                if uri != self.OWNER_FILE and uri not in self._written:
                    os.remove(path)
                    self._on_disk.pop(uri, None)
                    gone.append(uri)
        return sorted(gone)
