"""Reading a v1 request: which endpoint, with which query parameters.

A request is a URL (with or without scheme and host) or a ``curl`` command line. Parameters
are decoded as the v1 API's web framework decodes them (``+`` and ``%20`` are spaces) and, as
there, the last of a repeated parameter wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, urlsplit

from .curl import read_curl
from .errors import MigrationError

STATS_PATH = "/api/v1/stats/"
ENDPOINTS = ("aggregate", "timeseries", "breakdown", "realtime/visitors")
V2_PATH = "/api/v2/query"


@dataclass(frozen=True)
class V1Request:
    """``endpoint`` is one of ``ENDPOINTS``; ``origin`` is ``https://host`` when the URL had one."""

    endpoint: str
    params: dict[str, str]
    origin: str = ""


def read_request(text: str, notes: list[str]) -> V1Request:
    """The request ``text`` holds; notes about what was read are appended to ``notes``."""
    text = text.strip()
    if not text:
        raise MigrationError("nothing to convert: paste a Stats API v1 URL or a curl command")
    if text.split(maxsplit=1)[0] == "curl":
        url, data = read_curl(text, notes)
        return _from_url(url, data)
    if any(char.isspace() for char in text):
        raise MigrationError(
            "a URL has no spaces: encode them as %20 or +, or paste the whole curl command"
        )
    return _from_url(text, [])


def split_url(url: str) -> SplitResult:
    """``urlsplit(url)``, or ``MigrationError`` for a URL it cannot read."""
    try:
        return urlsplit(url)
    except ValueError as exc:  # such as an unclosed "[" of an IPv6 host
        raise MigrationError(f"cannot read the URL: {exc}") from None


def _from_url(url: str, data: list[tuple[str, str]]) -> V1Request:
    parts = split_url(url)
    path = parts.path.rstrip("/")
    if path.endswith(V2_PATH):
        raise MigrationError("this is already a Stats API v2 request (POST /api/v2/query)")
    endpoint = path.partition(STATS_PATH)[2]
    if endpoint not in ENDPOINTS:
        shown = path or url
        raise MigrationError(
            f"{shown} is not a Stats API v1 stats endpoint: expected {STATS_PATH}aggregate, "
            "timeseries, breakdown or realtime/visitors"
        )
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    params.update(data)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return V1Request(endpoint, params, origin)
