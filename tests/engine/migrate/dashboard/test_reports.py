"""The dashboard's top row and panels as metrics and dimensions."""

from __future__ import annotations

import pytest

from statsref.engine.language.vocabulary import METRICS, is_dimension
from statsref.engine.migrate.dashboard.reports import (
    LABELS,
    PANELS,
    Context,
    panel,
    panel_at,
    panel_metrics,
    top_row,
    top_row_labels,
)

PLAIN = Context(goal=False, page=False, imports=True, revenue=False)


@pytest.mark.parametrize(
    ("context", "metrics"),
    [
        (
            PLAIN,
            ["visitors", "visits", "pageviews", "views_per_visit", "bounce_rate", "visit_duration"],
        ),
        (Context(True, False, True, False), ["visitors", "events", "conversion_rate"]),
        (
            Context(True, True, True, True),
            ["visitors", "events", "total_revenue", "average_revenue", "conversion_rate"],
        ),
        (Context(True, False, True, None), ["visitors", "events", "conversion_rate"]),
        (Context(False, True, True, False), ["visitors", "visits", "pageviews", "scroll_depth"]),
        (
            Context(False, True, False, False),
            ["visitors", "visits", "pageviews", "bounce_rate", "scroll_depth", "time_on_page"],
        ),
        (Context(False, False, True, False, realtime=True), ["visitors", "pageviews"]),
        (Context(True, False, True, True, realtime=True), ["visitors", "events"]),
    ],
)
def test_the_top_row(context: Context, metrics: list[str]) -> None:
    assert top_row(context) == metrics
    assert set(metrics) <= set(METRICS) and set(metrics) <= set(LABELS)


def test_the_top_row_s_labels_follow_a_goal_filter() -> None:
    assert (
        top_row_labels(["visitors", "visits"], PLAIN)
        == "Unique visitors (visitors), Total visits (visits)"
    )
    goal = Context(True, False, True, False)
    assert (
        top_row_labels(["visitors", "events"], goal)
        == "Unique conversions (visitors), Total conversions (events)"
    )


NAMES = [
    "sources",
    "channels",
    "utm_medium",
    "utm_source",
    "utm_campaign",
    "utm_content",
    "utm_term",
    "pages",
    "entry_pages",
    "exit_pages",
    "countries",
    "regions",
    "cities",
    "devices",
    "browsers",
    "operating_systems",
    "goals",
]


def test_every_panel_of_the_issue_is_there_with_real_dimensions() -> None:
    assert list(PANELS) == NAMES
    for name, found in PANELS.items():
        assert all(is_dimension(d) for d in found.dimensions), name
        assert panel_at(found.path) == name


@pytest.mark.parametrize(
    ("name", "goal", "metrics"),
    [
        ("sources", False, ["visitors", "percentage"]),
        ("sources", True, ["visitors", "group_conversion_rate"]),
        ("goals", False, ["visitors", "events", "conversion_rate"]),
        ("props:plan", False, ["visitors", "events", "percentage"]),
        ("props:plan", True, ["visitors", "events", "conversion_rate"]),
    ],
)
def test_a_panel_s_metrics(name: str, goal: bool, metrics: list[str]) -> None:
    found = panel(name)
    assert found is not None
    assert panel_metrics(found, Context(goal, False, True, False)) == metrics


def test_revenue_joins_the_goal_panels_when_the_site_has_it() -> None:
    revenue = Context(True, False, True, True)
    assert panel_metrics(PANELS["goals"], revenue)[-2:] == ["total_revenue", "average_revenue"]
    assert panel_metrics(panel("props:plan"), revenue)[-2:] == ["total_revenue", "average_revenue"]  # type: ignore[arg-type]


def test_a_custom_property_panel() -> None:
    found = panel("props:plan")
    assert found is not None and found.dimensions == ("event:props:plan",)
    assert panel_at("custom-prop-values/plan") == "props:plan"
    assert panel("props:") is None and panel("nope") is None and panel_at("nope") is None
