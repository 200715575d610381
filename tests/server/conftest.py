"""Fixtures for the server tests: settings with a small dataset and a pinned clock, the app
through Starlette's TestClient, and real uvicorn servers on free loopback ports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.testclient import TestClient

from statsref.cli import DEMO_KEY
from statsref.server.app import create_app
from statsref.server.settings import Settings

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
AUTH = {"Authorization": f"Bearer {DEMO_KEY}"}
SMALL_DATASET = 3_000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fast server: small dataset, pinned clock, no site (tests add one when they need it)."""
    return Settings(site_dir=tmp_path / "no-site", dataset_size=SMALL_DATASET, now=NOW)


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """``make_client(settings, **overrides)``: a TestClient with the lifespan running."""
    clients: list[TestClient] = []

    def make(settings: Settings, **overrides) -> TestClient:
        client = TestClient(
            create_app(replace(settings, **overrides)), raise_server_exceptions=False
        )
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client, settings: Settings) -> TestClient:
    return make_client(settings)


def _free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(app: Starlette) -> tuple[uvicorn.Server, threading.Thread, str]:
    # uvicorn binds the port itself: handing it a pre-bound socket costs ~40 ms per request
    # on Linux loopback (delayed ACKs), which would make the fuzz run ten times slower.
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
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
def start_server() -> Iterator[Callable[[Starlette], str]]:
    """``start_server(app)`` runs ``app`` on real uvicorn in a thread and returns its base URL;
    every server started is stopped when the module's tests are done."""
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: Starlette) -> str:
        server, thread, url = _serve(app)
        running.append((server, thread))
        return url

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def closed_port() -> int:
    return _free_port()
