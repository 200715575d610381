"""The dashboard's two older search forms: JSON→URL ``filters=(...)`` (every ``parseSearch``
and round-trip case of plausible/analytics ``url-search-params-v2.test.ts`` @5be72ac6a9d9) and
the oldest one parameter per filter (``url-search-params-v1.ts``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.dashboard.legacy import (
    is_jsonurl_form,
    is_oldest_form,
    read_jsonurl_form,
    read_oldest_form,
)

from .cases import (
    BROWSER_LANGUAGE,
    CUSTOM_PERIOD,
    CUSTOM_PERIOD_SEARCH,
    LABELLED,
    UTM_TERM_AND_SCREEN,
)


def jsonurl(search: str) -> tuple[list, dict, dict[str, Any], list[str]]:
    notes: list[str] = []
    pairs = parse_qsl(search.removeprefix("?"), keep_blank_values=True)
    return (*read_jsonurl_form(pairs, notes), notes)


def oldest(search: str) -> tuple[list, dict, dict[str, Any], list[str]]:
    notes: list[str] = []
    pairs = parse_qsl(search.removeprefix("?"), keep_blank_values=True)
    return (*read_oldest_form(pairs, notes), notes)


@pytest.mark.parametrize(
    ("search", "filters", "labels", "params"),
    [
        ("?filters=()&arr=(1,2)", [], {}, {"arr": [1, 2]}),
        ("?filters=()&key1=value1&key2=", [], {}, {"key1": "value1", "key2": None}),
        ("?filters=()&key1=value1&key2=value2", [], {}, {"key1": "value1", "key2": "value2"}),
        (
            "?key1=(foo:bar)&filters=((is,screen,(Mobile,Desktop)))",
            [("is", "screen", ["Mobile", "Desktop"])],
            {},
            {"key1": {"foo": "bar"}},
        ),
        (
            "?filters=((is,country,(US)))&labels=(US:United%2BStates)",
            [("is", "country", ["US"])],
            {"US": "United States"},
            {},
        ),
        ("?filters=((is,'props:browser_language',(en-US)))", [BROWSER_LANGUAGE], {}, {}),
        (
            "?filters=((contains,utm_term,(_)),(is,screen,(Desktop,Tablet)),(is,page,"
            f"(/open-source-website-analytics)))&{CUSTOM_PERIOD_SEARCH}",
            [*UTM_TERM_AND_SCREEN, ("is", "page", ["/open-source-website-analytics"])],
            {},
            CUSTOM_PERIOD,
        ),
        (
            "?filters=((is,'props:browser_language',(en-US)),(is,country,(US)),(is,os,(iOS)),"
            "(is,os_version,('17.3')),(is,page,('/:dashboard/settings/general')))"
            "&labels=(US:United%2BStates)",
            [
                *LABELLED,
                ("is", "os_version", ["17.3"]),
                ("is", "page", ["/:dashboard/settings/general"]),
            ],
            {"US": "United States"},
            {},
        ),
        (
            "?filters=((is,utm_source,(hackernewsletter)),(is,utm_campaign,(profile)))"
            "&period=day&keybindHint=D",
            [("is", "utm_source", ["hackernewsletter"]), ("is", "utm_campaign", ["profile"])],
            {},
            {"period": "day", "keybindHint": "D"},
        ),
        (
            "?filters=((contains,utm_term,(_)),(is,page,"
            "(%252Fopen-source%252Fanalytics%252Fencoded-hash%252523)))",
            [
                ("contains", "utm_term", ["_"]),
                ("is", "page", ["/open-source/analytics/encoded-hash%23"]),
            ],
            {},
            {},
        ),
        (
            "?filters=((is,exit_page,(/plausible.io)),(is,source,(Brave)),(is,city,(993800)))"
            "&labels=(993800:Johannesburg)",
            [
                ("is", "exit_page", ["/plausible.io"]),
                ("is", "source", ["Brave"]),
                ("is", "city", ["993800"]),
            ],
            {"993800": "Johannesburg"},
            {},
        ),
        (
            "?filters=((is,'props:foo:bar',(one,two)))&labels=(3448439:S%C3%A3o+Paulo,US:United+States)"
            "&period=realtime&page=10",
            [("is", "props:foo:bar", ["one", "two"])],
            {"3448439": "São Paulo", "US": "United States"},
            {"period": "realtime", "page": 10},
        ),
    ],
)
def test_the_jsonurl_form(search: str, filters: list, labels: dict, params: dict) -> None:
    assert jsonurl(search)[:3] == (filters, labels, params)


def test_the_jsonurl_form_is_the_one_with_filters() -> None:
    assert is_jsonurl_form({"filters": "((is,page,(/a)))"})
    assert not is_jsonurl_form({"filters": ""})
    assert not is_jsonurl_form({"f": "is,page,/a"})


def test_a_jsonurl_filter_without_values_is_dropped_with_a_note() -> None:
    filters, _, _, notes = jsonurl("?filters=((is,page,()),(is,source,(Google)))")
    assert filters == [("is", "source", ["Google"])]
    assert notes == [
        "The filter is page has no values, so the dashboard ignores it; so does the query."
    ]


@pytest.mark.parametrize(
    "search",
    [
        "?filters=(invalid",
        "?filters=(a,b)",
        "?filters=((is,page,/a))",
        "?filters=((is,page,(a)))&labels=(a,b)",
    ],
)
def test_unreadable_jsonurl_filters_are_an_error(search: str) -> None:
    with pytest.raises(MigrationError):
        jsonurl(search)


@pytest.mark.parametrize(
    ("search", "filters", "labels"),
    [
        ("?page=/docs", [("is", "page", ["/docs"])], {}),
        ("?page=!/a\\|/b", [("is_not", "page", ["/a|/b"])], {}),
        ("?page=~blog", [("contains", "page", ["blog"])], {}),
        ("?source=Google|Bing||", [("is", "source", ["Google", "Bing"])], {}),
        (
            "?page=/a|/b&country=US|DE&country_labels=United+States|Germany",
            [("is", "page", ["/a", "/b"]), ("is", "country", ["US", "DE"])],
            {"US": "United States", "DE": "Germany"},
        ),
        ("?city=2950159&city_labels=Berlin", [("is", "city", ["2950159"])], {"2950159": "Berlin"}),
        (
            '?props={"plan":"~pro","logged_in":"true","count":3}',
            [("contains", "props:plan", ["pro"]), ("is", "props:logged_in", ["true"])],
            {},
        ),
        (
            "?goal=Signup&screen=Mobile",
            [("is", "goal", ["Signup"]), ("is", "screen", ["Mobile"])],
            {},
        ),
    ],
)
def test_the_oldest_form(search: str, filters: list, labels: dict) -> None:
    assert oldest(search)[:2] == (filters, labels)


def test_the_oldest_form_keeps_other_parameters_and_notes_what_it_skips() -> None:
    filters, _, params, notes = oldest('?page=&period=7d&props={"count":3}&region_labels=X')
    assert (filters, params) == ([], {"period": "7d"})
    assert notes == [
        'props={"count":3}: the dashboard ignores properties whose value is not a string '
        "(count); so does the query.",
        "The filter is page has no values, so the dashboard ignores it; so does the query.",
    ]


def test_the_oldest_form_is_any_of_its_names() -> None:
    assert is_oldest_form({"period", "exit_page"})
    assert is_oldest_form({"props"})
    assert not is_oldest_form({"period", "date"})


@pytest.mark.parametrize("props", ["not json", "[1]"])
def test_unreadable_props_are_an_error(props: str) -> None:
    with pytest.raises(MigrationError, match="is not a JSON object"):
        oldest(f"?props={props}")
