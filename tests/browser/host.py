"""Another site, for the embedded widget: a bare static server on its own loopback port (so
its own origin) serving the HTML pages put in it, with the headers given. The browser tests
(``test_embed.py``) and ``benchmarks/browser.py`` embed the site in its pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HostPages:
    """The pages of the other site: path -> (HTML, extra headers)."""

    def __init__(self) -> None:
        self.origin = ""  # set once the server has its port
        self.pages: dict[str, tuple[str, dict[str, str]]] = {}

    def put(self, path: str, html: str, headers: dict[str, str] | None = None) -> str:
        """Serve ``html`` at ``path`` (``/name.html``); returns its URL."""
        self.pages[path] = (html, headers or {})
        return f"{self.origin}{path}"


def _handler(host: HostPages) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = host.pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, headers = found[0].encode(), found[1]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def host_pages() -> Iterator[HostPages]:
    """The other site, on a free loopback port, for as long as the block runs."""
    host = HostPages()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(host))
    host.origin = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield host
    finally:
        server.shutdown()
        server.server_close()
