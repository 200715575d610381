"""A page object for one playground widget: what a reader does, in the words of the UI."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

EDITOR_TIMEOUT_MS = 15_000
RUN_TIMEOUT_MS = 60_000  # the first in-browser run loads Pyodide and builds the dataset
DOCUMENTED = "documented response, verified against the engine"
RUNTIME_FILES = ("/pyodide", "/python-", "/worker.mjs")  # the Python runtime, its pack, the worker


def runtime_requests(urls: list[str]) -> list[str]:
    """The requests among ``urls`` that fetched part of the in-browser Python runtime."""
    return [url for url in urls if any(part in url for part in RUNTIME_FILES)]


def settle(page: Page) -> None:
    """Wait until the page has run the work it put off to an idle moment: an idle callback
    queued now runs after those the page queued before (requestIdleCallback keeps their order).
    Call it once the page has queued its own (the widgets are drawn)."""
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => done()))")


def expect_editor_prefetched(page: Page) -> None:
    """Wait until the idle prefetch of the editor chunk has downloaded it."""
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((e) => e.name.includes('/editor-'))"
    )


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
    def example(cls, page: Page, slug: str) -> Widget:
        """Example ``slug``'s page, its widget drawn (still the static view, no editor)."""
        page.goto(f"/examples/{slug}/")
        widget = cls(page, page.locator(f".sr-playground[data-example='{slug}']"))
        expect(widget.root.locator(".sr-pg-run")).to_be_visible()
        return widget

    @classmethod
    def on_example_page(cls, page: Page, slug: str) -> Widget:
        """Open example ``slug``'s page and turn its widget into an editor (a click). Off the
        Playground page an edit never starts the Python runtime: the schema lints alone."""
        widget = cls.example(page, slug)
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
        self.page.locator(".cm-tooltip-autocomplete").evaluate(  # when it was seen open
            "(popup) => { popup.dataset.srOpenedAt ??= String(performance.now()); }"
        )
        return options.all_inner_texts()

    def pick_completion(self, label: str) -> None:
        """Click ``label`` in the open completion list. CodeMirror applies a clicked option on
        mousedown at once; its 75 ms interaction delay guards only the keyboard's choice."""
        exact = re.compile(f"^{re.escape(label)}$")
        named = self.page.locator(".cm-completionLabel", has_text=exact)
        self.page.locator(".cm-tooltip-autocomplete li").filter(has=named).first.click()

    def copy_as(self, kind: str) -> str:
        """Choose ``kind`` in "Copy as"; returns what it put on the clipboard once it says so."""
        toasts = self.root.locator(".sr-pg-toast")
        toasts.evaluate_all("(notes) => notes.forEach((note) => note.remove())")
        self.root.locator(".sr-pg-copyas").select_option(kind)
        expect(toasts).to_have_text(re.compile(r"^Copied as "))
        return self.page.evaluate("navigator.clipboard.readText()")

    def accept_with_tab(self) -> None:
        """Accept the selected completion with Tab, once the list has been open longer than
        CodeMirror's interaction delay (75 ms: a key pressed sooner is not a choice)."""
        opened = self.page.locator(".cm-tooltip-autocomplete").get_attribute("data-sr-opened-at")
        self.page.wait_for_function("(at) => performance.now() - Number(at) > 80", arg=opened)
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

    def expect_diagnostics(self, *messages: str | re.Pattern[str]) -> Locator:
        """Wait until the lint panel (Ctrl+Shift+M, which lists the current diagnostics and
        follows their changes) shows ``messages``; returns its items."""
        panel = self.root.locator(".cm-panel-lint")
        if not panel.is_visible():
            self.editor.focus()
            self.page.keyboard.press("Control+Shift+M")
        items = panel.locator("li")
        expect(items).to_have_text(list(messages), timeout=RUN_TIMEOUT_MS)
        return items

    def words(self) -> Locator:
        """The region under the editor holding the query in words."""
        return self.root.get_by_role("region", name="Query in words")

    def words_text(self) -> Locator:
        """The sentences of that region (without its button)."""
        return self.words().locator("p")

    def error_markers(self) -> Locator:
        return self.root.locator(".cm-lint-marker-error")

    def diagnostics_text(self) -> str:
        """The messages of the lint markers, as the hover tooltip shows them."""
        self.error_markers().first.hover()
        tooltip = self.page.locator(".cm-tooltip-lint")
        expect(tooltip).to_be_visible()
        return tooltip.inner_text()

    # ---- the sites file (the Playground page) -----------------------------------------------

    @property
    def sites(self) -> Locator:
        """The "Sites file…" control."""
        return self.root.locator(".sr-pg-sites")

    def sites_status(self) -> Locator:
        """Which sites the in-browser mock serves, in words."""
        return self.sites.locator(".sr-pg-sites-status")

    def sites_error(self) -> Locator:
        return self.sites.get_by_role("alert")

    def paste_sites(self, text: str) -> None:
        """Paste a sites file and load it (the engine reads it: the first time, Python loads)."""
        self.open_sites()
        self.sites.get_by_role("textbox", name="Sites file (TOML)").fill(text)
        self.sites.get_by_role("button", name="Load the pasted file").click()

    def choose_sites_file(self, path: Path) -> None:
        self.open_sites()
        self.sites.get_by_label("Choose a file").set_input_files(path)

    def open_sites(self) -> None:
        if self.sites.get_attribute("open") is None:
            self.sites.locator("summary").click()

    def expect_sites(self, text: str) -> None:
        """Wait until the status names ``text`` (the file read, or the demo sites)."""
        expect(self.sites_status()).to_contain_text(text, timeout=RUN_TIMEOUT_MS)

    # ---- the builder ------------------------------------------------------------------------

    @property
    def builder(self) -> Locator:
        return self.root.locator(".sr-pg-builder")

    def open_builder(self) -> Locator:
        """Switch to the Builder view; returns the builder once it is drawn."""
        self.root.get_by_role("button", name="Builder", exact=True).click()
        expect(self.builder.locator("fieldset").first).to_be_visible(timeout=EDITOR_TIMEOUT_MS)
        return self.builder

    def open_json(self) -> None:
        self.root.get_by_role("button", name="JSON", exact=True).click()
        expect(self.editor).to_be_visible()

    def json_text(self) -> str:
        """The query's whole text, whichever view shows it (the editor draws only what it shows)."""
        return self.root.evaluate(EDITOR_TEXT)

    def query(self) -> dict:
        return json.loads(self.json_text())

    def part(self, title: str) -> Locator:
        """A section of the builder (Site, Metrics, Date range, Filters...), by its legend."""
        return self.builder.get_by_role("group", name=title, exact=True)

    def metric(self, name: str) -> Locator:
        """The checkbox of metric ``name`` (labelled with the name, then its title)."""
        return self.part("Metrics").get_by_role("checkbox", name=re.compile(f"^{re.escape(name)} "))

    def pick(self, select: Locator, name: str) -> None:
        """Choose the option that starts with ``name`` ("visit:source — Source")."""
        pattern = re.compile(f"^{re.escape(name)}( —| \\(|$)")
        value = select.locator("option").filter(has_text=pattern).first.get_attribute("value")
        select.select_option(value)

    def choose(self, label: str, name: str) -> None:
        """In the builder's select named ``label``, choose the option starting with ``name``."""
        self.pick(self.builder.get_by_role("combobox", name=label, exact=True), name)

    def add_dimension(self, name: str) -> None:
        self.choose("Dimensions: one to add", name)
        self.builder.get_by_role("button", name="Add the chosen one to Dimensions").click()

    def add_filter(self, kind: str = "Simple filter", to: str = "the filters") -> None:
        self.builder.get_by_role("button", name=f"Add {kind} to {to}", exact=True).click()

    def set_filter(
        self, number: str, *, operator: str = "", dimension: str = "", values: tuple = ()
    ) -> None:
        """Fill in simple filter ``number`` ("1", "2.1"): its operator, dimension, values."""
        if dimension:
            self.choose(f"Filterable dimension of filter {number}", dimension)
        if operator:
            self.choose(f"Filter operator of filter {number}", operator)
        field = self.builder.get_by_role("combobox", name=f"Add to Clauses of filter {number}")
        for value in values:
            field.fill(value)
            field.press("Enter")
            expect(field).to_have_value("")

    def add_sort_key(self, name: str, direction: str) -> None:
        rows = self.part("Ordering").locator("li").count()
        self.builder.get_by_role("button", name="Add a sort key to Ordering").click()
        self.choose(f"Metric or dimension of sort key {rows + 1}", name)
        self.choose(f"Direction of sort key {rows + 1}", direction)

    def read_only_parts(self) -> Locator:
        return self.builder.locator(".sr-pg-b-island")


EDITOR_TEXT = "(root) => root.statsrefWidget.getText()"  # the whole text, seen or not
