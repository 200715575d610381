"""Security headers on every response, and redirects that never leave the site.

Plain ASGI middleware around the whole app (the site, the API, error answers, CORS
preflights). The Content-Security-Policy fits the site and its playground:

- scripts come from the site itself, plus the inline scripts mkdocs-material writes into
  every page, allowed by their hashes (``inline_script_hashes`` reads the built site once,
  at start); ``'wasm-unsafe-eval'`` lets Pyodide compile its WebAssembly;
- workers (search, Pyodide) and every other resource come from the site; images may also be
  ``data:`` URLs (the theme's icons); styles may be inline (CodeMirror writes its own);
- connections may go to any http(s) origin, because the playground's live endpoint is the
  reader's choice;
- no page may be framed, no plugin loaded, no form posted elsewhere.

A redirect's ``Location`` is made relative (path, query and fragment only), so a forged
``Host`` header is never reflected into one.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .asgi import HttpMiddleware

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)""", re.I)
"""A ``type`` other than JavaScript: a data block (``application/json``), never run."""

FIXED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    hashes = "".join(f" '{item}'" for item in sorted(script_hashes))
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval'{hashes}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "worker-src 'self'",
        "connect-src 'self' https: http:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def inline_script_hashes(site_dir: Path) -> set[str]:
    """``sha256-...`` of every distinct inline script in the site's HTML pages."""
    if not site_dir.is_dir():
        return set()
    found = set()
    for page in site_dir.rglob("*.html"):
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8", errors="replace")):
            attrs = match["attrs"]
            if "src=" in attrs.lower() or DATA_BLOCK.search(attrs):
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found


def relative_location(location: str) -> str:
    """An absolute (or scheme-relative) redirect target as a path on this site."""
    parts = urlsplit(location)
    if not (parts.scheme or parts.netloc or location.startswith(("//", "/\\"))):
        return location
    path = "/" + parts.path.lstrip("/\\")
    return (
        path
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


class SecurityHeadersMiddleware(HttpMiddleware):
    """Adds ``FIXED_HEADERS`` and the CSP to every HTTP response (headers the app already set
    win) and makes redirect targets relative."""

    def __init__(self, app: ASGIApp, *, policy: str) -> None:
        super().__init__(app)
        self.headers = {**FIXED_HEADERS, "content-security-policy": policy}

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if "location" in headers:
                    headers["location"] = relative_location(headers["location"])
            await send(message)

        await self.app(scope, receive, send_with_headers)
