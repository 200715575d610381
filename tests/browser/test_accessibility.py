"""Pages everyone can read: axe-core (the pinned npm devDependency of ``playground/``) finds no
serious or critical violation of the WCAG 2.0 and 2.1 A and AA rules on any page of the built
site, in the light and the dark palette, nor on the Playground answered with each of its views
open. Each palette reuses one browser context for every page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import REPO
from .widget import Widget

pytestmark = pytest.mark.browser

AXE = REPO / "playground" / "node_modules" / "axe-core" / "axe.min.js"
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = ("serious", "critical")
# Material keeps the reader's palette under "<site path>.__palette" and applies it before the
# page is drawn (the toggle's choice): no colour transition for axe to catch half-way.
PALETTES = {
    "light": {"index": 0, "color": {"scheme": "default", "primary": "indigo", "accent": "indigo"}},
    "dark": {"index": 1, "color": {"scheme": "slate", "primary": "indigo", "accent": "light-blue"}},
}


def site_pages(site: Path) -> list[str]:
    """The address of every page of the built site, the 404 page included."""
    pages = [
        "/" + path.parent.relative_to(site).as_posix() + "/"
        for path in sorted(site.rglob("index.html"))
        if "assets" not in path.relative_to(site).parts
    ]
    return [page.replace("/./", "/") for page in pages] + ["/404.html"]


def violations(page: Page) -> list[str]:
    """axe's serious and critical findings on ``page`` as it is, one line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE)
    found = page.evaluate("(rules) => axe.run(document, rules)", RULES)["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}: {node['target']}"
        for v in found
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


@pytest.fixture(params=PALETTES, scope="module")
def palette(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def palette_page(palette: str, browser: Browser, server: str) -> Iterator[Page]:
    """One page in a context of its own showing the site in ``palette``; CSP bypassed so axe
    can be injected."""
    context = browser.new_context(base_url=server, bypass_csp=True)
    stored = json.dumps(json.dumps(PALETTES[palette]))
    context.add_init_script(f"localStorage.setItem('/.__palette', {stored})")
    yield context.new_page()
    context.close()


def test_every_page_has_no_serious_violation(
    palette: str, palette_page: Page, built_site: Path
) -> None:
    found: list[str] = []
    scheme = PALETTES[palette]["color"]["scheme"]
    for address in site_pages(built_site):
        palette_page.goto(address)
        expect(palette_page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        mine = violations(palette_page)
        print(f"axe {palette} {address}: {len(mine)} serious or critical")
        found += mine
    assert not found, "\n".join(found)


def test_the_answered_playground_has_no_serious_violation(
    palette_page: Page, timeseries: dict
) -> None:
    widget = Widget.answered(palette_page, timeseries["slug"])
    found: list[str] = []
    for view in ("table", "chart", "json", "compare"):
        widget.show_view(view)
        expect(widget.root.locator(f".sr-pg-seg button[data-view='{view}']")).to_have_attribute(
            "aria-pressed", "true"
        )
        found += violations(palette_page)
    assert not found, "\n".join(found)
