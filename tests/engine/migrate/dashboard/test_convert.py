"""Dashboard URLs end to end: every search string of the dashboard's URL tests converts to
the filters it means, every period, comparison, panel and filter name gives queries the mock
answers with 200, and the notes say what the URL holds that the queries do not."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from statsref.engine import Dataset, run_query
from statsref.engine.migrate import MigrationError, convert
from statsref.engine.migrate.dashboard.periods import PERIODS
from statsref.engine.migrate.dashboard.reports import PANELS

from ...pyodide_node import needs_pyodide, run_in_pyodide

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")  # the examples' clock
TODAY = NOW.date()
SITE = "https://plausible.io/dummy.site"


def filters_of(search: str) -> list[Any]:
    (query, *_) = convert(SITE + search, TODAY, now=NOW).queries
    return query.get("filters", [])


@pytest.mark.parametrize(
    ("search", "filters"),
    [
        # url-search-params.test.ts @219d8f674bd6: parseSearch, stringifySearch, redirects
        ("?", []),
        ("?=&&", []),
        ("?=undefined", []),
        ("?foo=", []),
        ("??foo", []),
        ("?f=is,visit:page,/any/page&f", []),
        ("?f=is,props:browser_language,en-US", [["is", "event:props:browser_language", ["en-US"]]]),
        (
            "?f=contains,utm_term,_&f=is,screen,Desktop,Tablet&f=is,page,/open-source/analytics/"
            "encoded-hash%2523,/unencoded-hash%23&period=custom&keybindHint=A&comparison="
            "previous_period&match_day_of_week=false&from=2024-08-08&to=2024-08-10",
            [
                ["contains", "visit:utm_term", ["_"]],
                ["is", "visit:device", ["Desktop", "Tablet"]],
                [
                    "is",
                    "event:page",
                    ["/open-source/analytics/encoded-hash%23", "/unencoded-hash#"],
                ],
            ],
        ),
        (
            "?f=is,props:browser_language,en-US&f=is,country,US&f=is,os,iOS&f=is,os_version,17.3,"
            "16.0&f=is,page,/:dashboard/settings/general&l=US,United%20States",
            [
                ["is", "event:props:browser_language", ["en-US"]],
                ["is", "visit:country", ["US"]],
                ["is", "visit:os", ["iOS"]],
                ["is", "visit:os_version", ["17.3", "16.0"]],
                ["is", "event:page", ["/:dashboard/settings/general"]],
            ],
        ),
        ("?auth=_Y6YOjUl2beUJF_XzG1hk&theme=light&background=%23ee00ee", []),
        ("?keybindHint=Escape&with_imported=true", []),
        (
            "?f=is,page,/blog/:category/:article-name&date=2024-10-10&period=day",
            [["is", "event:page", ["/blog/:category/:article-name"]]],
        ),
        ("?f=is,country,US&l=US,United%20States", [["is", "visit:country", ["US"]]]),
        (
            "?filters=((is,exit_page,(/plausible.io)),(is,source,(Brave)),(is,city,(993800)))"
            "&labels=(993800:Johannesburg)",
            [
                ["is", "visit:exit_page", ["/plausible.io"]],
                ["is", "visit:source", ["Brave"]],
                ["is", "visit:city", [993800]],
            ],
        ),
        (
            "?f=is,exit_page,/plausible.io&f=is,source,Brave&f=is,city,993800&l=993800,"
            "Johannesburg&r=v2",
            [
                ["is", "visit:exit_page", ["/plausible.io"]],
                ["is", "visit:source", ["Brave"]],
                ["is", "visit:city", [993800]],
            ],
        ),
        ("?page=/docs", [["is", "event:page", ["/docs"]]]),
        ("?f=is,page,/docs&r=v1", [["is", "event:page", ["/docs"]]]),
        (
            "?f=is,segment,100&l=segment-100,Eastern%20Europe&auth=foo&embed=true",
            [["is", "segment", [100]]],
        ),
        (
            "?f=contains,entry_page,/forecast/:city,%2C%22'",
            [["contains", "visit:entry_page", ["/forecast/:city", ",\"'"]]],
        ),
        (
            "?f=is,props:complex/prop-with-comma-etc%2C%24%23%25,(none)",
            [["is", "event:props:complex/prop-with-comma-etc,$#%", ["(none)"]]],
        ),
        # url-search-params-v2.test.ts @5be72ac6a9d9
        (
            "?key1=(foo:bar)&filters=((is,screen,(Mobile,Desktop)))",
            [["is", "visit:device", ["Mobile", "Desktop"]]],
        ),
        (
            "?filters=((is,country,(US)))&labels=(US:United%2BStates)",
            [["is", "visit:country", ["US"]]],
        ),
        (
            "?filters=((is,utm_source,(hackernewsletter)),(is,utm_campaign,(profile)))&period=day"
            "&keybindHint=D",
            [
                ["is", "visit:utm_source", ["hackernewsletter"]],
                ["is", "visit:utm_campaign", ["profile"]],
            ],
        ),
    ],
)
def test_every_search_of_the_dashboard_s_tests_converts(search: str, filters: list) -> None:
    assert filters_of(search) == filters


# --------------------------------------------------------------------------- on the mock


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.build(NOW, events=20_000, lazy=True)


def answered(url: str, dataset: Dataset, **options: Any) -> list[dict[str, Any]]:
    conversion = convert(url, TODAY, now=NOW, **options)
    assert conversion.queries, conversion.notes
    for query in conversion.queries:
        status, body = run_query(query, dataset=dataset, now=NOW)
        assert status == 200, (url, query, body)
    return conversion.queries


FILTERS = [
    "f=is,page,/pricing",
    "f=is_not,page,/",
    "f=contains,page,/blog",
    "f=does_not_contain,entry_page,/admin",
    "f=is,exit_page,/pricing",
    "f=is,source,Google,DuckDuckGo",
    "f=is_not,channel,Direct",
    "f=contains,referrer,news",
    "f=is,utm_medium,email&f=is,utm_source,newsletter&f=is,utm_campaign,autumn_launch",
    "f=is,utm_content,header_link&f=is,utm_term,web%20analytics",
    "f=is,screen,Mobile",
    "f=is,browser,Chrome&f=is,browser_version,131.0",
    "f=is,os,Android&f=is,os_version,14",
    "f=is,country,DE&f=is,region,DE-BE&f=is,city,2950159&l=DE,Germany",
    "f=is,hostname,docs.dummy.site",
    "f=is,goal,Signup",
    "f=contains,goal,Visit",
    "f=has_not_done,goal,Signup",
    "f=is,goal,PurchaseUSD&f=is,source,Google",
    "f=is,props:plan,pro%2Cplus,free",
    "f=is,segment,101",
    "f=is,segment,103&l=segment-103,Blog%20readers",
    "f=is,name,pageview",
]


@pytest.mark.parametrize("search", FILTERS)
@pytest.mark.parametrize("panel", [None, "sources", "pages", "countries"])
def test_every_filter_name_runs_in_the_top_row_and_panels(
    search: str, panel: str | None, dataset: Dataset
) -> None:
    answered(f"{SITE}?period=30d&{search}", dataset, panel=panel)


@pytest.mark.parametrize("period", [p for p in PERIODS if p != "realtime"])
@pytest.mark.parametrize("dated", ["", "&date=2026-09-14"])
@pytest.mark.parametrize(
    "comparison",
    ["", "&comparison=previous_period", "&comparison=year_over_year&match_day_of_week=false"],
)
def test_every_period_and_comparison_runs(
    period: str, dated: str, comparison: str, dataset: Dataset
) -> None:
    custom = "&from=2026-09-01&to=2026-09-20" if period == "custom" else ""
    queries = answered(f"{SITE}?period={period}{dated}{custom}{comparison}", dataset)
    assert len(queries) == (2 if comparison and period != "all" else 1)


@pytest.mark.parametrize("panel", [*PANELS, "props:plan"])
@pytest.mark.parametrize("goal", ["", "&f=is,goal,PurchaseUSD"])
def test_every_panel_runs(panel: str, goal: str, dataset: Dataset) -> None:
    (query,) = answered(f"{SITE}?period=28d{goal}", dataset, panel=panel)
    assert query["dimensions"]


def test_a_custom_comparison_runs(dataset: Dataset) -> None:
    url = f"{SITE}?period=7d&comparison=custom&compare_from=2026-10-01&compare_to=2026-10-07"
    queries = answered(url, dataset)
    assert [q["date_range"] for q in queries] == [
        ["2026-10-26", "2026-11-01"],
        ["2026-10-01", "2026-10-07"],
    ]


def test_realtime_is_the_last_30_minutes_and_the_current_visitors(dataset: Dataset) -> None:
    queries = answered(f"{SITE}?period=realtime&f=is,source,Google", dataset)
    assert queries == [
        {
            "site_id": "dummy.site",
            "metrics": ["visitors", "pageviews"],
            "date_range": ["2026-11-02T14:00:00Z", "2026-11-02T14:30:00Z"],
            "filters": [["is", "visit:source", ["Google"]]],
        },
        {
            "site_id": "dummy.site",
            "metrics": ["visitors"],
            "date_range": ["2026-11-02T14:25:00Z", "2026-11-02T14:30:00Z"],
        },
    ]


def test_realtime_without_a_clock_has_no_query_and_says_why() -> None:
    conversion = convert(f"{SITE}?period=realtime", TODAY)
    assert conversion.queries == []
    assert (
        "No clock was given (--today names a day only), so there is no query." in conversion.notes
    )


def test_a_realtime_panel_is_one_query() -> None:
    (query,) = convert(f"{SITE}?period=realtime", TODAY, now=NOW, panel="pages").queries
    assert (query["metrics"], query["dimensions"]) == (["visitors", "percentage"], ["event:page"])


# --------------------------------------------------------------------------- notes


def notes_of(url: str, **options: Any) -> list[str]:
    return convert(url, TODAY, now=NOW, **options).notes


def test_a_shared_link_s_auth_is_not_an_api_key() -> None:
    notes = notes_of("https://plausible.io/share/dummy.site?auth=_Y6YOjUl2beUJF_XzG1hk&embed=true")
    assert any(n.startswith("This is a shared link: its auth= is the link's secret") for n in notes)
    assert "Left out: auth, embed (how the dashboard looks, not its numbers)." in notes


def test_a_shared_link_without_auth_is_read_as_the_site() -> None:
    notes = notes_of("https://plausible.io/share/dummy.site")
    assert any(n.startswith("A shared link without auth= is the old form") for n in notes)


def test_a_self_hosted_instance_gets_its_own_endpoint() -> None:
    notes = notes_of("https://stats.example.org/dummy.site?period=7d")
    assert notes[-1] == (
        "Send each query as the JSON body of POST https://stats.example.org/api/v2/query, with "
        "Authorization: Bearer <your Stats API key>."
    )


def test_without_imported_data_there_is_no_include() -> None:
    url = f"{SITE}?period=7d&with_imported=false&f=is,page,/pricing"
    (query,) = convert(url, TODAY).queries
    assert "include" not in query
    assert query["metrics"] == [
        "visitors",
        "visits",
        "pageviews",
        "bounce_rate",
        "scroll_depth",
        "time_on_page",
    ]


def test_an_unreadable_with_imported_is_true_with_a_note() -> None:
    assert "with_imported=yes is neither true nor false: the dashboard reads true." in notes_of(
        f"{SITE}?with_imported=yes"
    )


def test_unknown_parameters_are_named() -> None:
    assert "The dashboard does not read foo, ?foo; neither does the query." in notes_of(
        f"{SITE}?foo=1&?foo="
    )


def test_an_unknown_site_leaves_revenue_to_the_reader() -> None:
    notes = notes_of("https://plausible.io/example.com?f=is,goal,Signup")
    assert any(n.startswith("If the site has revenue goals") for n in notes)


def test_the_details_view_of_a_url_is_its_panel() -> None:
    conversion = convert(f"{SITE}/custom-prop-values/plan?period=7d", TODAY)
    assert conversion.queries[0]["dimensions"] == ["event:props:plan"]
    assert conversion.notes[0].startswith("The URL opens the details of the props:plan panel")


def test_a_panel_given_wins_over_the_url_s_view() -> None:
    (query,) = convert(f"{SITE}/pages?period=7d", TODAY, panel="sources").queries
    assert query["dimensions"] == ["visit:source"]


@pytest.mark.parametrize(
    ("url", "panel", "message"),
    [
        (
            f"{SITE}?period=7d",
            "referrers",
            "referrers is not a dashboard panel; the panels are sources, channels",
        ),
        (
            f"{SITE}/settings/general",
            None,
            "/settings/general is not a dashboard view this converter knows",
        ),
        ("/api/v1/stats/aggregate?site_id=a", "sources", "a panel is part of a dashboard"),
        (f"{SITE}?period=day&date=2026-13-01", None, "date=2026-13-01 is not a date"),
    ],
)
def test_unusable_input_is_one_line(url: str, panel: str | None, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        convert(url, TODAY, panel=panel)


@needs_pyodide
def test_the_dashboard_converter_runs_in_pyodide(tmp_path: Path) -> None:
    urls = [f"{SITE}?period=7d&f=is,source,Google&comparison=previous_period", f"{SITE}/sites"]
    program = f"""
import json
from datetime import date
from statsref.engine.migrate import MigrationError, convert
today = date.fromisoformat({TODAY.isoformat()!r})
def attempt(text):
    try:
        return convert(text, today, panel="pages").as_json()
    except MigrationError as exc:
        return str(exc)
json.dumps([attempt(url) for url in {json.dumps(urls)}])
"""
    converted, failed = run_in_pyodide(program, tmp_path)  # type: ignore[misc]
    assert converted == convert(urls[0], TODAY, panel="pages").as_json()
    assert failed == "/sites is not a dashboard view this converter knows"
