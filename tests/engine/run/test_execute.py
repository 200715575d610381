"""The executor: consistency properties across queries, and each semantic rule it implements."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest

from demo import SITES
from statsref.engine import parse_query
from statsref.engine.data import Dataset, store
from statsref.engine.data.rows import Event, Session
from statsref.engine.run.execute import execute, use_events

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.build(NOW, events=20_000, seed=3)


def run(dataset: Dataset, **body: Any) -> dict[str, Any]:
    body.setdefault("site_id", "dummy.site")
    body.setdefault("date_range", "30d")
    return execute(parse_query(body, now=NOW), dataset)


def metric(dataset: Dataset, name: str, **body: Any) -> Any:
    """The single value of an aggregate (no dimensions) query."""
    [row] = run(dataset, metrics=[name], **body)["results"]
    return row["metrics"][0]


def by_dimension(dataset: Dataset, name: str, dimension: str, **body: Any) -> dict:
    rows = run(dataset, metrics=[name], dimensions=[dimension], **body)["results"]
    return {row["dimensions"][0]: row["metrics"][0] for row in rows}


# ---------------------------------------------------------------------------- consistency


@pytest.mark.parametrize("bucket", ["time:day", "time:week", "time:month", "time"])
def test_timeseries_pageviews_add_up_to_the_aggregate(dataset, bucket):
    total = metric(dataset, "pageviews", date_range="91d")
    series = by_dimension(dataset, "pageviews", bucket, date_range="91d")
    assert sum(series.values()) == total > 0


def test_hourly_visits_count_a_session_in_every_active_hour(dataset):
    total = metric(dataset, "visits", date_range="7d")
    hourly = by_dimension(dataset, "visits", "time:hour", date_range="7d")
    assert sum(hourly.values()) >= total > 0
    assert all(label.endswith(":00:00") for label in hourly)


@pytest.mark.parametrize(
    "dimension", ["visit:source", "visit:country", "event:page", "visit:device", "event:goal"]
)
def test_breakdown_visitors_sum_to_at_least_the_aggregate(dataset, dimension):
    filters = [["is", "event:goal", ["Signup", "Visit /pricing"]]]
    if dimension != "event:goal":
        filters = []
    total = metric(dataset, "visitors", filters=filters)
    rows = by_dimension(dataset, "visitors", dimension, filters=filters)
    assert sum(rows.values()) >= total > 0


def test_session_breakdowns_partition_visits(dataset):
    total = metric(dataset, "visits")
    assert sum(by_dimension(dataset, "visits", "visit:channel").values()) == total


@pytest.mark.parametrize(
    "leaf",
    [
        ["is", "visit:country", ["US"]],
        ["contains", "event:page", ["/blog"]],
        ["matches", "event:page", ["^/docs"]],
        ["is", "event:goal", ["Signup"]],
        ["has_done", ["is", "event:name", ["File Download"]]],
    ],
)
def test_filters_shrink_counts(dataset, leaf):
    for name in ("visitors", "visits", "pageviews", "events"):
        whole = metric(dataset, name)
        part = metric(dataset, name, filters=[leaf])
        assert part <= whole, name
    assert metric(dataset, "visitors", filters=[leaf]) > 0


def test_has_done_and_has_not_done_split_the_visits(dataset):
    inner = ["is", "event:page", ["/pricing"]]
    done = metric(dataset, "visits", filters=[["has_done", inner]])
    not_done = metric(dataset, "visits", filters=[["has_not_done", inner]])
    assert done + not_done == metric(dataset, "visits") and done > 0


def test_negations_complement_their_filter(dataset):
    yes = metric(dataset, "pageviews", filters=[["contains", "event:page", ["blog"]]])
    no = metric(dataset, "pageviews", filters=[["contains_not", "event:page", ["blog"]]])
    wrapped = metric(dataset, "pageviews", filters=[["not", ["contains", "event:page", ["blog"]]]])
    assert yes + no == metric(dataset, "pageviews") and no == wrapped


def test_or_is_at_least_each_branch(dataset):
    a, b = ["is", "visit:country", ["DE"]], ["is", "visit:country", ["FR"]]
    either = metric(dataset, "visits", filters=[["or", [a, b]]])
    assert either == metric(dataset, "visits", filters=[a]) + metric(dataset, "visits", filters=[b])
    assert metric(dataset, "visits", filters=[["and", [a, b]]]) == 0


def test_pagination_is_a_stable_slice_with_total_rows(dataset):
    body = {"metrics": ["visitors"], "dimensions": ["event:page"], "include": {"total_rows": True}}
    everything = run(dataset, **body)
    rows = everything["results"]
    assert everything["meta"]["total_rows"] == len(rows) > 6
    for offset in (0, 3, 5):
        page = run(dataset, pagination={"limit": 3, "offset": offset}, **body)
        assert page["results"] == rows[offset : offset + 3]
        assert page["meta"]["total_rows"] == len(rows)
    past = run(dataset, pagination={"limit": 3, "offset": len(rows) + 1}, **body)
    assert past["results"] == [] and past["meta"]["total_rows"] == 0


# ------------------------------------------------------------------------------ semantics


def test_aggregate_without_data_is_one_zero_row(dataset):
    body = run(
        dataset,
        metrics=["visitors", "pageviews", "bounce_rate"],
        filters=[["is", "visit:country", ["ZZ"]]],
    )
    assert body["results"] == [{"dimensions": [], "metrics": [0, 0, 0]}]
    empty = run(
        dataset,
        metrics=["visitors"],
        dimensions=["visit:source"],
        filters=[["is", "visit:country", ["ZZ"]]],
    )
    assert empty["results"] == []


def test_placeholders_show_and_filter_empty_values(dataset):
    sources = by_dimension(dataset, "visitors", "visit:source")
    assert "Direct / None" in sources and "" not in sources
    direct = metric(dataset, "visitors", filters=[["is", "visit:source", ["Direct / None"]]])
    assert direct == sources["Direct / None"]
    mediums = by_dimension(dataset, "visitors", "visit:utm_medium")
    assert mediums["(not set)"] == metric(
        dataset, "visitors", filters=[["is", "visit:utm_medium", ["(not set)"]]]
    )
    assert "Direct" in by_dimension(dataset, "visitors", "visit:channel")


def test_custom_property_none_means_absent(dataset):
    authors = by_dimension(dataset, "pageviews", "event:props:author")
    assert "(none)" in authors and "Marko" in authors
    absent = metric(dataset, "pageviews", filters=[["is", "event:props:author", ["(none)"]]])
    present = metric(dataset, "pageviews", filters=[["is_not", "event:props:author", ["(none)"]]])
    assert absent == authors["(none)"] and absent + present == metric(dataset, "pageviews")
    not_marko = metric(dataset, "pageviews", filters=[["is_not", "event:props:author", ["Marko"]]])
    assert not_marko == metric(dataset, "pageviews") - authors["Marko"]


def test_goals_by_event_name_and_by_page_path_with_wildcard(dataset):
    goals = by_dimension(dataset, "events", "event:goal")
    blog_views = metric(dataset, "pageviews", filters=[["matches", "event:page", ["^/blog.*$"]]])
    assert goals["Visit /blog*"] == blog_views > 0
    signups = metric(dataset, "events", filters=[["is", "event:name", ["Signup"]]])
    assert goals["Signup"] == signups > 0
    assert (
        metric(dataset, "events", filters=[["contains", "event:goal", ["Visit /p"]]])
        == (goals["Visit /pricing"])
    )


def test_case_insensitive_filters_lower_both_sides(dataset):
    exact = metric(dataset, "visitors", filters=[["is", "visit:city_name", ["Berlin"]]])
    lower = ["is", "visit:city_name", ["berlin"], {"case_sensitive": False}]
    assert metric(dataset, "visitors", filters=[lower]) == exact > 0
    assert metric(dataset, "visitors", filters=[["is", "visit:city_name", ["berlin"]]]) == 0
    unicode = ["contains", "visit:region_name", ["île"], {"case_sensitive": False}]
    assert metric(dataset, "visitors", filters=[unicode]) == metric(
        dataset, "visitors", filters=[["is", "visit:region", ["FR-IDF"]]]
    )


def test_city_filters_take_geoname_ids(dataset):
    by_city = by_dimension(dataset, "visitors", "visit:city")
    assert by_city[2950159] == metric(
        dataset, "visitors", filters=[["is", "visit:city", [2950159]]]
    )


def test_values_travel_as_parameters_not_sql(dataset):
    hostile = ["is", "event:page", ["'; DROP TABLE events; --"]]
    assert metric(dataset, "pageviews", filters=[hostile]) == 0
    assert metric(dataset, "pageviews") > 0


def test_conversion_rate_uses_visitors_without_goal_filters(dataset):
    goal = [["is", "event:goal", ["Signup"]]]
    converted = metric(dataset, "visitors", filters=goal)
    everyone = metric(dataset, "visitors")
    rate = metric(dataset, "conversion_rate", filters=goal)
    assert rate == round(100 * converted / everyone, 2)


def test_group_conversion_rate_has_a_denominator_per_group(dataset):
    body = run(
        dataset,
        metrics=["visitors", "group_conversion_rate"],
        dimensions=["visit:device"],
        filters=[["is", "event:goal", ["Visit /pricing"]]],
    )
    per_device = by_dimension(dataset, "visitors", "visit:device")
    for row in body["results"]:
        [device], [visitors, rate] = row["dimensions"], row["metrics"]
        assert rate == pytest.approx(100 * visitors / per_device[device], abs=0.006)


def test_percentage_is_a_share_of_all_visitors(dataset):
    """A visitor with visits from two channels counts in both, so shares can exceed 100."""
    everyone = metric(dataset, "visitors")
    body = run(dataset, metrics=["visitors", "percentage"], dimensions=["visit:channel"])
    for row in body["results"]:
        visitors, share = row["metrics"]
        assert share == pytest.approx(100 * visitors / everyone, abs=0.051)
    assert sum(row["metrics"][1] for row in body["results"]) >= 99.5


def test_session_metrics_by_page_use_the_entry_page(dataset):
    bounce = by_dimension(dataset, "bounce_rate", "event:page")
    entries = by_dimension(dataset, "bounce_rate", "visit:entry_page")
    assert {k: v for k, v in bounce.items() if k} == {k: v for k, v in entries.items() if k}


def test_scroll_depth_and_time_on_page_per_page(dataset):
    body = run(dataset, metrics=["scroll_depth", "time_on_page"], dimensions=["event:page"])
    values = [row["metrics"] for row in body["results"]]
    assert all(0 <= s <= 100 for s, _ in values if s is not None)
    assert any(t and t > 0 for _, t in values)


def test_revenue_uses_the_goal_currency_or_warns(dataset):
    usd = run(
        dataset,
        metrics=["total_revenue", "average_revenue"],
        filters=[["is", "event:goal", ["PurchaseUSD"]]],
    )
    total, average = usd["results"][0]["metrics"]
    assert total["currency"] == "USD" and total["value"] > average["value"] > 0
    assert total["long"].startswith("$") and "metric_warnings" not in usd["meta"]
    mixed = run(
        dataset,
        metrics=["total_revenue"],
        filters=[["is", "event:goal", ["PurchaseUSD", "Donation"]]],
    )
    assert mixed["results"][0]["metrics"] == [None]
    assert mixed["meta"]["metric_warnings"]["total_revenue"]["code"] == (
        "no_single_revenue_currency"
    )
    by_goal = run(dataset, metrics=["total_revenue"], dimensions=["event:goal"], date_range="12mo")
    currencies = {r["dimensions"][0]: r["metrics"][0] for r in by_goal["results"]}
    assert currencies["Donation"]["currency"] == "EUR" and currencies["Signup"] is None


def test_default_and_explicit_order(dataset):
    rows = run(dataset, metrics=["visitors"], dimensions=["visit:browser"])["results"]
    counts = [r["metrics"][0] for r in rows]
    assert counts == sorted(counts, reverse=True)
    asc = run(
        dataset,
        metrics=["visitors"],
        dimensions=["visit:browser"],
        order_by=[["visit:browser", "asc"]],
    )["results"]
    names = [r["dimensions"][0] for r in asc]
    assert names == sorted(names)
    series = run(dataset, metrics=["visitors"], dimensions=["time:day"], date_range="7d")
    days = [r["dimensions"][0] for r in series["results"]]
    assert days == sorted(days) and len(days) == 7


def test_week_buckets_start_at_the_range_start(dataset):
    body = run(
        dataset,
        metrics=["visits"],
        dimensions=["time:week"],
        date_range=["2026-10-01", "2026-10-31"],
        include={"time_labels": True},
    )
    labels = body["meta"]["time_labels"]
    assert labels[0] == "2026-10-01" and labels[1] == "2026-10-05"
    assert [r["dimensions"][0] for r in body["results"]] == labels


def test_buckets_are_in_the_site_timezone(dataset):
    body = run(
        dataset,
        site_id="shop.dummy.site",
        metrics=["pageviews"],
        dimensions=["time:hour"],
        date_range="day",
        include={"time_labels": True},
    )
    labels = body["meta"]["time_labels"]
    assert labels[0] == "2026-11-02 00:00:00" and labels[-1] == "2026-11-02 23:00:00"
    assert {r["dimensions"][0] for r in body["results"]} <= set(labels)


def test_segments_expand_to_their_filters(dataset):
    mobile = metric(dataset, "visitors", filters=[["is", "segment", [101]]])
    assert mobile == metric(dataset, "visitors", filters=[["is", "visit:device", ["Mobile"]]])


@pytest.mark.parametrize(
    ("metrics", "dims", "filters", "expected"),
    [
        (["visitors"], [], [], False),
        (["visitors"], ["event:page"], [], True),
        (["visitors"], [], [["is", "event:name", ["Signup"]]], True),
        (["pageviews", "bounce_rate"], [], [], False),
        (["visitors", "bounce_rate"], ["event:page"], [], False),
        (["visitors"], ["visit:exit_page", "event:page"], [], True),
        (["visitors"], ["visit:exit_page"], [["is", "event:name", ["Signup"]]], False),
    ],
)
def test_table_decider(metrics, dims, filters, expected):
    assert use_events(metrics, dims, filters) is expected


# ------------------------------------------------------------------------- hand-made rows


def _visit(session_id: int, at: str) -> tuple[Session, Event]:
    """A one-pageview visit at ``at`` (UTC)."""
    moment = datetime.fromisoformat(at)
    fields: dict[str, Any] = {f.name: "" for f in dataclasses.fields(Session)}
    fields.update(
        session_id=session_id,
        visitor_id=session_id,
        start=moment,
        end=moment,
        is_bounce=True,
        pageviews=1,
        events=1,
        entry_page="/",
        exit_page="/",
        city=0,
    )
    event = Event(session_id * 128, session_id, session_id, moment, "pageview", "/", "shop")
    return Session(**fields), event


def test_the_hour_clocks_go_back_over_is_two_rows_with_one_label():
    """New York, 1 November 2026: 01:30 EDT and 01:30 EST are an hour apart, in two buckets
    both labelled 01:00, in time order; the day has 25 labels."""
    dataset = Dataset.build(NOW, events=1000, seed=1, lazy=True)
    site, index = SITES["shop.dummy.site"], dataset.site_index["shop.dummy.site"]
    visits = [
        _visit(1, "2026-11-01T05:30:00+00:00"),
        _visit(2, "2026-11-01T06:30:00+00:00"),
        _visit(3, "2026-11-01T06:40:00+00:00"),
    ]
    store.load_days(
        dataset.db, index, site, [s for s, _ in visits], [e for _, e in visits], dataset.props
    )
    store.finish(dataset.db)
    for metric in ("pageviews", "visits"):
        body = execute(
            parse_query(
                {
                    "site_id": "shop.dummy.site",
                    "metrics": [metric],
                    "date_range": ["2026-11-01", "2026-11-01"],
                    "dimensions": ["time:hour"],
                    "include": {"time_labels": True},
                },
                now=NOW,
            ),
            dataset,
        )
        assert body["results"] == [
            {"dimensions": ["2026-11-01 01:00:00"], "metrics": [1]},
            {"dimensions": ["2026-11-01 01:00:00"], "metrics": [2]},
        ]
        assert len(body["meta"]["time_labels"]) == 25
