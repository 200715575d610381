"""The mock Stats API inside your tests: httpx transports and a pytest plugin.

``StatsrefTransport`` (for ``httpx.Client``) and ``AsyncStatsrefTransport`` (for
``httpx.AsyncClient``) answer ``POST /api/v2/query`` with the app ``statsref serve`` runs, in
process. The pytest plugin (``statsref.testing.plugin``, registered through the ``pytest11``
entry point) adds the fixtures ``statsref_server`` (a real ``statsref serve``, see
``statsref.testing.server``) and ``statsref_transport``. The guide is
``docs/guides/testing-your-integration.md``.

pytest imports the plugin, and so this package, in every run of every project that has
statsref installed: the transports (and the server stack behind them, a quarter of a second
to import) are imported on first use of their names, not here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .transport import AsyncStatsrefTransport, StatsrefTransport

__all__ = ["AsyncStatsrefTransport", "StatsrefTransport"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import transport

        return getattr(transport, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
