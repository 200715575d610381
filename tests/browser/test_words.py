"""The query in words under the editor, in Chromium: written into every example page (read
without JavaScript), kept by the widget until the reader edits, then written by the in-browser
engine as the query changes, the same sentences ``statsref explain`` prints."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from statsref.engine import explain

from .widget import RUN_TIMEOUT_MS, Widget, runtime_requests

pytestmark = pytest.mark.browser

OFFER = "The in-browser engine reads your edit in words; it loads with the first Run."
ENGINE_READY = "() => window.statsrefPlayground.python.engineReady"


def host_words(query: dict, now: str) -> str:
    return explain(query, now=datetime.fromisoformat(now)).text


@pytest.fixture(scope="module")
def example(corpus: list[dict]) -> dict:
    """An example with filters, dimensions and pagination: words with every kind of clause."""
    return next(
        e
        for e in corpus
        if e["status"] == 200 and e["query"].get("filters") and e["query"].get("pagination")
    )


def test_every_example_page_holds_its_words_without_javascript(
    browser: Browser, base_url: str, corpus: list[dict]
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    for example in [e for e in corpus if e["status"] == 200]:
        page.goto(f"/examples/{example['slug']}/")
        region = page.get_by_role("region", name="Query in words")
        expect(region).to_have_text(example["words"])
        assert example["words"] == host_words(example["query"], example["now"])
    context.close()


def test_an_unedited_example_shows_its_words_without_the_runtime(
    page: Page, example: dict, only_loopback: list[str]
) -> None:
    widget = Widget.on_example_page(page, example["slug"])
    expect(widget.words_text()).to_have_text(example["words"])
    expect(widget.words()).to_have_attribute("data-state", "ready")
    assert not runtime_requests(only_loopback)


def test_an_edit_on_an_example_page_offers_the_engine_then_reads_the_edit(
    page: Page, example: dict, only_loopback: list[str]
) -> None:
    widget = Widget.on_example_page(page, example["slug"])
    edited = {**example["query"], "date_range": "30d"}
    widget.set_query(json.dumps(edited))
    expect(widget.words()).to_have_attribute("data-state", "offer")
    expect(widget.words_text()).to_have_text(OFFER)
    assert not runtime_requests(only_loopback)  # an edit alone never downloads the runtime
    widget.words().get_by_role("button", name="Load it now").click()
    expect(widget.words_text()).to_have_text(
        host_words(edited, example["now"]), timeout=RUN_TIMEOUT_MS
    )
    expect(widget.words().get_by_role("button")).to_be_hidden()


def test_the_words_follow_every_edit_once_the_engine_runs(page: Page, corpus: list[dict]) -> None:
    widget = Widget.playground(page)
    now = corpus[0]["now"]
    first = {**corpus[0]["query"], "date_range": "28d"}
    widget.set_query(json.dumps(first))  # the first edit starts the runtime here
    expect(widget.words_text()).to_have_text(host_words(first, now), timeout=RUN_TIMEOUT_MS)
    second = {**first, "dimensions": ["visit:country"], "pagination": {"limit": 3}}
    widget.set_query(json.dumps(second))
    expect(widget.words_text()).to_have_text(host_words(second, now))
    expect(widget.words()).not_to_have_class("sr-pg-words-invalid")


def test_a_query_not_valid_yet_says_what_is_missing(page: Page) -> None:
    widget = Widget.playground(page)
    widget.set_query('{"site_id": "dummy.site", "metrics": [], "date_range": "7d"}')
    page.wait_for_function(ENGINE_READY, timeout=RUN_TIMEOUT_MS, polling=200)
    expect(widget.words_text()).to_have_text("Add at least one metric.")
    expect(widget.words()).to_have_class("sr-pg-words sr-pg-words-invalid")
    widget.set_query('{"site_id": "dummy.site", ')
    expect(widget.words_text()).to_have_text(
        "Not valid JSON yet: Expecting property name enclosed in double quotes at line 1, "
        "column 27."
    )


def test_picking_an_example_shows_its_words_at_once(page: Page, corpus: list[dict]) -> None:
    widget = Widget.playground(page)
    for example in corpus[1:4]:
        widget.pick_example(example["slug"])
        expect(widget.words_text()).to_have_text(example["words"])
        expect(widget.words()).to_have_attribute("data-state", "ready")


def test_another_clock_is_read_by_the_engine(page: Page, corpus: list[dict]) -> None:
    """Under "Use now" the dates are today's: the engine reads them, not the build."""
    widget = Widget.playground(page)
    query = corpus[0]["query"]
    widget.editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" ")  # an edit (the same query): the runtime starts on this page
    page.wait_for_function(ENGINE_READY, timeout=RUN_TIMEOUT_MS, polling=200)
    widget.root.get_by_role(
        "tab", name="Response", exact=True
    ).click()  # the clock switch is in its hint
    widget.root.get_by_role("button", name="Use now").click()
    clock = widget.root.locator(
        ".sr-pg-runhint span"
    ).inner_text()  # "clock <date> <time> UTC (now)"
    now = datetime.strptime(clock, "clock %Y-%m-%d %H:%M UTC (now)").replace(tzinfo=UTC)
    expect(widget.words_text()).to_have_text(host_words(query, now.isoformat()))


def test_the_words_read_at_phone_width(page: Page, example: dict) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/examples/{example['slug']}/")
    region = page.get_by_role("region", name="Query in words")
    expect(region).to_be_visible()
    box = region.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
