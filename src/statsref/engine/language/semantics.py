"""The rules checked once the query is well formed, in the real API's order, first failure wins.

Order: order_by entries are queried -> the plan allows the custom properties used -> goal and
hostname filters only at the top level -> custom-property filters at the top level with
conversion rates -> behavioral filters -> goals named with ``is`` exist -> the plan allows
revenue metrics -> each metric's requirements, in the order listed -> session/event conflicts
-> (the mock's own) a single time dimension -> ``include.time_labels``.
``filters`` here have segments expanded already.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import sources as src
from . import vocabulary as v
from .elixir import Atom, inspect
from .errors import QueryError
from .evidence import cites, mock_own
from .filter_tree import Filter, Leaf, filters_on, leaves, top_level_filters
from .site import REVENUE_GOALS, Site

TOP_LEVEL_ONLY = ("event:goal", "event:hostname")
CONVERSION_METRICS = ("conversion_rate", "group_conversion_rate")
SESSION_ONLY_DIMENSIONS = tuple(d for d, scope in v.VISIT_DIMENSIONS.items() if scope == v.SESSION)
GOALS_HELP = "https://plausible.io/docs/stats-api#filtering-by-goals"
NO_PROPS_FEATURE = "The owner of this site does not have access to the custom properties feature."
NO_REVENUE_FEATURE = "The owner of this site does not have access to the revenue metrics feature."


@dataclass
class Checked:
    """The parts of a query the rules look at. ``filter_pointers`` is false when segments were
    expanded, so positions in ``filters`` no longer match the request."""

    site: Site
    metrics: list[str]
    dimensions: list[str]
    filters: list[Filter]
    order_by: list[list[str]] | None = None
    include: dict[str, bool] = field(default_factory=dict)
    filter_pointers: bool = True

    def pointer(self, leaf: Leaf) -> str:
        return leaf.pointer if self.filter_pointers else "/filters"


def check_semantics(query: Checked) -> None:
    for rule in RULES:
        rule(query)


def _fail(message: str, pointer: str, hint: str) -> None:
    raise QueryError(message, pointer=pointer, hint=hint)


def _listed(names: list[str] | tuple[str, ...]) -> str:
    """The names as code spans: "`a`, `b` or `c`"."""
    ticked = [f"`{name}`" for name in names]
    return ticked[0] if len(ticked) == 1 else f"{', '.join(ticked[:-1])} or {ticked[-1]}"


@cites(src.QUERY_BUILDER)
def _order_by(query: Checked) -> None:
    queried = [*query.metrics, *query.dimensions]
    for index, (name, direction) in enumerate(query.order_by or []):
        if name not in queried:
            entry = (Atom(name) if name in v.METRICS else name, Atom(direction))
            _fail(
                f"Invalid order_by entry '{inspect(entry)}'. "
                "Entry is not a queried metric or dimension.",
                f"/order_by/{index}",
                f"Sort only by what the query asks for: add `{name}` to "
                f"`{'metrics' if name in v.METRICS else 'dimensions'}`, or sort by "
                f"{_listed(queried)} instead.",
            )


@cites(src.QUERY_BUILDER, src.PROPS, src.FEATURES)
def _custom_props_access(query: Checked) -> None:
    """Custom properties anywhere in the query, has_done included; the plan's feature or the
    internal properties the API's own scripts send."""
    used = [(f"/dimensions/{i}", d) for i, d in enumerate(query.dimensions)]
    used += [(query.pointer(leaf), leaf.dimension) for leaf in leaves(query.filters)]
    for pointer, dimension in used:
        prop = dimension.removeprefix(v.PROPS_PREFIX)
        if prop != dimension and not query.site.allows_prop(prop):
            _fail(
                NO_PROPS_FEATURE,
                pointer,
                f"Remove `{dimension}` from the query: the plan of {query.site.domain} does not "
                "include custom properties.",
            )


@cites(src.QUERY_BUILDER)
def _top_level_only(query: Checked) -> None:
    for leaf in leaves(query.filters):
        if leaf.depth > 0 and leaf.behavioral == 0 and leaf.dimension in TOP_LEVEL_ONLY:
            _fail(
                f"Invalid filters. Dimension `{leaf.dimension}` can only be filtered "
                "at the top level.",
                query.pointer(leaf),
                f"Move the `{leaf.dimension}` filter out of `and`, `or` and `not` into the "
                "list of `filters` itself.",
            )


@cites(src.QUERY_BUILDER)
def _conversion_props(query: Checked) -> None:
    if not any(metric in CONVERSION_METRICS for metric in query.metrics):
        return
    for leaf in leaves(query.filters):
        if leaf.depth > 0 and leaf.dimension.startswith(v.PROPS_PREFIX):
            _fail(
                "Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are "
                "used, custom property filters can only be used on top level.",
                query.pointer(leaf),
                f"Move the `{leaf.dimension}` filter into the list of `filters` itself, or "
                "leave the conversion rates out of `metrics`.",
            )


@cites(src.QUERY_BUILDER)
def _behavioral(query: Checked) -> None:
    for leaf in leaves(query.filters):
        if leaf.behavioral > 1:
            _fail(
                "Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.",
                query.pointer(leaf),
                "Keep one `has_done` or `has_not_done` around the event filters: put the inner "
                "one's filter directly in the outer one, or make it a filter of its own.",
            )
        if leaf.behavioral == 1 and not leaf.dimension.startswith("event:"):
            _fail(
                "Invalid filters. Behavioral filters (has_done, has_not_done) can only be used "
                "with event dimension filters.",
                query.pointer(leaf),
                f"Inside `has_done` and `has_not_done`, filter on an `event:` dimension such as "
                f"`event:page` or `event:goal`; move the `{leaf.dimension}` filter outside.",
            )


@cites(src.QUERY_BUILDER)
def _goals_exist(query: Checked) -> None:
    """Only plain ``is`` leaves are checked: like the API, a leaf with a modifiers object (say
    ``{"case_sensitive": false}``) or ``contains`` may name goals that match nothing."""
    for leaf in filters_on(query.filters, "event:goal", behavioral=True):
        if leaf.operator != "is" or len(leaf.filter) > 3:
            continue
        for clause in leaf.clauses:
            if query.site.goal(clause) is None:
                _fail(
                    f"Invalid filters. The goal `{clause}` is not configured for this site. "
                    f"Find out how to configure goals here: {GOALS_HELP}",
                    query.pointer(leaf),
                    _goal_hint(query.site),
                )


@cites(src.QUERY_BUILDER, src.FEATURES)
def _revenue_access(query: Checked) -> None:
    for index, metric in enumerate(query.metrics):
        if metric in v.REVENUE_METRICS and REVENUE_GOALS not in query.site.features:
            _fail(
                NO_REVENUE_FEATURE,
                f"/metrics/{index}",
                f"Leave `{metric}` out of `metrics`: the plan of {query.site.domain} does not "
                "include revenue metrics.",
            )


@cites(src.QUERY_BUILDER)
def _metrics(query: Checked) -> None:
    for index, metric in enumerate(query.metrics):
        problem = METRIC_RULES.get(metric, _no_problem)(query, metric)
        if problem:
            message, hint = problem
            _fail(message, f"/metrics/{index}", hint)


Problem = tuple[str, str] | None
"""A metric's problem: the API's message and our hint, or ``None``."""


def _no_problem(query: Checked, metric: str) -> Problem:
    return None


@cites(src.QUERY_BUILDER)
def _needs_goal(query: Checked, metric: str) -> Problem:
    if "event:goal" in query.dimensions or filters_on(query.filters, "event:goal"):
        return None
    goal = query.site.goals[0].display_name if query.site.goals else "Signup"
    return (
        f"Metric `{metric}` can only be queried with event:goal filters or dimensions.",
        f'Say which goal converts: add a filter such as `["is", "event:goal", ["{goal}"]]`, or '
        "`event:goal` to `dimensions` for a row per goal.",
    )


@cites(src.QUERY_BUILDER)
def _needs_page(query: Checked, metric: str) -> Problem:
    """scroll_depth counts only a top-level page filter; time_on_page one at any depth."""
    if "event:page" in query.dimensions:
        return None
    if metric == "scroll_depth" and top_level_filters(query.filters, "event:page"):
        return None
    if metric == "time_on_page" and filters_on(query.filters, "event:page"):
        return None
    where = "in the list of `filters` itself" if metric == "scroll_depth" else "in `filters`"
    return (
        f"Metric `{metric}` can only be queried with event:page filters or dimensions.",
        f"Say which pages: add `event:page` to `dimensions` for a row per page, or a filter "
        f'such as `["is", "event:page", ["/"]]` {where}.',
    )


@cites(src.QUERY_BUILDER)
def _views_per_visit(query: Checked, metric: str) -> Problem:
    if filters_on(query.filters, "event:page"):
        return (
            f"Metric `{metric}` cannot be queried with a filter on `event:page`.",
            f"Remove the `event:page` filter, or ask for `pageviews` instead of `{metric}`.",
        )
    if query.dimensions:
        return (
            f"Metric `{metric}` cannot be queried with `dimensions`.",
            f"Ask for `{metric}` in a query without `dimensions` (one total row), and for the "
            "breakdown in another.",
        )
    return None


METRIC_RULES: dict[str, Callable[[Checked, str], Problem]] = {
    "conversion_rate": _needs_goal,
    "group_conversion_rate": _needs_goal,
    "scroll_depth": _needs_page,
    "time_on_page": _needs_page,
    "views_per_visit": _views_per_visit,
}


@cites(src.TABLE_DECIDER, src.TABLE_DECIDER_TEST, src.QUERY_BUILDER)
def _conflicts(query: Checked) -> None:
    event_dimensions = [d for d in query.dimensions if d.startswith("event:")]
    if event_dimensions == ["event:page"]:
        return
    session_dimensions = [d for d in query.dimensions if d in SESSION_ONLY_DIMENSIONS]
    session_metrics = [m for m in query.metrics if v.METRICS[m] == v.SESSION]
    event_metrics = [m for m in query.metrics if v.METRICS[m] == v.EVENT]
    if session_metrics and event_dimensions:
        _fail(
            f"Session metric(s) {_ticked(session_metrics)} cannot be queried along with event "
            f"dimension(s) {_ticked(event_dimensions)}",
            "/dimensions",
            f"Split it in two queries: one for {_listed(session_metrics)} without "
            f"{_listed(event_dimensions)}, one for the breakdown by "
            f"{_listed(event_dimensions)} without {_listed(session_metrics)}.",
        )
    if event_metrics and session_dimensions:
        _fail(
            f"Event metric(s) {_ticked(event_metrics)} cannot be queried along with session "
            f"dimension(s) {_ticked(session_dimensions)}",
            "/dimensions",
            f"Split it in two queries: one for {_listed(event_metrics)} without "
            f"{_listed(session_dimensions)}, one for the breakdown by "
            f"{_listed(session_dimensions)} without {_listed(event_metrics)}.",
        )


def _ticked(names: list[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _goal_hint(site: Site) -> str:
    goals = [goal.display_name for goal in site.goals]
    if not goals:
        return f"Leave the goal filter out: {site.domain} has no goals."
    return f"Name a goal of {site.domain}: {_listed(goals)}; or match names with `contains`."


@mock_own(
    "Two time buckets would make rows and time labels ambiguous (and `time` may resolve to the "
    "very bucket listed next to it); the API's query builder has no such check."
)
def _one_time_dimension(query: Checked) -> None:
    """Not a rule the API states: two time buckets would make rows and time labels ambiguous
    (and ``time`` may resolve to the very bucket listed next to it), so the mock refuses."""
    times = [d for d in query.dimensions if d in v.TIME_DIMENSIONS]
    if len(times) > 1:
        _fail(
            f"Invalid dimensions. Only one time dimension can be queried, got {_ticked(times)}.",
            "/dimensions",
            f"Keep one of {_listed(times)} in `dimensions`.",
        )


@cites(src.QUERY_BUILDER)
def _time_labels(query: Checked) -> None:
    if query.include.get("time_labels") and not any(
        d in v.TIME_DIMENSIONS for d in query.dimensions
    ):
        _fail(
            "Invalid include.time_labels: requires a time dimension.",
            "/include/time_labels",
            "Add a time dimension such as `time:day` to `dimensions`, or leave out "
            "`include.time_labels`.",
        )


RULES: tuple[Callable[[Checked], Any], ...] = (
    _order_by,
    _custom_props_access,
    _top_level_only,
    _conversion_props,
    _behavioral,
    _goals_exist,
    _revenue_access,
    _metrics,
    _conflicts,
    _one_time_dimension,
    _time_labels,
)
