"""JSON read with the line and column of every value."""

from __future__ import annotations

import json

import pytest

from statsref.validate.positions import read_located

TEXT = """{
  "results": [
    {"metrics": [4, 2.5], "dimensions": ["a/b"]},
    {"metrics": [null, {"long": "$1"}], "dimensions": ["é", true]}
  ],
  "meta": {"a~b": false},
  "query": {"escaped \\"key\\"": "\\u00e9\\"", "empty": [], "none": {}}
}
"""


def place(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The line and column of ``needle`` (its ``occurrence``-th time), counted by hand."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_the_value_is_what_json_loads_reads() -> None:
    assert read_located(TEXT).value == json.loads(TEXT)


@pytest.mark.parametrize(
    ("at", "needle", "occurrence"),
    [
        ("#", "{", 1),
        ("#/results", "[", 1),
        ("#/results/0", '{"metrics"', 1),
        ("#/results/0/metrics/1", "2.5", 1),
        ("#/results/0/dimensions/0", '"a/b"', 1),
        ("#/results/1/metrics/0", "null", 1),
        ("#/results/1/metrics/1", '{"long"', 1),
        ("#/results/1/dimensions/0", '"é"', 1),
        ("#/results/1/dimensions/1", "true", 1),
        ("#/meta/a~0b", "false", 1),
        ('#/query/escaped "key"', '"\\u00e9', 1),
        ("#/query/empty", "[]", 1),
        ("#/query/none", "{}", 1),
    ],
)
def test_every_value_is_placed(at: str, needle: str, occurrence: int) -> None:
    assert read_located(TEXT).position(at) == place(TEXT, needle, occurrence)


def test_a_pointer_past_the_text_is_placed_at_its_nearest_value() -> None:
    document = read_located(TEXT)
    assert document.position("#/results/0/metrics/7") == place(TEXT, "[4, 2.5]")
    assert document.position("#/meta/missing/deeper") == place(TEXT, '{"a~b"')
    assert document.position("#/nothing") == (1, 1)


def test_leading_space_and_a_scalar_document() -> None:
    assert read_located("\n\n   42 ").position("#") == (3, 4)


def test_syntax_errors_keep_the_standard_message_and_place() -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        read_located('{\n  "a": 1\n  "b": 2\n}')
    assert (caught.value.msg, caught.value.lineno, caught.value.colno) == (
        "Expecting ',' delimiter",
        3,
        3,
    )


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_python_only_constants_are_not_json(constant: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        read_located(f'{{"metrics": [\n  1, {constant}]}}')
    assert caught.value.msg == f"{constant} is not a JSON value"
    assert (caught.value.lineno, caught.value.colno) == (2, 6)
