"""Time buckets: the numbers SQL groups by, their labels, and every label of a range.

Buckets are counted from the Unix epoch in the site's local wall-clock time (see
``data.store``): day ``d``, month ``year * 12 + month - 1``; a week is its Monday's day
number, never earlier than the range's first day. An hour is a slot (``LocalClock.hour_slot``):
when clocks go back, the repeated wall-clock hour is a bucket of its own with the same label,
as the API keeps it (25 labels on such a day, ``01:00:00`` twice in New York).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import NamedTuple

from .query import DateRange
from .vocabulary import TIME_DIMENSIONS

EPOCH = date(1970, 1, 1)
EPOCH_DT = datetime(1970, 1, 1)
HOUR, DAY, WEEK, MONTH = "time:hour", "time:day", "time:week", "time:month"


class LocalClock:
    """Epoch seconds -> local wall-clock seconds for one timezone, cached per UTC hour.

    Offsets are worked out a UTC day at a time: a day whose first and last hours share an
    offset has no transition (zones never change twice within a day), so its 24 hours cost
    two time-zone conversions instead of 24.
    """

    def __init__(self, zone: tzinfo) -> None:
        self.tz = zone
        self._offsets: dict[int, int] = {}
        self._slots: dict[int, int] = {}

    def local(self, ts: int) -> int:
        hour = ts // 3600
        offset = self._offsets.get(hour)
        if offset is None:
            self._learn_day(hour // 24)
            offset = self._offsets[hour]
        return ts + offset

    def hour_start(self, ts: int) -> int:
        """The instant the local hour holding ``ts`` began."""
        return ts - self.local(ts) % 3600

    def hour_slot(self, ts: int) -> int:
        """The local hour holding ``ts``: twice its wall-clock hour number since the epoch,
        plus 1 when that wall-clock hour already began once before (clocks went back)."""
        start = self.hour_start(ts)
        slot = self._slots.get(start)
        if slot is None:
            hour = self.local(start) // 3600
            slot = self._slots[start] = hour * 2 + (self.local(start - 1) // 3600 == hour)
        return slot

    def hour_starts(self, first: int, last: int) -> Iterator[int]:
        """The instants each local hour overlapping ``first``..``last`` began, in order (the
        next hour is looked up only when it starts within the range)."""
        hour = self.hour_start(first)
        while True:
            yield hour
            if hour + 3600 > last:
                return
            hour = self.hour_start(hour + 3600)

    def _learn_day(self, day: int) -> None:
        first = day * 24
        start, end = self._offset(first), self._offset(first + 23)
        for hour in range(first, first + 24):
            self._offsets[hour] = start if start == end else self._offset(hour)

    def _offset(self, hour: int) -> int:
        moment = datetime.fromtimestamp(hour * 3600, UTC).astimezone(self.tz)
        return int(moment.utcoffset().total_seconds())  # type: ignore[union-attr]


class HourBucket(NamedTuple):
    """A grouped hour: its slot, which orders and tells repeated hours apart, and its label."""

    slot: int
    label: str


def shown(value: object) -> object:
    """A grouped dimension value as the response writes it."""
    return value.label if isinstance(value, HourBucket) else value


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
    """A bucket number (an hour slot for ``time:hour``) as the API writes it."""
    if bucket == HOUR:
        return (EPOCH_DT + timedelta(hours=number // 2)).strftime("%Y-%m-%d %H:00:00")
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
    listing them (hours are counted in UTC hours touched, which a local hour that does not
    start on a UTC hour can exceed by one)."""
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
    """The label of every local hour in the range, a repeated DST hour twice."""
    clock = LocalClock(date_range.first.tzinfo or UTC)
    first = int(date_range.first_utc.timestamp())
    last = int(date_range.last_utc.timestamp())
    return [label(HOUR, clock.hour_slot(hour)) for hour in clock.hour_starts(first, last)]
