"""Metric values from a group's components, and the revenue currency rules.

``RowData`` holds one group's components from each table; ``value`` computes one metric the
way the API defines it (rates on a 0-100 scale; rounding and number types in ``response``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..language import sources as src
from ..language.evidence import cites
from ..language.query import Filter, Query
from ..language.site import Goal, Site
from ..language.vocabulary import REVENUE_METRICS
from .response import Key, money, ratio, rounded
from .sql import goal_name_matches, is_leaf

GOAL = "event:goal"

NO_REVENUE_GOALS = (
    "no_revenue_goals_matching",
    "Revenue metrics are null as there are no matching revenue goals.",
)
MIXED_CURRENCIES = (
    "no_single_revenue_currency",
    "Revenue metrics are null as there are multiple currencies for the selected event:goals.",
)
NO_IMPORTED_SCROLL_DEPTH = (
    "no_imported_scroll_depth",
    "No imports with scroll depth data were found",
)


@dataclass
class RowData:
    """One group's components: events (``ev``), sessions (``se``), engagement (``eng``)."""

    key: Key
    ev: dict[str, float]
    se: dict[str, float]
    eng: dict[str, float]
    on_events: bool

    def either(self, name: str) -> float:
        return (self.ev if self.on_events else self.se).get(name, 0)


@dataclass
class Totals:
    """Denominators computed once per query (``None`` when the metric is not asked for), and
    whether imported data joins them (``with_imports``)."""

    with_imports: bool = False
    percentage: float | None = None
    conversion_rate: float | None = None
    group_keep: list[int] = field(default_factory=list)
    group_visitors: dict[Key, float] = field(default_factory=dict)


@dataclass
class Revenue:
    """The currency decision for revenue metrics (see ``revenue_setup``)."""

    by_goal: bool
    currencies: dict[str, str]
    default: str | None
    warning: tuple[str, str] | None
    mask: int


def revenue_setup(query: Query) -> Revenue:
    """Which goals' revenue counts and in which currency, as the API decides it.

    The relevant goals are those named by top-level ``event:goal`` filters, or every goal
    when the query breaks down by goal. Without a goal breakdown they must share exactly
    one currency; otherwise revenue is ``null`` with a warning.
    """
    site = query.site
    by_goal = GOAL in query.dimensions
    goals = goals_in_question(site, query.dimensions, query.filters)
    currencies = {g.display_name: g.currency for g in goals if g.currency}
    distinct = set(currencies.values())
    warning = None
    if not (by_goal and currencies) and len(distinct) != 1:
        warning = MIXED_CURRENCIES if distinct else NO_REVENUE_GOALS
    default = next(iter(distinct)) if len(distinct) == 1 and not by_goal else None
    mask = sum(1 << i for i, g in enumerate(site.goals) if g.display_name in currencies)
    return Revenue(by_goal, currencies, default, warning, mask)


def goals_in_question(site: Site, dims: list[str], filters: list[Filter]) -> list[Goal]:
    """The goals named by every top-level ``event:goal`` filter, or all of the site's goals
    for a breakdown by goal without one (none when the query is not about goals)."""
    goal_leaves = [f for f in filters if is_leaf(f) and f[1] == GOAL]
    goals = list(site.goals) if (goal_leaves or GOAL in dims) else []
    for leaf in goal_leaves:
        goals = [g for g in goals if _goal_leaf_matches(leaf, g.display_name)]
    return goals


@cites(src.QUERY_RUNNER, src.GOAL_SCHEMA, src.API_QUERY_PARSER)
def events_unknown(key: Key, query: Query) -> bool:
    """A scroll goal is completed by ``engagement`` events, which ``events`` never counts, so
    the API answers ``events`` with ``null`` for a scroll goal's row in a breakdown by goal and,
    without that breakdown, for every row when the top-level goal filters name a scroll goal
    and one of them is written without modifiers (the API's check matches three-element
    filters only, and its parser keeps a modifiers object only when the query has one)."""
    if GOAL in query.dimensions:
        goal = query.site.goal(key[query.dimensions.index(GOAL)])
        return goal is not None and goal.is_scroll
    bare = any(len(f) == 3 and f[1] == GOAL for f in query.echo["filters"])
    goals = goals_in_question(query.site, query.dimensions, query.filters)
    return bare and any(g.is_scroll for g in goals)


def _goal_leaf_matches(leaf: Filter, name: str) -> bool:
    op, case_sensitive = leaf[0], leaf[3].get("case_sensitive", True)
    hit = goal_name_matches(op.removesuffix("_not"), leaf[2], case_sensitive, name)
    return hit != op.endswith("_not")


def metric_warnings(
    query: Query, revenue: Revenue, imports_included: bool
) -> dict[str, dict[str, str]]:
    """Why revenue is null, and that scroll depth leaves imported data out because the site's
    import holds none (the API: no import in range ``has_scroll_depth``)."""
    found = {}
    if revenue.warning is not None and not revenue.by_goal:
        code, text = revenue.warning
        found = {m: {"code": code, "warning": text} for m in query.metrics if m in REVENUE_METRICS}
    lacking = imports_included and not query.site.imported_scroll_depth
    if lacking and "scroll_depth" in query.metrics:
        code, text = NO_IMPORTED_SCROLL_DEPTH
        found["scroll_depth"] = {"code": code, "warning": text}
    return found


def value(name: str, row: RowData, query: Query, totals: Totals, revenue: Revenue) -> Any:
    """The JSON value of one metric for one row."""
    visitors = row.either("visitors")
    if name in ("visitors", "visits"):
        return int(row.either(name))
    if name == "events" and events_unknown(row.key, query):
        return None
    if name in ("pageviews", "events"):
        return int(row.ev.get(name, 0))
    if name in ("bounce_rate", "visit_duration", "views_per_visit"):
        return _session_metric(name, row.se)
    if name == "percentage":
        total = totals.percentage
        return rounded(ratio(visitors, total, 100), 1) if total else None
    if name == "conversion_rate":
        return _rate(visitors, totals.conversion_rate or 0)
    if name == "group_conversion_rate":
        group = tuple(row.key[i] for i in totals.group_keep)
        return _rate(visitors, totals.group_visitors.get(group, 0))
    if name == "scroll_depth":
        sessions = row.eng.get("scroll_sessions", 0)
        return rounded(ratio(row.eng["scroll_sum"], sessions)) if sessions else None
    if name == "time_on_page":
        return _time_on_page(row, totals.with_imports)
    return _revenue(name, row, query, revenue)


@cites(src.IMPORTED_EXPRESSION)
def _time_on_page(row: RowData, with_imports: bool) -> int | float | None:
    """Engagement seconds over the visits to the page; with imports, the API's
    ``ifNotFinite(total / visits, 0)`` makes a row without visits ``0``, not ``null``."""
    visits = row.ev.get("pageview_visits", 0)
    if not visits:
        return 0 if with_imports else None
    return rounded(ratio(row.eng.get("engagement_ms", 0), visits * 1000))


def _session_metric(name: str, se: dict[str, float]) -> int | float:
    visits = se.get("visits", 0)
    if name == "bounce_rate":
        counted = se.get("entry_sessions", 0)
        return rounded(ratio(se["entry_bounces"], counted, 100)) if counted else 0
    if not visits:
        return 0 if name == "visit_duration" else 0.0
    if name == "visit_duration":
        return rounded(ratio(se["duration"], visits))
    return rounded(ratio(se["pageviews"], visits), 2)


def _rate(part: float, whole: float) -> float:
    return rounded(ratio(part, whole, 100), 2) if whole else 0.0


def _revenue(name: str, row: RowData, query: Query, revenue: Revenue) -> Any:
    if revenue.warning is not None and not revenue.by_goal:
        return None
    if revenue.by_goal:
        goal = row.key[query.dimensions.index("event:goal")]
        currency = revenue.currencies.get(goal)
    else:
        currency = revenue.default
    if currency is None:
        return None
    total = row.ev.get("revenue_sum", 0)
    if name == "total_revenue":
        return money(total, currency)
    count = row.ev.get("revenue_count", 0)
    return money(total / count if count else 0, currency)
