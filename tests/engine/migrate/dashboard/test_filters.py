"""Dashboard filters as Stats API filters, as the dashboard's ``remapToApiFilter`` maps them
(its test: plausible/analytics ``assets/js/dashboard/util/filters.test.ts`` @1e7e58ea3031)."""

from __future__ import annotations

from typing import Any

import pytest

from statsref.engine.migrate.dashboard.filters import (
    EVENT_NAMES,
    api_dimension,
    api_filters,
    has_goal_filter,
    has_page_filter,
)
from statsref.engine.migrate.dashboard.legacy import OLDEST_NAMES


def convert(*filters: tuple[str, str, list[str]]) -> tuple[list[list[Any]], list[str]]:
    notes: list[str] = []
    return api_filters(list(filters), notes), notes


def test_the_dashboard_s_own_cases() -> None:
    converted, notes = convert(
        ("is", "page", ["/docs", "/blog"]),
        ("contains", "goal", ["Signup"]),
        ("contains_not", "browser", ["chrom"]),
        ("is", "country", ["US"]),
        ("is_not", "utm_source", ["google"]),
        ("has_not_done", "goal", ["Signup"]),
    )
    assert converted == [
        ["is", "event:page", ["/docs", "/blog"]],
        ["contains", "event:goal", ["Signup"]],
        ["contains_not", "visit:browser", ["chrom"]],
        ["is", "visit:country", ["US"]],
        ["is_not", "visit:utm_source", ["google"]],
        ["has_not_done", ["is", "event:goal", ["Signup"]]],
    ]
    assert notes == []


@pytest.mark.parametrize(
    ("key", "dimension"),
    [
        ("page", "event:page"),
        ("goal", "event:goal"),
        ("hostname", "event:hostname"),
        ("name", "event:name"),
        ("props:plan", "event:props:plan"),
        ("props:complex/prop-with-comma-etc,$#%", "event:props:complex/prop-with-comma-etc,$#%"),
        *[(key, f"visit:{key}") for key in OLDEST_NAMES if key not in (*EVENT_NAMES, "screen")],
        ("channel", "visit:channel"),
        ("screen", "visit:device"),
    ],
)
def test_every_name_of_the_url_has_its_dimension(key: str, dimension: str) -> None:
    assert api_dimension(key, []) == dimension


def test_screen_is_the_device_with_a_note() -> None:
    converted, notes = convert(("is", "screen", ["Desktop", "Tablet"]))
    assert converted == [["is", "visit:device", ["Desktop", "Tablet"]]]
    assert notes == [
        "The dashboard's screen is visit:device in the Stats API (visit:screen is an internal "
        "name)."
    ]


@pytest.mark.parametrize(
    ("url_filter", "api_filter"),
    [
        (("does_not_contain", "page", ["blog"]), ["contains_not", "event:page", ["blog"]]),
        (("is", "city", ["993800", "x1"]), ["is", "visit:city", [993800, "x1"]]),
        (("is", "segment", ["100", "101abc"]), ["is", "segment", [100, 101]]),
        (("matches", "page", ["^/a"]), ["matches", "event:page", ["^/a"]]),
    ],
)
def test_old_names_city_ids_and_segment_ids(url_filter: tuple, api_filter: list) -> None:
    assert convert(url_filter) == ([api_filter], [])


@pytest.mark.parametrize(
    ("url_filter", "api_filter", "note"),
    [
        (
            ("is_not", "goal", ["Signup"]),
            ["has_not_done", ["is", "event:goal", ["Signup"]]],
            "The Stats API filters goals with is and contains only: is_not,goal,Signup becomes",
        ),
        (
            ("contains_not", "goal", ["Sign"]),
            ["has_not_done", ["contains", "event:goal", ["Sign"]]],
            "The Stats API filters goals with is and contains only",
        ),
    ],
)
def test_a_negated_goal_is_a_visit_without_it(
    url_filter: tuple, api_filter: list, note: str
) -> None:
    converted, notes = convert(url_filter)
    assert converted == [api_filter]
    assert notes[0].startswith(note)


@pytest.mark.parametrize(
    ("url_filter", "note"),
    [
        (
            ("is", "visit:page", ["/any/page"]),
            "The filter is,visit:page,/any/page names visit:page, which the Stats API cannot "
            "filter on: left out.",
        ),
        (
            ("is", "time", ["x"]),
            "The filter is,time,x names time, which the Stats API cannot filter on: left out.",
        ),
        (
            ("has_done", "page", ["/a"]),
            "The filter has_done,page,/a uses has_done, not an operator of a Stats API filter on "
            "event:page: left out.",
        ),
        (
            ("has_not_done", "source", ["a"]),
            "The filter has_not_done,source,a uses has_not_done, not an operator of a Stats API "
            "filter on visit:source: left out.",
        ),
        (
            ("is", "segment", ["Europe"]),
            "The filter is,segment,Europe is not a segment the Stats API can take (is, with ids): "
            "left out.",
        ),
        (
            ("is_not", "segment", ["1"]),
            "The filter is_not,segment,1 is not a segment the Stats API can take (is, with ids): "
            "left out.",
        ),
    ],
)
def test_what_the_api_cannot_take_is_left_out_with_a_note(url_filter: tuple, note: str) -> None:
    assert convert(url_filter) == ([], [note])


def test_the_filters_that_change_the_top_row() -> None:
    assert has_goal_filter([("is", "goal", ["Signup"])])
    assert not has_goal_filter([("has_not_done", "goal", ["Signup"])])
    assert has_page_filter([("is_not", "page", ["/"])])
    assert not has_page_filter([("is", "entry_page", ["/"])])
