"""The site as a team publishes it: built for a sub-path (``SITE_URL``) and served by a plain
static file server under ``/docs/``, with no server of ours behind it. The static server answers
a missing file with the site's 404 page, as GitHub Pages and most hosts do."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from .conftest import build, free_port
from .widget import (
    DOCUMENTED,
    RUN_TIMEOUT_MS,
    Widget,
    expect_editor_prefetched,
    runtime_requests,
    settle,
)

pytestmark = pytest.mark.browser

PREFIX = "/docs/"
EXAMPLE_PAGE_BUDGET = 2_000_000  # bytes an example page may transfer without interaction


class StaticHost(SimpleHTTPRequestHandler):
    """Files as they are; the site's ``404.html`` for anything missing."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = Path(self.directory) / PREFIX.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def static_host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    root = tmp_path_factory.mktemp("static-host")
    origin = f"http://127.0.0.1:{port}"
    build(root / PREFIX.strip("/"), SITE_URL=f"{origin}{PREFIX}")
    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(StaticHost, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{origin}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def _sizes(page: Page) -> list[tuple[str, int]]:
    """Every finished request of the page (its worker's included) with its body size."""
    finished: list[tuple[str, int]] = []

    def record(request: Request) -> None:
        response = request.response()
        if response is not None:
            finished.append((request.url, request.sizes()["responseBodySize"]))

    page.context.on("requestfinished", record)
    return finished


def test_an_example_page_stays_light_and_answers_at_once(
    page: Page, static_host: str, corpus: list[dict]
) -> None:
    example = next(e for e in corpus if e["status"] == 200 and e["response"]["results"])
    sizes = _sizes(page)
    page.goto(f"{static_host}examples/{example['slug']}/")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{example['slug']}']"))
    expect(widget.root.locator(".sr-pg-run")).to_be_visible()
    settle(page)
    expect_editor_prefetched(page)
    assert not runtime_requests([url for url, _ in sizes])
    assert sum(size for _, size in sizes) < EXAMPLE_PAGE_BUDGET, sizes
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)
    assert widget.response_json() == example["response"]


def test_an_edited_query_runs_in_the_browser(page: Page, static_host: str) -> None:
    page.goto(f"{static_host}playground/")
    widget = Widget(page, page.locator(".sr-playground.sr-full"))
    expect(widget.editor).to_be_visible()
    widget.set_query(json.dumps({**json.loads(widget.text()), "date_range": "30d"}))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_contain_text("in-browser mock")


def test_one_choice_of_where_queries_go_named_alike_everywhere(
    page: Page, static_host: str
) -> None:
    """The widget's "Run on" and the samples' "Run on" list the same places by the same names;
    here (no statsref serve) the local mock server needs --cors-origin, a live API a proxy."""
    page.goto(f"{static_host}examples/{_first_slug(page, static_host)}/")
    widget = Widget(page, page.locator(".sr-playground[data-example]").first)
    options = "(options) => options.map((o) => [o.value, o.textContent])"
    offered = widget.root.locator(".sr-pg-runner option").evaluate_all(options)
    assert offered == [
        ["browser", "In-browser mock"],
        ["mock", "Local mock server"],
        ["plausible", "Plausible (plausible.io)"],
        ["instance", "Your instance"],
    ]
    assert page.locator(".sr-target-select").first.locator("option").evaluate_all(options) == (
        offered
    )
    widget.root.locator(".sr-pg-help summary").click()
    expect(widget.root.locator(".sr-pg-help")).to_contain_text("statsref serve --cors-origin")
    widget.run_on("plausible")  # chosen once, in the widget: the samples follow
    expect(page.locator(".sr-target-select").first).to_have_value("plausible")
    expect(widget.root.locator(".sr-pg-live")).to_be_visible()
    expect(widget.root.locator(".sr-pg-live-proxy")).to_be_hidden()
    expect(widget.root.locator(".sr-pg-help")).to_contain_text("statsref serve --upstream")


def _first_slug(page: Page, static_host: str) -> str:
    examples = page.request.get(f"{static_host}assets/examples.json").json()
    return next(e["slug"] for e in examples if e["status"] == 200)


def test_samples_follow_the_one_choice_until_the_reader_picks_a_live_api(
    page: Page, static_host: str
) -> None:
    """Until the reader chooses, queries run on the in-browser mock, and code (which cannot run
    in the page) goes to the local mock server, under the examples' clock."""
    page.goto(f"{static_host}getting-started/")
    sample = page.locator(".sr-sample:visible code").first
    expect(sample).to_contain_text("http://127.0.0.1:8000/api/v2/query")
    expect(sample).to_contain_text("X-Statsref-Clock")
    hint = page.locator(".sr-target-hint").first
    expect(hint).to_contain_text("Code cannot run inside this page")
    expect(hint.locator("code")).to_have_text("statsref serve")  # not `statsref serve`
    page.locator(".sr-target-select").first.select_option("plausible")
    expect(sample).to_contain_text("https://plausible.io/api/v2/query")
    expect(sample).to_contain_text("$PLAUSIBLE_API_KEY")
    page.locator(".sr-target-select").first.select_option("instance")
    page.locator(".sr-target-url").first.fill("https://stats.example.net/")
    expect(sample).to_contain_text("https://stats.example.net/api/v2/query")
    page.reload()  # remembered, as is the instance's address (never a key)
    expect(page.locator(".sr-sample:visible code").first).to_contain_text(
        "https://stats.example.net/api/v2/query"
    )


def test_the_404_page_works_at_any_depth(page: Page, static_host: str) -> None:
    missing = f"{static_host}no/such/page/"
    broken: list[str] = []
    page.on(
        "response", lambda r: broken.append(r.url) if r.status >= 400 and r.url != missing else None
    )
    response = page.goto(missing)
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    styled = page.evaluate(
        "[...document.styleSheets].some((s) => s.href?.includes('/assets/stylesheets/') "
        "&& s.cssRules.length > 0)"
    )
    assert styled
    assert page.locator(".md-content a", has_text="Home").get_attribute("href") == static_host
    assert not broken


def test_the_migration_page_converts_in_the_browser_and_runs_the_query(
    page: Page, static_host: str
) -> None:
    page.goto(f"{static_host}guides/migrating-from-v1/")
    form = page.locator(".sr-migrate")
    widget = Widget(page, form.locator(".sr-playground"))
    expect(widget.root.locator(".sr-pg-static")).to_contain_text('"visit:source"')
    request = (
        "curl 'https://plausible.io/api/v1/stats/aggregate?site_id=dummy.site&period=7d"
        "&compare=previous_period&filters=event:page%3D%3D/blog/**' -H 'Authorization: Bearer k'"
    )
    form.locator(".sr-migrate-input").fill(request)
    form.locator(".sr-migrate-convert").click()
    expect(form.locator(".sr-migrate-status")).to_contain_text("loads the Python runtime")
    expect(form.locator(".sr-migrate-queries button")).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    expect(form.locator(".sr-migrate-notes")).to_contain_text("becomes a second query")
    expect(widget.run()).to_have_text("200 OK")
    query = json.loads(widget.text())
    assert query["date_range"] == ["2026-10-26", "2026-11-01"]
    assert query["filters"] == [["matches", "event:page", ["^/blog/.*$"]]]
    form.locator(".sr-migrate-queries button").nth(1).click()
    assert json.loads(widget.text())["date_range"] == ["2026-10-19", "2026-10-25"]
    form.locator(".sr-migrate-input").fill("https://plausible.io/api/v1/stats/breakdown?site_id=a")
    form.locator(".sr-migrate-convert").click()
    expect(form.locator(".sr-migrate-status")).to_have_text(
        "Cannot convert: a breakdown needs property=<the property to break down by>"
    )
    expect(form.locator(".sr-migrate-notes li")).to_have_count(0)  # the last notes were kept
    expect(form.locator(".sr-migrate-queries button")).to_have_count(0)


def test_the_migration_page_shows_one_line_for_input_that_once_gave_a_traceback(
    page: Page, static_host: str
) -> None:
    page.goto(f"{static_host}guides/migrating-from-v1/")
    form = page.locator(".sr-migrate")
    status = form.locator(".sr-migrate-status")
    form.locator(".sr-migrate-input").fill(
        "/api/v1/stats/aggregate?site_id=dummy.site&period=custom&date=2026-10-01,2026-10-07"
        "&compare=previous_period"
    )
    form.locator(".sr-migrate-convert").click()
    expect(form.locator(".sr-migrate-queries button")).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    for request, message in (
        ("http://[::1/api/v1/stats/aggregate?site_id=a", "cannot read the URL: Invalid IPv6 URL"),
        (
            "/api/v1/stats/aggregate?site_id=a&period=7d&date=0001-01-03",
            "period=7d counted from 0001-01-03 reaches past 0001-01-01",
        ),
    ):
        form.locator(".sr-migrate-input").fill(request)
        form.locator(".sr-migrate-convert").click()
        expect(status).to_contain_text(f"Cannot convert: {message}")
        assert "\n" not in status.inner_text() and "Traceback" not in status.inner_text()
        expect(form.locator(".sr-migrate-notes li")).to_have_count(0)
        expect(form.locator(".sr-migrate-queries button")).to_have_count(0)


def test_no_mock_server_says_how_to_start_one_for_this_page(page: Page, static_host: str) -> None:
    """Our own message, with the command as code (no backticks shown)."""
    page.route("http://127.0.0.1:8000/api/v2/query", lambda route: route.abort())
    page.goto(f"{static_host}playground/")
    widget = Widget(page, page.locator(".sr-playground.sr-full"))
    expect(widget.editor).to_be_visible()
    widget.run_on("mock")
    expect(widget.run()).to_have_text("No response")
    error = widget.root.locator(".sr-pg-error")
    expect(error).to_contain_text("No mock server answered at http://127.0.0.1:8000/api/v2/query")
    origin = static_host.removesuffix(PREFIX)
    expect(error.locator("code")).to_have_text(f"statsref serve --cors-origin {origin}")
    expect(error).not_to_contain_text("`")
