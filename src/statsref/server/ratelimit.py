"""Per-key request limits in fixed one-hour windows, as the real API counts them.

Every response to an authorised key carries ``X-RateLimit-Limit``, ``X-RateLimit-Remaining``
and ``X-RateLimit-Reset`` (Unix time the window ends); a refused request also gets
``Retry-After`` (seconds). A limit of 0 turns limiting off.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from .errors import ApiError

WINDOW_SECONDS = 3600


def too_many_requests(limit: int) -> str:
    """The real API's 429 text, with the configured limit in place of its default 600."""
    return (
        f"Too many API requests. Your API key is limited to {limit} requests per hour. "
        "Please contact us to request more capacity."
    )


class RateLimiter:
    """Counts requests per key; ``hit`` raises ``ApiError`` 429 once a window is used up."""

    def __init__(self, limit: int, *, clock: Callable[[], float] = time.time) -> None:
        self.limit = limit
        self._clock = clock
        self._windows: dict[str, tuple[int, int]] = {}  # key -> (window index, count)

    def hit(self, key: str) -> dict[str, str]:
        if self.limit == 0:
            return {}
        now = self._clock()
        window = int(now // WINDOW_SECONDS)
        current, count = self._windows.get(key, (window, 0))
        count = count + 1 if current == window else 1
        self._windows[key] = (window, count)
        reset = (window + 1) * WINDOW_SECONDS
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(self.limit - count, 0)),
            "X-RateLimit-Reset": str(reset),
        }
        if count > self.limit:
            headers["Retry-After"] = str(max(math.ceil(reset - now), 1))
            raise ApiError(429, too_many_requests(self.limit), headers)
        return headers
