"""The site's search lands on the name a reader types, not on a page top or an example: the
name's row at the top of the screen once Material is done moving the page (instant navigation,
the search's scroll lock on narrow screens), and it stays there."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

NARROW = {"width": 600, "height": 900}  # below 60em: Material locks the page under its search
TRANSPARENT = "rgba(0, 0, 0, 0)"

# True once Material's search is closed, the page unlocked, and the row's top is in the upper
# quarter of the screen.
LANDED = """(id) => {
  const search = document.querySelector("[data-md-toggle=search]");
  if (search.checked || document.body.hasAttribute("data-md-scrolllock")) return false;
  const top = document.getElementById(id).getBoundingClientRect().top;
  return top >= 0 && top < innerHeight / 4;
}"""


def search(page: Page, typed: str) -> str:
    """Type ``typed`` in the site's search, click the first result; returns its address."""
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():
        opener.click()  # a narrow screen shows the search box behind this button
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(typed)
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    name = re.escape(urlencode({"name": typed}))
    expect(first).to_have_attribute("href", re.compile(rf"[?&]{name}(&|$)"))
    href = first.get_attribute("href") or ""
    first.click()
    return href


def expect_landed(page: Page, page_path: str, anchor: str) -> None:
    """The address names the row's anchor, the row is at the top and highlighted."""
    expect(page).to_have_url(re.compile(rf"{re.escape(page_path)}#{anchor}$"))
    page.wait_for_function(LANDED, arg=anchor)
    page.mouse.move(0, 0)  # off the table: a row under the pointer has a hover colour
    expect(row(page, anchor)).not_to_have_css("background-color", TRANSPARENT)


def row(page: Page, anchor: str) -> Locator:
    return page.locator(f"tr:has(#{anchor})")


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
    href = urlsplit(search(page, typed))
    assert href.path == page_path and parse_qs(href.query)["name"] == [typed]
    results = page.locator(".md-search-result")
    expect(results).not_to_contain_text("Example response")
    expect(results).not_to_contain_text('"results"')
    expect_landed(page, page_path, anchor)


def test_a_second_name_of_the_page_shown_lands_on_its_row(page: Page) -> None:
    page.goto("/")
    search(page, "has_done")
    expect_landed(page, "/reference/filters/", "operator-has-done")
    search(page, "has_not_done")
    expect_landed(page, "/reference/filters/", "operator-has-not-done")
    expect(row(page, "operator-has-done")).to_have_css("background-color", TRANSPARENT)
    page.go_back()
    expect(page).to_have_url(re.compile(r"#operator-has-done$"))


def test_on_a_narrow_screen_the_search_lock_does_not_move_the_row(page: Page) -> None:
    """Material unlocks the page 100 ms after its search closes and scrolls back to where the
    previous page was: from a home page scrolled down, the row still ends at the top."""
    page.set_viewport_size(NARROW)
    page.goto("/")
    page.mouse.wheel(0, 600)
    page.wait_for_function("scrollY > 0")
    search(page, "has_done")
    expect_landed(page, "/reference/filters/", "operator-has-done")


def test_an_address_with_a_name_lands_on_a_full_page_load(page: Page) -> None:
    """A result's address opened in a new tab (no instant navigation) lands too."""
    page.goto("/reference/filters/?name=has_done")
    expect_landed(page, "/reference/filters/", "operator-has-done")
