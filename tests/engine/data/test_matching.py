"""``clauses_match``: any clause matches, one memoised answer per distinct value."""

from __future__ import annotations

import pytest

from statsref.engine.data.matching import (
    CONTAINS,
    CONTAINS_FOLDED,
    MATCHES,
    clauses_match,
    matcher,
    spec,
)


@pytest.mark.parametrize(
    ("kind", "clauses", "value", "found"),
    [
        (CONTAINS, ["/blog", "/docs"], "/en/docs/api", True),
        (CONTAINS, ["/BLOG"], "/blog/post", False),
        (CONTAINS, [""], "anything", True),
        (CONTAINS, [], "anything", False),
        (CONTAINS_FOLDED, ["/BLOG"], "/Blog/Post", True),
        (CONTAINS_FOLDED, ["ZÜRICH"], "zürich", True),
        (MATCHES, ["^/docs", "post$"], "/blog/post", True),
        (MATCHES, ["^/docs"], "/blog/docs", False),
        (MATCHES, [], "/blog", False),
    ],
)
def test_any_clause_matches(kind, clauses, value, found):
    assert clauses_match(spec(kind, clauses), value) is found


def test_null_never_matches_and_numbers_are_text():
    assert clauses_match(spec(CONTAINS, [""]), None) is False
    assert clauses_match(spec(CONTAINS, ["295"]), 2950159) is True


def test_each_distinct_value_is_tested_once():
    calls: list[str] = []
    text = spec(CONTAINS, ["a", "z"])
    found = matcher(text)
    test = found.test
    found.test = lambda value: calls.append(value) or test(value)
    answers = [clauses_match(text, v) for v in ["ab", "b", "ab", "ab", "b"]]
    assert answers == [True, False, True, True, False]
    assert calls == ["ab", "b"]
