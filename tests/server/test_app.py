"""Every status of the mock endpoint, through the ASGI app with the real engine."""

from __future__ import annotations

import gzip
import json
import logging
import threading
from pathlib import Path

import pytest
from starlette.responses import JSONResponse

from statsref.engine.language.parse import MISSING_SITE
from statsref.schema import query_file_schema, query_schema, response_schema, response_validator
from statsref.server import app as app_module
from statsref.server.auth import INVALID_KEY_OR_SITE, MISSING_KEY
from statsref.server.clock import CLOCK_HEADER
from statsref.server.errors import INTERNAL_ERROR
from statsref.server.ratelimit import too_many_requests

from .conftest import AUTH, NOW

pytestmark = pytest.mark.anyio

QUERY = {"site_id": "dummy.site", "metrics": ["visitors", "pageviews"], "date_range": "7d"}


def assert_error(response, status: int, message: str | None = None) -> str:
    """The response is ``status`` with a JSON ``{"error": ...}`` body valid for the schema."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    response_validator().validate(body)
    assert set(body) == {"error"}
    if message is not None:
        assert body["error"] == message
    return body["error"]


async def test_query_answers_with_the_engine(client):
    response = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    response_validator().validate(body)
    assert body["query"]["site_id"] == "dummy.site"
    assert body["query"]["metrics"] == ["visitors", "pageviews"]
    assert len(body["results"]) == 1
    assert body["results"][0]["metrics"][0] > 0


async def test_answers_are_encoded_off_the_event_loop(client, monkeypatch):
    """A large answer once took the event loop for its whole JSON encoding: /health waited."""
    threads = []
    render = JSONResponse.render

    def recording(self, content):
        threads.append(threading.current_thread())
        return render(self, content)

    monkeypatch.setattr(JSONResponse, "render", recording)
    await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert threads and threading.main_thread() not in threads


def _body(**changes: object) -> bytes:
    return json.dumps({**QUERY, **changes}).encode()


ISSUE_9_BODIES = {
    "hourly 1000..2999 with labels": (
        400,
        _body(
            date_range=["1000-01-01", "2999-12-31"],
            dimensions=["time:hour"],
            include={"time_labels": True},
        ),
    ),
    "weekly 0001..9999 with labels": (
        400,
        _body(
            date_range=["0001-01-01", "9999-12-31"],
            dimensions=["time:week"],
            include={"time_labels": True},
        ),
    ),
    "five costly patterns": (
        400,
        _body(
            date_range="all",
            filters=[["matches", "event:page", [f"(?:.?){{{9900 - i}}}\x01" for i in range(5)]]],
        ),
    ),
    "900 case-insensitive clauses": (
        200,
        _body(
            date_range="all",
            filters=[
                ["contains", "event:page", [f"z{i}" for i in range(900)], {"case_sensitive": False}]
            ],
        ),
    ),
    "surrogate dimension": (400, _body(dimensions=["\ud800"])),
    "surrogate clause": (400, _body(filters=[["is", "event:page", ["\udfff"]]])),
    "1,000 filters": (400, _body(filters=[["contains", "event:page", ["a"]]] * 1000)),
    "a{100000}": (400, _body(filters=[["matches", "event:page", ["a{100000}"]]])),
    "9999-12-31 by hour": (
        200,
        _body(
            date_range=["9999-12-31", "9999-12-31"],
            dimensions=["time:hour"],
            include={"time_labels": True},
        ),
    ),
    "5,000-digit integer": (
        400,
        _body()[:-1] + b', "pagination": {"offset": ' + b"9" * 5000 + b"}}",
    ),
    "1e400": (400, _body()[:-1] + b', "pagination": {"offset": 1e400}}'),
}
"""Issue 9's requests and the status each gets: a 500, an engine failure, or minutes of work
once."""


@pytest.mark.parametrize(("status", "raw"), ISSUE_9_BODIES.values(), ids=ISSUE_9_BODIES)
async def test_issue_9_requests_get_a_clear_status(client, status, raw):
    headers = {**AUTH, "Content-Type": "application/json"}
    response = await client.post("/api/v2/query", content=raw, headers=headers)
    assert response.status_code == status, response.text
    response_validator().validate(response.json())
    assert not response.json().get("error", "").startswith("The query could not be run")


async def test_invalid_query_gives_the_engine_400(client):
    response = await client.post("/api/v2/query", json={**QUERY, "metrics": ["nope"]}, headers=AUTH)
    assert "nope" in assert_error(response, 400)


async def test_missing_bearer_token_is_401(client):
    assert_error(await client.post("/api/v2/query", json=QUERY), 401, MISSING_KEY)


@pytest.mark.parametrize("header", ["Basic ZGVtbzprZXk=", "Bearer", "Bearer   ", "demo-key"])
async def test_malformed_authorization_is_missing_key(client, header):
    response = await client.post("/api/v2/query", json=QUERY, headers={"Authorization": header})
    assert_error(response, 401, MISSING_KEY)


async def test_unknown_key_is_401(client):
    response = await client.post("/api/v2/query", json=QUERY, headers={"Authorization": "Bearer x"})
    assert_error(response, 401, INVALID_KEY_OR_SITE)


async def test_scheme_is_case_insensitive(client):
    headers = {"Authorization": "bearer demo-key"}
    assert (await client.post("/api/v2/query", json=QUERY, headers=headers)).status_code == 200


async def test_keys_option_replaces_the_demo_key(make_client, settings):
    client = await make_client(settings, keys=frozenset({"k1", "k2"}))
    assert_error(
        await client.post("/api/v2/query", json=QUERY, headers=AUTH), 401, INVALID_KEY_OR_SITE
    )
    ok = await client.post("/api/v2/query", json=QUERY, headers={"Authorization": "Bearer k2"})
    assert ok.status_code == 200


@pytest.mark.parametrize("site_id", ["unknown.site", "", 42, ["dummy.site"]])
async def test_unknown_site_is_401_not_404(client, site_id):
    response = await client.post("/api/v2/query", json={**QUERY, "site_id": site_id}, headers=AUTH)
    assert_error(response, 401, INVALID_KEY_OR_SITE)


@pytest.mark.parametrize(
    "body", [{"metrics": ["visitors"], "date_range": "7d"}, {**QUERY, "site_id": None}, [], "x", 3]
)
async def test_missing_site_id_is_400(client, body):
    assert_error(await client.post("/api/v2/query", json=body, headers=AUTH), 400, MISSING_SITE)


async def test_a_locked_site_is_a_402(client):
    body = {**QUERY, "site_id": "locked.dummy.site"}
    response = await client.post("/api/v2/query", json=body, headers=AUTH)
    assert assert_error(response, 402).startswith("This Plausible site is locked")


async def test_the_key_is_checked_before_the_site(client):
    body = {"metrics": ["visitors"]}
    assert_error(await client.post("/api/v2/query", json=body), 401, MISSING_KEY)


async def test_a_valid_key_for_an_unknown_site_reads_like_an_unknown_key(client):
    """Rate-limit headers on the first 401 only would tell a valid key from a guessed one."""
    valid_key = await client.post("/api/v2/query", json={**QUERY, "site_id": "x"}, headers=AUTH)
    bad_key = await client.post(
        "/api/v2/query", json={**QUERY, "site_id": "x"}, headers={"Authorization": "Bearer x"}
    )
    assert_error(valid_key, 401, INVALID_KEY_OR_SITE)
    assert valid_key.content == bad_key.content
    assert valid_key.headers.keys() == bad_key.headers.keys()
    assert "x-ratelimit-limit" not in valid_key.headers


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"site_id": "dummy.site",}', "line 1, column 26"),
        (b'{\n  "site_id": "dummy.site"\n  "metrics": []\n}', "line 3, column 3"),
        (b'{"a": NaN}', "NaN"),
    ],
)
async def test_malformed_json_is_400_naming_the_place(client, raw, where):
    headers = {**AUTH, "Content-Type": "application/json"}
    message = assert_error(await client.post("/api/v2/query", content=raw, headers=headers), 400)
    assert message.startswith("Malformed JSON in request body")
    assert where in message


@pytest.mark.parametrize(
    ("raw", "start"),
    [(b"", "Empty request body"), (b"\xff\xfe{}", "Request body is not valid UTF-8")],
)
async def test_empty_or_undecodable_body_is_400(client, raw, start):
    response = await client.post("/api/v2/query", content=raw, headers=AUTH)
    assert assert_error(response, 400).startswith(start)


async def test_body_without_content_type_is_read_as_json(client):
    response = await client.post("/api/v2/query", content=json.dumps(QUERY).encode(), headers=AUTH)
    assert response.status_code == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
async def test_wrong_content_type_is_415(client, content_type):
    headers = {**AUTH, "Content-Type": content_type}
    response = await client.post("/api/v2/query", content=json.dumps(QUERY), headers=headers)
    message = assert_error(response, 415)
    assert content_type in message and "application/json" in message


async def test_json_with_charset_is_accepted(client):
    headers = {**AUTH, "Content-Type": "application/json; charset=utf-8"}
    response = await client.post("/api/v2/query", content=json.dumps(QUERY), headers=headers)
    assert response.status_code == 200


async def test_body_over_the_limit_is_413(make_client, settings):
    client = await make_client(settings, max_body_bytes=1024)
    body = {**QUERY, "filters": [["is", "event:page", ["/x" * 600]]]}
    message = assert_error(await client.post("/api/v2/query", json=body, headers=AUTH), 413)
    assert "limit is 1024 bytes" in message


async def test_streamed_body_over_the_limit_is_413(make_client, settings):
    """No Content-Length to trust: the server counts while reading."""
    client = await make_client(settings, max_body_bytes=1024)

    async def chunks():
        yield b'{"site_id": "' + b"x" * 800
        yield b"y" * 800 + b'"}'

    response = await client.post("/api/v2/query", content=chunks(), headers=AUTH)
    assert_error(response, 413)


async def test_rate_limit_headers_and_429(make_client, settings):
    client = await make_client(settings, rate_limit=2)
    first = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert first.headers["X-RateLimit-Remaining"] == "1"
    second = await client.post("/api/v2/query", json={"metrics": []}, headers=AUTH)
    assert_error(second, 400, MISSING_SITE)
    assert second.headers["X-RateLimit-Remaining"] == "0"
    third = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert_error(third, 429, too_many_requests(2))
    assert 1 <= int(third.headers["Retry-After"]) <= 3600
    assert int(third.headers["X-RateLimit-Reset"]) % 3600 == 0
    other = await client.post("/api/v2/query", json=QUERY, headers={"Authorization": "Bearer x"})
    assert_error(other, 401, INVALID_KEY_OR_SITE)


async def test_default_rate_limit_message_matches_the_real_api(client):
    assert too_many_requests(600) == (
        "Too many API requests. Your API key is limited to 600 requests per hour. "
        "Please contact us to request more capacity."
    )
    response = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert response.headers["X-RateLimit-Limit"] == "600"


async def test_cors_for_configured_origins_only(make_client, settings):
    client = await make_client(settings, cors_origins=("https://docs.example",))
    preflight = await client.options(
        "/api/v2/query",
        headers={
            "Origin": "https://docs.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://docs.example"
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    allowed = await client.post(
        "/api/v2/query", json=QUERY, headers={**AUTH, "Origin": "https://docs.example"}
    )
    assert allowed.headers["access-control-allow-origin"] == "https://docs.example"
    assert "X-RateLimit-Remaining" in allowed.headers["access-control-expose-headers"]
    other = await client.post(
        "/api/v2/query", json=QUERY, headers={**AUTH, "Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers


async def test_no_cors_headers_without_origins(client):
    response = await client.post(
        "/api/v2/query", json=QUERY, headers={**AUTH, "Origin": "https://a.example"}
    )
    assert "access-control-allow-origin" not in response.headers


async def test_unknown_paths_and_methods_are_json(client):
    assert_error(await client.get("/api/v2/nothing"), 404, "Not found: /api/v2/nothing")
    assert_error(await client.get("/elsewhere"), 404)
    wrong_method = await client.get("/api/v2/query")
    assert "use POST" in assert_error(wrong_method, 405)
    assert wrong_method.headers["allow"] == "POST"


async def test_unexpected_failure_is_a_json_500_without_details(client, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app_module, "run_query", explode)
    with caplog.at_level(logging.ERROR, logger="statsref.server"):
        response = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert_error(response, 500, INTERNAL_ERROR)
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text


async def test_schemas_are_served_as_in_the_repository(client):
    assert (await client.get("/schema/query.schema.json")).json() == query_schema()
    assert (await client.get("/schema/response.schema.json")).json() == response_schema()
    query_file = (await client.get("/schema/query-file.schema.json")).json()
    assert query_file == query_file_schema()
    assert_error(await client.get("/schema/other.schema.json"), 404)


async def test_openapi_and_health(client):
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    assert "/api/proxy/v2/query" not in document["paths"]
    health = (await client.get("/health")).json()
    assert health["status"] == "ok"
    assert health["service"] == "statsref"  # how the playground recognises this server
    assert health["now"] == "2026-11-02T14:30:00+00:00"
    assert health["clock_pinned"] is True


async def test_unpinned_clock_answers_for_the_real_now(make_client, settings):
    client = await make_client(settings, now=None)
    health = (await client.get("/health")).json()
    assert health["clock_pinned"] is False
    today = {**QUERY, "date_range": "day"}
    response = await client.post("/api/v2/query", json=today, headers=AUTH)
    assert response.status_code == 200
    assert response.json()["query"]["date_range"][1].startswith(health["now"][:10])


async def test_a_request_may_ask_for_the_clock_it_is_answered_under(make_client, settings):
    """The playground's local runner sends the examples' clock, so it answers as the
    in-browser engine does even when the server runs with the real now."""
    client = await make_client(settings, now=None)
    clock = "2026-11-02T14:30:00+00:00"
    asked = {**QUERY, "date_range": "day"}
    response = await client.post("/api/v2/query", json=asked, headers={**AUTH, CLOCK_HEADER: clock})
    assert response.status_code == 200
    assert response.headers[CLOCK_HEADER] == clock
    assert response.json()["query"]["date_range"][1] == "2026-11-02T23:59:59Z"
    own = await client.post("/api/v2/query", json=asked, headers=AUTH)
    assert own.headers[CLOCK_HEADER] != clock  # without the header: the server's clock


async def test_the_requested_clock_gives_the_pinned_servers_numbers(make_client, settings):
    pinned = await make_client(settings)
    other = await make_client(settings, now=None)
    expected = (await pinned.post("/api/v2/query", json=QUERY, headers=AUTH)).json()
    headers = {**AUTH, CLOCK_HEADER: NOW.isoformat()}
    assert (await other.post("/api/v2/query", json=QUERY, headers=headers)).json() == expected


@pytest.mark.parametrize("clock", ["yesterday", "2026-11-02T14:30:00", "1900-01-01T00:00:00Z"])
async def test_a_malformed_clock_is_400(client, clock):
    response = await client.post("/api/v2/query", json=QUERY, headers={**AUTH, CLOCK_HEADER: clock})
    assert CLOCK_HEADER in assert_error(response, 400)


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>")
    (site / "404.html").write_text("<h1>lost</h1>")
    (site / "guide").mkdir()
    (site / "guide" / "index.html").write_text("<h1>guide</h1>")
    (site / "assets" / "app.mjs").write_text("export const x = 1;")
    (site / "assets" / "engine.wasm").write_bytes(b"\0asm")
    return site


async def test_serves_the_built_site(make_client, settings, site_dir):
    client = await make_client(settings, site_dir=site_dir)
    assert "home" in (await client.get("/")).text
    assert "guide" in (await client.get("/guide/")).text
    assert (
        (await client.get("/assets/app.mjs")).headers["content-type"].startswith("text/javascript")
    )
    assert (await client.get("/assets/engine.wasm")).headers["content-type"] == "application/wasm"
    missing = await client.get("/no/such/page")
    assert missing.status_code == 404 and "lost" in missing.text
    assert (await client.post("/api/v2/query", json=QUERY, headers=AUTH)).status_code == 200
    assert_error(await client.get("/api/unknown"), 404)


async def test_a_built_site_serves_the_schemas_with_its_compressed_copies(
    make_client, settings, site_dir
):
    (site_dir / "schema").mkdir()
    text = json.dumps(query_schema(), indent=2)
    (site_dir / "schema" / "query.schema.json").write_text(text)
    (site_dir / "schema" / "query.schema.json.gz").write_bytes(gzip.compress(text.encode()))
    client = await make_client(settings, site_dir=site_dir)
    response = await client.get("/schema/query.schema.json", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json() == query_schema()


async def test_without_a_site_serves_the_api_and_logs_a_hint(make_client, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="statsref.server"):
        client = await make_client(settings)
    assert "serving the API only" in caplog.text
    assert_error(await client.get("/"), 404)
    assert (await client.get("/health")).status_code == 200


async def test_with_site_dir_none_serves_the_api_without_looking_for_a_site(
    make_client, settings, caplog
):
    with caplog.at_level(logging.WARNING, logger="statsref.server"):
        client = await make_client(settings, site_dir=None)
    assert "serving the API only" not in caplog.text
    assert_error(await client.get("/"), 404)
    assert (await client.get("/schema/query.schema.json")).json() == query_schema()
    assert (await client.post("/api/v2/query", json=QUERY, headers=AUTH)).status_code == 200
