"""Size bounds: body size, nesting, list length and filter depth, each with a pointer."""

from __future__ import annotations

import pytest

from statsref.engine.language.errors import QueryError
from statsref.engine.language.limits import (
    MAX_BODY_CHARS,
    MAX_FILTER_DEPTH,
    MAX_LIST_ITEMS,
    MAX_NESTING,
    check_limits,
    escape,
)

BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
PAGE = ["is", "event:page", ["/"]]


def error(body: object) -> QueryError:
    with pytest.raises(QueryError) as caught:
        check_limits(body)
    return caught.value


def nested_filter(levels: int) -> list:
    node: list = PAGE
    for level in range(levels):
        node = ["not", node] if level % 2 else ["and", [node]]
    return node


def test_ordinary_bodies_pass() -> None:
    check_limits({**BASE, "filters": [nested_filter(MAX_FILTER_DEPTH)]})


def test_body_size() -> None:
    problem = error({**BASE, "site_id": "x" * MAX_BODY_CHARS})
    assert problem.message.startswith("#: The query is ")
    assert problem.message.endswith(f"characters of JSON; the limit is {MAX_BODY_CHARS}.")
    assert problem.pointer == ""


def test_list_length() -> None:
    clauses = ["/"] * (MAX_LIST_ITEMS + 1)
    problem = error({**BASE, "filters": [["is", "event:page", clauses]]})
    assert problem.message == (
        f"#/filters/0/2: Expected a maximum of {MAX_LIST_ITEMS} items but got {len(clauses)}."
    )
    assert problem.pointer == "/filters/0/2"


def test_nesting_of_any_json() -> None:
    deep: list = []
    for _ in range(MAX_NESTING + 5):
        deep = [deep]
    problem = error({**BASE, "include": {"imports": deep}})
    assert problem.message.endswith(f"Nested more than {MAX_NESTING} levels deep.")
    assert problem.pointer.startswith("/include/imports/0/0")


def test_a_very_deep_body_does_not_exhaust_the_stack() -> None:
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert "Nested more than" in error({**BASE, "filters": deep}).message


def test_filter_depth() -> None:
    problem = error({**BASE, "filters": [PAGE, nested_filter(MAX_FILTER_DEPTH + 1)]})
    assert problem.message.endswith(f"Filters are nested more than {MAX_FILTER_DEPTH} levels deep.")
    assert problem.pointer.startswith("/filters/1/1")


def test_escape() -> None:
    assert escape("a/b~c") == "a~1b~0c"


@pytest.mark.parametrize(
    ("body", "pointer", "what"),
    [
        ({**BASE, "dimensions": ["\ud800"]}, "/dimensions/0", "The text"),
        ({**BASE, "filters": [["is", "event:page", ["/a\udfffb"]]]}, "/filters/0/2/0", "The text"),
        ({**BASE, "include": {"\ud83d": True}}, "/include", "A key"),
    ],
)
def test_lone_surrogates_are_refused(body, pointer, what) -> None:
    """A JSON ``\\ud800`` escape decodes to text no UTF-8 encoder accepts (it once reached
    SQLite and the response encoder)."""
    problem = error(body)
    assert problem.pointer == pointer
    assert problem.message.startswith(f"#{pointer}: {what} holds a lone surrogate (\\u")
    problem.message.encode("utf-8")  # the message itself is valid text


def test_astral_characters_are_text() -> None:
    check_limits({**BASE, "filters": [["is", "event:page", ["/\U0001f600"]]]})


@pytest.mark.parametrize(
    "number", [2**63, -(2**63) - 1, 10**5000], ids=["2^63", "-2^63-1", "5000 digits"]
)
def test_integers_fit_in_64_bits(number) -> None:
    problem = error({**BASE, "pagination": {"offset": number}})
    assert problem.pointer == "/pagination/offset"
    assert problem.message == (
        f"#/pagination/offset: The integer has {number.bit_length()} bits; integers in a "
        "query fit in 64 bits."
    )


def test_the_largest_64_bit_integers_pass() -> None:
    check_limits({**BASE, "pagination": {"offset": 2**63 - 1}, "x": -(2**63)})
