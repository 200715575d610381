"""The first difference between a stored response and the engine's, by JSON pointer."""

from __future__ import annotations

from statsref.corpus.compare import first_difference


def test_equal_documents() -> None:
    body = {"results": [{"dimensions": [], "metrics": [1, 2.5, None]}], "meta": {}}
    assert first_difference(body, body) is None


def test_points_at_the_first_differing_value() -> None:
    stored = {"results": [{"metrics": [1, 2]}, {"metrics": [3, 4]}]}
    actual = {"results": [{"metrics": [1, 2]}, {"metrics": [3, 5]}]}
    assert first_difference(stored, actual) == (
        "#/results/1/metrics/1",
        "stored 4, engine returns 5",
    )


def test_json_types_are_strict() -> None:
    assert first_difference([100], [100.0]) == ("#/0", "stored 100, engine returns 100.0")
    assert first_difference([1], [True]) == ("#/0", "stored 1, engine returns true")


def test_lengths_keys_and_key_order() -> None:
    assert first_difference([1, 2], [1]) == ("#", "stored 2 items, engine returns 1")
    assert first_difference({"a": 1}, {}) == (
        "#/a",
        "stored, but missing from the engine's response",
    )
    assert first_difference({}, {"b/c": 1}) == ("#/b~1c", "engine adds 1, not stored")
    assert first_difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) == (
        "#",
        "key order differs: engine returns b, a",
    )


def test_the_message_names_who_answered() -> None:
    assert first_difference({"a": [1]}, {"a": [2]}, by="endpoint") == (
        "#/a/0",
        "stored 1, endpoint returns 2",
    )
    assert first_difference({"a": 1}, {}, by="endpoint") == (
        "#/a",
        "stored, but missing from the endpoint's response",
    )
