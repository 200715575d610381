"""The editor knows the query language at every position: completion, one plain message per
mistake, hover docs of each value, and docs links that stay on this site."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from demo import SITES
from statsref.engine.language.dates import parse_date_input, resolve

from .widget import Widget, runtime_requests

pytestmark = pytest.mark.browser

BASE = '"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"'


@pytest.fixture
def widget(page: Page) -> Widget:
    return Widget.playground(page)


def test_completion_at_every_position_of_a_filter(widget: Widget, corpus: list[dict]) -> None:
    operators = widget.completions(f'{{{BASE}, "filters": [["|"]]}}')
    assert operators[:2] == ["is", "is_not"]
    assert {"and", "or", "not", "has_done", "has_not_done"} <= set(operators)
    goals = set(widget.completions(f'{{{BASE}, "filters": [["matches", "|"]]}}'))
    assert "event:page" in goals and "event:goal" not in goals  # goals take is / contains only
    assert "time:day" not in goals
    countries = widget.completions(f'{{{BASE}, "filters": [["is", "visit:country", [|]]]}}')
    assert "DE" in countries and "US" in countries
    expect(widget.page.locator(".cm-tooltip-autocomplete completion-section")).to_have_text(
        "Demo values of dummy.site"
    )
    segments = widget.completions(f'{{{BASE}, "filters": [["is", "segment", [|]]]}}')
    assert segments == ["2", "101", "102", "103"]
    inner = widget.completions(f'{{{BASE}, "filters": [["has_done", ["is", "|"]]]}}')
    assert inner and all(name.startswith("event:") for name in inner)
    modifier = widget.completions(f'{{{BASE}, "filters": [["is", "event:page", ["/"], |]]}}')
    assert modifier == ['{"case_sensitive": false}']


def test_completion_of_sort_keys_include_pagination_and_ranges(widget: Widget) -> None:
    selected = f'{{{BASE}, "dimensions": ["visit:source"], "order_by": [["|"]]}}'
    assert widget.completions(selected) == ["visitors", "visit:source"]
    assert widget.completions(f'{{{BASE}, "order_by": [["visitors", "|"]]}}') == ["asc", "desc"]
    assert widget.completions(f'{{{BASE}, "include": {{|}}}}') == [
        "imports",
        "time_labels",
        "total_rows",
    ]
    assert widget.completions(f'{{{BASE}, "pagination": {{|}}}}') == ["limit", "offset"]
    widget.completions('{"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "|"}')
    seven = widget.page.locator(".cm-tooltip-autocomplete li", has_text=re.compile(r"^7d"))
    # whose clock: the examples', not the reader's today
    expect(seven.locator(".cm-completionDetail")).to_have_text(
        "2026-10-26 to 2026-11-01 (examples' clock)"
    )


def test_a_query_written_from_completion_alone(widget: Widget) -> None:
    """From an empty editor to a runnable query with a filter, choosing every name from a list."""
    page = widget.page
    widget.set_query("")
    widget.completions()
    widget.pick_completion('{"site_id": "", "metrics": [], "date_range": ""}')
    for label in ("dummy.site", "visitors"):  # Tab moves to the next field, listing it
        widget.pick_completion(label)
        page.keyboard.press("Tab")
    widget.pick_completion("7d")
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowLeft")  # before the closing brace
    widget.completions()
    for label in ("filters", "is", "visit:country"):  # each choice lists the next position
        widget.pick_completion(label)
    page.keyboard.press("Tab")
    widget.pick_completion("DE")
    query = json.loads(widget.text())
    assert query == {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
        "filters": [["is", "visit:country", ["DE"]]],
    }
    expect(widget.run()).to_have_text("200 OK")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            '{"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "8 days"}',
            "8 days is not a date range: use a relative period such as 7d, a date pair such as "
            '["2026-10-01", "2026-10-31"] or a datetime pair.',
        ),
        (
            '{"site_id": "dummy.site", "metrics": ["visitorz"], "date_range": "7d"}',
            "visitorz is not a metric. Did you mean visitors?",
        ),
        (
            f'{{{BASE}, "filters": [["matches", "event:goal", ["Sign.*"]]]}}',
            "Goals can only be filtered with is and contains.",
        ),
    ],
)
def test_one_plain_message_per_mistake(
    page: Page, corpus: list[dict], only_loopback: list[str], query: str, message: str
) -> None:
    """The schema's lint, where it works alone by design: on an example page, whose edits do
    not start the runtime (on the Playground page the engine's message replaces it once the
    runtime is up: ``test_the_engines_message_wins_once_it_runs``)."""
    widget = Widget.on_example_page(page, corpus[0]["slug"])
    widget.set_query(query)
    expect(widget.error_markers()).to_have_count(1)
    text = widget.diagnostics_text()
    assert text.strip() == message
    for internal in ("$defs", "$ref", "oneOf", "anyOf", "schema"):
        assert internal not in text
    assert not runtime_requests(only_loopback)


def test_the_engines_message_wins_once_it_runs(widget: Widget) -> None:
    widget.set_query('{"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "8 days"}')
    widget.page.wait_for_function(
        "() => window.statsrefPlayground.python.engineReady", timeout=60_000, polling=200
    )
    widget.expect_diagnostics(re.compile('^Invalid date range "8 days"'))  # the engine's wins
    expect(widget.error_markers()).to_have_count(1)
    # the API's exact text, and the schema's plain words under it
    assert widget.diagnostics_text().strip() == (
        'Invalid date range "8 days"\n8 days is not a date range: use a relative period such '
        'as 7d, a date pair such as ["2026-10-01", "2026-10-31"] or a datetime pair.'
    )


def test_engine_messages_are_text_not_markdown(widget: Widget) -> None:
    widget.set_query('{"site_id": "dummy.site", "metrics": ["**x**"], "date_range": "7d"}')
    widget.page.wait_for_function(
        "() => window.statsrefPlayground.python.engineReady", timeout=60_000
    )
    widget.expect_diagnostics(re.compile(r'^Invalid metric "\*\*x\*\*"'))
    widget.error_markers().first.hover()
    tooltip = widget.page.locator(".cm-tooltip-lint")
    expect(tooltip).to_contain_text('Invalid metric "**x**"')
    expect(tooltip.locator("strong, a")).to_have_count(0)


def test_hover_shows_each_values_own_docs(widget: Widget, corpus: list[dict]) -> None:
    widget.set_query(
        '{"site_id": "shop.dummy.site", "metrics": ["visitors"], "date_range": "7d",'
        ' "filters": [["is", "event:page", ["/"]]]}'
    )
    now = datetime.fromisoformat(corpus[0]["now"])
    site = SITES["shop.dummy.site"]
    expected = resolve(parse_date_input("7d"), site, now)
    range_docs = widget.hover('"7d"')
    expect(range_docs).to_contain_text("Last 7 days")
    first, last = expected.first.date().isoformat(), expected.last.date().isoformat()
    expect(range_docs).to_contain_text(f"{first} to {last}, in {site.timezone}")
    widget.page.mouse.move(0, 0)
    page_docs = widget.hover('"event:page"')
    expect(page_docs).to_contain_text("Page (event:page)")
    expect(page_docs).not_to_contain_text("Any dimension except")


def test_docs_link_only_to_this_site(widget: Widget, server: str) -> None:
    filters = '[["is", "visit:city", [2950159]], ["matches", "event:page", ["/"]]]'
    widget.set_query(f'{{{BASE}, "filters": {filters}}}')
    for token in ('"visit:city"', '"matches"'):  # their descriptions link to other hosts
        tooltip = widget.hover(token)
        hrefs = tooltip.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
        assert hrefs and all(href.startswith(f"{server}/reference/") for href in hrefs), hrefs
        widget.page.mouse.move(0, 0)


def test_a_rules_error_keeps_the_apis_text_with_a_plain_hint_under_it(widget: Widget) -> None:
    """The engine's message is the API's verbatim (Elixir terms and all); the hint says what to
    change, from the query itself."""
    widget.set_query(f'{{{BASE}, "order_by": [["pageviews", "desc"]]}}')
    widget.page.wait_for_function(
        "() => window.statsrefPlayground.python.engineReady", timeout=60_000, polling=200
    )
    tooltip_hint = widget.page.locator(".cm-tooltip-lint .sr-pg-lint-hint")
    expect(widget.error_markers().first).to_be_visible()
    widget.error_markers().first.hover()
    expect(widget.page.locator(".cm-tooltip-lint")).to_contain_text(
        "Invalid order_by entry '{:pageviews, :desc}'. Entry is not a queried metric or dimension."
    )
    expect(tooltip_hint).to_have_text(
        "Sort only by what the query asks for: add pageviews to metrics, or sort by visitors "
        "instead."
    )
    expect(tooltip_hint.locator("code")).to_have_text(["pageviews", "metrics", "visitors"])


def _typed(widget: Widget, keys: str) -> None:
    for key in keys:
        widget.page.keyboard.type(key)


def test_typing_the_closer_completion_wrote_steps_over_it(widget: Widget) -> None:
    """As CodeMirror's own bracket closing does: no doubled quote or bracket, and the caret
    ends up where typing put it, whether the value was typed or picked."""
    page = widget.page
    widget.set_query("")
    page.keyboard.type("{")
    widget.completions()
    widget.pick_completion("site_id")  # "site_id": "|"
    _typed(widget, 'dummy.site"')
    page.keyboard.type(", ")
    widget.completions()
    widget.pick_completion("metrics")  # "metrics": [|], with the metrics listed
    widget.pick_completion("visitors")  # ["visitors|"], as if typed
    _typed(widget, '"]')
    page.keyboard.type(', "date_range": "7d')
    _typed(widget, '"')
    assert json.loads(widget.text()) == {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
    }


def test_tab_accepts_a_completion_and_stays_in_the_editor_after_a_pick(widget: Widget) -> None:
    page = widget.page
    widget.set_query('{"site_id": "dummy.site", "metrics": [], "date_range": "7d"}')
    widget.type_at('{"site_id": "dummy.site", "metrics": [|], "date_range": "7d"}')
    label = widget.completions()[0]  # the one selected
    widget.accept_with_tab()  # focus never goes into the docs' links
    expect(page.locator(".cm-tooltip-autocomplete")).to_have_count(0)
    assert widget.editor.evaluate("(el) => el === document.activeElement")
    page.keyboard.press("Tab")  # after the pick: over its closing quote, still in the editor
    assert widget.editor.evaluate("(el) => el === document.activeElement")
    page.keyboard.type(', "visitors"')
    assert json.loads(widget.text())["metrics"] == [label, "visitors"]
