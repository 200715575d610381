"""The words of the query language, for reading a query in English (``words``).

Generated from the ``x-words`` and ``x-missing`` annotations of ``schema/query.schema.json`` by
``python -m statsref.typegen.phrasebook``; do not edit, regenerate (a test compares the two).
Placeholders: ``{name}`` is a custom property's name, ``{n}`` the N of ``Nd`` and ``Nmo``.
"""

from __future__ import annotations

METRICS: dict[str, str] = {
    "visitors": "visitors",
    "visits": "visits",
    "pageviews": "pageviews",
    "views_per_visit": "views per visit",
    "bounce_rate": "bounce rate",
    "visit_duration": "visit duration",
    "events": "events",
    "scroll_depth": "scroll depth",
    "percentage": "share of visitors",
    "conversion_rate": "conversion rate",
    "group_conversion_rate": "group conversion rate",
    "time_on_page": "time on page",
    "total_revenue": "total revenue",
    "average_revenue": "average revenue",
}

DIMENSIONS: dict[str, str] = {
    "event:goal": "goal",
    "event:page": "page",
    "event:hostname": "hostname",
    "event:name": "event name",
    "visit:source": "source",
    "visit:channel": "channel",
    "visit:referrer": "referrer",
    "visit:utm_medium": "UTM medium",
    "visit:utm_source": "UTM source",
    "visit:utm_campaign": "UTM campaign",
    "visit:utm_content": "UTM content",
    "visit:utm_term": "UTM term",
    "visit:device": "device",
    "visit:browser": "browser",
    "visit:browser_version": "browser version",
    "visit:os": "operating system",
    "visit:os_version": "operating system version",
    "visit:country": "country",
    "visit:region": "region",
    "visit:city": "city (GeoNames id)",
    "visit:country_name": "country name",
    "visit:region_name": "region name",
    "visit:city_name": "city name",
    "visit:entry_page": "entry page",
    "visit:exit_page": "exit page",
    "visit:entry_page_hostname": "entry page hostname",
    "visit:exit_page_hostname": "exit page hostname",
    "time": "time bucket",
    "time:hour": "hour",
    "time:day": "day",
    "time:week": "week",
    "time:month": "month",
}

CUSTOM_PROPERTY: str = "custom property {name}"

OPERATORS: dict[str, str] = {
    "is": "is",
    "is_not": "is not",
    "contains": "contains",
    "contains_not": "does not contain",
    "matches": "matches",
    "matches_not": "does not match",
    "and": "and",
    "or": "or",
    "not": "not",
    "has_done": "the visit includes an event",
    "has_not_done": "the visit includes no event",
}

SEGMENT: str = "segment"

IGNORING_CASE: str = "ignoring case"

SHORTHANDS: dict[str, str] = {
    "day": "today",
    "24h": "over the last 24 hours",
    "7d": "over the 7 days before today",
    "28d": "over the 28 days before today",
    "30d": "over the 30 days before today",
    "91d": "over the 91 days before today",
    "month": "this month",
    "6mo": "over the 6 full months before this one",
    "12mo": "over the 12 full months before this one",
    "year": "this year",
    "all": "over all time",
}

COUNTED_SHORTHANDS: dict[str, dict[str, str]] = {
    "d": {
        "one": "yesterday",
        "other": "over the {n} days before today",
    },
    "mo": {
        "one": "last month",
        "other": "over the {n} full months before this one",
    },
}

DIRECTIONS: dict[str, str] = {
    "asc": "ascending",
    "desc": "descending",
}

INCLUDE: dict[str, str] = {
    "imports": "adds imported data",
    "time_labels": "lists the label of every time bucket",
    "total_rows": "counts the rows before pagination",
}

MISSING: dict[str, str] = {
    "site_id": "Name the site in site_id.",
    "metrics": "Add at least one metric.",
    "date_range": "Add a date_range, such as 7d.",
}
