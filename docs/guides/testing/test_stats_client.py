"""Tests of a small Stats API client against the statsref mock: pip install statsref."""

import httpx
import pytest

from statsref.testing import AsyncStatsrefTransport, StatsrefTransport

API = "https://plausible.io"
KEY = {"Authorization": "Bearer demo-key"}


# The code under test; in your project it lives in your own package.
def top_sources(client: httpx.Client, site_id: str, limit: int = 3) -> list[tuple[str, int]]:
    """The sources that brought the most visitors last week, with their visitors."""
    query = {
        "site_id": site_id,
        "metrics": ["visitors"],
        "date_range": "7d",
        "dimensions": ["visit:source"],
        "pagination": {"limit": limit},
    }
    response = client.post("/api/v2/query", json=query)
    response.raise_for_status()
    return [(row["dimensions"][0], row["metrics"][0]) for row in response.json()["results"]]


@pytest.fixture
def client(statsref_transport):
    with httpx.Client(transport=statsref_transport, base_url=API, headers=KEY) as client:
        yield client


def test_top_sources_come_in_order(client):
    sources = top_sources(client, "dummy.site")
    visitors = [count for _, count in sources]
    assert len(sources) == 3
    assert visitors == sorted(visitors, reverse=True)


def test_a_locked_site_raises_402(client):
    with pytest.raises(httpx.HTTPStatusError) as raised:
        top_sources(client, "locked.dummy.site")
    assert raised.value.response.status_code == 402


def test_a_wrong_key_raises_401(statsref_transport):
    wrong = {"Authorization": "Bearer wrong-key"}
    with httpx.Client(transport=statsref_transport, base_url=API, headers=wrong) as client:
        with pytest.raises(httpx.HTTPStatusError) as raised:
            top_sources(client, "dummy.site")
    assert raised.value.response.status_code == 401
    assert raised.value.response.json()["error"].startswith("Invalid API key or site ID.")


def test_past_the_rate_limit_comes_a_429():
    transport = StatsrefTransport(rate_limit=1)  # one request per hour
    with httpx.Client(transport=transport, base_url=API, headers=KEY) as client:
        top_sources(client, "dummy.site")
        with pytest.raises(httpx.HTTPStatusError) as raised:
            top_sources(client, "dummy.site")
    assert raised.value.response.status_code == 429
    assert int(raised.value.response.headers["Retry-After"]) > 0


def test_a_real_server_for_code_that_needs_a_url(statsref_server):
    key = {"Authorization": f"Bearer {statsref_server.key}"}
    with httpx.Client(base_url=statsref_server.url, headers=key) as client:
        assert len(top_sources(client, "dummy.site")) == 3


@pytest.mark.anyio
async def test_async_code():
    transport = AsyncStatsrefTransport()
    async with httpx.AsyncClient(transport=transport, base_url=API, headers=KEY) as client:
        query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
        response = await client.post("/api/v2/query", json=query)
    assert response.json()["results"][0]["metrics"][0] > 0
