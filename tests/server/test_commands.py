from __future__ import annotations

import logging
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from statsref.cli import main
from statsref.server import commands
from statsref.server.connections import (
    MAX_CONNECTIONS,
    REQUEST_SECONDS,
    GuardedProtocols,
    accept_backlog,
    connection_cap,
    guarded_protocol,
)
from statsref.testing.server import free_port


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--now", "soon"], "--now must be an ISO 8601 datetime"),
        (["--workers", "0"], "--workers must be at least 1, got 0"),
        (["--queries-per-client", "-1"], "--queries-per-client must be 0 (unlimited) or more"),
    ],
)
def test_bad_option_exits_2_with_the_message(capsys, option, message):
    assert main(["serve", *option]) == 2
    assert f"statsref serve: {message}" in capsys.readouterr().err


def test_runs_the_app_on_uvicorn_with_the_options(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(commands.uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    argv = [
        "serve",
        "--port",
        "8123",
        "--site-dir",
        str(tmp_path),
        "--upstream",
        "http://up.example:8080/x",
    ]
    assert main(argv) == 0
    [(app, options)] = calls
    protocol = options.pop("http")
    assert options.pop("backlog") == accept_backlog(protocol.max_connections)
    assert options == {
        "host": "127.0.0.1",
        "port": 8123,
        "access_log": False,
        "log_level": "info",
        "log_config": None,
    }
    assert isinstance(protocol, GuardedProtocols)
    assert protocol.max_connections == connection_cap(MAX_CONNECTIONS)
    assert protocol.request_seconds == REQUEST_SECONDS
    state = app.state.statsref
    assert state.settings.upstream == "http://up.example:8080/x"
    assert state.proxy.display == "http://up.example:8080"


def test_logs_a_curl_hint_only_for_the_demo_key(monkeypatch, caplog):
    monkeypatch.setattr(commands.uvicorn, "run", lambda app, **kw: None)
    with caplog.at_level(logging.INFO, logger="statsref.server"):
        main(["serve", "--port", "8124"])
    assert (
        "try: curl -s http://127.0.0.1:8124/api/v2/query -H 'Authorization: Bearer demo-key'"
        in caplog.text
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="statsref.server"):
        main(["serve", "--keys", "private-key"])
    assert "curl" not in caplog.text and "private-key" not in caplog.text


def test_the_protocol_factory_pickles_as_its_limits_for_each_worker() -> None:
    """Each worker process makes its own protocol class, with registries of its own."""
    factory = GuardedProtocols(max_connections=7, request_seconds=3.0)
    factory._protocol = guarded_protocol(7, 3.0)  # as after the first connection
    copy = pickle.loads(pickle.dumps(factory))
    assert (copy.max_connections, copy.request_seconds, copy._protocol) == (7, 3.0, None)


QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def test_workers_serve_one_port_each_with_its_own_dataset(tmp_path: Path) -> None:
    """``--workers 2``: two processes answer on one port (there was one process only)."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "statsref", "serve", "--port", str(port), "--workers", "2"]
    command += ["--now", "2026-11-02T14:30:00+00:00", "--site-dir", str(tmp_path / "no-site")]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        workers = _started_workers(log, server, count=2)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for days in range(1, 9):  # each worker builds the days of its first query
                answer = client.post(
                    "/api/v2/query",
                    json={**QUERY, "date_range": f"{days}d"},
                    headers={"Authorization": "Bearer demo-key"},
                )
                assert answer.status_code == 200, answer.text
        assert len(workers) == 2 and server.pid not in workers
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert log.read_text().count("dataset set up (each site's days are built when") == 2


def _started_workers(log: Path, server: subprocess.Popen[bytes], count: int) -> set[int]:
    """The process ids of the workers once ``count`` have started (read from the log)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = log.read_text()
        workers = {int(pid) for pid in re.findall(r"Started server process \[(\d+)\]", text)}
        if len(workers) >= count and text.count("Application startup complete") >= count:
            return workers
        assert server.poll() is None, text
        time.sleep(0.05)
    raise AssertionError(f"{count} workers did not start:\n{log.read_text()}")
