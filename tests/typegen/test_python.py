"""The Python module under the real ``mypy --strict``: every example's query and response
type-check (positional arrays written as tuples), the invalid queries types can catch do not."""

from __future__ import annotations

import sys
from pathlib import Path

from statsref.typegen import FILES

from .cases import python_assignment, type_check


def _source(query: object, response: object) -> str:
    source = "from stats_api import *  # noqa: F403\n\n" + python_assignment(
        "query", query, "Query"
    )
    if response is not None:
        source += python_assignment("response", response, "QueryResponse")
    return source


def test_examples_type_check_and_invalid_queries_do_not(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    rejected, expected, output = type_check(tmp_path, "python", _source, command)
    assert rejected == expected, output[-3000:]
    assert f"{FILES['python']}:" not in output  # the module itself passes


def test_positional_arrays_are_tuples_and_each_filter_a_typed_variable() -> None:
    query = {
        "date_range": ["2026-10-01", "2026-10-31"],
        "filters": [["or", [["is", "event:page", ["/"]]]]],
    }
    assert python_assignment("q", query, "Query").splitlines() == [
        "q_0: DatePair = ('2026-10-01', '2026-10-31')",
        "q_1: SimpleFilter = ('is', 'event:page', ['/'])",
        "q_2: LogicalFilter = ('or', [q_1])",
        "q: Query = {'date_range': q_0, 'filters': [q_2]}",
    ]
