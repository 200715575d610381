"""The engine's dataset for the server's clock: built once, rebuilt when a site's day changes.

Rows are generated relative to each site's local today, so a server left running past
midnight (site time) needs a fresh build for ``7d`` to keep meaning the last seven days.
A pinned clock (``--now``) never changes day, so it is built exactly once. Queries run in
worker threads, so the check-and-build is locked: a day change triggers a single build.

A request may ask for another clock (``statsref.server.clock``): it gets a lazy dataset for
that clock, which builds only the days its queries read; the last few are kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from statsref.engine import Dataset
from statsref.engine.sites import SITES

log = logging.getLogger("statsref.server")

REQUESTED_CLOCKS_KEPT = 2


def site_days(now: datetime) -> tuple[date, ...]:
    """Each site's local date at ``now``: the dataset is valid while this stays the same."""
    return tuple(now.astimezone(ZoneInfo(site.timezone)).date() for site in SITES.values())


class DatasetCache:
    """Holds the current ``Dataset`` and the clock the server answers for."""

    def __init__(
        self,
        *,
        events: int,
        seed: int,
        pinned_now: datetime | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.events = events
        self.seed = seed
        self.pinned_now = pinned_now
        self._clock = clock
        self._days: tuple[date, ...] | None = None
        self._dataset: Dataset | None = None
        self._lock = threading.Lock()
        self._requested: OrderedDict[datetime, Dataset] = OrderedDict()
        self.builds = 0

    def now(self) -> datetime:
        return self.pinned_now or self._clock()

    def get(self, now: datetime) -> Dataset:
        """The dataset for ``now``, building it first when the sites' days moved on."""
        days = site_days(now)
        with self._lock:
            if self._dataset is None or days != self._days:
                self._build(now, days)
            assert self._dataset is not None
            return self._dataset

    def for_clock(self, now: datetime) -> Dataset:
        """The dataset for a clock a request asked for: the server's own when it was built for
        that very instant (today's rows end at the clock), else a lazy one for it; the most
        recent ``REQUESTED_CLOCKS_KEPT`` are kept."""
        own = self.get(self.now())
        if own.now == now:
            return own
        with self._lock:
            dataset = self._requested.pop(now, None) or Dataset.build(
                now, events=self.events, seed=self.seed, lazy=True
            )
            self._requested[now] = dataset
            while len(self._requested) > REQUESTED_CLOCKS_KEPT:
                self._requested.popitem(last=False)
            return dataset

    def _build(self, now: datetime, days: tuple[date, ...]) -> None:
        started = time.perf_counter()
        self._dataset = Dataset.build(now, events=self.events, seed=self.seed)
        self._days = days
        self.builds += 1
        log.info(
            "dataset built in %.2f s (%d events, clock %s)",
            time.perf_counter() - started,
            self.events,
            now.isoformat(),
        )
