"""Suite-wide collection order, and pytest's own ``pytester`` (the plugin tests of
``tests/testing`` run pytest on a project of their own, as a user would).

Playwright's synchronous API keeps an event loop running in the main thread once its browser
fixture starts, and anyio's async tests cannot start their own loop after that. Browser tests
therefore run last, whatever the order pytest found them in.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
