"""The "Migrating from v1" page: a conversion replaces the query and the answer it had, and its
buttons look and behave like the widget's, the query in the widget marked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .widget import RUN_TIMEOUT_MS, Widget

pytestmark = pytest.mark.browser

COMPARE = (
    "https://plausible.io/api/v1/stats/aggregate?site_id=dummy.site&period=7d"
    "&metrics=visitors&compare=previous_period"
)


def _form(page: Page) -> tuple[Locator, Widget]:
    page.goto("/guides/migrating-from-v1/")
    form = page.locator(".sr-migrate")
    expect(form.locator(".sr-migrate-convert")).to_be_enabled()
    return form, Widget(page, form.locator(".sr-playground"))


def _looks_like_a_button(button: Locator) -> None:
    style = button.evaluate(
        "(b) => { const s = getComputedStyle(b);"
        " return [s.borderTopStyle, s.borderTopWidth, s.borderTopLeftRadius]; }"
    )
    assert style == ["solid", "1px", "4px"], style


def test_a_new_conversion_drops_the_previous_answer(page: Page) -> None:
    form, widget = _form(page)
    expect(widget.root.locator(".sr-pg-tabs")).to_have_text("Response")  # no stray "null"
    expect(widget.run()).to_have_text("200 OK", timeout=RUN_TIMEOUT_MS)
    form.locator(".sr-migrate-input").fill(COMPARE)
    form.locator(".sr-migrate-convert").click()
    queries = form.locator(".sr-migrate-queries button")
    expect(queries).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    expect(widget.root.locator(".sr-pg-statusline")).to_have_count(0)
    expect(widget.root.locator(".sr-pg-runhint")).to_be_visible()
    expect(widget.run()).to_have_text("200 OK")
    queries.nth(1).click()  # the other query: its answer is not the first's
    expect(widget.root.locator(".sr-pg-statusline")).to_have_count(0)


def test_convert_and_the_query_buttons_are_buttons_and_show_the_query_in_the_widget(
    page: Page,
) -> None:
    form, widget = _form(page)
    _looks_like_a_button(form.locator(".sr-migrate-convert"))
    form.locator(".sr-migrate-input").fill(COMPARE)
    form.locator(".sr-migrate-convert").click()
    queries = form.locator(".sr-migrate-queries button")
    expect(queries).to_have_count(2, timeout=RUN_TIMEOUT_MS)
    for index in range(2):
        _looks_like_a_button(queries.nth(index))
    assert queries.evaluate_all("(bs) => bs.map((b) => b.ariaPressed)") == ["true", "false"]
    queries.nth(1).click()
    assert queries.evaluate_all("(bs) => bs.map((b) => b.ariaPressed)") == ["false", "true"]
    second = queries.nth(1).inner_text().split(": ", 1)[1].split(" to ")[0]
    query = widget.root.locator(".sr-pg-static")  # not yet edited: still the static view
    expect(query).to_contain_text(second)
