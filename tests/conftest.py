"""Suite-wide collection order.

Playwright's synchronous API keeps an event loop running in the main thread once its browser
fixture starts, and anyio's async tests cannot start their own loop after that. Browser tests
therefore run last, whatever the order pytest found them in.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
