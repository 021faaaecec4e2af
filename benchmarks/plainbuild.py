"""The plain build the plugin's build is compared with: the same pages as plain Markdown built
by MkDocs without the plugin, then the same search index over the same pages.

Readers of both sites get search; without the second step the comparison would charge the
plugin's build alone for Pagefind. Usage: plainbuild.py SITE_DIR (run in the plain project).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.mkdocs_plugin.pagefind import index_site
from generator.site.searchindex import is_searched


def searched_pages(site: Path) -> list[str]:
    """The HTML files of the pages the plugin would index, found from the built site."""
    pages = []
    for page in site.rglob("index.html"):
        address = page.relative_to(site).parent.as_posix()
        source = "index.md" if address == "." else f"{address}.md"
        if not source.startswith(("assets/", "pagefind/")) and is_searched(source):
            pages.append(page.relative_to(site).as_posix())
    return pages


def main() -> int:
    site = Path(sys.argv[1])
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site)], check=True)
    count, seconds = index_site(site, searched_pages(site))
    print(f"Indexed {count} pages for search in {seconds:.2f} seconds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
