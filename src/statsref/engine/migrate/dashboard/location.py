"""Where a dashboard URL points: the instance, the site, a shared link, a details view.

``https://plausible.io/<domain>`` (any host: a self-hosted instance works the same), with the
domain percent-encoded (``example.com%2Fblog`` is the site ``example.com/blog``); a shared link
``/share/<domain>?auth=<secret>``; either may go on with the path of a panel's details view
(``/dummy.site/entry-pages``). An address without a scheme is read as the browser's address
bar shows it (``plausible.io/dummy.site``), one starting with ``/`` as a path alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import SplitResult, unquote

from ..errors import MigrationError
from ..request import split_url

SHARE = "share"
API_PREFIX = "/api/"
NOT_DASHBOARDS = ("sites", "settings", "login", "register", "logout", "billing", "auth", "docs")
"""First path segments of an instance's other pages."""


@dataclass(frozen=True)
class Location:
    origin: str
    """``https://host`` when the URL had one, else empty."""
    site: str
    shared: bool
    view: str | None
    """The path after the site (a details view), if any."""
    query: str
    """The search string, without ``?``."""


def is_dashboard_url(text: str) -> bool:
    """Whether ``text`` is a URL outside the API: a v1 request is ``/api/v1/stats/...``."""
    words = text.split()
    return len(words) == 1 and words[0] != "curl" and API_PREFIX not in _split(words[0]).path


def read_location(text: str) -> Location:
    parts = _split(text.strip())
    segments = [unquote(s) for s in parts.path.split("/") if s]
    origin = f"{parts.scheme or 'https'}://{parts.netloc}" if parts.netloc else ""
    shown = text.strip()
    if not segments or segments[0] in NOT_DASHBOARDS:
        raise MigrationError(
            f"{shown} is not a dashboard: a dashboard URL is https://<instance>/<site domain> or "
            "a shared link https://<instance>/share/<site domain>?auth=..."
        )
    shared = segments[0] == SHARE
    if shared:
        segments = segments[1:]
        if not segments:
            raise MigrationError(f"{shown} names no site: a shared link is /share/<site domain>")
    view = "/".join(segments[1:]) or None
    return Location(origin, segments[0], shared, view, parts.query)


def _split(url: str) -> SplitResult:
    """``url`` split, a host without a scheme read as a host (``plausible.io/dummy.site``)."""
    if "://" in url or url.startswith("/"):
        return split_url(url)
    return split_url(f"//{url}")
