from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from statsref.engine import Dataset, demo_sites
from statsref.server.datasets import DatasetCache, site_days

from .conftest import NOW, SMALL_DATASET


def test_site_days_follow_each_timezone():
    late_evening_utc = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)  # still Nov 2 in New York
    days = site_days(late_evening_utc, demo_sites())
    assert [d.isoformat() for d in days] == ["2026-11-03", "2026-11-02", "2026-11-03"]


def test_pinned_clock_builds_once():
    cache = DatasetCache(events=SMALL_DATASET, seed=1, pinned_now=NOW)
    assert cache.now() == NOW
    first = cache.get(cache.now())
    assert cache.get(cache.now()) is first
    assert cache.builds == 1


def test_a_lazy_cache_builds_a_sites_days_when_a_query_reads_them():
    built = DatasetCache(events=SMALL_DATASET, seed=1, pinned_now=NOW).get(NOW)
    lazy = DatasetCache(events=SMALL_DATASET, seed=1, pinned_now=NOW, lazy=True).get(NOW)
    assert not built.needs_build("dummy.site") and lazy.needs_build("dummy.site")
    assert lazy.events("dummy.site") == built.events("dummy.site")


def test_rebuilds_when_a_site_day_changes():
    clock = [datetime(2026, 11, 2, 23, 0, tzinfo=UTC)]
    cache = DatasetCache(events=SMALL_DATASET, seed=1, clock=lambda: clock[0])
    first = cache.get(cache.now())
    clock[0] += timedelta(minutes=30)
    assert cache.get(cache.now()) is first
    clock[0] += timedelta(hours=1)  # past midnight UTC: dummy.site has a new day
    cache.get(cache.now())
    cache.wait_for_next(timeout=60)
    assert cache.get(cache.now()) is not first
    assert cache.builds == 2


def test_requested_clocks_get_lazy_datasets_of_their_own():
    cache = DatasetCache(events=SMALL_DATASET, seed=1, pinned_now=NOW)
    assert cache.for_clock(NOW) is cache.get(NOW)
    later = NOW + timedelta(days=3)
    asked = cache.for_clock(later)
    assert asked.now == later and asked is cache.for_clock(later)
    for days in (4, 5):
        cache.for_clock(NOW + timedelta(days=days))
    assert cache.for_clock(later) is not asked  # only the most recent clocks are kept
    assert cache.builds == 1


class GatedBuild:
    """``Dataset.build`` whose builds after the first wait for ``release``."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, now: datetime, **options: int) -> Dataset:
        self.calls += 1
        if self.calls > 1:
            assert self.release.wait(timeout=60)
        return Dataset.build(now, **options)


def test_queries_never_wait_for_the_next_days_build():
    """Past midnight the current dataset answers at once while the next one is built."""
    clock = [datetime(2026, 11, 2, 23, 59, tzinfo=UTC)]
    build = GatedBuild()
    cache = DatasetCache(events=SMALL_DATASET, seed=1, clock=lambda: clock[0], build=build)
    first = cache.get(cache.now())
    clock[0] += timedelta(minutes=2)
    answered = [cache.get(cache.now()) for _ in range(3)]  # the build is held, yet they return
    assert answered == [first] * 3
    build.release.set()
    cache.wait_for_next(timeout=60)
    assert cache.get(cache.now()) is not first
    assert build.calls == cache.builds == 2  # one background build, not one per query


def test_a_failed_build_keeps_the_current_dataset(caplog):
    clock = [datetime(2026, 11, 2, 23, 59, tzinfo=UTC)]
    calls = []

    def flaky(now: datetime, **options: int) -> Dataset:
        calls.append(now)
        if len(calls) == 2:
            raise MemoryError("no room")
        return Dataset.build(now, **options)

    cache = DatasetCache(events=SMALL_DATASET, seed=1, clock=lambda: clock[0], build=flaky)
    first = cache.get(cache.now())
    clock[0] += timedelta(minutes=2)
    cache.get(cache.now())
    cache.wait_for_next(timeout=60)
    assert cache.get(cache.now()) is first and "dataset build failed" in caplog.text
    cache.wait_for_next(timeout=60)  # the next query started another build
    assert cache.get(cache.now()) is not first
