"""v1 periods as v1 resolves them (the cases of its own tests), and their v2 date ranges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.periods import (
    Period,
    default_interval,
    previous_period,
    resolve_period,
)

TODAY = date(2024, 5, 3)


def resolve(**params: str) -> tuple[Period, list[str]]:
    notes: list[str] = []
    return resolve_period(params, TODAY, notes), notes


def test_a_previous_period_before_the_calendar_is_an_error() -> None:
    period, _ = resolve(period="custom", date="0001-01-01,0001-01-05")
    with pytest.raises(
        MigrationError, match=r"^compare=previous_period of 0001-01-01 to 0001-01-05"
    ):
        previous_period(period, TODAY)


@pytest.mark.parametrize("name", ["day", "7d", "30d", "month"])
def test_a_period_without_a_date_keeps_its_v2_shorthand(name: str) -> None:
    period, notes = resolve(period=name)
    assert period.date_range() == name
    assert notes == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"period": "6mo"}, ["2023-12-01", "2024-05-31"]),  # v1's own test, at 2024-05-03
        ({"period": "12mo"}, ["2023-06-01", "2024-05-31"]),
        ({"period": "6mo", "date": "2021-01-01"}, ["2020-08-01", "2021-01-31"]),
        ({"period": "6mo", "date": "2021-06-30"}, ["2021-01-01", "2021-06-30"]),
        ({"period": "7d", "date": "2021-01-08"}, ["2021-01-01", "2021-01-07"]),
        ({"period": "30d", "date": "2021-03-01"}, ["2021-01-30", "2021-02-28"]),
        ({"period": "day", "date": "2019-01-01"}, ["2019-01-01", "2019-01-01"]),
        ({"period": "month", "date": "2024-02-10"}, ["2024-02-01", "2024-02-29"]),
        ({"period": "custom", "date": "2020-12-01, 2021-01-02"}, ["2020-12-01", "2021-01-02"]),
    ],
)
def test_periods_v2_cannot_say_relatively_become_dates(
    params: dict[str, str], expected: list[str]
) -> None:
    period, _ = resolve(**params)
    assert period.date_range() == expected


def test_months_counted_from_today_say_so() -> None:
    _, notes = resolve(period="12mo")
    assert len(notes) == 1
    assert "includes the current month" in notes[0] and "2024-05-03" in notes[0]


def test_a_missing_period_is_30d_with_a_note() -> None:
    period, notes = resolve()
    assert period.date_range() == "30d"
    assert notes == ["v1 uses period=30d when none is given; v2 needs a date_range."]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "year"}, "period=year is not a v1 period"),
        ({"period": "custom"}, "period=custom needs date=<first>,<last>"),
        ({"period": "custom", "date": "2021-01-01"}, "not date=2021-01-01"),
        ({"period": "custom", "date": "2021-02-01,2021-01-01"}, "first day is after the last"),
        ({"period": "day", "date": "2021-dkjbAS"}, "date=2021-dkjbAS is not a date"),
        # Date arithmetic past the calendar raised ValueError or OverflowError.
        (
            {"period": "12mo", "date": "0001-01-15"},
            "^period=12mo counted from 0001-01-15 reaches past 0001-01-01 or 9999-12-31",
        ),
        ({"period": "7d", "date": "0001-01-03"}, "^period=7d counted from 0001-01-03 reaches"),
    ],
)
def test_periods_v1_rejects_are_errors(params: dict[str, str], message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        resolve(**params)


@pytest.mark.parametrize(
    ("params", "previous"),
    [
        ({"period": "7d"}, (date(2024, 4, 19), date(2024, 4, 25))),
        ({"period": "day"}, (date(2024, 5, 2), date(2024, 5, 2))),
        # A period running into the future compares the days up to today only.
        ({"period": "month"}, (date(2024, 4, 28), date(2024, 4, 30))),
        (
            {"period": "custom", "date": "2024-01-01,2024-01-31"},
            (date(2023, 12, 1), date(2023, 12, 31)),
        ),
    ],
)
def test_the_previous_period_has_as_many_days_and_ends_the_day_before(
    params: dict[str, str], previous: tuple[date, date]
) -> None:
    period, _ = resolve(**params)
    before = previous_period(period, TODAY)
    assert (before.first, before.last) == previous
    assert before.last == period.first - timedelta(days=1)


@pytest.mark.parametrize(
    ("name", "interval"),
    [("day", "hour"), ("7d", "day"), ("month", "day"), ("6mo", "month"), ("12mo", "month")],
)
def test_timeseries_buckets_default_by_period(name: str, interval: str) -> None:
    period, _ = resolve(period=name)
    assert default_interval(period) == interval
