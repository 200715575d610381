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
    expect(seven.locator(".cm-completionDetail")).to_have_text("2026-10-26 to 2026-11-01")


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
    expect(widget.root.locator(".cm-lint-marker-error")).to_have_count(1)
    expect(widget.error_markers().first).to_be_visible()
    widget.page.wait_for_timeout(1_000)  # the engine's lint replaces the schema's
    assert widget.diagnostics_text().strip() == 'Invalid date range "8 days"'


def test_engine_messages_are_text_not_markdown(widget: Widget) -> None:
    widget.set_query('{"site_id": "dummy.site", "metrics": ["**x**"], "date_range": "7d"}')
    widget.page.wait_for_function(
        "() => window.statsrefPlayground.python.engineReady", timeout=60_000
    )
    widget.page.wait_for_timeout(1_000)
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
