"""The transports answer exactly as a real ``statsref serve`` does: every status, body and
header the app sets, compared with a server started by the plugin's own fixture."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from statsref.engine import SitesFileError
from statsref.server.clock import CLOCK_HEADER
from statsref.testing import AsyncStatsrefTransport, StatsrefTransport
from statsref.testing.server import RunningServer, start_server

from .conftest import AUTH, CALLS, QUERY, Call, seen

BASE_URL = "https://plausible.io"


@pytest.fixture(scope="module")
def server_client(statsref_server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=statsref_server.url) as client:
        yield client


@pytest.fixture(scope="module")
def transport(statsref_server: RunningServer) -> Iterator[StatsrefTransport]:
    """A transport of its own (the tests below close theirs), under the server's clock."""
    transport = StatsrefTransport(now=statsref_server.now)
    yield transport
    transport.close()


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_answers_as_the_server_does(call: Call, server_client, transport) -> None:
    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        assert seen(call.send(client)) == seen(call.send(server_client))


@pytest.mark.anyio
@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
async def test_the_async_transport_answers_as_the_server_does(
    call: Call, server_client, statsref_server
) -> None:
    transport = AsyncStatsrefTransport(now=statsref_server.now)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        assert seen(await call.send_async(client)) == seen(call.send(server_client))


@pytest.fixture(scope="module")
def limited_server(
    statsref_server: RunningServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    server = start_server(statsref_server.now, tmp_path_factory.mktemp("limited"), rate_limit=1)
    yield server
    server.stop()


def _twice(client: httpx.Client) -> list[tuple[int, object, dict[str, str]]]:
    """Two queries under a limit of one an hour: the second is a 429. ``Retry-After`` counts
    seconds to the end of the hour, so it is checked, then left out of the comparison."""
    answers = [seen(client.post("/api/v2/query", json=QUERY, headers=AUTH)) for _ in range(2)]
    assert [status for status, _, _ in answers] == [200, 429]
    assert 1 <= int(answers[1][2].pop("retry-after")) <= 3600
    return answers


def test_rate_limits_as_the_server_does(limited_server: RunningServer) -> None:
    transport = StatsrefTransport(now=limited_server.now, rate_limit=1)
    with (
        httpx.Client(transport=transport, base_url=BASE_URL) as client,
        httpx.Client(base_url=limited_server.url) as server_client,
    ):
        assert _twice(client) == _twice(server_client)


def test_serves_the_sites_of_a_sites_file(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[sites]]\ndomain = "acme.test"\ntimezone = "Asia/Tokyo"\n')
    query = {**QUERY, "site_id": "acme.test"}
    with httpx.Client(transport=StatsrefTransport(sites=sites), base_url=BASE_URL) as client:
        mine = client.post("/api/v2/query", json=query, headers=AUTH)
        demo = client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert mine.status_code == 200 and mine.json()["query"]["date_range"][0].endswith("+09:00")
    assert demo.status_code == 401


def test_a_bad_sites_file_is_refused_at_once(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[sites]]\ndomain = "acme.test"\ncurrency = "EUR"\n')
    with pytest.raises(SitesFileError, match=r"sites\[0\]\.currency: unknown key"):
        StatsrefTransport(sites=sites)


def test_accepts_the_keys_it_is_given() -> None:
    transport = StatsrefTransport(keys=("key-1", "key-2"))
    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        statuses = [
            client.post("/api/v2/query", json=QUERY, headers={"Authorization": f"Bearer {key}"})
            for key in ("key-1", "key-2", "demo-key")
        ]
    assert [response.status_code for response in statuses] == [200, 200, 401]


def test_now_pins_the_clock() -> None:
    now = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
    with httpx.Client(transport=StatsrefTransport(now=now), base_url=BASE_URL) as client:
        response = client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert response.headers[CLOCK_HEADER] == now.isoformat()
    week = ["2026-10-26T00:00:00Z", "2026-11-01T23:59:59Z"]
    assert response.json()["query"]["date_range"] == week


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"now": datetime(2026, 11, 2)}, ValueError, "now needs a UTC offset"),
        ({"keys": "demo-key"}, TypeError, "not a string"),
        ({"keys": ()}, ValueError, "keys needs at least one non-empty string, got ()"),
        ({"keys": ("",)}, ValueError, "keys needs at least one non-empty string"),
        ({"rate_limit": -1}, ValueError, "rate_limit must be 0 (unlimited) or more, got -1"),
    ],
)
def test_bad_arguments_name_the_argument_and_value(arguments, error, message) -> None:
    with pytest.raises(error) as raised:
        StatsrefTransport(**arguments)
    assert message in str(raised.value)


def test_a_closed_transport_ends_the_lifespan_and_starts_again_on_the_next_request() -> None:
    transport = StatsrefTransport()
    events: list[str] = []
    lifespan = transport.app.router.lifespan_context

    async def recorded(app):
        events.append("start")
        async with lifespan(app):
            yield
        events.append("stop")

    transport.app.router.lifespan_context = contextlib.asynccontextmanager(recorded)
    for _ in range(2):
        with httpx.Client(transport=transport, base_url=BASE_URL) as client:
            assert client.post("/api/v2/query", json=QUERY, headers=AUTH).status_code == 200
            assert client.get("/health").status_code == 200
    assert events == ["start", "stop", "start", "stop"]
    assert transport.app.state.statsref.datasets.builds == 1  # the dataset was kept


def test_serves_clients_in_several_threads_at_once(transport) -> None:
    statuses: list[int] = []

    def ask(client: httpx.Client, days: int) -> None:
        query = {**QUERY, "date_range": f"{days}d"}
        statuses.append(client.post("/api/v2/query", json=query, headers=AUTH).status_code)

    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        threads = [threading.Thread(target=ask, args=(client, days)) for days in range(7, 15)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [200] * len(threads)


def test_reads_a_streamed_request_body(transport) -> None:
    chunks = [b'{"site_id": "dummy.site", ', b'"metrics": ["visitors"], "date_range": "7d"}']
    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        response = client.post("/api/v2/query", content=iter(chunks), headers=AUTH)
    assert response.status_code == 200, response.text


def test_a_transport_left_open_does_not_hold_the_interpreter_at_exit(tmp_path: Path) -> None:
    """The loop's thread is stopped at exit (it once waited for ever for a frozen thread)."""
    script = tmp_path / "left_open.py"
    script.write_text(
        "import httpx\n"
        "from statsref.testing import StatsrefTransport\n"
        "client = httpx.Client(transport=StatsrefTransport(), base_url='https://plausible.io')\n"
        "print(client.get('/health').status_code)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "200\n"), done.stderr


def test_builds_only_the_days_its_queries_read() -> None:
    transport = StatsrefTransport(now=datetime.fromisoformat("2026-11-02T14:30:00+00:00"))
    with httpx.Client(transport=transport, base_url=BASE_URL) as client:
        assert client.post("/api/v2/query", json=QUERY, headers=AUTH).status_code == 200
    datasets = transport.app.state.statsref.datasets
    dataset = datasets.get(datasets.now())
    assert not dataset.needs_build("dummy.site", date(2026, 10, 26), date(2026, 11, 1), False)
    assert dataset.needs_build("dummy.site") and dataset.needs_build("shop.dummy.site")
