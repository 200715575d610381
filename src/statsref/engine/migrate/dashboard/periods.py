"""The dashboard's ``period``, ``date`` and ``comparison`` as Stats API date ranges.

Periods (plausible/analytics ``lib/plausible/stats/query_period.ex`` @afa084a5402a and
``assets/js/dashboard/dashboard-time-periods.ts``), each counted from ``date`` (the day the
dashboard shows, today by default): ``day`` is that day; ``7d``, ``28d``, ``30d`` and ``91d``
the N days before it; ``6mo`` and ``12mo`` the full months before its month; ``month`` and
``year`` its calendar month and year (the dashboard stops the current one at today, which
changes no number: later days have no data yet); ``all`` everything up to it; ``custom`` runs
from ``from`` to ``to``. The Stats API has the same shorthands, counted from today: a URL
without ``date`` keeps its shorthand, one with ``date`` becomes two dates.

Comparisons (``lib/plausible/stats/comparisons.ex`` @053c57f211bb): ``previous_period`` is as
many days as the period has up to today, just before it; ``year_over_year`` the same days 365
days earlier; ``custom`` runs from ``compare_from`` to ``compare_to``. With
``match_day_of_week`` (the dashboard's default) the comparison then moves forward to the next
day with the weekday the period starts on (back a week instead if that is the period's first
day). Realtime and all time have no comparison.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..errors import MigrationError
from ..periods import Period, add_months, month_end, previous_period, within_calendar
from .search import Value

DEFAULT_PERIOD = "28d"
REALTIME, ALL, CUSTOM = "realtime", "all", "custom"
DAYS = {"7d": 7, "28d": 28, "30d": 30, "91d": 91}
MONTHS = {"6mo": 6, "12mo": 12}
PERIODS = ("day", "month", "year", REALTIME, ALL, CUSTOM, *DAYS, *MONTHS)
COMPARISONS = ("previous_period", "year_over_year", CUSTOM)
YEAR = timedelta(days=365)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def dashboard_period(params: dict[str, Value], today: date, notes: list[str]) -> Period:
    """The period the URL shows. ``all`` and ``realtime`` carry today as both ends: the
    conversion uses their name only."""
    name = params.get("period")
    if not isinstance(name, str) or name not in PERIODS:
        shown = f"period={name} is not a dashboard period" if "period" in params else "No period"
        notes.append(
            f"{shown}: the dashboard shows the period you used last, or {DEFAULT_PERIOD}; the "
            f"query takes {DEFAULT_PERIOD}."
        )
        name = DEFAULT_PERIOD
    if name == CUSTOM:
        return _custom(params, today, notes)
    anchor = read_date(params, "date")
    if anchor is not None and name == ALL:
        notes.append(
            f"All time up to date={anchor} has no Stats API range (its all ends today, and "
            "the site's first day is not in the URL); the query asks for all time."
        )
    with within_calendar(f"period={name} counted from {(anchor or today).isoformat()}"):
        first, last = _days(name, anchor or today)
    pinned = anchor is not None and name not in (ALL, REALTIME)
    if name in ("month", "year") and not pinned:
        notes.append(
            f"The dashboard's {name} stops at today; the Stats API's {name} runs to its end, "
            "which has no data yet: the numbers are the same."
        )
    return Period(name, first, last, None if pinned else name)


def _days(name: str, day: date) -> tuple[date, date]:
    if name in DAYS:
        return day - timedelta(days=DAYS[name]), day - timedelta(days=1)
    if name in MONTHS:
        first_of_month = day.replace(day=1)
        return add_months(first_of_month, -MONTHS[name]), first_of_month - timedelta(days=1)
    if name == "month":
        return day.replace(day=1), month_end(day)
    if name == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day  # day; all and realtime by convention


def _custom(params: dict[str, Value], today: date, notes: list[str]) -> Period:
    first, last = read_date(params, "from"), read_date(params, "to")
    if first is None or last is None:
        notes.append(
            "period=custom without from= and to=: the dashboard shows yesterday to today, and so "
            "does the query."
        )
    first, last = first or today - timedelta(days=1), last or today
    if first > last:
        raise MigrationError(f"from={first} is after to={last}")
    return Period(CUSTOM, first, last, None)


def read_date(params: dict[str, Value], name: str) -> date | None:
    value = params.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise MigrationError(f"{name}={value} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MigrationError(f"{name}={value} is not a date (YYYY-MM-DD)") from None


def comparison(
    params: dict[str, Value], period: Period, today: date, notes: list[str]
) -> Period | None:
    """The range the URL's ``comparison`` compares ``period`` with, or ``None``."""
    mode = params.get("comparison")
    if mode in (None, "off"):
        return None
    if mode not in COMPARISONS:
        notes.append(f"comparison={mode} is not a dashboard comparison: the query has none.")
        return None
    if period.name in (REALTIME, ALL):
        notes.append(f"The dashboard compares no {period.name} view: comparison={mode} is ignored.")
        return None
    if mode == CUSTOM:
        return _custom_comparison(params, notes)
    if mode == "previous_period":
        compared = previous_period(period, today, asked="comparison")
    else:
        last = max(min(period.last, today), period.first)
        with within_calendar(f"comparison={mode} of {period.first} to {last}"):
            compared = Period(period.name, period.first - YEAR, last - YEAR, None)
    if params.get("match_day_of_week", True) is False:
        return compared
    with within_calendar(f"comparison={mode} of {period.first} to {period.last}"):
        return match_day_of_week(compared, period.first)


def _custom_comparison(params: dict[str, Value], notes: list[str]) -> Period | None:
    first, last = read_date(params, "compare_from"), read_date(params, "compare_to")
    if first is None or last is None:
        notes.append(
            "comparison=custom needs compare_from= and compare_to=: without them the query "
            "has no comparison."
        )
        return None
    if first > last:
        raise MigrationError(f"compare_from={first} is after compare_to={last}")
    return Period(CUSTOM, first, last, None)


def match_day_of_week(compared: Period, source_first: date) -> Period:
    """``compared`` moved to start on ``source_first``'s weekday: the next such day, or the
    one before when the next is ``source_first`` itself (``shift_to_nearest``)."""
    first = compared.first
    if first.weekday() != source_first.weekday():
        ahead = first + timedelta(days=(source_first.weekday() - first.weekday()) % 7)
        first = ahead - timedelta(days=7) if ahead == source_first else ahead
    shift = first - compared.first
    return Period(compared.name, first, compared.last + shift, None)


def until_today(period: Period, today: date) -> Period:
    """The days of ``period`` a comparison compares: up to today at most, as two dates."""
    return Period(period.name, period.first, max(min(period.last, today), period.first), None)
