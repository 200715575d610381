"""``include.imports``: whether imported aggregates can join a query, and their components.

The API keeps one imported table per report, so a query can only use imported data when all
its dimensions and filters belong to one report (or there are none), it has no behavioral
filter (the imported tables have no events to look into) and its time buckets are at least a
day long. Scroll depth and time on page then add the imported pages report's totals and visits
to the native ones (sum of totals over sum of visits; the other reports hold neither, and an
import without scroll depth adds none); revenue, which no report holds, is answered from native
data alone. Otherwise the meta says why:
``no_imported_data``, ``out_of_range``, ``unsupported_interval``, ``unsupported_query``.
Imported rows are older than native ones, so their components are simply added per group.

Goals live in two reports, as in the API: an event goal's conversions are its custom event's
rows, a page goal's are the rows of the pages its path matches; no report holds scroll goals.
The goals a query is about (those its top-level goal filters name, or every goal for a goal
breakdown) decide the report; a breakdown by goal with no filter reads both (a scroll goal's
row stays native), other mixes of kinds are unsupported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..data.store import goal_matches
from ..language import sources as src
from ..language import timebuckets
from ..language.evidence import cites
from ..language.query import Filter, Query
from ..language.site import Goal, Site
from .metrics import goals_in_question
from .response import Groups, group_rows
from .sql import (
    BEHAVIORAL,
    Fragment,
    ImportedColumns,
    Scope,
    Select,
    compile_filters,
    day_bucket,
    is_leaf,
    leaves,
)

PAGEVIEW = "pageview"

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
}
"""Which imported report holds each dimension (absent: no imported data for it); goals are
decided by their kind (``goal_reports``)."""
EVENT_GOALS, PAGE_GOALS = "custom_events", "pages"
GOAL = "event:goal"

COMPONENTS = {
    "visitors": "SUM(i.visitors)",
    "visits": "SUM(i.visits)",
    "pageviews": "SUM(i.pageviews)",
    "events": "SUM(i.pageviews)",
    "bounces": "SUM(i.bounces)",
    "entry_bounces": "SUM(i.bounces)",
    "entry_sessions": "SUM(i.visits)",
    "duration": "SUM(i.visit_duration)",
    "scroll_sum": "SUM(i.total_scroll_depth)",
    "scroll_sessions": "SUM(i.total_scroll_depth_visits)",
    "engagement_ms": "SUM(i.total_time_on_page) * 1000",
    "pageview_visits": "SUM(i.total_time_on_page_visits)",
}
"""Imported components, as the API sums its imported tables: ``events`` are the pageviews
except in the custom events report (``REPORT_COMPONENTS``); the engagement sums (scroll depth
and time on page, the latter stored in seconds) are the pages report's only."""
ENGAGEMENT = ("scroll_sum", "scroll_sessions", "engagement_ms", "pageview_visits")
REPORT_COMPONENTS = {
    EVENT_GOALS: {"events": "SUM(i.events)"},
    PAGE_GOALS: {"entry_bounces": "0", "entry_sessions": "0", "duration": "0"},
}
"""Where a report differs: custom events count their events, pages add neither bounces nor
durations, and only pages add engagement (``_component``)."""


def goal_reports(site: Site, dims: list[str], filters: list[Filter]) -> set[str | None]:
    """The reports holding the conversions of the goals a query is about (none: no goals)."""
    return {_goal_report(g) for g in goals_in_question(site, dims, filters)}


def _goal_report(goal: Goal) -> str | None:
    """Event goals convert in the custom events report, page goals in the pages report; no
    report holds a scroll goal's conversions (``None``)."""
    if goal.event_name:
        return EVENT_GOALS
    return None if goal.is_scroll else PAGE_GOALS


def report_for(site: Site, dims: Iterable[str], filters: list[Filter]) -> str | None:
    """The one report holding every dimension used, ``visitors`` for none, else ``None``.

    A breakdown by goal and nothing else reads both goal reports (``custom_events`` stands
    for the pair); any other query about goals of both kinds cannot use imported data.
    """
    dims = list(dims)
    used = [d for d in dims if not timebuckets.is_time(d) and d != GOAL]
    used += [leaf[1] for leaf in leaves(filters) if leaf[1] != GOAL]
    reports = {REPORTS.get(d) for d in used} | goal_reports(site, dims, filters)
    if not reports:
        return "visitors"
    if len(reports) == 1 and None not in reports:
        return reports.pop()
    return EVENT_GOALS if dims == [GOAL] and not filters else None


@cites(src.IMPORTED_BASE, src.IMPORTED_WHERE, src.IMPORTED_EXPRESSION, src.QUERY_RESULT)
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
    if behavioral or report_for(query.site, query.dimensions, query.filters) is None:
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


def _component(name: str, report: str) -> str:
    if name in ENGAGEMENT and report != PAGE_GOALS:
        return "0"
    return REPORT_COMPONENTS.get(report, {}).get(name, COMPONENTS[name])


def _with_goal(dims: list[str], key: list, goal: str) -> list:
    """A key of the other dimensions with the goal put back at its place in ``dims``."""
    if GOAL not in dims:
        return key
    at = dims.index(GOAL)
    return [*key[:at], goal, *key[at:]]


def _summed(rows: list[tuple], dims: list[str], names: list[str]) -> Groups:
    """``group_rows`` for rows whose keys repeat (pages of one goal): their values summed."""
    totals: dict[tuple, list] = {}
    width = len(dims)
    for row in rows:
        key, values = row[:width], row[width:]
        if key in totals:
            totals[key] = [a + (b or 0) for a, b in zip(totals[key], values, strict=True)]
        else:
            totals[key] = [v or 0 for v in values]
    return group_rows([(*key, *values) for key, values in totals.items()], dims, names)


def _merge(groups: Groups, imported: Groups, components: list[str]) -> None:
    for key, values in imported.items():
        if key in groups or any(values.values()):
            target = groups.setdefault(key, {c: 0 for c in components})
            for name, value in values.items():
                target[name] = target.get(name, 0) + value


Fetch = Callable[[str, list[Any]], list[tuple]]
"""How the query runs a statement (``Context.fetch``: within its work budget)."""


def imported_period(fetch: Fetch, site_index: int) -> tuple[int, int] | None:
    [(first, last)] = fetch(
        "SELECT MIN(day), MAX(day) FROM imported WHERE site = ? AND kind = 'visitors'",
        [site_index],
    )
    return None if first is None else (first, last)


@dataclass
class Imports:
    """Adds imported components to native groups, for a query that supports imports."""

    query: Query
    fetch: Fetch
    site_index: int
    first_day: int
    last_day: int

    def add(
        self, groups: Groups, dims: list[str], filters: list[Filter], components: list[str]
    ) -> None:
        """Add the imported components of the report these dimensions and filters use."""
        site = self.query.site
        report = report_for(site, dims, filters)
        names = [c for c in components if c in COMPONENTS]
        if report is None or not names:
            return
        if PAGE_GOALS in goal_reports(site, dims, filters):
            _merge(groups, self._page_goal_groups(dims, filters, names), components)
            if report == PAGE_GOALS:
                return
        _merge(groups, self._groups(report, dims, filters, names), components)

    def _groups(
        self, report: str, dims: list[str], filters: list[Filter], names: list[str]
    ) -> Groups:
        return group_rows(self._rows(report, dims, filters, names), dims, names)

    def _rows(
        self, report: str, dims: list[str], filters: list[Filter], names: list[str]
    ) -> list[tuple]:
        scope = Scope(ImportedColumns(), self.query.site, self.site_index, 0, 0)
        select = Select(
            dims=[self._dim(d) for d in dims],
            aggregates=[Fragment(_component(n, report)) for n in names],
            where=[
                Fragment(
                    "i.site = ? AND i.kind = ? AND i.day BETWEEN ? AND ?",
                    [self.site_index, report, self.first_day, self.last_day],
                ),
                compile_filters(filters, scope),
            ],
        )
        fragment = select.render("imported i")
        return self.fetch(fragment.sql, fragment.params)

    def _page_goal_groups(self, dims: list[str], filters: list[Filter], names: list[str]) -> Groups:
        """Page goals' conversions: the imported pages report by page, each page's row
        counted for every page goal (of those the filters name) its path matches."""
        goals = [
            g
            for g in goals_in_question(self.query.site, dims, filters)
            if _goal_report(g) == PAGE_GOALS
        ]
        other = [f for f in filters if not (is_leaf(f) and f[1] == GOAL)]
        by_page = [d for d in dims if d != GOAL] + ["event:page"]
        width = len(by_page) - 1
        rows: list[tuple] = []
        for row in self._rows(PAGE_GOALS, by_page, other, names):
            key, page, values = list(row[:width]), row[width], row[width + 1 :]
            for goal in goals:
                if goal_matches(goal, PAGEVIEW, page):
                    rows.append((*_with_goal(dims, key, goal.display_name), *values))
                    if GOAL not in dims:
                        break
        return _summed(rows, dims, names)

    def _dim(self, dim: str) -> Fragment:
        bucket = day_bucket(dim, "i.day", "i.month", self.first_day)
        return bucket or Fragment(ImportedColumns().column(dim).expr)
