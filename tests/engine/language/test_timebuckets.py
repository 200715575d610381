"""Time buckets: bucket numbers, their labels, week clamping, every label of a range and how
many there are."""

from __future__ import annotations

from datetime import UTC as UTC_TZ
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsref.engine.language.query import DateRange
from statsref.engine.language.timebuckets import (
    LocalClock,
    bucket_count,
    day_number,
    label,
    local_days,
    time_labels,
    week_start,
)

UTC = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")


def days(first: str, last: str, tz: ZoneInfo = UTC) -> DateRange:
    return DateRange(
        datetime.fromisoformat(f"{first}T00:00:00").replace(tzinfo=tz),
        datetime.fromisoformat(f"{last}T23:59:59").replace(tzinfo=tz),
    )


def test_day_numbers_and_labels():
    monday = day_number(datetime(2026, 11, 2).date())
    assert label("time:day", monday) == "2026-11-02"
    assert label("time:hour", (monday * 24 + 9) * 2) == "2026-11-02 09:00:00"
    assert label("time:hour", (monday * 24 + 9) * 2 + 1) == "2026-11-02 09:00:00"
    assert label("time:month", 2026 * 12 + 0) == "2026-01-01"


def test_weeks_start_on_monday_but_never_before_the_range():
    monday = day_number(datetime(2026, 11, 2).date())
    assert week_start(monday + 6, 0) == monday
    assert week_start(monday + 6, monday + 3) == monday + 3


@pytest.mark.parametrize(
    ("bucket", "first", "last", "labels"),
    [
        (
            "time:day",
            "2026-10-30",
            "2026-11-02",
            ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"],
        ),
        (
            "time:week",
            "2026-12-20",
            "2027-01-07",
            ["2026-12-20", "2026-12-21", "2026-12-28", "2027-01-04"],
        ),
        ("time:month", "2026-11-15", "2027-01-02", ["2026-11-01", "2026-12-01", "2027-01-01"]),
    ],
)
def test_every_label_of_a_range(bucket, first, last, labels):
    assert time_labels(bucket, days(first, last)) == labels


def test_hour_labels_follow_the_site_clock_over_a_dst_change():
    """1 November 2026 in New York has 25 hours: 01:00 happens twice and is listed twice,
    as the API lists it; 8 March has 23, without 02:00."""
    labels = time_labels("time:hour", days("2026-11-01", "2026-11-01", NEW_YORK))
    assert len(labels) == 25 and labels[0] == "2026-11-01 00:00:00"
    assert labels[1:3] == ["2026-11-01 01:00:00"] * 2 and labels[3] == "2026-11-01 02:00:00"
    assert labels[-1] == "2026-11-01 23:00:00" and len(set(labels)) == 24
    spring = time_labels("time:hour", days("2026-03-08", "2026-03-08", NEW_YORK))
    assert len(spring) == 23 and "2026-03-08 02:00:00" not in spring


@pytest.mark.parametrize(
    ("zone", "day", "count"),
    [("Australia/Lord_Howe", "2026-04-05", 25), ("Asia/Kathmandu", "2026-01-01", 24)],
)
def test_half_hour_zones_and_shifts(zone, day, count):
    """Lord Howe goes back half an hour (01:00 starts twice, 30 minutes apart); Kathmandu's
    hours start at a quarter past a UTC hour."""
    labels = time_labels("time:hour", days(day, day, ZoneInfo(zone)))
    assert len(labels) == count and labels[-1] == f"{day} 23:00:00"


def test_hour_slots_tell_a_repeated_hour_apart():
    clock = LocalClock(NEW_YORK)
    first = int(datetime(2026, 11, 1, 5, 30, tzinfo=UTC_TZ).timestamp())  # 01:30 EDT
    second = first + 3600  # 01:30 EST
    assert clock.hour_slot(second) == clock.hour_slot(first) + 1
    assert label("time:hour", clock.hour_slot(second)) == "2026-11-01 01:00:00"
    assert clock.hour_slot(second + 3600) == clock.hour_slot(first) + 2
    assert list(clock.hour_starts(first, second)) == [first - 1800, second - 1800]


def test_local_days_of_a_range():
    first, last = local_days(days("2026-11-01", "2026-11-02", NEW_YORK))
    assert (first, last) == (
        day_number(datetime(2026, 11, 1).date()),
        day_number(datetime(2026, 11, 2).date()),
    )


def test_hour_labels_reach_the_last_hour_of_year_9999():
    """Stepping one hour past the last label once overflowed the largest datetime."""
    labels = time_labels("time:hour", days("9999-12-31", "9999-12-31"))
    assert len(labels) == 24 and labels[-1] == "9999-12-31 23:00:00"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    bucket=st.sampled_from(["time:hour", "time:day", "time:week", "time:month"]),
    first=st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2030, 1, 1).date()),
    length=st.integers(0, 120),
    tz=st.sampled_from([UTC, NEW_YORK]),
)
def test_bucket_count_matches_the_labels(bucket, first, length, tz):
    """Counted without listing them; hours may count one more over a repeated DST hour."""
    date_range = days(
        first.isoformat(), first.fromordinal(first.toordinal() + length).isoformat(), tz
    )
    count, listed = bucket_count(bucket, date_range), len(time_labels(bucket, date_range))
    assert count == listed or (bucket == "time:hour" and count == listed + 1)
