"""The generated rows in an in-memory SQLite database, laid out for the query compiler.

Tables (every one has a ``site`` column, the site's index in the dataset):

- ``sessions``: one row per ``Session``, plus ``end_day``/``end_month`` (the local day and month
  of its last activity, which day/week/month buckets use) and ``duration``.
- ``events``: one row per ``Event``, clustered by ``(site, ts)`` so a date range is one
  contiguous read; ``ts`` is epoch seconds; ``local_hour`` (an hour slot, see
  ``timebuckets.LocalClock.hour_slot``), ``local_day`` and ``local_month`` are its bucket
  numbers in the site timezone; ``goals`` is a bit mask of the
  site's goals the event completes (bit ``i`` = ``site.goals[i]``); each custom property any
  site of the store has gets a column (``NULL``: the event does not carry it), named by
  ``prop_column``.
- ``session_hours``: every local hour a session was active in: the instant it began
  (``hour_ts``) and its hour slot (the API counts a session in each hour it was active).
- ``goals``: ``(site, bit, name)``, to break down by goal.
- ``imported``: the imported daily aggregates (see ``imported.py``).

Bucket numbers count from the Unix epoch in local wall-clock time: day ``d`` is
``1970-01-01 + d days`` local, month ``m`` is ``year * 12 + month - 1``, and an hour slot is
twice the hour's number plus one for a wall-clock hour that comes round again when clocks go
back (see ``timebuckets``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo

from ..language.site import Site, goal_matches
from ..language.timebuckets import LocalClock, month_of_day
from .imported import IMPORTED_COLUMNS, ImportedRow
from .matching import clauses_match
from .rows import Event, Session

SESSION_TEXT = tuple(name for name, kind in get_type_hints(Session).items() if kind is str)
"""The ``sessions`` text columns: the visit attributes, ``Session``'s ``str`` fields in order."""
SESSION_COLUMNS = (
    "session_id",
    "site",
    "visitor_id",
    "start_ts",
    "end_ts",
    "end_day",
    "end_month",
    "is_bounce",
    "pageviews",
    "events",
    "duration",
    *SESSION_TEXT,
    "city",
)
EVENT_COLUMNS = (
    "event_id",
    "site",
    "session_id",
    "visitor_id",
    "ts",
    "local_hour",
    "local_day",
    "local_month",
    "name",
    "pathname",
    "hostname",
    "goals",
    "scroll_depth",
    "engagement_time",
    "revenue_amount",
    "revenue_currency",
)
"""The ``events`` columns before the custom properties' own."""
_INDEXES = (
    # Narrow copy of the columns most queries read: long ranges scan it instead of full rows.
    "CREATE INDEX IF NOT EXISTS events_narrow ON events (site, ts, name, visitor_id, "
    "session_id, local_day, local_month, local_hour, goals)",
    "CREATE INDEX IF NOT EXISTS sessions_by_end ON sessions (site, end_ts)",
    "CREATE INDEX IF NOT EXISTS session_hours_by_hour ON session_hours (site, hour_ts)",
    "CREATE INDEX IF NOT EXISTS imported_by_day ON imported (site, kind, day)",
)


_month_of_day = lru_cache(maxsize=None)(month_of_day)


class GoalMasks:
    """The goal bit mask of (event name, path, scroll depth) triples of one site, computed
    once per triple (the depth counts for ``engagement`` events only)."""

    def __init__(self, site: Site) -> None:
        self.goals = site.goals
        self._cache: dict[tuple[str, str, int | None], int] = {}

    def mask(self, name: str, pathname: str, scroll_depth: int | None = None) -> int:
        key = (name, pathname, scroll_depth if name == "engagement" else None)
        mask = self._cache.get(key)
        if mask is None:
            mask = sum(1 << i for i, g in enumerate(self.goals) if goal_matches(g, *key))
            self._cache[key] = mask
        return mask


def _fold(value: str | int | None) -> str | int | None:
    """Unicode-aware lower case for case-insensitive filters (SQLite's lower() is ASCII-only)."""
    return value.lower() if isinstance(value, str) else value


def prop_column(name: str) -> str:
    """The ``events`` column of the custom property ``name``, quoted for SQL: its name comes
    from a sites file, never from a query (a query's property selects a column only when the
    site has that property)."""
    return '"prop:' + name.replace('"', '""') + '"'


def connect(props: Iterable[str]) -> sqlite3.Connection:
    """An empty in-memory database with a column for each of ``props`` and the engine's
    functions registered."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.create_function("clauses_match", 2, clauses_match, deterministic=True)
    db.create_function("fold", 1, _fold, deterministic=True)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_schema(props))
    return db


def _schema(names: Iterable[str]) -> str:
    props = "".join(f", {prop_column(name)} TEXT" for name in names)
    text = "".join(f", {column} TEXT" for column in SESSION_TEXT)
    imported = "".join(f", {c} TEXT" for c in IMPORTED_COLUMNS)
    return f"""
    CREATE TABLE sessions (session_id INTEGER PRIMARY KEY, site INTEGER, visitor_id INTEGER,
        start_ts INTEGER, end_ts INTEGER, end_day INTEGER, end_month INTEGER, is_bounce INTEGER,
        pageviews INTEGER, events INTEGER, duration INTEGER{text}, city INTEGER);
    CREATE TABLE events (event_id INTEGER, site INTEGER, session_id INTEGER,
        visitor_id INTEGER, ts INTEGER, local_hour INTEGER, local_day INTEGER,
        local_month INTEGER, name TEXT, pathname TEXT, hostname TEXT, goals INTEGER,
        scroll_depth INTEGER, engagement_time INTEGER, revenue_amount REAL,
        revenue_currency TEXT{props}, PRIMARY KEY (site, ts, event_id)) WITHOUT ROWID;
    CREATE TABLE session_hours (site INTEGER, session_id INTEGER, hour_ts INTEGER,
        local_hour INTEGER);
    CREATE TABLE goals (site INTEGER, bit INTEGER, name TEXT);
    CREATE TABLE imported (site INTEGER, kind TEXT, day INTEGER, month INTEGER{imported},
        city INTEGER, visitors INTEGER, visits INTEGER, pageviews INTEGER, bounces INTEGER,
        visit_duration INTEGER, events INTEGER, total_scroll_depth INTEGER DEFAULT 0,
        total_scroll_depth_visits INTEGER DEFAULT 0, total_time_on_page INTEGER DEFAULT 0,
        total_time_on_page_visits INTEGER DEFAULT 0);
    """


def load_goals(db: sqlite3.Connection, index: int, site: Site) -> None:
    """Insert the site's goals, which any query on it may read."""
    db.executemany(
        "INSERT INTO goals VALUES (?, ?, ?)",
        [(index, 1 << i, goal.display_name) for i, goal in enumerate(site.goals)],
    )


def load_imported(db: sqlite3.Connection, index: int, imported: list[ImportedRow]) -> None:
    """Insert the site's imported aggregates."""
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for row in imported:
        by_columns.setdefault(row.columns(), []).append((index, *row.values()))
    for columns, rows in by_columns.items():
        names = ",".join(("site", *columns))
        marks = ",".join("?" * (len(columns) + 1))
        db.executemany(f"INSERT INTO imported ({names}) VALUES ({marks})", rows)


def load_days(
    db: sqlite3.Connection,
    index: int,
    site: Site,
    sessions: list[Session],
    events: list[Event],
    props: tuple[str, ...],
) -> None:
    """Insert sessions and events of some of a site's days (``finish`` then indexes them);
    ``props`` are the store's custom properties, in the order of their columns."""
    clock = LocalClock(ZoneInfo(site.timezone))
    db.executemany(
        f"INSERT INTO sessions VALUES ({','.join('?' * len(SESSION_COLUMNS))})",
        _session_tuples(index, sessions, clock),
    )
    db.executemany(
        "INSERT INTO session_hours VALUES (?, ?, ?, ?)", _session_hours(index, sessions, clock)
    )
    event_rows: list[tuple[Any, ...]] = list(_event_tuples(index, site, events, clock, props))
    event_rows.sort(key=_event_key)
    marks = ",".join("?" * (len(EVENT_COLUMNS) + len(props)))
    db.executemany(f"INSERT INTO events VALUES ({marks})", event_rows)


def finish(db: sqlite3.Connection) -> None:
    """Create the indexes (unless they exist) and gather statistics: once every site is
    loaded, or after each batch of days a lazy dataset adds."""
    for statement in _INDEXES:
        db.execute(statement)
    db.execute("ANALYZE")
    db.commit()


def _session_tuples(index: int, sessions: Iterable[Session], clock: LocalClock) -> Iterator[tuple]:
    counts = attrgetter("is_bounce", "pageviews", "events")
    text = attrgetter(*SESSION_TEXT, "city")
    for s in sessions:
        start = int(s.start.timestamp())
        end = int(s.end.timestamp())
        end_day = clock.local(end) // 86400
        is_bounce, pageviews, events = counts(s)
        yield (
            s.session_id,
            index,
            s.visitor_id,
            start,
            end,
            end_day,
            _month_of_day(end_day),
            int(is_bounce),
            pageviews,
            events,
            end - start,  # ``Session.duration``: both ends are whole seconds
            *text(s),
        )


def _session_hours(index: int, sessions: Iterable[Session], clock: LocalClock) -> Iterator[tuple]:
    for s in sessions:
        end = int(s.end.timestamp())
        for hour in clock.hour_starts(int(s.start.timestamp()), end):
            yield index, s.session_id, hour, clock.hour_slot(hour)


_event_key = itemgetter(4, 0)
"""Events load in clustered-key order (timestamp, then id): B-tree appends only."""


def _event_tuples(
    index: int, site: Site, events: Iterable[Event], clock: LocalClock, prop_names: tuple[str, ...]
) -> Iterator[tuple]:
    mask = GoalMasks(site).mask
    local = clock.local
    slot = clock.hour_slot
    for e in events:
        ts = int(e.timestamp.timestamp())
        day = local(ts) // 86400
        yield (
            e.event_id,
            index,
            e.session_id,
            e.visitor_id,
            ts,
            slot(ts),
            day,
            _month_of_day(day),
            e.name,
            e.pathname,
            e.hostname,
            mask(e.name, e.pathname, e.scroll_depth),
            e.scroll_depth,
            e.engagement_time,
            e.revenue_amount,
            e.revenue_currency,
            *map(e.props.get, prop_names),
        )
