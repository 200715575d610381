"""Honest permalinks and one clock: a link names an example only while the query is its own,
edits are never dropped silently, a query too long for a link is refused, Compare says what it
compares with, and both mock runners answer under the same clock, shown in the status line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from .widget import RUN_TIMEOUT_MS, Widget

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def relative(corpus: list[dict]) -> dict:
    """An example over `7d`, so the clock decides which days it covers."""
    return next(e for e in corpus if e["status"] == 200 and e["query"]["date_range"] == "7d")


def test_an_edited_query_drops_the_example_from_its_link(page: Page, relative: dict) -> None:
    widget = Widget.playground(page)
    widget.pick_example(relative["slug"])
    widget.root.get_by_role("button", name="Link").click()
    assert f"ex={relative['slug']}" in page.url
    widget.set_query(json.dumps({**relative["query"], "date_range": "30d"}))
    expect(widget.root.locator(".sr-pg-picker option:checked")).to_have_text(
        f"{relative['title']} (edited)"
    )
    page.wait_for_function("() => !location.hash.includes('ex=') && location.hash.includes('q=')")
    other = page.context.new_page()
    reopened = Widget.playground(other, fragment="#" + page.url.split("#", 1)[1])
    expect(reopened.root.locator(".sr-pg-picker")).to_have_value("")  # "Your own query"
    assert json.loads(reopened.text())["date_range"] == "30d"


def test_switching_examples_after_edits_offers_undo(page: Page, corpus: list[dict]) -> None:
    first, second = [e for e in corpus if e["status"] == 200][:2]
    widget = Widget.playground(page)
    widget.pick_example(first["slug"])
    edited = {**first["query"], "date_range": "28d"}
    widget.set_query(json.dumps(edited))
    widget.pick_example(second["slug"])
    assert json.loads(widget.text()) == second["query"]
    toast = widget.root.locator(".sr-pg-toast")
    expect(toast).to_contain_text("Your edited query was replaced by the example.")
    toast.get_by_role("button", name="Undo").click()
    assert json.loads(widget.text()) == edited
    expect(widget.root.locator(".sr-pg-picker")).to_have_value(first["slug"])


def test_a_query_too_long_for_a_link_is_refused(page: Page) -> None:
    pages = [f"/blog/{i:05d}-a-rather-long-post-title" for i in range(400)]
    query = {
        "site_id": "dummy.site",
        "metrics": ["visitors"],
        "date_range": "7d",
        "filters": [["is", "event:page", pages]],
    }
    widget = Widget.playground(page)
    widget.set_query(json.dumps(query))
    widget.root.get_by_role("button", name="Link").click()
    expect(widget.root.locator(".sr-pg-toast")).to_contain_text("too long for a link")
    page.wait_for_function("() => !location.hash.includes('q=')")  # no stale or cut link either


def test_compare_names_the_example_it_compares_with(page: Page, relative: dict) -> None:
    widget = Widget.answered(page, relative["slug"])
    widget.show_view("compare")
    expect(widget.root.locator(".sr-pg-diff-against")).to_have_text(
        f"Compared with the documented response of the example “{relative['title']}”."
    )
    expect(widget.root.locator(".sr-pg-same")).to_be_visible()


def test_both_runners_answer_under_one_clock_with_a_switch_to_now(
    page: Page, relative: dict
) -> None:
    widget = Widget.answered(page, relative["slug"])
    clock = widget.root.locator(".sr-pg-clocktext")
    expect(clock).to_have_text("clock 2026-11-02 14:30 UTC (the examples' clock)")
    assert widget.response_json() == relative["response"]

    widget.root.get_by_role("button", name="Use now").click()
    expect(widget.run()).to_have_text("200 OK")
    expect(clock).to_contain_text("(now)")
    local = widget.response_json()
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    assert local["query"]["date_range"][1].startswith(yesterday)  # the server followed the page
    widget.show_view("compare")
    expect(widget.root.locator(".sr-pg-diff-clock")).to_contain_text(
        "so relative date ranges cover other days, with their own visits"
    )
    assert "clock=now" in page.url

    widget.run_on("browser")
    expect(widget.run()).to_have_text("200 OK", timeout=RUN_TIMEOUT_MS)
    expect(clock).to_contain_text("(now)")
    assert widget.response_json() == local
