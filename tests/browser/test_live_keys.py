"""A reader's API key goes only to the origin it was typed for: switching "Run on" to the
local mock, to another instance or to another URL never sends it elsewhere, and the mock
always gets its own demo key. Each request is read where it leaves the page (Playwright's
request interception); the instances are loopback origins of their own, answered there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, Route, expect

from statsref.defaults import DEMO_KEY

from .conftest import free_port
from .widget import Widget

pytestmark = pytest.mark.browser

PLAUSIBLE_KEY = "typed-for-plausible-5c1e"
INSTANCE_KEY = "typed-for-the-instance-93ab"
QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "30d"}
ANSWER = {"results": [{"metrics": [1], "dimensions": []}], "meta": {}, "query": QUERY}


@dataclass
class Sent:
    """The Authorization header of every query the page sent, by URL."""

    queries: list[tuple[str, str]] = field(default_factory=list)

    def keys_to(self, url: str) -> list[str]:
        return [auth for to, auth in self.queries if to == url]

    def everywhere(self) -> str:
        return json.dumps(self.queries)


@pytest.fixture
def sent(page: Page) -> Sent:
    record = Sent()
    page.on(
        "request",
        lambda request: (
            record.queries.append((request.url, request.headers.get("authorization") or ""))
            if request.url.endswith("/api/v2/query") and request.method == "POST"
            else None
        ),
    )
    return record


@pytest.fixture
def instances(page: Page) -> Iterator[list[str]]:
    """Two loopback origins standing for two readers' instances: their Stats API answers in
    the browser (with CORS headers, as a proxy in front of one would send)."""

    def answer(route: Route) -> None:
        cors = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*"}
        route.fulfill(status=200, json=ANSWER, headers=cors)

    origins = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
    for origin in origins:
        page.route(f"{origin}/**", answer)
    yield origins
    page.unroute_all()


def live_form(widget: Widget, choice: str, url: str | None = None) -> None:
    widget.run_on(choice)
    if url is not None:
        widget.root.locator(".sr-pg-live .sr-target-url").fill(url)


def key_field(widget: Widget):
    return widget.root.locator(".sr-pg-live-key")


def expect_asked_for_a_key(widget: Widget) -> None:
    """Run sends nothing and says a key is missing."""
    expect(widget.run()).to_have_text("No response")
    expect(widget.root.locator(".sr-pg-error")).to_contain_text("Enter a Stats API key")


def test_a_key_typed_for_plausible_never_goes_to_the_local_mock(
    page: Page, server: str, sent: Sent
) -> None:
    widget = Widget.playground(page)
    widget.set_query(json.dumps(QUERY))
    live_form(widget, "plausible")
    key_field(widget).fill(PLAUSIBLE_KEY)
    widget.run_on("mock")
    expect(widget.run()).to_have_text("200 OK")
    assert sent.keys_to(f"{server}/api/v2/query") == [f"Bearer {DEMO_KEY}"]
    assert PLAUSIBLE_KEY not in sent.everywhere()


def test_a_key_goes_only_to_the_instance_it_was_typed_for(
    page: Page, sent: Sent, instances: list[str]
) -> None:
    first, second = instances
    widget = Widget.playground(page)
    widget.set_query(json.dumps(QUERY))
    live_form(widget, "plausible")
    key_field(widget).fill(PLAUSIBLE_KEY)

    live_form(widget, "instance", first)
    expect(key_field(widget)).to_have_value("")  # plausible.io's key is not this origin's
    expect_asked_for_a_key(widget)
    key_field(widget).fill(INSTANCE_KEY)
    expect(widget.run()).to_have_text("200 OK")

    widget.root.locator(".sr-pg-live .sr-target-url").fill(second)
    expect(key_field(widget)).to_have_value("")
    expect_asked_for_a_key(widget)

    widget.root.locator(".sr-pg-live .sr-target-url").fill(first + "/")
    expect(key_field(widget)).to_have_value(INSTANCE_KEY)  # the same origin, its own key
    live_form(widget, "plausible")
    expect(key_field(widget)).to_have_value(PLAUSIBLE_KEY)

    assert sent.queries == [(f"{first}/api/v2/query", f"Bearer {INSTANCE_KEY}")]


def test_keys_follow_their_origin_into_other_widgets_and_reloads(
    page: Page, sent: Sent, instances: list[str]
) -> None:
    first, _ = instances
    widget = Widget.playground(page)
    live_form(widget, "instance", first)
    key_field(widget).fill(INSTANCE_KEY)
    page.reload()
    widget = Widget(page, page.locator(".sr-playground.sr-full"))
    widget.set_query(json.dumps(QUERY))
    expect(key_field(widget)).to_have_value(INSTANCE_KEY)
    expect(widget.run()).to_have_text("200 OK")
    assert sent.queries == [(f"{first}/api/v2/query", f"Bearer {INSTANCE_KEY}")]
