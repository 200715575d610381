"""Fair shares of the engine between clients: no client can make the others wait for long.

A client is its address (for IPv6, its ``/64``, what one machine or home is given) and its
API key, so clients sharing the demo key are still told apart, and so are keys used from one
address. Each query of a client:

- counts against ``QUERIES_PER_CLIENT`` in flight (``statsref serve --queries-per-client``;
  0: no limit): one more is answered ``429`` with ``Retry-After: 1``, before it costs
  anything;
- runs on a pool of its own, ``QUERY_THREADS`` threads apart from those that serve the site's
  files, so files never wait behind queries; a query that finds every thread busy waits for
  one in arrival order, ``WAIT_SECONDS`` at most, then is answered ``503`` with
  ``Retry-After``;
- works for the client's ``Share``: the engine gives free turns at the dataset to the client
  that has done the least work lately (``statsref.engine.data.turns``), so one looping on
  heavy queries takes turns with everyone else rather than making them queue behind it.

Each process of ``statsref serve --workers N`` keeps its own accounts.
"""

from __future__ import annotations

import ipaddress
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

import anyio
import anyio.to_thread

from statsref.defaults import QUERIES_PER_CLIENT
from statsref.engine import Share

from .errors import ApiError

QUERY_THREADS = 16
WAIT_SECONDS = 5.0
"""How long a query may wait for a thread of the pool (its turns have a bound of their own)."""
CLIENTS_KEPT = 10_000
"""Clients remembered at most: the least recently seen without a query in flight are dropped."""
RETRY_AFTER = {"Retry-After": "1"}

Identity = tuple[str, str]
Result = TypeVar("Result")


def client_identity(host: str | None, key: str) -> Identity:
    """The client a request comes from: its address (an IPv6 one as its ``/64``) and key."""
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:
        return host or "unknown", key
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped), key
        return str(ipaddress.ip_network(f"{address}/64", strict=False)), key
    return str(address), key


@dataclass
class _Client:
    share: Share = field(default_factory=Share)
    in_flight: int = 0


class Clients:
    """The accounts of the clients of one server process, used from its event loop."""

    def __init__(
        self,
        *,
        per_client: int = QUERIES_PER_CLIENT,
        threads: int = QUERY_THREADS,
        wait: float = WAIT_SECONDS,
        kept: int = CLIENTS_KEPT,
    ) -> None:
        self.per_client = per_client
        self.threads = threads
        self.wait = wait
        self.kept = kept
        self._clients: OrderedDict[Identity, _Client] = OrderedDict()
        self._pool: tuple[anyio.Semaphore, anyio.CapacityLimiter] | None = None

    @asynccontextmanager
    async def admitted(self, identity: Identity) -> AsyncIterator[Share]:
        """The client's share while one of its queries is in flight; a 429 past
        ``per_client`` (unless it is 0)."""
        client = self._client(identity)
        if self.per_client and client.in_flight >= self.per_client:
            raise ApiError(
                429,
                f"Too many queries at once: this client already has {client.in_flight} in "
                "flight, the limit. Send the next one when an answer has arrived.",
                RETRY_AFTER,
            )
        client.in_flight += 1
        try:
            yield client.share
        finally:
            client.in_flight -= 1

    async def run(self, work: Callable[..., Result], *args: object) -> Result:
        """``work(*args)`` on a thread of the query pool, waiting for one in arrival order
        (a 503 past ``wait``)."""
        gate, limiter = self._threads()
        got_one = False
        with anyio.move_on_after(self.wait):
            await gate.acquire()
            got_one = True
        if not got_one:
            raise ApiError(
                503,
                f"The mock is busy: every query thread was taken for {self.wait:g} s. Send the "
                "query again in a moment.",
                RETRY_AFTER,
            )
        try:
            return await anyio.to_thread.run_sync(work, *args, limiter=limiter)
        finally:
            gate.release()

    def _threads(self) -> tuple[anyio.Semaphore, anyio.CapacityLimiter]:
        """The pool, made in the event loop on first use: a gate that queues in arrival order
        and a limiter as wide (which then never makes anyone wait)."""
        if self._pool is None:
            self._pool = anyio.Semaphore(self.threads), anyio.CapacityLimiter(self.threads)
        return self._pool

    def _client(self, identity: Identity) -> _Client:
        client = self._clients.pop(identity, None) or _Client()
        self._clients[identity] = client
        if len(self._clients) > self.kept:
            idle = next((i for i, c in self._clients.items() if not c.in_flight), None)
            if idle is not None:
                del self._clients[idle]
        return client
