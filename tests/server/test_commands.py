from __future__ import annotations

import logging

from statsref.cli import main
from statsref.server import commands
from statsref.server.connections import (
    MAX_CONNECTIONS,
    REQUEST_SECONDS,
    GuardedH11Protocol,
    accept_backlog,
    connection_cap,
)


def test_bad_option_exits_2_with_the_message(capsys):
    assert main(["serve", "--now", "soon"]) == 2
    assert "statsref serve: --now must be an ISO 8601 datetime" in capsys.readouterr().err


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
    assert issubclass(protocol, GuardedH11Protocol)
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
