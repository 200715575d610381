"""The live proxy against real upstream servers on loopback: our own mock as a well-behaved
upstream, a stub that is slow, trickles, answers HTML or too much, sets cookies or reports
what it received, and a raw socket server that answers an invalid status."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, StreamingResponse
from starlette.routing import Route

from statsref.server import proxy as proxy_module
from statsref.server.app import create_app
from statsref.server.auth import MISSING_KEY
from statsref.server.settings import Settings

from .conftest import AUTH, NOW, SMALL_DATASET
from .test_app import QUERY, assert_error

pytestmark = pytest.mark.anyio

SLOW_SECONDS = 3.0


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "authorization": request.headers.get("authorization"),
            "body": (await request.body()).decode(),
        },
        headers={"X-RateLimit-Remaining": "41", "X-Other": "dropped"},
    )


async def slow(request: Request) -> JSONResponse:
    await asyncio.sleep(SLOW_SECONDS)
    return JSONResponse({})


async def html(request: Request) -> HTMLResponse:
    return HTMLResponse("<h1>Bad gateway</h1>", status_code=503)


async def jar(request: Request) -> JSONResponse:
    """Sets a session cookie and reports the cookie it received."""
    response = JSONResponse({"cookie": request.headers.get("cookie")})
    response.set_cookie("session", "upstream-session-1")
    return response


async def trickle(request: Request) -> StreamingResponse:
    """One byte every 0.3 s: no single read waits long, the whole answer takes 3 s."""

    async def bytes_() -> AsyncIterator[bytes]:
        for byte in b'{"a": 1234}':
            await asyncio.sleep(0.3)
            yield bytes([byte])

    return StreamingResponse(bytes_(), media_type="application/json")


async def big(request: Request) -> JSONResponse:
    return JSONResponse({"rows": "x" * 5000})


async def big_stream(request: Request) -> StreamingResponse:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"rows": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}'

    return StreamingResponse(chunks(), media_type="application/json")


CALLS: list[str] = []


async def counted(request: Request) -> JSONResponse:
    CALLS.append(request.url.path)
    return JSONResponse({})


STUB = Starlette(
    routes=[
        Route("/echo/api/v2/query", echo, methods=["POST"]),
        Route("/slow/api/v2/query", slow, methods=["POST"]),
        Route("/html/api/v2/query", html, methods=["POST"]),
        Route("/jar/api/v2/query", jar, methods=["POST"]),
        Route("/trickle/api/v2/query", trickle, methods=["POST"]),
        Route("/big/api/v2/query", big, methods=["POST"]),
        Route("/big-stream/api/v2/query", big_stream, methods=["POST"]),
        Route("/counted/api/v2/query", counted, methods=["POST"]),
    ]
)


@pytest.fixture(scope="module")
def mock_upstream(start_server, tmp_path_factory) -> str:
    settings = Settings(
        site_dir=tmp_path_factory.mktemp("none") / "site", dataset_size=SMALL_DATASET, now=NOW
    )
    return start_server(create_app(settings))


@pytest.fixture(scope="module")
def stub_upstream(start_server) -> str:
    return start_server(STUB)


@pytest.fixture(scope="module")
def status_999_upstream() -> Iterator[str]:
    """A raw HTTP server whose every answer has the status 999, which h11 parses."""
    listener = socket.create_server(("127.0.0.1", 0))
    answer = b"HTTP/1.1 999 Odd\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}"

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


@pytest.fixture
def proxy_to(make_client, settings):
    """``await proxy_to(upstream, **overrides)``: a client for an app proxying to ``upstream``."""

    async def make(upstream: str, **overrides):
        return await make_client(
            replace(settings, upstream=upstream, **{"upstream_timeout": 1.0, **overrides})
        )

    return make


async def test_relays_the_upstream_answer_unchanged(proxy_to, mock_upstream, client):
    proxy = await proxy_to(mock_upstream)
    proxied = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    direct = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert proxied.status_code == 200
    assert proxied.json() == direct.json()
    assert proxied.headers["X-RateLimit-Limit"] == "600"


async def test_relays_upstream_errors(proxy_to, mock_upstream):
    proxy = await proxy_to(mock_upstream)
    assert_error(await proxy.post("/api/proxy/v2/query", json=QUERY), 401, MISSING_KEY)
    invalid = await proxy.post(
        "/api/proxy/v2/query", json={**QUERY, "metrics": ["x"]}, headers=AUTH
    )
    assert_error(invalid, 400)


async def test_forwards_key_and_body_but_never_logs_the_key(proxy_to, stub_upstream, caplog):
    proxy = await proxy_to(stub_upstream + "/echo")
    headers = {"Authorization": "Bearer live-secret-123"}
    with caplog.at_level(logging.DEBUG):
        response = await proxy.post(
            "/api/proxy/v2/query", content=b'{"site_id": "a.b"}', headers=headers
        )
    assert response.json() == {
        "authorization": "Bearer live-secret-123",
        "body": '{"site_id": "a.b"}',
    }
    assert response.headers["X-RateLimit-Remaining"] == "41"
    assert "X-Other" not in response.headers
    assert "live-secret-123" not in caplog.text


async def test_upstream_timeout_is_504(proxy_to, stub_upstream):
    proxy = await proxy_to(stub_upstream + "/slow")
    response = await proxy.post(
        "/api/proxy/v2/query", json=QUERY, headers={"Authorization": "Bearer live-secret"}
    )
    message = assert_error(response, 504)
    assert message == f"Upstream {stub_upstream} did not answer within 1 s."
    assert "live-secret" not in response.text


async def test_upstream_html_is_502(proxy_to, stub_upstream):
    proxy = await proxy_to(stub_upstream + "/html")
    response = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    message = assert_error(response, 502)
    assert message == (
        f"Upstream {stub_upstream} answered 503 with a body that is not JSON "
        "(text/html; charset=utf-8)."
    )


async def test_unreachable_upstream_is_502(proxy_to, closed_port):
    upstream = f"http://127.0.0.1:{closed_port}"
    proxy = await proxy_to(upstream)
    response = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    assert assert_error(response, 502) == f"Could not reach upstream {upstream}: ConnectError."


async def test_body_checks_run_before_forwarding(proxy_to, stub_upstream):
    proxy = await proxy_to(stub_upstream + "/echo", max_body_bytes=100)
    bad_json = await proxy.post(
        "/api/proxy/v2/query", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert assert_error(bad_json, 400).startswith("Malformed JSON")
    text = await proxy.post(
        "/api/proxy/v2/query", content=b"{}", headers={"Content-Type": "text/plain"}
    )
    assert_error(text, 415)
    big = await proxy.post("/api/proxy/v2/query", json={"site_id": "x" * 200})
    assert_error(big, 413)


async def test_proxy_route_and_document_only_with_upstream(client, proxy_to, stub_upstream):
    assert_error(await client.post("/api/proxy/v2/query", json=QUERY), 404)
    proxy = await proxy_to(stub_upstream)
    document = (await proxy.get("/openapi.json")).json()
    responses = document["paths"]["/api/proxy/v2/query"]["post"]["responses"]
    assert {"502", "504"} <= set(responses)


async def test_a_request_without_a_key_never_reaches_the_upstream(proxy_to, stub_upstream):
    proxy = await proxy_to(stub_upstream + "/counted")
    calls = len(CALLS)
    assert_error(await proxy.post("/api/proxy/v2/query", json=QUERY), 401, MISSING_KEY)
    assert len(CALLS) == calls


async def test_upstream_cookies_are_never_sent_back(proxy_to, stub_upstream):
    """The client once kept a cookie jar shared by every caller."""
    proxy = await proxy_to(stub_upstream + "/jar")
    for key in ("Bearer first-caller", "Bearer second-caller"):
        response = await proxy.post(
            "/api/proxy/v2/query", json=QUERY, headers={"Authorization": key}
        )
        assert response.json() == {"cookie": None}
        assert "set-cookie" not in response.headers


async def test_a_trickling_upstream_meets_one_deadline_for_the_whole_call(proxy_to, stub_upstream):
    """Each byte comes well within the timeout; the call as a whole does not (a 1 byte/s
    upstream once held a call 59 s under a 30 s per-read timeout)."""
    proxy = await proxy_to(stub_upstream + "/trickle")
    started = asyncio.get_running_loop().time()
    response = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    assert assert_error(response, 504) == f"Upstream {stub_upstream} did not answer within 1 s."
    assert asyncio.get_running_loop().time() - started < 2.5


@pytest.mark.parametrize("route", ["/big", "/big-stream"])
async def test_an_upstream_answer_over_the_cap_is_502(proxy_to, stub_upstream, monkeypatch, route):
    monkeypatch.setattr(proxy_module, "MAX_UPSTREAM_BYTES", 1000)
    proxy = await proxy_to(stub_upstream + route)
    response = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    assert assert_error(response, 502) == (
        f"Upstream {stub_upstream} answered more than 1000 bytes, the most the proxy relays."
    )


async def test_an_invalid_upstream_status_is_502(proxy_to, status_999_upstream):
    """It once closed the caller's connection without any answer."""
    proxy = await proxy_to(status_999_upstream)
    response = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    assert assert_error(response, 502) == (
        f"Upstream {status_999_upstream} answered with status 999, which is not a valid HTTP "
        "status."
    )


async def test_slow_calls_have_their_own_budget(proxy_to, stub_upstream):
    """Past the proxy's calls in flight: 503 at once, and the mock itself keeps answering."""
    proxy = await proxy_to(stub_upstream + "/slow", upstream_calls=2, upstream_timeout=5.0)
    slow_calls = [
        asyncio.create_task(proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH))
        for _ in range(2)
    ]
    await asyncio.sleep(0.3)
    refused = await proxy.post("/api/proxy/v2/query", json=QUERY, headers=AUTH)
    assert "calls to" in assert_error(refused, 503)
    assert refused.headers["retry-after"] == "1"
    assert (await proxy.post("/api/v2/query", json=QUERY, headers=AUTH)).status_code == 200
    assert [(await call).status_code for call in slow_calls] == [200, 200]
