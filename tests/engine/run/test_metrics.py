"""Metric values from components, and the revenue currency decision."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from statsref.engine import parse_query
from statsref.engine.run.metrics import (
    MIXED_CURRENCIES,
    NO_REVENUE_GOALS,
    RowData,
    Totals,
    metric_warnings,
    revenue_setup,
    value,
)

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def query(metrics, site="dummy.site", **body):
    return parse_query({"site_id": site, "metrics": metrics, "date_range": "7d", **body}, now=NOW)


def row(key=(), ev=None, se=None, eng=None, on_events=False) -> RowData:
    return RowData(key, ev or {}, se or {}, eng or {}, on_events)


def test_counts_come_from_the_deciding_table():
    data = row(ev={"visitors": 7, "pageviews": 20, "events": 25}, se={"visitors": 5, "visits": 6})
    q = query(["visitors", "visits", "pageviews", "events"])
    rev = revenue_setup(q)
    assert [value(m, data, q, Totals(), rev) for m in q.metrics] == [5, 6, 20, 25]
    data.on_events = True
    assert value("visitors", data, q, Totals(), rev) == 7


def test_session_metrics():
    data = row(
        se={"visits": 3, "entry_bounces": 1, "entry_sessions": 3, "duration": 100, "pageviews": 7}
    )
    q = query(["bounce_rate", "visit_duration", "views_per_visit"])
    rev = revenue_setup(q)
    assert [value(m, data, q, Totals(), rev) for m in q.metrics] == [33, 33, 2.33]
    empty = [value(m, row(), q, Totals(), rev) for m in q.metrics]
    assert empty == [0, 0, 0.0]


def test_rates_and_page_metrics():
    q = query(
        ["percentage", "conversion_rate", "group_conversion_rate", "scroll_depth", "time_on_page"],
        dimensions=["visit:device", "event:goal"],
        filters=[["is", "event:goal", ["Signup"]], ["is", "event:page", ["/signup"]]],
    )
    rev = revenue_setup(q)
    totals = Totals(
        percentage=8, conversion_rate=3, group_keep=[0], group_visitors={("Mobile",): 4}
    )
    data = row(
        key=("Mobile", "Signup"),
        ev={"visitors": 2, "pageview_visits": 2},
        eng={"scroll_sum": 125, "scroll_sessions": 2, "engagement_ms": 61_000},
        on_events=True,
    )
    got = [value(m, data, q, totals, rev) for m in q.metrics]
    assert got == [25.0, 66.67, 50.0, 63, 31]
    assert value("percentage", data, q, Totals(percentage=0), rev) is None
    assert value("conversion_rate", data, q, Totals(conversion_rate=0), rev) == 0.0
    assert value("scroll_depth", row(), q, totals, rev) is None
    assert value("time_on_page", row(), q, totals, rev) is None


@pytest.mark.parametrize(
    ("filters", "dimensions", "default", "warning"),
    [
        ([["is", "event:goal", ["PurchaseUSD"]]], [], "USD", None),
        ([["is", "event:goal", ["PurchaseUSD", "Signup"]]], [], "USD", None),
        ([["is", "event:goal", ["PurchaseUSD", "Donation"]]], [], None, MIXED_CURRENCIES),
        ([["is", "event:goal", ["Signup"]]], [], None, NO_REVENUE_GOALS),
        ([], [], None, NO_REVENUE_GOALS),
        ([], ["event:goal"], None, None),
        ([["contains", "event:goal", ["don"], {"case_sensitive": False}]], [], "EUR", None),
    ],
)
def test_revenue_currency_decision(filters, dimensions, default, warning):
    q = query(["total_revenue"], filters=filters, dimensions=dimensions)
    rev = revenue_setup(q)
    assert (rev.default, rev.warning) == (default, warning)
    if warning:
        assert metric_warnings(q, rev, imports_included=False) == {
            "total_revenue": {"code": warning[0], "warning": warning[1]}
        }


def test_revenue_values():
    q = query(["total_revenue", "average_revenue"], dimensions=["event:goal"])
    rev = revenue_setup(q)
    data = row(key=("PurchaseUSD",), ev={"revenue_sum": 300.0, "revenue_count": 4})
    total, average = (value(m, data, q, Totals(), rev) for m in q.metrics)
    assert total == {"short": "$300.0", "long": "$300.00", "value": 300.0, "currency": "USD"}
    assert average["value"] == 75.0
    assert value("total_revenue", row(key=("Signup",)), q, Totals(), rev) is None
    shop = query(
        ["total_revenue"], site="shop.dummy.site", filters=[["is", "event:goal", ["Gift Card"]]]
    )
    assert (
        value("total_revenue", row(ev={"revenue_sum": 25}), shop, Totals(), revenue_setup(shop))[
            "long"
        ]
        == "£25.00"
    )


def test_scroll_depth_warns_when_the_included_import_holds_none():
    shop = query(["visitors", "scroll_depth"], site="shop.dummy.site", dimensions=["event:page"])
    rev = revenue_setup(shop)
    assert metric_warnings(shop, rev, imports_included=True) == {
        "scroll_depth": {
            "code": "no_imported_scroll_depth",
            "warning": "No imports with scroll depth data were found",
        }
    }
    assert metric_warnings(shop, rev, imports_included=False) == {}
    dummy = query(["visitors", "scroll_depth"], dimensions=["event:page"])
    assert metric_warnings(dummy, revenue_setup(dummy), imports_included=True) == {}


def test_time_on_page_without_visits_is_zero_with_imports_and_null_without():
    q = query(["time_on_page"], dimensions=["event:page"])
    rev = revenue_setup(q)
    empty = row(key=("/gone",))
    assert value("time_on_page", empty, q, Totals(with_imports=True), rev) == 0
    assert value("time_on_page", empty, q, Totals(), rev) is None


SCROLL_GOAL = "Scroll 75% on /blog/*"


@pytest.mark.parametrize(
    ("filters", "dimensions", "key", "unknown"),
    [
        ([], ["event:goal"], (SCROLL_GOAL,), True),
        ([], ["event:goal"], ("Signup",), False),
        ([["is", "event:goal", [SCROLL_GOAL]]], [], (), True),
        ([["contains", "event:goal", ["Scroll"]]], ["visit:source"], ("Google",), True),
        ([["is", "event:goal", ["Signup", SCROLL_GOAL]]], [], (), True),
        ([["is", "event:goal", ["Visit /blog*"]]], [], (), False),
        # The API's check matches filters without modifiers only.
        ([["contains", "event:goal", ["scroll"], {"case_sensitive": False}]], [], (), False),
        (
            [["is", "event:goal", ["Signup", SCROLL_GOAL]], ["contains", "event:goal", ["Sc"], {}]],
            [],
            (),
            True,
        ),
        ([["has_done", ["is", "event:goal", [SCROLL_GOAL]]]], [], (), False),
        ([], [], (), False),
    ],
)
def test_events_of_a_scroll_goal_are_null(filters, dimensions, key, unknown):
    q = query(["visitors", "events"], filters=filters, dimensions=dimensions)
    data = row(key=key, ev={"visitors": 3, "events": 4}, on_events=True)
    assert value("events", data, q, Totals(), revenue_setup(q)) == (None if unknown else 4)
    assert value("visitors", data, q, Totals(), revenue_setup(q)) == 3
