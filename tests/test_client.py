"""``statsref query`` against a real ``statsref serve`` process on a free loopback port."""

from __future__ import annotations

import http.server
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from statsref import client
from statsref.cli import main
from statsref.client import format_table
from statsref.files import QUERY_BYTES

QUERY = {
    "site_id": "dummy.site",
    "metrics": ["visitors", "total_revenue"],
    "date_range": "6mo",
    "dimensions": ["visit:country_name"],
    "filters": [["is", "event:goal", ["PurchaseUSD"]]],
    "pagination": {"limit": 3},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory) -> Iterator[str]:
    port = _free_port()
    command = [
        sys.executable, "-m", "statsref", "serve", "--port", str(port),
        "--dataset-size", "3000", "--now", "2026-11-02T14:30:00+00:00",
        "--site-dir", str(tmp_path_factory.mktemp("empty") / "site"),
    ]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health").status_code == 200:
                break
        except httpx.TransportError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"statsref serve did not start: {server.stderr.read().decode()}")
        time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def query_file(tmp_path: Path) -> Path:
    path = tmp_path / "query.json"
    path.write_text(json.dumps(QUERY))
    return path


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv("STATSREF_API_KEY", raising=False)


def test_pretty_json_with_the_demo_key(endpoint, query_file, capsys):
    assert main(["query", str(query_file), "--endpoint", endpoint]) == 0
    out = capsys.readouterr().out
    body = json.loads(out)
    assert body["query"]["dimensions"] == ["visit:country_name"]
    assert out.startswith('{\n  "results": [')


def test_table(endpoint, query_file, capsys):
    assert main(["query", str(query_file), "--endpoint", endpoint, "--table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["visit:country_name", "visitors", "total_revenue"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1].endswith("rows)")
    assert any("$" in line for line in lines[2:-1])


def test_reads_stdin(endpoint, monkeypatch, capsys):
    body = {"site_id": "shop.dummy.site", "metrics": ["visits"], "date_range": "7d"}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(body).encode())))
    assert main(["query", "-", "--endpoint", endpoint + "/"]) == 0
    assert json.loads(capsys.readouterr().out)["query"]["site_id"] == "shop.dummy.site"


def test_a_query_file_may_name_its_schema(endpoint, tmp_path, capsys):
    path = tmp_path / "q.json"
    schema_url = "http://127.0.0.1:8000/schema/query-file.schema.json"
    path.write_text(json.dumps({"$schema": schema_url, **QUERY}))
    assert main(["query", str(path), "--endpoint", endpoint]) == 0
    assert "$schema" not in json.loads(capsys.readouterr().out)["query"]


def test_error_response_exits_1_with_the_message(endpoint, tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**QUERY, "metrics": ["visitors", "nope"]}))
    assert main(["query", str(path), "--endpoint", endpoint]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("statsref query: HTTP 400: ")
    assert "nope" in captured.err


def test_key_from_the_environment(endpoint, query_file, monkeypatch, capsys):
    monkeypatch.setenv("STATSREF_API_KEY", "not-a-key")
    assert main(["query", str(query_file), "--endpoint", endpoint]) == 1
    assert "HTTP 401: Invalid API key or site ID." in capsys.readouterr().err


def test_key_option_wins(endpoint, query_file, monkeypatch):
    monkeypatch.setenv("STATSREF_API_KEY", "not-a-key")
    assert main(["query", str(query_file), "--endpoint", endpoint, "--key", "demo-key"]) == 0


def test_connection_error_exits_2(query_file, capsys):
    endpoint = f"http://127.0.0.1:{_free_port()}"
    assert main(["query", str(query_file), "--endpoint", endpoint]) == 2
    err = capsys.readouterr().err
    assert f"cannot connect to {endpoint}; is `statsref serve` running" in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["query", str(tmp_path / "nope.json")]) == 2
    assert (
        capsys.readouterr().err
        == f"statsref query: cannot read {tmp_path / 'nope.json'}: no such file\n"
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: Path("/dev/zero"), "a character device, not a regular file"),
        (lambda folder: _symlink(folder / "q.json", "/dev/zero"), "a character device"),
        (lambda folder: _fifo(folder / "q.json"), "a FIFO, not a regular file"),
        (lambda folder: folder, "a folder, not a regular file"),
    ],
)
def test_only_regular_files_are_read(tmp_path, capsys, make, reason):
    """``/dev/zero`` was read until MemoryError; a FIFO blocked for ever."""
    path = make(tmp_path)
    assert main(["query", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"statsref query: cannot read {path}: {reason}")
    assert "Traceback" not in err


def _symlink(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_a_query_larger_than_the_server_takes_is_refused(tmp_path, monkeypatch, capsys):
    path = tmp_path / "q.json"
    path.write_text(json.dumps(QUERY) + " " * QUERY_BYTES)
    assert main(["query", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"statsref query: cannot read {path}: more than {QUERY_BYTES:,} bytes, the limit\n"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"0" * (QUERY_BYTES + 1))))
    assert main(["query", "-"]) == 2
    assert "cannot read stdin: more than" in capsys.readouterr().err


def test_deeply_nested_json_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "q.json"
    path.write_text("[" * 50_000)
    assert main(["query", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"statsref query: {path} is not valid JSON: nested too deeply\n"
    )


def test_invalid_json_names_the_position(tmp_path, capsys):
    path = tmp_path / "q.json"
    path.write_text('{"site_id": "dummy.site",\n "metrics": ["visitors"]\n')
    assert main(["query", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"statsref query: {path} is not valid JSON: ")
    assert "line 3, column 1" in err


def test_remote_endpoint_needs_a_key(query_file, capsys):
    assert main(["query", str(query_file), "--endpoint", "https://plausible.example"]) == 2
    assert "no API key for https://plausible.example" in capsys.readouterr().err


def test_table_layout():
    body = {
        "results": [
            {"dimensions": ["Germany"], "metrics": [12, {"long": "$1,234.50", "short": "$1.2K"}]},
            {"dimensions": ["Estonia"], "metrics": [3, None]},
        ],
        "query": {"dimensions": ["visit:country_name"], "metrics": ["visitors", "total_revenue"]},
    }
    assert format_table(body).splitlines() == [
        "visit:country_name  visitors  total_revenue",
        "------------------  --------  -------------",
        "Germany                   12      $1,234.50",
        "Estonia                    3              -",
        "(2 rows)",
    ]


def test_a_contract_test_names_its_key(monkeypatch):
    monkeypatch.delenv("STATSREF_API_KEY", raising=False)
    with pytest.raises(client.ClientError, match="--endpoint needs --key"):
        client.contract_client("http://127.0.0.1:8000", None)
    monkeypatch.setenv("STATSREF_API_KEY", "from-env")
    http, url = client.contract_client("https://stats.example.org/", None)
    with http:
        assert (url, http.headers["authorization"]) == (
            "https://stats.example.org/api/v2/query",
            "Bearer from-env",
        )


class _GatewayPage(http.server.BaseHTTPRequestHandler):
    """What a proxy in front of an instance may answer: an HTML error page."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        page = b"<html><body>502 Bad Gateway</body></html>"
        self.send_response(502)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads the client's error, not the server's log."""


@pytest.fixture
def gateway_page() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _GatewayPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def test_post_query_gives_the_status_and_body_or_says_why_not(endpoint, gateway_page):
    http_client, url = client.contract_client(endpoint, "demo-key")
    with http_client:
        status, body = client.post_query(http_client, url, QUERY)
        assert status == 200 and body["query"]["site_id"] == QUERY["site_id"]
    http_client, url = client.contract_client(gateway_page, "k")
    with http_client, pytest.raises(client.ClientError) as caught:
        client.post_query(http_client, url, QUERY)
    assert str(caught.value) == (
        f"{url} answered status 502, not JSON: '<html><body>502 Bad Gateway</body></html>'"
    )
    http_client, url = client.contract_client(f"http://127.0.0.1:{_free_port()}", "k")
    with http_client, pytest.raises(client.ClientError, match=r"^request to http://127\.0\.0\.1:"):
        client.post_query(http_client, url, QUERY)


def test_concatenated_queries_are_answered_in_order(endpoint, monkeypatch, capsys):
    """What ``statsref migrate`` prints for a v1 request with ``compare``: two documents."""
    first = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    second = {**first, "date_range": "28d"}
    text = json.dumps(first, indent=2) + "\n" + json.dumps(second, indent=2) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["query", "--endpoint", endpoint]) == 0
    decoder, out = json.JSONDecoder(), capsys.readouterr().out
    answer, end = decoder.raw_decode(out)
    again, _ = decoder.raw_decode(out[end:].lstrip())
    assert [answer["query"]["date_range"][0], again["query"]["date_range"][0]] == [
        "2026-10-26T00:00:00Z",
        "2026-10-05T00:00:00Z",
    ]


def test_an_array_of_queries_is_answered_in_order_and_an_error_names_its_query(
    endpoint, tmp_path, capsys
):
    path = tmp_path / "queries.json"
    path.write_text(json.dumps([QUERY, {**QUERY, "metrics": ["nope"]}, {"$schema": "x", **QUERY}]))
    assert main(["query", str(path), "--endpoint", endpoint, "--table"]) == 1
    out, err = capsys.readouterr()
    assert out.count("(2 rows)") == 2 and "\n\nvisit:country_name" in out
    assert err.startswith("statsref query: query 2 of 3: HTTP 400: ")


def test_the_output_of_migrate_pipes_into_query(endpoint, capsys, monkeypatch):
    request = "/api/v1/stats/aggregate?site_id=dummy.site&period=7d&compare=previous_period"
    assert main(["migrate", "--today", "2026-11-02", request]) == 0
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(capsys.readouterr().out.encode()))
    )
    assert main(["query", "--endpoint", endpoint]) == 0
    assert capsys.readouterr().out.count('"results"') == 2


@pytest.mark.parametrize("text", ["", "  \n", "[]"])
def test_input_without_a_query_exits_2(text, tmp_path, capsys):
    path = tmp_path / "empty.json"
    path.write_text(text)
    assert main(["query", str(path)]) == 2
    assert capsys.readouterr().err == f"statsref query: {path} holds no query\n"
