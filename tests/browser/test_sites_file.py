"""A reader's own sites on the Playground page: a sites file loaded by paste or file picker,
answered by the in-browser mock in its sites' timezone, offered by completion and the builder,
refused with the loader's message when wrong, kept in the tab only, and links that say which
file they need."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .conftest import REPO
from .widget import DOCUMENTED, RUN_TIMEOUT_MS, Widget

pytestmark = pytest.mark.browser

ACME = REPO / "tests" / "fixtures" / "sites" / "acme.toml"  # acme.test, in Asia/Tokyo
WEEK = {"site_id": "acme.test", "metrics": ["visitors", "pageviews"], "date_range": "7d"}
SERVES_ACME = "acme.test (Asia/Tokyo)"
NEEDS_ACME = "This link was made with the sites file acme.toml: load it to run the query."


def loaded(page: Page, *, paste: bool = True) -> Widget:
    """The Playground with acme.toml loaded, pasted (as ``pasted.toml``) or chosen."""
    widget = Widget.playground(page)
    if paste:
        widget.paste_sites(ACME.read_text())
    else:
        widget.choose_sites_file(ACME)
    widget.expect_sites(SERVES_ACME)
    return widget


def test_a_pasted_file_answers_for_its_site_in_its_timezone(
    page: Page, only_loopback: list[str]
) -> None:
    widget = loaded(page)
    expect(widget.sites.locator("summary")).to_contain_text("pasted.toml")
    widget.set_query(json.dumps(WEEK))
    expect(widget.run()).to_have_text("200 OK")
    answer = widget.response_json()
    assert answer["results"] and answer["results"][0]["metrics"][0] > 0
    first, last = answer["query"]["date_range"]
    assert first.endswith("+09:00") and last.endswith("+09:00")
    zones = [url for url in only_loopback if re.search(r"/tzdata-[0-9a-f]+\.zip$", url)]
    assert len(zones) == 1  # Asia/Tokyo is not among the demo sites' zones: fetched once
    assert not [url for url in only_loopback if url.endswith("/python_stdlib.zip")]


def test_a_chosen_file_is_what_completion_and_the_builder_offer(page: Page) -> None:
    widget = loaded(page, paste=False)
    expect(widget.sites.locator("summary")).to_contain_text("acme.toml")
    assert widget.completions('{"site_id": "|"}') == ["acme.test"]
    widget.page.keyboard.press("Escape")
    goal = '{"site_id": "acme.test", "metrics": ["visitors"], "date_range": "7d", '
    offered = widget.completions(goal + '"filters": [["is", "event:goal", ["|"]]]}')
    assert {"Signup", "Purchase", "Read a blog post"} <= set(offered)
    widget.page.keyboard.press("Escape")
    widget.open_builder()
    site = widget.part("Site").get_by_role("combobox")  # a text field with its datalist
    expect(site).to_have_value("acme.test")
    options = widget.part("Site").locator("datalist option")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "acme.test"


def test_a_bad_file_is_refused_with_the_key_path(page: Page) -> None:
    widget = Widget.playground(page)
    widget.paste_sites('[[sites]]\ndomain = "acme.test"\ntimzone = "Asia/Tokyo"\n')
    expect(widget.sites_error()).to_have_text(
        "pasted.toml: sites[0].timzone: unknown key 'timzone'; did you mean 'timezone'?",
        timeout=RUN_TIMEOUT_MS,
    )
    widget.expect_sites("serves the demo sites")
    expect(widget.run()).to_have_text("200 OK")  # the Playground's example, on the demo sites


def test_the_file_stays_in_its_tab_only(page: Page, context: BrowserContext) -> None:
    loaded(page)
    page.reload()
    again = Widget(page, page.locator(".sr-playground.sr-full"))
    again.expect_sites(SERVES_ACME)
    again.set_query(json.dumps(WEEK))
    expect(again.run()).to_have_text("200 OK")
    other = Widget.playground(context.new_page())
    other.expect_sites("serves the demo sites")


def test_the_demo_sites_come_back_and_examples_are_run_not_shown(page: Page) -> None:
    """With a file, an unedited example is computed on the file's sites (its site is not
    there: the API's 401), never answered with its documented response."""
    widget = loaded(page)
    expect(widget.run()).to_have_text(re.compile(r"^401 "))
    expect(widget.where()).not_to_have_text(DOCUMENTED)
    widget.sites.get_by_role("button", name="Use the demo sites").click()
    widget.expect_sites("serves the demo sites")
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text(DOCUMENTED)


def test_the_local_mock_server_keeps_its_own_sites(page: Page) -> None:
    widget = loaded(page)
    widget.run_on("mock")
    assert widget.completions('{"site_id": "|"}')[0] == "dummy.site"
    widget.page.keyboard.press("Escape")
    widget.set_query(json.dumps({**WEEK, "site_id": "dummy.site"}))
    expect(widget.run()).to_have_text("200 OK")
    expect(widget.where()).to_have_text("local mock server")


def test_a_link_made_with_a_file_says_so_where_the_file_is_not_loaded(
    page: Page, context: BrowserContext
) -> None:
    widget = loaded(page, paste=False)
    widget.set_query(json.dumps(WEEK))
    expect(widget.run()).to_have_text("200 OK")
    page.wait_for_function("() => location.hash.includes('sites=acme.toml&sites_hash=')")
    fragment = "#" + page.url.split("#", 1)[1]
    params = parse_qs(fragment[1:])
    assert sorted(params) == ["q", "sites", "sites_hash"]  # the name and a hash, never the file
    assert params["sites"] == ["acme.toml"]
    assert re.fullmatch(r"[0-9a-f]{12}", params["sites_hash"][0])

    elsewhere = Widget.playground(context.new_page(), fragment=fragment)
    notice = elsewhere.root.locator(".sr-pg-sites-needed")
    expect(notice).to_contain_text(NEEDS_ACME)
    elsewhere.root.locator(".sr-pg-run").click()
    expect(notice).to_contain_text(NEEDS_ACME)
    expect(elsewhere.root.locator(".sr-pg-statusline")).to_have_count(0)  # no answer at all
    elsewhere.choose_sites_file(ACME)
    elsewhere.expect_sites(SERVES_ACME)
    expect(elsewhere.run()).to_have_text("200 OK")
    assert elsewhere.response_json()["query"]["site_id"] == "acme.test"
