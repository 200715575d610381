"""``X-Statsref-Clock``: the clock a request asks for, and the budget of new clocks per minute."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from statsref.server.clock import CLOCK_HEADER, ClockBudget, examples_clock
from statsref.server.errors import ApiError

from .conftest import AUTH

QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
EXAMPLES = datetime.fromisoformat("2026-11-02T14:30:00+00:00")


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


def test_each_client_has_its_own_allowance_of_new_clocks() -> None:
    """The allowance was one for the whole server: five requests with new clocks made the
    examples' clock answer 429 for a minute for every reader."""
    budget = ClockBudget(per_minute=2, monotonic=Ticks())
    budget.admit("flood")
    budget.admit("flood")
    with pytest.raises(ApiError):
        budget.admit("flood")
    budget.admit("reader")


def test_the_examples_clock_is_read_from_the_built_site(tmp_path: Path) -> None:
    assert examples_clock(tmp_path) is None
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "editor.json").write_text('{"clock": "2026-11-02T14:30:00+00:00"}')
    assert examples_clock(tmp_path) == EXAMPLES
    (tmp_path / "assets" / "editor.json").write_text('{"clock": null}')
    assert examples_clock(tmp_path) is None


@pytest.mark.anyio
async def test_the_examples_clock_is_never_refused_nor_counted(make_client, settings, tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "editor.json").write_text(json.dumps({"clock": EXAMPLES.isoformat()}))
    client = await make_client(settings, now=None, site_dir=site)
    for day in range(1, 9):  # the reader's own allowance spent, and then some
        await client.post(
            "/api/v2/query",
            json=QUERY,
            headers={**AUTH, CLOCK_HEADER: f"2026-10-{day:02d}T12:00:00+00:00"},
        )
    for _ in range(2):
        examples = await client.post(
            "/api/v2/query", json=QUERY, headers={**AUTH, CLOCK_HEADER: EXAMPLES.isoformat()}
        )
        assert examples.status_code == 200
        assert examples.headers[CLOCK_HEADER] == EXAMPLES.isoformat()


@pytest.mark.anyio
async def test_a_stream_of_distinct_clocks_gets_429_and_known_clocks_still_answer(
    make_app, connect, settings
) -> None:
    app = await make_app(settings, now=None)
    client = connect(app)
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
    reader = connect(app, "198.51.100.9")  # another client: an allowance of its own
    fresh = await reader.post(
        "/api/v2/query", json=QUERY, headers={**AUTH, CLOCK_HEADER: clocks[7]}
    )
    assert fresh.status_code == 200
