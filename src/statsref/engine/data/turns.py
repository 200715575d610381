"""Turns at the dataset: one piece of work at a time, the least served client first.

Queries and lazy builds work on one SQLite connection and, in CPython, under one interpreter
lock, so they take turns. A turn covers a step of work: an SQL statement and the fetch of its
rows, a batch of days a lazy build adds, or Python work on fetched rows up to its next
checkpoint. Each query works for a client's ``Share``, which remembers how much work the client
had done lately; a free turn goes to the waiting share that has done the least, and among
equals to the one that has waited longest. A share new to the turns starts level with the
least served share around, not below everyone: a client coming from a fresh address does not
get ahead of those already waiting. A query holding the turn gives way at its next
checkpoint once it has held it for ``QUANTUM`` and a share with less work waits. So whoever
loops on heavy queries takes turns with everyone else, and a light query waits for at most
one step of another: an SQL statement, or a ``QUANTUM`` of Python.

Waiting has a bound: ``Turns.take`` gives up once its ``deadline`` (a ``time.monotonic``
instant) passes, and returns ``False``. One ``Turns`` serves every dataset of the process
(``TURNS``), so the datasets of several clocks take turns too: one build at a time.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

HALF_LIFE_SECONDS = 10.0
"""How fast a share forgets its work: seconds of work done count half this much later."""
QUANTUM = 0.05
"""Seconds a query holds the turn before it gives way to a share that has done less."""
LOOK_SECONDS = 0.1
"""How often a waiting query looks whether its client is still there."""


def never() -> bool:
    return False


class Share:
    """One client's recent work at the dataset: seconds of turns, halving every
    ``HALF_LIFE_SECONDS``. ``Turns`` reads and charges it under its own lock."""

    def __init__(self) -> None:
        self._seconds = 0.0
        self._at = 0.0
        self.new = True

    def work(self, now: float) -> float:
        """The share's recent work at ``now`` (a ``time.monotonic`` instant)."""
        return self._seconds * 0.5 ** ((now - self._at) / HALF_LIFE_SECONDS)

    def rank(self, extra: float = 0.0, now: float = 0.0) -> float:
        """Orders shares by recent work whatever the instant they are compared at (all decay
        alike): the log of the work, moved to a common origin. ``extra``: seconds of a turn
        under way at ``now``, counted too."""
        seconds, at = (self.work(now) + extra, now) if extra else (self._seconds, self._at)
        return -math.inf if seconds <= 0 else math.log2(seconds) + at / HALF_LIFE_SECONDS

    def charge(self, seconds: float, now: float) -> None:
        self._seconds = self.work(now) + seconds
        self._at = now
        self.new = False


@dataclass
class _Waiter:
    arrival: int
    share: Share
    woken: threading.Condition
    """Notified when the turn may be this waiter's: only the first in line is woken, so a
    turn given back wakes one thread, not every waiting one."""

    def order(self) -> tuple[float, int]:
        return self.share.rank(), self.arrival


class Turns:
    """The turn at the datasets of one process (see the module's docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._holder: Share | None = None
        self._since = 0.0
        self._waiting: list[_Waiter] = []
        self._arrivals = itertools.count()

    def take(
        self,
        share: Share,
        *,
        deadline: float = float("inf"),
        abandoned: Callable[[], bool] = never,
    ) -> bool:
        """Wait for the turn; ``False`` when ``deadline`` passes first or ``abandoned()``
        turns true (the query then does not hold the turn)."""
        with self._lock:
            if share.new:
                now = self._clock()
                share.charge(min((s.work(now) for s in self._around()), default=0.0), now)
            waiter = _Waiter(next(self._arrivals), share, threading.Condition(self._lock))
            self._waiting.append(waiter)
            try:
                while self._holder is not None or self._first() is not waiter:
                    left = deadline - self._clock()
                    if left <= 0 or abandoned():
                        return False
                    waiter.woken.wait(min(left, LOOK_SECONDS))
                self._holder, self._since = share, self._clock()
                return True
            finally:
                self._waiting.remove(waiter)
                self._wake_first()

    @contextmanager
    def hold(self, share: Share | None = None) -> Iterator[None]:
        """The turn for a block of work outside a query, waited for without a bound."""
        share = share or Share()
        self.take(share)
        try:
            yield
        finally:
            self.give(share)

    def _around(self) -> list[Share]:
        """The shares holding or waiting for a turn."""
        holder = [] if self._holder is None else [self._holder]
        return holder + [waiter.share for waiter in self._waiting]

    def _first(self) -> _Waiter:
        return min(self._waiting, key=_Waiter.order)

    def give(self, share: Share) -> None:
        """End ``share``'s turn and charge it the time it held it."""
        with self._lock:
            assert self._holder is share, "a turn given back by a share that does not hold it"
            now = self._clock()
            share.charge(now - self._since, now)
            self._holder = None
            self._wake_first()

    def _wake_first(self) -> None:
        """Wake the waiter whose turn it is, if the turn is free (the caller holds the lock)."""
        if self._holder is None and self._waiting:
            self._first().woken.notify()

    def waiting(self) -> int:
        """How many queries wait for a turn."""
        with self._lock:
            return len(self._waiting)

    def should_give_way(self, share: Share) -> bool:
        """Whether ``share``, holding the turn, has held it for ``QUANTUM`` while a share
        that has done less work waits."""
        with self._lock:
            now = self._clock()
            if self._holder is not share or now - self._since < QUANTUM or not self._waiting:
                return False
            return self._first().share.rank() < share.rank(now - self._since, now)


TURNS = Turns()
"""The turns of this process's datasets."""
