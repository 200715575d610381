"""``statsref query``: send queries to the mock server or a live instance and print the answers.

The input holds one query, several JSON documents one after the other (what ``statsref
migrate`` prints for a v1 request with ``compare``), or a JSON array of queries; each is sent
in turn and its answer printed in the same order.

Exit codes: 0 when every query succeeded, 1 when the endpoint answered any of them with an
error (the message goes to stderr), 2 when no request could be made (unreadable input, no key,
connection failed).
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
    """Send every query of the input in order; one that cannot be sent stops the rest."""
    try:
        bodies = read_queries(args.file)
        key = resolve_key(args.key, args.endpoint)
    except ClientError as exc:
        print(f"statsref query: {exc}", file=sys.stderr)
        return 2
    codes: list[int] = []
    for number, body in enumerate(bodies, start=1):
        label = f"query {number} of {len(bodies)}: " if len(bodies) > 1 else ""
        try:
            response = send(args.endpoint, key, body)
        except ClientError as exc:
            print(f"statsref query: {label}{exc}", file=sys.stderr)
            return 2
        after_an_answer = 0 in codes  # answers on stdout are separated by a blank line
        codes.append(show(response, table=args.table, label=label, separate=after_an_answer))
    return max(codes)


def read_queries(source: str) -> list[Any]:
    """The queries of a regular file, or of stdin for ``-``, of at most ``QUERY_BYTES`` in all
    (what the server accepts): one JSON document, several one after the other, or an array of
    queries. Errors name the file and position.

    A top-level ``"$schema"`` (an editor's pointer to the schema) is dropped from each query:
    the API rejects it.
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
        documents = _documents(text)
    except json.JSONDecodeError as exc:
        raise ClientError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ClientError(f"{name} is not valid JSON: nested too deeply") from None
    bodies = documents[0] if len(documents) == 1 and isinstance(documents[0], list) else documents
    if not bodies:
        raise ClientError(f"{name} holds no query")
    for body in bodies:
        if isinstance(body, dict):
            body.pop("$schema", None)
    return bodies


def _documents(text: str) -> list[Any]:
    """Every JSON document of ``text``, in order (whitespace may separate them)."""
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    position = 0
    while True:
        position = len(text) - len(text[position:].lstrip())
        if position == len(text):
            return documents
        document, position = decoder.raw_decode(text, position)
        documents.append(document)


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


def contract_client(endpoint: str, key: str | None) -> tuple[httpx.Client, str]:
    """The HTTP client and query URL of a contract test against ``endpoint`` (``examples check``
    and ``validate`` with ``--endpoint``). Unlike ``statsref query``, no demo-key fallback: a
    contract test names its key."""
    key = given_key(key)
    if not key:
        raise ClientError(f"--endpoint needs --key or the {KEY_VARIABLE} variable")
    return http_client(key), query_url(endpoint)


def post_query(http: httpx.Client, url: str, body: Any) -> tuple[int, Any]:
    """``(status, parsed body)`` of one query sent with a contract test's client; a
    ``ClientError`` when no JSON answer came back."""
    try:
        reply = http.post(url, json=body)
    except httpx.HTTPError as exc:
        raise ClientError(f"request to {url} failed: {exc}") from None
    try:
        return reply.status_code, reply.json()
    except ValueError:
        answer = f"status {reply.status_code}, not JSON: {reply.text[:80]!r}"
        raise ClientError(f"{url} answered {answer}") from None


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


def show(response: httpx.Response, *, table: bool, label: str = "", separate: bool = False) -> int:
    """Print a success body (pretty JSON or table; after a blank line when ``separate``) and
    return 0, or the error and return 1; ``label`` says which query of several it is about."""
    prefix = f"statsref query: {label}HTTP {response.status_code}"
    try:
        body = response.json()
    except ValueError:
        content_type = response.headers.get("content-type", "no content type")
        print(f"{prefix}: the answer is not JSON ({content_type})", file=sys.stderr)
        return 1
    if response.status_code != 200:
        message = body.get("error") if isinstance(body, dict) else None
        print(f"{prefix}: {message or body}", file=sys.stderr)
        return 1
    as_table = table and isinstance(body, dict)
    if separate:
        print()
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
