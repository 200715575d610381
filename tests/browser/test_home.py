"""The first page keeps its promise: "A query and its answer" is the live widget, with a cue
that it can be edited; its answer is instant and documented, the runtime loads only for an
edited query's Run."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from .widget import DOCUMENTED, Widget, runtime_requests

pytestmark = pytest.mark.browser

SLUG = "page-engagement"


def test_the_home_pages_query_is_a_live_widget(page: Page, only_loopback: list[str]) -> None:
    page.goto("/")
    expect(page.locator(".sr-cue")).to_contain_text("click the query to edit it")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{SLUG}']"))
    static = widget.root.locator(".sr-pg-static")
    expect(static).to_be_visible()
    query = json.loads(static.inner_text())
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)
    assert not runtime_requests(only_loopback)

    expect(widget.editor).to_be_visible()  # Run made the query an editor
    widget.set_query(json.dumps({**query, "date_range": "30d"}))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text("in-browser mock, Python and the dataset loaded first")
    assert runtime_requests(only_loopback)
