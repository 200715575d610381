"""The names the engine implements, with the one property the parser needs for each: its scope.

This is not a display list (descriptions live in ``schema/query.schema.json``); a test checks
that these names and the schema's agree in both directions.

Scopes follow the API's conflict rules: a ``session`` metric cannot be combined with an event
dimension, an ``event`` metric cannot be combined with a session-only dimension.
"""

from __future__ import annotations

SESSION, EVENT, EITHER = "session", "event", "either"

METRICS: dict[str, str] = {
    "visitors": EITHER,
    "visits": EITHER,
    "pageviews": EVENT,
    "views_per_visit": SESSION,
    "bounce_rate": SESSION,
    "visit_duration": SESSION,
    "events": EVENT,
    "scroll_depth": EVENT,
    "percentage": EITHER,
    "conversion_rate": EITHER,
    "group_conversion_rate": EITHER,
    "time_on_page": EVENT,
    "total_revenue": EVENT,
    "average_revenue": EVENT,
}

EVENT_DIMENSIONS: tuple[str, ...] = ("event:goal", "event:page", "event:hostname", "event:name")
PROPS_PREFIX = "event:props:"
REVENUE_METRICS = ("total_revenue", "average_revenue")
"""The metrics a revenue goal answers (the plan's ``revenue_goals`` feature)."""

VISIT_DIMENSIONS: dict[str, str] = {
    "visit:source": EITHER,
    "visit:channel": EITHER,
    "visit:referrer": EITHER,
    "visit:utm_medium": EITHER,
    "visit:utm_source": EITHER,
    "visit:utm_campaign": EITHER,
    "visit:utm_content": EITHER,
    "visit:utm_term": EITHER,
    "visit:device": EITHER,
    "visit:browser": EITHER,
    "visit:browser_version": EITHER,
    "visit:os": EITHER,
    "visit:os_version": EITHER,
    "visit:country": EITHER,
    "visit:region": EITHER,
    "visit:city": EITHER,
    "visit:country_name": EITHER,
    "visit:region_name": EITHER,
    "visit:city_name": EITHER,
    "visit:entry_page": SESSION,
    "visit:exit_page": SESSION,
    "visit:entry_page_hostname": SESSION,
    "visit:exit_page_hostname": SESSION,
}

TIME_DIMENSIONS: tuple[str, ...] = ("time", "time:hour", "time:day", "time:week", "time:month")

FILTER_OPERATORS: tuple[str, ...] = (
    "is",
    "is_not",
    "contains",
    "contains_not",
    "matches",
    "matches_not",
)
CASE_INSENSITIVE_OPERATORS: tuple[str, ...] = ("is", "is_not", "contains", "contains_not")
LOGICAL_OPERATORS: tuple[str, ...] = ("and", "or", "not")
BEHAVIORAL_OPERATORS: tuple[str, ...] = ("has_done", "has_not_done")

DATE_RANGE_SHORTHANDS: tuple[str, ...] = (
    "day",
    "24h",
    "7d",
    "28d",
    "30d",
    "91d",
    "month",
    "6mo",
    "12mo",
    "year",
    "all",
)
"""The shorthands the schema lists by name; any ``Nd`` (1-5000) and ``Nmo`` (1-100) is valid too."""

INCLUDE_KEYS: tuple[str, ...] = ("imports", "time_labels", "total_rows")


def is_dimension(name: str) -> bool:
    """True for every dimension name the API accepts (custom properties need a non-empty name)."""
    if name.startswith(PROPS_PREFIX):
        return len(name) > len(PROPS_PREFIX)
    return name in EVENT_DIMENSIONS or name in VISIT_DIMENSIONS or name in TIME_DIMENSIONS
