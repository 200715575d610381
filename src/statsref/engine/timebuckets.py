"""Time buckets: the numbers SQL groups by, their labels, and every label of a range.

Buckets are counted from the Unix epoch in the site's local wall-clock time (see
``dataset.store``): hour ``h``, day ``d``, month ``year * 12 + month - 1``. A week is its
Monday's day number, never earlier than the range's first day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from .query import DateRange
from .vocabulary import TIME_DIMENSIONS

EPOCH = date(1970, 1, 1)
EPOCH_DT = datetime(1970, 1, 1)
EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
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
    """The Monday of a day number, clamped to the range start."""
    return max(monday(day), first_day)


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


def monday(day: int) -> int:
    """The Monday on or before a day number (1970-01-01 was a Thursday)."""
    return day - (day + 3) % 7


def utc_hours(date_range: DateRange) -> range:
    """The UTC hour numbers (hours since the epoch) the range touches."""
    first = int(date_range.first_utc.timestamp()) // 3600
    return range(first, int(date_range.last_utc.timestamp()) // 3600 + 1)


def bucket_count(bucket: str, date_range: DateRange) -> int:
    """How many labels ``time_labels`` gives for the range at most, worked out without
    listing them (hours are counted in UTC: a repeated DST hour makes one label fewer)."""
    if bucket == HOUR:
        return len(utc_hours(date_range))
    first_day, last_day = local_days(date_range)
    if bucket == WEEK:
        return (monday(last_day) - monday(first_day)) // 7 + 1
    if bucket == MONTH:
        return month_of_day(last_day) - month_of_day(first_day) + 1
    return last_day - first_day + 1


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
    """Local hour labels of every UTC hour in the range (a repeated DST hour appears once).

    Hours are counted as numbers, so a range ending in the last hour of year 9999 never
    steps past the largest datetime."""
    tz = date_range.first.tzinfo
    labels: list[str] = []
    for hour in utc_hours(date_range):
        moment = (EPOCH_UTC + timedelta(hours=hour)).astimezone(tz)
        text = moment.strftime("%Y-%m-%d %H:00:00")
        if not labels or labels[-1] != text:
            labels.append(text)
    return labels
