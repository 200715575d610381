"""The engine's dataset for the server's clock: built once, rebuilt when a site's day changes.

Rows are generated relative to each site's local today, so a server left running past
midnight (site time) needs a fresh build for ``7d`` to keep meaning the last seven days.
That build takes seconds, so it runs in a background thread while queries keep getting the
current dataset, and is swapped in when done: no query waits for it (the first query after
midnight once waited 2 to 3 s, and every other query behind it). A pinned clock (``--now``)
never changes day, so it is built exactly once, before the server starts answering.

A lazy cache (``statsref serve --lazy-dataset``, the test fixtures of ``statsref.testing``)
starts at once instead: its datasets build each site's days when a query first reads them
(the same rows), so the first query of a range pays for its days.

A request may ask for another clock (``statsref.server.clock``): it gets a lazy dataset for
that clock, which builds only the days its queries read, within their work budgets; the
examples' clock is always kept, and the last few others.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from statsref.engine import Dataset, SiteSet, demo_sites

from .clock import ClockBudget

log = logging.getLogger("statsref.server")

REQUESTED_CLOCKS_KEPT = 2


def site_days(now: datetime, sites: SiteSet) -> tuple[date, ...]:
    """Each site's local date at ``now`` (of those with data): the dataset is valid while
    this stays the same."""
    traffic = sites.traffic()
    zones = [spec.template.timezone for spec in sites.specs if spec.template.domain in traffic]
    return tuple(now.astimezone(ZoneInfo(zone)).date() for zone in zones)


class DatasetCache:
    """Holds the current ``Dataset`` and the clock the server answers for. ``build`` makes a
    dataset (``Dataset.build``; tests pass a slower one), all at once unless ``lazy``."""

    def __init__(
        self,
        *,
        events: int | None,
        seed: int,
        sites: SiteSet | None = None,
        pinned_now: datetime | None = None,
        lazy: bool = False,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        build: Callable[..., Dataset] = Dataset.build,
        new_clocks: ClockBudget | None = None,
    ) -> None:
        self.events = events
        self.seed = seed
        self.sites = sites or demo_sites()
        self.pinned_now = pinned_now
        self.lazy = lazy
        self._clock = clock
        self._build = build
        self._days: tuple[date, ...] | None = None
        self._dataset: Dataset | None = None
        self._next: threading.Thread | None = None
        self._lock = threading.Lock()
        self._requested: OrderedDict[datetime, Dataset] = OrderedDict()
        self._kept: dict[datetime, Dataset | None] = {}
        self._new_clocks = new_clocks or ClockBudget()
        self.builds = 0

    def now(self) -> datetime:
        return self.pinned_now or self._clock()

    def get(self, now: datetime) -> Dataset:
        """The dataset for ``now``: the first is built on the spot; when the sites' days have
        moved on, the current one is returned while the next is built in the background."""
        days = site_days(now, self.sites)
        with self._lock:
            if self._dataset is None:
                self._swap_in(self._made(now), days)
            elif days != self._days and self._next is None:
                self._next = threading.Thread(
                    target=self._build_next, args=(now, days), name="dataset-build", daemon=True
                )
                self._next.start()
            assert self._dataset is not None
            return self._dataset

    def keep(self, clock: datetime) -> None:
        """Always keep the dataset of ``clock`` (the examples'), and never count it against
        a client's ``ClockBudget``."""
        with self._lock:
            self._kept.setdefault(clock, None)

    def for_clock(self, now: datetime, client: Hashable = None) -> Dataset:
        """The dataset for a clock a request asked for: the server's own when it was built for
        that very instant (today's rows end at the clock), else a lazy one for it: the kept
        ones (``keep``), and the most recent ``REQUESTED_CLOCKS_KEPT`` others. A clock of
        neither counts against ``client``'s ``ClockBudget`` (an ``ApiError`` 429 past it)."""
        own = self.get(self.now())
        if own.now == now:
            return own
        with self._lock:
            if now in self._kept:
                kept = self._kept[now] or self._lazy(now)
                self._kept[now] = kept
                return kept
            dataset = self._requested.pop(now, None)
            if dataset is None:
                self._new_clocks.admit(client)
                dataset = self._lazy(now)
            self._requested[now] = dataset
            while len(self._requested) > REQUESTED_CLOCKS_KEPT:
                self._requested.popitem(last=False)
            return dataset

    def _lazy(self, now: datetime) -> Dataset:
        return Dataset.build(now, events=self.events, seed=self.seed, lazy=True, sites=self.sites)

    def wait_for_next(self, timeout: float | None = None) -> None:
        """Block until a background build under way (if any) is swapped in."""
        building = self._next
        if building is not None:
            building.join(timeout)

    def _build_next(self, now: datetime, days: tuple[date, ...]) -> None:
        try:
            dataset = self._made(now)
        except Exception:
            log.exception("dataset build failed; the current dataset keeps answering")
            dataset = None
        with self._lock:
            if dataset is not None:
                self._swap_in(dataset, days)
            self._next = None

    def _swap_in(self, dataset: Dataset, days: tuple[date, ...]) -> None:
        self._dataset, self._days = dataset, days
        self.builds += 1

    def _made(self, now: datetime) -> Dataset:
        started = time.perf_counter()
        dataset = self._build(
            now, events=self.events, seed=self.seed, lazy=self.lazy, sites=self.sites
        )
        log.info(
            "dataset %s in %.2f s (%s, clock %s)",
            "set up (each site's days are built when a query first reads them)"
            if self.lazy
            else "built",
            time.perf_counter() - started,
            f"{self.events} events" if self.events else dataset.origin,
            now.isoformat(),
        )
        return dataset
