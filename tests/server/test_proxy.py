"""The live proxy against real upstream servers on loopback: our own mock as a well-behaved
upstream, and a stub that is slow, answers HTML, or reports what it received."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

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


STUB = Starlette(
    routes=[
        Route("/echo/api/v2/query", echo, methods=["POST"]),
        Route("/slow/api/v2/query", slow, methods=["POST"]),
        Route("/html/api/v2/query", html, methods=["POST"]),
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


@pytest.fixture
def proxy_to(make_client, settings):
    """``await proxy_to(upstream, **overrides)``: a client for an app proxying to ``upstream``."""

    async def make(upstream: str, **overrides):
        return await make_client(
            replace(settings, upstream=upstream, upstream_timeout=1.0, **overrides)
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
