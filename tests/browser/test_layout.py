"""Pages read well on a laptop and a phone, in both colour schemes: the Playground's layout,
reference tables as cards on a phone, WCAG contrast measured in the page, and screenshots (kept
where ``STATSREF_SCREENSHOTS`` points, for a person to look at)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .widget import Widget

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
SCHEMES = ("default", "slate")
CONTRAST = (Path(__file__).parent / "contrast.js").read_text()
PAGES = (
    "/",
    "/getting-started/",
    "/reference/request/",
    "/reference/date-ranges/",
    "/reference/metrics/",
    "/reference/dimensions/",
    "/reference/filters/",
    "/reference/ordering/",
    "/reference/response/",
    "/errors/",
    "/guides/mock-server/",
)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("STATSREF_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def use_scheme(page: Page, scheme: str) -> None:
    """Ask for a colour scheme as the reader's system would; Material follows it on load."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def answered_playground(page: Page, timeseries: dict) -> Widget:
    """The Playground with a timeseries example answered by the local server, chart shown."""
    widget = Widget.answered(page, timeseries["slug"])
    widget.show_view("chart")
    return widget


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_playground_side_by_side_on_a_laptop(page: Page, timeseries: dict) -> None:
    page.set_viewport_size(LAPTOP)
    answered_playground(page, timeseries)
    page.evaluate("window.scrollTo(0, 0)")
    editor, output = box(page, ".sr-full .cm-editor"), box(page, ".sr-full .sr-pg-output")
    run = box(page, ".sr-full .sr-pg-run")
    assert editor["y"] < LAPTOP["height"] * 0.35, "the editor starts in the first screen"
    assert run["y"] + run["height"] < LAPTOP["height"], "Run is in the first screen"
    assert output["x"] >= editor["x"] + editor["width"], "the results sit beside the editor"
    assert abs(output["y"] - editor["y"]) < 120
    assert output["width"] > LAPTOP["width"] * 0.35
    no_sideways_scroll(page)


def test_playground_on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    widget = Widget.playground(page)
    editor, run = box(page, ".sr-full .cm-editor"), box(page, ".sr-full .sr-pg-run")
    assert editor["y"] < PHONE["height"] * 0.5, "the editor starts in the first screen"
    assert run["y"] + run["height"] < PHONE["height"], "Run is in the first screen"
    for control in (".sr-pg-run", ".sr-pg-runner", ".cm-editor"):
        found = widget.root.locator(control).bounding_box()
        assert found is not None and found["x"] >= 0 and found["x"] + found["width"] <= 390
    no_sideways_scroll(page)


def test_reference_tables_are_cards_on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/reference/metrics/")
    row = page.locator("table tbody tr").first
    assert row.evaluate("(tr) => getComputedStyle(tr).display") == "block"
    cell = row.locator("td").nth(2)
    label = cell.evaluate("(td) => getComputedStyle(td, '::before').content")
    assert label == '"description"'
    assert page.locator("table thead").first.is_hidden()
    no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_names_are_not_the_smallest_text_of_their_row(page: Page, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto("/reference/metrics/")
    sizes = page.locator("table tbody tr").first.evaluate(
        """(tr) => [...tr.querySelectorAll('td, td *')]
            .filter((el) => el.textContent.trim())
            .map((el) => [el.matches('.sr-anchor code'),
                          parseFloat(getComputedStyle(el).fontSize)])"""
    )
    name = max(size for is_name, size in sizes if is_name)
    assert name >= max(size for is_name, size in sizes if not is_name)
    assert name >= 13


@pytest.mark.parametrize("scheme", SCHEMES)
def test_contrast_of_every_page(page: Page, scheme: str) -> None:
    """Text at 4.5:1 (3:1 when large), control borders, selected markers and chart lines at 3:1."""
    page.set_viewport_size(LAPTOP)
    use_scheme(page, scheme)
    failures = []
    for path in PAGES:
        page.goto(path)
        expect(page.locator(f"body[data-md-color-scheme='{scheme}']")).to_have_count(1)
        content = page.locator(".md-content").element_handle()
        failures += [f"{path}: {failure}" for failure in page.evaluate(CONTRAST, content)]
    assert not failures, "\n".join(failures[:30])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_contrast_of_the_playground_with_results(page: Page, timeseries: dict, scheme: str) -> None:
    page.set_viewport_size(LAPTOP)
    use_scheme(page, scheme)
    widget = answered_playground(page, timeseries)
    widget.editor.click()
    page.keyboard.press("Control+Space")  # the completion list too
    expect(page.locator(".cm-tooltip-autocomplete")).to_be_visible()
    failures = page.evaluate(CONTRAST, page.locator(".md-content").element_handle())
    assert not failures, "\n".join(failures[:30])


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_screenshots(
    page: Page, corpus: list[dict], timeseries: dict, screenshots: Path, viewport: dict, scheme: str
) -> None:
    """The Playground answered, a reference page and an example page, for a person to look at."""
    page.set_viewport_size(viewport)
    use_scheme(page, scheme)
    size = f"{viewport['width']}x{viewport['height']}"
    answered_playground(page, timeseries)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=screenshots / f"playground-{size}-{scheme}.png")
    example = f"/examples/{corpus[0]['slug']}/"
    for path, name in (("/reference/metrics/", "metrics"), (example, "example")):
        page.goto(path)
        page.screenshot(path=screenshots / f"{name}-{size}-{scheme}.png")
    assert len(list(screenshots.glob(f"*-{size}-{scheme}.png"))) == 3
