"""A page object for one playground widget: what a reader does, in the words of the UI."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Locator, Page, expect

EDITOR_TIMEOUT_MS = 15_000
RUN_TIMEOUT_MS = 60_000  # the first in-browser run loads Pyodide and builds the dataset
DOCUMENTED = "documented response, verified against the engine"
RUNTIME_FILES = ("/pyodide", "/python-", "/worker.mjs")  # the Python runtime, its pack, the worker


def runtime_requests(urls: list[str]) -> list[str]:
    """The requests among ``urls`` that fetched part of the in-browser Python runtime."""
    return [url for url in urls if any(part in url for part in RUNTIME_FILES)]


class Widget:
    def __init__(self, page: Page, root: Locator) -> None:
        self.page = page
        self.root = root
        self.editor = root.locator(".cm-content")

    @classmethod
    def playground(cls, page: Page, fragment: str = "") -> Widget:
        """Open the full Playground page and wait for its editor."""
        page.goto(f"/playground/{fragment}")
        widget = cls(page, page.locator(".sr-playground.sr-full"))
        expect(widget.editor).to_be_visible(timeout=EDITOR_TIMEOUT_MS)
        return widget

    @classmethod
    def on_example_page(cls, page: Page, slug: str) -> Widget:
        """Open example ``slug``'s page and turn its widget into an editor (a click). Off the
        Playground page an edit never starts the Python runtime: the schema lints alone."""
        page.goto(f"/examples/{slug}/")
        widget = cls(page, page.locator(f".sr-playground[data-example='{slug}']"))
        widget.root.locator(".sr-pg-static").click()
        expect(widget.editor).to_be_visible(timeout=EDITOR_TIMEOUT_MS)
        return widget

    @classmethod
    def answered(cls, page: Page, slug: str, choice: str = "mock") -> Widget:
        """The Playground showing example ``slug``, run on ``choice`` (an answer of 200)."""
        widget = cls.playground(page)
        widget.run_on(choice)
        widget.pick_example(slug)
        expect(widget.run()).to_have_text("200 OK")
        return widget

    def show_view(self, view: str) -> None:
        """Table, Chart, JSON or Compare of the answer shown."""
        self.root.locator(f".sr-pg-seg button[data-view='{view}']").click()

    def text(self) -> str:
        return self.editor.inner_text()

    def set_query(self, text: str) -> None:
        self.editor.fill(text)

    def type_at(self, marked: str) -> None:
        """Set the query to ``marked`` without its ``|`` and put the cursor where the ``|`` was."""
        text = marked.replace("|", "", 1)
        self.editor.fill(text)
        self.page.keyboard.press("Control+End")
        for _ in range(len(text) - marked.index("|")):
            self.page.keyboard.press("ArrowLeft")

    def completions(self, marked: str | None = None) -> list[str]:
        """The labels completion offers (Ctrl+Space) at the ``|`` of ``marked``, or where the
        cursor is."""
        if marked is not None:
            self.type_at(marked)
        self.page.keyboard.press("Control+Space")
        options = self.page.locator(".cm-tooltip-autocomplete li .cm-completionLabel")
        expect(options.first).to_be_visible()
        return options.all_inner_texts()

    def pick_completion(self, label: str) -> None:
        """Choose ``label`` in the open completion list (after its interaction delay)."""
        self.page.wait_for_timeout(150)  # completion ignores a choice for 75 ms after it opens
        exact = re.compile(f"^{re.escape(label)}$")
        named = self.page.locator(".cm-completionLabel", has_text=exact)
        self.page.locator(".cm-tooltip-autocomplete li").filter(has=named).first.click()

    def accept_with_tab(self) -> None:
        """Accept the selected completion with Tab (after its interaction delay)."""
        self.page.wait_for_timeout(150)  # completion ignores a choice for 75 ms after it opens
        self.page.keyboard.press("Tab")

    def hover(self, token: str, nth: int = 0) -> Locator:
        """Hover the ``nth`` occurrence of ``token`` in the query; returns the hover tooltip."""
        self.root.locator(".cm-line").get_by_text(token, exact=False).nth(nth).hover()
        tooltip = self.page.locator(".cm-tooltip-hover")
        expect(tooltip).to_be_visible()
        return tooltip

    def run_on(self, choice: str) -> None:
        """Where queries go ("Run on"): ``browser``, ``mock`` (the local mock server),
        ``plausible`` or ``instance``; one choice, shared with the code samples."""
        self.root.locator(".sr-pg-runner").select_option(choice)

    def pick_example(self, slug: str) -> None:
        self.root.locator(".sr-pg-picker").select_option(slug)

    def run(self) -> Locator:
        """Press Run and return the status line once the new response is in."""
        self.root.locator(".sr-pg-statusline").evaluate_all(
            "(lines) => lines.forEach((l) => l.remove())"
        )
        self.root.locator(".sr-pg-run").click()
        return self.status()

    def status(self) -> Locator:
        status = self.root.locator(".sr-pg-statusline .sr-pg-status")
        expect(status).to_be_visible(timeout=RUN_TIMEOUT_MS)
        return status

    def where(self) -> Locator:
        return self.root.locator(".sr-pg-where")

    def run_on_engine(self) -> Locator:
        """Run an unedited example on the engine instead of showing its documented response."""
        self.run()
        expect(self.where()).to_have_text(DOCUMENTED)
        self.root.get_by_role("button", name="Run on the engine").click()
        expect(self.where()).not_to_have_text(DOCUMENTED, timeout=RUN_TIMEOUT_MS)
        return self.status()

    def response_json(self) -> dict:
        self.root.locator(".sr-pg-seg button[data-view='json']").click()
        return json.loads(self.root.locator(".sr-pg-view .sr-pg-json").inner_text())

    def table_rows(self) -> list[list[str]]:
        self.root.locator(".sr-pg-seg button[data-view='table']").click()
        rows = self.root.locator(".sr-pg-table tbody tr")
        return [row.locator("td").all_inner_texts() for row in rows.all()]

    def error_markers(self) -> Locator:
        return self.root.locator(".cm-lint-marker-error")

    def diagnostics_text(self) -> str:
        """The messages of the lint markers, as the hover tooltip shows them."""
        self.error_markers().first.hover()
        tooltip = self.page.locator(".cm-tooltip-lint")
        expect(tooltip).to_be_visible()
        return tooltip.inner_text()
