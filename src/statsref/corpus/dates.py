"""The date-range rules the echoed query must follow, checked independently of the engine.

The check resolves each example's ``date_range`` on its own, so a hand-written response and
the engine's output are both held to the published rules: ``Nd`` ends yesterday, ``Nmo``
ends with the previous month, ``month`` and ``year`` cover the whole calendar period, date
pairs run from local midnight to 23:59:59, all in the site's timezone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LAST_SECOND = time(23, 59, 59)
_DAYS = re.compile(r"^(\d+)d$")
_MONTHS = re.compile(r"^(\d+)mo$")

Range = tuple[datetime, datetime]


def _shift_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _date_bounds(value: str, today: date) -> tuple[date, date] | None:
    """First and last day of a date-based shorthand, ``None`` if it is not one."""
    if value == "day":
        return today, today
    if value == "month":
        return today.replace(day=1), _shift_months(today, 1) - timedelta(days=1)
    if value == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if match := _DAYS.match(value):
        return today - timedelta(days=int(match[1])), today - timedelta(days=1)
    if match := _MONTHS.match(value):
        this_month = today.replace(day=1)
        return _shift_months(today, -int(match[1])), this_month - timedelta(days=1)
    return None


def local_day_range(first: date, last: date, zone: ZoneInfo) -> Range:
    """Local midnight of ``first`` to 23:59:59 of ``last``."""
    start = datetime.combine(first, time(0), tzinfo=zone)
    return start, datetime.combine(last, LAST_SECOND, tzinfo=zone)


def expected_range(value: object, now: datetime | None, zone: ZoneInfo) -> Range | None:
    """The range ``value`` resolves to at ``now``; ``None`` when only the engine knows it, or
    when ``value`` is a relative period and the clock is unknown (``now`` is ``None``).

    ``all`` depends on the site's first day of stats, which lives in the dataset. A pair of
    dates or datetimes must be ISO 8601 (``ValueError`` otherwise).
    """
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        if all(len(v) == 10 for v in value):
            return local_day_range(date.fromisoformat(value[0]), date.fromisoformat(value[1]), zone)
        first, last = (datetime.fromisoformat(v) for v in value)
        return first, last
    if now is None:
        return None
    local_now = now.astimezone(zone)
    if value == "24h":
        return local_now - timedelta(hours=24), local_now
    if isinstance(value, str):
        bounds = _date_bounds(value, local_now.date())
        return local_day_range(*bounds, zone) if bounds else None
    return None


def time_bucket(first: datetime, last: datetime) -> str:
    """The dimension ``time`` resolves to, from the whole hours/days/weeks the range spans."""
    span = last.astimezone(UTC) - first.astimezone(UTC)
    if span // timedelta(hours=1) <= 48:
        return "time:hour"
    if span // timedelta(days=1) <= 40:
        return "time:day"
    if span // timedelta(weeks=1) <= 52:
        return "time:week"
    return "time:month"
