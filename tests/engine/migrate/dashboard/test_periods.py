"""The dashboard's periods and comparisons as date ranges: every period with and without
``date``, and the comparison cases of plausible/analytics
``test/plausible/stats/comparisons_test.exs`` @0ad8fa88ff0a (site in UTC)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.dashboard.periods import (
    PERIODS,
    comparison,
    dashboard_period,
    until_today,
)
from statsref.engine.migrate.periods import Period

TODAY = date(2026, 11, 2)


def period(today: date = TODAY, **params: Any) -> tuple[Period, list[str]]:
    notes: list[str] = []
    return dashboard_period(params, today, notes), notes


SHORTHANDS = [
    ("day", "day", ["2026-10-10", "2026-10-10"]),
    ("7d", "7d", ["2026-10-03", "2026-10-09"]),
    ("28d", "28d", ["2026-09-12", "2026-10-09"]),
    ("30d", "30d", ["2026-09-10", "2026-10-09"]),
    ("91d", "91d", ["2026-07-11", "2026-10-09"]),
    ("month", "month", ["2026-10-01", "2026-10-31"]),
    ("6mo", "6mo", ["2026-04-01", "2026-09-30"]),
    ("12mo", "12mo", ["2025-10-01", "2026-09-30"]),
    ("year", "year", ["2026-01-01", "2026-12-31"]),
    ("all", "all", "all"),
]


@pytest.mark.parametrize(("name", "date_range", "dated"), SHORTHANDS)
def test_a_period_keeps_its_shorthand_unless_a_date_pins_it(
    name: str, date_range: str, dated: Any
) -> None:
    assert period(period=name)[0].date_range() == date_range
    assert period(period=name, date="2026-10-10")[0].date_range() == dated


def test_every_dashboard_period_is_covered() -> None:
    assert set(PERIODS) == {name for name, _, _ in SHORTHANDS} | {"custom", "realtime"}


def test_custom_runs_from_from_to_to() -> None:
    found, notes = period(period="custom", **{"from": "2024-08-08", "to": "2024-08-10"})
    assert (found.date_range(), notes) == (["2024-08-08", "2024-08-10"], [])


def test_custom_without_its_dates_is_yesterday_to_today() -> None:
    found, notes = period(period="custom")
    assert found.date_range() == ["2026-11-01", "2026-11-02"]
    assert notes[0].startswith("period=custom without from= and to=")


@pytest.mark.parametrize("params", [{}, {"period": "5d"}, {"period": True}])
def test_no_period_is_the_dashboard_s_default(params: dict) -> None:
    found, notes = period(**params)
    assert found.date_range() == "28d"
    assert "the query takes 28d" in notes[0]


def test_the_current_month_notes_that_the_dashboard_stops_at_today() -> None:
    assert period(period="month")[1] == [
        "The dashboard's month stops at today; the Stats API's month runs to its end, which has "
        "no data yet: the numbers are the same."
    ]


def test_all_time_up_to_a_date_is_all_time_with_a_note() -> None:
    found, notes = period(period="all", date="2026-01-01")
    assert found.date_range() == "all"
    assert notes[0].startswith("All time up to date=2026-01-01 has no Stats API range")


@pytest.mark.parametrize(
    "params",
    [
        {"period": "day", "date": "yesterday"},
        {"period": "day", "date": "20261010"},
        {"period": "day", "date": "2026-02-30"},
        {"period": "custom", "from": "2026-10-10", "to": "2026-10-01"},
    ],
)
def test_unreadable_dates_are_an_error(params: dict) -> None:
    with pytest.raises(MigrationError):
        period(**params)


def compared(today: date, mode: str, match: bool = False, **params: Any) -> list[str]:
    source, _ = period(today, **params)
    found = comparison(
        {"comparison": mode, "match_day_of_week": match, **params}, source, today, []
    )
    assert found is not None
    return found.explicit()


@pytest.mark.parametrize(
    ("params", "today", "mode", "match", "expected"),
    [
        # the source range is cut at today before it is shifted
        (
            {"period": "month", "date": "2023-03-02"},
            date(2023, 3, 2),
            "previous_period",
            False,
            ["2023-02-27", "2023-02-28"],
        ),
        (
            {"period": "month", "date": "2023-03-01"},
            date(2023, 3, 1),
            "previous_period",
            False,
            ["2023-02-28", "2023-02-28"],
        ),
        # the next Wednesday would be the period's own first day: the one before instead
        (
            {"period": "month", "date": "2023-03-02"},
            date(2023, 3, 2),
            "previous_period",
            True,
            ["2023-02-22", "2023-02-23"],
        ),
        (
            {"period": "month", "date": "2023-02-01"},
            date(2023, 3, 1),
            "previous_period",
            False,
            ["2023-01-04", "2023-01-31"],
        ),
        (
            {"period": "month", "date": "2023-02-01"},
            date(2023, 3, 1),
            "year_over_year",
            False,
            ["2022-02-01", "2022-02-28"],
        ),
        # 365 days: a leap year's month plus one day
        (
            {"period": "month", "date": "2020-02-01"},
            date(2023, 3, 1),
            "year_over_year",
            False,
            ["2019-02-01", "2019-03-01"],
        ),
        (
            {"period": "month", "date": "2023-02-01"},
            date(2023, 3, 1),
            "previous_period",
            True,
            ["2023-01-04", "2023-01-31"],
        ),
        (
            {"period": "month", "date": "2023-01-01"},
            date(2023, 3, 1),
            "previous_period",
            True,
            ["2022-12-04", "2023-01-03"],
        ),
        (
            {"period": "year", "date": "2023-03-01"},
            date(2023, 3, 1),
            "previous_period",
            False,
            ["2022-11-02", "2022-12-31"],
        ),
        (
            {"period": "year", "date": "2023-03-01"},
            date(2023, 3, 1),
            "year_over_year",
            False,
            ["2022-01-01", "2022-03-01"],
        ),
        (
            {"period": "year", "date": "2023-03-01"},
            date(2023, 3, 1),
            "year_over_year",
            True,
            ["2022-01-02", "2022-03-02"],
        ),
        (
            {"period": "year", "date": "2022-03-02"},
            TODAY,
            "year_over_year",
            False,
            ["2021-01-01", "2021-12-31"],
        ),
        (
            {"period": "year", "date": "2022-03-02"},
            TODAY,
            "previous_period",
            False,
            ["2021-01-01", "2021-12-31"],
        ),
        (
            {"period": "custom", "from": "2023-01-01", "to": "2023-01-07"},
            TODAY,
            "previous_period",
            False,
            ["2022-12-25", "2022-12-31"],
        ),
        (
            {"period": "custom", "from": "2023-01-01", "to": "2023-01-07"},
            TODAY,
            "year_over_year",
            False,
            ["2022-01-01", "2022-01-07"],
        ),
    ],
)
def test_the_dashboard_s_comparison_cases(
    params: dict, today: date, mode: str, match: bool, expected: list[str]
) -> None:
    assert compared(today, mode, match, **params) == expected


def test_a_custom_comparison_is_its_own_dates_whatever_the_weekday() -> None:
    dates = {"compare_from": "2022-05-25", "compare_to": "2022-05-30"}
    assert compared(TODAY, "custom", True, period="7d", **dates) == ["2022-05-25", "2022-05-30"]


def test_the_dashboard_matches_the_weekday_unless_told_not_to() -> None:
    source, _ = period(period="7d")  # Mon 26 Oct to Sun 1 Nov 2026
    matched = comparison({"comparison": "previous_period"}, source, TODAY, [])
    assert matched is not None and matched.explicit() == ["2026-10-19", "2026-10-25"]


@pytest.mark.parametrize(
    ("params", "note"),
    [
        (
            {"period": "all", "comparison": "previous_period"},
            "The dashboard compares no all view: comparison=previous_period is ignored.",
        ),
        (
            {"period": "realtime", "comparison": "year_over_year"},
            "The dashboard compares no realtime view: comparison=year_over_year is ignored.",
        ),
        (
            {"period": "7d", "comparison": "last_week"},
            "comparison=last_week is not a dashboard comparison: the query has none.",
        ),
        (
            {"period": "7d", "comparison": "custom"},
            "comparison=custom needs compare_from= and compare_to=: without them the query has no "
            "comparison.",
        ),
    ],
)
def test_no_comparison_with_a_note(params: dict, note: str) -> None:
    source, _ = period(**params)
    notes: list[str] = []
    assert comparison(params, source, TODAY, notes) is None
    assert notes == [note]


@pytest.mark.parametrize("mode", [None, "off"])
def test_no_comparison_asked(mode: str | None) -> None:
    source, _ = period(period="7d")
    assert comparison({"comparison": mode} if mode else {}, source, TODAY, []) is None


def test_a_custom_comparison_backwards_is_an_error() -> None:
    source, _ = period(period="7d")
    params = {"comparison": "custom", "compare_from": "2026-01-02", "compare_to": "2026-01-01"}
    with pytest.raises(MigrationError, match="is after"):
        comparison(params, source, TODAY, [])


def test_the_compared_days_stop_at_today() -> None:
    source, _ = period(period="month")
    assert until_today(source, TODAY).explicit() == ["2026-11-01", "2026-11-02"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # OverflowError and ValueError tracebacks before (the v1 converter's, issue 20 item 7)
        ({"period": "7d", "date": "0001-01-03"}, "period=7d counted from 0001-01-03 reaches past"),
        ({"period": "12mo", "date": "0001-01-15"}, "period=12mo counted from 0001-01-15"),
        (
            {"period": "day", "date": "0001-01-01", "comparison": "year_over_year"},
            "comparison=year_over_year of 0001-01-01 to 0001-01-01 reaches past",
        ),
        (
            {"period": "day", "date": "0001-01-01", "comparison": "previous_period"},
            "comparison=previous_period of 0001-01-01 to 0001-01-01 reaches past",
        ),
    ],
)
def test_dates_past_the_calendar_are_an_error(params: dict, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        source, notes = period(**params)
        comparison(params, source, TODAY, notes)
