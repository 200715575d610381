"""The worker's Python in Chromium: the pack, compressed on the wire, and its fallback."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Response, Route, expect

from .widget import Widget

pytestmark = pytest.mark.browser

PACK = re.compile(r"python-[0-9a-f]+\.zip")


@pytest.fixture
def responses(context: BrowserContext) -> dict[str, Response]:
    """Every response the page and its worker got, by file name."""
    seen: dict[str, Response] = {}
    context.on("response", lambda response: seen.setdefault(_name(response.url), response))
    return seen


def _name(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def _run_an_edit(page: Page, corpus: list[dict]) -> None:
    """Run the Playground's query with its date range changed: the engine must answer."""
    widget = Widget.playground(page)
    query = {**corpus[0]["query"], "date_range": "30d"}
    widget.set_query(json.dumps(query))
    expect(widget.run()).to_have_text(re.compile(r"^200 "))
    assert widget.response_json()["results"]


def test_the_worker_starts_on_the_pack_sent_with_brotli(
    page: Page, corpus: list[dict], responses: dict[str, Response]
) -> None:
    _run_an_edit(page, corpus)
    [pack] = [name for name in responses if PACK.fullmatch(name)]
    for name in (pack, "pyodide.asm.wasm", "pyodide.asm.mjs", "worker.mjs"):
        assert responses[name].headers.get("content-encoding") == "br", name
    assert "python_stdlib.zip" not in responses  # the fallback was not needed
    assert "pyodide-lock.json" not in responses


def test_a_module_missing_from_the_pack_comes_from_the_full_stdlib(
    page: Page, context: BrowserContext, built_site: Path, corpus: list[dict], responses
) -> None:
    """The pack without ``calendar`` (which the engine imports): the fallback fetches it."""
    [path] = (built_site / "assets" / "playground").glob("python-*.zip")
    trimmed = io.BytesIO()
    with zipfile.ZipFile(path) as pack, zipfile.ZipFile(trimmed, "w") as out:
        for info in pack.infolist():
            if info.filename != "calendar.pyc":
                out.writestr(info, pack.read(info))

    def serve_trimmed(route: Route) -> None:
        route.fulfill(body=trimmed.getvalue(), content_type="application/zip")

    context.route(PACK, serve_trimmed)
    _run_an_edit(page, corpus)
    assert responses["python_stdlib.zip"].status == 200
