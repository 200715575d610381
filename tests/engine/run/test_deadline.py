"""A query's work budget: its turns add up to ``QUERY_SECONDS`` at most, SQL and Python alike,
and its waits for turns to ``WAIT_SECONDS``."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from statsref.engine.data.turns import Share, Turns
from statsref.engine.language.errors import QueryError
from statsref.engine.run.deadline import (
    BUSY_STATUS,
    GONE,
    GONE_STATUS,
    Work,
    busy,
    still_building,
    too_slow,
)

SLOW_SQL = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 100000000) "
    "SELECT COUNT(*) FROM n"
)


def test_the_budget_stops_a_statement_and_names_the_limit() -> None:
    db = sqlite3.connect(":memory:")
    with pytest.raises(QueryError) as caught, Work(Turns(), seconds=0.05) as work:
        work.fetch(db, SLOW_SQL, [])
    assert caught.value.message == too_slow(0.05)
    assert caught.value.status == 400
    assert db.execute("SELECT 1").fetchone() == (1,)  # the handler is gone


def test_python_work_stops_at_the_next_checkpoint_past_the_budget() -> None:
    """The budget once ended with the last SQL statement: the grouping, arithmetic and
    sorting after it ran for seconds more, and a query refused at its deadline took 2.0 s."""
    done = 0
    with pytest.raises(QueryError) as caught, Work(Turns(), seconds=0.05) as work:
        for _ in work.paced(itertools.count()):
            done += 1
    assert caught.value.message == too_slow(0.05)
    assert 0.05 < work.spent() < 1.0 and done > 0


def test_a_statement_nobody_waits_for_stops_at_the_next_look() -> None:
    db = sqlite3.connect(":memory:")
    looks = iter([False, False, False, True])
    with (
        pytest.raises(QueryError) as caught,
        Work(Turns(), abandoned=lambda: next(looks, True)) as work,
    ):
        work.fetch(db, SLOW_SQL, [])
    assert (caught.value.status, caught.value.message) == (GONE_STATUS, GONE)
    assert db.execute("SELECT 1").fetchone() == (1,)


def test_waits_add_up_to_a_bound_then_the_query_is_busy() -> None:
    """Queries once waited for the dataset without bound."""
    turns, holder = Turns(), Share()
    assert turns.take(holder)
    with pytest.raises(QueryError) as caught, Work(turns, wait=0.05):
        pass
    assert (caught.value.status, caught.value.message) == (BUSY_STATUS, busy(0.05))
    with pytest.raises(QueryError) as gone, Work(turns, abandoned=lambda: True):
        pass
    assert gone.value.status == GONE_STATUS
    turns.give(holder)
    with Work(turns, wait=0) as work:  # a free turn costs no wait
        assert work.spent() >= 0


def test_a_query_gives_way_at_a_checkpoint_and_is_charged_its_turns() -> None:
    turns, share = Turns(), Share()
    with Work(turns, share) as work:
        work.checkpoint()
    assert turns.take(Share(), deadline=0)  # given back
    assert share.rank() > Share().rank()


def test_a_build_past_the_budget_asks_for_the_query_again() -> None:
    with pytest.raises(QueryError) as caught, Work(Turns(), seconds=0) as work:
        work.build_checkpoint()
    assert (caught.value.status, caught.value.message) == (BUSY_STATUS, still_building(0))


def test_other_sqlite_errors_pass_through() -> None:
    db = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.OperationalError, match="no such table"), Work(Turns()) as work:
        work.fetch(db, "SELECT * FROM missing", [])
