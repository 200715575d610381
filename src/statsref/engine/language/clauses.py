"""Parser-stage checks on filter leaves: clause types, country codes, segment ids, patterns.

These run after the schema stage, in the order the filters are written, and stop at the first
problem. Clauses are strings, except ``visit:city`` (GeoName ids, all integers or all strings, but
patterns are always strings) and segments (a non-empty list of integer ids).
"""

from __future__ import annotations

from . import sources as src
from .elixir import inspect
from .errors import QueryError
from .evidence import cites, mock_own
from .filter_tree import PATTERN_OPERATORS, Filter, Leaf, leaves
from .patterns import pattern_problem
from .structure import is_int

COUNTRY_ERROR = (
    "Invalid visit:country filter, visit:country needs to be a valid 2-letter country code."
)
MOCK_PATTERN_CHECK = "The mock checks patterns before the query runs; the real API does not. "


def check_clauses(filters: list[Filter]) -> None:
    for leaf in leaves(filters):
        for rule in LEAF_RULES:
            rule(leaf)


@cites(src.API_QUERY_PARSER)
def _check_types(leaf: Leaf) -> None:
    strings = all(isinstance(clause, str) for clause in leaf.clauses)
    integers = all(is_int(clause) for clause in leaf.clauses)
    if leaf.dimension == "segment":
        valid = integers and bool(leaf.clauses)
    elif leaf.dimension == "visit:city":
        valid = strings or integers
    else:
        valid = strings
    if not valid or (leaf.operator in PATTERN_OPERATORS and not strings):
        raise QueryError(
            f"Invalid filter '{inspect(leaf.filter)}'.",
            pointer=leaf.pointer,
            hint=_clause_hint(leaf),
        )


def _clause_hint(leaf: Leaf) -> str:
    if leaf.dimension == "segment":
        return 'A segment filter lists segment ids as numbers: `["is", "segment", [101]]`.'
    if leaf.operator in PATTERN_OPERATORS:
        return f"`{leaf.operator}` takes its patterns as text in double quotes."
    if leaf.dimension == "visit:city":
        return "List cities either all as GeoNames ids (numbers) or all as text, not both."
    return 'Write each clause as text in double quotes, numbers too: `["42"]`.'


@cites(src.API_QUERY_PARSER)
def _check_country(leaf: Leaf) -> None:
    country = leaf.dimension == "visit:country" and leaf.operator in ("is", "is_not")
    if country and any(len(code) != 2 for code in leaf.clauses):
        raise QueryError(
            COUNTRY_ERROR,
            pointer=f"{leaf.pointer}/2",
            hint="Write countries as two-letter ISO 3166-1 codes such as `DE` or `US`, or "
            "filter `visit:country_name` by name.",
        )


@mock_own(
    "The API passes patterns to its database unchanged, and a pattern the database cannot "
    "compile fails the query when it runs; the mock names the problem before that instead."
)
def _check_patterns(leaf: Leaf) -> None:
    if leaf.operator not in PATTERN_OPERATORS:
        return
    for index, pattern in enumerate(leaf.clauses):
        problem = pattern_problem(pattern)
        if problem:
            raise QueryError(
                f"Invalid filter '{inspect(leaf.filter)}'. {MOCK_PATTERN_CHECK}{problem}",
                pointer=f"{leaf.pointer}/2/{index}",
                hint="Fix the regular expression (RE2 syntax); to match a character such as "
                "`(`, `[` or `.` literally, put a backslash before it.",
            )


LEAF_RULES = (_check_types, _check_country, _check_patterns)
"""The checks of each leaf, in the order they run."""
