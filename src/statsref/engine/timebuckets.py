"""Time buckets: the numbers SQL groups by, their labels, and every label of a range.

Buckets are counted from the Unix epoch in the site's local wall-clock time (see
``dataset.store``): hour ``h``, day ``d``, month ``year * 12 + month - 1``. A week is its
Monday's day number, never earlier than the range's first day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .query import DateRange
from .vocabulary import TIME_DIMENSIONS

EPOCH = date(1970, 1, 1)
EPOCH_DT = datetime(1970, 1, 1)
HOUR, DAY, WEEK, MONTH = "time:hour", "time:day", "time:week", "time:month"


def is_time(dim: str) -> bool:
    return dim in TIME_DIMENSIONS


def day_number(day: date) -> int:
    return (day - EPOCH).days


def month_of_day(day: int) -> int:
    """The month number of a day number."""
    d = EPOCH + timedelta(days=day)
    return d.year * 12 + d.month - 1


def week_start(day: int, first_day: int) -> int:
    """The Monday of a day number (1970-01-01 was a Thursday), clamped to the range start."""
    return max(day - (day + 3) % 7, first_day)


def label(bucket: str, number: int) -> str:
    """A bucket number as the API writes it."""
    if bucket == HOUR:
        return (EPOCH_DT + timedelta(hours=number)).strftime("%Y-%m-%d %H:00:00")
    if bucket == MONTH:
        return f"{number // 12:04d}-{number % 12 + 1:02d}-01"
    return (EPOCH + timedelta(days=number)).isoformat()


def local_days(date_range: DateRange) -> tuple[int, int]:
    """The first and last local day numbers of a range."""
    return day_number(date_range.first.date()), day_number(date_range.last.date())


def time_labels(bucket: str, date_range: DateRange) -> list[str]:
    """Every bucket label of the range, in order (buckets without data included)."""
    if bucket == HOUR:
        return _hour_labels(date_range)
    first_day, last_day = local_days(date_range)
    labels: list[str] = []
    for day in range(first_day, last_day + 1):
        number = {DAY: day, WEEK: week_start(day, first_day), MONTH: month_of_day(day)}[bucket]
        text = label(bucket, number)
        if not labels or labels[-1] != text:
            labels.append(text)
    return labels


def _hour_labels(date_range: DateRange) -> list[str]:
    """Local hour labels of every UTC hour in the range (a repeated DST hour appears once)."""
    tz = date_range.first.tzinfo
    moment = date_range.first_utc.replace(minute=0, second=0, microsecond=0)
    labels: list[str] = []
    while moment <= date_range.last_utc:
        text = moment.astimezone(tz).strftime("%Y-%m-%d %H:00:00")
        if not labels or labels[-1] != text:
            labels.append(text)
        moment += timedelta(hours=1)
    return labels
