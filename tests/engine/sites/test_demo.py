"""The demo sites answer the queries of the official Stats API documentation.

A reader who pastes a query from the public docs into the Playground should see rows. These
are the queries of the docs' v2 examples (plausible/docs, `src/js/apiv2-examples/`, read at
commits 145de604, c1e91001, 0559c1a5, c81d3366, ffcea33c, cb9a35be, d1934908, 78be19c9,
4c6671ac, 30eccb6b) and the requests of its v1 reference (`docs/stats-api-v1.md` at 13faa0f5),
written out here by hand; the v1 ones go through `statsref migrate` as a reader's would.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from statsref.engine import Dataset, run_query
from statsref.engine.migrate import convert

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
SITE = {"site_id": "dummy.site"}

V2_QUERIES: dict[str, dict[str, Any]] = {
    "aggregate": {"metrics": ["visitors", "events"], "date_range": "7d"},
    "custom date range": {"metrics": ["visitors"], "date_range": ["2024-08-01", "2024-08-15"]},
    "country and city": {
        "metrics": ["visitors", "pageviews", "bounce_rate"],
        "date_range": "7d",
        "filters": [["is_not", "visit:country_name", [""]]],
        "dimensions": ["visit:country_name", "visit:city_name"],
    },
    "utm": {
        "metrics": ["visitors", "events", "pageviews"],
        "date_range": "7d",
        "dimensions": ["visit:utm_medium", "visit:utm_source"],
    },
    "filtering by page and country": {
        "metrics": ["visitors"],
        "date_range": "7d",
        "filters": [
            ["contains", "event:page", ["/docs", "/pricing"]],
            ["is", "visit:country_name", ["Estonia", "United States of America"]],
        ],
    },
    "case-insensitive filter": {
        "metrics": ["visitors"],
        "date_range": "7d",
        "filters": [["contains", "event:page", ["blog"], {"case_sensitive": False}]],
    },
    "segment": {
        "metrics": ["visitors", "events"],
        "filters": [["is", "segment", [2]]],
        "date_range": "7d",
    },
    "timeseries": {
        "metrics": ["visitors", "events"],
        "date_range": "7d",
        "filters": [["is", "visit:os", ["GNU/Linux", "Mac"]]],
        "dimensions": ["time:day"],
    },
    "hourly with labels": {
        "metrics": ["visitors"],
        "date_range": "day",
        "dimensions": ["time:hour"],
        "include": {"time_labels": True},
    },
    "custom properties": {
        "metrics": ["visitors"],
        "date_range": "7d",
        "dimensions": ["time:day", "event:props:is_customer"],
        "order_by": [["time:day", "asc"], ["event:props:is_customer", "desc"]],
    },
    "pagination": {
        "metrics": ["visitors", "events", "pageviews"],
        "date_range": "7d",
        "dimensions": ["visit:utm_medium", "visit:utm_source"],
        "include": {"total_rows": True},
        "pagination": {"limit": 3, "offset": 1},
    },
    "imports": {
        "metrics": ["visitors"],
        "date_range": "all",
        "dimensions": ["visit:source"],
        "include": {"imports": True},
    },
    "imports warning": {
        "metrics": ["visitors"],
        "date_range": "all",
        "dimensions": ["visit:source"],
        "filters": [["is", "visit:country_name", ["Estonia"]]],
        "include": {"imports": True},
    },
    "revenue metrics": {
        "metrics": ["total_revenue"],
        "date_range": "all",
        "dimensions": ["event:goal"],
    },
    "revenue warning": {
        "metrics": ["total_revenue"],
        "date_range": "all",
        "filters": [["is", "event:goal", ["PurchaseUSD", "PurchaseEUR"]]],
    },
    "behavioral filters": {
        "metrics": ["visitors"],
        "date_range": "all",
        "filters": [
            ["is", "event:goal", ["Signup"]],
            ["has_done", ["is", "event:page", ["/pricing"]]],
        ],
    },
}

V1_REQUESTS = {
    "aggregate": "/api/v1/stats/aggregate?site_id=dummy.site&period=6mo"
    "&metrics=visitors,pageviews,bounce_rate,visit_duration",
    "timeseries": "/api/v1/stats/timeseries?site_id=dummy.site&period=6mo",
    "breakdown by source": "/api/v1/stats/breakdown?site_id=dummy.site&period=6mo"
    "&property=visit:source&metrics=visitors,bounce_rate&limit=5",
    "top pages": "/api/v1/stats/breakdown?site_id=dummy.site&period=6mo"
    "&property=event:page&limit=5",
    "one page": "/api/v1/stats/aggregate?site_id=dummy.site&period=6mo"
    "&filters=event:page%3D%3D%2Forder%2Fconfirmation",
    "monthly from Google": "/api/v1/stats/timeseries?site_id=dummy.site&period=6mo"
    "&filters=visit:source%3D%3DGoogle",
    "custom property of a goal": "/api/v1/stats/breakdown?site_id=dummy.site&period=6mo"
    "&property=event:props:method&filters=event:goal%3D%3DDownload",
}


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return Dataset.build(NOW, lazy=True)


def rows(dataset: Dataset, query: dict[str, Any]) -> list[dict]:
    status, body = run_query(query, dataset=dataset)
    assert status == 200, body
    return body["results"]


@pytest.mark.parametrize("name", V2_QUERIES)
def test_every_v2_docs_example_answers_with_rows(demo: Dataset, name: str) -> None:
    assert rows(demo, {**SITE, **V2_QUERIES[name]})


@pytest.mark.parametrize("name", V1_REQUESTS)
def test_every_v1_reference_request_answers_once_migrated(demo: Dataset, name: str) -> None:
    conversion = convert(V1_REQUESTS[name], date(2026, 11, 2))
    assert conversion.queries
    for query in conversion.queries:
        assert rows(demo, query)


def test_the_docs_names_read_as_part_of_the_demo_site(demo: Dataset) -> None:
    """The segment, the goals and the property the docs name have data of their own."""
    segment = rows(demo, {**SITE, **V2_QUERIES["segment"], "date_range": "30d"})
    assert segment[0]["metrics"][0] > 0
    goals = {
        r["dimensions"][0]: r["metrics"][0]
        for r in rows(demo, {**SITE, **V2_QUERIES["revenue metrics"]})
    }
    assert goals["PurchaseUSD"]["currency"] == "USD" and goals["PurchaseEUR"]["currency"] == "EUR"
    method = rows(
        demo, convert(V1_REQUESTS["custom property of a goal"], date(2026, 11, 2)).queries[0]
    )
    assert {r["dimensions"][0] for r in method} == {"HTTP", "Magnet"}
