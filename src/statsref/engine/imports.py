"""``include.imports``: whether imported aggregates can join a query, and their components.

The API keeps one imported table per report, so a query can only use imported data when all
its dimensions and filters belong to one report (or there are none), its metrics exist in
imported data, and its time buckets are at least a day long. Otherwise the meta says why:
``no_imported_data``, ``out_of_range``, ``unsupported_interval``, ``unsupported_query``.
Imported rows are older than native ones, so their components are simply added per group.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import timebuckets
from .query import Filter, Query
from .response import Groups, group_rows
from .sql import (
    BEHAVIORAL,
    Fragment,
    ImportedColumns,
    Scope,
    Select,
    compile_filters,
    day_bucket,
    leaves,
)

UNSUPPORTED_QUERY_WARNING = (
    "Imported stats are not included in the results because query parameters are not "
    "supported. For more information, see: "
    "https://plausible.io/docs/stats-api#filtering-imported-stats"
)
UNSUPPORTED_INTERVAL_WARNING = (
    "Imported stats are not included because the time dimension (i.e. the interval) is too short."
)
SKIP_WARNINGS = {
    "unsupported_query": UNSUPPORTED_QUERY_WARNING,
    "unsupported_interval": UNSUPPORTED_INTERVAL_WARNING,
}

REPORTS: dict[str, str] = {
    **{
        f"visit:{d}": "sources"
        for d in (
            "source",
            "channel",
            "referrer",
            "utm_medium",
            "utm_source",
            "utm_campaign",
            "utm_content",
            "utm_term",
        )
    },
    "event:page": "pages",
    "event:hostname": "pages",
    "visit:entry_page": "entry_pages",
    "visit:exit_page": "exit_pages",
    **{
        f"visit:{d}": "locations"
        for d in ("country", "region", "city", "country_name", "region_name", "city_name")
    },
    "visit:device": "devices",
    "visit:browser": "browsers",
    "visit:browser_version": "browsers",
    "visit:os": "operating_systems",
    "visit:os_version": "operating_systems",
    "event:name": "custom_events",
    "event:goal": "custom_events",
}
"""Which imported report holds each dimension (absent: no imported data for it)."""

SUPPORTED_METRICS = frozenset(
    {
        "visitors",
        "visits",
        "pageviews",
        "events",
        "bounce_rate",
        "visit_duration",
        "views_per_visit",
        "percentage",
        "conversion_rate",
        "group_conversion_rate",
    }
)

COMPONENTS = {
    "visitors": "SUM(i.visitors)",
    "visits": "SUM(i.visits)",
    "pageviews": "SUM(i.pageviews)",
    "events": "SUM(i.events)",
    "pageview_visits": "SUM(i.visits)",
    "bounces": "SUM(i.bounces)",
    "entry_bounces": "SUM(i.bounces)",
    "entry_sessions": "SUM(i.visits)",
    "duration": "SUM(i.visit_duration)",
}


def report_for(dims: Iterable[str], filters: list[Filter]) -> str | None:
    """The one report holding every dimension used, ``visitors`` for none, else ``None``."""
    used = [d for d in dims if not timebuckets.is_time(d)]
    used += [leaf[1] for leaf in leaves(filters)]
    reports = {REPORTS.get(d) for d in used}
    if not reports:
        return "visitors"
    if len(reports) == 1 and None not in reports:
        return reports.pop()
    return None


def skip_reason(
    query: Query, period: tuple[int, int] | None, first_day: int, last_day: int
) -> str | None:
    """Why imported data cannot join this query, or ``None`` when it can."""
    if period is None:
        return "no_imported_data"
    if last_day < period[0] or first_day > period[1]:
        return "out_of_range"
    if timebuckets.HOUR in query.dimensions:
        return "unsupported_interval"
    behavioral = any(_has_behavioral(f) for f in query.filters)
    if (
        behavioral
        or not set(query.metrics) <= SUPPORTED_METRICS
        or report_for(query.dimensions, query.filters) is None
    ):
        return "unsupported_query"
    return None


def _has_behavioral(node: Filter) -> bool:
    if node[0] in BEHAVIORAL:
        return True
    if node[0] in ("and", "or"):
        return any(_has_behavioral(child) for child in node[1])
    return node[0] == "not" and _has_behavioral(node[1])


def meta(reason: str | None) -> dict[str, Any]:
    if reason is None:
        return {"imports_included": True}
    out: dict[str, Any] = {"imports_included": False, "imports_skip_reason": reason}
    if reason in SKIP_WARNINGS:
        out["imports_warning"] = SKIP_WARNINGS[reason]
    return out


def imported_period(db: sqlite3.Connection, site_index: int) -> tuple[int, int] | None:
    first, last = db.execute(
        "SELECT MIN(day), MAX(day) FROM imported WHERE site = ? AND kind = 'visitors'",
        [site_index],
    ).fetchone()
    return None if first is None else (first, last)


@dataclass
class Imports:
    """Adds imported components to native groups, for a query that supports imports."""

    query: Query
    db: sqlite3.Connection
    site_index: int
    first_day: int
    last_day: int

    def add(
        self, groups: Groups, dims: list[str], filters: list[Filter], components: list[str]
    ) -> None:
        """Add the imported components of the report these dimensions and filters use."""
        report = report_for(dims, filters)
        names = [c for c in components if c in COMPONENTS]
        if report is None or not names:
            return
        imported = self._groups(report, dims, filters, names)
        for key, values in imported.items():
            if key in groups or any(values.values()):
                target = groups.setdefault(key, {c: 0 for c in components})
                for name in names:
                    target[name] = target.get(name, 0) + values[name]

    def _groups(
        self, report: str, dims: list[str], filters: list[Filter], names: list[str]
    ) -> Groups:
        scope = Scope(ImportedColumns(), self.query.site, self.site_index, 0, 0)
        select = Select(
            dims=[self._dim(d) for d in dims],
            aggregates=[Fragment(COMPONENTS[n]) for n in names],
            where=[
                Fragment(
                    "i.site = ? AND i.kind = ? AND i.day BETWEEN ? AND ?",
                    [self.site_index, report, self.first_day, self.last_day],
                ),
                compile_filters(filters, scope),
            ],
        )
        fragment = select.render("imported i")
        return group_rows(self.db.execute(fragment.sql, fragment.params).fetchall(), dims, names)

    def _dim(self, dim: str) -> Fragment:
        bucket = day_bucket(dim, "i.day", "i.month", self.first_day)
        return bucket or Fragment(ImportedColumns().column(dim).expr)
