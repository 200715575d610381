"""Date ranges: every shorthand (today = 2021-05-05), pairs, DST, buckets and the echo."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from demo import SITES
from statsref.engine.language.dates import (
    day_end,
    day_start,
    echo_datetime,
    echo_range,
    parse_date_input,
    resolve,
    time_bucket,
)
from statsref.engine.language.errors import QueryError
from statsref.engine.language.query import DateRange

DUMMY, SHOP = SITES["dummy.site"], SITES["shop.dummy.site"]
NOW = datetime(2021, 5, 5, 14, 30, 15, 123456, tzinfo=UTC)


def days(value: object, site=DUMMY, now: datetime = NOW) -> tuple[date, date]:
    resolved = resolve(parse_date_input(value), site, now)
    return resolved.first.date(), resolved.last.date()


@pytest.mark.parametrize(
    ("shorthand", "first", "last"),
    [
        ("day", "2021-05-05", "2021-05-05"),
        ("1d", "2021-05-04", "2021-05-04"),
        ("7d", "2021-04-28", "2021-05-04"),
        ("28d", "2021-04-07", "2021-05-04"),
        ("30d", "2021-04-05", "2021-05-04"),
        ("91d", "2021-02-03", "2021-05-04"),
        ("5000d", "2007-08-27", "2021-05-04"),
        ("month", "2021-05-01", "2021-05-31"),
        ("1mo", "2021-04-01", "2021-04-30"),
        ("6mo", "2020-11-01", "2021-04-30"),
        ("12mo", "2020-05-01", "2021-04-30"),
        ("100mo", "2013-01-01", "2021-04-30"),
        ("year", "2021-01-01", "2021-12-31"),
        ("all", "2020-05-05", "2021-05-05"),
        (["2021-01-01", "2021-01-31"], "2021-01-01", "2021-01-31"),
    ],
)
def test_date_based_ranges(shorthand: object, first: str, last: str) -> None:
    assert days(shorthand) == (date.fromisoformat(first), date.fromisoformat(last))


def test_date_based_ranges_run_from_midnight_to_the_last_second() -> None:
    resolved = resolve(parse_date_input("7d"), DUMMY, NOW)
    assert resolved.first == datetime(2021, 4, 28, tzinfo=ZoneInfo("UTC"))
    assert resolved.last == datetime(2021, 5, 4, 23, 59, 59, tzinfo=ZoneInfo("UTC"))


def test_all_starts_at_the_sites_native_stats() -> None:
    assert days("all", SHOP)[0] == date(2021, 5, 5) - timedelta(days=SHOP.native_days)


def test_today_is_the_date_in_the_site_timezone() -> None:
    late_evening_in_new_york = datetime(2021, 5, 5, 2, 0, tzinfo=UTC)
    assert days("day", SHOP, late_evening_in_new_york) == (date(2021, 5, 4),) * 2
    assert days("day", DUMMY, late_evening_in_new_york) == (date(2021, 5, 5),) * 2


def test_24h_is_exact_instants_truncated_to_the_second() -> None:
    resolved = resolve(parse_date_input("24h"), SHOP, NOW)
    assert resolved.last_utc == datetime(2021, 5, 5, 14, 30, 15, tzinfo=UTC)
    assert resolved.first_utc == datetime(2021, 5, 4, 14, 30, 15, tzinfo=UTC)
    assert resolved.first.utcoffset() == timedelta(hours=-4)


def test_datetime_pairs_are_converted_to_the_site_zone() -> None:
    value = ["2021-01-01T00:00:00+03:00", "2021-01-02T12:00:00.5Z"]
    resolved = resolve(parse_date_input(value), SHOP, NOW)
    assert resolved.first.isoformat() == "2020-12-31T16:00:00-05:00"
    assert resolved.last.isoformat() == "2021-01-02T07:00:00-05:00"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0d", 'Invalid date_range "0d"'),
        ("5001d", 'Invalid date_range "5001d"'),
        ("0mo", 'Invalid date_range "0mo"'),
        ("101mo", 'Invalid date_range "101mo"'),
        ("999999999mo", 'Invalid date_range "999999999mo"'),
        (
            ["2021-02-03T00:00:00", "2021-02-03T23:59:59"],
            'Invalid date_range \'["2021-02-03T00:00:00", "2021-02-03T23:59:59"]\'.',
        ),
        (["2021-02-30", "2021-03-01"], 'Invalid date_range \'["2021-02-30", "2021-03-01"]\'.'),
        (
            ["2021-05-05", "2021-05-01"],
            'Invalid date_range \'["2021-05-05", "2021-05-01"]\': '
            "the first end is after the last one.",
        ),
    ],
)
def test_parser_stage_errors(value: object, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_date_input(value)
    assert caught.value.message == message
    assert caught.value.pointer == "/date_range"


def test_a_range_beyond_the_calendar_is_an_error() -> None:
    with pytest.raises(QueryError, match="Invalid date_range: it resolves outside"):
        resolve(
            parse_date_input(["0001-01-01", "0001-01-02"]),
            replace(DUMMY, timezone="Asia/Tokyo"),
            NOW,
        )


# --- DST -------------------------------------------------------------------------------

NEW_YORK = ZoneInfo("America/New_York")


def test_new_york_spring_forward_day_is_23_hours() -> None:
    resolved = resolve(parse_date_input(["2021-03-14", "2021-03-14"]), SHOP, NOW)
    assert resolved.first.isoformat() == "2021-03-14T00:00:00-05:00"
    assert resolved.last.isoformat() == "2021-03-14T23:59:59-04:00"
    assert resolved.last_utc - resolved.first_utc == timedelta(hours=23, seconds=-1)


def test_new_york_fall_back_day_is_25_hours() -> None:
    resolved = resolve(parse_date_input(["2021-11-07", "2021-11-07"]), SHOP, NOW)
    assert resolved.first.isoformat() == "2021-11-07T00:00:00-04:00"
    assert resolved.last.isoformat() == "2021-11-07T23:59:59-05:00"
    assert resolved.last_utc - resolved.first_utc == timedelta(hours=25, seconds=-1)


def test_echo_offsets_follow_dst_in_new_york() -> None:
    resolved = resolve(parse_date_input(["2021-03-01", "2021-03-31"]), SHOP, NOW)
    assert echo_range(resolved, SHOP) == ["2021-03-01T00:00:00-05:00", "2021-03-31T23:59:59-04:00"]


def test_a_start_in_a_gap_moves_to_the_first_instant_after_it() -> None:
    # Havana moves clocks from 00:00 to 01:00 on 2021-03-14.
    start = day_start(date(2021, 3, 14), ZoneInfo("America/Havana"))
    assert start.isoformat() == "2021-03-14T01:00:00-04:00"
    assert start.astimezone(UTC) == datetime(2021, 3, 14, 5, 0, tzinfo=UTC)


def test_an_ambiguous_start_takes_the_later_instant() -> None:
    # Havana repeats 00:00-00:59 on 2021-11-07.
    start = day_start(date(2021, 11, 7), ZoneInfo("America/Havana"))
    assert start.astimezone(UTC) == datetime(2021, 11, 7, 5, 0, tzinfo=UTC)


def test_an_ambiguous_end_takes_the_earlier_instant() -> None:
    # Santiago repeats 23:00-23:59 on 2022-04-02.
    end = day_end(date(2022, 4, 2), ZoneInfo("America/Santiago"))
    assert end.astimezone(UTC) == datetime(2022, 4, 3, 2, 59, 59, tzinfo=UTC)


def test_an_end_in_a_gap_is_the_last_second_before_it() -> None:
    # Samoa skipped 2011-12-30 entirely.
    zone = ZoneInfo("Pacific/Apia")
    assert day_end(date(2011, 12, 30), zone).isoformat() == "2011-12-29T23:59:59-10:00"
    assert day_start(date(2011, 12, 30), zone).isoformat() == "2011-12-31T00:00:00+14:00"


def test_ordinary_days_are_untouched() -> None:
    assert day_start(date(2021, 6, 1), NEW_YORK).isoformat() == "2021-06-01T00:00:00-04:00"
    assert day_end(date(2021, 6, 1), NEW_YORK).isoformat() == "2021-06-01T23:59:59-04:00"


# --- buckets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bucket"),
    [
        ("day", "time:hour"),
        ("24h", "time:hour"),
        (["2021-05-01", "2021-05-02"], "time:hour"),
        (["2021-05-01", "2021-05-03"], "time:day"),
        ("7d", "time:day"),
        ("28d", "time:day"),
        ("30d", "time:day"),
        ("month", "time:day"),
        (["2021-01-01", "2021-02-10"], "time:day"),
        (["2021-01-01", "2021-02-11"], "time:week"),
        ("91d", "time:week"),
        ("6mo", "time:week"),
        ("12mo", "time:week"),
        ("year", "time:week"),
        ("all", "time:week"),
        (["2020-01-01", "2021-01-05"], "time:week"),
        (["2020-01-01", "2021-01-07"], "time:month"),
        ("5000d", "time:month"),
        (["2021-05-01T10:00:00Z", "2021-05-03T10:00:00Z"], "time:hour"),
        (["2021-05-01T10:00:00Z", "2021-05-03T11:00:00Z"], "time:day"),
    ],
)
def test_time_bucket(value: object, bucket: str) -> None:
    assert time_bucket(resolve(parse_date_input(value), DUMMY, NOW)) == bucket


def test_bucket_length_is_measured_in_utc() -> None:
    # 41 local days spanning the fall-back change last 41 days in UTC: weeks, not days.
    value = ["2021-10-01", "2021-11-10"]
    assert time_bucket(resolve(parse_date_input(value), SHOP, NOW)) == "time:week"
    assert time_bucket(resolve(parse_date_input(value), DUMMY, NOW)) == "time:day"


# --- echo ------------------------------------------------------------------------------


def test_echo_writes_utc_with_z_and_other_zones_with_an_offset() -> None:
    moment = datetime(2021, 5, 4, 23, 59, 59, tzinfo=UTC)
    assert echo_datetime(moment, DUMMY) == "2021-05-04T23:59:59Z"
    assert echo_datetime(moment, SHOP) == "2021-05-04T19:59:59-04:00"
    london = replace(DUMMY, timezone="Europe/London")
    assert echo_datetime(datetime(2021, 1, 4, tzinfo=UTC), london) == "2021-01-04T00:00:00+00:00"


def test_echo_range_has_both_ends() -> None:
    resolved = DateRange(
        datetime(2021, 4, 28, tzinfo=ZoneInfo("UTC")),
        datetime(2021, 5, 4, 23, 59, 59, tzinfo=ZoneInfo("UTC")),
    )
    assert echo_range(resolved, DUMMY) == ["2021-04-28T00:00:00Z", "2021-05-04T23:59:59Z"]
