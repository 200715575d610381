"""The check's own date-range rules, on the corpus clock and across a DST change."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from statsref.corpus.dates import expected_range, time_bucket

NOW = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
UTC_ZONE = ZoneInfo("UTC")
NEW_YORK = ZoneInfo("America/New_York")


def days(value: object, zone: ZoneInfo = UTC_ZONE) -> tuple[str, str]:
    first, last = expected_range(value, NOW, zone)  # type: ignore[misc]
    return first.isoformat(), last.isoformat()


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("day", "2026-11-02", "2026-11-02"),
        ("7d", "2026-10-26", "2026-11-01"),
        ("28d", "2026-10-05", "2026-11-01"),
        ("91d", "2026-08-03", "2026-11-01"),
        ("month", "2026-11-01", "2026-11-30"),
        ("6mo", "2026-05-01", "2026-10-31"),
        ("12mo", "2025-11-01", "2026-10-31"),
        ("year", "2026-01-01", "2026-12-31"),
        (["2026-02-01", "2026-02-28"], "2026-02-01", "2026-02-28"),
    ],
)
def test_date_based_ranges(value: object, first: str, last: str) -> None:
    assert days(value) == (f"{first}T00:00:00+00:00", f"{last}T23:59:59+00:00")


def test_ranges_use_the_site_timezone_and_its_offsets() -> None:
    assert days("91d", NEW_YORK) == ("2026-08-03T00:00:00-04:00", "2026-11-01T23:59:59-05:00")


def test_instant_ranges() -> None:
    assert days("24h") == ("2026-11-01T14:30:00+00:00", "2026-11-02T14:30:00+00:00")
    pair = ["2026-11-02T08:00:00Z", "2026-11-02T11:59:59+02:00"]
    assert days(pair) == ("2026-11-02T08:00:00+00:00", "2026-11-02T11:59:59+02:00")


def test_all_is_left_to_the_engine() -> None:
    assert expected_range("all", NOW, UTC_ZONE) is None


@pytest.mark.parametrize(
    ("value", "bucket"),
    [
        ("day", "time:hour"),
        ("7d", "time:day"),
        ("month", "time:day"),
        ("91d", "time:week"),
        ("12mo", "time:week"),
        ("year", "time:week"),
        (["2024-01-01", "2026-10-31"], "time:month"),
    ],
)
def test_time_bucket_counts_whole_units(value: object, bucket: str) -> None:
    assert time_bucket(*expected_range(value, NOW, NEW_YORK)) == bucket  # type: ignore[misc]


def test_without_a_clock_only_a_pair_resolves() -> None:
    assert expected_range(["2026-10-01", "2026-10-02"], None, NEW_YORK) == (
        datetime.fromisoformat("2026-10-01T00:00:00-04:00"),
        datetime.fromisoformat("2026-10-02T23:59:59-04:00"),
    )
    assert expected_range("7d", None, UTC_ZONE) is None
    assert expected_range("24h", None, UTC_ZONE) is None
