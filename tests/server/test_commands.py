from __future__ import annotations

from statsref.cli import main
from statsref.server import commands


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
        "http://u:p@up.example/x",
    ]
    assert main(argv) == 0
    [(app, options)] = calls
    assert options == {"host": "127.0.0.1", "port": 8123, "access_log": False, "log_level": "info"}
    state = app.state.statsref
    assert state.settings.upstream == "http://u:p@up.example/x"
    assert state.proxy.display == "http://up.example"
