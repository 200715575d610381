"""Reading a v1 request from a URL or a curl command."""

from __future__ import annotations

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.request import read_request


def read(text: str):
    return read_request(text, [])


def test_a_full_url_gives_endpoint_parameters_and_origin() -> None:
    request = read(
        "https://stats.example.org/api/v1/stats/breakdown/?site_id=a&property=event:page"
    )
    assert request.endpoint == "breakdown"
    assert request.params == {"site_id": "a", "property": "event:page"}
    assert request.origin == "https://stats.example.org"


def test_a_path_alone_is_enough_and_the_last_repeated_parameter_wins() -> None:
    request = read("/api/v1/stats/aggregate?period=day&period=7d&filters=event:goal==Visit+/a%20b")
    assert request.params == {"period": "7d", "filters": "event:goal==Visit /a b"}
    assert request.origin == ""


def test_curl_data_is_added_to_the_url_parameters() -> None:
    request = read("curl -G 'https://x.io/api/v1/stats/timeseries?site_id=a' -d interval=month")
    assert request.endpoint == "timeseries"
    assert request.params == {"site_id": "a", "interval": "month"}


def test_realtime_is_an_endpoint_too() -> None:
    assert read("/api/v1/stats/realtime/visitors?site_id=a").endpoint == "realtime/visitors"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  ", "nothing to convert"),
        ("/api/v2/query", "already a Stats API v2 request"),
        (
            "https://x.io/api/v1/sites?site_id=a",
            "/api/v1/sites is not a Stats API v1 stats endpoint",
        ),
        ("/api/v1/stats/aggregate?filters=event:page==/a b", "a URL has no spaces"),
        ("http://[::1/api/v1/stats/aggregate?site_id=a", "^cannot read the URL: Invalid IPv6 URL$"),
    ],
)
def test_what_is_not_a_v1_request_is_an_error(text: str, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        read(text)
