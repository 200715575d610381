"""The site's search lands on the name a reader types, not on a page top or an example."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("typed", "page_path", "anchor"),
    [
        ("bounce_rate", "/reference/metrics/", "metric-bounce-rate"),
        ("time:week", "/reference/dimensions/", "dimension-time-week"),
        ("has_done", "/reference/filters/", "operator-has-done"),
        ("28d", "/reference/date-ranges/", "date-range-28d"),
    ],
)
def test_the_first_result_lands_on_the_names_row(
    page: Page, typed: str, page_path: str, anchor: str
) -> None:
    page.goto("/")
    page.locator(".md-search__input").click()
    page.keyboard.type(typed)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    expect(first).to_be_visible()
    href = urlsplit(first.get_attribute("href") or "")
    assert href.path == page_path and parse_qs(href.query)["name"] == [typed]
    results = page.locator(".md-search-result")
    expect(results).not_to_contain_text("Example response")
    expect(results).not_to_contain_text('"results"')
    first.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(page_path)}#{anchor}$"))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
