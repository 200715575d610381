"""The engine implements exactly the schema's vocabulary, and every schema value runs.

The first half compares the names in ``engine/language/vocabulary.py`` with the schema's, both ways.
The second half runs each metric, dimension, operator, shorthand and include option through
``run_query`` and checks the answer against the oracle, so no documented value is untested.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from demo import DATA_SITES, SITES
from statsref import schema
from statsref.engine import Dataset, parse_query, run_query
from statsref.engine.language import vocabulary

from ..oracle import Oracle, mismatches

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
SCHEMA_DIMENSIONS = [d for d in schema.dimensions() if d.pattern is None]


def _names(entries) -> set[str]:
    return {e.name for e in entries if e.pattern is None}


def test_metric_names_and_scopes_match():
    assert {m.name: m.get("x-scope") for m in schema.metrics()} == vocabulary.METRICS


def test_dimension_names_match():
    engine = {
        *vocabulary.EVENT_DIMENSIONS,
        *vocabulary.VISIT_DIMENSIONS,
        *vocabulary.TIME_DIMENSIONS,
    }
    assert _names(schema.dimensions()) == engine


def test_visit_dimension_scopes_match():
    scopes = {d.name: d.get("x-scope") for d in SCHEMA_DIMENSIONS}
    assert {name: scopes[name] for name in vocabulary.VISIT_DIMENSIONS} == (
        vocabulary.VISIT_DIMENSIONS
    )


def test_custom_property_pattern_matches_prefix():
    (props,) = [d for d in schema.dimensions() if d.pattern]
    assert props.pattern == f"^{vocabulary.PROPS_PREFIX}.+$"
    assert vocabulary.is_dimension(f"{vocabulary.PROPS_PREFIX}plan")
    assert not vocabulary.is_dimension(vocabulary.PROPS_PREFIX)


def test_time_dimensions_are_the_unfilterable_ones():
    unfilterable = {d.name for d in SCHEMA_DIMENSIONS if not d.get("x-filterable")}
    assert unfilterable == set(vocabulary.TIME_DIMENSIONS)


def test_operator_names_match():
    assert [o.name for o in schema.filter_operators()] == list(vocabulary.FILTER_OPERATORS)
    assert [o.name for o in schema.logical_operators()] == list(vocabulary.LOGICAL_OPERATORS)
    assert [o.name for o in schema.behavioral_operators()] == list(vocabulary.BEHAVIORAL_OPERATORS)


def test_case_sensitive_modifier_operators_match():
    flagged = {o.name for o in schema.filter_operators() if o.get("x-case-sensitive-modifier")}
    assert flagged == set(vocabulary.CASE_INSENSITIVE_OPERATORS)


def test_shorthand_names_match():
    assert _names(schema.date_range_shorthands()) == set(vocabulary.DATE_RANGE_SHORTHANDS)


def test_include_keys_match():
    assert {o.name for o in schema.include_options()} == set(vocabulary.INCLUDE_KEYS)


# --------------------------------------------------------------------------- every value runs


@pytest.fixture(scope="module")
def dataset():
    return Dataset.build(NOW, events=4000, seed=7)


@pytest.fixture(scope="module")
def oracle(dataset):
    return Oracle(dataset)


def _agree(body: dict, dataset, oracle: Oracle) -> dict:
    """Run ``body`` on the engine, expect success and the oracle's answer; return the response."""
    status, response = run_query(body, dataset=dataset, now=NOW)
    assert status == 200, response
    query = parse_query(body, now=NOW, sites=SITES)
    assert mismatches(oracle.run(query), response, query) == []
    return response


def _metric_query(metric: str) -> dict:
    """The smallest valid query for ``metric`` (its requirements met)."""
    body: dict = {"site_id": "dummy.site", "metrics": [metric], "date_range": "30d"}
    if metric in ("conversion_rate", "group_conversion_rate"):
        body["filters"] = [["is", "event:goal", ["Signup"]]]
    if metric in ("scroll_depth", "time_on_page"):
        body["dimensions"] = ["event:page"]
    if metric in ("total_revenue", "average_revenue"):
        body["filters"] = [["is", "event:goal", ["PurchaseUSD"]]]
    return body


@pytest.mark.parametrize("metric", [m.name for m in schema.metrics()])
def test_every_metric_runs(metric, dataset, oracle):
    response = _agree(_metric_query(metric), dataset, oracle)
    assert response["results"], f"{metric}: no rows in 30 days"


def _dimension_metrics(dimension: str) -> list[str]:
    scope = next(d.get("x-scope") for d in SCHEMA_DIMENSIONS if d.name == dimension)
    return ["visitors", "events"] if scope == "event" else ["visitors", "visits"]


@pytest.mark.parametrize("dimension", [d.name for d in SCHEMA_DIMENSIONS])
def test_every_dimension_runs(dimension, dataset, oracle):
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
        "dimensions": [dimension],
    }
    if not dimension.startswith("visit:entry") and not dimension.startswith("visit:exit"):
        body["metrics"] = _dimension_metrics(dimension)
    response = _agree(body, dataset, oracle)
    assert response["results"], f"{dimension}: no rows in 7 days"


@pytest.mark.parametrize("prop", SITES["dummy.site"].props)
def test_every_custom_property_runs(prop, dataset, oracle):
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "events"],
        "date_range": "30d",
        "dimensions": [f"{vocabulary.PROPS_PREFIX}{prop}"],
    }
    assert _agree(body, dataset, oracle)["results"]


OPERATOR_CASES = {
    "is": ["is", "visit:country", ["DE", "US"]],
    "is_not": ["is_not", "visit:browser", ["Chrome"]],
    "contains": ["contains", "event:page", ["blog"]],
    "contains_not": ["contains_not", "visit:source", ["oo"]],
    "matches": ["matches", "event:page", ["^/blog/"]],
    "matches_not": ["matches_not", "event:page", ["^/$"]],
    "and": ["and", [["is", "visit:device", ["Desktop"]], ["contains", "event:page", ["/"]]]],
    "or": ["or", [["is", "visit:device", ["Mobile"]], ["is", "visit:country", ["FR"]]]],
    "not": ["not", ["is", "visit:device", ["Desktop"]]],
    "has_done": ["has_done", ["is", "event:goal", ["Signup"]]],
    "has_not_done": ["has_not_done", ["is", "event:name", ["File Download"]]],
}


@pytest.mark.parametrize("operator", [o.name for o in schema.operators()])
def test_every_operator_runs(operator, dataset, oracle):
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "visits"],
        "date_range": "30d",
        "dimensions": ["visit:source"],
        "filters": [OPERATOR_CASES[operator]],
    }
    _agree(body, dataset, oracle)


@pytest.mark.parametrize("operator", vocabulary.CASE_INSENSITIVE_OPERATORS)
def test_case_insensitive_modifier_runs(operator, dataset, oracle):
    leaf = (
        ["is", "visit:browser", ["chrome"]]
        if operator.startswith("is")
        else [operator, "visit:browser", ["CHR"]]
    )
    leaf = [operator, *leaf[1:], {"case_sensitive": False}]
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "30d",
        "dimensions": ["visit:browser"],
        "filters": [leaf],
    }
    response = _agree(body, dataset, oracle)
    browsers = {row["dimensions"][0] for row in response["results"]}
    assert ("Chrome" in browsers) == (not operator.endswith("_not"))


@pytest.mark.parametrize(
    "shorthand", [s.name for s in schema.date_range_shorthands() if s.pattern is None]
)
@pytest.mark.parametrize("domain", sorted(DATA_SITES))
def test_every_shorthand_runs(shorthand, domain, dataset, oracle):
    body = {
        "site_id": domain,
        "metrics": ["visitors", "pageviews"],
        "date_range": shorthand,
        "dimensions": ["time"],
        "include": {"time_labels": True},
    }
    response = _agree(body, dataset, oracle)
    assert response["meta"]["time_labels"]


@pytest.mark.parametrize(
    "range_",
    [
        "14d",
        "3mo",
        ["2026-09-01", "2026-09-30"],
        ["2026-10-31T22:00:00Z", "2026-11-01T03:59:59-04:00"],
    ],
)
def test_pattern_and_custom_ranges_run(range_, dataset, oracle):
    body = {
        "site_id": "shop.dummy.site",
        "metrics": ["visitors", "visits"],
        "date_range": range_,
        "dimensions": ["time"],
    }
    _agree(body, dataset, oracle)


INCLUDE_CASES = {
    "imports": {"site_id": "shop.dummy.site", "date_range": "12mo", "dimensions": ["visit:source"]},
    "time_labels": {"dimensions": ["time:day"]},
    "total_rows": {"dimensions": ["event:page"], "pagination": {"limit": 3, "offset": 2}},
}


@pytest.mark.parametrize("key", [o.name for o in schema.include_options()])
def test_every_include_option_runs(key, dataset, oracle):
    body = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "28d",
        "include": {key: True},
        **INCLUDE_CASES[key],
    }
    response = _agree(body, dataset, oracle)
    fields = next(o.get("x-adds-meta") for o in schema.include_options() if o.name == key)
    assert set(fields) & set(response["meta"])
    assert response["meta"].get("imports_included", True), "the imported period is in range"


@pytest.mark.parametrize("segment", [s.id for site in SITES.values() for s in site.segments])
def test_every_segment_runs(segment, dataset, oracle):
    domain = next(d for d, site in SITES.items() if site.segment(segment))
    body = {
        "site_id": domain,
        "metrics": ["visitors", "bounce_rate"],
        "date_range": "91d",
        "filters": [["is", "segment", [segment]]],
    }
    _agree(body, dataset, oracle)


@pytest.mark.parametrize("direction", [d.name for d in schema.order_directions()])
def test_every_order_direction_runs(direction, dataset, oracle):
    body = {
        "site_id": "shop.dummy.site",
        "metrics": ["visitors", "events"],
        "date_range": "30d",
        "dimensions": ["event:page"],
        "order_by": [["events", direction], ["event:page", direction]],
    }
    rows = _agree(body, dataset, oracle)["results"]
    counts = [row["metrics"][1] for row in rows]
    assert counts == sorted(counts, reverse=direction == "desc")
