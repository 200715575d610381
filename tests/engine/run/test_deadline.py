"""The deadline of a running query, and the wait for the dataset's connection."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from statsref.engine.language.errors import QueryError
from statsref.engine.run.deadline import GONE, GONE_STATUS, connection, deadline, too_slow

SLOW_SQL = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 100000000) "
    "SELECT COUNT(*) FROM n"
)


def test_the_deadline_stops_a_statement_and_names_the_limit():
    db = sqlite3.connect(":memory:")
    with pytest.raises(QueryError) as caught, deadline(db, seconds=0.05):
        db.execute(SLOW_SQL).fetchall()
    assert caught.value.message == too_slow(0.05)
    assert caught.value.status == 400
    assert db.execute("SELECT 1").fetchone() == (1,)  # the handler is gone


def test_a_statement_nobody_waits_for_stops_at_the_next_look():
    db = sqlite3.connect(":memory:")
    looks = iter([False, False, True])
    with pytest.raises(QueryError) as caught, deadline(db, abandoned=lambda: next(looks, True)):
        db.execute(SLOW_SQL).fetchall()
    assert (caught.value.status, caught.value.message) == (GONE_STATUS, GONE)
    assert db.execute("SELECT 1").fetchone() == (1,)


def test_a_query_nobody_waits_for_stops_waiting_for_the_connection():
    lock = threading.Lock()
    with lock, pytest.raises(QueryError) as caught, connection(lock, abandoned=lambda: True):
        pass
    assert caught.value.status == GONE_STATUS
    assert not lock.locked()  # never taken by the abandoned query; released by its holder
    with connection(lock):
        assert lock.locked()
    assert not lock.locked()


def test_other_sqlite_errors_pass_through():
    db = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.OperationalError, match="no such table"), deadline(db):
        db.execute("SELECT * FROM missing")
