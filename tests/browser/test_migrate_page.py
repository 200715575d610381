"""The "From v1 or the dashboard" page in Chromium: a dashboard URL, with a panel picked,
converts in the in-browser engine, its queries load into the widget and run, and its words
follow."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from .widget import RUN_TIMEOUT_MS, Widget

pytestmark = pytest.mark.browser

PAGE = "/guides/migrating-from-v1/"


def open_form(page: Page) -> tuple:
    page.goto(PAGE)
    form = page.locator(".sr-migrate")
    widget = Widget(page, form.locator(".sr-playground"))
    expect(widget.root.locator(".sr-pg-static")).to_be_visible()
    return form, widget


def shown(widget: Widget) -> dict:
    """The query the widget shows (as text until the reader clicks into it)."""
    return json.loads(widget.root.locator(".sr-pg-static").inner_text())


def convert(form, text: str, panel: str = "") -> None:
    form.locator(".sr-migrate-input").fill(text)
    form.get_by_label("From a dashboard").select_option(panel)
    form.get_by_role("button", name="Convert").click()


def test_the_page_is_named_for_both_inputs(page: Page) -> None:
    form, widget = open_form(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("From v1 or the dashboard")
    expect(
        form.get_by_label("A Stats API v1 URL or curl command, or the URL of a dashboard")
    ).to_be_visible()
    expect(widget.words()).to_have_attribute("data-state", "ready")  # the build's words
    expect(widget.words_text()).to_contain_text("Visitors and bounce rate of dummy.site per source")


def test_a_dashboard_panel_with_a_comparison_converts_and_runs(page: Page) -> None:
    form, widget = open_form(page)
    url = "https://plausible.io/dummy.site?period=30d&f=is,goal,PurchaseUSD&comparison=previous_period"
    convert(form, url, "sources")
    buttons = form.locator(".sr-migrate-queries button")
    expect(buttons).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    notes = form.locator(".sr-migrate-notes")
    expect(notes).to_contain_text("comparison=previous_period becomes a second query")
    expect(notes).to_contain_text("POST https://plausible.io/api/v2/query")
    query = shown(widget)
    assert query["dimensions"] == ["visit:source"]
    assert query["metrics"] == ["visitors", "group_conversion_rate"]
    assert query["filters"] == [["is", "event:goal", ["PurchaseUSD"]]]
    expect(widget.words_text()).to_contain_text(
        "Visitors and group conversion rate of dummy.site per source from"
    )
    expect(widget.run()).to_have_text("200 OK")
    buttons.nth(1).click()
    expect(widget.run()).to_have_text("200 OK")


def test_a_shared_realtime_link_runs_up_to_the_mock_s_clock(page: Page) -> None:
    form, widget = open_form(page)
    convert(form, "https://stats.example.org/share/dummy.site?auth=x9&period=realtime")
    expect(form.locator(".sr-migrate-queries button")).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    expect(form.locator(".sr-migrate-notes")).to_contain_text("never a Stats API key")
    query = shown(widget)
    assert query["date_range"] == ["2026-11-02T14:00:00Z", "2026-11-02T14:30:00Z"]
    expect(widget.run()).to_have_text("200 OK")


def test_what_is_not_a_dashboard_is_said_in_one_line(page: Page) -> None:
    form, _ = open_form(page)
    convert(form, "https://plausible.io/sites")
    expect(form.locator(".sr-migrate-status")).to_have_text(
        "Cannot convert: https://plausible.io/sites is not a dashboard: a dashboard URL is "
        "https://<instance>/<site domain> or a shared link "
        "https://<instance>/share/<site domain>?auth=...",
        timeout=RUN_TIMEOUT_MS,
    )
