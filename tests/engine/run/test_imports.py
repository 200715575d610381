"""``include.imports``: skip reasons with their warnings, and imported aggregates merged in."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from demo import SITES
from statsref.engine import parse_query
from statsref.engine.data import Dataset
from statsref.engine.language.filter_tree import normalized
from statsref.engine.language.timebuckets import day_number
from statsref.engine.run.execute import execute
from statsref.engine.run.imports import (
    UNSUPPORTED_INTERVAL_WARNING,
    UNSUPPORTED_QUERY_WARNING,
    report_for,
)

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
IMPORTED_ONLY = ["2025-06-01", "2025-06-30"]
"""Inside dummy.site's imported period (730 to 366 days ago), before its native stats."""
ACROSS = ["2025-10-01", "2025-11-30"]
"""Straddles the day native stats start (2025-11-02)."""
SCROLL_GOAL = "Scroll 75% on /blog/*"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.build(NOW, events=20_000, seed=5)


def run(dataset: Dataset, imports: bool = True, **body: Any) -> dict[str, Any]:
    body.setdefault("site_id", "dummy.site")
    body.setdefault("date_range", IMPORTED_ONLY)
    if imports:
        body["include"] = {**body.get("include", {}), "imports": True}
    return execute(parse_query(body, now=NOW), dataset)


def test_included_imports_fill_an_imported_only_range(dataset):
    native = run(dataset, imports=False, metrics=["visitors", "pageviews"])
    assert native["results"][0]["metrics"] == [0, 0] and native["meta"] == {}
    merged = run(dataset, metrics=["visitors", "pageviews", "bounce_rate", "visit_duration"])
    visitors, pageviews, bounce_rate, duration = merged["results"][0]["metrics"]
    assert merged["meta"] == {"imports_included": True}
    assert pageviews > visitors > 0 and 0 < bounce_rate < 100 and duration > 0


def test_imported_and_native_add_up_across_the_boundary(dataset):
    native = run(dataset, imports=False, metrics=["visitors"], date_range=ACROSS)
    imported = run(dataset, metrics=["visitors"], date_range=IMPORTED_ONLY)
    merged = run(dataset, metrics=["visitors"], date_range=ACROSS)
    assert merged["results"][0]["metrics"][0] > native["results"][0]["metrics"][0] > 0
    assert imported["results"][0]["metrics"][0] > 0


def test_breakdowns_and_filters_from_one_report(dataset):
    sources = run(dataset, metrics=["visitors"], dimensions=["visit:source"])
    assert sources["meta"]["imports_included"] is True
    by_source = {r["dimensions"][0]: r["metrics"][0] for r in sources["results"]}
    assert by_source["Google"] > 0 and "Direct / None" in by_source
    google = run(dataset, metrics=["visitors"], filters=[["is", "visit:source", ["Google"]]])
    assert google["results"][0]["metrics"][0] == by_source["Google"]
    series = run(
        dataset, metrics=["visitors"], dimensions=["time:week"], include={"time_labels": True}
    )
    assert series["meta"]["imports_included"] is True
    assert [r["dimensions"][0] for r in series["results"]] == series["meta"]["time_labels"]


def test_goal_conversions_come_from_custom_events_and_pages(dataset):
    """Event goals from the imported custom events, page goals from the imported pages."""
    body = run(
        dataset, metrics=["visitors", "events", "conversion_rate"], dimensions=["event:goal"]
    )
    assert body["meta"] == {"imports_included": True}
    goals = {r["dimensions"][0]: r["metrics"] for r in body["results"]}
    assert goals["Signup"][0] > 0 and 0 < goals["Signup"][2] < 100
    assert goals["Visit /pricing"][0] > 0 and goals["Visit /blog*"][0] > 0
    pages = run(dataset, metrics=["visitors"], dimensions=["event:page"])
    by_page = {r["dimensions"][0]: r["metrics"][0] for r in pages["results"]}
    assert goals["Visit /pricing"][0] == by_page["/pricing"]
    blog = sum(v for page, v in by_page.items() if page.startswith("/blog"))
    assert goals["Visit /blog*"][0] == blog
    one = run(dataset, metrics=["visitors"], filters=[["is", "event:goal", ["Visit /pricing"]]])
    assert one["meta"] == {"imports_included": True}
    assert one["results"][0]["metrics"] == [by_page["/pricing"]]


def test_scroll_goals_have_no_imported_conversions(dataset):
    """No imported report holds scroll goals: their row stays native in a goal breakdown, and
    a query about them alone leaves imported data out."""
    body = {"metrics": ["visitors", "events"], "date_range": ACROSS}
    both = run(dataset, dimensions=["event:goal"], **body)
    native = run(dataset, imports=False, dimensions=["event:goal"], **body)
    scroll = [r for r in both["results"] if r["dimensions"] == [SCROLL_GOAL]]
    assert scroll and scroll == [r for r in native["results"] if r["dimensions"] == [SCROLL_GOAL]]
    assert scroll[0]["metrics"][1] is None
    alone = run(dataset, filters=[["is", "event:goal", [SCROLL_GOAL]]], **body)
    assert alone["meta"]["imports_skip_reason"] == "unsupported_query"


@pytest.mark.parametrize(
    ("body", "reason", "warning"),
    [
        ({"date_range": "7d"}, "out_of_range", None),
        (
            {"dimensions": ["time:hour"], "date_range": ["2025-06-01", "2025-06-01"]},
            "unsupported_interval",
            UNSUPPORTED_INTERVAL_WARNING,
        ),
        (
            {"dimensions": ["visit:source", "visit:country"]},
            "unsupported_query",
            UNSUPPORTED_QUERY_WARNING,
        ),
        (
            {"filters": [["is", "event:props:author", ["Marko"]]]},
            "unsupported_query",
            UNSUPPORTED_QUERY_WARNING,
        ),
        (
            {"filters": [["has_done", ["is", "event:name", ["Signup"]]]]},
            "unsupported_query",
            UNSUPPORTED_QUERY_WARNING,
        ),
    ],
)
def test_skip_reasons(dataset, body, reason, warning):
    body.setdefault("metrics", ["visitors"])
    meta = run(dataset, **body)["meta"]
    assert meta["imports_included"] is False
    assert meta["imports_skip_reason"] == reason
    assert meta.get("imports_warning") == warning


def test_revenue_stays_native(dataset):
    """No imported report holds revenue: the query keeps its imports (visitors add up) and
    revenue is the native figure, as the API merges only what imported tables hold."""
    body = {
        "metrics": ["visitors", "total_revenue"],
        "filters": [["is", "event:goal", ["PurchaseUSD"]]],
        "date_range": ACROSS,
    }
    merged = run(dataset, **body)
    native = run(dataset, imports=False, **body)
    assert merged["meta"] == {"imports_included": True}
    (visitors, value), (native_visitors, native_value) = (
        merged["results"][0]["metrics"],
        native["results"][0]["metrics"],
    )
    assert visitors > native_visitors and value == native_value


def _imported_pages(dataset: Dataset, domain: str) -> dict[str, tuple[int, ...]]:
    """Per page, the imported engagement sums over ``IMPORTED_ONLY``, read off the table."""
    first, last = (day_number(date.fromisoformat(day)) for day in IMPORTED_ONLY)
    rows = dataset.db.execute(
        "SELECT page, SUM(total_scroll_depth), SUM(total_scroll_depth_visits), "
        "SUM(total_time_on_page), SUM(total_time_on_page_visits) FROM imported "
        "WHERE site = ? AND kind = 'pages' AND day BETWEEN ? AND ? GROUP BY page",
        [dataset.site_index[domain], first, last],
    ).fetchall()
    return {page: tuple(sums) for page, *sums in rows}


def _half_up(part: int, whole: int) -> int:
    return (2 * part + whole) // (2 * whole)


def test_scroll_depth_and_time_on_page_come_from_imported_pages(dataset):
    """Before native stats begin, a page's scroll depth and time on page are the imported
    pages' sums of totals over sums of visits, and no warning says the import lacks them."""
    body = run(dataset, metrics=["scroll_depth", "time_on_page"], dimensions=["event:page"])
    expected = {
        page: [_half_up(depth, depth_visits), _half_up(seconds, visits)]
        for page, (depth, depth_visits, seconds, visits) in _imported_pages(
            dataset, "dummy.site"
        ).items()
    }
    assert body["meta"] == {"imports_included": True}
    assert {r["dimensions"][0]: r["metrics"] for r in body["results"]} == expected


def test_an_import_without_scroll_depth_adds_none_and_says_so(dataset):
    """shop.dummy.site's import has no scroll depth: its pages add time on page only, scroll
    depth stays null where only imported data exists, with the API's warning."""
    body = run(
        dataset,
        site_id="shop.dummy.site",
        date_range=["2025-11-01", "2025-11-30"],
        metrics=["scroll_depth", "time_on_page"],
        dimensions=["event:page"],
    )
    assert body["meta"]["imports_included"] is True
    assert body["meta"]["metric_warnings"]["scroll_depth"]["code"] == "no_imported_scroll_depth"
    assert body["results"] and all(r["metrics"][0] is None for r in body["results"])
    assert all(r["metrics"][1] > 0 for r in body["results"])


def test_time_on_page_is_zero_not_null_without_visits_when_imports_join(dataset):
    body = {"metrics": ["time_on_page"], "filters": [["is", "event:page", ["/nowhere"]]]}
    assert run(dataset, **body)["results"][0]["metrics"] == [0]
    assert run(dataset, imports=False, **body)["results"][0]["metrics"] == [None]


def test_skipped_imports_leave_native_numbers_alone(dataset):
    native = run(dataset, imports=False, metrics=["visitors"], date_range="7d")
    skipped = run(dataset, metrics=["visitors"], date_range="7d")
    assert skipped["results"] == native["results"]


def test_site_without_imported_data():
    dataset = Dataset.build(NOW, events=2000, seed=5)
    dataset.db.execute("DELETE FROM imported WHERE site = ?", [dataset.site_index["dummy.site"]])
    meta = run(dataset, metrics=["visitors"])["meta"]
    assert meta == {"imports_included": False, "imports_skip_reason": "no_imported_data"}


@pytest.mark.parametrize(
    ("dims", "filters", "report"),
    [
        ([], [], "visitors"),
        (["time:day"], [], "visitors"),
        (["visit:source"], [["is", "visit:utm_medium", ["cpc"]]], "sources"),
        (["visit:country"], [["is", "visit:city", [2950159]]], "locations"),
        (["event:page"], [], "pages"),
        (["event:goal"], [["is", "event:name", ["Signup"]]], None),
        (["event:goal"], [], "custom_events"),
        (["event:goal", "time:day"], [], None),
        (["event:goal"], [["is", "event:goal", ["Signup", "PurchaseUSD"]]], "custom_events"),
        (["time:week"], [["is", "event:goal", ["Visit /pricing"]]], "pages"),
        (["event:goal"], [["contains", "event:goal", ["Visit"]]], "pages"),
        (["event:goal"], [["contains", "event:goal", ["i"]]], None),
        ([], [["is", "event:goal", [SCROLL_GOAL]]], None),
        (["event:goal"], [["contains", "event:goal", ["blog"]]], None),
        (
            [],
            [["is", "event:goal", ["Visit /pricing"]], ["is", "event:page", ["/pricing"]]],
            "pages",
        ),
        (["visit:source", "visit:device"], [], None),
        (["visit:entry_page_hostname"], [], None),
    ],
)
def test_report_for(dims, filters, report):
    filters = [normalized(f) for f in filters]
    assert report_for(SITES["dummy.site"], dims, filters) == report


@pytest.mark.parametrize("metric", ["visits", "pageviews", "visitors"])
def test_every_imported_day_shows_up_in_a_series(dataset, metric):
    body = run(dataset, metrics=[metric], dimensions=["time:day"], include={"time_labels": True})
    days = [r["dimensions"][0] for r in body["results"]]
    assert days == body["meta"]["time_labels"] and len(days) == 30
