"""The clock a query is answered under: the server's own, or the one a request asks for.

The playground runs an example under the examples' pinned clock in the browser, and asks this
server for the same clock with the ``X-Statsref-Clock`` header, so both runners agree. The
header only chooses which (synthetic) day is "today" for that request: it is accepted as an
ISO 8601 instant with an offset, in a bounded range of years, and costs at most the days the
query reads (see ``DatasetCache.for_clock``): up to about 1.5 s of generation for a site's whole
history. ``ClockBudget`` keeps a stream of ever-new clocks from becoming a stream of builds.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime

from .errors import ApiError

CLOCK_HEADER = "X-Statsref-Clock"
YEARS = range(2000, 2101)
NEW_CLOCKS_PER_MINUTE = 6
"""Datasets for clocks not seen before that one server starts per minute; a reader's playground
uses one or two (the examples' clock, and now when they switch to it)."""


def requested_clock(headers: Mapping[str, str]) -> datetime | None:
    """The clock the request asks for, or None; a malformed one is a 400."""
    value = headers.get(CLOCK_HEADER)
    if value is None:
        return None
    try:
        clock = datetime.fromisoformat(value.strip())
    except ValueError:
        clock = None
    if clock is None or clock.tzinfo is None or clock.year not in YEARS:
        raise ApiError(
            400,
            f"{CLOCK_HEADER} must be an ISO 8601 instant with an offset between the years "
            f"{YEARS.start} and {YEARS.stop - 1}, such as 2026-11-02T14:30:00+00:00.",
        )
    return clock


class ClockBudget:
    """A sliding minute of new-clock datasets: ``admit`` refuses with a 429 past the budget."""

    def __init__(
        self,
        per_minute: int = NEW_CLOCKS_PER_MINUTE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self._monotonic = monotonic
        self._started: deque[float] = deque()
        self._lock = threading.Lock()

    def admit(self) -> None:
        now = self._monotonic()
        with self._lock:
            while self._started and now - self._started[0] >= 60:
                self._started.popleft()
            if len(self._started) >= self.per_minute:
                wait = math.ceil(60 - (now - self._started[0]))
                raise ApiError(
                    429,
                    f"{CLOCK_HEADER}: this server already answered {self.per_minute} new clocks "
                    f"in the last minute; retry in {wait} s, or send no {CLOCK_HEADER}.",
                    {"Retry-After": str(wait)},
                )
            self._started.append(now)
