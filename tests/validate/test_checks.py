"""Each file against its schema, each pair together: what is an error, what is a warning."""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path

from statsref.validate.checks import file_problems, pair_check
from statsref.validate.files import JsonFile

from .conftest import NOW, corpus_file, load, load_pair, older, write

CLOCK = datetime.fromisoformat(NOW)


def problems(found: tuple[list, list]) -> tuple[list[str], list[str]]:
    errors, warnings = found
    return [f"{p.pointer}: {p.message}" for p in errors], [
        f"{p.pointer}: {p.message}" for p in warnings
    ]


def a_file(path: Path, value: object) -> JsonFile:
    file = load(write(path, value))
    assert isinstance(file, JsonFile)
    return file


def test_a_query_against_the_query_schema(tmp_path: Path) -> None:
    query = corpus_file("simple-aggregate", "query.json")
    assert problems(file_problems(a_file(tmp_path / "q.json", query), strict=False)) == ([], [])
    with_schema = {"$schema": "https://example.org/query.schema.json", **query}
    assert problems(file_problems(a_file(tmp_path / "q.json", with_schema), strict=False)) == (
        [],
        [],
    )
    typo = {**query, "metrics": ["visitors", "bounce_rat"]}
    found = file_problems(a_file(tmp_path / "q.json", typo), strict=False)
    assert problems(found) == (['#/metrics/1: "bounce_rat" is not a valid metric'], [])


def test_an_older_api_response_is_a_warning_unless_strict(tmp_path: Path) -> None:
    response = a_file(tmp_path / "r.json", older(corpus_file("simple-aggregate", "response.json")))
    errors, warnings = problems(file_problems(response, strict=False))
    assert errors == []
    assert warnings[0] == (
        "#/query: 'site_id' is a required property (an older API version: it lacks a field "
        "marked x-since; --strict fails it)"
    )
    assert [w.split(":")[0] for w in warnings] == [
        "#/query",
        "#/query",
        "#/query",
        "#/query/date_range/0",
        "#/query/date_range/1",
    ]
    errors, warnings = problems(file_problems(response, strict=True))
    assert (len(errors), warnings) == (5, [])
    assert errors[3] == '#/query/date_range/0: "2026-10-26" is not a valid datetime'


def test_what_no_api_version_answers_is_an_error_beside_the_warnings(tmp_path: Path) -> None:
    body = older(corpus_file("simple-aggregate", "response.json"))
    body["meta"]["warning"] = "Imported stats are not included"
    errors, warnings = problems(file_problems(a_file(tmp_path / "r.json", body), strict=False))
    assert errors == ["#/meta: Additional properties are not allowed ('warning' was unexpected)"]
    assert len(warnings) == 5


def test_names_and_content_that_disagree_are_a_warning(tmp_path: Path) -> None:
    query = corpus_file("simple-aggregate", "query.json")
    assert problems(file_problems(a_file(tmp_path / "x-response.json", query), strict=False)) == (
        [],
        ["#: named like a response file, but holds a query: checked alone"],
    )


def test_a_named_file_that_is_neither_is_an_error(tmp_path: Path) -> None:
    fragment = a_file(tmp_path / "meta.json", {"total_rows": 3})
    assert problems(file_problems(fragment, strict=False)) == (
        ["#: neither a Stats API query nor a response (by its top-level keys)"],
        [],
    )


def corpus_pair(tmp_path: Path, slug: str, change=None, query=None):
    response = corpus_file(slug, "response.json")
    if change:
        response = copy.deepcopy(response)
        change(response)
    return load_pair(tmp_path, slug, query or corpus_file(slug, "query.json"), response)


def test_a_pair_of_the_corpus_passes(tmp_path: Path) -> None:
    for slug in ("timeseries-by-day", "segment-filter", "hostname-filter-sources"):
        assert problems(pair_check(corpus_pair(tmp_path, slug), strict=False, now=CLOCK)) == (
            [],
            [],
        )


def test_rows_are_held_to_the_queried_metrics_and_dimensions(tmp_path: Path) -> None:
    def drop(response: dict) -> None:
        response["results"][1]["metrics"].pop()
        response["results"][2]["dimensions"].append("extra")

    pair = corpus_pair(tmp_path, "utm-medium-and-source", drop)
    assert problems(pair_check(pair, strict=False, now=None)) == (
        [
            "#/results/1/metrics: 1 value for 2 queried metrics",
            "#/results/2/dimensions: 3 values for 2 queried dimensions",
        ],
        [],
    )


def test_the_echo_is_held_to_the_request(tmp_path: Path) -> None:
    def reorder(response: dict) -> None:
        response["query"]["order_by"] = [["visitors", "asc"]]

    pair = corpus_pair(tmp_path, "simple-aggregate", reorder)
    errors, _ = problems(pair_check(pair, strict=False, now=None))
    assert errors == [
        '#/query/order_by: expected [["visitors", "desc"]] (the request plus defaults), found '
        '[["visitors", "asc"]]'
    ]


def test_a_relative_range_is_resolved_only_at_a_known_clock(tmp_path: Path) -> None:
    pair = corpus_pair(tmp_path, "simple-aggregate")
    assert pair_check(pair, strict=False, now=None) == ([], [])
    errors, _ = problems(pair_check(pair, strict=False, now=datetime.fromisoformat(
        "2026-12-01T12:00:00+00:00")))  # fmt: skip
    assert errors[0].startswith('#/query/date_range/0: "7d" at 2026-12-01T12:00:00+00:00 resolves')


def test_an_older_api_pair_is_still_cross_checked(tmp_path: Path) -> None:
    def shorten(response: dict) -> None:
        response.update(older(response))
        response["results"][0]["metrics"] = []

    pair = corpus_pair(tmp_path, "simple-aggregate", shorten)
    errors, warnings = problems(pair_check(pair, strict=False, now=CLOCK))
    assert errors == ["#/results/0/metrics: 0 values for 6 queried metrics"]
    assert len(warnings) == 5


def test_a_site_the_mock_does_not_know_skips_only_what_needs_it(tmp_path: Path) -> None:
    def elsewhere(response: dict) -> None:
        response["query"]["site_id"] = "example.com"
        response["query"]["date_range"] = ["2026-11-01T00:00:00+09:00", "2026-11-01T23:59:59+09:00"]

    query = {**corpus_file("segment-filter", "query.json"), "site_id": "example.com"}
    query["date_range"] = ["2026-11-01", "2026-11-01"]
    pair = corpus_pair(tmp_path, "segment-filter", elsewhere, query)
    assert pair_check(pair, strict=False, now=CLOCK) == ([], [])
    pair.response.value["results"][0]["metrics"].append(1)
    errors, _ = problems(pair_check(pair, strict=False, now=CLOCK))
    assert errors == ["#/results/0/metrics: 3 values for 2 queried metrics"]


def test_a_rejected_query_is_not_held_to_the_query_schema(tmp_path: Path) -> None:
    query = corpus_file("invalid-unknown-metric", "query.json")
    response = corpus_file("invalid-unknown-metric", "response.json")
    pair = load_pair(tmp_path, "bad-metric", query, response)
    assert pair_check(pair, strict=False, now=None) == ([], [])
    pair = load_pair(tmp_path, "bad-metric", query, {"error": ""})
    assert problems(pair_check(pair, strict=False, now=None)) == (
        ["#/error: '' should be non-empty"],
        [],
    )
