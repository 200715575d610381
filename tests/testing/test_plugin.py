"""The pytest plugin as a user meets it: pytest run on a project of its own (``pytester``),
with the fixtures found through the ``pytest11`` entry point and the ini option."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

USER_TESTS = """
import httpx
from datetime import datetime

NOW = datetime.fromisoformat("2026-11-02T14:30:00+00:00")
QUERY = {"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"}


def test_the_server_runs_under_the_ini_clock(statsref_server):
    assert (statsref_server.now, statsref_server.key) == (NOW, "demo-key")
    response = httpx.post(
        f"{statsref_server.url}/api/v2/query",
        json=QUERY,
        headers={"Authorization": f"Bearer {statsref_server.key}"},
    )
    assert response.headers["X-Statsref-Clock"] == NOW.isoformat()


def test_the_transport_answers_as_the_server(statsref_transport, statsref_server):
    key = {"Authorization": "Bearer demo-key"}
    with httpx.Client(transport=statsref_transport, base_url="https://plausible.io") as client:
        mine = client.post("/api/v2/query", json=QUERY, headers=key)
    theirs = httpx.post(f"{statsref_server.url}/api/v2/query", json=QUERY, headers=key)
    assert mine.json() == theirs.json()
    assert mine.headers["X-Statsref-Clock"] == NOW.isoformat()
"""


def test_a_users_project_gets_the_fixtures_and_the_ini_clock(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nstatsref_now = 2026-11-02T14:30:00+00:00\n")
    pytester.makepyfile(test_first=USER_TESTS, test_second=USER_TESTS)
    result = pytester.runpytest_subprocess("--setup-show")
    result.assert_outcomes(passed=4)
    setups = [line for line in result.outlines if "SETUP    S statsref_server" in line]
    assert len(setups) == 1  # one server for the whole session


def test_a_bad_ini_clock_is_named(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nstatsref_now = next tuesday\n")
    pytester.makepyfile("def test_it(statsref_transport):\n    pass\n")
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*ini option statsref_now must be an ISO 8601 datetime*got 'next tuesday'*"]
    )


SITES_TESTS = """
import httpx

QUERY = {"site_id": "acme.test", "metrics": ["visitors"], "date_range": "7d"}
KEY = {"Authorization": "Bearer demo-key"}


def test_both_fixtures_serve_the_ini_sites_file(statsref_transport, statsref_server):
    with httpx.Client(transport=statsref_transport, base_url="https://plausible.io") as client:
        mine = client.post("/api/v2/query", json=QUERY, headers=KEY)
    theirs = httpx.post(f"{statsref_server.url}/api/v2/query", json=QUERY, headers=KEY)
    assert mine.status_code == theirs.status_code == 200
    assert mine.json() == theirs.json()
    demo = httpx.post(
        f"{statsref_server.url}/api/v2/query", json={**QUERY, "site_id": "dummy.site"}, headers=KEY
    )
    assert demo.status_code == 401
"""


def test_the_ini_sites_file_replaces_the_demo_sites(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nstatsref_now = 2026-11-02T14:30:00+00:00\nstatsref_sites = config/sites.toml\n"
    )
    pytester.mkdir("config")
    (pytester.path / "config" / "sites.toml").write_text('[[sites]]\ndomain = "acme.test"\n')
    pytester.makepyfile(test_sites=SITES_TESTS)
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_a_bad_ini_sites_file_is_named(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nstatsref_sites = sites.toml\n")
    (pytester.path / "sites.toml").write_text('[[sites]]\ndomain = "acme.test"\ntimzone = "UTC"\n')
    pytester.makepyfile("def test_it(statsref_transport):\n    pass\n")
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*ini option statsref_sites: *sites.toml: sites[[]0[]].timzone: unknown key 'timzone'*"]
    )


def test_the_plugin_is_registered_for_pytest() -> None:
    (plugin,) = entry_points(group="pytest11", name="statsref")
    assert plugin.value == "statsref.testing.plugin"


def test_loading_the_plugin_imports_no_server() -> None:
    """pytest loads it in every run of every project with statsref installed."""
    code = (
        "import sys, statsref.testing, statsref.testing.plugin\n"
        "print(sorted(m for m in ('httpx', 'starlette', 'statsref.server') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
