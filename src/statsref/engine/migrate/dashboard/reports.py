"""What the dashboard shows, as Stats API metrics and dimensions: its top row and its panels.

The top row (plausible/analytics ``assets/js/dashboard/stats/graph/fetch-top-stats.ts``
@1272450f188e): unique visitors, total visits, total pageviews, views per visit, bounce rate
and visit duration; with a goal filter, unique and total conversions, total and average
revenue when the site has revenue goals, and the conversion rate; with a page filter,
visitors, visits, pageviews, bounce rate, scroll depth and time on page (without bounce rate
and time on page when imported data is counted); realtime, visitors and pageviews (or events,
with a goal filter) over the last 30 minutes, beside the current visitors.

The panels (``assets/js/dashboard/stats/reports/reports-config.ts`` @01c998516f0d), as their
cards show them: each breakdown's dimensions, the filters the card always adds (no empty entry
page, no unknown country...) and its metrics (visitors and their share; with a goal filter,
conversions and the conversion rate per row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOP_ROW = ("visitors", "visits", "pageviews", "views_per_visit", "bounce_rate", "visit_duration")
LABELS = {
    "visitors": "Unique visitors",
    "visits": "Total visits",
    "pageviews": "Total pageviews",
    "views_per_visit": "Views per visit",
    "bounce_rate": "Bounce rate",
    "visit_duration": "Visit duration",
    "scroll_depth": "Scroll depth",
    "time_on_page": "Time on page",
    "events": "Total conversions",
    "total_revenue": "Total revenue",
    "average_revenue": "Average revenue",
    "conversion_rate": "Conversion rate",
}
"""The top row's labels, for the note that names each number."""
GOAL_LABELS = {"visitors": "Unique conversions"}
REVENUE = ("total_revenue", "average_revenue")
COMMON, GOALS, PROPS = "common", "goals", "props"


@dataclass(frozen=True)
class Context:
    """What decides the metrics: a goal filter, a page filter, imported data counted, the
    site's revenue goals (``None``: unknown) and a realtime view."""

    goal: bool
    page: bool
    imports: bool
    revenue: bool | None
    realtime: bool = False

    @property
    def revenue_metrics(self) -> tuple[str, ...]:
        return REVENUE if self.revenue else ()


def top_row(context: Context) -> list[str]:
    if context.realtime:
        return ["visitors", "events" if context.goal else "pageviews"]
    if context.goal:
        return ["visitors", "events", *context.revenue_metrics, "conversion_rate"]
    if context.page and context.imports:
        return ["visitors", "visits", "pageviews", "scroll_depth"]
    if context.page:
        return ["visitors", "visits", "pageviews", "bounce_rate", "scroll_depth", "time_on_page"]
    return list(TOP_ROW)


def top_row_labels(metrics: list[str], context: Context) -> str:
    labels = {**LABELS, **(GOAL_LABELS if context.goal else {})}
    return ", ".join(f"{labels[m]} ({m})" for m in metrics)


@dataclass(frozen=True)
class Panel:
    """A card of the dashboard: its breakdown, the filters it adds, its kind of metrics and
    the path of its details view."""

    dimensions: tuple[str, ...]
    path: str
    always: tuple[list[Any], ...] = field(default=())
    metrics: str = COMMON


def _not_empty(dimension: str, *empty: Any) -> tuple[list[Any], ...]:
    return (["is_not", dimension, list(empty or [""])],)


PANELS: dict[str, Panel] = {
    "sources": Panel(("visit:source",), "sources"),
    "channels": Panel(("visit:channel",), "channels"),
    **{
        f"utm_{name}": Panel(
            (f"visit:utm_{name}",), f"utm_{name}s", _not_empty(f"visit:utm_{name}")
        )
        for name in ("medium", "source", "campaign", "content", "term")
    },
    "pages": Panel(("event:page",), "pages"),
    "entry_pages": Panel(("visit:entry_page",), "entry-pages", _not_empty("visit:entry_page")),
    "exit_pages": Panel(("visit:exit_page",), "exit-pages", _not_empty("visit:exit_page")),
    "countries": Panel(
        ("visit:country_name", "visit:country"),
        "countries",
        _not_empty("visit:country", "\0\0", "ZZ"),
    ),
    "regions": Panel(
        ("visit:region_name", "visit:region", "visit:country"),
        "regions",
        _not_empty("visit:region"),
    ),
    "cities": Panel(
        ("visit:city_name", "visit:city", "visit:country"), "cities", _not_empty("visit:city", 0)
    ),
    "devices": Panel(("visit:device",), "screen-sizes"),
    "browsers": Panel(("visit:browser",), "browsers"),
    "operating_systems": Panel(("visit:os",), "operating-systems"),
    "goals": Panel(("event:goal",), "conversions", metrics=GOALS),
}
PROPS_PANEL = "props:"
PANEL_NAMES = f"{', '.join(PANELS)} and {PROPS_PANEL}<property>"
PROPS_PATH = "custom-prop-values/"


def panel(name: str) -> Panel | None:
    """The panel ``name`` (``props:<property>`` for a custom property's card)."""
    if name.startswith(PROPS_PANEL) and len(name) > len(PROPS_PANEL):
        prop = name.removeprefix(PROPS_PANEL)
        return Panel((f"event:props:{prop}",), PROPS_PATH + prop, metrics=PROPS)
    return PANELS.get(name)


def panel_at(path: str) -> str | None:
    """The name of the panel whose details view is at ``path`` (``entry-pages``)."""
    if path.startswith(PROPS_PATH) and len(path) > len(PROPS_PATH):
        return PROPS_PANEL + path.removeprefix(PROPS_PATH)
    return next((name for name, found in PANELS.items() if found.path == path), None)


def panel_metrics(found: Panel, context: Context) -> list[str]:
    if found.metrics == GOALS:
        return ["visitors", "events", "conversion_rate", *context.revenue_metrics]
    if found.metrics == PROPS and context.goal:
        return ["visitors", "events", "conversion_rate", *context.revenue_metrics]
    if found.metrics == PROPS:
        return ["visitors", "events", "percentage"]
    return ["visitors", "group_conversion_rate"] if context.goal else ["visitors", "percentage"]
