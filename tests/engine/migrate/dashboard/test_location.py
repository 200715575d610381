"""Where a dashboard URL points: instance, site, shared link, details view."""

from __future__ import annotations

import pytest

from statsref.engine.migrate import MigrationError
from statsref.engine.migrate.dashboard.location import Location, is_dashboard_url, read_location


@pytest.mark.parametrize(
    ("url", "location"),
    [
        (
            "https://plausible.io/dummy.site",
            Location("https://plausible.io", "dummy.site", False, None, ""),
        ),
        (
            "https://stats.example.org/dummy.site/?period=7d",
            Location("https://stats.example.org", "dummy.site", False, None, "period=7d"),
        ),
        (
            "plausible.io/dummy.site?f=is,page,/a",
            Location("https://plausible.io", "dummy.site", False, None, "f=is,page,/a"),
        ),
        ("/dummy.site", Location("", "dummy.site", False, None, "")),
        (
            "http://localhost:8000/example.com%2Fpath%2Fis-really%2Fdeep",
            Location("http://localhost:8000", "example.com/path/is-really/deep", False, None, ""),
        ),
        (
            "https://plausible.io/share/dummy.site?auth=_Y6YOjUl2beUJF_XzG1hk",
            Location(
                "https://plausible.io", "dummy.site", True, None, "auth=_Y6YOjUl2beUJF_XzG1hk"
            ),
        ),
        (
            "https://plausible.io/share/dummy.site/custom-prop-values/plan?auth=x",
            Location(
                "https://plausible.io", "dummy.site", True, "custom-prop-values/plan", "auth=x"
            ),
        ),
        (
            "https://plausible.io/dummy.site/entry-pages",
            Location("https://plausible.io", "dummy.site", False, "entry-pages", ""),
        ),
    ],
)
def test_a_dashboard_url_names_its_site(url: str, location: Location) -> None:
    assert is_dashboard_url(url)
    assert read_location(url) == location


@pytest.mark.parametrize(
    "text",
    [
        "https://plausible.io/api/v1/stats/aggregate?site_id=a",
        "/api/v1/stats/breakdown?site_id=a",
        "plausible.io/api/v2/query",
        "curl https://plausible.io/dummy.site",
        "https://plausible.io/dummy.site and more",
        "",
    ],
)
def test_api_requests_and_commands_are_not_dashboard_urls(text: str) -> None:
    assert not is_dashboard_url(text)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://plausible.io/",
            "is not a dashboard: a dashboard URL is https://<instance>/<site domain>",
        ),
        ("https://plausible.io/sites", "is not a dashboard"),
        ("https://plausible.io/settings/api-keys", "is not a dashboard"),
        ("https://plausible.io/share/", "names no site: a shared link is /share/<site domain>"),
        # A ValueError traceback before: an unclosed IPv6 host
        ("http://[::1/dummy.site", "cannot read the URL: Invalid IPv6 URL"),
    ],
)
def test_what_is_not_a_dashboard_is_an_error(url: str, message: str) -> None:
    with pytest.raises(MigrationError, match=message):
        read_location(url)
