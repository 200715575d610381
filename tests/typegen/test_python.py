"""The Python module under the real ``mypy --strict``: every example's query and response
type-check (positional arrays written as tuples), the invalid queries types can catch do not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from statsref.typegen import FILES, definitions

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


NARROWING = """\
import httpx

from stats_api import Query, QueryResponse


class StatsError(Exception):
    pass


def rows(query: Query) -> int:
    body: QueryResponse = httpx.post("https://plausible.io/api/v2/query", json=query).json()
    if "error" in body:
        raise StatsError(body["error"])
    return len(body["results"])
"""


def test_an_error_check_narrows_the_response(tmp_path: Path) -> None:
    """The natural check of an answer: the response TypedDicts are ``@final``, so mypy narrows
    ``QueryResponse`` with ``in`` (without it: "TypedDict SuccessResponse has no key error")."""
    (tmp_path / FILES["python"]).write_text(definitions("python"), encoding="utf-8")
    (tmp_path / "client.py").write_text(NARROWING, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "client.py"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
