"""The clock a query is answered under: the server's own, or the one a request asks for.

The playground runs an example under the examples' pinned clock in the browser, and asks this
server for the same clock with the ``X-Statsref-Clock`` header, so both runners agree. The
header only chooses which (synthetic) day is "today" for that request: it is accepted as an
ISO 8601 instant with an offset, in a bounded range of years, and costs at most the days the
query reads (see ``DatasetCache.for_clock``), built within the query's own work budget.
``ClockBudget`` keeps a client's stream of ever-new clocks from becoming a stream of builds;
the examples' clock, which the served site names (``examples_clock``), is never counted.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Mapping
from datetime import datetime
from pathlib import Path

from statsref.files import FileError, read_file

from .errors import ApiError

CLOCK_HEADER = "X-Statsref-Clock"
YEARS = range(2000, 2101)
NEW_CLOCKS_PER_MINUTE = 6
"""Datasets for clocks not seen before that one client may start per minute; a reader's
playground uses one or two (the examples' clock, and now when they switch to it)."""
CLIENTS_KEPT = 10_000
"""Clients whose new clocks are remembered at most (the least recent are forgotten)."""
EDITOR_DATA = Path("assets") / "editor.json"
"""Where a built site names the examples' clock (``statsref.docsgen.editor_data``)."""
EDITOR_DATA_BYTES = 1024 * 1024


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


def examples_clock(site_dir: Path | None) -> datetime | None:
    """The examples' clock the built site in ``site_dir`` runs its examples under, if any."""
    if site_dir is None:
        return None
    try:
        data = json.loads(read_file(site_dir / EDITOR_DATA, EDITOR_DATA_BYTES))
        return datetime.fromisoformat(data["clock"])
    except (FileError, ValueError, TypeError, KeyError, RecursionError):
        return None


class ClockBudget:
    """A sliding minute of new-clock datasets per client: ``admit`` refuses with a 429 once
    the client has started ``per_minute`` of them."""

    def __init__(
        self,
        per_minute: int = NEW_CLOCKS_PER_MINUTE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_minute = per_minute
        self._monotonic = monotonic
        self._started: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def admit(self, client: Hashable = None) -> None:
        now = self._monotonic()
        with self._lock:
            started = self._started.pop(client, None) or deque()
            self._started[client] = started
            if len(self._started) > CLIENTS_KEPT:
                self._started.popitem(last=False)
            while started and now - started[0] >= 60:
                started.popleft()
            if len(started) >= self.per_minute:
                wait = math.ceil(60 - (now - started[0]))
                raise ApiError(
                    429,
                    f"{CLOCK_HEADER}: you already asked for {self.per_minute} new clocks in the "
                    f"last minute; retry in {wait} s, or send no {CLOCK_HEADER}.",
                    {"Retry-After": str(wait)},
                )
            started.append(now)
