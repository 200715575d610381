"""The schemas are valid, complete for the docs and the editor, and validate like the API."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from statsref import schema
from statsref.engine import validate_query
from statsref.engine.language.sources import EVERY_SOURCE

REPO = Path(__file__).resolve().parents[1]
VALUE_TYPES = {"integer", "float", "percentage", "seconds", "revenue"}
SCOPES = {"session", "event", "either"}
GROUPS = {"event", "visit", "time", "goal", "custom-property"}
BACKTICKED = re.compile(r"`([^`]+)`")


def valid(body: object) -> bool:
    return schema.query_validator().is_valid(body)


def minimal(**extra: object) -> dict[str, object]:
    return {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d", **extra}


@pytest.mark.parametrize("document", [schema.query_schema(), schema.response_schema()])
def test_schemas_are_valid_against_the_meta_schema(document: dict) -> None:
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_ids() -> None:
    assert schema.query_schema()["$id"] == schema.QUERY_SCHEMA_ID
    assert schema.response_schema()["$id"] == schema.RESPONSE_SCHEMA_ID


def test_a_query_file_may_name_its_schema_and_is_otherwise_a_query() -> None:
    file_schema = schema.query_file_schema()
    Draft202012Validator.check_schema(file_schema)
    check = schema.validator(file_schema)
    assert file_schema["$id"].endswith("/" + schema.QUERY_FILE_SCHEMA_FILE)
    assert check.is_valid(minimal(**{"$schema": file_schema["$id"]}))
    assert not valid(minimal(**{"$schema": file_schema["$id"]}))  # the API rejects the key
    assert not check.is_valid(minimal(metrics=["nope"]))


def test_schema_files_are_found_in_the_checkout() -> None:
    assert schema.schema_dir() == REPO / "schema"


def test_an_installed_copy_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / schema.QUERY_SCHEMA_FILE).write_text("{}")
    monkeypatch.setattr(schema, "_PACKAGED", tmp_path)
    assert schema.schema_dir() == tmp_path


def test_missing_schema_files_are_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "_PACKAGED", tmp_path / "a")
    monkeypatch.setattr(schema, "_CHECKOUT", tmp_path / "b")
    with pytest.raises(FileNotFoundError, match="schema files not found"):
        schema.schema_dir()


def test_the_wheel_packages_the_schemas_where_schema_py_looks() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    force_include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force_include["schema"] == "statsref/schema_files"
    assert schema._PACKAGED.name == "schema_files"


def test_metrics_carry_their_annotations() -> None:
    entries = schema.metrics()
    assert [e.name for e in entries][:3] == ["visitors", "visits", "pageviews"]
    assert len(entries) == 14
    for entry in entries:
        assert entry.description, entry.name
        assert entry.get("x-value-type") in VALUE_TYPES, entry.name
        assert entry.get("x-scope") in SCOPES, entry.name
        assert isinstance(entry.get("x-requires"), list), entry.name
    by_name = {e.name: e for e in entries}
    assert by_name["bounce_rate"].get("x-value-type") == "percentage"
    assert by_name["total_revenue"].get("x-value-type") == "revenue"
    assert "event:goal" in by_name["conversion_rate"].get("x-requires")[0]
    assert [e.name for e in entries if e.get("x-nullable")] == ["events"]


def test_dimensions_carry_their_annotations() -> None:
    entries = schema.dimensions()
    for entry in entries:
        assert entry.description, entry.name
        assert entry.get("x-group") in GROUPS, entry.name
        assert entry.get("x-scope") in SCOPES, entry.name
        assert "x-example" in entry.annotations, entry.name
        assert entry.get("x-filterable") is not entry.name.startswith("time"), entry.name
    props = next(e for e in entries if e.pattern)
    assert props.name == "event:props:<name>"
    assert props.get("x-group") == "custom-property"
    city = next(e for e in entries if e.name == "visit:city")
    assert isinstance(city.get("x-example"), int)


def _known_names() -> set[str]:
    names = {e.name for e in schema.metrics() + schema.dimensions() + schema.operators()}
    names |= {e.name for e in schema.top_level_keys() + schema.include_options()}
    return names | {"event:props:*", "dimensions"}


def test_requirements_only_name_known_vocabulary() -> None:
    """The docs link every backticked name in ``x-requires``; each must have an anchor."""
    known = _known_names()
    for entry in schema.metrics() + schema.dimensions():
        for requirement in entry.get("x-requires"):
            for name in BACKTICKED.findall(requirement):
                assert name in known, (entry.name, name)


def test_operator_examples_are_valid_filters() -> None:
    for entry in schema.operators():
        assert valid(minimal(filters=[entry.get("x-example")])), entry.name
    modifier = {e.name: e.get("x-case-sensitive-modifier") for e in schema.filter_operators()}
    assert modifier == {
        "is": True,
        "is_not": True,
        "contains": True,
        "contains_not": True,
        "matches": False,
        "matches_not": False,
    }


def test_shorthands_are_listed_with_examples() -> None:
    entries = schema.date_range_shorthands()
    named = [e.name for e in entries if not e.pattern]
    assert named == ["day", "24h", "7d", "28d", "30d", "91d", "month", "6mo", "12mo", "year", "all"]
    assert [e.name for e in entries if e.pattern] == ["Nd", "Nmo"]
    for entry in entries:
        assert entry.get("x-example"), entry.name


def test_include_options_add_known_meta_fields() -> None:
    meta = {e.name for e in schema.meta_fields()}
    options = schema.include_options()
    assert [o.name for o in options] == ["imports", "time_labels", "total_rows"]
    for option in options:
        assert option.default is False
        assert set(option.get("x-adds-meta")) <= meta, option.name


def test_top_level_keys_and_defaults() -> None:
    keys = {e.name: e for e in schema.top_level_keys()}
    assert list(keys) == [
        "site_id",
        "metrics",
        "date_range",
        "dimensions",
        "filters",
        "order_by",
        "include",
        "pagination",
    ]
    assert all(entry.description for entry in keys.values())
    assert schema.required_keys() == ["site_id", "metrics", "date_range"]
    limits = {e.name: e.default for e in schema.pagination_options()}
    assert limits == {"limit": 10000, "offset": 0}


@pytest.mark.parametrize(
    "body",
    [
        minimal(),
        minimal(date_range=["2026-10-01", "2026-10-31"]),
        minimal(date_range=["2026-11-02T08:00:00Z", "2026-11-02T11:59:59+02:00"]),
        minimal(date_range="14d"),
        minimal(dimensions=["event:props:author", "time", "visit:city"]),
        minimal(filters=[["is", "visit:city", [2950159, "2950159"]]]),
        minimal(filters=[["contains", "event:page", ["/blog"], {"case_sensitive": False}]]),
        minimal(filters=[["and", [["is", "visit:device", ["Mobile"]]]]]),
        minimal(filters=[["has_not_done", ["is", "event:goal", ["Signup"]]]]),
        minimal(filters=[["is", "segment", [101, 102]]]),
        minimal(order_by=[["time", "asc"], ["visitors", "desc"]]),
        minimal(include={"imports": True, "total_rows": False}),
        minimal(pagination={"limit": 1, "offset": 0}),
    ],
)
def test_accepts_the_public_language(body: dict) -> None:
    assert valid(body)


@pytest.mark.parametrize(
    "body",
    [
        {"site_id": "dummy.site", "metrics": ["visitors"]},
        minimal(date="7d"),
        minimal(metrics=[]),
        minimal(metrics=["visitors", "visitors"]),
        minimal(metrics=["exit_rate"]),
        minimal(date_range="realtime"),
        minimal(date_range="-1d"),
        minimal(date_range=["2026-10-01", "2026-10-31T00:00:00Z"]),
        minimal(date_range=["2026-10-01T00:00:00", "2026-10-31T00:00:00"]),
        minimal(dimensions=["event:props:"]),
        minimal(dimensions=["time:minute"]),
        minimal(filters=[["is", "time:day", ["2026-10-01"]]]),
        minimal(filters=[["matches", "event:page", ["^/"], {"case_sensitive": False}]]),
        minimal(filters=[["is_not", "event:goal", ["Signup"]]]),
        minimal(filters=[["is", "visit:os_version", [14]]]),
        minimal(filters=[["matches_wildcard", "event:page", ["/blog*"]]]),
        minimal(filters=[["and", []]]),
        minimal(filters=[["is", "segment", ["101"]]]),
        minimal(order_by=[["visitors", "up"]]),
        minimal(include={"comparisons": True}),
        minimal(pagination={"limit": 10001}),
        minimal(pagination={"offset": -1}),
    ],
)
def test_rejects_what_the_api_rejects(body: dict) -> None:
    assert not valid(body)


def test_response_schema_accepts_both_bodies_and_rejects_a_plain_time_echo() -> None:
    echo = {
        "site_id": "dummy.site",
        "metrics": ["total_revenue"],
        "date_range": ["2026-10-26T00:00:00Z", "2026-11-01T23:59:59Z"],
        "filters": [],
        "dimensions": ["time:day"],
        "order_by": [["time:day", "asc"]],
        "include": {},
        "pagination": {"offset": 0, "limit": 10000},
    }
    money = {"short": "$1.2K", "long": "$1,234.50", "value": 1234.5, "currency": "USD"}
    success = {
        "results": [{"dimensions": ["2026-10-26"], "metrics": [money]}],
        "meta": {},
        "query": echo,
    }
    validator = schema.response_validator()
    assert validator.is_valid(success)
    assert validator.is_valid({"error": "Invalid metric"})
    assert not validator.is_valid({**success, "query": {**echo, "dimensions": ["time"]}})
    assert not validator.is_valid({**success, "query": {**echo, "date_range": "7d"}})
    assert not validator.is_valid({**success, "meta": {"warning": "old shape"}})


def test_an_older_api_answer_fits_only_the_schema_without_the_x_since_fields() -> None:
    stored = json.loads((REPO / "examples" / "simple-aggregate" / "response.json").read_text())
    echoed = {k: v for k, v in stored["query"].items() if k not in ("site_id", "pagination")}
    older = {**stored, "query": {**echoed, "date_range": ["2026-10-26", "2026-11-01"]}}
    assert schema.response_validator().is_valid(stored)
    assert not schema.response_validator().is_valid(older)
    assert schema.older_response_validator().is_valid(older)
    older["query"]["metrics"] = ["visits_total"]
    assert not schema.older_response_validator().is_valid(older)


def test_x_since_marks_only_echoed_fields_with_a_month() -> None:
    echoed = schema.response_schema()["$defs"]["echoed_query"]["properties"]
    since = {name: node[schema.SINCE] for name, node in echoed.items() if schema.SINCE in node}
    assert since == {
        "site_id": "2024-08",
        "date_range": "2024-09",
        "include": "2024-08",
        "pagination": "2024-09",
    }


def test_behavioral_annotations_state_the_engines_rules() -> None:
    """``x-inner-scope`` and ``x-nested`` (read by the editor's completion) say what the engine
    accepts inside ``has_done`` / ``has_not_done``."""
    now = datetime(2026, 11, 2, tzinfo=UTC)
    for operator in schema.behavioral_operators():
        scope = operator.get("x-inner-scope")
        for dimension in schema.dimensions():
            if dimension.pattern or not dimension.get("x-filterable"):
                continue
            inner = ["is", dimension.name, [str(dimension.get("x-example"))]]
            error = validate_query(minimal(filters=[[operator.name, inner]]), now=now)
            accepted = error is None or "Behavioral" not in error.message
            assert accepted == (dimension.get("x-scope") == scope), (operator.name, dimension.name)
        nested = [operator.name, [operator.name, ["is", "event:name", ["x"]]]]
        assert operator.get("x-nested") is False
        error = validate_query(minimal(filters=[nested]), now=now)
        assert error is not None and "cannot be nested" in error.message


def test_editor_annotations_point_at_real_places() -> None:
    """``x-from-query`` names top-level keys; ``x-values-of-item`` names the item of the same
    filter that holds the dimension (or ``segment``) whose values the clauses take."""
    keys = {e.name for e in schema.top_level_keys()}
    entry = schema.query_def("order_by_entry")["prefixItems"][0]
    assert set(entry["x-from-query"]) <= keys
    for name in ("simple_filter", "city_filter", "segment_filter"):
        node = schema.query_def(name)
        index = node["prefixItems"][2]["x-values-of-item"]
        example = node["examples"][0]
        assert isinstance(example[index], str) and example[index] != example[0], name


def _sourced(node: object) -> list[object]:
    """Every ``x-source`` value anywhere in a schema."""
    if isinstance(node, list):
        return [found for item in node for found in _sourced(item)]
    if not isinstance(node, dict):
        return []
    found = [node["x-source"]] if "x-source" in node else []
    return found + [item for value in node.values() for item in _sourced(value)]


def test_x_source_names_files_of_the_list_read() -> None:
    """Each statement's evidence is a list of files from ``statsref.engine.language.sources``."""
    annotations = _sourced(schema.query_schema()) + _sourced(schema.response_schema())
    assert len(annotations) > 30
    for sources in annotations:
        assert isinstance(sources, list) and sources
        assert all(source in EVERY_SOURCE for source in sources), sources
    assert all(metric.get("x-source") for metric in schema.metrics())


# --- the sites file ------------------------------------------------------------------------

SITES_FILES = [
    REPO / "src/statsref/engine/sites/demo.toml",
    REPO / "tests/fixtures/sites/acme.toml",
]


def _sites_validator() -> Draft202012Validator:
    """The sites schema, with the query schema it refers to for segment filters."""
    from referencing import Registry, Resource

    query = schema.query_schema()
    registry = Registry().with_resource(query["$id"], Resource.from_contents(query))
    return Draft202012Validator(schema.sites_schema(), registry=registry)


def _as_json(value: object) -> object:
    """A TOML document as JSON sees it: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_the_sites_schema_is_valid() -> None:
    Draft202012Validator.check_schema(schema.sites_schema())


@pytest.mark.parametrize("path", SITES_FILES, ids=lambda p: p.name)
def test_the_schema_accepts_the_sites_files_the_loader_reads(path: Path) -> None:
    document = _as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [error.message for error in _sites_validator().iter_errors(document)]
    assert not errors


def test_the_schema_and_the_loader_know_the_same_keys() -> None:
    from statsref.engine.sites import derive, load

    defs = schema.sites_schema()["$defs"]
    assert set(defs["site"]["properties"]) == set(load.SITE_KEYS)
    assert set(defs["goal"]["properties"]) == set(load.GOAL_KEYS)
    assert set(defs["segment"]["properties"]) == set(load.SEGMENT_KEYS)
    assert set(defs["page"]["properties"]) == set(derive.PAGE_KEYS)
    assert set(defs["event"]["properties"]) == set(derive.EVENT_KEYS)
    assert set(defs["site"]["properties"]["rhythm"]["properties"]) == set(derive.RHYTHM_KEYS)
    assert defs["site"]["properties"]["plan"]["items"]["enum"] == list(load.PLAN_FEATURES)
    assert defs["site"]["properties"]["daily_visitors"]["maximum"] == derive.MAX_DAILY_VISITORS


REQUIREMENT_DIMENSIONS = (
    [],
    ["event:goal"],
    ["event:page"],
    ["event:name"],
    ["event:page", "event:name"],
    ["event:props:author"],
    ["visit:entry_page"],
    ["visit:source", "visit:exit_page_hostname"],
    ["time:day"],
)
PAGE, GOAL, PROP = (
    ["is", "event:page", ["/"]],
    ["is", "event:goal", ["Signup"]],
    ["is", "event:props:author", ["Uku"]],
)
SOURCE = ["is", "visit:source", ["Google"]]
REQUIREMENT_FILTERS = (
    [],
    [PAGE],
    [GOAL],
    [PROP],
    [SOURCE, PAGE],
    [["or", [PAGE, SOURCE]]],
    [["not", PAGE]],
    [["and", [["not", PAGE]]]],
    [["has_done", PAGE]],
    [["has_done", GOAL]],
    [["or", [PROP, SOURCE]]],
    [["has_not_done", PROP]],
    [GOAL, ["not", PROP]],
    [GOAL, PROP],
)


def _meets(pointer: str, query: dict) -> bool:
    """Whether ``query`` meets the schema at ``pointer`` (a requirement annotation)."""
    return schema.validator({"$ref": f"{schema.QUERY_SCHEMA_ID}#{pointer}"}).is_valid(query)


def _annotations_allow(index: int, metric: schema.Entry, query: dict) -> bool:
    """What the builder reads: each ``x-requires-query`` of the metric, and its scope's rule."""
    pointers = [
        f"/$defs/metric/oneOf/{index}/x-requires-query/{i}"
        for i in range(len(metric.get("x-requires-query")))
    ]
    if metric.get("x-scope") in schema.query_def("metric")["x-scope-requires"]:
        pointers.append(f"/$defs/metric/x-scope-requires/{metric.get('x-scope')}/query")
    return all(_meets(pointer, query) for pointer in pointers)


def test_requirement_annotations_state_the_engines_rules() -> None:
    """``x-requires-query`` (one schema per ``x-requires`` sentence) and the metric scopes'
    ``x-scope-requires`` (read by the playground's builder) accept a metric with the very
    dimensions and filters the engine accepts it with."""
    now = datetime(2026, 11, 2, tzinfo=UTC)
    checked = 0
    for dimensions in REQUIREMENT_DIMENSIONS:
        for filters in REQUIREMENT_FILTERS:
            parts = {"dimensions": dimensions, "filters": filters}
            if validate_query(minimal(**parts), now=now) is not None:
                continue  # refused whatever the metric (a goal filter inside an `or`, say)
            for index, metric in enumerate(schema.metrics()):
                query = minimal(**parts, metrics=[metric.name])
                engine = validate_query(query, now=now) is None
                assert _annotations_allow(index, metric, query) == engine, (metric.name, parts)
                checked += 1
    assert checked > 500


def test_each_requirement_sentence_has_its_schema() -> None:
    for entry in schema.metrics():
        assert len(entry.get("x-requires-query")) == len(entry.get("x-requires")), entry.name
    scopes = schema.query_def("metric")["x-scope-requires"]
    assert set(scopes) == SCOPES - {"either"}
    session_only = {d.name for d in schema.dimensions() if d.get("x-scope") == "session"}
    refused = scopes["event"]["query"]["properties"]["dimensions"]["items"]["not"]["enum"]
    assert set(refused) == session_only
    for scope in scopes.values():
        for name in BACKTICKED.findall(scope["requires"]):
            assert name in _known_names(), name
