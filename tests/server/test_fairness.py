"""Fair shares between clients: queries in flight per client, the query pool, its queue."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest
from starlette.applications import Starlette

from statsref.server.clock import NEW_CLOCKS_PER_MINUTE
from statsref.server.fairness import (
    QUERIES_PER_CLIENT,
    QUERY_THREADS,
    WAIT_SECONDS,
    FairPool,
    client_identity,
)
from statsref.server.settings import Settings

from .conftest import AUTH, Connect, MakeApp

pytestmark = pytest.mark.anyio

QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


@pytest.mark.parametrize(
    ("host", "client"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one machine or home: its /64
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, "unknown"),
        ("testclient", "testclient"),
    ],
)
def test_a_client_is_its_address_and_its_key(host: str | None, client: str) -> None:
    assert client_identity(host, "demo-key") == (client, "demo-key")


@pytest.fixture
async def app(make_app: MakeApp, settings: Settings, tmp_path: Path) -> Starlette:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>home</h1>")
    return await make_app(settings, site_dir=site, rate_limit=0)


@contextlib.contextmanager
def dataset_busy(app: Starlette):
    """Holds the turn at the dataset: queries wait in the engine until the block ends."""
    datasets = app.state.statsref.datasets
    with datasets.get(datasets.now()).turns.hold():
        yield


async def waiting(app: Starlette, count: int) -> None:
    """Until ``count`` queries wait for their turn at the dataset."""
    datasets = app.state.statsref.datasets
    turns = datasets.get(datasets.now()).turns
    async with asyncio.timeout(10):
        while turns.waiting() < count:
            await asyncio.sleep(0.005)


async def test_a_client_past_its_queries_in_flight_gets_429_and_others_are_served(
    app: Starlette, connect: Connect
) -> None:
    """All queries once queued without a limit per client."""
    greedy, other = connect(app, "198.51.100.1"), connect(app, "198.51.100.2")
    with dataset_busy(app):
        held = [
            asyncio.ensure_future(greedy.post("/api/v2/query", json=QUERY, headers=AUTH))
            for _ in range(QUERIES_PER_CLIENT)
        ]
        await waiting(app, QUERIES_PER_CLIENT)
        refused = await greedy.post("/api/v2/query", json=QUERY, headers=AUTH)
        served = asyncio.ensure_future(other.post("/api/v2/query", json=QUERY, headers=AUTH))
        await waiting(app, QUERIES_PER_CLIENT + 1)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert "already has 2 in flight" in refused.json()["error"]
    assert [r.status_code for r in await asyncio.gather(*held, served)] == [200] * 3
    again = await greedy.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert again.status_code == 200  # answers in hand, the client may send more


async def test_files_never_wait_behind_queries(app: Starlette, connect: Connect) -> None:
    """Queries once waited for the dataset on the threads that serve files: with 45 of them
    queued, ``GET /`` took 13 s."""
    with dataset_busy(app):
        queries = [
            asyncio.ensure_future(
                connect(app, f"198.51.100.{n}").post("/api/v2/query", json=QUERY, headers=AUTH)
            )
            for n in range(45)
        ]
        await waiting(app, QUERY_THREADS)
        async with asyncio.timeout(10):
            page = await connect(app, "192.0.2.1").get("/")
        assert page.status_code == 200 and "home" in page.text
    assert {r.status_code for r in await asyncio.gather(*queries)} == {200}


async def test_a_query_that_finds_every_thread_busy_waits_a_bounded_time(
    app: Starlette, connect: Connect
) -> None:
    """Queries once waited without bound."""
    clients = app.state.statsref.clients
    clients.threads, clients.wait = 1, 0.05
    with dataset_busy(app):
        first = asyncio.ensure_future(
            connect(app, "198.51.100.1").post("/api/v2/query", json=QUERY, headers=AUTH)
        )
        await waiting(app, 1)
        second = await connect(app, "198.51.100.2").post("/api/v2/query", json=QUERY, headers=AUTH)
    assert second.status_code == 503
    assert second.headers["retry-after"] == "1"
    assert "every query thread was taken" in second.json()["error"]
    assert (await first).status_code == 200


async def test_a_query_that_waits_too_long_for_its_turns_gets_503(
    app: Starlette, connect: Connect, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("statsref.engine.run.deadline.WAIT_SECONDS", 0.05)
    with dataset_busy(app):
        answer = await connect(app, "198.51.100.1").post("/api/v2/query", json=QUERY, headers=AUTH)
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "1"
    assert answer.json()["error"].startswith("The mock is busy: this query waited more than")


BUSY, NEWCOMER = ("198.51.100.1", "k"), ("198.51.100.2", "k")


async def test_a_freed_thread_goes_to_the_client_holding_the_fewest() -> None:
    """Threads once went in arrival order: clients keeping every thread busy, each with a
    query queued as well, made a newcomer wait behind all their queued queries."""
    pool = FairPool(2)
    assert await pool.acquire(BUSY, 1) and await pool.acquire(BUSY, 1)
    order: list[str] = []

    async def wants(identity: tuple[str, str], name: str) -> None:
        assert await pool.acquire(identity, 5)
        order.append(name)

    queued = asyncio.ensure_future(wants(BUSY, "busy's third"))
    await asyncio.sleep(0)
    newcomer = asyncio.ensure_future(wants(NEWCOMER, "newcomer"))
    await asyncio.sleep(0)
    pool.release(BUSY)
    await newcomer
    assert order == ["newcomer"] and pool.waiting[0].identity == BUSY
    pool.release(BUSY)
    await queued
    assert order == ["newcomer", "busy's third"] and pool.free == 0


async def test_a_waiter_that_gives_up_or_is_cancelled_leaves_no_trace() -> None:
    pool = FairPool(1)
    assert await pool.acquire(BUSY, 1)
    assert not await pool.acquire(NEWCOMER, 0.01)  # waited its time: no place
    cancelled = asyncio.ensure_future(pool.acquire(NEWCOMER, 5))
    await asyncio.sleep(0)
    cancelled.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await cancelled
    assert pool.waiting == []
    pool.release(BUSY)
    assert pool.free == 1 and not pool.held


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "mock-server.md"


def test_the_mock_server_guide_states_every_limit() -> None:
    limits = GUIDE.read_text(encoding="utf-8").split("## Limits and connections")[1]
    rows = {
        line.split("|")[1].strip(): line for line in limits.splitlines() if line.startswith("| ")
    }
    assert (
        f"| {QUERIES_PER_CLIENT} (`--queries-per-client`) |" in rows["queries in flight per client"]
    )
    assert f"| {QUERY_THREADS}, apart" in rows["query threads"]
    assert f"after {WAIT_SECONDS:g} s, `503`" in rows["query threads"]
    assert (
        f"| {NEW_CLOCKS_PER_MINUTE} a minute |"
        in rows["new clocks (`X-Statsref-Clock`) per client"]
    )
