"""``statsref query``: send a query to the mock server or a live instance and print the answer.

Exit codes: 0 for a successful query, 1 when the endpoint answered with an error (the message
goes to stderr), 2 when no request could be made (unreadable input, no key, connection failed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

import httpx

from statsref.defaults import DEMO_KEY
from statsref.files import QUERY_BYTES, FileError, read_file, read_stream

KEY_VARIABLE = "STATSREF_API_KEY"
QUERY_PATH = "/api/v2/query"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}  # as httpx.URL(...).host gives them
TIMEOUT_SECONDS = 30.0


class ClientError(Exception):
    """A problem before or while sending: the message is printed, the exit code is 2."""


def query_command(args: argparse.Namespace) -> int:
    try:
        body = read_query(args.file)
        key = resolve_key(args.key, args.endpoint)
        response = send(args.endpoint, key, body)
    except ClientError as exc:
        print(f"statsref query: {exc}", file=sys.stderr)
        return 2
    return show(response, table=args.table)


def read_query(source: str) -> Any:
    """The query from a regular file, or from stdin for ``-``, of at most ``QUERY_BYTES``
    (what the server accepts); errors name the file and position.

    A top-level ``"$schema"`` (an editor's pointer to the schema) is dropped: the API rejects it.
    """
    name = "stdin" if source == "-" else source
    try:
        text = (
            read_stream(sys.stdin.buffer, QUERY_BYTES)
            if source == "-"
            else read_file(source, QUERY_BYTES)
        )
    except FileError as exc:
        raise ClientError(f"cannot read {name}: {exc}") from None
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClientError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ClientError(f"{name} is not valid JSON: nested too deeply") from None
    if isinstance(body, dict):
        body.pop("$schema", None)
    return body


def resolve_key(key: str | None, endpoint: str) -> str:
    """``--key``, else ``$STATSREF_API_KEY``, else the demo key when the endpoint is local."""
    key = given_key(key)
    if key:
        return key
    if _host(endpoint) in LOOPBACK_HOSTS:
        return DEMO_KEY
    raise ClientError(f"no API key for {endpoint}: pass --key or set {KEY_VARIABLE}")


def given_key(key: str | None) -> str | None:
    """``--key``, else ``$STATSREF_API_KEY``, else ``None``."""
    return key or os.environ.get(KEY_VARIABLE)


def _host(endpoint: str) -> str:
    try:
        return httpx.URL(endpoint).host
    except httpx.InvalidURL:
        return ""


def query_url(endpoint: str) -> str:
    """The query endpoint under the base URL ``endpoint`` (a trailing slash is dropped)."""
    return endpoint.rstrip("/") + QUERY_PATH


def http_client(key: str) -> httpx.Client:
    """An HTTP client that sends ``key`` as the bearer token (also used by ``examples check
    --endpoint``)."""
    return httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=TIMEOUT_SECONDS)


def send(endpoint: str, key: str, body: Any) -> httpx.Response:
    url = query_url(endpoint)
    try:
        with http_client(key) as http:
            return http.post(url, json=body)
    except httpx.TimeoutException:
        raise ClientError(f"{url} did not answer within {TIMEOUT_SECONDS:g} s") from None
    except httpx.ConnectError:
        raise ClientError(
            f"cannot connect to {endpoint}; is `statsref serve` running, or is --endpoint wrong?"
        ) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ClientError(f"request to {url} failed: {exc}") from None


def show(response: httpx.Response, *, table: bool) -> int:
    """Print a success body (pretty JSON or table) and return 0, or the error and return 1."""
    try:
        body = response.json()
    except ValueError:
        content_type = response.headers.get("content-type", "no content type")
        print(
            f"statsref query: HTTP {response.status_code}: the answer is not JSON ({content_type})",
            file=sys.stderr,
        )
        return 1
    if response.status_code != 200:
        message = body.get("error") if isinstance(body, dict) else None
        print(f"statsref query: HTTP {response.status_code}: {message or body}", file=sys.stderr)
        return 1
    as_table = table and isinstance(body, dict)
    print(format_table(body) if as_table else json.dumps(body, indent=2, ensure_ascii=False))
    return 0


def format_table(body: dict[str, Any]) -> str:
    """Dimension columns then metric columns, named after the echoed query; numbers align right."""
    echoed = body.get("query", {})
    header = [*echoed.get("dimensions", []), *echoed.get("metrics", [])]
    values = [
        [*row.get("dimensions", []), *row.get("metrics", [])] for row in body.get("results", [])
    ]
    width = max([len(header), *map(len, values)])
    header += [""] * (width - len(header))
    values = [row + [None] * (width - len(row)) for row in values]
    cells = [[_cell(value) for value in row] for row in values]
    right = [all(_is_number(row[i]) for row in values) for i in range(width)]
    widths = [
        max(len(text) for text in [header[i], *(row[i] for row in cells)]) for i in range(width)
    ]

    def line(texts: list[str]) -> str:
        return "  ".join(
            text.rjust(size) if align_right else text.ljust(size)
            for text, size, align_right in zip(texts, widths, right, strict=True)
        ).rstrip()

    rows = [line(header), line(["-" * size for size in widths]), *map(line, cells)]
    rows.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(rows)


def _cell(value: Any) -> str:
    """Revenue objects by their ``long`` text, ``null`` as ``-``, everything else as JSON."""
    if isinstance(value, dict) and "long" in value:
        return str(value["long"])
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _is_number(value: Any) -> bool:
    """Metric-like values (numbers, revenue, null) align right; labels align left."""
    if isinstance(value, dict):
        return "long" in value
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))
