"""Every example passes the structural checks; each broken fixture fails with its one line."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from demo import SITES
from statsref import schema
from statsref.corpus.crosscheck import (
    OLDER_API,
    Exchange,
    check_example,
    expand_segments,
    hostname_copies,
    pair_problems,
    response_schema_problems,
    schema_problems,
)
from statsref.corpus.load import load_corpus, load_example

from .conftest import BROKEN, EXAMPLES

SLUGS = sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir())
SHOWN = "tests/fixtures/broken"

# Each broken fixture and the exact lines the structural check prints for it.
BROKEN_LINES = {
    "metric-count": ["response.json: #/results/1/metrics: 1 value for 2 queried metrics"],
    "dimension-count": ["response.json: #/results/0/dimensions: 3 values for 2 queried dimensions"],
    "echo-order-by": [
        'response.json: #/query/order_by: expected [["visitors", "desc"]] (the request plus '
        'defaults), found [["visitors", "asc"]]'
    ],
    "unasked-time-labels": [
        "response.json: #/meta/time_labels: present although not asked by include.time_labels"
    ],
    "missing-time-labels": [
        "response.json: #/meta/time_labels: missing although asked by include.time_labels"
    ],
    "echo-date-range": [
        'response.json: #/query/date_range/1: ["2026-10-01", "2026-10-15"] at '
        "2026-11-02T14:30:00+00:00 resolves to 2026-10-15T23:59:59+00:00, found "
        "2026-11-02T23:59:59+00:00"
    ],
    "revenue-as-number": [
        "response.json: #/results/0/metrics/2: total_revenue: a revenue metric cannot be 6307.45"
    ],
    "null-visitors": [
        "response.json: #/results/1/metrics/0: visitors: an integer metric cannot be null"
    ],
    "error-without-error-body": [
        'response.json: #: a status 400 example needs an error body {"error": "<message>"}'
    ],
    "success-with-error-body": ["response.json: #: a status 200 example needs a success body"],
    "query-schema": ['query.json: #/metrics/0: "visitorz" is not a valid metric'],
}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_example_passes_the_structural_check(slug: str) -> None:
    example, problems = load_example(EXAMPLES / slug, f"examples/{slug}")
    assert problems == []
    assert example is not None
    assert [str(p) for p in check_example(example)] == []


def test_the_corpus_covers_the_issue() -> None:
    examples = load_corpus(EXAMPLES)
    invalid = [example for example in examples if example.meta.status == 400]
    assert len(examples) - len(invalid) >= 21
    assert len(invalid) >= 15
    assert {example.meta.site for example in examples} == set(SITES)


@pytest.mark.parametrize("slug", sorted(BROKEN_LINES))
def test_broken_fixture_fails_with_its_line(slug: str) -> None:
    example, problems = load_example(BROKEN / slug, f"{SHOWN}/{slug}")
    assert problems == []
    assert example is not None
    lines = [str(p) for p in check_example(example)]
    assert lines == [f"{SHOWN}/{slug}/{line}" for line in BROKEN_LINES[slug]]


def test_segments_expand_like_the_echo() -> None:
    site = SITES["dummy.site"]
    assert expand_segments([["is", "segment", [102]]], site) == [
        ["is", "visit:country", ["DE", "AT", "CH"]]
    ]
    assert expand_segments([["not", ["is", "segment", [101, 102]]]], site) == [
        [
            "not",
            [
                "or",
                [
                    ["and", [["is", "visit:device", ["Mobile"]]]],
                    ["and", [["is", "visit:country", ["DE", "AT", "CH"]]]],
                ],
            ],
        ]
    ]
    assert expand_segments([["is", "segment", [999]]], site) == [["is", "segment", [999]]]


def test_hostname_filters_are_copied_for_acquisition_dimensions() -> None:
    hostname = ["is", "event:hostname", ["docs.dummy.site"]]
    assert hostname_copies([hostname], ["event:page"]) == []
    assert hostname_copies([hostname], ["visit:source", "visit:exit_page"]) == [
        ["is", "visit:entry_page_hostname", ["docs.dummy.site"]],
        ["is", "visit:exit_page_hostname", ["docs.dummy.site"]],
    ]


def _stored(slug: str, name: str) -> Any:
    return json.loads((EXAMPLES / slug / name).read_text())


def _older(response: dict[str, Any]) -> dict[str, Any]:
    """An answer of mid-2024: no site_id, include or pagination echoed, the range as dates."""
    left_out = ("site_id", "include", "pagination")
    echo = {k: v for k, v in response["query"].items() if k not in left_out}
    return {**response, "query": {**echo, "date_range": ["2026-10-26", "2026-11-01"]}}


def test_schema_problems_come_from_the_branch_the_body_went_furthest_into() -> None:
    body = _stored("simple-aggregate", "response.json")
    body["query"]["metrics"] = ["visitors", 7]
    problems = schema_problems(body, schema.response_validator(), "r.json")
    assert [str(p) for p in problems] == ["r.json: #/query/metrics/1: 7 is not a valid metric"]
    problems = schema_problems({"eror": "x"}, schema.response_validator(), "r.json")
    assert [p.pointer for p in problems] == ["#"]


def test_an_older_api_answer_gives_warnings_unless_strict() -> None:
    body = _older(_stored("simple-aggregate", "response.json"))
    failures, warnings = response_schema_problems(body, "r.json", strict=False)
    assert failures == [] and len(warnings) == 5
    assert all(w.message.endswith(OLDER_API) for w in warnings)
    failures, warnings = response_schema_problems(body, "r.json", strict=True)
    assert len(failures) == 5 and warnings == []
    body["results"][0]["metrics"][0] = "many"
    failures, warnings = response_schema_problems(body, "r.json", strict=False)
    assert [f.pointer for f in failures] == ["#/results/0/metrics/0"]
    assert len(warnings) == 5


def _exchange(slug: str, response: Any, site: Any, now: Any) -> Exchange:
    query = _stored(slug, "query.json")
    return Exchange(query, response, "q.json", "r.json", site, now)


def test_pair_problems_leave_out_what_is_unknown() -> None:
    response = _stored("segment-filter", "response.json")
    now = datetime.fromisoformat("2026-12-01T00:00:00+00:00")
    late = pair_problems(_exchange("segment-filter", response, SITES["dummy.site"], now))
    assert [p.pointer for p in late] == ["#/query/date_range/0", "#/query/date_range/1"]
    assert pair_problems(_exchange("segment-filter", response, SITES["dummy.site"], None)) == []
    unexpanded = {**response, "query": {**response["query"], "filters": []}}
    assert pair_problems(_exchange("segment-filter", unexpanded, None, None)) == []
    wrong = pair_problems(_exchange("segment-filter", unexpanded, SITES["dummy.site"], None))
    assert [p.pointer for p in wrong] == ["#/query/filters"]


def test_pair_problems_of_an_older_answer_compare_the_keys_it_has() -> None:
    response = _older(_stored("timeseries-by-day", "response.json"))
    assert pair_problems(_exchange("timeseries-by-day", response, SITES["dummy.site"], None)) == []
    response["query"] = {**response["query"], "dimensions": ["time:week"]}
    found = pair_problems(_exchange("timeseries-by-day", response, SITES["dummy.site"], None))
    assert [p.pointer for p in found] == ["#/query/dimensions"]
