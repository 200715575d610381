"""The dashboard's search string, read as its ``parseSearch`` reads it: every case of its tests
(plausible/analytics ``assets/js/dashboard/util/url-search-params.test.ts`` @219d8f674bd6), as
the search string of a dashboard URL."""

from __future__ import annotations

from typing import Any

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.dashboard.search import CURRENT, JSONURL, OLDEST, Search, read_search

from .cases import (
    BROWSER_LANGUAGE,
    CUSTOM_PERIOD,
    CUSTOM_PERIOD_SEARCH,
    LABELLED,
    UTM_TERM_AND_SCREEN,
)


def read(search: str) -> tuple[Search, list[str]]:
    notes: list[str] = []
    return read_search(search.removeprefix("?"), notes), notes


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        # encodeURIComponentPermissive(input, ',:/'): how a plain parameter is written
        ("10.00.00/1", "10.00.00/1"),
        ("#hashtag", "%23hashtag"),
        ("100$ coupon", "100%24%20coupon"),
        ("Visit /any/page", "Visit%20/any/page"),
        ("A,B,C", "A,B,C"),
        ("props:colon/forward/slash/signs", "props:colon/forward/slash/signs"),
        ("https://example.com/path", "https://example.com/path"),
    ],
)
def test_a_plain_parameter_decodes_to_its_value(value: str, encoded: str) -> None:
    assert read(f"?x={encoded}")[0].params == {"x": value}


@pytest.mark.parametrize(
    ("search", "params"),
    [
        # isSearchEntryDefined: an empty value and the text "undefined" are values
        ("?key=value", {"key": "value"}),
        ("?key=", {"key": ""}),
        ("?anotherKey=undefined", {"anotherKey": "undefined"}),
        # serializeSimpleSearchEntry / parseSimpleSearchEntry
        ("?page-nr=5", {"page-nr": "5"}),
        ("?string-param-resembling-boolean=true", {"string-param-resembling-boolean": True}),
        ("?match-day-of-week=false", {"match-day-of-week": False}),
        ("?with-imported-data=true", {"with-imported-data": True}),
        ("?date-string=2024-12-10", {"date-string": "2024-12-10"}),
        # parseSearch
        ("?", {}),
        ("?=&&", {}),
        ("?=undefined", {}),
        ("?foo=", {"foo": ""}),
        ("??foo", {"?foo": ""}),
    ],
)
def test_plain_parameters(search: str, params: dict[str, Any]) -> None:
    found, _ = read(search)
    assert (found.form, found.filters, found.params) == (CURRENT, [], params)


@pytest.mark.parametrize(
    ("entry", "label"),
    [
        ("US,United%20States", ("US", "United States")),
        ("FR-IDF,%C3%8Ele-de-France", ("FR-IDF", "Île-de-France")),
        ("1254661,Th%C4%81ne", ("1254661", "Thāne")),
    ],
)
def test_labels(entry: str, label: tuple[str, str]) -> None:
    assert read(f"?l={entry}")[0].labels == dict([label])


@pytest.mark.parametrize(
    ("written", "url_filter"),
    [
        (
            "contains,entry_page,/forecast/:city,%2C%22'",
            ("contains", "entry_page", ["/forecast/:city", ",\"'"]),
        ),
        (
            "is,props:complex/prop-with-comma-etc%2C%24%23%25,(none)",
            ("is", "props:complex/prop-with-comma-etc,$#%", ["(none)"]),
        ),
    ],
)
def test_a_filter_and_its_escaped_commas(written: str, url_filter: tuple) -> None:
    assert read(f"?f={written}")[0].filters == [url_filter]


def test_a_filter_without_values_is_left_out_with_a_note() -> None:
    found, notes = read("?f=is,visit:page,/any/page&f")
    assert found.filters == [("is", "visit:page", ["/any/page"])]
    assert notes == ["f= has no values, so the dashboard ignores it; so does the query."]


STRINGIFIED = [
    ("?f=is,props:browser_language,en-US", [BROWSER_LANGUAGE], {}, {}),
    (
        "?f=contains,utm_term,_&f=is,screen,Desktop,Tablet&f=is,page,/open-source/analytics/"
        f"encoded-hash%2523,/unencoded-hash%23&{CUSTOM_PERIOD_SEARCH}",
        [
            *UTM_TERM_AND_SCREEN,
            ("is", "page", ["/open-source/analytics/encoded-hash%23", "/unencoded-hash#"]),
        ],
        {},
        CUSTOM_PERIOD,
    ),
    (
        "?f=is,props:browser_language,en-US&f=is,country,US&f=is,os,iOS&f=is,os_version,17.3,16.0"
        "&f=is,page,/:dashboard/settings/general&l=US,United%20States",
        [
            *LABELLED,
            ("is", "os_version", ["17.3", "16.0"]),
            ("is", "page", ["/:dashboard/settings/general"]),
        ],
        {"US": "United States"},
        {},
    ),
]


@pytest.mark.parametrize(("search", "filters", "labels", "params"), STRINGIFIED)
def test_the_search_strings_the_dashboard_writes(
    search: str, filters: list, labels: dict, params: dict
) -> None:
    assert read(search)[0] == Search(CURRENT, filters, labels, params)


@pytest.mark.parametrize(
    "search",
    [
        "",
        "?auth=_Y6YOjUl2beUJF_XzG1hk&theme=light&background=%23ee00ee",
        "?keybindHint=Escape&with_imported=true",
        "?f=is,page,/blog/:category/:article-name&date=2024-10-10&period=day",
        "?f=is,country,US&l=US,United%20States",
        "?f=is,exit_page,/plausible.io&f=is,source,Brave&f=is,city,993800&l=993800,Johannesburg&r=v2",
        "?f=is,page,/docs&r=v1",
        "?page=/docs&r=v1",  # already redirected: its page= is a plain parameter now
    ],
)
def test_a_modern_search_string_is_read_in_the_current_form(search: str) -> None:
    assert read(search)[0].form == CURRENT


def test_the_jsonurl_form_reads_as_its_redirect_does() -> None:
    legacy, _ = read(
        "?filters=((is,exit_page,(/plausible.io)),(is,source,(Brave)),(is,city,(993800)))"
        "&labels=(993800:Johannesburg)"
    )
    redirected, _ = read(
        "?f=is,exit_page,/plausible.io&f=is,source,Brave&f=is,city,993800&l=993800,Johannesburg&r=v2"
    )
    assert legacy.form == JSONURL
    assert (legacy.filters, legacy.labels) == (redirected.filters, redirected.labels)
    assert redirected.params == {"r": "v2"}


def test_the_oldest_form_reads_as_its_redirect_does() -> None:
    legacy, _ = read("?page=/docs")
    assert (legacy.form, legacy.filters) == (OLDEST, [("is", "page", ["/docs"])])
    assert read("?f=is,page,/docs&r=v1")[0].filters == legacy.filters


def test_a_shared_link_s_enforced_segment() -> None:
    found, _ = read("?f=is,segment,100&l=segment-100,Eastern%20Europe&auth=foo&embed=true")
    assert found == Search(
        CURRENT,
        [("is", "segment", ["100"])],
        {"segment-100": "Eastern Europe"},
        {"auth": "foo", "embed": True},
    )


def test_a_second_equals_sign_ends_the_value_with_a_note() -> None:
    found, notes = read("?period=7d=x")
    assert found.params == {"period": "7d"}
    assert notes == ["The dashboard reads period=7d=x up to its second =, as period=7d."]


@pytest.mark.parametrize("search", ["?f=is,page,%zz", "?period=%C3", "?l=%E0%A4%A,x"])
def test_a_bad_escape_is_an_error_naming_it(search: str) -> None:
    with pytest.raises(MigrationError, match=r"not percent-encoded correctly|does not decode"):
        read(search)
