"""The schema stage reproduces the real API's messages, pointers and error order."""

from __future__ import annotations

import pytest

from statsref.engine.language.errors import QueryError
from statsref.engine.language.structure import check_structure, json_type

BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def error(body: object) -> QueryError:
    with pytest.raises(QueryError) as caught:
        check_structure(body)
    assert caught.value.status == 400
    return caught.value


def message(**changes: object) -> str:
    return error({**BASE, **changes}).message


def test_a_valid_body_passes() -> None:
    check_structure(
        {
            **BASE,
            "dimensions": ["time", "event:props:author", "event:goal"],
            "filters": [["is", "visit:country", ["DE"]]],
            "order_by": [["visitors", "desc"]],
            "include": {"imports": True, "time_labels": False, "total_rows": True},
            "pagination": {"limit": 10_000, "offset": 0},
        }
    )


def test_required_properties_list_only_the_missing_ones() -> None:
    assert (
        error({}).message == "#: Required properties site_id, metrics, date_range were not present."
    )
    assert error({"site_id": "x"}).message == (
        "#: Required properties metrics, date_range were not present."
    )
    assert error({"site_id": "x", "metrics": ["visitors"]}).message == (
        "#: Required property date_range was not present."
    )


def test_unknown_top_level_key() -> None:
    problem = error({**BASE, "date": "7d"})
    assert problem.message == "#/date: Schema does not allow additional properties."
    assert problem.pointer == "/date"


def test_body_must_be_an_object() -> None:
    assert error([]).message == "#: Type mismatch. Expected Object but got Array."


@pytest.mark.parametrize(
    ("changes", "expected", "pointer"),
    [
        ({"metrics": ["x"]}, '#/metrics/0: Invalid metric "x"', "/metrics/0"),
        ({"metrics": [1]}, "#/metrics/0: Invalid metric 1", "/metrics/0"),
        ({"metrics": []}, "#/metrics: Expected a minimum of 1 items but got 0.", "/metrics"),
        (
            {"metrics": ["visitors", "visitors"]},
            "#/metrics: Expected items to be unique but they were not.",
            "/metrics",
        ),
        (
            {"metrics": "visitors"},
            "#/metrics: Type mismatch. Expected Array but got String.",
            "/metrics",
        ),
        ({"dimensions": ["x"]}, '#/dimensions/0: Invalid dimension "x"', "/dimensions/0"),
        (
            {"dimensions": ["event:props:"]},
            '#/dimensions/0: Invalid dimension "event:props:"',
            None,
        ),
        ({"dimensions": ["time:minute"]}, '#/dimensions/0: Invalid dimension "time:minute"', None),
        (
            {"dimensions": ["event:page", "event:page"]},
            "#/dimensions: Expected items to be unique but they were not.",
            "/dimensions",
        ),
        ({"filters": "x"}, "#/filters: Type mismatch. Expected Array but got String.", "/filters"),
        ({"include": []}, "#/include: Type mismatch. Expected Object but got Array.", "/include"),
        (
            {"include": {"comparisons": True}},
            "#/include/comparisons: Schema does not allow additional properties.",
            "/include/comparisons",
        ),
        (
            {"include": {"imports": "yes"}},
            "#/include/imports: Type mismatch. Expected Boolean but got String.",
            "/include/imports",
        ),
        ({"site_id": 5}, "#/site_id: Type mismatch. Expected String but got Integer.", "/site_id"),
    ],
)
def test_property_messages(changes: dict, expected: str, pointer: str | None) -> None:
    problem = error({**BASE, **changes})
    assert problem.message == expected
    if pointer is not None:
        assert problem.pointer == pointer


@pytest.mark.parametrize(
    ("pagination", "expected"),
    [
        ({"limit": 10_001}, "#/pagination/limit: Expected the value to be <= 10000"),
        ({"limit": 0}, "#/pagination/limit: Expected the value to be >= 1"),
        ({"offset": -1}, "#/pagination/offset: Expected the value to be >= 0"),
        ({"limit": "10"}, "#/pagination/limit: Type mismatch. Expected Integer but got String."),
        ({"limit": 1.5}, "#/pagination/limit: Type mismatch. Expected Integer but got Number."),
        ({"page": 2}, "#/pagination/page: Schema does not allow additional properties."),
    ],
)
def test_pagination_bounds(pagination: dict, expected: str) -> None:
    assert message(pagination=pagination) == expected


@pytest.mark.parametrize(
    "date_range",
    [
        "day",
        "24h",
        "7d",
        "28d",
        "30d",
        "91d",
        "month",
        "6mo",
        "12mo",
        "year",
        "all",
        "0d",
        "999999999mo",
        ["2021-01-01", "2021-01-31"],
        ["2021-01-01T00:00:00+03:00", "2021-01-02T12:00:00Z"],
        ["2021-02-03T00:00:00", "2021-02-03T23:59:59"],
        ["2021-02-30", "2021-03-01"],
    ],
)
def test_date_ranges_the_schema_accepts(date_range: object) -> None:
    check_structure({**BASE, "date_range": date_range})


@pytest.mark.parametrize(
    ("date_range", "rendered"),
    [
        ("-1d", '"-1d"'),
        ("foo", '"foo"'),
        ("realtime", '"realtime"'),
        ("30m", '"30m"'),
        (7, "7"),
        (["2021-01-01", "2021-01-02T00:00:00Z"], '["2021-01-01", "2021-01-02T00:00:00Z"]'),
        (
            ["2021-01-01T00:00:00+25:00", "2021-01-02T00:00:00Z"],
            '["2021-01-01T00:00:00+25:00", "2021-01-02T00:00:00Z"]',
        ),
        (["2021-01-01"], '["2021-01-01"]'),
    ],
)
def test_date_ranges_the_schema_rejects(date_range: object, rendered: str) -> None:
    assert message(date_range=date_range) == f"#/date_range: Invalid date range {rendered}"


@pytest.mark.parametrize(
    "leaf",
    [
        ["is", "event:page", ["/"]],
        ["is", "event:page", ["/"], {"case_sensitive": False}],
        ["contains_not", "visit:browser", ["Fire"], {"case_sensitive": True}],
        ["matches", "event:page", ["^/blog"]],
        ["is", "event:goal", ["Signup"]],
        ["contains", "event:goal", ["Sign"]],
        ["is", "visit:city", [2950159]],
        ["is", "event:props:author", ["(none)"]],
        ["is", "segment", [101]],
        ["and", [["is", "event:page", ["/"]]]],
        ["not", ["or", [["is", "event:page", ["/"]], ["is", "event:name", ["Signup"]]]]],
        ["has_done", ["is", "event:name", ["Signup"]]],
        ["has_not_done", ["is", "event:goal", ["Signup"]]],
    ],
)
def test_filters_the_schema_accepts(leaf: list) -> None:
    check_structure({**BASE, "filters": [leaf]})


@pytest.mark.parametrize(
    ("leaf", "rendered"),
    [
        (["is_not", "event:goal", ["Signup"]], '["is_not", "event:goal", ["Signup"]]'),
        (["matches", "event:goal", ["Sign.*"]], '["matches", "event:goal", ["Sign.*"]]'),
        (
            ["matches", "event:page", ["/a"], {"case_sensitive": False}],
            '["matches", "event:page", ["/a"], %{"case_sensitive" => false}]',
        ),
        (
            ["is", "event:page", ["/a"], {"case_sensitive": "no"}],
            '["is", "event:page", ["/a"], %{"case_sensitive" => "no"}]',
        ),
        (
            ["is", "event:page", ["/a"], {"other": 1}],
            '["is", "event:page", ["/a"], %{"other" => 1}]',
        ),
        (["is", "time:day", ["2021-01-01"]], '["is", "time:day", ["2021-01-01"]]'),
        (["is", "visit:nope", ["x"]], '["is", "visit:nope", ["x"]]'),
        (["is", "event:props:", ["x"]], '["is", "event:props:", ["x"]]'),
        (["equals", "event:page", ["/"]], '["equals", "event:page", ["/"]]'),
        (["matches_wildcard", "event:page", ["/*"]], '["matches_wildcard", "event:page", ["/*"]]'),
        (["is", "event:page"], '["is", "event:page"]'),
        (["is", "event:page", "/"], '["is", "event:page", "/"]'),
        (["is", "event:page", [True]], '["is", "event:page", [true]]'),
        (["is", "event:page", [1.5]], '["is", "event:page", [1.5]]'),
        (["is_not", "segment", [101]], '["is_not", "segment", [101]]'),
        (["and", []], '["and", []]'),
        (["not", ["is", "bad", []]], '["not", ["is", "bad", []]]'),
        (["has_done", "x"], '["has_done", "x"]'),
        ("is", '"is"'),
        ([], "[]"),
        (None, "nil"),
    ],
)
def test_filters_the_schema_rejects(leaf: object, rendered: str) -> None:
    problem = error({**BASE, "filters": [["is", "event:page", ["/"]], leaf]})
    assert problem.message == f"#/filters/1: Invalid filter {rendered}"
    assert problem.pointer == "/filters/1"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (["visssss", "desc"], '#/order_by/0/0: Invalid value in order_by "visssss"'),
        (["time:minute", "asc"], '#/order_by/0/0: Invalid value in order_by "time:minute"'),
        (["visitors", "up"], "#/order_by/0/1: Value is not allowed in enum."),
        (["visitors"], "#/order_by/0: Expected a minimum of 2 items but got 1."),
        (["visitors", "desc", 1], "#/order_by/0: Expected a maximum of 2 items but got 3."),
        ("visitors", "#/order_by/0: Type mismatch. Expected Array but got String."),
    ],
)
def test_order_by_entries(entry: object, expected: str) -> None:
    assert message(order_by=[entry]) == expected


@pytest.mark.parametrize("name", ["visitors", "time", "time:week", "event:goal", "event:props:x"])
def test_order_by_names_the_schema_accepts(name: str) -> None:
    check_structure({**BASE, "order_by": [[name, "asc"]]})


def test_several_problems_are_joined_in_validator_order() -> None:
    problem = error(
        {
            "site_id": "dummy.site",
            "metrics": ["x", "x"],
            "date_range": "foo",
            "date": 1,
            "filters": "a",
        }
    )
    assert problem.message == "\n".join(
        [
            "#/date: Schema does not allow additional properties.",
            '#/date_range: Invalid date range "foo"',
            "#/filters: Type mismatch. Expected Array but got String.",
            '#/metrics/0: Invalid metric "x"',
            '#/metrics/1: Invalid metric "x"',
            "#/metrics: Expected items to be unique but they were not.",
        ]
    )
    assert problem.pointer == "/date"


def test_pointer_tokens_are_escaped() -> None:
    assert error({**BASE, "a/b~c": 1}).pointer == "/a~1b~0c"


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (None, "Null"),
        (True, "Boolean"),
        (1, "Integer"),
        (1.0, "Number"),
        ("", "String"),
        ([], "Array"),
        ({}, "Object"),
    ],
)
def test_json_type_names(value: object, name: str) -> None:
    assert json_type(value) == name


def test_digits_must_be_ascii() -> None:
    assert message(date_range="٣d") == '#/date_range: Invalid date range "٣d"'
