"""Parser-stage checks of filter clauses."""

from __future__ import annotations

import pytest

from statsref.engine.language.clauses import COUNTRY_ERROR, check_clauses
from statsref.engine.language.errors import QueryError


def error(filters: list) -> QueryError:
    with pytest.raises(QueryError) as caught:
        check_clauses(filters)
    return caught.value


@pytest.mark.parametrize(
    "leaf",
    [
        ["is", "visit:city", [2950159, 2643743]],
        ["is", "visit:city", ["2950159"]],
        ["is", "visit:country", ["DE", "US"]],
        ["contains", "visit:country", ["D"]],
        ["is", "segment", [101, 102]],
        ["matches", "event:page", ["^/blog/.+"]],
        ["is", "event:page", []],
    ],
)
def test_valid_clauses(leaf: list) -> None:
    check_clauses([leaf])


@pytest.mark.parametrize(
    ("leaf", "rendered"),
    [
        (["is", "visit:os_version", [123]], '["is", "visit:os_version", [123]]'),
        (["is", "visit:city", [2950159, "Berlin"]], '["is", "visit:city", [2950159, "Berlin"]]'),
        (["is", "segment", ["123"]], '["is", "segment", ["123"]]'),
        (["is", "segment", []], '["is", "segment", []]'),
        (["matches", "visit:city", [123]], '["matches", "visit:city", [123]]'),
    ],
)
def test_wrong_clause_types(leaf: list, rendered: str) -> None:
    problem = error([["is", "event:page", ["/"]], ["not", leaf]])
    assert problem.message == f"Invalid filter '{rendered}'."
    assert problem.pointer == "/filters/1/1"


@pytest.mark.parametrize("operator", ["is", "is_not"])
def test_country_codes_need_two_letters(operator: str) -> None:
    problem = error([[operator, "visit:country", ["DE", "DEU"]]])
    assert problem.message == COUNTRY_ERROR
    assert problem.message == (
        "Invalid visit:country filter, visit:country needs to be a valid 2-letter country code."
    )


def test_bad_patterns_name_the_filter_and_the_pattern() -> None:
    problem = error([["or", [["matches_not", "event:page", ["ok", "(a)\\1"]]]]])
    assert problem.message == (
        'Invalid filter \'["matches_not", "event:page", ["ok", "(a)\\\\1"]]\'. '
        "The mock checks patterns before the query runs; the real API does not. "
        'The pattern "(a)\\\\1" uses a backreference \\1, which RE2 does not support.'
    )
    assert problem.pointer == "/filters/0/1/0/2/1"


def test_patterns_are_only_checked_for_pattern_operators() -> None:
    check_clauses([["is", "event:page", ["(unbalanced"]]])
