"""Connection guards uvicorn lacks: a deadline for receiving each request, and a cap on open
connections that sheds the idlest one first.

uvicorn's keep-alive timeout only runs between requests and any byte received cancels it, so
a client that sends half a request, or nothing, holds its connection (and a file descriptor)
for ever; its ``limit_concurrency`` answers 503 only once a request's headers are complete.
``statsref serve`` therefore runs uvicorn's own h11 protocol, subclassed here:

- a request's headers and body must arrive within ``REQUEST_SECONDS`` of the connection's
  opening or of the previous answer; past that the connection gets a 408 (nothing, if it
  sent nothing) and is closed. A request fully received is the app's, however long it takes;
- at ``MAX_CONNECTIONS`` open connections (fewer when the process may open fewer files), a
  new one displaces the connection that has waited longest for a request to arrive; only
  when every connection has a request in progress is the new one answered 503 and closed.

Both answers are written straight to the socket, as JSON like every other error. A 408 comes
after the server has read everything the client sent, so the socket closes at once; a 503
comes before, so the socket is shut for writing and closed ``LINGER_SECONDS`` later and the
client reads the answer rather than a reset (for at most a quarter of the cap at a time, so
refused connections cannot hold file descriptors either).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, ClassVar

from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_SECONDS = 10.0
"""Time a request's headers and body have to arrive."""
MAX_CONNECTIONS = 1_000
"""Open connections at most."""
RETRY_AFTER_SECONDS = 1
LINGER_SECONDS = 1.0
"""How long a refused connection stays open for the client to read its 503."""


def connection_cap(wanted: int = MAX_CONNECTIONS) -> int:
    """``wanted``, or half the process's file-descriptor limit when that is lower, so that the
    cap holds before ``accept`` starts failing."""
    try:
        import resource
    except ImportError:  # not a POSIX system
        return wanted
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft // 2))


def accept_backlog(cap: int) -> int:
    """The listen backlog for a connection cap. asyncio accepts up to a backlog's worth of
    sockets at a time before any of them reaches the guard, so it must be a fraction of the
    cap for the cap to hold before the file descriptors run out."""
    return max(16, cap // 8)


def canned_response(status: int, reason: str, message: str, *headers: str) -> bytes:
    """A complete HTTP/1.1 answer with an API-style JSON body, closing the connection."""
    body = json.dumps({"error": message}).encode()
    head = [
        f"HTTP/1.1 {status} {reason}",
        "content-type: application/json",
        f"content-length: {len(body)}",
        "connection: close",
        *headers,
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with the guards above; ``guarded_protocol`` sets the limits."""

    max_connections: ClassVar[int] = MAX_CONNECTIONS
    request_seconds: ClassVar[float] = REQUEST_SECONDS
    waiting: ClassVar[dict[GuardedH11Protocol, None]] = {}
    """The connections waiting for a request, longest-waiting first (a dict keeps insertion
    order and removes in constant time, so a full server finds the idlest at once)."""
    lingering: ClassVar[set[GuardedH11Protocol]] = set()
    """Refused connections left open for their client to read the 503."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._refused = False
        self._answered = False
        self._timer: asyncio.TimerHandle | None = None
        self._bytes_waited = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        if len(self.connections) >= self.max_connections and not self._displace_idlest():
            self._refused = True
            self.transport = transport
            linger = len(self.lingering) < self.max_connections // 4
            self._answer_and_close(self._busy(), linger=linger)
            return
        super().connection_made(transport)
        self._wait_for_request()

    def data_received(self, data: bytes) -> None:
        if self._answered:
            return  # the guard has answered: what the client still sends is dropped
        self._bytes_waited += len(data)
        super().data_received(data)
        if self._request_received():
            self._stop_waiting()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._wait_for_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        self.lingering.discard(self)
        if not self._refused:  # a refused connection never became uvicorn's
            super().connection_lost(exc)

    def _request_received(self) -> bool:
        cycle = self.cycle
        return cycle is not None and not cycle.response_complete and not cycle.more_body

    def _wait_for_request(self) -> None:
        self._stop_waiting()
        if self._request_received():  # a pipelined request, already in
            return
        self.waiting[self] = None
        self._bytes_waited = 0
        self._timer = self.loop.call_later(self.request_seconds, self.expire)

    def _stop_waiting(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.waiting.pop(self, None)

    def expire(self) -> None:
        """Close a connection whose request did not arrive in time (408 if it began)."""
        self._timer = None
        self.waiting.pop(self, None)
        if self._request_received() or self.transport.is_closing():
            return
        self._answer_and_close(self._too_slow() if self._bytes_waited else b"", linger=False)

    def _answer_and_close(self, answer: bytes, *, linger: bool) -> None:
        self._answered = True
        if answer:
            self.transport.write(answer)
        if not (linger and self.transport.can_write_eof()):
            self.transport.close()
            return
        self.transport.write_eof()
        self.lingering.add(self)
        self._timer = self.loop.call_later(LINGER_SECONDS, self.transport.close)

    def _displace_idlest(self) -> bool:
        idlest = next(iter(self.waiting), None)
        if idlest is None:
            return False
        idlest.expire()
        return True

    def _too_slow(self) -> bytes:
        return canned_response(
            408,
            "Request Timeout",
            f"The request did not arrive within {self.request_seconds:g} s.",
        )

    def _busy(self) -> bytes:
        return canned_response(
            503,
            "Service Unavailable",
            f"The server has {self.max_connections} connections with a request in progress, "
            "its limit. Try again shortly.",
            f"retry-after: {RETRY_AFTER_SECONDS}",
        )


def guarded_protocol(
    max_connections: int = MAX_CONNECTIONS, request_seconds: float = REQUEST_SECONDS
) -> type[GuardedH11Protocol]:
    """The protocol class to give uvicorn (``http=``), with these limits and registries of
    its own (one per server)."""
    namespace: dict[str, object] = {
        "max_connections": max_connections,
        "request_seconds": request_seconds,
        "waiting": {},
        "lingering": set(),
    }
    return type("GuardedH11Protocol", (GuardedH11Protocol,), namespace)


class GuardedProtocols:
    """What ``statsref serve`` gives uvicorn as ``http=``: makes each connection's protocol,
    of a class ``guarded_protocol`` made on first use. It pickles as its limits alone, so each
    worker process of ``--workers`` makes its own class, with registries of its own."""

    def __init__(
        self, max_connections: int = MAX_CONNECTIONS, request_seconds: float = REQUEST_SECONDS
    ) -> None:
        self.max_connections = max_connections
        self.request_seconds = request_seconds
        self._protocol: type[GuardedH11Protocol] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> GuardedH11Protocol:
        if self._protocol is None:
            self._protocol = guarded_protocol(self.max_connections, self.request_seconds)
        return self._protocol(*args, **kwargs)

    def __reduce__(self) -> tuple[type[GuardedProtocols], tuple[int, float]]:
        return GuardedProtocols, (self.max_connections, self.request_seconds)
