"""The connection guards on real uvicorn and real sockets: half-sent requests get a 408 and
are closed, silent connections are closed, a full server sheds its idlest connection, and
only a server whose every connection has a request in progress answers 503."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from statsref.server.app import create_app
from statsref.server.connections import (
    accept_backlog,
    canned_response,
    connection_cap,
    guarded_protocol,
)
from statsref.server.settings import Settings

from .conftest import AUTH, NOW, SMALL_DATASET
from .test_app import QUERY

DEADLINE = 0.5
CAP = 8
PATIENCE = 10.0
"""Generous: the longest a test waits for an answer the guard gives after ``DEADLINE``."""
HALF_HEADERS = b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nContent-Le"


async def slow(request: Request) -> JSONResponse:
    await asyncio.sleep(float(request.query_params.get("s", "1.5")))
    return JSONResponse({"slept": True})


SLOW_APP = Starlette(routes=[Route("/slow", slow)])


@pytest.fixture(scope="module")
def guarded(start_server, tmp_path_factory) -> str:
    """The mock on uvicorn with a 0.5 s request deadline and a cap of 8 connections."""
    settings = Settings(
        site_dir=tmp_path_factory.mktemp("none") / "site",
        dataset_size=SMALL_DATASET,
        now=NOW,
        rate_limit=0,
    )
    return start_server(
        create_app(settings),
        http=guarded_protocol(max_connections=CAP, request_seconds=DEADLINE),
    )


@pytest.fixture(scope="module")
def guarded_slow_app(start_server) -> str:
    return start_server(
        SLOW_APP, http=guarded_protocol(max_connections=CAP, request_seconds=DEADLINE)
    )


def connect(url: str, first_bytes: bytes = b"") -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=PATIENCE)
    if first_bytes:
        sock.sendall(first_bytes)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends before it closes the connection (a reset closes it too:
    a connection shed before the server read its first bytes gets one)."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def assert_408(answer: bytes) -> None:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert json.loads(body) == {"error": f"The request did not arrive within {DEADLINE:g} s."}


def test_half_sent_headers_get_a_408_and_are_closed(guarded):
    """Once held for ever: 4,000 such connections stayed open for 65 s and more."""
    with connect(guarded, HALF_HEADERS) as sock:
        assert_408(read_until_closed(sock))


def test_a_trickled_body_gets_a_408_without_a_logged_failure(guarded, caplog):
    body = json.dumps(QUERY).encode()
    head = (
        b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-key\r\n"
        b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    )
    with caplog.at_level(logging.WARNING), connect(guarded, head + body[:10]) as sock:
        assert_408(read_until_closed(sock))
        time.sleep(0.2)  # the app sees the disconnect
    assert "unhandled error" not in caplog.text


def test_a_silent_connection_is_closed_without_an_answer(guarded):
    with connect(guarded) as sock:
        started = time.monotonic()
        assert read_until_closed(sock) == b""
        assert time.monotonic() - started < PATIENCE


def test_a_request_in_progress_is_never_cut(guarded_slow_app):
    """The deadline covers receiving a request, not the app's work on it."""
    response = httpx.get(f"{guarded_slow_app}/slow?s={DEADLINE * 3}", timeout=PATIENCE)
    assert response.json() == {"slept": True}


def test_keep_alive_requests_each_get_the_deadline(guarded):
    with httpx.Client(base_url=guarded, timeout=PATIENCE) as client:
        for _ in range(3):
            assert client.post("/api/v2/query", json=QUERY, headers=AUTH).status_code == 200
            time.sleep(DEADLINE / 2)


def test_a_full_server_sheds_the_connection_that_waited_longest(guarded):
    half_open = [connect(guarded, HALF_HEADERS) for _ in range(CAP)]
    try:
        time.sleep(0.05)
        health = httpx.get(f"{guarded}/health", timeout=PATIENCE)
        assert health.status_code == 200
        half_open[0].settimeout(PATIENCE)
        assert_408(read_until_closed(half_open[0]))
    finally:
        for sock in half_open:
            sock.close()


def test_the_issue_reproduction_scaled_down(guarded):
    """Many more half-open connections than the cap: the server keeps answering, and every
    one of them is closed within the deadline."""
    half_open = [connect(guarded, HALF_HEADERS) for _ in range(CAP * 25)]
    try:
        assert httpx.get(f"{guarded}/health", timeout=PATIENCE).status_code == 200
        for sock in half_open:
            read_until_closed(sock)  # a 408, a 503 or nothing, then closed
    finally:
        for sock in half_open:
            sock.close()


def test_503_only_when_every_connection_has_a_request_in_progress(guarded_slow_app):
    async def scenario() -> list[int]:
        limits = httpx.Limits(max_connections=CAP + 1, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=guarded_slow_app, limits=limits) as client:
            busy = [
                asyncio.create_task(client.get("/slow?s=2", timeout=PATIENCE)) for _ in range(CAP)
            ]
            await asyncio.sleep(0.5)
            extra = await client.get("/slow?s=0", timeout=PATIENCE)
            assert extra.headers["retry-after"] == "1"
            assert "connections with a request in progress" in extra.json()["error"]
            return [extra.status_code] + [(await task).status_code for task in busy]

    assert asyncio.run(scenario()) == [503] + [200] * CAP


def test_canned_responses_are_complete_http():
    answer = canned_response(503, "Service Unavailable", "busy", "retry-after: 1")
    assert answer == (
        b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n"
        b'content-length: 17\r\nconnection: close\r\nretry-after: 1\r\n\r\n{"error": "busy"}'
    )


def test_the_cap_stays_under_the_file_descriptor_limit(monkeypatch):
    resource = pytest.importorskip("resource")
    monkeypatch.setattr(resource, "getrlimit", lambda which: (256, 4096))
    assert connection_cap(1000) == 128
    assert connection_cap(100) == 100
    assert accept_backlog(128) == 16 and accept_backlog(1000) == 125


def test_a_query_whose_client_left_stops_waiting_for_the_dataset(start_server, tmp_path, caplog):
    """A client that sends a query and leaves no longer holds a worker until the dataset is
    free: its query gives up (logged 499) while another still holds the dataset."""
    settings = Settings(
        site_dir=tmp_path / "site", dataset_size=SMALL_DATASET, now=NOW, rate_limit=0
    )
    app = create_app(settings)
    url = start_server(app, http=guarded_protocol(max_connections=CAP, request_seconds=PATIENCE))
    datasets = app.state.statsref.datasets
    body = json.dumps(QUERY).encode()
    request = (
        b"POST /api/v2/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"Authorization: {AUTH['Authorization']}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    caplog.set_level(logging.INFO, logger="statsref.server.access")
    with datasets.get(datasets.now()).turns.hold():
        with connect(url, request):
            time.sleep(0.3)  # read, authorised, waiting for the dataset
        waited = time.monotonic()
        while not any(" 499 " in r.getMessage() for r in caplog.records):
            assert time.monotonic() - waited < PATIENCE, "the query kept waiting"
            time.sleep(0.05)
    answer = httpx.post(f"{url}/api/v2/query", json=QUERY, headers=AUTH, timeout=PATIENCE)
    assert answer.status_code == 200
