"""The clock a query is answered under: the server's own, or the one a request asks for.

The playground runs an example under the examples' pinned clock in the browser, and asks this
server for the same clock with the ``X-Statsref-Clock`` header, so both runners agree. The
header only chooses which (synthetic) day is "today" for that request: it is accepted as an
ISO 8601 instant with an offset, in a bounded range of years, and costs at most the days the
query reads (see ``DatasetCache.for_clock``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .errors import ApiError

CLOCK_HEADER = "X-Statsref-Clock"
YEARS = range(2000, 2101)


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
