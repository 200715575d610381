"""One log line per request: client, method, path, status, duration and size.

Written as plain ASGI middleware so it sees every response, including errors produced by the
exception handlers and CORS preflights. It reads no header, so the API key cannot leak into
the log, and it logs the path without the query string, its control characters escaped so a
request cannot forge a line.
"""

from __future__ import annotations

import logging
import time

from starlette.types import Message, Receive, Scope, Send

from .asgi import HttpMiddleware
from .logs import printable

log = logging.getLogger("statsref.server.access")


class AccessLogMiddleware(HttpMiddleware):
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = 500
        size = 0

        async def send_logged(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_logged)
        finally:
            client = scope.get("client") or ("-", 0)
            log.info(
                '%s "%s %s" %d %.1f ms %d B',
                client[0],
                printable(scope["method"]),
                printable(scope["path"]),
                status,
                (time.perf_counter() - started) * 1000,
                size,
            )
