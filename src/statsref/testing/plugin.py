"""The pytest plugin (entry point ``pytest11``: ``statsref``): the mock Stats API as fixtures.

- ``statsref_server``: a real ``statsref serve`` on a free loopback port, one per test session
  (``statsref.testing.server.RunningServer``: ``url``, ``key``, ``now``, ``log``);
- ``statsref_transport``: a ``StatsrefTransport`` for ``httpx.Client``, one per test session.

Both answer under one clock: the ini option ``statsref_now`` (an ISO 8601 datetime with its
UTC offset), else the time the session first used one, so no session sees the day change
under it.
Both accept the demo key and have no rate limit (a session's tests share them).

pytest imports this module in every run of every project that has statsref installed, so it
imports the server stack (a quarter of a second) only when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .server import RunningServer
    from .transport import StatsrefTransport

NOW_OPTION = "statsref_now"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        NOW_OPTION,
        "the clock of the statsref_server and statsref_transport fixtures: an ISO 8601 "
        "datetime with its UTC offset (default: when the session first uses one of them)",
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
def statsref_server(
    _statsref_now: datetime, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """A real ``statsref serve`` for the whole session: ``.url``, ``.key``, ``.now``."""
    from .server import start_server

    server = start_server(_statsref_now, tmp_path_factory.mktemp("statsref"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def statsref_transport(_statsref_now: datetime) -> Iterator[StatsrefTransport]:
    """A ``StatsrefTransport`` for the whole session:
    ``httpx.Client(transport=statsref_transport, base_url="https://plausible.io")``."""
    from .transport import StatsrefTransport

    transport = StatsrefTransport(now=_statsref_now)
    yield transport
    transport.close()
