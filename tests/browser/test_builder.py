"""The Builder view: a query built with controls alone and run, the builder and the JSON in step
both ways, the parts it cannot draw kept as written, the keyboard, and no serious accessibility
violation in either colour scheme."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import REPO
from .test_layout import LAPTOP, PHONE, SCHEMES, use_scheme
from .widget import Widget, runtime_requests

pytestmark = pytest.mark.browser

VIEWPORTS = pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
AXE = REPO / "playground" / "node_modules" / "axe-core" / "axe.min.js"
FOCUSED_KEY = "() => document.activeElement?.dataset.key ?? null"
KEYS = "(elements) => elements.map((e) => e.dataset.key)"
AXE_RUN = """async (root) => (await axe.run(root, {resultTypes: ["violations"]})).violations
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" "))}))"""

# Parts the builder cannot draw, written the reader's own way: a filter nested deeper than the
# builder draws, a dimension that does not exist, a key the API does not know.
DEEP = '["is", "visit:device", ["Mobile"]]'
TYPO = '["is",   "visit:countyr", ["DE"]]'
UNKNOWN = '"x_note": {"keep": "me"}'
ODD = f"""{{
  "site_id": "dummy.site",
  "metrics":   ["visitors"],
  "date_range": "7d",
  "filters": [
    ["and", [["or", [["not", {DEEP}]]]]],
    {TYPO}
  ],
  {UNKNOWN}
}}"""


@VIEWPORTS
def test_a_newcomer_builds_a_filtered_ordered_breakdown_and_runs_it(
    page: Page, viewport: dict
) -> None:
    page.set_viewport_size(viewport)
    widget = Widget.playground(page)
    widget.run_on("mock")
    started = widget.query()
    widget.open_builder()
    if viewport is PHONE:
        expect(widget.editor).to_be_hidden()  # one of two tabs
    else:
        expect(widget.editor).to_be_visible()  # beside the builder
    widget.add_dimension("visit:source")
    views = widget.metric("views_per_visit")
    expect(views).to_have_accessible_description(re.compile("Requires no dimensions at all"))
    views.uncheck()
    expect(widget.metric("views_per_visit")).to_be_disabled()
    widget.add_filter()
    widget.set_filter("1", dimension="visit:country", operator="is", values=("US",))
    widget.add_sort_key("visitors", "desc")
    limit = widget.part("Pagination").get_by_role("spinbutton", name="limit")
    limit.fill("5")
    limit.press("Enter")
    assert widget.query() == {
        **started,
        "metrics": [m for m in started["metrics"] if m != "views_per_visit"],
        "dimensions": ["visit:source"],
        "filters": [["is", "visit:country", ["US"]]],
        "order_by": [["visitors", "desc"]],
        "pagination": {"limit": 5},
    }
    expect(widget.run()).to_have_text("200 OK")
    rows = widget.table_rows()
    assert 0 < len(rows) <= 5


def test_a_builder_change_edits_the_json_in_place(page: Page) -> None:
    widget = Widget.playground(page)
    before = widget.json_text()
    widget.open_builder()
    widget.metric("events").check()
    after = widget.json_text()
    last = json.loads(before)["metrics"][-1]
    assert after == before.replace(f'"{last}"\n  ]', f'"{last}",\n    "events"\n  ]')
    widget.editor.click()
    page.keyboard.press("Control+z")  # the builder's change is an edit like any other
    expect(widget.metric("events")).not_to_be_checked()
    assert widget.json_text() == before


def test_an_edit_of_the_json_redraws_the_builder(page: Page) -> None:
    widget = Widget.playground(page)
    widget.open_builder()
    expect(widget.metric("conversion_rate")).to_be_disabled()
    query = {
        "site_id": "dummy.site",
        "metrics": ["visitors", "conversion_rate"],
        "date_range": "28d",
        "dimensions": ["event:goal"],
    }
    widget.set_query(json.dumps(query))
    expect(widget.metric("conversion_rate")).to_be_checked()
    expect(widget.metric("pageviews")).not_to_be_checked()
    rows = widget.part("Dimensions").locator("select[data-key$=':name']")
    expect(rows).to_have_count(1)
    expect(rows.locator("option:checked")).to_have_text("event:goal — Goal")
    period = widget.part("Date range").locator("select option:checked")
    expect(period).to_have_text("Last 28 days (28d)")


def test_every_example_reads_back_in_the_builder(page: Page, corpus: list[dict]) -> None:
    """The builder shows each answered example whole: its metrics ticked, its dimensions and
    filters drawn, nothing read-only."""
    widget = Widget.playground(page)
    widget.open_builder()
    for example in (e for e in corpus if e["status"] == 200):
        widget.pick_example(example["slug"])
        query = example["query"]
        checked = widget.part("Metrics").locator("input:checked")
        expect(checked).to_have_count(len(query["metrics"]))
        names = [key.split('"')[3] for key in checked.evaluate_all(KEYS)]
        assert sorted(names) == sorted(query["metrics"]), example["slug"]
        dimensions = widget.part("Dimensions").locator("select[data-key$=':name']")
        expect(dimensions).to_have_count(len(query.get("dimensions", [])))
        cards = widget.part("Filters").locator(":scope > .sr-pg-b-filters > li")
        expect(cards).to_have_count(len(query.get("filters", [])))
        expect(widget.read_only_parts()).to_have_count(0)


def test_a_part_the_builder_cannot_draw_stays_as_written(page: Page) -> None:
    widget = Widget.playground(page)
    widget.set_query(ODD)
    widget.open_builder()
    islands = widget.read_only_parts()
    expect(islands).to_have_count(3)
    expect(islands.nth(0)).to_contain_text(DEEP)
    expect(islands.nth(1)).to_contain_text(TYPO)
    expect(islands.nth(1)).to_contain_text("Did you mean visit:country?")
    expect(islands.nth(2)).to_contain_text(UNKNOWN)
    # Edits all around them, one of them of the groups that hold the deep filter.
    widget.metric("pageviews").check()
    widget.add_dimension("visit:source")
    widget.choose("Date range", "Last 30 days")
    widget.choose("Logical operator of filter 1.1", "and")
    widget.add_filter("Segment")
    widget.builder.get_by_role("button", name="Remove filter 3").click()
    text = widget.json_text()
    for part in (DEEP, TYPO, UNKNOWN):
        assert part in text
    query = json.loads(text)
    assert query["filters"] == [
        ["and", [["and", [["not", json.loads(DEEP)]]]]],
        json.loads(TYPO),
    ]
    assert query["x_note"] == {"keep": "me"}
    assert query["metrics"] == ["visitors", "pageviews"]
    expect(islands).to_have_count(3)
    islands.nth(1).get_by_role("button").click()  # Edit in JSON
    assert page.evaluate("() => getSelection().toString()") == TYPO


def test_the_keyboard_alone_builds_and_runs(page: Page) -> None:
    widget = Widget.playground(page)
    widget.run_on("mock")
    widget.root.get_by_role("button", name="Builder", exact=True).focus()
    page.keyboard.press("Enter")
    expect(widget.builder.locator("fieldset").first).to_be_visible()
    # Tab walks the parts in the query's order: the site, then each metric that may be added.
    order = []
    while (key := page.evaluate(FOCUSED_KEY)) != '["metrics","events"]:check':
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUSED_KEY))
        assert len(order) < 40, order
    assert order[0] == '["site_id"]:text'
    assert order[1] == '["metrics","visitors"]:check'
    page.keyboard.press("Space")
    expect(widget.metric("events")).to_be_checked()
    assert page.evaluate(FOCUSED_KEY) == key  # the focus stays on the control after the redraw
    period = widget.part("Date range").get_by_role("combobox", name="Date range")
    while page.evaluate(FOCUSED_KEY) != '["date_range"]:kind':
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    assert widget.query()["date_range"] == "28d"
    expect(period).to_be_focused()
    while page.evaluate(FOCUSED_KEY) != '["filters"]:add':
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "+ Simple filter"
    expect(widget.builder.get_by_role("group", name="Filter 1: Simple filter")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    operator = widget.builder.get_by_role("combobox", name="Filter operator of filter 1")
    expect(operator).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("DE")
    page.keyboard.press("Enter")
    assert widget.query()["filters"] == [["is", "visit:country", ["DE"]]]
    page.keyboard.press("Control+Enter")
    expect(widget.status()).to_have_text("200 OK")
    assert "events" in widget.response_json()["query"]["metrics"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_accessibility_violation_with_the_builder_open(page: Page, scheme: str) -> None:
    page.set_viewport_size(LAPTOP)
    use_scheme(page, scheme)
    widget = Widget.playground(page)
    widget.set_query(ODD)
    widget.open_builder()
    widget.add_filter("and / or")
    widget.add_sort_key("visitors", "asc")
    expect(page.locator(f"body[data-md-color-scheme='{scheme}']")).to_have_count(1)
    page.evaluate(AXE.read_text())
    violations = page.evaluate(AXE_RUN, widget.root.element_handle())
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=1)


def test_metrics_the_query_rules_out_say_why_until_it_allows_them(page: Page) -> None:
    widget = Widget.playground(page)
    widget.run_on("mock")
    widget.open_builder()
    conversion = widget.metric("conversion_rate")
    expect(conversion).to_be_disabled()
    expect(conversion).to_have_accessible_description(
        re.compile("Requires an event:goal filter or an event:goal dimension")
    )
    widget.add_filter()
    widget.set_filter("1", dimension="event:goal", values=("Signup",))
    expect(conversion).to_be_enabled()
    conversion.check()
    expect(widget.run()).to_have_text("200 OK")


def test_an_example_page_loads_the_builder_only_when_opened(
    page: Page, corpus: list[dict], only_loopback: list[str]
) -> None:
    example = corpus[0]
    with page.expect_request(re.compile(r"/editor-[^/]+\.mjs$")):  # prefetched once idle
        page.goto(f"/examples/{example['slug']}/")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{example['slug']}']"))
    assert not [url for url in only_loopback if "/builder-" in url]
    widget.open_builder()
    assert [url for url in only_loopback if "/builder-" in url]
    checked = widget.part("Metrics").locator("input:checked")
    expect(checked).to_have_count(len(example["query"]["metrics"]))
    widget.metric("events").check()
    assert widget.query()["metrics"][-1] == "events"
    assert not runtime_requests(only_loopback)  # an example page starts no Python to build
