"""The generated rows, as plain Python objects, before they are loaded into SQLite.

These dataclasses are the contract between the generator, the SQL store and the test oracle:
the oracle computes every metric from these objects with no SQL at all.
Timestamps are aware UTC datetimes; ``""`` means "not set" (the API's placeholders such as
``(not set)`` and ``Direct / None`` are applied when results are shaped, never stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Session:
    """A visit, attributes fixed by its first event (entry page/hostname: first pageview)."""

    session_id: int
    visitor_id: int
    start: datetime
    end: datetime  # last activity; duration = end - start, in whole seconds
    is_bounce: bool
    pageviews: int
    events: int  # every event but engagement
    entry_page: str
    exit_page: str
    entry_page_hostname: str
    exit_page_hostname: str
    source: str
    channel: str
    referrer: str
    utm_medium: str
    utm_source: str
    utm_campaign: str
    utm_content: str
    utm_term: str
    device: str
    browser: str
    browser_version: str
    os: str
    os_version: str
    country: str  # ISO 3166-1 alpha-2
    region: str  # ISO 3166-2, e.g. "US-MD"
    city: int  # GeoName id, 0 when unknown
    country_name: str
    region_name: str
    city_name: str

    @property
    def duration(self) -> int:
        return int((self.end - self.start).total_seconds())


@dataclass
class Event:
    """One event. ``name`` is ``pageview``, ``engagement`` or a custom event name."""

    event_id: int
    session_id: int
    visitor_id: int
    timestamp: datetime
    name: str
    pathname: str
    hostname: str
    props: dict[str, str] = field(default_factory=dict)
    scroll_depth: int | None = None  # engagement events only, 0-100
    engagement_time: int | None = None  # engagement events only, milliseconds
    revenue_amount: float | None = None  # revenue-goal events only
    revenue_currency: str | None = None
    interactive: bool = True  # False: sent with ``interactive: false``, it does not end a bounce
