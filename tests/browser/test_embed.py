"""The widget embedded in another site's page: plain HTML pages served from another origin
(another port, by a bare static server) with one script tag, ``embed.js``, loaded from the site
that ``statsref serve`` serves, and queries marked ``<pre data-statsref-query>``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, Request, expect

from statsref.defaults import DEMO_KEY

from .host import HostPages, host_pages
from .widget import (
    DOCUMENTED,
    EDITOR_TIMEOUT_MS,
    RUN_TIMEOUT_MS,
    Widget,
    runtime_requests,
    settle,
)

pytestmark = pytest.mark.browser

IDLE_BUDGET = 150_000
"""Bytes (as sent, compressed) a page pays for its widgets before a reader touches one."""
CONTRAST = (Path(__file__).parent / "contrast.js").read_text()
# Counts the workers the page starts: all widgets of a page share one.
COUNT_WORKERS = """
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    window.__workers = (window.__workers ?? 0) + 1;
  }
};
"""
# The page's own names, before any script of the page runs.
NAMES_BEFORE = "window.__names = Object.getOwnPropertyNames(window);"
# Every CSP violation the page reports.
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
"""


class Host:
    """Another site's pages, each embedding the site at ``site``."""

    def __init__(self, pages: HostPages, site: str) -> None:
        self.pages = pages
        self.site = site

    def page(
        self, name: str, body: str, *, head: str = "", headers: dict[str, str] | None = None
    ) -> str:
        """A page with ``body`` and ``embed.js`` in its head; returns its URL."""
        html = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{name}</title>{head}"
            f"<script type='module' src='{self.site}/embed.js'></script></head>"
            f"<body><h1>A post about the Stats API</h1>{body}</body></html>"
        )
        return self.pages.put(f"/{name}.html", html, headers)


@pytest.fixture(scope="session")
def host(server: str) -> Iterator[Host]:
    with host_pages() as pages:
        yield Host(pages, server)


def marked(query: dict[str, Any], attributes: str = "", response: dict | None = None) -> str:
    """A query as a page marks it, with its documented response when given."""
    html = f"<pre data-statsref-query {attributes}>{json.dumps(query, indent=2)}</pre>"
    if response is not None:
        script = "<script type='application/json' data-statsref-response>"
        html += f"{script}{json.dumps(response)}</script>"
    return html


def widgets(page: Page) -> Locator:
    return page.locator("statsref-query")


def embedded(page: Page, index: int = 0) -> Widget:
    widget = Widget(page, widgets(page).nth(index))
    expect(widget.root.locator(".sr-pg-run")).to_be_visible()
    return widget


def editing(page: Page, index: int = 0) -> Widget:
    """The widget at ``index``, its editor open (a click on the query)."""
    widget = embedded(page, index)
    widget.root.locator(".sr-pg-static").click()
    expect(widget.editor).to_be_visible(timeout=EDITOR_TIMEOUT_MS)
    return widget


def finished(page: Page) -> list[Request]:
    done: list[Request] = []
    page.context.on("requestfinished", lambda request: done.append(request))
    return done


@pytest.fixture
def query(corpus: list[dict]) -> dict:
    """A successful breakdown example: a table to show."""
    return next(e for e in corpus if e["status"] == 200 and e["query"].get("dimensions"))


def test_an_idle_page_pays_for_the_script_and_its_styles_only(
    page: Page, host: Host, server: str, query: dict
) -> None:
    page.add_init_script(NAMES_BEFORE)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    requests = finished(page)
    page.goto(host.page("idle", marked(query["query"]) + marked(query["query"])))
    embedded(page, 1)
    settle(page)  # whatever the page put off to an idle moment has started
    names = sorted(url.removeprefix(server) for url in asked if url.startswith(server))
    assert names[-1] == "/embed.js" and all(
        n.startswith("/assets/playground/chunk-") for n in names[:-1]
    ), names
    assert not runtime_requests(asked)
    ours = [r for r in requests if r.url.startswith(server)]
    assert len(ours) == len(names)  # the widgets are drawn: their modules have all arrived
    assert sum(r.sizes()["responseBodySize"] for r in ours) < IDLE_BUDGET
    added = page.evaluate("Object.getOwnPropertyNames(window).filter((n) => !__names.includes(n))")
    assert added == ["__names"]  # nothing global: the custom element only
    assert page.evaluate("customElements.get('statsref-query') !== undefined")
    assert page.evaluate("document.querySelector('statsref-query').shadowRoot.mode") == "open"
    assert not page.locator("pre[data-statsref-query]").count()


def test_run_of_the_unedited_query_answers_with_its_documented_response(
    page: Page, host: Host, query: dict
) -> None:
    requests = finished(page)
    page.goto(host.page("documented", marked(query["query"], response=query["response"])))
    widget = embedded(page)
    expect(widget.root.get_by_role("tab", name="Example response")).to_be_visible()
    expect(widget.words_text()).to_have_text(
        "The in-browser engine reads this query in words; it loads with the first Run of an edit."
    )
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)
    assert widget.response_json() == query["response"]
    assert widget.table_rows()
    assert not runtime_requests([r.url for r in requests])


def test_an_edited_query_runs_on_the_engine_with_completion_and_lint(
    page: Page, host: Host, server: str, query: dict
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(host.page("edited", marked(query["query"], response=query["response"])))
    widget = editing(page)
    assert "pageviews" in widget.completions('{"site_id": "dummy.site", "metrics": ["|"]}')
    page.keyboard.press("Escape")
    widget.set_query(json.dumps({**query["query"], "metrics": ["visitorz"]}))
    expect(widget.error_markers().first).to_be_visible()
    edited = {**query["query"], "date_range": "7d"}
    widget.set_query(json.dumps(edited))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_contain_text("in-browser mock")
    served = httpx.post(
        f"{server}/api/v2/query",
        json=edited,
        headers={"Authorization": f"Bearer {DEMO_KEY}", "X-Statsref-Clock": query["now"]},
    )
    assert widget.response_json() == served.json()
    # The engine that answered reads the query in words; Copy as sends to the local mock server
    expect(widget.words()).to_have_attribute("data-state", "ready")
    expect(widget.words_text()).to_contain_text("7 days")
    assert "curl -X POST http://127.0.0.1:8000/api/v2/query" in widget.copy_as("curl")
    widget.root.get_by_role("button", name="Builder").click()
    expect(widget.root.locator(".sr-pg-builder")).to_be_visible(timeout=EDITOR_TIMEOUT_MS)


def test_dark_theme_and_auto_following_the_page(page: Page, host: Host, query: dict) -> None:
    body = marked(query["query"], "data-theme='dark'") + marked(query["query"])
    page.goto(host.page("themes", body, head="<style>body { background: #fff; }</style>"))
    dark, auto = embedded(page, 0), embedded(page, 1)
    scheme = ".sr-embed"
    expect(dark.root.locator(scheme)).to_have_attribute("data-sr-scheme", "dark")
    expect(auto.root.locator(scheme)).to_have_attribute("data-sr-scheme", "light")
    failures = dark.root.locator(scheme).evaluate(CONTRAST)
    assert not failures, failures
    page.evaluate("document.documentElement.dataset.theme = 'dark'")  # the page switches
    expect(auto.root.locator(scheme)).to_have_attribute("data-sr-scheme", "dark")
    auto.root.locator(".sr-pg-static").click()
    key = auto.root.locator(".cm-line span", has_text='"site_id"').first
    expect(key).to_have_css("color", "rgb(138, 180, 248)", timeout=EDITOR_TIMEOUT_MS)
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    expect(auto.root.locator(scheme)).to_have_attribute("data-sr-scheme", "light")
    expect(key).to_have_css("color", "rgb(31, 79, 168)")
    page.emulate_media(color_scheme="dark")  # the reader's system, when the page says nothing
    page.evaluate("delete document.documentElement.dataset.theme")
    expect(auto.root.locator(scheme)).to_have_attribute("data-sr-scheme", "dark")


def test_two_widgets_share_one_worker_and_one_runtime(page: Page, host: Host, query: dict) -> None:
    page.add_init_script(COUNT_WORKERS)
    requests = finished(page)
    page.goto(
        host.page(
            "two", marked(query["query"]) + marked(query["query"], "data-site='shop.dummy.site'")
        )
    )
    for index, date_range in ((0, "7d"), (1, "30d")):
        widget = editing(page, index)
        widget.set_query(json.dumps({**json.loads(widget.text()), "date_range": date_range}))
        expect(widget.run()).to_have_text("200 OK")
        expect(widget.where()).to_contain_text("in-browser mock")
    assert json.loads(embedded(page, 1).text())["site_id"] == "shop.dummy.site"
    assert page.evaluate("window.__workers") == 1
    wasm = [r for r in requests if r.url.endswith("pyodide.asm.wasm")]
    assert len(wasm) == 1


HOSTILE_CSS = """<style>
html { font-size: 8px; }
* { color: #f0f !important; letter-spacing: 3px; }
pre { font-size: 40px; border: 6px solid #f0f; background: #ff0; white-space: nowrap; }
button { display: none !important; }
table, td, th { display: none; }
.sr-pg, .sr-embed { display: none !important; }
</style>"""


def test_host_css_leaves_the_widget_intact_and_the_widgets_css_stays_inside(
    page: Page, host: Host, query: dict
) -> None:
    theirs = "<button class='sr-pg-btn sr-pg-run' id='theirs'>theirs</button>"
    page.goto(
        host.page(
            "hostile", marked(query["query"], response=query["response"]) + theirs, head=HOSTILE_CSS
        )
    )
    widget = embedded(page)
    static = widget.root.locator(".sr-pg-static")
    style = static.evaluate(
        "(e) => ({color: getComputedStyle(e).color, size: getComputedStyle(e).fontSize,"
        " spacing: getComputedStyle(e).letterSpacing})"
    )
    assert style == {"color": "rgba(0, 0, 0, 0.87)", "size": "16px", "spacing": "normal"}
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.root.locator(".sr-pg-table")).to_be_visible()
    expect(widget.root.locator(".sr-pg-table td").first).to_be_visible()
    assert page.locator("#theirs").evaluate("(e) => getComputedStyle(e).backgroundColor") != (
        widget.root.locator(".sr-pg-run").evaluate("(e) => getComputedStyle(e).backgroundColor")
    )  # our Run button's look stayed in our shadow root


def strict_policy(site: str, worker: str | None = None) -> str:
    """What docs/guides/embedding.md tells a host page to allow, and nothing else."""
    return (
        f"default-src 'self'; script-src 'self' {site} 'wasm-unsafe-eval'; "
        f"worker-src {worker or f'blob: {site}'}; "
        f"connect-src {site}; style-src 'self'; img-src 'self'; object-src 'none'; "
        "base-uri 'none'"
    )


def test_a_host_page_with_a_strict_csp_that_allows_our_origin(
    page: Page, host: Host, server: str, query: dict
) -> None:
    page.add_init_script(VIOLATIONS)
    url = host.page(
        "strict",
        marked(query["query"], response=query["response"]),
        headers={"Content-Security-Policy": strict_policy(server)},
    )
    page.goto(url)
    widget = editing(page)
    widget.set_query(json.dumps({**query["query"], "date_range": "7d"}))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_contain_text("in-browser mock")
    # The one thing a policy without style-src-attr refuses: the editor's tab width, set in a
    # style attribute (CodeMirror's own), which queries indented with spaces never use.
    assert set(page.evaluate("window.__violations")) <= {"style-src-attr inline"}


def test_a_csp_that_forbids_the_worker_gets_a_clear_message(
    page: Page, host: Host, server: str, query: dict
) -> None:
    url = host.page(
        "no-worker",
        marked(query["query"]),
        headers={"Content-Security-Policy": strict_policy(server, worker="'self'")},
    )
    page.goto(url)
    widget = editing(page)
    widget.set_query(json.dumps({**query["query"], "date_range": "7d"}))
    expect(widget.run()).to_have_text("No response")
    expect(widget.root.locator(".sr-pg-error")).to_contain_text(
        "could not start the Python worker", timeout=RUN_TIMEOUT_MS
    )
    expect(widget.root.get_by_role("button", name="Retry")).to_be_visible()


def test_bad_attributes_are_named_and_the_widget_still_works(page: Page, host: Host) -> None:
    bad = "data-site='example.com' data-theme='blue' data-height='tall' data-clock='soon'"
    page.goto(host.page("bad", marked({"metrics": ["visitors"], "date_range": "7d"}, bad)))
    widget = embedded(page)
    problems = widget.root.locator(".sr-embed-problems li")
    expect(problems).to_have_count(4)
    expect(problems.nth(3)).to_contain_text('data-site="example.com" is not one of the demo sites')
    expect(widget.run()).to_have_text("400 Bad Request")  # the query names no site: the API says so


def test_the_guide_embeds_a_live_example(page: Page, corpus: list[dict]) -> None:
    page.goto("/guides/embedding/")
    expect(page.locator("code").filter(has_text="/embed.js").first).to_be_visible()
    widget = embedded(page)
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)
    slug_query = json.loads(widget.root.locator(".cm-content").inner_text())
    assert any(e["query"] == slug_query for e in corpus)
