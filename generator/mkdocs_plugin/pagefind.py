"""The site's search index: Pagefind run over the built HTML at the end of every build.

Pagefind writes a static index in small chunks under `pagefind/`; the search box (search.js)
loads it only when a reader starts to search, and only the chunks a query needs. Only the pages
`searchindex.is_searched` names are given to the indexer (copies in a temporary folder, with the
inner words of Chinese runs added to pages that are not Chinese, see `han_suffixes`), so the
HTML readers get is the HTML MkDocs wrote. Pagefind keeps one index per `<html lang>`: an
edition in another language gets its own without any setting here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from html import escape
from pathlib import Path

from pagefind.service import get_executable

from generator.site.searchindex import han_suffixes

OUTPUT_DIR = "pagefind"
_LANG = re.compile(r"<html[^>]*\blang=\"([^\"]*)\"", re.IGNORECASE)
_SEGMENTED = ("zh", "ja", "th")  # languages Pagefind's extended build segments itself
_HAN_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Theme parts inside the article that are not its text: heading anchors, the edit buttons, the
# page's dates.
_NOT_INDEXED = (".headerlink", ".md-content__button", ".md-source-file")


class Superseded(Exception):
    """A newer build began while the index was made: its own index replaces this one."""


def index_site(site_dir: Path, pages: Iterable[str], still_current: Callable[[], bool] = lambda: True,
               site_lock: AbstractContextManager[object] = nullcontext()) -> tuple[int, float]:
    """Index `pages` (paths of HTML files relative to `site_dir`) into `site_dir/pagefind/`,
    replacing the previous index. Returns the number of pages indexed and the seconds it took.

    Under `mkdocs serve` the index is made beside the server while a newer build may begin, which
    cleans the site and rewrites its pages: `still_current` says whether one has begun. If it has,
    the copies may be half-written and the index is dropped (raising Superseded): the newer
    build's own index follows. Pagefind writes into a folder of its own; only the finished index
    enters the site, under `site_lock`, which a build takes before it cleans or writes the site:
    the site never has a half-written index, and a build never finds one being moved."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="copycat-search-") as staging:
        copies, output = Path(staging) / "site", Path(staging) / OUTPUT_DIR
        count = 0
        for page in pages:
            source = site_dir / page
            try:
                html = source.read_text(encoding="utf-8")
            except OSError:  # not built: the page list and the site disagree only if a build failed
                continue
            target = copies / page
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = indexed_copy(html)
            if copy is html:
                _link_or_copy(source, target)  # most pages: the indexer reads the built file itself
            else:
                target.write_text(copy, encoding="utf-8")
            count += 1
        if not still_current():
            raise Superseded
        try:
            _index(copies, output)
        except Exception:
            if still_current():
                raise
            raise Superseded from None  # a newer build rewrote the pages while Pagefind read them
        with site_lock:
            if not still_current():
                raise Superseded
            _replace_dir(output, site_dir / OUTPUT_DIR)
    return count, time.perf_counter() - started


def _replace_dir(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, with the moment between the two renames as the only gap
    (`fresh` is first moved beside `target`, a rename too when both are on one file system)."""
    beside, old = (target.with_name(target.name + suffix) for suffix in (".new", ".old"))
    for leftover in (beside, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.move(fresh, beside)
    if target.exists():
        target.rename(old)
    beside.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


def _index(copies: Path, output: Path) -> None:
    """Run Pagefind's command line over the page copies in `copies`, writing the index to `output`.
    Not its Python API: that API's service answers "written" while the last writes may still be
    under way and is then stopped, which on a busy CPU leaves files of the index cut short
    (Pagefind/pagefind#1271, fixed after 1.5.2); the command line finishes every write before it
    exits."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("the pagefind binary is not installed (pip package pagefind[extended])")
    command = [str(binary), "--site", str(copies), "--output-path", str(output), "--quiet"]
    for selector in _NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"pagefind exited with {result.returncode}" + (f": {said[-1]}" if said else ""))


def indexed_copy(html: str) -> str:
    """The page as the indexer reads it: in a language Pagefind does not segment, the inner words
    of each Chinese run in the article (Material ends it with </article>) follow it as one more
    indexed block."""
    match = _LANG.search(html)
    lang = (match.group(1) if match else "").lower()
    if lang.split("-")[0] in _SEGMENTED:
        return html
    start = html.find("data-pagefind-body")
    article = html[start:html.find("</article>", start)] if start >= 0 else ""  # not the navigation
    words = han_suffixes(article) if _HAN_CHAR.search(article) else []
    if not words:
        return html
    block = '<div data-pagefind-body><p>' + escape(" ".join(words)) + "</p></div>"
    head, tail = html.rsplit("</body>", 1) if "</body>" in html else (html, "")
    return head + block + "</body>" + tail
