"""Turns at the dataset: the least served share first, bounded waits, giving way."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from statsref.engine.data.turns import HALF_LIFE_SECONDS, QUANTUM, Share, Turns


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def waiting_for_a_turn(
    turns: Turns, share: Share, served: list[str], name: str
) -> threading.Thread:
    """A thread that takes a turn for ``share``, notes ``name`` and gives it back; returned
    once it waits."""
    before = turns.waiting()

    def run() -> None:
        assert turns.take(share)
        served.append(name)
        turns.give(share)

    thread = threading.Thread(target=run)
    thread.start()
    wait_until(lambda: turns.waiting() > before)
    return thread


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.001)


def test_a_free_turn_goes_to_the_share_that_worked_least_not_to_the_first_in_line() -> None:
    """Waiters once polled a lock every 0.1 s: whoever looked first after it was freed won."""
    turns, holder, heavy, light = Turns(), Share(), Share(), Share()
    heavy.charge(5.0, time.monotonic())
    served: list[str] = []
    assert turns.take(holder)
    threads = [
        waiting_for_a_turn(turns, heavy, served, "heavy"),
        waiting_for_a_turn(turns, light, served, "light"),
    ]
    turns.give(holder)
    for thread in threads:
        thread.join(timeout=10)
    assert served == ["light", "heavy"]


def test_equal_shares_are_served_in_arrival_order() -> None:
    turns, holder = Turns(), Share()
    served: list[str] = []
    assert turns.take(holder)
    threads = [waiting_for_a_turn(turns, Share(), served, str(n)) for n in range(4)]
    turns.give(holder)
    for thread in threads:
        thread.join(timeout=10)
    assert served == ["0", "1", "2", "3"]


def test_a_wait_ends_at_its_deadline_or_when_its_client_has_left() -> None:
    """Waiters once waited without bound."""
    turns, holder = Turns(), Share()
    assert turns.take(holder)
    assert not turns.take(Share(), deadline=time.monotonic() + 0.05)
    assert not turns.take(Share(), abandoned=lambda: True)
    assert turns.waiting() == 0
    turns.give(holder)
    assert turns.take(Share(), deadline=time.monotonic())  # a free turn needs no waiting


def test_the_holder_gives_way_after_a_quantum_to_a_share_that_worked_less() -> None:
    ticks = Ticks()
    turns, heavy, light = Turns(clock=ticks), Share(), Share()
    assert turns.take(heavy)
    assert not turns.should_give_way(heavy)  # nobody waits
    served: list[str] = []
    thread = waiting_for_a_turn(turns, light, served, "light")
    assert not turns.should_give_way(heavy)  # not a quantum yet
    ticks.now += 2 * QUANTUM
    assert turns.should_give_way(heavy)
    turns.give(heavy)
    thread.join(timeout=10)
    assert served == ["light"]
    assert heavy.work(ticks.now) == pytest.approx(2 * QUANTUM)  # charged for the turn it held


def test_a_share_forgets_half_its_work_every_half_life() -> None:
    share = Share()
    share.charge(4.0, 100.0)
    assert share.work(100.0 + HALF_LIFE_SECONDS) == 2.0
    other = Share()
    other.charge(3.0, 100.0 + HALF_LIFE_SECONDS)
    assert share.rank() < other.rank()  # 2 s of work left against 3


def test_a_new_share_starts_level_with_the_least_served_one_around() -> None:
    """A client from a fresh address once ranked below everyone, ahead of every waiter."""
    ticks = Ticks()
    turns, holder, waiter, newcomer = Turns(clock=ticks), Share(), Share(), Share()
    holder.charge(2.0, ticks.now)
    waiter.charge(1.0, ticks.now)
    assert turns.take(holder)
    served: list[str] = []
    first = waiting_for_a_turn(turns, waiter, served, "waiter")
    second = waiting_for_a_turn(turns, newcomer, served, "newcomer")
    assert newcomer.work(ticks.now) == 1.0
    turns.give(holder)
    for thread in (first, second):
        thread.join(timeout=10)
    assert served == ["waiter", "newcomer"]  # level: in arrival order
    assert Share().new and not newcomer.new
