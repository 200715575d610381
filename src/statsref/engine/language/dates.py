"""Date ranges: parse the ``date_range`` input, resolve it in the site timezone, pick buckets.

"Today" is the date of ``now`` in the site timezone. A date-based range runs from local
00:00:00 on its first day to local 23:59:59 on its last. When a DST change makes that wall
time not exist (a gap) or exist twice (ambiguous), the start takes the first instant after the
gap or the later of the two instants, the end the last second before the gap or the earlier
instant, as the real API does.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from .elixir import inspect
from .errors import QueryError
from .query import DateRange
from .site import Site
from .structure import NAMED_RANGES

MAX_DAYS = 5000
MAX_MONTHS = 100
_DAY_START, _DAY_END = time(0, 0, 0), time(23, 59, 59)
_UTC_NAMES = ("UTC", "Etc/UTC")
_POINTER = "/date_range"


@dataclass(frozen=True)
class DateInput:
    """A parsed ``date_range``: ``kind`` is a shorthand name, ``days``, ``months``, ``dates`` or
    ``datetimes``; ``count`` is N of ``Nd``/``Nmo``; ``bounds`` the two parsed ends of a pair."""

    kind: str
    count: int = 0
    bounds: tuple[Any, ...] = ()


def parse_date_input(value: str | list[str]) -> DateInput:
    """Parse a ``date_range`` that passed the schema stage; raise the parser-stage errors."""
    if isinstance(value, str):
        return _parse_shorthand(value)
    first, last = value
    kind, bounds = "dates", _parse_dates(first, last)
    if bounds is None:
        kind, bounds = "datetimes", _parse_datetimes(first, last)
    if bounds is None:
        raise QueryError(
            f"Invalid date_range '{inspect(value)}'.",
            pointer=_POINTER,
            hint="Give two real dates `YYYY-MM-DD`, or two datetimes with an offset such as "
            "`2026-10-01T00:00:00+00:00`.",
        )
    if bounds[0] > bounds[1]:
        raise QueryError(
            f"Invalid date_range '{inspect(value)}': the first end is after the last one.",
            pointer=_POINTER,
            hint="Swap the two ends: the earlier one comes first.",
        )
    return DateInput(kind, bounds=bounds)


def _parse_shorthand(value: str) -> DateInput:
    if value in NAMED_RANGES:
        return DateInput(value)
    for suffix, kind, limit in (("mo", "months", MAX_MONTHS), ("d", "days", MAX_DAYS)):
        digits = value.removesuffix(suffix)
        if digits != value and digits.isascii() and digits.isdigit() and 1 <= int(digits) <= limit:
            return DateInput(kind, count=int(digits))
    raise QueryError(
        f"Invalid date_range {inspect(value)}",
        pointer=_POINTER,
        hint=f"Count from 1 to {MAX_DAYS} days (`30d`) or from 1 to {MAX_MONTHS} months "
        "(`6mo`), or use `day`, `24h`, `month`, `year` or `all`.",
    )


def _parse_dates(first: str, last: str) -> tuple[date, date] | None:
    try:
        return date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return None


def _parse_datetimes(first: str, last: str) -> tuple[datetime, datetime] | None:
    try:
        bounds = datetime.fromisoformat(first), datetime.fromisoformat(last)
    except ValueError:
        return None
    if any(bound.tzinfo is None for bound in bounds):
        return None  # the API requires an explicit offset or Z
    return bounds


# --- resolution ----------------------------------------------------------------------


def site_zone(site: Site) -> tzinfo:
    return ZoneInfo(site.timezone)


def today(site: Site, now: datetime) -> date:
    return now.astimezone(site_zone(site)).date()


def resolve(parsed: DateInput, site: Site, now: datetime) -> DateRange:
    """The range ``parsed`` covers for ``site`` at ``now`` (aware datetimes in the site zone)."""
    try:
        resolved = _resolve(parsed, site, now)
        resolved.first_utc, resolved.last_utc  # noqa: B018 (both ends must exist in UTC too)
        return resolved
    except (OverflowError, ValueError) as error:
        raise QueryError(
            f"Invalid date_range: it resolves outside the supported years ({error}).",
            pointer=_POINTER,
            hint="Use dates between the years 1 and 9999, a shorter period, or a date pair.",
        ) from None


def _resolve(parsed: DateInput, site: Site, now: datetime) -> DateRange:
    zone = site_zone(site)
    if parsed.kind == "24h":
        last = now.astimezone(zone).replace(microsecond=0)
        return DateRange((last.astimezone(UTC) - timedelta(hours=24)).astimezone(zone), last)
    if parsed.kind == "datetimes":
        first, last = (bound.astimezone(zone).replace(microsecond=0) for bound in parsed.bounds)
        return DateRange(first, last)
    first_day, last_day = _days(parsed, site, today(site, now))
    return DateRange(day_start(first_day, zone), day_end(last_day, zone))


def _days(parsed: DateInput, site: Site, current: date) -> tuple[date, date]:
    if parsed.kind == "day":
        return current, current
    if parsed.kind == "days":
        return current - timedelta(days=parsed.count), current - timedelta(days=1)
    if parsed.kind == "months":
        last = current.replace(day=1) - timedelta(days=1)
        return _shift_months(current.replace(day=1), -parsed.count), last
    if parsed.kind == "month":
        return current.replace(day=1), current.replace(day=_month_length(current))
    if parsed.kind == "year":
        return date(current.year, 1, 1), date(current.year, 12, 31)
    if parsed.kind == "all":
        return current - timedelta(days=site.native_days), current
    first, last = parsed.bounds  # "dates"
    return first, last


def _month_length(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _shift_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def day_start(day: date, zone: tzinfo) -> datetime:
    """Local 00:00:00 of ``day``: after a gap if it falls in one, the later instant if doubled."""
    return _wall_time(datetime.combine(day, _DAY_START), zone, start=True)


def day_end(day: date, zone: tzinfo) -> datetime:
    """Local 23:59:59 of ``day``: before a gap if in one, the earlier instant if doubled."""
    return _wall_time(datetime.combine(day, _DAY_END), zone, start=False)


def _wall_time(naive: datetime, zone: tzinfo, *, start: bool) -> datetime:
    earlier = naive.replace(tzinfo=zone, fold=0)
    later = naive.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    if _exists(earlier):
        return later if start else earlier
    after_gap = _gap_end(later.astimezone(UTC), earlier.astimezone(UTC), zone)
    return (after_gap if start else after_gap - timedelta(seconds=1)).astimezone(zone)


def _exists(moment: datetime) -> bool:
    return moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) == (
        moment.replace(tzinfo=None)
    )


def _gap_end(low: datetime, high: datetime, zone: tzinfo) -> datetime:
    """The first UTC second in ``(low, high]`` at which ``zone`` uses its post-gap offset."""
    target = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + timedelta(seconds=(high - low).total_seconds() // 2)
        if middle.astimezone(zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return high


# --- buckets and echo ----------------------------------------------------------------


def time_bucket(date_range: DateRange) -> str:
    """The ``time:*`` dimension ``time`` resolves to, from the range's length (whole units)."""
    seconds = int((date_range.last_utc - date_range.first_utc).total_seconds())
    if seconds // 3600 <= 48:
        return "time:hour"
    if seconds // 86_400 <= 40:
        return "time:day"
    if seconds // (7 * 86_400) <= 52:
        return "time:week"
    return "time:month"


def echo_datetime(moment: datetime, site: Site) -> str:
    """ISO 8601 in the site zone; a UTC site is written with ``Z`` as the current API does.

    An offset with seconds (local mean time, e.g. New York before 1883 is -04:56:02) is written
    as hours and minutes, truncated as Elixir's ``DateTime.to_iso8601`` does.
    """
    local = moment.astimezone(site_zone(site))
    offset = int((local.utcoffset() or timedelta()).total_seconds())
    if offset % 60:
        local = local.replace(tzinfo=timezone(timedelta(seconds=int(offset / 60) * 60)))
    text = local.isoformat(timespec="seconds")
    if site.timezone in _UTC_NAMES:
        return text.removesuffix("+00:00") + "Z"
    return text


def echo_range(date_range: DateRange, site: Site) -> list[str]:
    return [echo_datetime(date_range.first, site), echo_datetime(date_range.last, site)]
