"""The editor's size bounds (``playground/src/language/limits.js``) are the engine's: the same
numbers and filter operators, and for a query past one, the same first problem in the same
words, so the page never lints a query the engine would refuse differently."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from statsref.docsgen.playground import PLAYGROUND_DIR
from statsref.engine.language import limits
from statsref.engine.language.errors import QueryError
from statsref.engine.language.vocabulary import BEHAVIORAL_OPERATORS, LOGICAL_OPERATORS

MODULE = PLAYGROUND_DIR / "src" / "language" / "limits.js"
BASE = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
PAGE = ["is", "event:page", ["/"]]


def in_node(expression: str, *args: Any) -> Any:
    """``expression`` evaluated with limits.js imported and ``args`` as ``input``, as JSON."""
    script = (
        f"import * as limits from {json.dumps(MODULE.as_uri())};\n"
        'import { readFileSync } from "node:fs";\n'
        'const input = JSON.parse(readFileSync(0, "utf8"));\n'
        f"console.log(JSON.stringify({expression}));"
    )
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(args),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def nested(levels: int, wrap: str = "not") -> list:
    node: list = PAGE
    for _ in range(levels):
        node = [wrap, node] if wrap != "and" else ["and", [node]]
    return node


def test_the_numbers_and_operators_are_the_engines() -> None:
    got = in_node("{...limits.LIMITS, wrappers: [...limits.WRAPPERS]}")
    assert got == {
        "bodyChars": limits.MAX_BODY_CHARS,
        "nesting": limits.MAX_NESTING,
        "listItems": limits.MAX_LIST_ITEMS,
        "filterDepth": limits.MAX_FILTER_DEPTH,
        "wrappers": [*LOGICAL_OPERATORS, *BEHAVIORAL_OPERATORS],
    }


def deep_list(levels: int) -> list:
    node: list = [1]
    for _ in range(levels):
        node = [node]
    return node


PAST_A_LIMIT = {
    "too many metrics": {**BASE, "metrics": [f"m{i}" for i in range(limits.MAX_LIST_ITEMS + 1)]},
    "too deep": {**BASE, "filters": [nested(40, "and")]},
    "too long": {**BASE, "site_id": "é" * limits.MAX_BODY_CHARS},
    "too deep in a list": {**BASE, "order_by": deep_list(40)},
    "keys to escape": {**BASE, "a/b~c": deep_list(40)},
    "filters too deep": {**BASE, "filters": [PAGE, nested(limits.MAX_FILTER_DEPTH + 1)]},
    "and filters too deep": {**BASE, "filters": [nested(limits.MAX_FILTER_DEPTH + 1, "and")]},
}


@pytest.mark.parametrize("query", PAST_A_LIMIT.values(), ids=PAST_A_LIMIT.keys())
def test_the_first_problem_is_the_engines(query: dict) -> None:
    with pytest.raises(QueryError) as caught:
        limits.check_limits(query)
    got = in_node("limits.limitProblem(input[0])", query)
    assert f"#{got['pointer']}: {got['message']}" == caught.value.message
    assert got["pointer"] == caught.value.pointer
    assert got["hint"] == caught.value.hint


WITHIN = {
    "filters as deep as allowed": {**BASE, "filters": [nested(limits.MAX_FILTER_DEPTH)]},
    "characters, not UTF-16 units": {**BASE, "site_id": "😀" * (limits.MAX_BODY_CHARS // 2 + 10)},
}


@pytest.mark.parametrize("query", WITHIN.values(), ids=WITHIN.keys())
def test_a_query_within_the_limits_passes_in_both(query: dict) -> None:
    limits.check_limits(query)
    assert in_node("limits.limitProblem(input[0])", query) is None
