"""The pytest plugin (entry point ``pytest11``: ``statsref``): the mock Stats API as fixtures.

- ``statsref_server``: a real ``statsref serve`` on a free loopback port, one per test session
  (``statsref.testing.server.RunningServer``: ``url``, ``key``, ``now``, ``log``);
- ``statsref_transport``: a ``StatsrefTransport`` for ``httpx.Client``, one per test session.

Both answer under one clock: the ini option ``statsref_now`` (an ISO 8601 datetime with its
UTC offset), else the time the session first used one, so no session sees the day change
under it.
Both accept the demo key and have no rate limit (a session's tests share them). The ini option
``statsref_sites`` names a sites file (relative to the ini file) whose sites they serve
instead of the demo sites.

pytest imports this module in every run of every project that has statsref installed, so it
imports the server stack (a quarter of a second) only when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .server import RunningServer
    from .transport import StatsrefTransport

NOW_OPTION = "statsref_now"
SITES_OPTION = "statsref_sites"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        NOW_OPTION,
        "the clock of the statsref_server and statsref_transport fixtures: an ISO 8601 "
        "datetime with its UTC offset (default: when the session first uses one of them)",
        default="",
    )
    parser.addini(
        SITES_OPTION,
        "a sites file (relative to the ini file) whose sites the statsref_server and "
        "statsref_transport fixtures serve instead of the demo sites",
        default="",
    )


@pytest.fixture(scope="session")
def _statsref_now(pytestconfig: pytest.Config) -> datetime:
    """The fixtures' clock: ``statsref_now``, else the time of first use."""
    from statsref.server.settings import SettingsError, parse_now

    text = str(pytestconfig.getini(NOW_OPTION)).strip()
    try:
        return parse_now(text, NOW_OPTION) if text else datetime.now(UTC)
    except SettingsError as exc:
        pytest.fail(f"ini option {exc}", pytrace=False)


@pytest.fixture(scope="session")
def _statsref_sites(pytestconfig: pytest.Config) -> Path | None:
    """The fixtures' sites file: ``statsref_sites``, read against the ini file's folder, and
    checked once (a bad file fails the session with the loader's message)."""
    from statsref.engine import SitesFileError, read_sites_file

    text = str(pytestconfig.getini(SITES_OPTION)).strip()
    if not text:
        return None
    path = (pytestconfig.inipath.parent if pytestconfig.inipath else Path.cwd()) / text
    try:
        read_sites_file(path)
    except SitesFileError as exc:
        pytest.fail(f"ini option {SITES_OPTION}: {exc}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def statsref_server(
    _statsref_now: datetime,
    _statsref_sites: Path | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningServer]:
    """A real ``statsref serve`` for the whole session: ``.url``, ``.key``, ``.now``."""
    from .server import start_server

    server = start_server(_statsref_now, tmp_path_factory.mktemp("statsref"), sites=_statsref_sites)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def statsref_transport(
    _statsref_now: datetime, _statsref_sites: Path | None
) -> Iterator[StatsrefTransport]:
    """A ``StatsrefTransport`` for the whole session:
    ``httpx.Client(transport=statsref_transport, base_url="https://plausible.io")``."""
    from .transport import StatsrefTransport

    transport = StatsrefTransport(now=_statsref_now, sites=_statsref_sites)
    yield transport
    transport.close()
