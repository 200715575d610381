"""The deterministic dataset every query runs on: rows for each site plus their SQLite store.

What the generator draws from (``distributions``), the rows it makes (``generate``, ``rows``,
``imported``), and the in-memory SQLite store they are loaded into (``store``) with the
functions it lends SQL for ``contains`` and ``matches`` filters (``matching``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ..language.site import Site
from ..sites import SiteSet, demo_sites
from ..sites.traffic import SiteTraffic
from . import store
from .generate import generate_days
from .imported import ImportedRow, generate_imported
from .rows import Event, Session
from .turns import TURNS, Turns

DEFAULT_SEED = 2024
EVENTS_PER_VISITOR = 5.5
"""About how many events a visitor's day holds (pageviews, engagement, custom events): what
``build(events=...)`` scales the sites' visitors by."""
VISIT_SPILL_DAYS = 1
"""A visit belongs to the day it starts and may run past midnight (never by a whole day):
a range needs the day before its first day too."""
BUILD_DAYS = 30
"""Days a lazy dataset builds in one turn (a few tens of milliseconds)."""


def _expected_events(sites: dict[str, Site], traffic: dict[str, SiteTraffic]) -> float:
    """About how many events the sites' files make the native periods hold, all together."""
    return max(
        1.0,
        sum(
            t.daily_visitors
            * EVENTS_PER_VISITOR
            * (sites[domain].native_days + 1)
            * (sum(t.rhythm.weekdays) / 7 / t.rhythm.workday_mean)
            for domain, t in traffic.items()
        ),
    )


class Reads(NamedTuple):
    """What a query reads: a site's local days ``first`` to ``last`` (``None``: all of them)
    and whether its imported aggregates. ``Dataset.ensure(*reads)`` builds them."""

    domain: str
    first: date | None = None
    last: date | None = None
    imported: bool = True


@dataclass
class _SiteRows:
    """One site's loaded rows: its days, by offset from today, and its imported aggregates
    (``None`` until a query reads them)."""

    days: dict[int, tuple[list[Session], list[Event]]] = field(default_factory=dict)
    imported: list[ImportedRow] | None = None


@dataclass
class Dataset:
    """The generated rows of every site of a ``SiteSet``, relative to ``now``, loaded into one
    SQLite database.

    ``sites`` are the set's sites at ``now`` (what the parser is handed), ``traffic`` the
    traffic of those with data. Each site has the visitors its file says, times ``scale``;
    the same ``seed`` and day offset always give the same rows. Each site's day comes from its
    own random stream, so a lazy dataset, which builds a site's days only when a query first
    needs them, holds the very rows and ids of a full build. ``turns`` serialise queries and
    builds on the shared connection (``data.turns``).
    """

    now: datetime
    db: sqlite3.Connection = field(repr=False)
    sites: dict[str, Site] = field(repr=False)
    traffic: dict[str, SiteTraffic] = field(repr=False)
    origin: str
    props: tuple[str, ...] = field(repr=False)
    site_index: dict[str, int] = field(repr=False)
    scale: float = field(repr=False)
    seed: int = field(repr=False)
    _rows: dict[str, _SiteRows] = field(default_factory=dict, repr=False)
    turns: Turns = field(default=TURNS, repr=False)
    _unfinished: bool = field(default=False, repr=False)

    @classmethod
    def build(
        cls,
        now: datetime,
        events: int | None = None,
        seed: int = DEFAULT_SEED,
        *,
        lazy: bool = False,
        sites: SiteSet | None = None,
    ) -> Dataset:
        """The dataset of ``sites`` (the demo sites by default) for ``now``: every site built
        at once, or, when ``lazy``, nothing until ``ensure`` (which ``run_query`` calls with
        the query's range) needs it. ``events``: scale every site's visitors so the whole
        dataset holds about that many events (by default, as many as the sites file says)."""
        if now.tzinfo is None:
            raise ValueError(f"now must be timezone-aware, got {now.isoformat()!r}")
        if events is not None and (
            isinstance(events, bool) or not isinstance(events, int) or events < 1
        ):
            raise ValueError(f"events must be a positive integer, got {events!r}")
        siteset = sites or demo_sites()
        at_now = siteset.at(now)
        traffic = siteset.traffic()
        props = tuple(dict.fromkeys(p for site in at_now.values() for p in site.props))
        dataset = cls(
            now=now.astimezone(UTC),
            db=store.connect(props),
            sites=at_now,
            traffic=traffic,
            origin=siteset.origin,
            props=props,
            site_index={domain: i for i, domain in enumerate(traffic)},
            scale=1.0 if events is None else events / _expected_events(at_now, traffic),
            seed=seed,
        )
        if not lazy:  # nobody else sees the dataset yet: no turn needed
            for domain in traffic:
                dataset._load(domain, dataset._offsets(domain, None, None), imported=True)
            store.finish(dataset.db)
        return dataset

    def ensure(
        self,
        domain: str,
        first: date | None = None,
        last: date | None = None,
        imported: bool = True,
        *,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        """Build and load what a query reads (see ``Reads``; by default the whole site),
        unless it is loaded already.

        With a ``checkpoint``, the caller holds a turn of ``turns`` (a query does) and the
        build calls it between two batches of ``BUILD_DAYS`` days, so the build counts in the
        query's budget and gives way to others; without one, the build takes a turn of its
        own. Either way a query never sees rows half loaded. A build stopped at a checkpoint
        keeps the batches it loaded, at least one: the next try goes on from there.
        """
        offsets = self._offsets(domain, first, last)
        if self._has(domain, offsets, imported) and not self._unfinished:
            return
        if checkpoint is not None:
            self._build(domain, offsets, imported, checkpoint)
            return
        with self.turns.hold():
            self._build(domain, offsets, imported, _no_checkpoint)

    def _build(
        self, domain: str, offsets: range, imported: bool, checkpoint: Callable[[], None]
    ) -> None:
        for index, batch in enumerate(_batches(offsets)):
            if index:
                checkpoint()
            if not self._has(domain, batch, imported):
                self._unfinished = True
                self._load(domain, batch, imported)
        if self._unfinished:
            store.finish(self.db)
            self._unfinished = False

    def needs_build(
        self,
        domain: str,
        first: date | None = None,
        last: date | None = None,
        imported: bool = True,
    ) -> bool:
        """Whether ``ensure`` with these arguments would build anything."""
        return not self._has(domain, self._offsets(domain, first, last), imported)

    def _has(self, domain: str, offsets: range, imported: bool) -> bool:
        rows = self._rows.get(domain)
        return (
            rows is not None
            and all(offset in rows.days for offset in offsets)
            and (rows.imported is not None or not imported)
        )

    def _offsets(self, domain: str, first: date | None, last: date | None) -> range:
        """The day offsets (0 = today) holding the rows of a range, within the native period."""
        site = self.sites[domain]
        if first is None or last is None:
            return range(site.native_days + 1)
        today = self.now.astimezone(ZoneInfo(site.timezone)).date()
        newest = max(0, (today - last).days)
        oldest = min(site.native_days, (today - first).days + VISIT_SPILL_DAYS)
        return range(newest, oldest + 1)

    def _load(self, domain: str, offsets: range, imported: bool) -> None:
        """Generate and insert what the site misses of these (the caller holds a turn)."""
        site, traffic, index = self.sites[domain], self.traffic[domain], self.site_index[domain]
        rows = self._rows.get(domain)
        if rows is None:
            store.load_goals(self.db, index, site)
            rows = _SiteRows()
        if imported and rows.imported is None:
            rows.imported = generate_imported(
                site, traffic, self.now, scale=self.scale, seed=self.seed
            )
            store.load_imported(self.db, index, rows.imported)
        missing = [offset for offset in offsets if offset not in rows.days]
        days = {
            offset: (sessions, events)
            for offset, sessions, events in generate_days(
                site,
                traffic,
                self.now,
                scale=self.scale,
                seed=self.seed,
                index=index,
                offsets=missing,
            )
        }
        store.load_days(
            self.db,
            index,
            site,
            [s for sessions, _ in days.values() for s in sessions],
            [e for _, events in days.values() for e in events],
            self.props,
        )
        rows.days.update(days)
        self._rows[domain] = rows

    def _all_days(self, domain: str) -> list[tuple[list[Session], list[Event]]]:
        """Every day of the site, oldest first (building what is missing)."""
        self.ensure(domain)
        days = self._rows[domain].days
        return [days[offset] for offset in sorted(days, reverse=True)]

    def sessions(self, domain: str) -> list[Session]:
        return [s for sessions, _ in self._all_days(domain) for s in sessions]

    def events(self, domain: str) -> list[Event]:
        return [e for _, events in self._all_days(domain) for e in events]

    def imported(self, domain: str) -> list[ImportedRow]:
        self.ensure(domain)
        return self._rows[domain].imported or []

    def index_of(self, site: Site) -> int:
        """The site's number in the store's ``site`` columns: its place among the sites."""
        return self.site_index[site.domain]


def _batches(offsets: range) -> Iterator[range]:
    """``offsets`` in ranges of ``BUILD_DAYS`` (one empty range for none: the site's goals
    and imported rows are loaded all the same)."""
    for start in range(offsets.start, offsets.stop, BUILD_DAYS) or [offsets.start]:
        yield range(start, min(start + BUILD_DAYS, offsets.stop))


def _no_checkpoint() -> None:
    pass


__all__ = ["Dataset", "Event", "ImportedRow", "Reads", "Session"]
