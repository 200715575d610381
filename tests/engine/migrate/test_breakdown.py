"""Breakdown dimensions, order and pagination as v1 answers them."""

from __future__ import annotations

from typing import Any

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.breakdown import breakdown_parts


def parts(metrics: list[str], **params: str) -> tuple[dict[str, Any], list[str]]:
    notes: list[str] = []
    return breakdown_parts(params, metrics, notes), notes


def test_sorted_by_the_first_metric_then_the_property_100_rows() -> None:
    result, notes = parts(["bounce_rate", "visitors"], property="event:page")
    assert result == {
        "metrics": ["bounce_rate", "visitors"],
        "dimensions": ["event:page"],
        "order_by": [["bounce_rate", "desc"], ["event:page", "asc"]],
        "pagination": {"limit": 100},
    }
    assert "v1 returns 100 rows" in notes[0]


def test_pages_count_from_one() -> None:
    result, notes = parts(["visitors"], property="visit:browser", limit="5", page="3")
    assert result["pagination"] == {"limit": 5, "offset": 10}
    assert notes == []


def test_goal_rows_are_sorted_by_the_metric_only_and_keep_conversion_rate() -> None:
    result, _ = parts(["conversion_rate"], property="event:goal", limit="10")
    assert result["metrics"] == ["conversion_rate"]
    assert result["order_by"] == [["conversion_rate", "desc"]]


def test_conversion_rate_per_source_is_the_group_rate() -> None:
    result, notes = parts(["visitors", "conversion_rate"], property="visit:source", limit="9")
    assert result["metrics"] == ["visitors", "group_conversion_rate"]
    assert "group_conversion_rate" in notes[0]


def test_time_on_page_alone_is_sorted_by_visitors() -> None:
    result, notes = parts(["time_on_page"], property="event:page", limit="9")
    assert result["metrics"] == ["time_on_page", "visitors"]
    assert result["order_by"][0] == ["visitors", "desc"]
    assert "sorts this breakdown by visitors" in notes[0]


def test_a_version_brings_its_family_along() -> None:
    result, notes = parts(["visitors"], property="visit:browser_version", limit="9")
    assert result["dimensions"] == ["visit:browser", "visit:browser_version"]
    assert result["order_by"][1] == ["visit:browser_version", "asc"]
    assert "per visit:browser too" in notes[0]


@pytest.mark.parametrize("prop", ["visit:utm_source", "visit:country", "visit:entry_page"])
def test_rows_v1_leaves_out_are_named(prop: str) -> None:
    _, notes = parts(["visitors"], property=prop, limit="9")
    assert f"v1 leaves out the {prop} row" in notes[0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "a breakdown needs property="),
        ({"property": "time:day"}, "property=time:day is not a property"),
        (
            {"property": "event:page", "limit": "1001"},
            "limit=1001: v1 takes a limit from 1 to 1000",
        ),
        ({"property": "event:page", "limit": "0"}, "limit=0"),
        ({"property": "event:page", "limit": "5 "}, "limit=5  is not a whole number"),
        ({"property": "event:page", "page": "0"}, "page=0: v1 counts pages from 1"),
        ({"property": "event:page", "page": "two"}, "page=two is not a whole number"),
        (
            {"property": "event:page", "page": "9" * 5000},
            "^page=999999999... has 5000 digits; the converter reads at most 9$",
        ),
    ],
)
def test_breakdowns_v1_rejects_are_errors(params: dict[str, str], message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        breakdown_parts(params, ["visitors"], [])
