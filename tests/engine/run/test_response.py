"""Response shaping: dimension values, number formats, revenue objects, order and pages."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from statsref.engine import parse_query
from statsref.engine.language.timebuckets import HourBucket
from statsref.engine.run.response import body, display_value, group_rows, money, order_rows, rounded

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


def query(**body_: object):
    body_.setdefault("site_id", "dummy.site")
    body_.setdefault("date_range", "7d")
    return parse_query(body_, now=NOW)


HOUR_LABEL = "2026-11-02 13:00:00"


HOUR = 24 * 20759 + 13
"""2026-11-02 13:00 local, as an hour number (its slot is twice this, plus 1 when repeated)."""


@pytest.mark.parametrize(
    ("dim", "raw", "shown"),
    [
        ("visit:source", "", "Direct / None"),
        ("visit:referrer", "", "Direct / None"),
        ("visit:utm_campaign", "", "(not set)"),
        ("visit:browser_version", "", "(not set)"),
        ("visit:channel", "", "Direct"),
        ("visit:country_name", "", ""),
        ("visit:entry_page", "", ""),
        ("event:props:author", None, "(none)"),
        ("event:props:author", "Marko", "Marko"),
        ("visit:city", 2950159, 2950159),
        ("time:hour", 2 * HOUR, HourBucket(2 * HOUR, "2026-11-02 13:00:00")),
        ("time:hour", 2 * HOUR + 1, HourBucket(2 * HOUR + 1, "2026-11-02 13:00:00")),
        ("time:day", 20759, "2026-11-02"),
        ("time:week", 20759, "2026-11-02"),
        ("time:month", 2026 * 12 + 10, "2026-11-01"),
    ],
)
def test_display_values(dim, raw, shown):
    assert display_value(dim, raw) == shown


def test_group_rows_keys_by_displayed_dimensions_and_zero_fills():
    rows = [("", 3, None), ("Google", 5, 2)]
    groups = group_rows(rows, ["visit:source"], ["visitors", "bounces"])
    assert groups == {
        ("Direct / None",): {"visitors": 3, "bounces": 0},
        ("Google",): {"visitors": 5, "bounces": 2},
    }


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (Fraction(5, 2), 0, 3),
        (Fraction(1, 3), 0, 0),
        (Fraction(200, 3), 2, 66.67),
        (Fraction(1, 8), 2, 0.13),
        (Fraction(1, 20), 1, 0.1),
        (12, 0, 12),
        (0, 2, 0.0),
    ],
)
def test_rounding_is_half_up_and_typed(value, digits, expected):
    result = rounded(value, digits)
    assert result == expected
    assert isinstance(result, int if digits == 0 else float)


@pytest.mark.parametrize(
    ("amount", "currency", "short", "long"),
    [
        (96336315, "USD", "$96.3M", "$96,336,315.00"),
        (2442, "USD", "$2.4K", "$2,442.00"),
        (122.1, "EUR", "€122.1", "€122.10"),
        (0, "GBP", "£0.0", "£0.00"),
        (1_500_000_000, "USD", "$1.5B", "$1,500,000,000.00"),
    ],
)
def test_money(amount, currency, short, long):
    assert money(amount, currency) == {
        "short": short,
        "long": long,
        "value": float(amount),
        "currency": currency,
    }


def test_order_rows_null_lowest_and_ties_in_dimension_order():
    q = query(
        metrics=["visitors", "scroll_depth"],
        dimensions=["event:page"],
        order_by=[["scroll_depth", "desc"]],
    )
    rows = [(("/b",), [1, None]), (("/c",), [2, 40]), (("/a",), [3, 40]), (("/d",), [4, 10])]
    assert [r[0][0] for r in order_rows(rows, q)] == ["/a", "/c", "/d", "/b"]
    q.order_by = [("scroll_depth", "asc"), ("visitors", "desc")]
    assert [r[0][0] for r in order_rows(rows, q)] == ["/b", "/d", "/a", "/c"]


def test_order_rows_by_revenue_value():
    q = query(
        metrics=["total_revenue"], dimensions=["event:goal"], order_by=[["total_revenue", "desc"]]
    )
    rows = [
        (("Donation",), [money(5, "EUR")]),
        (("PurchaseUSD",), [money(50, "USD")]),
        (("Signup",), [None]),
    ]
    assert [r[0][0] for r in order_rows(rows, q)] == ["PurchaseUSD", "Donation", "Signup"]


def test_body_pages_and_counts_rows():
    q = query(
        metrics=["visitors"],
        dimensions=["event:page"],
        include={"total_rows": True},
        pagination={"limit": 2, "offset": 1},
    )
    rows = [((f"/{n}",), [n]) for n in range(5)]
    result = body(q, rows, {})
    assert list(result) == ["results", "meta", "query"]
    assert result["results"] == [
        {"dimensions": ["/3"], "metrics": [3]},
        {"dimensions": ["/2"], "metrics": [2]},
    ]
    assert result["meta"] == {"total_rows": 5}
    assert result["query"] == q.echo
    q.offset = 9
    assert body(q, rows, {})["meta"]["total_rows"] == 0
