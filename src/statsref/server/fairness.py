"""Fair shares of the engine between clients: no client can make the others wait for long.

A client is its address (for IPv6, its ``/64``, what one machine or home is given) and its
API key, so clients sharing the demo key are still told apart, and so are keys used from one
address. Each query of a client:

- counts against ``QUERIES_PER_CLIENT`` in flight (``statsref serve --queries-per-client``;
  0: no limit): one more is answered ``429`` with ``Retry-After: 1``, before it costs
  anything;
- runs on a pool of its own, ``QUERY_THREADS`` threads apart from those that serve the site's
  files, so files never wait behind queries; a query that finds every thread busy waits for
  one, ``WAIT_SECONDS`` at most, then is answered ``503`` with ``Retry-After``. A thread that
  frees goes to the waiting client holding the fewest (``FairPool``), the earliest among
  equals, so clients that keep every thread busy cannot make a newcomer wait for more than
  the next thread to free;
- works for the client's ``Share``: the engine gives free turns at the dataset to the client
  that has done the least work lately (``statsref.engine.data.turns``), so one looping on
  heavy queries takes turns with everyone else rather than making them queue behind it.

Each process of ``statsref serve --workers N`` keeps its own accounts.
"""

from __future__ import annotations

import ipaddress
import itertools
from collections import Counter, OrderedDict
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


@dataclass(eq=False)
class _Ticket:
    identity: Identity
    arrival: int
    granted: anyio.Event = field(default_factory=anyio.Event)


class FairPool:
    """``places`` threads shared by clients, used from the event loop: a freed place goes to
    the waiting client that holds the fewest, the earliest arrival among equals."""

    def __init__(self, places: int) -> None:
        self.free = places
        self.held: Counter[Identity] = Counter()
        self.waiting: list[_Ticket] = []
        self._arrivals = itertools.count()

    async def acquire(self, identity: Identity, wait: float) -> bool:
        """Take a place for ``identity``, waiting ``wait`` seconds at most: ``False`` if none
        came. A waiter cancelled meanwhile leaves the queue, or gives back the place it got."""
        if self.free and not self.waiting:
            self._take(identity)
            return True
        ticket = _Ticket(identity, next(self._arrivals))
        self.waiting.append(ticket)
        got = False
        try:
            with anyio.move_on_after(wait):
                await ticket.granted.wait()
            got = ticket.granted.is_set()
            return got
        finally:
            if not ticket.granted.is_set():
                self.waiting.remove(ticket)
            elif not got:
                self.release(identity)

    def release(self, identity: Identity) -> None:
        self.held[identity] -= 1
        if self.held[identity] <= 0:
            del self.held[identity]
        self.free += 1
        while self.free and self.waiting:
            ticket = min(self.waiting, key=lambda t: (self.held[t.identity], t.arrival))
            self.waiting.remove(ticket)
            self._take(ticket.identity)
            ticket.granted.set()

    def _take(self, identity: Identity) -> None:
        self.free -= 1
        self.held[identity] += 1


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
        self._pool: tuple[FairPool, anyio.CapacityLimiter] | None = None

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

    async def run(self, identity: Identity, work: Callable[..., Result], *args: object) -> Result:
        """``work(*args)`` on a thread of the query pool for ``identity``, waiting for one
        (``FairPool``; a 503 past ``wait``)."""
        pool, limiter = self._threads()
        if not await pool.acquire(identity, self.wait):
            raise ApiError(
                503,
                f"The mock is busy: every query thread was taken for {self.wait:g} s. Send the "
                "query again in a moment.",
                RETRY_AFTER,
            )
        try:
            return await anyio.to_thread.run_sync(work, *args, limiter=limiter)
        finally:
            pool.release(identity)

    def _threads(self) -> tuple[FairPool, anyio.CapacityLimiter]:
        """The pool, made in the event loop on first use: the fair places and a limiter as
        wide (which then never makes anyone wait)."""
        if self._pool is None:
            self._pool = FairPool(self.threads), anyio.CapacityLimiter(self.threads)
        return self._pool

    def _client(self, identity: Identity) -> _Client:
        client = self._clients.pop(identity, None) or _Client()
        self._clients[identity] = client
        if len(self._clients) > self.kept:
            idle = next((i for i, c in self._clients.items() if not c.in_flight), None)
            if idle is not None:
                del self._clients[idle]
        return client
