"""``convert`` end to end: every request of the v1 reference becomes v2 queries the mock
answers with 200, ``compare`` gives the right pair of ranges, and it all runs in Pyodide."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsref.engine import Dataset, run_query
from statsref.engine.migrate import MAX_REQUEST_CHARS, Conversion, MigrationError, convert

from ..pyodide_node import needs_pyodide, run_in_pyodide

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")  # the examples' clock
TODAY = NOW.date()
AUTH = '-H "Authorization: Bearer ${TOKEN}"'


def curl(endpoint: str, query: str) -> str:
    """A request as the v1 reference writes it."""
    return f'curl "https://plausible.io/api/v1/stats/{endpoint}?{query}" \\\n  {AUTH}'


REFERENCE = [
    # The curl commands of the v1 reference (plausible/docs, docs/stats-api-v1.md).
    curl("realtime/visitors", "site_id=$SITE_ID"),
    curl(
        "aggregate",
        "site_id=$SITE_ID&period=6mo&metrics=visitors,pageviews,bounce_rate,visit_duration",
    ),
    curl("timeseries", "site_id=$SITE_ID&period=6mo"),
    curl(
        "breakdown",
        "site_id=$SITE_ID&period=6mo&property=visit:source&metrics=visitors,bounce_rate&limit=5",
    ),
    curl("breakdown", "site_id=$SITE_ID&period=6mo&property=event:page&limit=5"),
    curl(
        "aggregate", "site_id=$SITE_ID&period=6mo&filters=event:page%3D%3D%2Forder%2Fconfirmation"
    ),
    curl("timeseries", "site_id=$SITE_ID&period=6mo&filters=visit:source%3D%3DGoogle"),
    curl(
        "breakdown",
        "site_id=$SITE_ID&period=6mo&property=event:props:method&filters=event:goal%3D%3DDownload",
    ),
    # Its parameters and filter syntax, each in a request of its own.
    *(
        f"/api/v1/stats/aggregate?site_id=$SITE_ID&{query}"
        for query in (
            "period=custom&date=2021-01-01,2021-01-31",
            "period=day&date=2026-10-30&compare=previous_period&metrics=visitors,bounce_rate",
            "period=month&with_imported=true&metrics=visits,views_per_visit,events",
            "period=30d&metrics=conversion_rate&filters=event:goal==Signup",
            "period=7d&metrics=time_on_page&filters=event:page==/blog/*",
            "filters=visit:country!=FR",
            "filters=visit:source==Github|Twitter",
            "filters=event:goal==Signup;visit:country==DE",
            "filters=visit:utm_campaign==campaign\\|one",
            "filters=event:goal==Signup|Visit+/register",
            "filters=event:goal==Visit%20/register",
            "filters=event:goal==Outbound+Link:+Click",
            "filters=event:hostname==*.example.com",
        )
    ),
    "/api/v1/stats/timeseries?site_id=$SITE_ID&period=12mo&interval=date"
    "&metrics=visitors,conversion_rate&filters=event:goal==Signup",
    "/api/v1/stats/breakdown?site_id=$SITE_ID&property=event:goal"
    "&metrics=visitors,conversion_rate&page=2&limit=3",
    "/api/v1/stats/breakdown?site_id=$SITE_ID&property=visit:browser_version"
    "&metrics=visitors,conversion_rate&filters=event:goal==Signup",
]
MOCK_NAMES = {"$SITE_ID": "dummy.site", "Download": "File+Download", "/register": "/pricing"}
"""The reference's placeholders and goals, as the mock site names them."""


def on_the_mock(request: str) -> str:
    for name, mock_name in MOCK_NAMES.items():
        request = request.replace(name, mock_name)
    return request


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.build(NOW, events=20_000, lazy=True)


@pytest.mark.parametrize("request_text", REFERENCE[1:], ids=range(1, len(REFERENCE)))
def test_every_reference_request_answers_200_on_the_mock(
    request_text: str, dataset: Dataset
) -> None:
    conversion = convert(on_the_mock(request_text), TODAY)
    assert conversion.queries
    for query in conversion.queries:
        status, body = run_query(query, dataset=dataset, now=NOW)
        assert status == 200, (query, body)


def test_realtime_converts_to_no_query_and_says_why() -> None:
    conversion = convert(REFERENCE[0], TODAY)
    assert conversion.queries == []
    assert conversion.notes[-1].startswith("Realtime has no v2 equivalent")


def test_compare_answers_a_pair_of_adjacent_ranges(dataset: Dataset) -> None:
    request = "/api/v1/stats/aggregate?site_id=dummy.site&period=7d&compare=previous_period"
    current, previous = convert(request, TODAY).queries
    answers = [
        run_query(q, dataset=dataset, now=NOW)[1]["query"]["date_range"]
        for q in (current, previous)
    ]
    assert answers == [
        ["2026-10-26T00:00:00Z", "2026-11-01T23:59:59Z"],
        ["2026-10-19T00:00:00Z", "2026-10-25T23:59:59Z"],
    ]


def test_a_conversion_in_full() -> None:
    request = (
        "https://plausible.io/api/v1/stats/breakdown?site_id=dummy.site&period=7d"
        "&property=visit:source&metrics=visitors,conversion_rate&filters=event:goal==Signup"
        "&limit=5&page=2"
    )
    conversion = convert(request, TODAY)
    assert conversion.queries == [
        {
            "site_id": "dummy.site",
            "metrics": ["visitors", "group_conversion_rate"],
            "date_range": "7d",
            "filters": [["is", "event:goal", ["Signup"]]],
            "dimensions": ["visit:source"],
            "order_by": [["visitors", "desc"], ["visit:source", "asc"]],
            "pagination": {"limit": 5, "offset": 5},
        }
    ]
    assert len(conversion.notes) == 2
    assert conversion.as_json() == {"queries": conversion.queries, "notes": conversion.notes}


def test_a_note_is_given_once() -> None:
    request = "/api/v1/stats/aggregate?site_id=a&period=day&filters=event:page==/a*;event:page==/b*"
    notes = convert(request, TODAY).notes
    assert len(notes) == len(set(notes))


def test_unreadable_input_raises_one_line() -> None:
    with pytest.raises(MigrationError) as raised:
        convert("/api/v1/stats/breakdown?site_id=a", TODAY)
    assert "\n" not in str(raised.value)


def test_a_request_longer_than_the_cap_is_refused_before_it_is_read() -> None:
    """A 49 MB request took 5.8 s and 1 GB."""
    text = "/api/v1/stats/aggregate?site_id=a&filters=" + "x" * MAX_REQUEST_CHARS
    with pytest.raises(
        MigrationError, match=f"characters; the converter reads at most {MAX_REQUEST_CHARS:,}$"
    ):
        convert(text, TODAY)


ENDPOINTS = ("aggregate", "timeseries", "breakdown", "realtime/visitors")
EDGES = (
    "",
    "0",
    "-1",
    "9" * 5000,
    "0001-01-01",
    "0001-01-03",
    "9999-12-31",
    "0001-01-01,0001-01-05",
    "9999-12-01,9999-12-31",
    "custom",
    "12mo",
    "7d",
    "day",
    "month",
    "previous_period",
    "event:page",
    "visit:city",
    "event:page==/a|b;visit:country!=FR",
    "%",
    "[",
    "\u00e9",
)
PARAMETERS = ("site_id", "period", "date", "compare", "property", "limit", "page", "interval")


@given(
    endpoint=st.sampled_from(ENDPOINTS),
    host=st.sampled_from(("", "https://plausible.io", "http://[::1", "http://[::1]:8000")),
    params=st.dictionaries(st.sampled_from(PARAMETERS), st.sampled_from(EDGES), max_size=6),
    today=st.sampled_from((date.min, date(2026, 11, 2), date.max)),
)
@settings(max_examples=500, deadline=None)
def test_any_request_converts_or_raises_migration_error(
    endpoint: str, host: str, params: dict[str, str], today: date
) -> None:
    """Tracebacks came out of dates past the calendar, long numbers and broken hosts."""
    text = f"{host}/api/v1/stats/{endpoint}?" + "&".join(f"{k}={v}" for k, v in params.items())
    try:
        conversion = convert(text, today)
    except MigrationError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(conversion, Conversion)


@needs_pyodide
def test_the_converter_runs_in_pyodide(tmp_path: Path) -> None:
    requests = [on_the_mock(REFERENCE[3]), "/api/v1/stats/breakdown?site_id=a"]
    program = f"""
import json
from datetime import date
from statsref.engine.migrate import MigrationError, convert
def attempt(text):
    try:
        return convert(text, date({TODAY.year}, {TODAY.month}, {TODAY.day})).as_json()
    except MigrationError as exc:
        return str(exc)
json.dumps([attempt(text) for text in {json.dumps(requests)}])
"""
    converted, failed = run_in_pyodide(program, tmp_path)  # type: ignore[misc]
    assert converted == convert(requests[0], TODAY).as_json()
    assert failed == "a breakdown needs property=<the property to break down by>"
    assert isinstance(Conversion(**converted), Conversion)
