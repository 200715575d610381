"""The work budget of one query, the part checked before it runs: caps on what it asks for.

Queries share one SQLite connection, so one expensive query makes every other wait (on the
server) or freezes the tab (in the playground). The caps bound what a query may ask for;
they are checked on the parsed query, after segments are expanded and the API's hostname
copies added, so they count what will run, and each is refused with a 400 naming its limit.
The rest of the budget, the deadline while it runs, is ``run.deadline``. The numbers are
documented on the quirks-and-limits page (``docs/guides/quirks.md``).
"""

from __future__ import annotations

from . import timebuckets
from .errors import QueryError
from .evidence import mock_own
from .filter_tree import PATTERN_OPERATORS, Leaf, leaves
from .query import Query
from .regex import TooLarge, program_size

MAX_RANGE_DAYS = 5_000
"""Days a resolved date range may cover: as many as the longest ``Nd`` the API accepts."""
MAX_TIME_BUCKETS = 10_000
"""Buckets a time dimension may split the range into, as many as a page has rows."""
MAX_FILTERS = 50
"""Filter conditions (leaves) in the whole filter tree."""
MAX_CLAUSES = 1_000
"""Clauses summed over every filter."""
MAX_REGEX_STATES = 1_000
"""NFA states the distinct ``matches`` patterns of a query compile to, together. A state is
about one character, class or anchor; a counted repeat counts its body once per repetition.
Searching a value costs at most its length times this."""


def check_budget(query: Query, *, pointers: bool) -> None:
    """Raise ``QueryError`` when ``query`` asks for more than a cap allows. ``pointers``: the
    query's filters are those of the body, so leaf pointers are true (no segment expanded)."""
    _check_range(query)
    _check_buckets(query)
    _check_filters(list(leaves(query.filters)), pointers)


SHARED = "Queries share one dataset (a server's connection, or the reader's tab); "


@mock_own(SHARED + "the range is capped at as many days as the longest `Nd` the API accepts.")
def _check_range(query: Query) -> None:
    days = (query.date_range.last.date() - query.date_range.first.date()).days + 1
    if days > MAX_RANGE_DAYS:
        raise QueryError(
            f"#/date_range: The range covers {days} days; the limit is {MAX_RANGE_DAYS}.",
            pointer="/date_range",
            hint=f"Ask for at most {MAX_RANGE_DAYS} days, in several queries if need be.",
        )


@mock_own(SHARED + "a time dimension may split the range into as many buckets as a page has rows.")
def _check_buckets(query: Query) -> None:
    for index, dim in enumerate(query.dimensions):
        if not timebuckets.is_time(dim):
            continue
        count = timebuckets.bucket_count(dim, query.date_range)
        if count > MAX_TIME_BUCKETS:
            raise QueryError(
                f"#/dimensions/{index}: {dim} splits the range into {count} buckets; the "
                f"limit is {MAX_TIME_BUCKETS}. Use a shorter date_range or a longer bucket.",
                pointer=f"/dimensions/{index}",
                hint="Shorten the `date_range`, or count by a longer bucket such as `time:week` "
                "or `time:month`.",
            )


@mock_own(SHARED + "filter conditions, clauses and regex states are capped.")
def _check_filters(found: list[Leaf], pointers: bool) -> None:
    if len(found) > MAX_FILTERS:
        raise _filters_error(f"{len(found)} filter conditions", MAX_FILTERS)
    clauses = sum(len(leaf.clauses) for leaf in found)
    if clauses > MAX_CLAUSES:
        raise _filters_error(f"{clauses} clauses", MAX_CLAUSES)
    _check_patterns(found, pointers)


def _filters_error(what: str, limit: int) -> QueryError:
    return QueryError(
        f"#/filters: The filters hold {what}, counting expanded segments; the limit is {limit}.",
        pointer="/filters",
        hint="Use fewer filters and clauses: one `matches` pattern can stand for many clauses.",
    )


def _check_patterns(found: list[Leaf], pointers: bool) -> None:
    """Compile each distinct pattern with what is left of the budget: the work stops as soon
    as the budget is spent, whatever the patterns."""
    states = 0
    seen: set[str] = set()
    for leaf in found:
        if leaf.operator not in PATTERN_OPERATORS:
            continue
        for index, pattern in enumerate(leaf.clauses):
            if pattern in seen:
                continue
            seen.add(pattern)
            pointer = f"{leaf.pointer}/2/{index}" if pointers else "/filters"
            try:
                states += program_size(pattern, MAX_REGEX_STATES - states)
            except TooLarge:
                raise QueryError(
                    f"#{pointer}: The patterns of the query compile to more than "
                    f"{MAX_REGEX_STATES} regex states, the limit. Use fewer or shorter "
                    "patterns, or smaller counted repeats.",
                    pointer=pointer,
                    hint="Shorten the patterns, or replace a counted repeat such as `a{500}` by "
                    "`a+`.",
                ) from None
            except ValueError as error:
                raise QueryError(
                    f"#{pointer}: The mock cannot run this pattern: {error}.",
                    pointer=pointer,
                    hint="Rewrite the pattern without that construct (patterns run as RE2 runs "
                    "them: no lookaround, no backreferences).",
                ) from None


CHECKS = (_check_range, _check_buckets, _check_filters)
"""The caps, in the order ``check_budget`` applies them."""
