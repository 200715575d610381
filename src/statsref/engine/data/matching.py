"""``contains`` and ``matches`` clauses as SQLite runs them: one call per row and filter.

A filter such as ``["contains", "event:page", ["/a", "/b"], {"case_sensitive": false}]``
compiles to ``clauses_match(?, e.pathname)``, its one parameter a ``spec``: the test and
every clause, as JSON. A long clause list then costs one Python call per row instead of one
per clause (and no deeply nested SQL). Each ``Matcher`` remembers its answer for every
distinct value, and a column holds few, so a pattern is searched once per value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

from ..language.budget import MAX_REGEX_STATES
from ..language.regex import compile_search

CONTAINS, CONTAINS_FOLDED, MATCHES = "contains", "contains_folded", "matches"
"""The tests: substring, substring of the lower-cased value, unanchored regex search."""


def spec(kind: str, clauses: list[str]) -> str:
    """The SQL parameter of ``clauses_match`` for a test and its clauses."""
    return json.dumps([kind, clauses])


class Matcher:
    """Whether any of a filter's clauses matches a value (``matches`` patterns are in
    Python syntax and fit the query's regex budget, checked before the query runs), with
    the answer for every value tested so far."""

    __slots__ = ("answers", "test")

    def __init__(self, kind: str, clauses: list[str]) -> None:
        self.test = _test(kind, clauses)
        self.answers: dict[str | int, bool] = {}


def _test(kind: str, clauses: list[str]) -> Callable[[str], bool]:
    if kind == MATCHES:
        searches = [compile_search(pattern, MAX_REGEX_STATES) for pattern in clauses]
        return lambda value: any(search.search(value) for search in searches)
    if kind == CONTAINS_FOLDED:
        folded = [clause.lower() for clause in clauses]
        return lambda value: any(clause in value.lower() for clause in folded)
    return lambda value: any(clause in value for clause in clauses)


@lru_cache(maxsize=64)
def matcher(spec_text: str) -> Matcher:
    kind, clauses = json.loads(spec_text)
    return Matcher(kind, clauses)


def clauses_match(spec_text: str, value: str | int | None) -> bool:
    """SQLite's ``clauses_match(spec, value)``; a NULL value never matches. Called once per
    row, so it stays one Python frame: the memo is read here, not through a method."""
    if value is None:
        return False
    found = matcher(spec_text)
    answer = found.answers.get(value)
    if answer is None:
        answer = found.answers[value] = found.test(str(value))
    return answer
