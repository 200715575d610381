"""Each v1 endpoint's request as v2 queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.endpoints import REALTIME, convert_request
from statsref.engine.migrate.request import V1Request

TODAY = date(2026, 11, 2)


def convert(endpoint: str, **params: str) -> tuple[list[dict[str, Any]], list[str]]:
    notes: list[str] = []
    return convert_request(V1Request(endpoint, {"site_id": "a.b", **params}), TODAY, notes), notes


def test_an_aggregate_is_one_query_with_keys_in_echo_order() -> None:
    params = {
        "period": "7d",
        "metrics": "visitors",
        "filters": "event:page==/",
        "with_imported": "true",
    }
    (query,), _ = convert("aggregate", **params)
    assert list(query) == ["site_id", "metrics", "date_range", "filters", "include"]
    assert query["include"] == {"imports": True}


def test_compare_is_a_second_query_for_the_days_before() -> None:
    queries, notes = convert(
        "aggregate", period="30d", metrics="visitors", compare="previous_period"
    )
    assert [q["date_range"] for q in queries] == [
        ["2026-10-03", "2026-11-01"],
        ["2026-09-03", "2026-10-02"],
    ]
    assert any("round((current - previous) / previous * 100)" in note for note in notes)


@pytest.mark.parametrize(
    ("endpoint", "params"), [("timeseries", {}), ("breakdown", {"property": "event:page"})]
)
def test_compare_elsewhere_is_ignored_as_v1_does(endpoint: str, params: dict[str, str]) -> None:
    queries, notes = convert(endpoint, compare="previous_period", **params)
    assert len(queries) == 1
    assert notes[0] == f"v1's {endpoint} ignores compare; so does the conversion."


def test_another_compare_mode_is_ignored() -> None:
    queries, notes = convert("aggregate", period="day", compare="year_over_year")
    assert len(queries) == 1 and queries[0]["date_range"] == "day"
    assert "v1 ignores compare=year_over_year" in " ".join(notes)


@pytest.mark.parametrize(
    ("params", "dimension"),
    [
        ({"period": "day"}, "time:hour"),
        ({"period": "7d"}, "time:day"),
        ({"period": "12mo"}, "time:month"),
        ({"period": "6mo", "interval": "date"}, "time:day"),
        ({"period": "7d", "interval": "month"}, "time:month"),
    ],
)
def test_a_timeseries_has_the_bucket_v1_uses_and_every_label(
    params: dict[str, str], dimension: str
) -> None:
    (query,), notes = convert("timeseries", **params)
    assert query["dimensions"] == [dimension]
    assert query["include"] == {"time_labels": True}
    assert any("meta.time_labels" in note for note in notes)


def test_a_timeseries_rate_is_per_bucket() -> None:
    (query,), _ = convert("timeseries", metrics="conversion_rate", filters="event:goal==Signup")
    assert query["metrics"] == ["group_conversion_rate"]


@pytest.mark.parametrize("interval", ["hour", "week", ""])
def test_an_interval_v1_rejects_is_an_error(interval: str) -> None:
    with pytest.raises(MigrationError, match=f"interval={interval}: v1 takes day or month"):
        convert("timeseries", interval=interval)


def test_realtime_has_no_query() -> None:
    queries, notes = convert("realtime/visitors", period="day")
    assert queries == []
    assert notes == ["v1's realtime/visitors ignores period; so does the conversion.", REALTIME]


def test_unknown_parameters_and_shell_variables_are_named() -> None:
    notes: list[str] = []
    request = V1Request(
        "aggregate", {"site_id": "$SITE_ID", "limit": "5", "key": "k"}, "https://p.io"
    )
    convert_request(request, TODAY, notes)
    assert notes[0] == "v1's aggregate ignores limit, key; so does the conversion."
    assert any("shell variable $SITE_ID" in note for note in notes)
    assert notes[-1].startswith(
        "Send each query as the JSON body of POST https://p.io/api/v2/query"
    )


def test_a_request_without_site_is_an_error() -> None:
    with pytest.raises(MigrationError, match="site_id is missing"):
        convert_request(V1Request("aggregate", {}), TODAY, [])
