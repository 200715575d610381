"""The playground in headless Chromium, against ``statsref serve`` on loopback."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from statsref.engine import Dataset, run_query, validate_query

from .conftest import LIVE_KEY, serve
from .widget import DOCUMENTED, Widget, expect_editor_prefetched, runtime_requests, settle

pytestmark = pytest.mark.browser

# Schema-valid, but the API rejects it: a conversion rate needs a goal filter or dimension.
NEEDS_GOAL = {"site_id": "dummy.site", "metrics": ["conversion_rate"], "date_range": "7d"}


@pytest.fixture(scope="session")
def example(corpus: list[dict]) -> dict:
    """The first successful example with rows and dimensions: the one the table test runs."""
    return next(
        e
        for e in corpus
        if e["status"] == 200 and e["response"].get("results") and e["query"].get("dimensions")
    )


@pytest.fixture(scope="session")
def engine(corpus: list[dict]):
    """``run_query`` on the host, under the examples' clock, with the default dataset."""
    now = datetime.fromisoformat(corpus[0]["now"])
    dataset = Dataset.build(now)
    return lambda query: run_query(query, dataset=dataset, now=now)


def test_completion_offers_visitors(page: Page) -> None:
    widget = Widget.playground(page)
    widget.set_query('{"site_id": "dummy.site", "metrics": ["vis"]}')
    page.keyboard.press("End")
    for _ in '"]}':
        page.keyboard.press("ArrowLeft")  # back inside the string, right after `vis`
    page.keyboard.press("Control+Space")
    options = page.locator(".cm-tooltip-autocomplete li")
    expect(options.filter(has_text="visitors").first).to_be_visible()


def test_unknown_metric_is_marked_while_typing(page: Page) -> None:
    widget = Widget.playground(page)
    widget.set_query('{"site_id": "dummy.site", "metrics": ["visitorz"], "date_range": "7d"}')
    expect(widget.error_markers().first).to_be_visible()
    assert "visitorz" in widget.diagnostics_text()


def test_semantic_error_is_marked_before_run(page: Page, corpus: list[dict]) -> None:
    error = validate_query(NEEDS_GOAL, now=datetime.fromisoformat(corpus[0]["now"]))
    assert error is not None
    widget = Widget.playground(page)
    widget.set_query(json.dumps(NEEDS_GOAL))
    expect(widget.error_markers().first).to_be_visible(timeout=60_000)
    assert error.pointer == "/metrics/0"
    expect(widget.root.locator(".cm-lintRange-error").first).to_have_text('"conversion_rate"')
    assert error.message.replace("`", "") in widget.diagnostics_text()


def test_unedited_example_answers_at_once_with_its_documented_response(
    page: Page, example: dict, only_loopback: list[str]
) -> None:
    page.goto(f"/examples/{example['slug']}/")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{example['slug']}']"))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)
    assert widget.response_json() == example["response"]
    assert len(widget.table_rows()) == len(example["response"]["results"])
    widget.root.locator(".sr-pg-seg button[data-view='compare']").click()
    expect(widget.root.locator(".sr-pg-same")).to_be_visible()
    assert not runtime_requests(only_loopback)


def test_a_permalink_cannot_put_an_off_site_link_in_a_lint_tooltip(page: Page) -> None:
    """The query quoted in a lint message once became markdown: a crafted dimension showed
    a working link to another host in the error tooltip, before Run."""
    lure = "[Session expired: log in again](//evil.example/login)"
    query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    text = json.dumps({**query, "dimensions": [lure]}, separators=(",", ":"))
    encoded = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    widget = Widget.playground(page, f"#q={encoded}")
    expect(widget.error_markers().first).to_be_visible(timeout=60_000)
    assert "Session expired: log in again" in widget.diagnostics_text()
    assert page.locator(".cm-tooltip-lint a").count() == 0


def test_example_runs_in_the_browser_with_the_engine_numbers(
    page: Page, example: dict, engine
) -> None:
    status, body = engine(example["query"])
    widget = Widget.playground(page)
    widget.pick_example(example["slug"])
    expect(widget.run_on_engine()).to_have_text("200 OK")
    expect(widget.where()).to_contain_text("in-browser mock")
    rows = widget.table_rows()
    assert len(rows) == len(body["results"])
    for cells, row in zip(rows, body["results"], strict=True):
        dims = len(row["dimensions"])
        assert cells[:dims] == [str(d) for d in row["dimensions"]]
        for cell, value in zip(cells[dims:], row["metrics"], strict=True):
            if isinstance(value, int):
                assert cell.replace(",", "") == str(value)
    assert status == 200
    assert widget.response_json() == body


def test_the_content_security_policy_lets_the_site_and_playground_run(
    page: Page, example: dict
) -> None:
    """Pyodide compiles WebAssembly in its worker, the theme runs inline scripts, the editor
    writes styles: none of it may be refused."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    widget = Widget.playground(page)
    assert "frame-ancestors 'none'" in page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    widget.pick_example(example["slug"])
    expect(widget.run()).to_have_text("200 OK")
    page.goto("/guides/quirks/")
    assert not [text for text in refused if "Content Security Policy" in text]


def test_compare_view_shows_what_an_edit_changed(page: Page, example: dict) -> None:
    widget = Widget.playground(page)
    widget.pick_example(example["slug"])
    edited = {**example["query"], "date_range": "all"}
    widget.set_query(json.dumps(edited))
    expect(widget.run()).to_have_text("200 OK")
    widget.root.locator(".sr-pg-seg button[data-view='compare']").click()
    summary = widget.root.locator(".sr-pg-diff-summary")
    expect(summary).to_contain_text("only in the documented response")
    expect(widget.root.locator(".sr-pg-diff .sr-pg-add").first).to_be_visible()


def test_invalid_query_shows_the_400_and_marks_the_query(page: Page, engine) -> None:
    status, body = engine(NEEDS_GOAL)
    assert status == 400
    widget = Widget.playground(page)
    widget.set_query(json.dumps(NEEDS_GOAL))
    expect(widget.run()).to_have_text("400 Bad Request")
    expect(widget.root.locator(".sr-pg-error")).to_have_text(body["error"])
    expect(widget.error_markers().first).to_be_visible()
    expect(widget.root.locator(".cm-lintRange-error").first).to_have_text('"conversion_rate"')


def test_local_server_runner_gives_the_same_result(page: Page, example: dict, engine) -> None:
    widget = Widget.playground(page)
    widget.pick_example(example["slug"])
    widget.run_on("mock")
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.root.locator(".sr-pg-where")).to_have_text("local mock server")
    assert widget.response_json() == engine(example["query"])[1]


def test_the_choice_of_where_queries_go_is_remembered(page: Page) -> None:
    Widget.playground(page).run_on("mock")
    page.reload()
    expect(page.locator(".sr-full .sr-pg-runner")).to_have_value("mock")


def test_permalink_reproduces_the_query(page: Page, context) -> None:
    query = {"site_id": "dummy.site", "metrics": ["pageviews"], "date_range": "30d"}
    widget = Widget.playground(page)
    widget.set_query(json.dumps(query))
    widget.root.get_by_role("button", name="Link").click()
    assert "#q=" in page.url
    other = context.new_page()
    reopened = Widget.playground(other, fragment="#" + page.url.split("#", 1)[1])
    assert json.loads(reopened.text()) == query


def test_live_key_stays_out_of_urls_and_local_storage(
    page: Page, server: str, only_loopback: list[str]
) -> None:
    sent_with_key: list[str] = []

    def watch(request: Request) -> None:
        if LIVE_KEY in (request.headers.get("authorization") or ""):
            sent_with_key.append(request.url)

    page.on("request", watch)
    widget = Widget.playground(page)
    widget.run_on("instance")
    widget.root.locator(".sr-pg-live .sr-target-url").fill(server)
    widget.root.locator(".sr-pg-live-key").fill(LIVE_KEY)
    expect(widget.run()).to_have_text("200 OK")
    widget.root.get_by_role("button", name="Link").click()
    local = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    session = page.evaluate("JSON.stringify(Object.entries(sessionStorage))")
    assert LIVE_KEY not in page.url
    assert LIVE_KEY not in local
    assert LIVE_KEY in session  # this tab only
    assert not [url for url in only_loopback if LIVE_KEY in url]
    assert sent_with_key == [f"{server}/api/v2/query"]


def test_usable_at_phone_width(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    widget = Widget.playground(page)
    for control in (".sr-pg-run", ".sr-pg-runner", ".cm-editor"):
        box = widget.root.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, control
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_example_page_shows_the_query_statically_until_clicked(page: Page, example: dict) -> None:
    page.goto(f"/examples/{example['slug']}/")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{example['slug']}']"))
    static = widget.root.locator(".sr-pg-static")
    expect(static).to_be_visible()
    assert json.loads(static.inner_text()) == example["query"]
    expect(widget.root.locator(".cm-editor")).to_have_count(0)
    static.click()
    expect(widget.editor).to_be_visible()
    assert json.loads(widget.text()) == example["query"]


def test_example_page_loads_no_python_until_an_edited_query_runs(
    page: Page, example: dict, only_loopback: list[str]
) -> None:
    """Idle, the page may prefetch the editor, never the runtime; an edited query's Run loads it."""
    widget = Widget.example(page, example["slug"])
    settle(page)
    expect_editor_prefetched(page)
    assert not runtime_requests(only_loopback)
    expect(widget.root.locator(".sr-pg-static")).to_be_visible()  # the widget itself stays static
    widget.root.locator(".sr-pg-static").click()
    widget.set_query(json.dumps({**example["query"], "date_range": "8 days"}))
    expect(widget.error_markers()).to_have_count(1)  # linted: editing alone loads nothing
    assert not runtime_requests(only_loopback)
    widget.set_query(json.dumps({**example["query"], "date_range": "30d"}))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text("in-browser mock, Python and the dataset loaded first")
    assert runtime_requests(only_loopback)


def test_playground_starts_python_at_the_first_edit(page: Page, only_loopback: list[str]) -> None:
    widget = Widget.playground(page)
    settle(page)
    assert not runtime_requests(only_loopback)
    widget.editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" ")
    expect(widget.root.locator(".sr-pg-run")).to_be_enabled()
    page.wait_for_function(
        "() => window.statsrefPlayground.python.engineReady", timeout=60_000, polling=200
    )
    assert runtime_requests(only_loopback)


SAVE_DATA = "Object.defineProperty(navigator, 'connection', { value: { saveData: true } })"


def test_a_browser_saving_data_loads_nothing_until_run(
    page: Page, example: dict, only_loopback: list[str]
) -> None:
    """With Save-Data on: no idle prefetch of the editor, no runtime while typing; Run loads it."""
    page.add_init_script(SAVE_DATA)
    Widget.example(page, example["slug"])
    settle(page)
    assert not [url for url in only_loopback if "/editor-" in url]
    widget = Widget.playground(page)
    widget.editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" 1")  # now invalid JSON: an edit, nothing to run
    expect(widget.error_markers()).to_have_count(1)  # linted
    settle(page)
    assert not runtime_requests(only_loopback)
    widget.set_query(json.dumps({**example["query"], "date_range": "30d"}))
    expect(widget.run()).to_have_text("200 OK")
    assert runtime_requests(only_loopback)


def test_cold_run_shows_progress_then_warm_runs_do_not_wait(page: Page, corpus: list[dict]) -> None:
    widget = Widget.playground(page)
    edited = {**json.loads(widget.text()), "date_range": "30d"}
    widget.set_query(json.dumps(edited))
    widget.root.locator(".sr-pg-run").click()
    progress = widget.root.locator(".sr-pg-progress")
    expect(progress).to_be_visible()
    expect(progress.locator("span")).to_have_text(re.compile(r"\(\d/4\)$"))
    expect(widget.root.locator(".sr-pg-statusline .sr-pg-status")).to_be_visible(timeout=60_000)
    expect(progress).to_be_hidden()
    where = widget.root.locator(".sr-pg-where")
    expect(where).to_have_text("in-browser mock, Python and the dataset loaded first")
    expect(widget.run()).to_have_text("200 OK")
    expect(where).to_have_text("in-browser mock")
    shop = next(e for e in corpus if e["site"] == "shop.dummy.site" and e["status"] == 200)
    widget.pick_example(shop["slug"])  # another site: its days are built on this run
    expect(widget.run_on_engine()).to_have_text("200 OK")
    expect(where).to_have_text("in-browser mock, Python and the dataset loaded first")


def test_ctrl_enter_runs_and_time_queries_get_a_chart(page: Page, timeseries: dict) -> None:
    widget = Widget.playground(page)
    widget.run_on("mock")
    widget.pick_example(timeseries["slug"])
    widget.editor.click()
    page.keyboard.press("Control+Enter")
    expect(widget.root.locator(".sr-pg-status")).to_have_text("200 OK")
    widget.root.locator(".sr-pg-seg button[data-view='chart']").click()
    expect(widget.root.locator("svg.sr-pg-chart polyline").first).to_be_visible()


def test_table_downloads_as_csv(page: Page, example: dict) -> None:
    widget = Widget.playground(page)
    widget.run_on("mock")
    widget.pick_example(example["slug"])
    expect(widget.run()).to_have_text("200 OK")
    with page.expect_download() as download:
        widget.root.get_by_role("button", name="Download CSV").click()
    lines = Path(download.value.path()).read_text().splitlines()
    query = example["query"]
    assert lines[0].split(",")[: len(query["dimensions"])] == query["dimensions"]
    assert len(lines) == 1 + len(widget.table_rows())


def test_format_reset_and_copy_as_curl(page: Page, context, example: dict, server: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    widget = Widget.playground(page)
    widget.pick_example(example["slug"])
    widget.set_query(json.dumps(example["query"]))
    widget.root.get_by_role("button", name="Format").click()
    assert widget.text().count("\n") >= len(example["query"])
    widget.set_query("{}")
    widget.root.get_by_role("button", name="Reset").click()
    assert json.loads(widget.text()) == example["query"]
    # Run on the in-browser mock: code sends to the local mock server, this page's own
    curl = widget.copy_as("curl")
    expect(widget.root.locator(".sr-pg-toast")).to_have_text(
        "Copied as curl for the local mock server."
    )
    command = curl[curl.index("curl -X POST") :]
    assert command.startswith(f"curl -X POST {server}/api/v2/query")
    assert "Bearer demo-key" in curl
    assert json.loads(curl.split("-d '", 1)[1].rstrip("'")) == example["query"]


def test_mock_samples_name_the_server_that_serves_the_page(page: Page, server: str) -> None:
    """Served by ``statsref serve`` on another port than the default, the "Local mock server"
    samples (built for http://127.0.0.1:8000) send to this server; the real API's stay as
    they are."""
    page.goto(f"{server}/getting-started/")
    sample = page.locator(".sr-sample:visible code").first
    page.locator(".sr-target-select").first.select_option("plausible")
    expect(sample).to_contain_text("https://plausible.io/api/v2/query")
    page.locator(".sr-target-select").first.select_option("mock")
    expect(sample).to_contain_text(f"{server}/api/v2/query")
    expect(sample).to_contain_text("Bearer demo-key")
    expect(page.locator(".sr-target-hint").first).to_contain_text("this page's own server")
    page.locator(".sr-target-select").first.select_option("plausible")
    expect(sample).to_contain_text("https://plausible.io/api/v2/query")


def test_example_opens_in_the_playground_with_its_edits(page: Page, example: dict) -> None:
    page.goto(f"/examples/{example['slug']}/")
    widget = Widget(page, page.locator(f".sr-playground[data-example='{example['slug']}']"))
    widget.root.locator(".sr-pg-static").click()
    edited = {**example["query"], "date_range": "all"}
    widget.set_query(json.dumps(edited))
    widget.root.get_by_role("link", name="Open in Playground").click()
    full = Widget(page, page.locator(".sr-playground.sr-full"))
    expect(full.editor).to_be_visible()
    assert json.loads(full.text()) == edited
    expect(full.root.locator(".sr-pg-picker")).to_have_value("")  # edited: no longer the example


def test_every_example_runs_in_the_browser_as_on_the_host(
    page: Page, corpus: list[dict], engine
) -> None:
    """Pyodide's 3.14 and the host's CPython give the same answer to the whole corpus."""
    widget = Widget.playground(page)
    for example in corpus:
        widget.pick_example(example["slug"])
        status, body = engine(example["query"])
        expect(widget.run_on_engine()).to_have_text(re.compile(rf"^{status} "))
        assert widget.response_json() == body, example["slug"]


def test_a_widget_without_a_documented_answer_shows_no_stray_text(page: Page) -> None:
    """ "Your own query" and a permalinked query have no Example response tab: nothing else."""
    widget = Widget.playground(page)
    widget.pick_example("")
    expect(widget.root.locator(".sr-pg-tabs")).to_have_text("Response")
    expect(widget.root.locator(".sr-pg-output")).not_to_contain_text("null")


def test_an_error_answer_shows_the_apis_text_and_a_plain_hint_under_it(page: Page) -> None:
    """In the browser and from the local mock server alike (whose body stays the API's own)."""
    query = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}
    query["order_by"] = [["pageviews", "desc"]]
    api = (
        "Invalid order_by entry '{:pageviews, :desc}'. Entry is not a queried metric or dimension."
    )
    hint = (
        "Sort only by what the query asks for: add pageviews to metrics, or sort by visitors "
        "instead."
    )
    widget = Widget.playground(page)
    for choice in ("browser", "mock"):
        widget.run_on(choice)
        widget.set_query(json.dumps(query))
        expect(widget.run()).to_have_text("400 Bad Request")
        expect(widget.root.locator(".sr-pg-error")).to_have_text(api)
        expect(widget.root.locator(".sr-pg-error-hints li")).to_have_text([hint])


def test_copy_as_sends_where_run_does_and_says_what_it_needs(
    page: Page, context, example: dict, server: str
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    widget = Widget.playground(page)
    widget.pick_example(example["slug"])

    def copied(kind: str) -> str:
        widget.root.locator(".sr-pg-toast").evaluate_all(
            "(notes) => notes.forEach((n) => n.remove())"
        )
        widget.root.locator(".sr-pg-copyas").select_option(kind)
        expect(widget.root.locator(".sr-pg-toast")).to_be_visible()
        return page.evaluate("navigator.clipboard.readText()")

    widget.run_on("mock")
    javascript = copied("javascript")
    assert javascript.startswith("// Needs Node.js 18+")
    assert f'fetch("{server}/api/v2/query"' in javascript
    widget.run_on("plausible")
    python = copied("python")
    assert python.startswith("# Needs httpx: pip install httpx.\n# Needs a Stats API key")
    assert '"https://plausible.io/api/v2/query"' in python and "X-Statsref-Clock" not in python


@pytest.fixture(scope="module")
def mock_on_the_real_clock(built_site: Path, tmp_path_factory) -> Iterator[str]:
    """A mock like ``make serve``'s: no --now, so it answers for the current time."""
    with serve(built_site, tmp_path_factory.mktemp("real-clock") / "serve.log") as url:
        yield url


def test_a_copied_snippet_gives_the_numbers_the_playground_showed(
    page: Page, context, mock_on_the_real_clock: str
) -> None:
    """The playground answers under the examples' clock; the copied curl asks the mock for it,
    so a mock on the real clock gives the same body (173 and 199 in the issue)."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    widget = Widget.playground(page)
    widget.set_query(json.dumps({**json.loads(widget.text()), "date_range": "30d"}))
    expect(widget.run()).to_have_text("200 OK")
    shown = widget.response_json()
    widget.root.locator(".sr-pg-copyas").select_option("curl")
    expect(widget.root.locator(".sr-pg-toast")).to_be_visible()
    curl = page.evaluate("navigator.clipboard.readText()")
    page_origin = curl.split("curl -X POST ", 1)[1].split("/api/", 1)[0]
    command = curl.replace(page_origin, mock_on_the_real_clock) + " --silent --fail-with-body"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == shown


def test_a_live_api_answers_under_its_own_clock_with_no_switch(page: Page, server: str) -> None:
    """Even when the live API chosen is a mock that names its clock."""
    widget = Widget.playground(page)
    widget.run_on("instance")
    widget.root.locator(".sr-pg-live .sr-target-url").fill(server)
    widget.root.locator(".sr-pg-live-key").fill(LIVE_KEY)
    expect(widget.root.locator(".sr-pg-runhint")).to_contain_text("the live API's own clock")
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.root.locator(".sr-pg-clocktext")).to_have_text("the live API's own clock")
    expect(widget.root.locator(".sr-pg-statusline .sr-pg-clock")).to_be_hidden()
