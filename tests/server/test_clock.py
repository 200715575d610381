"""``X-Statsref-Clock``: the clock a request asks for, and the budget of new clocks per minute."""

from __future__ import annotations

import pytest

from statsref.server.clock import CLOCK_HEADER, ClockBudget
from statsref.server.errors import ApiError

from .conftest import AUTH

QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_new_clocks_past_the_budget_are_refused_until_the_minute_moves_on() -> None:
    ticks = Ticks()
    budget = ClockBudget(per_minute=3, monotonic=ticks)
    for _ in range(3):
        budget.admit()
        ticks.now += 10
    with pytest.raises(ApiError) as refused:
        budget.admit()
    assert refused.value.status == 429
    assert refused.value.headers == {"Retry-After": "30"}
    assert CLOCK_HEADER in refused.value.message
    ticks.now += 30  # the first admission is a minute old
    budget.admit()


@pytest.mark.anyio
async def test_a_stream_of_distinct_clocks_gets_429_and_known_clocks_still_answer(
    make_client, settings
) -> None:
    client = await make_client(settings, now=None)
    clocks = [f"2026-10-{day:02d}T12:00:00+00:00" for day in range(1, 9)]
    statuses = []
    for clock in clocks:
        response = await client.post(
            "/api/v2/query", json=QUERY, headers={**AUTH, CLOCK_HEADER: clock}
        )
        statuses.append(response.status_code)
    assert statuses == [200] * 6 + [429] * 2
    assert response.headers["Retry-After"].isdigit()
    kept = await client.post("/api/v2/query", json=QUERY, headers={**AUTH, CLOCK_HEADER: clocks[5]})
    assert kept.status_code == 200  # the most recent clocks are kept and cost nothing new
    plain = await client.post("/api/v2/query", json=QUERY, headers=AUTH)
    assert plain.status_code == 200  # without the header: the server's own clock, unaffected
