"""v1 filter expressions to v2 filters, with the cases of the v1 API's own filter tests."""

from __future__ import annotations

import re
from typing import Any

import pytest

from statsref.engine.language.patterns import pattern_problem
from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.filters import convert_filters, wildcard_pattern


def convert(expression: str) -> tuple[list[list[Any]], list[str]]:
    notes: list[str] = []
    return convert_filters(expression, notes), notes


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("event:goal==Signup", [["is", "event:goal", ["Signup"]]]),
        ("visit:country!=FR", [["is_not", "visit:country", ["FR"]]]),
        ("visit:source==Github|Twitter", [["is", "visit:source", ["Github", "Twitter"]]]),
        (
            "event:goal==Signup;visit:country==DE",
            [["is", "event:goal", ["Signup"]], ["is", "visit:country", ["DE"]]],
        ),
        ("visit:utm_campaign==campaign\\|one", [["is", "visit:utm_campaign", ["campaign|one"]]]),
        (
            "event:goal==Signup|Visit /register",
            [["is", "event:goal", ["Signup", "Visit /register"]]],
        ),
        ("event:goal==Visit /blog**", [["is", "event:goal", ["Visit /blog**"]]]),
        (" event:page == /a ;", [["is", "event:page", ["/a"]]]),
        ("event:props:author==(none)", [["is", "event:props:author", ["(none)"]]]),
    ],
)
def test_the_reference_syntax(expression: str, expected: list[list[Any]]) -> None:
    assert convert(expression)[0] == expected


@pytest.mark.parametrize(
    ("expression", "operator", "pattern"),
    [
        ("event:page==/blog/*", "matches", "^/blog/.*$"),
        ("event:page==/en/**", "matches", "^/en/.*$"),
        ("event:page!=/en/**", "matches_not", "^/en/.*$"),
        ("event:hostname==*.example.com", "matches", "^.*\\.example\\.com$"),
        ("event:props:tier==small*", "matches", "^small.*$"),
    ],
)
def test_wildcards_become_anchored_patterns(expression: str, operator: str, pattern: str) -> None:
    (converted,), notes = convert(expression)
    assert converted == [operator, expression.split("=")[0].rstrip("!"), [pattern]]
    assert pattern_problem(pattern) is None
    assert "anchored regular expression" in notes[0]


@pytest.mark.parametrize(
    ("raw", "matching", "other"),
    [
        # v1's tests: a wildcard combined with alternatives, and an escaped pipe among them.
        ("/en/**|/pl/**", ["/en/page1", "/pl/page1"], ["/de/page1", "/x/pl/page"]),
        (
            "**post\\|1|/something-else",
            ["/blog/post|1", "/otherpost|1", "/something-else"],
            ["/blog/post|2"],
        ),
        ("/a(b)*[c]+?", ["/a(b)x[c]+?"], ["/a(b)x[c]"]),
    ],
)
def test_wildcard_patterns_match_the_whole_value(
    raw: str, matching: list[str], other: list[str]
) -> None:
    pattern = re.compile(wildcard_pattern(raw))
    assert all(pattern.search(value) for value in matching)
    assert not any(pattern.search(value) for value in other)


def test_alternatives_in_a_wildcard_say_how_v1_anchored_them() -> None:
    _, notes = convert("event:page==/en/**|/pl/**")
    assert any("anchors each alternative" in note for note in notes)


def test_excluding_several_values_does_what_v1_could_not() -> None:
    filters, notes = convert("visit:browser!=Chrome|Safari")
    assert filters == [["is_not", "visit:browser", ["Chrome", "Safari"]]]
    assert "answers visit:browser!=Chrome|Safari as if it were ==" in notes[0]


def test_a_negated_goal_keeps_visits_without_it() -> None:
    filters, notes = convert("event:goal!=Signup")
    assert filters == [["has_not_done", ["is", "event:goal", ["Signup"]]]]
    assert "does not support != on event:goal" in notes[0]


@pytest.mark.parametrize("expression", ["visit:country==Germany", "visit:country==DE|Germany"])
def test_a_country_filter_v1_ignores_is_left_out(expression: str) -> None:
    filters, notes = convert(expression)
    assert filters == []
    assert f"v1 ignores the filter {expression}" in notes[0]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("visit:source=Google", "expected property==value"),
        ("event:page==/a==b", "expected property==value"),
        ("event:page==", "expected property==value"),
        ("visit:planet==Mars", "visit:planet is not a property to filter on"),
        ("time:day==2021-01-01", "time:day is not a property to filter on"),
        ("event:props:==x", "event:props: is not a property to filter on"),
        ('[["is", "event:page", ["/"]]]', "filters given as JSON"),
    ],
)
def test_unreadable_filters_are_errors(expression: str, message: str) -> None:
    with pytest.raises(MigrationError, match=re.escape(message)):
        convert(expression)
