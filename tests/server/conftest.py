"""Fixtures for the server tests: settings with a small dataset and a pinned clock, the app
through ``httpx.ASGITransport`` (lifespan included), and real uvicorn servers on free
loopback ports."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from statsref.defaults import DEMO_KEY
from statsref.server.app import create_app
from statsref.server.settings import Settings

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
SMALL_DATASET = 3_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fast server: small dataset, pinned clock, no site (tests add one when they need it)."""
    return Settings(site_dir=tmp_path / "no-site", dataset_size=SMALL_DATASET, now=NOW)


MakeApp = Callable[..., Awaitable[Starlette]]
MakeClient = Callable[..., Awaitable[httpx.AsyncClient]]
Connect = Callable[..., httpx.AsyncClient]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def make_app() -> AsyncIterator[MakeApp]:
    """``await make_app(settings, **overrides)``: a fresh app whose lifespan (dataset build,
    proxy shutdown) runs around the test."""
    async with contextlib.AsyncExitStack() as stack:

        async def make(settings: Settings, **overrides) -> Starlette:
            app = create_app(replace(settings, **overrides))
            await stack.enter_async_context(app.router.lifespan_context(app))
            return app

        yield make


@pytest.fixture
async def connect() -> AsyncIterator[Connect]:
    """``connect(app, address="127.0.0.1")``: an httpx client of ``app`` whose requests come
    from ``address``."""
    async with contextlib.AsyncExitStack() as stack:

        def make(app: Starlette, address: str = "127.0.0.1") -> httpx.AsyncClient:
            transport = httpx.ASGITransport(
                app=app, raise_app_exceptions=False, client=(address, 1234)
            )
            client = httpx.AsyncClient(transport=transport, base_url="http://testserver")
            stack.push_async_callback(client.aclose)
            return client

        yield make


@pytest.fixture
async def make_client(make_app: MakeApp, connect: Connect) -> MakeClient:
    """``await make_client(settings, **overrides)``: an httpx client for a fresh app."""

    async def make(settings: Settings, **overrides) -> httpx.AsyncClient:
        return connect(await make_app(settings, **overrides))

    return make


@pytest.fixture
async def client(make_client: MakeClient, settings: Settings) -> httpx.AsyncClient:
    return await make_client(settings)


def _free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(app: Starlette, **options: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    # uvicorn binds the port itself: handing it a pre-bound socket costs ~40 ms per request
    # on Linux loopback (delayed ACKs), which would make the fuzz run ten times slower.
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, **options
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def start_server() -> Iterator[Callable[..., str]]:
    """``start_server(app, **uvicorn_options)`` runs ``app`` on real uvicorn in a thread and
    returns its base URL; every server started is stopped when the module's tests are done."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: Starlette, **options: Any) -> str:
        server, thread, url = _serve(app, **options)
        running.append((server, thread))
        return url

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def closed_port() -> int:
    return _free_port()
