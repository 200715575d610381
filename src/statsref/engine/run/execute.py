"""Run a parsed ``Query`` on the dataset's SQLite store: grouped sums per table, then metrics.

The API answers each metric from one of two tables (its "table decider"): ``events`` for
event metrics, ``sessions`` for session metrics, and the either-scope metrics (visitors,
visits, rates) from ``events`` when event filters or dimensions ask for it. Each table's
query returns additive components per group (visitor counts, bounce counts, duration sums,
...); ``metrics`` turns them into the API's values, so imported aggregates can be added to
the same components first.

Rules followed, as the API applies them:

- events count when their timestamp is in the range (``engagement`` events only feed
  ``scroll_depth`` and ``time_on_page``, and complete scroll goals in a query about goals);
  sessions when they overlap it;
- a session passes event filters when one of its in-range events passes the whole tree;
- sessions fall in the day/week/month of their last activity and in every local hour they
  were active (within the range); ``event:page`` groups and filters session metrics by entry
  page;
- ``bounce_rate`` under a top-level ``event:page`` filter only counts sessions entering on a
  matching page.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..data import Dataset
from ..language import timebuckets
from ..language.query import Filter, Query
from ..language.vocabulary import REVENUE_METRICS
from . import imports, metrics, response
from .deadline import Work
from .response import Groups, group_rows
from .sql import (
    EventColumns,
    Fragment,
    Scope,
    Select,
    SessionColumns,
    compile_filters,
    compile_leaf,
    day_bucket,
    has_event_leaves,
    is_leaf,
    join,
    leaves,
)

SESSION_ONLY_METRICS = frozenset({"bounce_rate", "visit_duration", "views_per_visit"})
EVENT_ONLY_METRICS = frozenset(
    {
        "pageviews",
        "events",
        "scroll_depth",
        "time_on_page",
        "total_revenue",
        "average_revenue",
    }
)
SESSION_ONLY_DIMENSIONS = frozenset(
    {
        "visit:entry_page",
        "visit:exit_page",
        "visit:entry_page_hostname",
        "visit:exit_page_hostname",
    }
)
COUNTED = "e.name != 'engagement'"
"""The events metrics count (``engagement`` events only feed the engagement metrics)."""
GOAL = "event:goal"
VISITOR_RATES = frozenset({"percentage", "conversion_rate", "group_conversion_rate"})

EVENT_AGGREGATES = {
    "visitors": "COUNT(DISTINCT e.visitor_id)",
    "visits": "COUNT(DISTINCT e.session_id)",
    "pageviews": "SUM(e.name = 'pageview')",
    "events": f"COUNT(CASE WHEN {COUNTED} THEN 1 END)",
    "pageview_visits": "COUNT(DISTINCT CASE WHEN e.name = 'pageview' THEN e.session_id END)",
    "revenue_sum": "SUM(CASE WHEN (e.goals & ?) != 0 THEN e.revenue_amount END)",
    "revenue_count": "COUNT(CASE WHEN (e.goals & ?) != 0 THEN e.revenue_amount END)",
}
SESSION_AGGREGATES = {
    "visitors": "COUNT(DISTINCT s.visitor_id)",
    "visits": "COUNT(*)",
    "bounces": "SUM(s.is_bounce)",
    "duration": "SUM(s.duration)",
    "pageviews": "SUM(s.pageviews)",
}


def use_events(metrics: Iterable[str], dimensions: Iterable[str], filters: list[Filter]) -> bool:
    """The API's table decider: True when either-scope metrics are counted on ``events``."""
    metrics, dimensions = set(metrics), set(dimensions)
    used = {leaf[1] for leaf in leaves(filters)}
    ev_m, se_m = bool(metrics & EVENT_ONLY_METRICS), bool(metrics & SESSION_ONLY_METRICS)
    ev_f = any(d.startswith("event:") for d in used)
    se_f = bool(used & SESSION_ONLY_DIMENSIONS)
    ev_d = any(d.startswith("event:") for d in dimensions)
    se_d = bool(dimensions & SESSION_ONLY_DIMENSIONS)
    if not (ev_m or ev_f or ev_d):
        return False
    if not (se_m or se_f or se_d):
        return True
    if not (ev_m or ev_d):
        return False
    # Events carry their session's attributes: only session metrics need the sessions table.
    return not se_m


@dataclass
class Context:
    """One query's fixed inputs: the store, the site's index and the range in SQL units."""

    query: Query
    db: sqlite3.Connection
    work: Work
    site_index: int
    first_ts: int
    last_ts: int
    first_day: int
    last_day: int
    revenue_mask: int = 0
    imports: imports.Imports | None = None
    totals: metrics.Totals | None = None

    @classmethod
    def of(cls, query: Query, dataset: Dataset, work: Work) -> Context:
        first_day, last_day = timebuckets.local_days(query.date_range)
        return cls(
            query=query,
            db=dataset.db,
            work=work,
            site_index=dataset.index_of(query.site),
            first_ts=math.ceil(query.date_range.first_utc.timestamp()),
            last_ts=math.floor(query.date_range.last_utc.timestamp()),
            first_day=first_day,
            last_day=last_day,
        )

    def scope(
        self, columns: EventColumns | SessionColumns, session_id: str = "s.session_id"
    ) -> Scope:
        return Scope(
            columns, self.query.site, self.site_index, self.first_ts, self.last_ts, session_id
        )

    def fetch(self, sql: str, params: list[Any]) -> list[tuple]:
        return self.work.fetch(self.db, sql, params)


# ----------------------------------------------------------------------------- event groups


def event_groups(
    ctx: Context, dims: list[str], filters: list[Filter], components: Iterable[str]
) -> Groups:
    """Components per group over the non-engagement events in range passing the filters."""
    wanted = ["events", *[c for c in dict.fromkeys(components) if c != "events"]]
    aggregates = [
        Fragment(EVENT_AGGREGATES[name], [ctx.revenue_mask] if name.startswith("revenue") else [])
        for name in wanted
    ]
    select = _event_select(ctx, dims, filters, aggregates, name_test=counted(ctx.query))
    groups = _collect(ctx, select.render("events e"), dims, wanted)
    if ctx.imports is not None:
        ctx.imports.add(groups, dims, filters, wanted)
    return groups


def counted(query: Query) -> Fragment:
    """The events that count: not ``engagement`` ones, except, in a query about goals (a goal
    filter or breakdown), those that complete a scroll goal."""
    about_goals = GOAL in query.dimensions or any(f[1] == GOAL for f in leaves(query.filters))
    mask = sum(1 << i for i, g in enumerate(query.site.goals) if g.is_scroll) if about_goals else 0
    if not mask:
        return Fragment(COUNTED)
    return Fragment(f"({COUNTED} OR (e.goals & ?) != 0)", [mask])


def engagement_groups(ctx: Context, dims: list[str], filters: list[Filter]) -> Groups:
    """Per group: the sum and count of each session's deepest scroll, and engagement time,
    with the imported pages' totals added when imports join the query."""
    aggregates = [
        Fragment("MAX(CASE WHEN e.scroll_depth <= 100 THEN e.scroll_depth END)"),
        Fragment("SUM(e.engagement_time)"),
    ]
    engaged = Fragment("e.name = 'engagement'")
    select = _event_select(ctx, dims, filters, aggregates, name_test=engaged)
    inner = select.render("events e", extra_group="e.session_id")
    keys = ", ".join(f"c{i}" for i in range(len(dims)))
    n = len(dims)
    outer = f"SELECT {keys + ', ' if keys else ''}SUM(c{n}), COUNT(c{n}), SUM(c{n + 1}) "
    outer += f"FROM ({inner.sql})" + (f" GROUP BY {keys}" if keys else "")
    names = ["scroll_sum", "scroll_sessions", "engagement_ms"]
    groups = _collect(ctx, Fragment(outer, inner.params), dims, names)
    if ctx.imports is not None:
        ctx.imports.add(groups, dims, filters, names)
    return groups


def _event_select(
    ctx: Context,
    dims: list[str],
    filters: list[Filter],
    aggregates: list[Fragment],
    *,
    name_test: Fragment,
    session_alias: str = "s",
) -> Select:
    """Events in range named as ``name_test`` says, passing the filters, grouped by ``dims``
    (their session joined as ``session_alias`` when a visit dimension or filter reads it)."""
    columns = EventColumns(ctx.query.site, session_alias=session_alias)
    select = Select(aggregates=aggregates)
    select.dims = [_event_dim(ctx, dim, columns, select) for dim in dims]
    select.where = [
        Fragment(
            "e.site = ? AND e.ts BETWEEN ? AND ?", [ctx.site_index, ctx.first_ts, ctx.last_ts]
        ),
        name_test,
        compile_filters(filters, ctx.scope(columns, session_id="e.session_id")),
    ]
    if columns.needs_session:
        join_session = f"JOIN sessions {session_alias} ON {session_alias}.session_id = e.session_id"
        select.joins.insert(0, Fragment(join_session))
    return select


def _event_dim(ctx: Context, dim: str, columns: EventColumns, select: Select) -> Fragment:
    if dim == timebuckets.HOUR:
        return Fragment("e.local_hour")
    if (bucket := day_bucket(dim, "e.local_day", "e.local_month", ctx.first_day)) is not None:
        return bucket
    if dim == GOAL:
        select.joins.append(Fragment("JOIN goals g ON g.site = e.site AND (e.goals & g.bit) != 0"))
        return Fragment("g.name")
    return Fragment(columns.column(dim).expr)


# --------------------------------------------------------------------------- session groups


def session_groups(
    ctx: Context, dims: list[str], filters: list[Filter], components: Iterable[str]
) -> Groups:
    """Components per group over the sessions overlapping the range that pass the filters."""
    select = Select()
    for dim in dims:
        select.dims.append(_session_dim(ctx, dim, select))
    wanted = ["visits", *[c for c in dict.fromkeys(components) if c != "visits"]]
    for name in wanted:
        if name in SESSION_AGGREGATES:
            select.aggregates.append(Fragment(SESSION_AGGREGATES[name]))
        else:
            select.aggregates.append(_entry_bounce(ctx, filters, name))
    select.where += [
        Fragment(
            "s.site = ? AND s.end_ts >= ? AND s.start_ts <= ?",
            [ctx.site_index, ctx.first_ts, ctx.last_ts],
        ),
        _session_filter(ctx, filters),
    ]
    groups = _collect(ctx, select.render("sessions s"), dims, wanted)
    if ctx.imports is not None:
        ctx.imports.add(groups, dims, filters, wanted)
    return groups


def _session_filter(ctx: Context, filters: list[Filter]) -> Fragment:
    """Visit filters read the session; with event filters, the session needs one in-range
    event passing the whole tree."""
    if not has_event_leaves(filters):
        return compile_filters(filters, ctx.scope(SessionColumns()))
    events = _event_select(
        ctx,
        [],
        filters,
        [Fragment("e.session_id")],
        name_test=counted(ctx.query),
        session_alias="es",
    ).render("events e")
    return Fragment(f"s.session_id IN ({events.sql})", events.params)


def top_page_filters(filters: list[Filter]) -> list[Filter]:
    return [f for f in filters if is_leaf(f) and f[1] == "event:page"]


def _entry_bounce(ctx: Context, filters: list[Filter], name: str) -> Fragment:
    """Bounces and sessions counted for ``bounce_rate``: entering on a top-level page filter."""
    columns = SessionColumns()
    entry = join(
        [
            compile_leaf(f, columns.column("visit:entry_page"), ctx.query.site)
            for f in top_page_filters(filters)
        ],
        "AND",
        empty="1",
    )
    counted = "s.is_bounce" if name == "entry_bounces" else "1"
    return Fragment(f"SUM(CASE WHEN {entry.sql} THEN {counted} ELSE 0 END)", entry.params)


def _session_dim(ctx: Context, dim: str, select: Select) -> Fragment:
    if dim == timebuckets.HOUR:
        select.joins.append(
            Fragment(
                "JOIN session_hours h ON h.session_id = s.session_id "
                "AND h.hour_ts > ? AND h.hour_ts <= ?",
                [ctx.first_ts - 3600, ctx.last_ts],
            )
        )
        return Fragment("h.local_hour")
    if (bucket := day_bucket(dim, "s.end_day", "s.end_month", ctx.first_day)) is not None:
        return bucket
    return Fragment(SessionColumns().column(dim).expr)


# ---------------------------------------------------------------------------------- shaping


def _collect(ctx: Context, fragment: Fragment, dims: list[str], names: list[str]) -> Groups:
    return group_rows(ctx.work.paced(ctx.fetch(fragment.sql, fragment.params)), dims, names)


# -------------------------------------------------------------------------------- the query


def execute(query: Query, dataset: Dataset, work: Work | None = None) -> dict[str, Any]:
    """The response body for a parsed query, worked out in ``work``'s turns (its caller
    holds one); without ``work``, in turns of its own and without a budget."""
    if work is None:
        with Work(dataset.turns, seconds=math.inf, wait=math.inf) as unbounded:
            return execute(query, dataset, unbounded)
    ctx = Context.of(query, dataset, work)
    meta: dict[str, Any] = {}
    if query.include.get("imports"):
        period = imports.imported_period(ctx.fetch, ctx.site_index)
        reason = imports.skip_reason(query, period, ctx.first_day, ctx.last_day)
        meta.update(imports.meta(reason))
        if reason is None:
            ctx.imports = imports.Imports(
                query, ctx.fetch, ctx.site_index, ctx.first_day, ctx.last_day
            )
    revenue = metrics.revenue_setup(query)
    ctx.revenue_mask = revenue.mask
    rows = [
        (data.key, [metrics.value(m, data, query, _totals(ctx), revenue) for m in query.metrics])
        for data in work.paced(_row_data(ctx))
    ]
    warnings = metrics.metric_warnings(query, revenue, ctx.imports is not None)
    if warnings:
        meta["metric_warnings"] = warnings
    if query.include.get("time_labels"):
        bucket = next(d for d in query.dimensions if timebuckets.is_time(d))
        meta["time_labels"] = timebuckets.time_labels(bucket, query.date_range)
    return response.body(query, rows, meta, work.paced)


def _row_data(ctx: Context) -> list[metrics.RowData]:
    """Every group's components from the tables its metrics need."""
    query = ctx.query
    wanted = set(query.metrics)
    dims, filters = query.dimensions, query.filters
    on_events = use_events(wanted, dims, filters)
    either = [
        c
        for c in ("visitors", "visits")
        if c in wanted or (c == "visitors" and wanted & VISITOR_RATES)
    ]
    ev: Groups = {}
    se: Groups = {}
    eng: Groups = {}
    if on_events or wanted & EVENT_ONLY_METRICS:
        ev = event_groups(ctx, dims, filters, _event_components(wanted, either, on_events))
    if not on_events or wanted & SESSION_ONLY_METRICS:
        se = session_groups(ctx, dims, filters, _session_components(wanted, either, on_events))
    if wanted & {"scroll_depth", "time_on_page"}:
        eng = engagement_groups(ctx, dims, filters)
    keys = set(ev if on_events else se)
    if wanted & EVENT_ONLY_METRICS:
        keys |= set(ev)
    if wanted & SESSION_ONLY_METRICS:
        keys |= set(se)
    if not dims:
        keys = {()}
    return [
        metrics.RowData(key, ev.get(key, {}), se.get(key, {}), eng.get(key, {}), on_events)
        for key in keys
    ]


def _event_components(wanted: set[str], either: Sequence[str], on_events: bool) -> list[str]:
    components = list(either) if on_events else []
    components += [m for m in ("pageviews", "events") if m in wanted]
    if "time_on_page" in wanted:
        components.append("pageview_visits")
    if wanted & set(REVENUE_METRICS):
        components += ["revenue_sum", "revenue_count"]
    return components


def _session_components(wanted: set[str], either: Sequence[str], on_events: bool) -> list[str]:
    components = [] if on_events else list(either)
    if "bounce_rate" in wanted:
        components += ["entry_bounces", "entry_sessions"]
    if "visit_duration" in wanted:
        components.append("duration")
    if "views_per_visit" in wanted:
        components.append("pageviews")
    return components


def _totals(ctx: Context) -> metrics.Totals:
    """The query's denominators, computed on first use and kept on the context."""
    if ctx.totals is None:
        ctx.totals = _compute_totals(ctx)
    return ctx.totals


def _compute_totals(ctx: Context) -> metrics.Totals:
    query = ctx.query
    totals = metrics.Totals(with_imports=ctx.imports is not None)
    if "percentage" in query.metrics:
        totals.percentage = _visitors(ctx, [], query.filters).get((), {}).get("visitors", 0)
    goalless = [
        f
        for f in query.filters
        if not (is_leaf(f) and (f[1] == GOAL or f[1].startswith("event:props:")))
    ]
    if "conversion_rate" in query.metrics:
        totals.conversion_rate = _visitors(ctx, [], goalless).get((), {}).get("visitors", 0)
    if "group_conversion_rate" in query.metrics:
        totals.group_keep = [i for i, d in enumerate(query.dimensions) if d != GOAL]
        dims = [query.dimensions[i] for i in totals.group_keep]
        totals.group_visitors = {
            key: values["visitors"] for key, values in _visitors(ctx, dims, goalless).items()
        }
    return totals


def _visitors(ctx: Context, dims: list[str], filters: list[Filter]) -> Groups:
    if use_events(["visitors"], dims, filters):
        return event_groups(ctx, dims, filters, ["visitors"])
    return session_groups(ctx, dims, filters, ["visitors"])
