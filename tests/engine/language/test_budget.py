"""The work budget's caps: each refused up front with a 400 naming it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from statsref.engine import parse_query
from statsref.engine.data import BUILD_DAYS
from statsref.engine.data.turns import QUANTUM
from statsref.engine.language.budget import (
    MAX_CLAUSES,
    MAX_FILTERS,
    MAX_RANGE_DAYS,
    MAX_REGEX_STATES,
    MAX_TIME_BUCKETS,
)
from statsref.engine.language.errors import QueryError
from statsref.engine.run.deadline import CHECK_ROWS, PROGRESS_STEPS, QUERY_SECONDS, WAIT_SECONDS

QUIRKS = Path(__file__).resolve().parents[3] / "docs" / "guides" / "quirks.md"
NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def refused(**changes: object) -> QueryError:
    with pytest.raises(QueryError) as caught:
        parse_query({**BASE, **changes}, now=NOW)
    assert caught.value.status == 400
    return caught.value


def test_the_longest_shorthand_fits_the_range_cap():
    parse_query({**BASE, "date_range": f"{MAX_RANGE_DAYS}d"}, now=NOW)


def test_a_longer_explicit_range_is_refused():
    error = refused(date_range=["1000-01-01", "2999-12-31"])
    assert error.message == (
        f"#/date_range: The range covers 730485 days; the limit is {MAX_RANGE_DAYS}."
    )
    assert error.pointer == "/date_range"


@pytest.mark.parametrize(
    ("last", "count"), [("2026-12-31", 17520), ("2026-02-21", MAX_TIME_BUCKETS + 8)]
)
def test_hourly_buckets_are_capped(last, count):
    error = refused(date_range=["2025-01-01", last], dimensions=["visit:source", "time:hour"])
    assert error.message == (
        f"#/dimensions/1: time:hour splits the range into {count} buckets; the limit is "
        f"{MAX_TIME_BUCKETS}. Use a shorter date_range or a longer bucket."
    )
    assert error.pointer == "/dimensions/1"


def test_hourly_buckets_up_to_the_cap_are_answered():
    body = {**BASE, "date_range": ["2025-01-01", "2026-02-20"], "dimensions": ["time:hour"]}
    parse_query(body, now=NOW)


def test_time_resolves_to_a_bucket_within_the_cap():
    query = parse_query(
        {**BASE, "date_range": "5000d", "dimensions": ["time"], "include": {"time_labels": True}},
        now=NOW,
    )
    assert query.dimensions == ["time:month"]


def test_filter_conditions_are_capped():
    page = ["contains", "event:page", ["/a"]]
    parse_query({**BASE, "filters": [page] * MAX_FILTERS}, now=NOW)
    error = refused(filters=[page] * (MAX_FILTERS + 1))
    assert error.message == (
        f"#/filters: The filters hold {MAX_FILTERS + 1} filter conditions, counting expanded "
        f"segments; the limit is {MAX_FILTERS}."
    )


def test_clauses_are_capped_over_the_whole_query():
    clauses = [f"/p{i}" for i in range(MAX_CLAUSES // 2 + 1)]
    error = refused(
        filters=[["contains", "event:page", clauses], ["is", "event:hostname", clauses]]
    )
    assert error.message.startswith(f"#/filters: The filters hold {len(clauses) * 2} clauses")
    assert error.message.endswith(f"the limit is {MAX_CLAUSES}.")


@pytest.mark.parametrize(
    ("patterns", "index"),
    [
        (["(?:.?){9900}\x01"], 0),
        (["a{100000}"], 0),
        (["|".join(f"p{i}" for i in range(5000))], 0),
        ([f"(?:.?){{{n}}}\x01" for n in range(200, 205)], 2),
    ],
)
def test_regex_states_are_summed_over_the_query(patterns, index):
    error = refused(filters=[["matches", "event:page", patterns]])
    assert error.pointer == f"/filters/0/2/{index}"
    assert error.message == (
        f"#/filters/0/2/{index}: The patterns of the query compile to more than "
        f"{MAX_REGEX_STATES} regex states, the limit. Use fewer or shorter patterns, or "
        "smaller counted repeats."
    )


def test_a_repeated_pattern_counts_once():
    pattern = "(?:.?){300}x"  # about 600 states
    parse_query(
        {
            **BASE,
            "filters": [
                ["matches", "event:page", [pattern]],
                ["matches", "visit:source", [pattern]],
            ],
        },
        now=NOW,
    )


def test_regex_pointer_is_the_filters_list_once_segments_are_expanded():
    error = refused(filters=[["is", "segment", [103]], ["matches", "event:page", ["a{100000}"]]])
    assert error.pointer == "/filters"


def test_the_quirks_page_states_every_limit():
    limits = QUIRKS.read_text(encoding="utf-8").split("## Limits of the mock")[1]
    rows = {
        line.split("|")[1].strip(): line for line in limits.splitlines() if line.startswith("| ")
    }
    assert f"| {MAX_RANGE_DAYS:,} " in rows["days in the resolved `date_range`"]
    assert f"| {MAX_TIME_BUCKETS:,}," in rows["buckets of a time dimension"]
    assert f"| {MAX_FILTERS} in the whole tree" in rows["filter conditions"]
    assert f"| {MAX_CLAUSES:,} over every filter" in rows["clauses"]
    assert f"| {MAX_REGEX_STATES:,} over the query" in rows["regex states"]
    assert f"| {QUERY_SECONDS:g} s per query" in rows["work on the dataset"]
    assert f"| {WAIT_SECONDS:g} s per query, in all" in rows["waiting for the dataset"]
    prose = " ".join(limits.split())
    assert f"every {PROGRESS_STEPS:,} of its steps" in prose
    assert f"checked every {CHECK_ROWS} rows" in prose
    assert f"{BUILD_DAYS} at a time" in prose
    assert f"{QUANTUM * 1000:g} ms of work on rows" in prose
    assert f"past {WAIT_SECONDS:g} s in all" in prose
