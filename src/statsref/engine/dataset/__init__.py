"""The deterministic dataset every query runs on: rows for each site plus their SQLite store."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..sites import SITES, Site
from . import store
from .distributions import TRAFFIC
from .generate import generate_site
from .imported import ImportedRow, generate_imported
from .rows import Event, Session

DEFAULT_EVENTS = 100_000
DEFAULT_SEED = 2024


@dataclass
class _SiteRows:
    sessions: list[Session]
    events: list[Event]
    imported: list[ImportedRow]


@dataclass
class Dataset:
    """Every site's generated rows, relative to ``now``, loaded into one SQLite database.

    ``events`` is the approximate total number of events over all sites; the same ``seed`` and
    day offset always give the same rows. ``lock`` serialises queries on the shared connection.
    """

    now: datetime
    db: sqlite3.Connection = field(repr=False)
    site_index: dict[str, int]
    _rows: dict[str, _SiteRows] = field(repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def build(
        cls,
        now: datetime,
        events: int = DEFAULT_EVENTS,
        seed: int = DEFAULT_SEED,
    ) -> Dataset:
        if now.tzinfo is None:
            raise ValueError(f"now must be timezone-aware, got {now.isoformat()!r}")
        if isinstance(events, bool) or not isinstance(events, int) or events < 1:
            raise ValueError(f"events must be a positive integer, got {events!r}")
        now = now.astimezone(UTC)
        db = store.connect()
        rows: dict[str, _SiteRows] = {}
        index: dict[str, int] = {}
        for i, (domain, site) in enumerate(SITES.items()):
            traffic = TRAFFIC[domain]
            sessions, site_events = generate_site(
                site, traffic, now, events=events, seed=seed, index=i
            )
            imported = generate_imported(site, traffic, now, events=events, seed=seed)
            store.load_site(db, i, site, sessions, site_events, imported)
            rows[domain] = _SiteRows(sessions, site_events, imported)
            index[domain] = i
        store.finish(db)
        return cls(now=now, db=db, site_index=index, _rows=rows)

    def sessions(self, domain: str) -> list[Session]:
        return self._rows[domain].sessions

    def events(self, domain: str) -> list[Event]:
        return self._rows[domain].events

    def imported(self, domain: str) -> list[ImportedRow]:
        return self._rows[domain].imported

    def index_of(self, site: Site) -> int:
        return self.site_index[site.domain]


__all__ = ["Dataset", "Event", "ImportedRow", "Session"]
