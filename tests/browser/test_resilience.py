"""The playground is never stuck: a runtime that cannot load, or a worker that dies mid-query,
gives a clear error, a usable Run and a way out; the next Run starts a fresh worker."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import serve
from .widget import RUN_TIMEOUT_MS, Widget

pytestmark = pytest.mark.browser

RUNTIME = "**/pyodide.asm.wasm"
SHORT_DEADLINE_MS = 4_000


def _edited(widget: Widget, date_range: str = "30d") -> None:
    widget.set_query(json.dumps({**json.loads(widget.text()), "date_range": date_range}))


def _deadlines(page: Page, **timeouts: int) -> None:
    """Shorten the worker client's deadlines (the defaults allow for a slow download)."""
    page.evaluate("(t) => Object.assign(window.statsrefPlayground.python.timeouts, t)", timeouts)


def test_a_blocked_runtime_gives_an_error_a_usable_run_and_a_retry(page: Page) -> None:
    """No deadline needed: the failed download itself ends the load, naming the file."""
    page.route(RUNTIME, lambda route: route.abort())
    widget = Widget.playground(page)
    _edited(widget)  # on the Playground page, the first edit starts the runtime
    note = widget.root.locator(".sr-pg-engine-note")
    expect(note).to_contain_text("against the schema only", timeout=RUN_TIMEOUT_MS)
    expect(widget.run()).to_have_text("No response")
    error = widget.root.locator(".sr-pg-error")
    expect(error).to_contain_text("The in-browser engine could not answer")
    expect(error).to_contain_text("Loading the Python runtime")
    expect(error).to_contain_text("could not download pyodide.asm.wasm")
    expect(widget.root.locator(".sr-pg-run")).to_be_enabled()
    # the page's server answers and has no proxy: the local mock server can work, a live API not
    expect(widget.root.get_by_role("button", name="Run on the local mock server")).to_be_visible()
    expect(widget.root.get_by_role("button", name="Use a live API")).to_have_count(0)

    page.unroute(RUNTIME)
    widget.root.get_by_role("button", name="Retry").click()
    expect(widget.status()).to_have_text("200 OK", timeout=RUN_TIMEOUT_MS)
    expect(widget.where()).to_contain_text("in-browser mock")
    expect(note).to_be_hidden()


def test_the_local_server_is_one_click_away_when_the_runtime_fails(page: Page) -> None:
    page.route(RUNTIME, lambda route: route.abort())
    widget = Widget.playground(page)
    _edited(widget)
    expect(widget.run()).to_have_text("No response")
    widget.root.get_by_role("button", name="Run on the local mock server").click()
    expect(widget.where()).to_have_text("local mock server")
    expect(widget.status()).to_have_text("200 OK")


def test_a_worker_that_dies_mid_query_is_replaced_on_the_next_run(page: Page) -> None:
    widget = Widget.playground(page)
    _edited(widget)
    expect(widget.run()).to_have_text("200 OK")

    # A terminated worker sends no event: only the deadline tells the page it is gone.
    _deadlines(page, run=SHORT_DEADLINE_MS)
    page.evaluate("window.statsrefPlayground.python.worker.terminate()")
    _edited(widget, "28d")
    expect(widget.run()).to_have_text("No response")
    expect(widget.root.locator(".sr-pg-error")).to_contain_text("no answer within 4 s")
    expect(widget.root.locator(".sr-pg-run")).to_be_enabled()

    _deadlines(page, run=RUN_TIMEOUT_MS)
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text("in-browser mock, Python and the dataset loaded first")


FAIL_FAST_S = 10  # the issue saw 31 s before any word


def test_a_stopped_server_is_named_at_once_and_only_what_can_work_is_offered(
    page: Page, built_site: Path, corpus: list[dict], tmp_path: Path
) -> None:
    """The page's server stops before the runtime loaded: Run says, within seconds, that the
    server does not answer (not that a worker "stopped"), and offers Retry alone: the local
    mock server is that server. Once it is back, Retry answers."""
    log = tmp_path / "serve.log"
    with serve(built_site, log, "--now", corpus[0]["now"]) as url:
        page.goto(f"{url}/playground/")
        widget = Widget(page, page.locator(".sr-playground.sr-full"))
        expect(widget.editor).to_be_visible()
    port = urlsplit(url).port
    widget.set_query(json.dumps({**json.loads(widget.text()), "date_range": "30d"}))
    started = time.monotonic()
    expect(widget.run()).to_have_text("No response", timeout=FAIL_FAST_S * 1000)
    assert time.monotonic() - started < FAIL_FAST_S
    error = widget.root.locator(".sr-pg-error")
    expect(error).to_contain_text(f"{url} does not answer (the server of this page has stopped")
    expect(error.locator("code")).to_have_text("statsref serve")
    expect(error).not_to_contain_text("the Python worker stopped")
    actions = widget.root.locator(".sr-pg-actions button")
    expect(actions).to_have_text(["Retry"])

    with serve(built_site, log, "--now", corpus[0]["now"], port=port):
        actions.click()
        expect(widget.status()).to_have_text("200 OK", timeout=RUN_TIMEOUT_MS)
        expect(widget.where()).to_contain_text("in-browser mock")
