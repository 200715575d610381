"""The work budget of one query: caps checked before it runs, and a deadline while it runs.

Queries share one SQLite connection, so one expensive query makes every other wait (on the
server) or freezes the tab (in the playground). The caps bound what a query may ask for;
they are checked on the parsed query, after segments are expanded and the API's hostname
copies added, so they count what will run, and each is refused with a 400 naming its limit.
The deadline bounds the rest: SQLite calls a progress handler every ``PROGRESS_STEPS``
virtual-machine instructions, and a query still running when its time is up stops there.
The numbers are documented on the quirks-and-limits page (``docs/guides/quirks.md``).

A caller may also say when nobody waits for the answer any more (``abandoned``: the server's
client closed its connection): such a query stops waiting for the connection, or stops
running, at the next look, so a client that leaves frees the dataset for the others.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
QUERY_SECONDS = 1.5
"""Time a query may spend on the dataset, from the moment it has the connection."""
PROGRESS_STEPS = 10_000
"""SQLite instructions between two looks at the clock (a thousand rows or so: 1,000 made the
example corpus 3% slower for no useful precision)."""
WAIT_STEP_SECONDS = 0.1
"""How often a query waiting for the connection looks whether its client is still there."""
GONE_STATUS = 499
"""The status of a query whose client left before the answer (nginx's "client closed
request"): only the server's access log ever shows it."""
GONE = "The client closed the connection before the answer was ready."


def never() -> bool:
    return False


def too_slow(seconds: float) -> str:
    """The message of a query stopped at its deadline."""
    return (
        f"The query needs more than {seconds:g} s of work on the mock's dataset, the limit "
        "for one query. Use a shorter date_range, fewer dimensions or simpler filters."
    )


def check_budget(query: Query, *, pointers: bool) -> None:
    """Raise ``QueryError`` when ``query`` asks for more than a cap allows. ``pointers``: the
    query's filters are those of the body, so leaf pointers are true (no segment expanded)."""
    _check_range(query)
    _check_buckets(query)
    _check_filters(list(leaves(query.filters)), pointers)


_SHARED = "Queries share one dataset (a server's connection, or the reader's tab); "


@mock_own(_SHARED + "the range is capped at as many days as the longest `Nd` the API accepts.")
def _check_range(query: Query) -> None:
    days = (query.date_range.last.date() - query.date_range.first.date()).days + 1
    if days > MAX_RANGE_DAYS:
        raise QueryError(
            f"#/date_range: The range covers {days} days; the limit is {MAX_RANGE_DAYS}.",
            pointer="/date_range",
        )


@mock_own(_SHARED + "a time dimension may split the range into as many buckets as a page has rows.")
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
            )


@mock_own(_SHARED + "filter conditions, clauses and regex states are capped.")
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
                ) from None
            except ValueError as error:
                raise QueryError(
                    f"#{pointer}: The mock cannot run this pattern: {error}.", pointer=pointer
                ) from None


@contextmanager
def connection(lock: threading.Lock, abandoned: Callable[[], bool] = never) -> Iterator[None]:
    """Hold the dataset's connection; a query whose client has gone stops waiting for it
    (``QueryError`` with ``GONE_STATUS``)."""
    while not lock.acquire(timeout=WAIT_STEP_SECONDS):
        if abandoned():
            raise QueryError(GONE, status=GONE_STATUS)
    try:
        yield
    finally:
        lock.release()


@mock_own(_SHARED + "a query that needs more time than its share is stopped.")
@contextmanager
def deadline(
    db: sqlite3.Connection, seconds: float = QUERY_SECONDS, abandoned: Callable[[], bool] = never
) -> Iterator[None]:
    """Stop every statement run on ``db`` inside the block once ``seconds`` have passed, or
    once nobody waits for the answer; the block then raises ``QueryError`` (400,
    ``too_slow``; or ``GONE_STATUS``)."""
    ends = time.monotonic() + seconds
    expired = gone = False

    def stop() -> bool:
        nonlocal expired, gone
        expired = time.monotonic() > ends
        gone = abandoned()
        return expired or gone

    db.set_progress_handler(stop, PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError:
        if gone:
            raise QueryError(GONE, status=GONE_STATUS) from None
        if not expired:
            raise
        raise QueryError(too_slow(seconds)) from None
    finally:
        db.set_progress_handler(None, 0)


CHECKS = (_check_range, _check_buckets, _check_filters, deadline)
"""The caps, in the order ``check_budget`` applies them, and the deadline."""
