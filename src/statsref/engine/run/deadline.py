"""The rest of a query's work budget: its turns at the dataset and the seconds they add up to.

A query works in turns (``data.turns``): its SQL statements, the batches of days a lazy
dataset builds for it, and its Python work on the fetched rows, with a checkpoint every
``CHECK_ROWS`` rows. ``Work`` adds up the time of its turns, whatever the work: once they pass
``QUERY_SECONDS`` the query is stopped, inside SQLite by a progress handler it calls every
``PROGRESS_STEPS`` virtual-machine instructions, in Python at the next checkpoint. What the
caps of ``language.budget`` cannot bound is bounded here. The query's waits for its turns add
up too: past ``WAIT_SECONDS`` it is answered ``BUSY_STATUS``, to be sent again later. The
numbers are documented on the quirks-and-limits page (``docs/guides/quirks.md``).

A caller may also say when nobody waits for the answer any more (``abandoned``: the server's
client closed its connection): such a query stops waiting for a turn, or stops working, at
the next look, so a client that leaves frees the dataset for the others.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

from ..data.turns import Share, Turns, never
from ..language.budget import SHARED
from ..language.errors import QueryError
from ..language.evidence import mock_own

QUERY_SECONDS = 1.5
"""Time a query may work at the dataset: the sum of its turns."""
WAIT_SECONDS = 5.0
"""Time a query may wait for its turns, in all."""
PROGRESS_STEPS = 10_000
"""SQLite instructions between two looks at the clock (a thousand rows or so: 1,000 made the
example corpus 3% slower for no useful precision)."""
CHECK_ROWS = 256
"""Rows of Python work between two checkpoints (a few milliseconds)."""
BUSY_STATUS = 503
RETRY_AFTER_SECONDS = 1
"""What a server tells a query answered ``BUSY_STATUS`` to wait before it is sent again."""
GONE_STATUS = 499
"""The status of a query whose client left before the answer (nginx's "client closed
request"): only the server's access log ever shows it."""
GONE = "The client closed the connection before the answer was ready."

Item = TypeVar("Item")


def too_slow(seconds: float) -> str:
    """The message of a query stopped at its deadline."""
    return (
        f"The query needs more than {seconds:g} s of work on the mock's dataset, the limit "
        "for one query. Use a shorter date_range, fewer dimensions or simpler filters."
    )


def still_building(seconds: float) -> str:
    """The message of a query whose rows took more than its budget to build."""
    return (
        f"The mock needs more than {seconds:g} s to build the rows this query reads under "
        "this clock. What it built is kept: send the query again to continue."
    )


def busy(seconds: float) -> str:
    """The message of a query that waited too long for its turns."""
    return (
        f"The mock is busy: this query waited more than {seconds:g} s in all for its turns at "
        "the dataset, the limit. Send it again in a moment."
    )


@mock_own(SHARED + "a query that needs more time than its share is stopped.")
def deadline(spent: float, seconds: float = QUERY_SECONDS) -> None:
    """Stop a query whose turns at the dataset add up to more than ``seconds``: SQL, building
    and Python work alike (``QueryError``, 400, ``too_slow``)."""
    if spent > seconds:
        raise QueryError(too_slow(seconds))


class Work:
    """One query's work, done for ``share`` in turns of ``turns``: ``with Work(...)`` takes the
    first turn and gives the last one back. ``seconds``: its budget of work (by default
    ``QUERY_SECONDS``); ``wait``: of waiting (``WAIT_SECONDS``)."""

    def __init__(
        self,
        turns: Turns,
        share: Share | None = None,
        *,
        seconds: float | None = None,
        wait: float | None = None,
        abandoned: Callable[[], bool] = never,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.turns = turns
        self.share = share or Share()
        self.seconds = QUERY_SECONDS if seconds is None else seconds
        self.abandoned = abandoned
        self.wait = WAIT_SECONDS if wait is None else wait
        self._wait_left = self.wait
        self._clock = clock
        self._worked = 0.0
        self._since: float | None = None

    def __enter__(self) -> Work:
        self._take()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._since is not None:
            self._give()

    def spent(self) -> float:
        """Seconds of the query's turns so far, the one under way included."""
        current = 0.0 if self._since is None else self._clock() - self._since
        return self._worked + current

    def checkpoint(self) -> None:
        """Stop the query past its budget or once its client has left; give the turn to a
        share that should go first, and wait for the next one."""
        self._check_gone()
        deadline(self.spent(), self.seconds)
        if self.turns.should_give_way(self.share):
            self._give()
            self._take()

    def build_checkpoint(self) -> None:
        """A checkpoint between two batches of a lazy build: past the budget the query is
        answered ``BUSY_STATUS`` (``still_building``), since the next try gets further."""
        try:
            self.checkpoint()
        except QueryError as error:
            if error.status != 400:
                raise
            raise QueryError(still_building(self.seconds), status=BUSY_STATUS) from None

    def paced(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items``, with a checkpoint before each ``CHECK_ROWS``."""
        for index, item in enumerate(items):
            if index % CHECK_ROWS == 0:
                self.checkpoint()
            yield item

    def fetch(self, db: sqlite3.Connection, sql: str, params: list[Any]) -> list[tuple]:
        """The rows of one statement on ``db``, which SQLite stops once the budget is spent
        or the client has left; a checkpoint follows."""
        expired = gone = False

        def stop() -> bool:
            nonlocal expired, gone
            gone = self.abandoned()
            expired = self.spent() > self.seconds
            return gone or expired

        db.set_progress_handler(stop, PROGRESS_STEPS)
        try:
            rows = db.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            if gone:
                raise QueryError(GONE, status=GONE_STATUS) from None
            if not expired:
                raise
            raise QueryError(too_slow(self.seconds)) from None
        finally:
            db.set_progress_handler(None, 0)
        self.checkpoint()
        return rows

    def _check_gone(self) -> None:
        if self.abandoned():
            raise QueryError(GONE, status=GONE_STATUS)

    def _take(self) -> None:
        started = self._clock()
        taken = self.turns.take(
            self.share, deadline=started + self._wait_left, abandoned=self.abandoned
        )
        now = self._clock()
        self._wait_left -= now - started
        if not taken:
            self._check_gone()
            raise QueryError(busy(self.wait), status=BUSY_STATUS)
        self._since = now

    def _give(self) -> None:
        assert self._since is not None
        self._worked += self._clock() - self._since
        self._since = None
        self.turns.give(self.share)
