"""Walking filter trees and the executor's normalised shape."""

from __future__ import annotations

from statsref.engine.language.filter_tree import (
    copied,
    filters_on,
    leaves,
    normalized,
    top_level_filters,
)

PAGE = ["is", "event:page", ["/"]]
NAME = ["is", "event:name", ["Signup"]]
TREE = [PAGE, ["or", [["not", NAME], ["has_done", ["and", [PAGE]]]]]]


def test_leaves_carry_pointer_depth_and_behavioral_count() -> None:
    found = [(leaf.filter, leaf.pointer, leaf.depth, leaf.behavioral) for leaf in leaves(TREE)]
    assert found == [
        (PAGE, "/filters/0", 0, 0),
        (NAME, "/filters/1/1/0/1", 2, 0),
        (PAGE, "/filters/1/1/1/1/1/0", 3, 1),
    ]


def test_filters_on_skips_has_done_unless_asked() -> None:
    assert [leaf.pointer for leaf in filters_on(TREE, "event:page")] == ["/filters/0"]
    assert len(filters_on(TREE, "event:page", behavioral=True)) == 2


def test_top_level_filters() -> None:
    assert top_level_filters(TREE, "event:page") == [PAGE]
    assert top_level_filters(TREE, "event:name") == []


def test_normalized_adds_modifiers() -> None:
    assert normalized(["not", ["contains", "event:page", ["/a"], {"case_sensitive": False}]]) == [
        "not",
        ["contains", "event:page", ["/a"], {"case_sensitive": False}],
    ]
    assert normalized(["or", [PAGE]]) == [
        "or",
        [["is", "event:page", ["/"], {"case_sensitive": True}]],
    ]


def test_normalized_rewrites_patterns_for_python() -> None:
    assert normalized(["matches", "event:page", ["(?<s>/blog)\\z", "/a"]]) == [
        "matches",
        "event:page",
        ["(?P<s>/blog)\\Z", "/a"],
        {"case_sensitive": True},
    ]


def test_copied_turns_tuples_into_lists() -> None:
    assert copied((["is", "visit:device", ("Mobile",)],)) == [["is", "visit:device", ["Mobile"]]]
