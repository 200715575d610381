from __future__ import annotations

from datetime import UTC, datetime, timedelta

from statsref.server.datasets import DatasetCache, site_days

from .conftest import NOW, SMALL_DATASET


def test_site_days_follow_each_timezone():
    late_evening_utc = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)  # still Nov 2 in New York
    days = site_days(late_evening_utc)
    assert [d.isoformat() for d in days] == ["2026-11-03", "2026-11-02"]


def test_pinned_clock_builds_once():
    cache = DatasetCache(events=SMALL_DATASET, seed=1, pinned_now=NOW)
    assert cache.now() == NOW
    first = cache.get(cache.now())
    assert cache.get(cache.now()) is first
    assert cache.builds == 1


def test_rebuilds_when_a_site_day_changes():
    clock = [datetime(2026, 11, 2, 23, 0, tzinfo=UTC)]
    cache = DatasetCache(events=SMALL_DATASET, seed=1, clock=lambda: clock[0])
    first = cache.get(cache.now())
    clock[0] += timedelta(minutes=30)
    assert cache.get(cache.now()) is first
    clock[0] += timedelta(hours=1)  # past midnight UTC: dummy.site has a new day
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
