from __future__ import annotations

import logging

import pytest

from statsref.defaults import DEMO_KEY

from .conftest import AUTH

pytestmark = pytest.mark.anyio


async def test_one_line_per_request_without_the_key(client, caplog):
    with caplog.at_level(logging.INFO, logger="statsref.server.access"):
        await client.post(
            "/api/v2/query?key=secret",
            json={"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "day"},
            headers=AUTH,
        )
        await client.get("/health")
        await client.post("/api/v2/query", json={}, headers={"Authorization": "Bearer wrong-key"})
    lines = [r.getMessage() for r in caplog.records if r.name == "statsref.server.access"]
    assert len(lines) == 3
    assert lines[0].startswith('127.0.0.1 "POST /api/v2/query" 200 ')
    assert lines[1].startswith('127.0.0.1 "GET /health" 200 ')
    assert lines[2].startswith('127.0.0.1 "POST /api/v2/query" 401 ')
    assert all(line.endswith(" B") and " ms " in line for line in lines)
    for secret in (DEMO_KEY, "wrong-key", "secret"):
        assert secret not in caplog.text


async def test_a_newline_in_the_path_cannot_forge_a_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="statsref.server.access"):
        await client.get('/x%0a2026-11-28 04:00:00,000 INFO 127.0.0.1 "GET /admin" 200')
    [line] = [r.getMessage() for r in caplog.records if r.name == "statsref.server.access"]
    assert "\n" not in line
    assert line.startswith('127.0.0.1 "GET /x\\n2026-11-28 04:00:00,000 INFO')
