"""httpx transports that answer with the mock server's own application, without a socket.

``AsyncStatsrefTransport`` hands each request to the Starlette app ``statsref serve`` runs
(``create_app``) through ``httpx.ASGITransport``, so every rule, status, body and header is
the server's own. ``StatsrefTransport`` does the same for ``httpx.Client``, on an event loop of
its own in a background thread (anyio's blocking portal), started with the first request.

The app's lifespan (its startup work) runs before the first request and ends when the
transport is closed; a closed transport starts again on its next request, keeping its dataset.
The dataset is lazy: each site's days are built when a query first reads them.
The wire adds two headers the app does not set, ``date`` and ``server``; they are absent here.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from collections.abc import Iterable
from datetime import datetime

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal
from starlette.applications import Starlette

from statsref.defaults import DEMO_KEY
from statsref.engine import read_sites_file
from statsref.server.app import create_app
from statsref.server.settings import Settings


def _settings(
    now: datetime | None,
    keys: Iterable[str],
    rate_limit: int,
    sites: str | os.PathLike[str] | None,
) -> Settings:
    """The server's settings for a transport's arguments, checked: a clock with its UTC offset,
    at least one key, a rate limit of 0 (none) or more, a sites file the mock can read (a bad
    one raises ``SitesFileError`` naming the file and key). No site, a lazy dataset, and no
    limit of queries in flight (every request of a test comes from one client)."""
    if now is not None and now.tzinfo is None:
        raise ValueError(f"now needs a UTC offset (e.g. tzinfo=UTC), got {now.isoformat()!r}")
    if isinstance(keys, str):
        raise TypeError(f"keys takes a sequence of keys, such as ({keys!r},), not a string")
    accepted = frozenset(keys)
    if not accepted or not all(isinstance(key, str) and key for key in accepted):
        raise ValueError(f"keys needs at least one non-empty string, got {keys!r}")
    if rate_limit < 0:
        raise ValueError(f"rate_limit must be 0 (unlimited) or more, got {rate_limit}")
    return Settings(
        site_dir=None,
        sites=read_sites_file(sites) if sites is not None else None,
        now=now,
        keys=accepted,
        rate_limit=rate_limit,
        queries_per_client=0,
        lazy_dataset=True,
    )


class _ServerApp:
    """What both transports hold: the app ``statsref serve`` runs, whose lifespan starts with
    the first request and ends with ``_stop``."""

    def __init__(
        self,
        now: datetime | None = None,
        keys: Iterable[str] = (DEMO_KEY,),
        rate_limit: int = 0,
        sites: str | os.PathLike[str] | None = None,
    ) -> None:
        """``now`` pins the clock (default: the current time, as ``statsref serve`` without
        ``--now``); ``keys`` are the accepted API keys; ``rate_limit`` is requests per hour
        per key (0: no limit); ``sites`` a sites file whose sites replace the demo sites."""
        self.app: Starlette = create_app(_settings(now, keys, rate_limit, sites))
        self._asgi = httpx.ASGITransport(app=self.app)
        self._running: contextlib.AsyncExitStack | None = None

    async def _answer(self, request: httpx.Request) -> httpx.Response:
        if self._running is None:
            self._running = contextlib.AsyncExitStack()
            await self._running.enter_async_context(self.app.router.lifespan_context(self.app))
        response = await self._asgi.handle_async_request(request)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        body = b"".join([part async for part in response.stream])
        # A ByteStream reads both ways, so the sync transport can return this response as it is.
        return httpx.Response(
            response.status_code, headers=response.headers, stream=httpx.ByteStream(body)
        )

    async def _stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            await running.aclose()


class AsyncStatsrefTransport(_ServerApp, httpx.AsyncBaseTransport):
    """``httpx.AsyncClient(transport=AsyncStatsrefTransport(), base_url=...)``: the mock server
    in process, on the client's event loop."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._answer(request)

    async def aclose(self) -> None:
        """End the app's lifespan; the next request starts it again."""
        await self._stop()


class StatsrefTransport(_ServerApp, httpx.BaseTransport):
    """``httpx.Client(transport=StatsrefTransport(), base_url=...)``: the mock server in
    process, on an event loop of its own in a background thread."""

    _starting = threading.Lock()
    """Guards the start and the stop of every transport's loop thread (a rare event)."""
    _thread: contextlib.ExitStack | None = None
    _portal: BlockingPortal | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # the body as a ByteStream, which the event loop's side can read
        return self._started().call(self._answer, request)

    def _started(self) -> BlockingPortal:
        with self._starting:
            if self._portal is None:
                self._thread = contextlib.ExitStack()
                self._portal = self._thread.enter_context(start_blocking_portal())
                atexit.register(self.close)
            return self._portal

    def close(self) -> None:
        """End the app's lifespan and stop the event loop's thread (until the next request).

        A transport left open is closed at exit: the loop's thread is a daemon, frozen once the
        interpreter finalizes, and stopping its portal later (when the garbage collector
        closes it) would wait for it for ever."""
        with self._starting:
            portal, thread = self._portal, self._thread
            self._portal = self._thread = None
        if portal is not None and thread is not None:
            atexit.unregister(self.close)
            with thread:
                portal.call(self._stop)
