"""v1 ``period`` and ``date`` to a v2 ``date_range``, and the range ``compare`` compares with.

v1 resolves every period against ``date`` (today when absent), in the site's timezone:

- ``day``: that day; ``7d`` / ``30d``: the N days before it, itself excluded;
- ``month``: its calendar month; ``6mo`` / ``12mo``: its month and the 5 or 11 before;
- ``custom``: ``date=first,last``, both included. A missing ``period`` is ``30d``.

v2 has the same shorthands relative to today, except that its ``6mo`` and ``12mo`` leave the
current month out. So a period keeps its shorthand when there is no ``date`` and v2's means the
same; otherwise it becomes two explicit dates.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import MigrationError

PERIODS = ("day", "7d", "30d", "month", "6mo", "12mo", "custom")
"""What the v1 endpoints accept; anything else is answered with a 400."""
DEFAULT_PERIOD = "30d"
CHANGE_PER_METRIC = (
    "bounce_rate current - previous (null when previous is 0); conversion_rate current - "
    "previous, rounded to 1 decimal; any other round((current - previous) / previous * 100), "
    "100 when previous is 0 and current is not, 0 when both are 0"
)
"""How v1 and the dashboard compute a change from two periods' numbers
(plausible/analytics ``lib/plausible/stats/compare.ex`` @2572c4bba806)."""
_SAME_SHORTHAND = ("day", "7d", "30d", "month")


@dataclass(frozen=True)
class Period:
    """The days a v1 period covers, and the v2 shorthand that says the same, if any."""

    name: str
    first: date
    last: date
    shorthand: str | None

    def date_range(self) -> str | list[str]:
        return self.shorthand or self.explicit()

    def explicit(self) -> list[str]:
        return [self.first.isoformat(), self.last.isoformat()]


def resolve_period(params: dict[str, str], today: date, notes: list[str]) -> Period:
    """The period of a request's ``period`` and ``date`` parameters."""
    name = params.get("period", DEFAULT_PERIOD)
    if "period" not in params:
        notes.append(f"v1 uses period={DEFAULT_PERIOD} when none is given; v2 needs a date_range.")
    if name not in PERIODS:
        raise MigrationError(f"period={name} is not a v1 period (one of {', '.join(PERIODS)})")
    if name == "custom":
        return _custom(params.get("date"))
    anchor = _date(params["date"], "date") if "date" in params else None
    with within_calendar(f"period={name} counted from {(anchor or today).isoformat()}"):
        period = _relative(name, anchor or today)
    if anchor is None and name in _SAME_SHORTHAND:
        return Period(name, period.first, period.last, name)
    if anchor is None:
        notes.append(
            f"v1's {name} includes the current month, v2's does not, so the range is written "
            f"out as dates, counted from today ({today.isoformat()}); convert again or compute "
            "it in your code when today changes."
        )
    return period


def _relative(name: str, anchor: date) -> Period:
    if name == "day":
        return Period(name, anchor, anchor, None)
    if name.endswith("mo"):
        first = add_months(anchor.replace(day=1), 1 - int(name.removesuffix("mo")))
        return Period(name, first, month_end(anchor), None)
    if name == "month":
        return Period(name, anchor.replace(day=1), month_end(anchor), None)
    days = int(name.removesuffix("d"))
    return Period(name, anchor - timedelta(days=days), anchor - timedelta(days=1), None)


def _custom(value: str | None) -> Period:
    if value is None:
        raise MigrationError("period=custom needs date=<first>,<last>")
    bounds = value.split(",")
    if len(bounds) != 2:
        raise MigrationError(f"period=custom needs date=<first>,<last>, not date={value}")
    first, last = (_date(bound.strip(), "date") for bound in bounds)
    if first > last:
        raise MigrationError(f"date={value}: the first day is after the last one")
    return Period("custom", first, last, None)


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MigrationError(f"{name}={value} is not a date (YYYY-MM-DD)") from None


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def previous_period(period: Period, today: date, asked: str = "compare") -> Period:
    """The range ``previous_period`` compares with: as many days as the period has up to
    today (a period running into the future is cut at today), ending the day before it starts.
    ``asked`` names the parameter in an error: v1's ``compare``, the dashboard's
    ``comparison``."""
    last = max(min(period.last, today), period.first)
    length = timedelta(days=(last - period.first).days + 1)
    with within_calendar(
        f"{asked}=previous_period of {period.first.isoformat()} to {last.isoformat()}"
    ):
        return Period(period.name, period.first - length, last - length, None)


@contextmanager
def within_calendar(what: str) -> Iterator[None]:
    """Date arithmetic that leaves the calendar (years 1 to 9999) as a ``MigrationError``:
    ``date`` raises ``OverflowError`` or ``ValueError`` there."""
    try:
        yield
    except (OverflowError, ValueError):
        raise MigrationError(
            f"{what} reaches past {date.min.isoformat()} or {date.max.isoformat()}, the first "
            "and last days a date can be"
        ) from None


def default_interval(period: Period) -> str:
    """The bucket v1's timeseries uses when ``interval`` is not given."""
    if period.name == "day":
        return "hour"
    return "month" if period.name.endswith("mo") else "day"
