"""The rest of a query's work budget: the wait for the dataset and a deadline while it runs.

Queries share one SQLite connection (``data.Dataset.lock``). The deadline bounds what the caps
of ``language.budget`` cannot: SQLite calls a progress handler every ``PROGRESS_STEPS``
virtual-machine instructions, and a query still running when its time is up stops there. The
numbers are documented on the quirks-and-limits page (``docs/guides/quirks.md``).

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

from ..language.budget import SHARED
from ..language.errors import QueryError
from ..language.evidence import mock_own

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


@mock_own(SHARED + "a query that needs more time than its share is stopped.")
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
