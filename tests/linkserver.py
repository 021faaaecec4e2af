"""Real servers on 127.0.0.1 for the link checker's tests: nothing here reaches the internet.

- `LinkServer`: a threaded HTTP server whose paths answer as their names say (200, 404, 410,
  301/308 chains, a redirect loop, 429 with Retry-After, 503 then 200, HEAD refused, ...) and that
  records every request it gets;
- `HangServer`: accepts connections and never answers;
- `GarbageServer`: answers every connection with bytes that are not HTTP, and closes it.
"""

from __future__ import annotations

import email.utils
import select
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# path -> (status, Location or None): a fixed answer
FIXED: dict[str, tuple[int, str | None]] = {
    "/ok": (200, None),
    "/missing": (404, None),
    "/gone": (410, None),
    "/forbidden": (403, None),
    "/always-503": (503, None),
    "/moved": (301, "/moved-again"),
    "/moved-again": (308, "/new-home"),
    "/new-home": (200, None),
    "/moved-then-temporary": (301, "/temporary-hop"),
    "/temporary-hop": (302, "/ok"),
    "/temporary": (307, "/ok"),
    "/moved-to-missing": (301, "/missing"),
    "/loop-a": (301, "/loop-b"),
    "/loop-b": (301, "/loop-a"),
}
# path -> the answers it gives in turn; afterwards the last one
SEQUENCES: dict[str, list[tuple[int, dict[str, str]]]] = {
    "/busy-seconds": [(429, {"Retry-After": "1"}), (200, {})],
    "/busy-date": [(429, {"Retry-After": "<date+1>"}), (200, {})],
    "/flaky": [(503, {}), (200, {})],
}


class LinkServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, float]] = []  # method, path, time
        self._lock = threading.Lock()
        self._turns: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer(with_body=False)

            def do_GET(self) -> None:
                self._answer(with_body=True)

            def _answer(self, with_body: bool) -> None:
                path = self.path
                with server._lock:
                    server.requests.append((self.command, path, time.monotonic()))
                    turn = server._turns[path]
                    server._turns[path] += 1
                headers: dict[str, str] = {}
                if path == "/no-head" and self.command == "HEAD":
                    status = 405
                elif path in ("/no-head", "/ok") or path.startswith("/ok/"):
                    status = 200
                elif path in FIXED:
                    status, location = FIXED[path]
                    if location:
                        headers["Location"] = location
                elif path in SEQUENCES:
                    steps = SEQUENCES[path]
                    status, headers = steps[min(turn, len(steps) - 1)]
                    headers = {k: (email.utils.formatdate(time.time() + 1, usegmt=True) if v == "<date+1>" else v)
                               for k, v in headers.items()}
                else:
                    status = 404
                body = b"answer\n" if with_body else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(b"answer\n")))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path, _ in self.requests]

    def __enter__(self) -> LinkServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _RawServer:
    """A listening socket served by one thread with select: no thread per connection."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def url(self, path: str = "/", scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def _loop(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.sock], [], [], 0.05)
            if ready:
                connection, _ = self.sock.accept()
                self.accepted += 1
                self.handle(connection)

    def handle(self, connection: socket.socket) -> None:
        raise NotImplementedError

    def __enter__(self) -> _RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()
        self.sock.close()


class HangServer(_RawServer):
    def handle(self, connection: socket.socket) -> None:
        self._held.append(connection)  # accepted, never read, never answered


class GarbageServer(_RawServer):
    def handle(self, connection: socket.socket) -> None:
        try:
            connection.sendall(b"\x00\xffSSH-2.0-not-http\r\n\x16\x03garbage\r\n\r\n")
        finally:
            connection.close()
