"""A static server for the built site that compresses as GitHub Pages does, for the page-weight,
query and Lighthouse measurements (webperf.py): text answered with gzip when the browser asks,
everything else as stored. Run alone: `python benchmarks/webserver.py site/ [PORT]`.
"""

from __future__ import annotations

import gzip
import http.server
import sys
import threading
from functools import partial
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml", "application/wasm", "application/feed+json", "application/atom+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzipped (level 6) when Accept-Encoding allows it, with Content-Length."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".wasm": "application/wasm", ".json": "application/json"}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        data = path.read_bytes()
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if wants_gzip and kind.startswith(COMPRESSED_TYPES):
            data = gzip.compress(data, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages
        self.end_headers()
        self.body = data
        return _Body(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


class _Body:
    """What send_head returns: copyfile() reads it once, then it is closed."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class SiteServer:
    """The site on 127.0.0.1 in a background thread: `with SiteServer(site) as base: ...`."""

    def __init__(self, site: Path, port: int = 0) -> None:
        handler = partial(GzipHandler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> str:
        self.thread.start()
        return self.base

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    with SiteServer(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8001) as base:
        print(f"serving {sys.argv[1]} at {base} (gzip)", flush=True)
        threading.Event().wait()
