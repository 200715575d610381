"""parse_query end to end: stage order, the echoed query, defaults, rewrites, stdlib only."""

from __future__ import annotations

import ast
import copy
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsref.engine import parse_query, validate_query
from statsref.engine.language import errors
from statsref.engine.language.errors import QueryError
from statsref.engine.language.parse import (
    MISSING_SITE,
    NO_STATS_API,
    SITE_LOCKED,
    UNKNOWN_SITE,
)

NOW = datetime(2021, 5, 5, 14, 30, tzinfo=UTC)
BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def parse(**changes: object):
    return parse_query({**BASE, **changes}, now=NOW)


def error(body: object) -> QueryError:
    problem = validate_query(body, now=NOW)
    assert problem is not None
    return problem


# --- site ----------------------------------------------------------------------------


def test_missing_site_is_a_400_before_anything_else() -> None:
    problem = error({})
    assert (problem.status, problem.message, problem.pointer) == (400, MISSING_SITE, "/site_id")
    assert error([1, 2]).message == MISSING_SITE


@pytest.mark.parametrize("site_id", ["nope.site", "", 42, ["dummy.site"]])
def test_unknown_site_is_a_401(site_id: object) -> None:
    problem = error({"site_id": site_id, "metrics": "bad"})
    assert (problem.status, problem.message) == (401, UNKNOWN_SITE)


@pytest.mark.parametrize(
    ("site_id", "message"),
    [("locked.dummy.site", SITE_LOCKED), ("no-api.dummy.site", NO_STATS_API)],
)
def test_a_locked_site_or_a_plan_without_the_stats_api_is_a_402(site_id, message) -> None:
    """Checked with the site, before the body: even a body with no metrics gets the 402."""
    problem = error({"site_id": site_id})
    assert (problem.status, problem.message, problem.pointer) == (402, message, "/site_id")


def test_a_former_domain_names_the_site_and_the_echo_shows_the_current_one() -> None:
    query = parse_query({**BASE, "site_id": "store.dummy.site"}, now=NOW)
    assert query.site.domain == query.echo["site_id"] == "shop.dummy.site"


# --- stage order ---------------------------------------------------------------------


def test_limits_come_before_the_schema_stage() -> None:
    problem = error({**BASE, "metrics": ["x"] * 2000})
    assert problem.message == "#/metrics: Expected a maximum of 1000 items but got 2000."


def test_schema_stage_comes_before_the_parser_stage() -> None:
    problem = error({**BASE, "date_range": "0d", "dimensions": ["bad"]})
    assert problem.message == '#/dimensions/0: Invalid dimension "bad"'


def test_fact_sheet_goal_operator_example() -> None:
    problem = error({**BASE, "filters": [["is_not", "event:goal", ["Signup"]]]})
    assert problem.message == '#/filters/0: Invalid filter ["is_not", "event:goal", ["Signup"]]'
    assert problem.pointer == "/filters/0"


def test_date_range_is_parsed_before_filter_clauses() -> None:
    body = {**BASE, "date_range": "0d", "filters": [["is", "visit:os_version", [1]]]}
    assert error(body).message == 'Invalid date_range "0d"'


def test_filter_clauses_come_before_segments() -> None:
    body = {**BASE, "filters": [["is", "segment", [999]], ["is", "visit:os_version", [1]]]}
    assert error(body).message == 'Invalid filter \'["is", "visit:os_version", [1]]\'.'


def test_segments_come_before_the_rules() -> None:
    body = {**BASE, "metrics": ["percentage"], "filters": [["is", "segment", [999]]]}
    assert error(body).message == (
        "Invalid filters. Some segments don't exist or aren't accessible."
    )


def test_rules_apply_to_expanded_segments() -> None:
    # Segment 202 (shop site) filters on visit:device, which has_done does not accept.
    body = {
        **BASE,
        "site_id": "shop.dummy.site",
        "filters": [["has_done", ["is", "segment", [202]]]],
    }
    assert "can only be used with event dimension filters" in error(body).message


def test_validate_query_returns_none_for_a_valid_body() -> None:
    assert validate_query(BASE, now=NOW) is None


# --- echo and defaults ---------------------------------------------------------------


def test_echo_of_a_minimal_query() -> None:
    query = parse()
    assert query.echo == {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": ["2021-04-28T00:00:00Z", "2021-05-04T23:59:59Z"],
        "filters": [],
        "dimensions": [],
        "order_by": [["visitors", "desc"]],
        "include": {},
        "pagination": {"offset": 0, "limit": 10000},
    }
    assert list(query.echo) == [
        "site_id",
        "metrics",
        "date_range",
        "filters",
        "dimensions",
        "order_by",
        "include",
        "pagination",
    ]
    assert list(query.echo["pagination"]) == ["offset", "limit"]


def test_echo_of_a_full_query_on_a_new_york_site() -> None:
    query = parse_query(
        {
            "site_id": "shop.dummy.site",
            "metrics": ["visitors", "events"],
            "date_range": "month",
            "dimensions": ["time", "event:goal"],
            "filters": [["contains", "event:page", ["/Products"], {"case_sensitive": False}]],
            "include": {"total_rows": True, "imports": False, "time_labels": True},
            "pagination": {"limit": 5, "offset": 10},
        },
        now=NOW,
    )
    assert query.echo["date_range"] == ["2021-05-01T00:00:00-04:00", "2021-05-31T23:59:59-04:00"]
    assert query.echo["dimensions"] == ["time:day", "event:goal"]
    assert query.echo["order_by"] == [["time:day", "asc"], ["visitors", "desc"]]
    assert query.echo["include"] == {"time_labels": True, "total_rows": True}
    assert list(query.echo["include"]) == ["time_labels", "total_rows"]
    assert query.echo["filters"] == [
        ["contains", "event:page", ["/Products"], {"case_sensitive": False}]
    ]
    assert query.echo["pagination"] == {"offset": 10, "limit": 5}
    assert (query.limit, query.offset) == (5, 10)
    assert query.dimensions == ["time:day", "event:goal"]
    assert query.order_by == [("time:day", "asc"), ("visitors", "desc")]
    assert query.include == {"time_labels": True, "total_rows": True}
    assert query.site.domain == "shop.dummy.site"


def test_explicit_order_by_time_is_rewritten_to_the_bucket() -> None:
    query = parse(dimensions=["time"], date_range="day", order_by=[["time", "desc"]])
    assert query.order_by == [("time:hour", "desc")]
    assert query.echo["order_by"] == [["time:hour", "desc"]]


def test_filters_are_normalised_for_the_executor_but_echoed_as_written() -> None:
    written = [
        ["is", "visit:city", [2950159]],
        ["not", ["matches", "event:page", ["^/blog"]]],
        ["has_done", ["is", "event:name", ["Signup"], {"case_sensitive": False}]],
    ]
    query = parse(filters=written)
    assert query.echo["filters"] == written
    assert query.filters == [
        ["is", "visit:city", [2950159], {"case_sensitive": True}],
        ["not", ["matches", "event:page", ["^/blog"], {"case_sensitive": True}]],
        ["has_done", ["is", "event:name", ["Signup"], {"case_sensitive": False}]],
    ]


def test_segments_are_expanded_in_the_echo() -> None:
    query = parse(filters=[["is", "segment", [103]], ["is", "visit:device", ["Desktop"]]])
    assert query.echo["filters"] == [
        ["contains", "event:page", ["/blog"]],
        ["is", "visit:channel", ["Organic Search"]],
        ["is", "visit:device", ["Desktop"]],
    ]


def test_hostname_filters_are_copied_to_entry_and_exit_hostnames() -> None:
    hostname = ["is", "event:hostname", ["app.dummy.site"]]
    query = parse(filters=[hostname], dimensions=["visit:source", "visit:exit_page"])
    assert query.echo["filters"] == [
        hostname,
        ["is", "visit:entry_page_hostname", ["app.dummy.site"]],
        ["is", "visit:exit_page_hostname", ["app.dummy.site"]],
    ]
    assert parse(filters=[hostname], dimensions=["event:page"]).echo["filters"] == [hostname]


def test_the_body_is_not_changed_and_the_echo_shares_nothing_with_it() -> None:
    body = {**BASE, "filters": [["is", "segment", [101]], ["is", "event:page", ["/"]]]}
    before = copy.deepcopy(body)
    query = parse_query(body, now=NOW)
    query.echo["filters"][0][2].append("changed")
    assert body == before


def test_echo_is_json_serialisable() -> None:
    query = parse(dimensions=["time"], filters=[["is", "segment", [101, 102]]])
    assert json.loads(json.dumps(query.echo)) == query.echo


def test_a_naive_clock_is_taken_as_utc() -> None:
    naive = parse_query(BASE, now=NOW.replace(tzinfo=None))
    assert naive.date_range == parse().date_range


# --- standard library only -----------------------------------------------------------

ENGINE = Path(errors.__file__).parents[1]


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted(ENGINE.rglob("*.py")), ids=lambda p: str(p.relative_to(ENGINE))
)
def test_engine_imports_only_the_standard_library(path: Path) -> None:
    outside = {
        name
        for name in _imported_modules(path)
        if name.split(".")[0] not in sys.stdlib_module_names
        and not name.startswith("statsref.engine")
    }
    assert outside == set()


# --- robustness ----------------------------------------------------------------------

NAMES = st.sampled_from(
    [
        "visitors",
        "bounce_rate",
        "percentage",
        "conversion_rate",
        "time",
        "time:day",
        "event:goal",
        "event:page",
        "event:props:author",
        "visit:city",
        "visit:country",
        "visit:exit_page",
        "segment",
        "is",
        "matches",
        "and",
        "not",
        "has_done",
        "Signup",
        "7d",
        "2021-05-01",
        "asc",
        "(a)\\1",
        "DE",
        "case_sensitive",
        "limit",
        "offset",
        "imports",
    ]
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 20_000), st.floats(), NAMES, st.text(max_size=5)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(NAMES | st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=25,
)
KEYS = st.sampled_from(
    ["metrics", "date_range", "filters", "dimensions", "order_by", "include", "pagination"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5), st.sampled_from(["dummy.site", "shop.dummy.site"]))
def test_any_json_body_gives_a_query_or_a_query_error(body: dict, site_id: str) -> None:
    try:
        query = parse_query({"site_id": site_id, **body}, now=NOW)
    except QueryError as problem:
        assert problem.message
        assert problem.status == 400
        assert problem.pointer is None or problem.pointer == "" or problem.pointer.startswith("/")
    else:
        assert json.loads(json.dumps(query.echo)) == query.echo
