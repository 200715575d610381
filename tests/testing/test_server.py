"""``start_server``: a real ``statsref serve`` on a free port, and what it says when it cannot
start."""

from __future__ import annotations

import socket
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from statsref.server.clock import CLOCK_HEADER
from statsref.testing import server as server_module
from statsref.testing.server import HOST, ServerStartError, free_port, start_server

from .conftest import QUERY

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")


def test_starts_answers_under_its_clock_and_stops(tmp_path: Path) -> None:
    server = start_server(NOW, tmp_path, key="my-key")
    try:
        response = httpx.post(
            f"{server.url}/api/v2/query", json=QUERY, headers={"Authorization": "Bearer my-key"}
        )
    finally:
        server.stop()
    assert response.status_code == 200
    assert response.headers[CLOCK_HEADER] == NOW.isoformat()
    assert "x-ratelimit-limit" not in response.headers  # no rate limit
    assert server.process.returncode is not None
    assert '"POST /api/v2/query" 200' in server.log.read_text()


def test_a_port_taken_after_it_was_picked_is_left_for_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        ports = iter([port, free_port()])
        monkeypatch.setattr(server_module, "free_port", lambda: next(ports))
        server = start_server(NOW, tmp_path)
        server.stop()
    assert not server.url.endswith(f":{port}")
    refused = tmp_path / f"statsref-serve-{port}.log"
    assert "address already in use" in refused.read_text().lower()


def test_a_server_that_exits_says_why(tmp_path: Path) -> None:
    with pytest.raises(ServerStartError) as raised:
        start_server(NOW, tmp_path, key=",")
    assert "statsref serve exited with 2" in str(raised.value)
    assert "--keys needs at least one non-empty key" in str(raised.value)


def test_a_server_that_does_not_answer_in_time_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(ServerStartError) as raised:
        start_server(NOW, tmp_path, timeout=0)
    assert "no answer from http://127.0.0.1:" in str(raised.value)
