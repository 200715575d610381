"""The semantic rules, their exact messages, and the order in which the API applies them."""

from __future__ import annotations

import pytest

from demo import SITES
from statsref.engine.language.errors import QueryError
from statsref.engine.language.semantics import Checked, check_semantics

DUMMY = SITES["dummy.site"]
STARTER = SITES["starter.dummy.site"]
NO_PROPS = "The owner of this site does not have access to the custom properties feature."
NO_REVENUE = "The owner of this site does not have access to the revenue metrics feature."
GOAL = ["is", "event:goal", ["Signup"]]
PAGE = ["is", "event:page", ["/"]]


def checked(**parts: object) -> Checked:
    defaults: dict = {"site": DUMMY, "metrics": ["visitors"], "dimensions": [], "filters": []}
    return Checked(**{**defaults, **parts})


def error(**parts: object) -> QueryError:
    with pytest.raises(QueryError) as caught:
        check_semantics(checked(**parts))
    assert caught.value.status == 400
    return caught.value


def passes(**parts: object) -> None:
    check_semantics(checked(**parts))


# --- order_by ------------------------------------------------------------------------


def test_order_by_a_metric_not_queried_shows_an_atom() -> None:
    problem = error(order_by=[["visitors", "desc"], ["events", "desc"]])
    assert problem.message == (
        "Invalid order_by entry '{:events, :desc}'. Entry is not a queried metric or dimension."
    )
    assert problem.pointer == "/order_by/1"


def test_order_by_a_dimension_not_queried_shows_a_string() -> None:
    assert error(order_by=[["event:name", "asc"]]).message == (
        "Invalid order_by entry '{\"event:name\", :asc}'. "
        "Entry is not a queried metric or dimension."
    )


def test_order_by_time_must_match_the_dimension_as_written() -> None:
    passes(dimensions=["time"], order_by=[["time", "asc"]])
    passes(dimensions=["time:day"], order_by=[["time:day", "asc"], ["visitors", "desc"]])
    assert (
        "'{\"time:day\", :asc}'"
        in error(dimensions=["time"], order_by=[["time:day", "asc"]]).message
    )


# --- filter placement ----------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["event:goal", "event:hostname"])
@pytest.mark.parametrize("wrapper", ["and", "or", "not"])
def test_goal_and_hostname_filters_only_at_the_top_level(dimension: str, wrapper: str) -> None:
    leaf = ["contains", dimension, ["x"]]
    nested = [wrapper, leaf] if wrapper == "not" else [wrapper, [leaf, PAGE]]
    problem = error(filters=[nested])
    assert problem.message == (
        f"Invalid filters. Dimension `{dimension}` can only be filtered at the top level."
    )
    assert problem.pointer == ("/filters/0/1" if wrapper == "not" else "/filters/0/1/0")


def test_goal_filters_inside_has_done_are_allowed() -> None:
    passes(filters=[["has_done", GOAL]])


def test_custom_property_filters_top_level_with_conversion_rates() -> None:
    prop = ["is", "event:props:author", ["Ann"]]
    message = (
        "Invalid filters. When `conversion_rate` or `group_conversion_rate` metrics are used, "
        "custom property filters can only be used on top level."
    )
    for metric in ("conversion_rate", "group_conversion_rate"):
        assert error(metrics=[metric], filters=[GOAL, ["or", [prop, PAGE]]]).message == message
        assert error(metrics=[metric], filters=[GOAL, ["has_done", prop]]).message == message
        passes(metrics=[metric], filters=[GOAL, prop])
    passes(filters=[["or", [prop, PAGE]]])


# --- behavioral filters --------------------------------------------------------------


def test_behavioral_filters_take_event_dimensions_only() -> None:
    assert error(filters=[["has_done", ["is", "visit:country", ["DE"]]]]).message == (
        "Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with "
        "event dimension filters."
    )
    passes(filters=[["has_not_done", ["or", [PAGE, ["is", "event:props:plan", ["pro"]]]]]])


def test_behavioral_filters_cannot_be_nested() -> None:
    inner = ["has_done", ["not", ["has_not_done", PAGE]]]
    assert error(filters=[inner]).message == (
        "Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested."
    )


# --- goals ---------------------------------------------------------------------------


def test_goals_named_with_is_must_be_configured() -> None:
    problem = error(filters=[["is", "event:goal", ["Signup", "Signupp"]]])
    assert problem.message == (
        "Invalid filters. The goal `Signupp` is not configured for this site. Find out how to "
        "configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals"
    )
    assert problem.pointer == "/filters/0"


def test_goals_are_checked_inside_has_done_but_not_with_contains_or_modifiers() -> None:
    assert "`Nope`" in error(filters=[["has_done", ["is", "event:goal", ["Nope"]]]]).message
    passes(filters=[["contains", "event:goal", ["Nope"]]])
    passes(filters=[["is", "event:goal", ["signup"], {"case_sensitive": False}]])


def test_goal_names_are_per_site() -> None:
    shop = SITES["shop.dummy.site"]
    assert "`Signup`" in error(site=shop, filters=[GOAL]).message
    passes(site=shop, filters=[["is", "event:goal", ["Order"]]])


# --- metric requirements -------------------------------------------------------------


@pytest.mark.parametrize("metric", ["conversion_rate", "group_conversion_rate"])
def test_conversion_rates_need_a_goal(metric: str) -> None:
    message = f"Metric `{metric}` can only be queried with event:goal filters or dimensions."
    problem = error(metrics=["visitors", metric])
    assert problem.message == message
    assert problem.pointer == "/metrics/1"
    assert error(metrics=[metric], filters=[["has_done", GOAL]]).message == message
    passes(metrics=[metric], dimensions=["event:goal"])
    passes(metrics=[metric], filters=[GOAL])


def test_scroll_depth_needs_a_page_dimension_or_top_level_page_filter() -> None:
    message = "Metric `scroll_depth` can only be queried with event:page filters or dimensions."
    assert error(metrics=["scroll_depth"]).message == message
    assert error(metrics=["scroll_depth"], filters=[["or", [PAGE, PAGE]]]).message == message
    passes(metrics=["scroll_depth"], filters=[PAGE])
    passes(metrics=["scroll_depth"], dimensions=["event:page"])


def test_time_on_page_needs_a_page_filter_at_any_depth_outside_has_done() -> None:
    message = "Metric `time_on_page` can only be queried with event:page filters or dimensions."
    assert error(metrics=["time_on_page"]).message == message
    assert error(metrics=["time_on_page"], filters=[["has_done", PAGE]]).message == message
    passes(metrics=["time_on_page"], filters=[["or", [PAGE, PAGE]]])
    passes(metrics=["time_on_page"], dimensions=["event:page"])


def test_views_per_visit_rules() -> None:
    assert error(metrics=["views_per_visit"], filters=[["not", PAGE]]).message == (
        "Metric `views_per_visit` cannot be queried with a filter on `event:page`."
    )
    for dimension in ("time", "time:day", "visit:source"):
        assert error(metrics=["views_per_visit"], dimensions=[dimension]).message == (
            "Metric `views_per_visit` cannot be queried with `dimensions`."
        )
    passes(metrics=["views_per_visit"], filters=[["has_done", PAGE]])


def test_percentage_goes_with_or_without_dimensions() -> None:
    """The API's query builder has no rule for it (its docs say dimensions are required)."""
    passes(metrics=["percentage"])
    passes(metrics=["percentage"], dimensions=["visit:source"])


# --- what the owner's plan includes ----------------------------------------------------


def test_custom_properties_need_the_plan_feature_anywhere_in_the_query() -> None:
    service = ["is", "event:props:service", ["Audit"]]
    problem = error(site=STARTER, dimensions=["visit:source", "event:props:service"])
    assert (problem.message, problem.pointer) == (NO_PROPS, "/dimensions/1")
    for filters, pointer in (
        ([service], "/filters/0"),
        ([["not", service]], "/filters/0/1"),
        ([["has_done", service]], "/filters/0/1"),
    ):
        problem = error(site=STARTER, filters=filters)
        assert (problem.message, problem.pointer) == (NO_PROPS, pointer)
    passes(site=DUMMY, dimensions=["event:props:author"])


@pytest.mark.parametrize("prop", ["url", "path", "search_query", "form"])
def test_the_internal_properties_need_no_plan_feature(prop: str) -> None:
    passes(site=STARTER, dimensions=[f"event:props:{prop}"])


def test_revenue_metrics_need_the_plan_feature() -> None:
    contact = ["is", "event:goal", ["Contact"]]
    problem = error(site=STARTER, metrics=["visitors", "average_revenue"], filters=[contact])
    assert (problem.message, problem.pointer) == (NO_REVENUE, "/metrics/1")
    passes(metrics=["total_revenue"], filters=[GOAL])


# --- session / event conflicts -------------------------------------------------------


def test_session_metrics_with_event_dimensions() -> None:
    problem = error(
        metrics=["visitors", "bounce_rate", "visit_duration"],
        dimensions=["event:name", "event:props:plan"],
    )
    assert problem.message == (
        "Session metric(s) `bounce_rate`, `visit_duration` cannot be queried along with event "
        "dimension(s) `event:name`, `event:props:plan`"
    )


def test_event_metrics_with_session_only_dimensions() -> None:
    assert error(metrics=["events"], dimensions=["visit:exit_page"]).message == (
        "Event metric(s) `events` cannot be queried along with session dimension(s) "
        "`visit:exit_page`"
    )


def test_time_on_page_is_an_event_metric() -> None:
    """The current table decider partitions it with the event metrics."""
    assert error(
        metrics=["time_on_page"], dimensions=["visit:entry_page"], filters=[PAGE]
    ).message == (
        "Event metric(s) `time_on_page` cannot be queried along with session dimension(s) "
        "`visit:entry_page`"
    )


def test_hostname_next_to_page_does_not_lift_the_conflict_checks() -> None:
    """Only ``event:page`` alone is excused (the docs also name ``event:hostname``)."""
    assert error(metrics=["bounce_rate"], dimensions=["event:page", "event:hostname"]).message == (
        "Session metric(s) `bounce_rate` cannot be queried along with event dimension(s) "
        "`event:page`, `event:hostname`"
    )


def test_page_dimension_alone_lifts_both_conflict_checks() -> None:
    passes(metrics=["bounce_rate", "pageviews"], dimensions=["event:page", "visit:entry_page"])
    problem = error(metrics=["bounce_rate"], dimensions=["event:page", "event:hostname"])
    assert problem.message.startswith("Session metric(s) `bounce_rate`")


def test_either_metrics_go_with_any_dimension() -> None:
    passes(metrics=["visitors", "visits"], dimensions=["event:name", "visit:exit_page"])


def test_only_one_time_dimension() -> None:
    problem = error(dimensions=["time", "visit:source", "time:day"])
    assert problem.message == (
        "Invalid dimensions. Only one time dimension can be queried, got `time`, `time:day`."
    )
    assert problem.pointer == "/dimensions"


# --- include -------------------------------------------------------------------------


def test_time_labels_need_a_time_dimension() -> None:
    problem = error(include={"time_labels": True})
    assert problem.message == "Invalid include.time_labels: requires a time dimension."
    assert problem.pointer == "/include/time_labels"
    passes(include={"time_labels": True}, dimensions=["time:week"])


# --- order of the rules ----------------------------------------------------------------


def test_rules_run_in_the_apis_order() -> None:
    everything_wrong = checked(
        metrics=["bounce_rate", "conversion_rate"],
        dimensions=["event:name"],
        filters=[["or", [GOAL, PAGE]], ["is", "event:goal", ["Nope"]]],
        order_by=[["events", "desc"]],
        include={"time_labels": True},
    )
    expected = [
        "Invalid order_by entry",
        "Invalid filters. Dimension `event:goal`",
        "Invalid filters. The goal `Nope`",
        "Session metric(s)",
        "Invalid include.time_labels",
    ]
    everything_wrong.site = STARTER
    everything_wrong.dimensions.append("event:props:service")
    everything_wrong.metrics.insert(0, "total_revenue")
    expected[1:1] = [NO_PROPS]
    expected[4:4] = [NO_REVENUE]
    for start in expected:
        with pytest.raises(QueryError) as caught:
            check_semantics(everything_wrong)
        assert caught.value.message.startswith(start)
        _repair(everything_wrong, start)


def _repair(query: Checked, start: str) -> None:
    """Fix the problem just reported so the next rule's message shows."""
    if start.startswith("Invalid order_by"):
        query.order_by = None
    elif start == NO_PROPS:
        query.dimensions.remove("event:props:service")
    elif start == NO_REVENUE:
        query.metrics.remove("total_revenue")
    elif "`event:goal`" in start:
        query.filters = [query.filters[1]]
    elif "goal `Nope`" in start:
        query.filters = [["is", "event:goal", [query.site.goals[0].display_name]]]
    elif start.startswith("Session"):
        query.dimensions = []


def test_metric_rules_follow_the_listed_order() -> None:
    problem = error(metrics=["scroll_depth", "conversion_rate"])
    assert problem.message.startswith("Metric `scroll_depth`")
    problem = error(metrics=["conversion_rate", "scroll_depth"])
    assert problem.message.startswith("Metric `conversion_rate`")


def test_pointers_fall_back_to_the_filters_list_after_segment_expansion() -> None:
    problem = error(filters=[["or", [GOAL, PAGE]]], filter_pointers=False)
    assert problem.pointer == "/filters"
