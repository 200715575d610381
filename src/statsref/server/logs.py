"""Log lines nobody can forge, and warnings that cannot flood the disk.

``printable`` escapes what a client controls (a path may hold a ``%0a``) before it goes into
a line. ``OncePerCause`` lets one warning or error through per cause and interval: a cause is
the logger, the message template and the exception type, so a client that triggers the same
failure thousands of times a second (or a server out of file descriptors, whose event loop
reports every failed ``accept``) writes one line a minute, with a count of the rest.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"
INTERVAL_SECONDS = 60.0
MAX_CAUSES = 1_000
"""Causes remembered; past it the filter starts afresh (a message built without a template
would otherwise make every line a cause of its own)."""

Cause = tuple[str, object, str]


def printable(text: str) -> str:
    """``text`` with every non-printable character (newlines, escapes, ...) written as a
    Python escape, so one request is always one line."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


class OncePerCause(logging.Filter):
    """Passes every record below WARNING, and the first of each cause per interval."""

    def __init__(
        self,
        interval: float = INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.interval = interval
        self._clock = clock
        self._seen: dict[Cause, tuple[float, int]] = {}  # cause -> (last passed, suppressed)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc_type = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
        cause = (record.name, record.msg, exc_type)
        now = self._clock()
        if len(self._seen) >= MAX_CAUSES:
            self._seen.clear()
        last, suppressed = self._seen.get(cause, (None, 0))
        if last is not None and now - last < self.interval:
            self._seen[cause] = (last, suppressed + 1)
            return False
        self._seen[cause] = (now, 0)
        if suppressed:
            record.msg = (
                f"{record.getMessage()} ({suppressed} more like it in the last "
                f"{self.interval:g} s were not logged)"
            )
            record.args = None
        return True


def configure(level: int = logging.INFO) -> None:
    """Root logging for ``statsref serve``, unless the process has set it up already (as
    ``logging.basicConfig`` does): one format for ours, uvicorn's and asyncio's lines (uvicorn
    runs without a logging config of its own), through one deduplicating handler."""
    root = logging.getLogger()
    if root.handlers:
        return
    logging.basicConfig(level=level, format=LOG_FORMAT)
    root.handlers[0].addFilter(OncePerCause())
